#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace rediscope {

// Filters a ProfileTreeModel by profile name, service, host and tag, keeping the environment
// and service rows above every match. The text is split into words; a profile matches when
// every word is found (case-insensitively) in one of its fields. A word can be limited to one
// field with a prefix: "name:", "service:", "host:", "tag:", "env:". With no filter text every
// row is shown, empty environments included; with one, environments without a match are hidden.
// Rows keep the source model's order.
class ProfileFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ProfileFilterProxyModel(QObject* parent = nullptr);

    QString filterText() const { return m_text; }
    bool isFiltering() const { return !m_words.isEmpty(); }

public Q_SLOTS:
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    struct Word
    {
        QString field; // empty: any field
        QString text;
    };

    QString m_text;
    QList<Word> m_words;
};

} // namespace rediscope
