#include "ProfileTreeModel.h"

#include "style/EnvironmentStyle.h"
#include "style/SeverityStyle.h"

#include <QDataStream>
#include <QFont>
#include <QGuiApplication>
#include <QIODevice>
#include <QMimeData>
#include <QSet>
#include <algorithm>
#include <functional>

namespace rediscope {

struct ProfileTreeModel::Node
{
    NodeType type = NodeType::Environment;
    QString key; // environment name, service name, or profile id
    QString environment;
    QString service;
    QUuid profileId;
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        const auto& siblings = parent->children;
        for (size_t i = 0; i < siblings.size(); ++i)
            if (siblings[i].get() == this)
                return int(i);
        return 0;
    }
};

struct ProfileTreeModel::Wanted
{
    NodeType type = NodeType::Environment;
    QString key;
    QString environment;
    QString service;
    QUuid profileId;
    std::vector<Wanted> children;
};

namespace {

bool lessByName(const QString& a, const QString& b)
{
    const int folded = a.compare(b, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a < b;
}

QString profileDisplayName(const Profile& profile)
{
    if (!profile.name.trimmed().isEmpty())
        return profile.name;
    return QStringLiteral("%1:%2").arg(profile.host).arg(profile.port);
}

} // namespace

QString ProfileTreeModel::mimeType()
{
    return QStringLiteral("application/x-rediscope-profile-ids");
}

QString ProfileTreeModel::noServiceLabel()
{
    return tr("(no service)");
}

ProfileTreeModel::ProfileTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    rebuild();
}

ProfileTreeModel::~ProfileTreeModel() = default;

void ProfileTreeModel::setProfiles(const QList<Profile>& profiles)
{
    QHash<QUuid, Profile> previous;
    for (const Profile& profile : std::as_const(m_profiles))
        previous.insert(profile.id, profile);

    m_profiles = profiles;
    m_profileIndex.clear();
    for (qsizetype i = 0; i < m_profiles.size(); ++i)
        m_profileIndex.insert(m_profiles[i].id, i);
    // Audit results of profiles that are gone are forgotten.
    for (auto it = m_audits.begin(); it != m_audits.end();)
        it = m_profileIndex.contains(it.key()) ? std::next(it) : m_audits.erase(it);

    rebuild();

    for (const Profile& profile : std::as_const(m_profiles)) {
        const auto old = previous.constFind(profile.id);
        if (old == previous.constEnd() || *old == profile)
            continue;
        const QModelIndex first = indexForProfileId(profile.id, NameColumn);
        if (first.isValid())
            Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
    }
}

void ProfileTreeModel::setPolicies(const EnvironmentPolicies& policies)
{
    m_policies = policies;
    rebuild();
}

void ProfileTreeModel::setAuditSummary(const QUuid& profileId, const QString& grade,
                                       std::optional<Severity> worst)
{
    if (grade.isEmpty() && !worst)
        m_audits.remove(profileId);
    else
        m_audits.insert(profileId, AuditSummary{grade, worst});
    const QModelIndex index = indexForProfileId(profileId);
    if (!index.isValid())
        return;
    emitRowChanged(nodeFor(index));
    emitAncestorsChanged(nodeFor(index));
}

void ProfileTreeModel::clearAuditSummaries()
{
    m_audits.clear();
    std::function<void(const Node*)> visit = [&](const Node* node) {
        for (const auto& child : node->children) {
            emitRowChanged(child.get());
            visit(child.get());
        }
    };
    visit(m_root.get());
}

EnvironmentPolicy ProfileTreeModel::policyFor(const QString& environment) const
{
    return m_policies.forEnvironment(environment);
}

