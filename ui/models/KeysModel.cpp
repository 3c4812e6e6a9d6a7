#include "KeysModel.h"

#include "cli/CommandTokenizer.h"

#include <QStringDecoder>

namespace rediscope {

KeysModel::KeysModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int KeysModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int KeysModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeysModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const KeyEntry& entry = m_keys.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return displayBytes(entry.key);
        case TypeColumn:
            return entry.type;
        case TtlColumn:
            return ttlText(entry.ttlMs);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn)
            return CommandTokenizer::quote(entry.key);
        if (index.column() == TtlColumn && entry.ttlMs >= 0)
            return tr("Expires in %L1 ms").arg(entry.ttlMs);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TtlColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KeyRole:
        return entry.key;
    case TtlRole:
        return entry.ttlMs;
    default:
        return {};
    }
}

QVariant KeysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TypeColumn:
        return tr("Type");
    case TtlColumn:
        return tr("TTL");
    default:
        return {};
    }
}

bool KeysModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_more && !m_loading;
}

void KeysModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    Q_EMIT fetchMoreRequested();
}

void KeysModel::reset()
{
    beginResetModel();
    m_keys.clear();
    m_seen.clear();
    m_more = true;
    m_loading = true; // the first page is on its way
    endResetModel();
}

void KeysModel::appendPage(const QList<KeyEntry>& keys, bool more)
{
    QList<KeyEntry> fresh;
    for (const KeyEntry& entry : keys)
        if (!m_seen.contains(entry.key)) {
            m_seen.insert(entry.key);
            fresh << entry;
        }
    m_loading = false;
    m_more = more;
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_keys.size()), int(m_keys.size() + fresh.size() - 1));
    m_keys << fresh;
    endInsertRows();
}

void KeysModel::setMoreAvailable(bool more)
{
    m_loading = false;
    m_more = more;
}

void KeysModel::removeKey(const QByteArray& key)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_keys.removeAt(row);
    m_seen.remove(key);
    endRemoveRows();
}

int KeysModel::rowOf(const QByteArray& key) const
{
    for (qsizetype i = 0; i < m_keys.size(); ++i)
        if (m_keys.at(i).key == key)
            return int(i);
    return -1;
}

QString KeysModel::displayBytes(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    bool printable = !decoder.hasError();
    for (qsizetype i = 0; printable && i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\t'))
            continue;
        printable = c.category() != QChar::Other_Control && c != QChar::ReplacementCharacter;
    }
    return printable ? text : CommandTokenizer::quoted(bytes);
}

QString KeysModel::ttlText(qint64 ttlMs)
{
    if (ttlMs == -1)
        return tr("no expiry");
    if (ttlMs < 0)
        return tr("expired");
    if (ttlMs < 1000)
        return tr("%1 ms").arg(ttlMs);
    const qint64 seconds = ttlMs / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

} // namespace rediscope
