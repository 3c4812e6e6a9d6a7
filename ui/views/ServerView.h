#pragma once

#include "audit/AuditResult.h"
#include "views/InspectionPane.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace rediscope {

// The server as it describes itself: every INFO field by section in a searchable table, and
// (after an audit) the TLS- and access-related configuration the audit read with CONFIG GET,
// with what it observed at runtime (plaintext port, commands without AUTH, …). Secret settings
// are never read, so they never appear.
class ServerView : public InspectionPane
{
    Q_OBJECT

public:
    explicit ServerView(QWidget* parent = nullptr);

    void setInspectResult(const InspectResult& result);
    void setAuditResult(const AuditResult& result);
    void clear();

    void setFilterText(const QString& text);
    // The INFO table after filtering (section, field, value).
    QSortFilterProxyModel* infoProxy() const { return m_infoProxy; }
    QStandardItemModel* configModel() const { return m_configModel; }

private:
    void showInfo(const InspectResult& result);
    void showConfig(const AuditResult* result);

    QStandardItemModel* m_infoModel = nullptr;
    QSortFilterProxyModel* m_infoProxy = nullptr;
    QStandardItemModel* m_configModel = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_identity = nullptr;
    QLabel* m_configNote = nullptr;
    QTreeView* m_infoTable = nullptr;
    QTreeView* m_configTable = nullptr;
    bool m_fitInfoColumns = true; // no column widths of an earlier session
    bool m_fitConfigColumns = true;
};

} // namespace rediscope