void ProfileTreeModel::rebuild()
{
    // What the tree should look like.
    QStringList environments = EnvironmentStyle::builtInEnvironments();
    const auto overrides = m_policies.overrides();
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it)
        if (!environments.contains(it.key()))
            environments << it.key();
    for (const Profile& profile : std::as_const(m_profiles))
        if (!environments.contains(profile.environment))
            environments << profile.environment;
    std::sort(environments.begin(), environments.end(), EnvironmentStyle::lessThan);

    std::vector<Wanted> wanted;
    for (const QString& environment : std::as_const(environments)) {
        Wanted env{NodeType::Environment, environment, environment, {}, {}, {}};
        QStringList services;
        for (const Profile& profile : std::as_const(m_profiles))
            if (profile.environment == environment && !services.contains(profile.service))
                services << profile.service;
        std::sort(services.begin(), services.end(), [](const QString& a, const QString& b) {
            if (a.isEmpty() != b.isEmpty())
                return b.isEmpty(); // "(no service)" last
            return lessByName(a, b);
        });
        for (const QString& service : std::as_const(services)) {
            Wanted group{NodeType::Service, service, environment, service, {}, {}};
            QList<const Profile*> members;
            for (const Profile& profile : std::as_const(m_profiles))
                if (profile.environment == environment && profile.service == service)
                    members << &profile;
            std::sort(members.begin(), members.end(), [](const Profile* a, const Profile* b) {
                const QString nameA = profileDisplayName(*a);
                const QString nameB = profileDisplayName(*b);
                if (nameA != nameB)
                    return lessByName(nameA, nameB);
                return a->id.toString() < b->id.toString();
            });
            for (const Profile* profile : std::as_const(members))
                group.children.push_back(Wanted{NodeType::Profile,
                                                profile->id.toString(QUuid::WithoutBraces),
                                                environment,
                                                service,
                                                profile->id,
                                                {}});
            env.children.push_back(std::move(group));
        }
        wanted.push_back(std::move(env));
    }

    sync(m_root.get(), wanted);

    // Aggregated columns (worst severity) of environments and services may have changed.
    for (const auto& env : m_root->children) {
        emitRowChanged(env.get());
        for (const auto& service : env->children)
            emitRowChanged(service.get());
    }
}

void ProfileTreeModel::sync(Node* parent, const std::vector<Wanted>& wanted)
{
    const QModelIndex parentIndex = indexFor(parent);
    auto& children = parent->children;

    // 1. Remove what is no longer wanted, in runs of adjacent rows.
    QSet<QString> keys;
    for (const Wanted& item : wanted)
        keys.insert(item.key);
    for (int last = int(children.size()) - 1; last >= 0;) {
        if (keys.contains(children[size_t(last)]->key)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !keys.contains(children[size_t(first - 1)]->key))
            --first;
        beginRemoveRows(parentIndex, first, last);
        children.erase(children.begin() + first, children.begin() + last + 1);
        endRemoveRows();
        last = first - 1;
    }

    // 2. Put the wanted children in order: keep, move up, or insert.
    for (size_t i = 0; i < wanted.size(); ++i) {
        const Wanted& item = wanted[i];
        if (i < children.size() && children[i]->key == item.key)
            continue;
        size_t found = i + 1;
        while (found < children.size() && children[found]->key != item.key)
            ++found;
        if (found < children.size()) {
            beginMoveRows(parentIndex, int(found), int(found), parentIndex, int(i));
            auto node = std::move(children[found]);
            children.erase(children.begin() + qsizetype(found));
            children.insert(children.begin() + qsizetype(i), std::move(node));
            endMoveRows();
            continue;
        }
        auto node = std::make_unique<Node>();
        node->type = item.type;
        node->key = item.key;
        node->environment = item.environment;
        node->service = item.service;
        node->profileId = item.profileId;
        node->parent = parent;
        beginInsertRows(parentIndex, int(i), int(i));
        children.insert(children.begin() + qsizetype(i), std::move(node));
        endInsertRows();
    }
    Q_ASSERT(children.size() == wanted.size());

    // 3. The same for the children's children.
    for (size_t i = 0; i < wanted.size(); ++i)
        if (wanted[i].type != NodeType::Profile)
            sync(children[i].get(), wanted[i].children);
}

