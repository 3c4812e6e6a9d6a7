#pragma once

#include "audit/Severity.h"
#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

#include <QHash>
#include <QModelIndex>
#include <QSet>
#include <QUuid>
#include <QWidget>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QTreeView;

namespace rediscope {

class ProfileFilterProxyModel;
class ProfileTreeModel;

// The profile list: a filter box over a tree of environment → service → profile.
//
// The pane never changes a profile itself: every command is a signal carrying the profile id
// (or, for a drop, the id and the new environment), and the owner acts on it and calls
// setProfiles() with the result. The commands are also available as actions (action()), which
// work on the current profile and can be put in menus and toolbars as they are; their
// shortcuts apply while the pane has focus.
//
// Keyboard: Ctrl+F focuses the filter; Down or Return in the filter moves to the first match,
// Escape clears it; in the tree, Return or a double click connects, F2 edits, Ctrl+D
// duplicates, Delete deletes, the menu key opens the context menu.
//
// The pane remembers which environments and services the user collapsed (everything else is
// expanded, new nodes included) and keeps the current profile selected across updates, also
// when it moves to another environment. saveState()/restoreState() carry both across sessions.
class ProfilePane : public QWidget
{
    Q_OBJECT

public:
    enum class Action
    {
        Connect,
        Audit,
        Edit,
        Duplicate,
        ExportUrl,
        ExportRedisCli,
        Delete,
        FocusFilter,
        ClientSnippet,
    };

    explicit ProfilePane(QWidget* parent = nullptr);
    ~ProfilePane() override;

    ProfileTreeModel* model() const { return m_model; }
    ProfileFilterProxyModel* filterModel() const { return m_filter; }
    QTreeView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QAction* action(Action which) const;

    void setProfiles(const QList<Profile>& profiles);
    void setPolicies(const EnvironmentPolicies& policies);
    void setAuditSummary(const QUuid& profileId, const QString& grade,
                         std::optional<Severity> worst);

    // The current profile; a null id when the current row is an environment or a service.
    QUuid currentProfileId() const;
    std::optional<Profile> currentProfile() const;
    // Makes the profile current (clearing a filter that hides it). False when it is unknown.
    bool selectProfile(const QUuid& id);

    bool isCollapsedByUser(const QString& environment, const QString& service = QString()) const;

    QByteArray saveState() const;
    // Restores the collapsed nodes and the current profile (also when the profiles come later).
    bool restoreState(const QByteArray& state);

    // The context menu for a row of view(); what right click and the menu key show.
    QMenu* createContextMenu(const QModelIndex& viewIndex, QWidget* parent);

Q_SIGNALS:
    void currentProfileChanged(const QUuid& profileId); // null when no profile is current
    void connectRequested(const QUuid& profileId);
    void auditRequested(const QUuid& profileId);
    void editRequested(const QUuid& profileId);
    void duplicateRequested(const QUuid& profileId);
    void exportUrlRequested(const QUuid& profileId);
    void exportRedisCliRequested(const QUuid& profileId);
    void clientSnippetRequested(const QUuid& profileId);
    void deleteRequested(const QUuid& profileId);
    // "New profile" on an environment or service row.
    void newProfileRequested(const QString& environment, const QString& service);
    // A profile was dropped onto another environment.
    void environmentChangeRequested(const QUuid& profileId, const QString& environment);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAction* addProfileAction(Action which, const QString& text, const QKeySequence& shortcut,
                              void (ProfilePane::*signal)(const QUuid&));
    void applyExpansion(const QModelIndex& parent = {});
    void onFilterChanged(const QString& text);
    void onCurrentChanged();
    void updateActions();
    void updatePlaceholder();
    void showContextMenu(const QPoint& position);
    void focusFirstMatch();

    ProfileTreeModel* m_model = nullptr;
    ProfileFilterProxyModel* m_filter = nullptr;
    QTreeView* m_view = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QLabel* m_placeholder = nullptr;
    QHash<int, QAction*> m_actions;

    QSet<QString> m_collapsed; // NodeKeyRole of environments and services the user collapsed
    bool m_applyingExpansion = false;
    QUuid m_lastCurrent;
    QUuid m_pendingSelection; // from restoreState, until the profile shows up
};

} // namespace rediscope
