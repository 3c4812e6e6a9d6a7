#pragma once

#include "audit/Severity.h"
#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QUuid>
#include <memory>
#include <optional>
#include <vector>

namespace rediscope {

// The profiles as a tree: environment → service → profile. Environments are listed in policy
// order (development, staging, production), then custom ones by name; the three built-ins are
// always present so a profile can be dragged into any of them. Services and profiles are sorted
// by name.
//
// Columns: the name (environments with a colour swatch and their name, profiles with host and
// port in the tooltip), the last audit grade, the worst severity of the last audit (icon + word;
// for environments and services, the worst of the profiles below them).
//
// Updates are incremental: setProfiles() inserts, removes, moves and changes rows rather than
// resetting, so views keep their selection and expansion.
//
// Dragging a profile onto an environment (or onto a service or profile inside it) emits
// environmentChangeRequested(); the model itself never changes a profile — the owner saves it
// through ProfileStore and calls setProfiles() again.
class ProfileTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        GradeColumn,
        SeverityColumn,
        ColumnCount
    };

    enum class NodeType
    {
        Environment,
        Service,
        Profile,
    };

    enum Role
    {
        NodeTypeRole = Qt::UserRole + 1, // int(NodeType)
        ProfileIdRole,                   // QUuid, profiles only
        EnvironmentRole,                 // QString, every node
        ServiceRole,                     // QString, services and profiles
        SearchTextRole,                  // QStringList: name, service, host, tags (profiles)
        WorstSeverityRole,               // int(Severity), or invalid when none
        GradeRole,                       // QString
        NodeKeyRole,                     // QString: stable key of the node ("env/service/id")
    };

    static QString mimeType(); // "application/x-rediscope-profile-ids"

    explicit ProfileTreeModel(QObject* parent = nullptr);
    ~ProfileTreeModel() override;

    void setProfiles(const QList<Profile>& profiles);
    QList<Profile> profiles() const { return m_profiles; }
    // The policies of the profiles file: custom environments defined there are listed even
    // when empty, and their colours are used.
    void setPolicies(const EnvironmentPolicies& policies);
    const EnvironmentPolicies& policies() const { return m_policies; }

    // The last audit of a profile. An empty grade and no severity clear it. Kept across
    // setProfiles() for as long as the profile exists.
    void setAuditSummary(const QUuid& profileId, const QString& grade,
                         std::optional<Severity> worst);
    void clearAuditSummaries();

    std::optional<Profile> profileForIndex(const QModelIndex& index) const;
    QModelIndex indexForProfileId(const QUuid& id, int column = NameColumn) const;
    QModelIndex indexForEnvironment(const QString& environment) const;
    QModelIndex indexForService(const QString& environment, const QString& service) const;
    NodeType nodeType(const QModelIndex& index) const;
    // Environment names in listing order.
    QStringList environments() const;

    // The label of a profile without a service.
    static QString noServiceLabel();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;

    // The profile ids in a drag of this model, in order; empty when the data holds none.
    static QList<QUuid> profileIdsFromMime(const QMimeData* data);

Q_SIGNALS:
    void environmentChangeRequested(const QUuid& profileId, const QString& environment);

private:
    struct Node;
    struct AuditSummary
    {
        QString grade;
        std::optional<Severity> worst;
    };
    struct Wanted;

    Node* nodeFor(const QModelIndex& index) const;
    QModelIndex indexFor(const Node* node, int column = NameColumn) const;
    const Profile* profileFor(const Node* node) const;
    std::optional<Severity> worstSeverity(const Node* node) const;
    EnvironmentPolicy policyFor(const QString& environment) const;
    void rebuild();
    void sync(Node* parent, const std::vector<Wanted>& wanted);
    void emitRowChanged(const Node* node);
    void emitAncestorsChanged(const Node* node);
    QString targetEnvironment(int row, const QModelIndex& parent) const;

    std::unique_ptr<Node> m_root;
    QList<Profile> m_profiles;
    QHash<QUuid, qsizetype> m_profileIndex; // id → position in m_profiles
    EnvironmentPolicies m_policies;
    QHash<QUuid, AuditSummary> m_audits;
};

} // namespace rediscope