void ProfileTreeModel::emitRowChanged(const Node* node)
{
    const QModelIndex first = indexFor(node, NameColumn);
    if (first.isValid())
        Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
}

void ProfileTreeModel::emitAncestorsChanged(const Node* node)
{
    for (const Node* ancestor = node->parent; ancestor && ancestor != m_root.get();
         ancestor = ancestor->parent) {
        const QModelIndex cell = indexFor(ancestor, SeverityColumn);
        Q_EMIT dataChanged(cell, cell);
    }
}

ProfileTreeModel::Node* ProfileTreeModel::nodeFor(const QModelIndex& index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node*>(index.internalPointer());
}

QModelIndex ProfileTreeModel::indexFor(const Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node*>(node));
}

const Profile* ProfileTreeModel::profileFor(const Node* node) const
{
    if (!node || node->type != NodeType::Profile)
        return nullptr;
    const auto position = m_profileIndex.constFind(node->profileId);
    if (position == m_profileIndex.constEnd())
        return nullptr;
    return &m_profiles[*position];
}

std::optional<Severity> ProfileTreeModel::worstSeverity(const Node* node) const
{
    if (node->type == NodeType::Profile) {
        const auto audit = m_audits.constFind(node->profileId);
        return audit == m_audits.constEnd() ? std::nullopt : audit->worst;
    }
    std::optional<Severity> worst;
    for (const auto& child : node->children) {
        const auto severity = worstSeverity(child.get());
        if (severity && (!worst || *severity > *worst))
            worst = severity;
    }
    return worst;
}

std::optional<Profile> ProfileTreeModel::profileForIndex(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return std::nullopt;
    if (const Profile* profile = profileFor(nodeFor(index)))
        return *profile;
    return std::nullopt;
}

QModelIndex ProfileTreeModel::indexForProfileId(const QUuid& id, int column) const
{
    if (id.isNull() || !m_profileIndex.contains(id))
        return {};
    const QString key = id.toString(QUuid::WithoutBraces);
    for (const auto& env : m_root->children)
        for (const auto& service : env->children)
            for (const auto& profile : service->children)
                if (profile->key == key)
                    return indexFor(profile.get(), column);
    return {};
}

QModelIndex ProfileTreeModel::indexForEnvironment(const QString& environment) const
{
    for (const auto& env : m_root->children)
        if (env->key == environment)
            return indexFor(env.get());
    return {};
}

QModelIndex ProfileTreeModel::indexForService(const QString& environment,
                                              const QString& service) const
{
    const QModelIndex env = indexForEnvironment(environment);
    if (!env.isValid())
        return {};
    for (const auto& child : nodeFor(env)->children)
        if (child->key == service)
            return indexFor(child.get());
    return {};
}

ProfileTreeModel::NodeType ProfileTreeModel::nodeType(const QModelIndex& index) const
{
    return nodeFor(index)->type;
}

QStringList ProfileTreeModel::environments() const
{
    QStringList names;
    for (const auto& env : m_root->children)
        names << env->key;
    return names;
}

