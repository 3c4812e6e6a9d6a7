#pragma once

#include "audit/Finding.h"

#include <QAbstractTableModel>

namespace rediscope {

// The findings of one audit as a table: severity (icon and word), id, title. Sort it through a
// QSortFilterProxyModel with sortRole = SortRole: the severity column sorts by rank (worst is
// the largest; sorted descending, equal ranks keep the order they were set in, which for an
// audit is by id), the others by text. The detail, evidence and remediation are in their roles.
class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SeverityColumn,
        IdColumn,
        TitleColumn,
        ColumnCount,
    };

    enum Role
    {
        SortRole = Qt::UserRole + 1, // severity rank for the severity column, text elsewhere
        SeverityRankRole,            // int: 0 info … 4 critical
        IdRole,
        TitleRole,
        DetailRole,
        EvidenceRole,
        RemediationRole,
        LocationRole, // "file:line", empty when the finding is not about a file
    };

    explicit FindingsModel(QObject* parent = nullptr);

    void setFindings(const QList<Finding>& findings);
    void clear();
    const QList<Finding>& findings() const { return m_findings; }
    const Finding* finding(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "file:line" for a finding located in a file, otherwise empty.
    static QString locationText(const Finding& finding);

private:
    QList<Finding> m_findings;
};

} // namespace rediscope
