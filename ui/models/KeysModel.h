#pragma once

#include "controllers/KeysController.h"

#include <QAbstractTableModel>
#include <QSet>

namespace rediscope {

// The keys a scan found, as a table (key, type, TTL), filled page by page. The model loads
// incrementally: canFetchMore() is true while the scan has more pages and none is being
// loaded, and fetchMore() asks for the next one with fetchMoreRequested() (a view does this on
// its own when scrolled to the end). Keys SCAN reports twice are listed once.
class KeysModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        TypeColumn,
        TtlColumn,
        ColumnCount,
    };
    enum Role
    {
        KeyRole = Qt::UserRole + 1, // the key's bytes (QByteArray)
        TtlRole,                    // PTTL in ms (qint64): -1 none
    };

    explicit KeysModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Empties the table for a new scan (which has pages to come).
    void reset();
    // Appends a page; `more` says whether the scan has further pages.
    void appendPage(const QList<KeyEntry>& keys, bool more);
    // Stops asking for more (the scan failed or was cancelled); `more` as in appendPage.
    void setMoreAvailable(bool more);
    void removeKey(const QByteArray& key);

    bool moreAvailable() const { return m_more; }
    bool isLoading() const { return m_loading; }
    const KeyEntry& entry(int row) const { return m_keys.at(row); }
    int rowOf(const QByteArray& key) const;

    // A key or value for display: as is when it is printable UTF-8, else quoted with escapes.
    static QString displayBytes(const QByteArray& bytes);
    // "no expiry", "45 s", "3 h 12 min", "2 d 4 h".
    static QString ttlText(qint64 ttlMs);

Q_SIGNALS:
    void fetchMoreRequested();

private:
    QList<KeyEntry> m_keys;
    QSet<QByteArray> m_seen;
    bool m_more = false;
    bool m_loading = false;
};

} // namespace rediscope