QModelIndex ProfileTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const Node* node = nodeFor(parent);
    if (size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex ProfileTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int ProfileTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int ProfileTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant ProfileTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeFor(index);
    const Profile* profile = profileFor(node);
    const auto audit =
        node->type == NodeType::Profile ? m_audits.constFind(node->profileId) : m_audits.constEnd();
    const bool audited = audit != m_audits.constEnd();

    switch (role) {
    case NodeTypeRole:
        return int(node->type);
    case ProfileIdRole:
        return node->type == NodeType::Profile ? QVariant::fromValue(node->profileId) : QVariant();
    case EnvironmentRole:
        return node->environment;
    case ServiceRole:
        return node->type == NodeType::Environment ? QVariant() : QVariant(node->service);
    case NodeKeyRole:
        if (node->type == NodeType::Environment)
            return node->environment;
        if (node->type == NodeType::Service)
            return QString(node->environment + QLatin1Char('/') + node->service);
        return QString(node->environment + QLatin1Char('/') + node->service + QLatin1Char('/') +
                       node->key);
    case SearchTextRole:
        if (!profile)
            return {};
        return QStringList{profile->name, profile->service, profile->host} + profile->tags;
    case WorstSeverityRole: {
        const auto worst = worstSeverity(node);
        return worst ? QVariant(int(*worst)) : QVariant();
    }
    case GradeRole:
        return audited ? audit->grade : QString();
    default:
        break;
    }

    switch (index.column()) {
    case NameColumn:
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            if (node->type == NodeType::Environment)
                return EnvironmentStyle::displayName(node->environment);
            if (node->type == NodeType::Service)
                return node->service.isEmpty() ? noServiceLabel() : node->service;
            return profile ? profileDisplayName(*profile) : QString();
        case Qt::DecorationRole:
            if (node->type == NodeType::Environment)
                return EnvironmentStyle::swatchIcon(policyFor(node->environment));
            return {};
        case Qt::ForegroundRole:
            if (node->type == NodeType::Environment)
                return EnvironmentStyle::legibleTextColour(policyFor(node->environment),
                                                           QGuiApplication::palette());
            return {};
        case Qt::FontRole:
            if (node->type == NodeType::Environment) {
                QFont font;
                font.setBold(true);
                return font;
            }
            if (node->type == NodeType::Service && node->service.isEmpty()) {
                QFont font;
                font.setItalic(true);
                return font;
            }
            return {};
        case Qt::ToolTipRole:
            if (node->type == NodeType::Environment) {
                int count = 0;
                for (const auto& service : node->children)
                    count += int(service->children.size());
                return tr("%1 environment, %n profile(s)\n%2", nullptr, count)
                    .arg(EnvironmentStyle::displayName(node->environment),
                         EnvironmentStyle::policySummary(policyFor(node->environment)));
            }
            if (node->type == NodeType::Service)
                return tr("Service %1 in %2, %n profile(s)", nullptr, int(node->children.size()))
                    .arg(node->service.isEmpty() ? noServiceLabel() : node->service,
                         EnvironmentStyle::displayName(node->environment));
            if (profile) {
                QString tip = tr("%1\n%2:%3, %4")
                                  .arg(profileDisplayName(*profile), profile->host)
                                  .arg(profile->port)
                                  .arg(!profile->tls.enabled     ? tr("no TLS")
                                       : profile->tls.verifyPeer ? tr("TLS, verified")
                                                                 : tr("TLS, not verified"));
                if (!profile->tags.isEmpty())
                    tip += QLatin1Char('\n') +
                           tr("Tags: %1").arg(profile->tags.join(QStringLiteral(", ")));
                return tip;
            }
            return {};
        case Qt::AccessibleTextRole:
            if (node->type == NodeType::Environment)
                return tr("%1 environment").arg(EnvironmentStyle::displayName(node->environment));
            return data(index, Qt::DisplayRole);
        default:
            return {};
        }
    case GradeColumn:
        switch (role) {
        case Qt::DisplayRole:
            return audited ? audit->grade : QString();
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        case Qt::ForegroundRole:
            if (audited && !audit->grade.isEmpty())
                return SeverityStyle::gradeColour(audit->grade, QGuiApplication::palette());
            return {};
        case Qt::FontRole:
            if (audited) {
                QFont font;
                font.setBold(true);
                return font;
            }
            return {};
        case Qt::ToolTipRole:
            return audited && !audit->grade.isEmpty()
                       ? tr("Grade of the last audit: %1").arg(audit->grade)
                       : QVariant();
        default:
            return {};
        }
    case SeverityColumn: {
        const auto worst = worstSeverity(node);
        switch (role) {
        case Qt::DisplayRole:
            if (worst)
                return SeverityStyle::word(*worst);
            return audited ? tr("None") : QString();
        case Qt::DecorationRole:
            if (worst)
                return SeverityStyle::icon(*worst);
            return audited ? QVariant(SeverityStyle::okIcon()) : QVariant();
        case Qt::ToolTipRole:
            if (!worst)
                return audited ? tr("The last audit found nothing") : QVariant();
            return node->type == NodeType::Profile
                       ? tr("Worst finding of the last audit: %1").arg(SeverityStyle::word(*worst))
                       : tr("Worst finding of the profiles below: %1")
                             .arg(SeverityStyle::word(*worst));
        default:
            return {};
        }
    }
    default:
        return {};
    }
}

