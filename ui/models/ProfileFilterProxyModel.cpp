#include "ProfileFilterProxyModel.h"

#include "models/ProfileTreeModel.h"

#include <QRegularExpression>

namespace rediscope {

ProfileFilterProxyModel::ProfileFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
}

void ProfileFilterProxyModel::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    static const QStringList fields{QStringLiteral("name"), QStringLiteral("service"),
                                    QStringLiteral("host"), QStringLiteral("tag"),
                                    QStringLiteral("env")};
    QList<Word> words;
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    for (const QString& part : text.split(spaces, Qt::SkipEmptyParts)) {
        Word word{QString(), part};
        const qsizetype colon = part.indexOf(QLatin1Char(':'));
        if (colon > 0 && fields.contains(part.left(colon).toLower())) {
            word.field = part.left(colon).toLower();
            word.text = part.mid(colon + 1);
        }
        if (!word.text.isEmpty() || !word.field.isEmpty())
            words << word;
    }
    m_text = text;
    m_words = words;
    invalidateRowsFilter();
}

bool ProfileFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto type =
        ProfileTreeModel::NodeType(index.data(ProfileTreeModel::NodeTypeRole).toInt());
    // Environments and services are shown because of their profiles (recursive filtering).
    if (type != ProfileTreeModel::NodeType::Profile)
        return false;

    const QStringList fields = index.data(ProfileTreeModel::SearchTextRole).toStringList();
    // SearchTextRole: name, service, host, then the tags.
    const QString name = fields.value(0);
    const QString service = fields.value(1);
    const QString host = fields.value(2);
    const QStringList tags = fields.mid(3);
    const QString environment = index.data(ProfileTreeModel::EnvironmentRole).toString();

    const auto contains = [](const QString& haystack, const QString& needle) {
        return haystack.contains(needle, Qt::CaseInsensitive);
    };
    const auto anyTag = [&](const QString& needle) {
        return std::any_of(tags.cbegin(), tags.cend(),
                           [&](const QString& tag) { return contains(tag, needle); });
    };
    for (const Word& word : m_words) {
        bool found = false;
        if (word.field.isEmpty())
            found = contains(name, word.text) || contains(service, word.text) ||
                    contains(host, word.text) || anyTag(word.text);
        else if (word.field == QLatin1String("name"))
            found = contains(name, word.text);
        else if (word.field == QLatin1String("service"))
            found = contains(service, word.text);
        else if (word.field == QLatin1String("host"))
            found = contains(host, word.text);
        else if (word.field == QLatin1String("tag"))
            found = word.text.isEmpty() ? !tags.isEmpty() : anyTag(word.text);
        else if (word.field == QLatin1String("env"))
            found = contains(environment, word.text);
        if (!found)
            return false;
    }
    return true;
}

} // namespace rediscope