QVariant ProfileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Profile");
        case GradeColumn:
            return tr("Grade");
        case SeverityColumn:
            return tr("Worst");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("Profiles by environment and service");
        case GradeColumn:
            return tr("TLS grade of the last audit");
        case SeverityColumn:
            return tr("Severity of the worst finding of the last audit");
        default:
            return {};
        }
    }
    return {};
}

Qt::ItemFlags ProfileTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
    if (nodeFor(index)->type == NodeType::Profile)
        flags |= Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
    return flags;
}

QStringList ProfileTreeModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData* ProfileTreeModel::mimeData(const QModelIndexList& indexes) const
{
    QList<QUuid> ids;
    for (const QModelIndex& index : indexes) {
        if (!index.isValid() || index.model() != this)
            continue;
        const Node* node = nodeFor(index);
        if (node->type == NodeType::Profile && !ids.contains(node->profileId))
            ids << node->profileId;
    }
    if (ids.isEmpty())
        return nullptr;
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream << ids;
    auto* data = new QMimeData;
    data->setData(mimeType(), bytes);
    return data;
}

QList<QUuid> ProfileTreeModel::profileIdsFromMime(const QMimeData* data)
{
    if (!data || !data->hasFormat(mimeType()))
        return {};
    QByteArray bytes = data->data(mimeType());
    QDataStream stream(&bytes, QIODevice::ReadOnly);
    QList<QUuid> ids;
    stream >> ids;
    if (stream.status() != QDataStream::Ok)
        return {};
    ids.removeAll(QUuid());
    return ids;
}

QString ProfileTreeModel::targetEnvironment(int row, const QModelIndex& parent) const
{
    Q_UNUSED(row);
    // Onto (or between the children of) an environment, a service or a profile: that
    // environment. Between environments at the top level there is no single target.
    if (!parent.isValid() || parent.model() != this)
        return QString();
    return nodeFor(parent)->environment;
}

bool ProfileTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                       int column, const QModelIndex& parent) const
{
    Q_UNUSED(column);
    if (action != Qt::MoveAction && action != Qt::CopyAction)
        return false;
    const QString environment = targetEnvironment(row, parent);
    if (environment.isEmpty())
        return false;
    const QList<QUuid> ids = profileIdsFromMime(data);
    return std::any_of(ids.cbegin(), ids.cend(), [&](const QUuid& id) {
        const auto position = m_profileIndex.constFind(id);
        return position != m_profileIndex.constEnd() &&
               m_profiles[*position].environment != environment;
    });
}

bool ProfileTreeModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                    int column, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString environment = targetEnvironment(row, parent);
    for (const QUuid& id : profileIdsFromMime(data)) {
        const auto position = m_profileIndex.constFind(id);
        if (position != m_profileIndex.constEnd() &&
            m_profiles[*position].environment != environment)
            Q_EMIT environmentChangeRequested(id, environment);
    }
    // The owner moves the profile (setProfiles); the drag source must not remove anything.
    return true;
}

Qt::DropActions ProfileTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions ProfileTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

} // namespace rediscope
