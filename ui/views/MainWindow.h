#pragma once

#include "common/CancelToken.h"
#include "controllers/AppSettings.h"
#include "profile/Profile.h"

#include <QHash>
#include <QMainWindow>
#include <QProcessEnvironment>
#include <QSet>
#include <QUuid>
#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QFrame;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace rediscope {

struct AuditResult;
struct Error;
class CertificatesView;
class ConsoleView;
class EnvironmentsView;
class FindingsView;
class KeysView;
class OverviewView;
class ProfilePane;
class ProfileResults;
class ProfileSessionController;
class ProfilesController;
class ProtocolsView;
class SecretStore;
class SecretsController;
class ServerView;
class TaskList;
class TaskStatusWidget;

// The main window. Two views: Profiles — the profile tree on the left and, for the selected
// profile, the tabs Overview, Certificates, Findings, Protocols & ciphers, Console, Keys and
// Server — and Environments, the matrix of services × environments (activating a cell selects
// that profile in the Profiles view).
//
// Connections and audits run per profile (ProfileSessionController), Audit All runs every
// profile through Auditor::auditAll; each shows in the status bar with its progress and Cancel.
// The latest results of every profile are kept for the session (ProfileResults): switching
// profiles shows them at once, the tree shows each one's grade and worst severity, the matrix
// every audit. Secrets are resolved off the GUI thread right before they are needed
// (SecretsController) and never reach a widget.
//
// The profiles file is read once and saved after every change (ProfilesController); a file that
// cannot be read, or one of a newer schema, opens read-only with a banner that says why and is
// never written. Geometry, splitter, current tab, view and profile are kept in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    struct Options
    {
        QString profilesPath;                           // empty: ProfileStore::defaultPath()
        std::shared_ptr<SecretStore> secrets;           // null: the OS keychain
        std::optional<QProcessEnvironment> environment; // for env:VAR secrets; default: process
    };

    enum class View
    {
        Profiles,
        Environments,
    };

    enum class Tab
    {
        Overview,
        Certificates,
        Findings,
        Protocols,
        Console,
        Keys,
        Server,
    };

    enum class ActionId
    {
        New,
        Edit,
        Duplicate,
        Delete,
        Connect,
        Audit,
        AuditAll,
        Import,
        Export,
        Report,
        ReportAll,
        Settings,
        Reload,
        Quit,
        ShowProfiles,
        ShowEnvironments,
        DevPkiWizard,
        ClientSnippet,
    };

    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(Options options, QWidget* parent = nullptr);
    ~MainWindow() override;

    QAction* action(ActionId id) const { return m_actions.value(int(id)); }

    View currentView() const;
    void setCurrentView(View view);
    Tab currentTab() const;
    void setCurrentTab(Tab tab);
    // Selects a profile in the Profiles view; false when it is unknown.
    bool selectProfile(const QUuid& profileId);
    QUuid currentProfileId() const;

    // The work of the toolbar's actions, for the selected profile (or all of them).
    void connectProfile(const QUuid& profileId);
    void auditProfile(const QUuid& profileId);
    void auditAll();
    // Saves the report of these profiles' audits (all audited profiles when empty) to `path`;
    // the format follows the extension (.md, .json, .sarif). False (and a message) on failure.
    bool saveReport(const QString& path, const QList<QUuid>& profileIds = {});

    bool isReadOnly() const;
    bool isAuditAllRunning() const { return m_auditAllTask != 0; }
    AppSettings settings() const { return m_settings; }
    void setSettings(const AppSettings& settings);

    ProfilePane* profilePane() const { return m_pane; }
    QTabWidget* tabs() const { return m_tabs; }
    OverviewView* overviewView() const { return m_overview; }
    CertificatesView* certificatesView() const { return m_certificates; }
    FindingsView* findingsView() const { return m_findings; }
    ProtocolsView* protocolsView() const { return m_protocols; }
    ConsoleView* consoleView() const { return m_console; }
    KeysView* keysView() const { return m_keys; }
    ServerView* serverView() const { return m_server; }
    EnvironmentsView* environmentsView() const { return m_environments; }
    QLabel* storeBanner() const { return m_bannerText; }
    TaskList* taskList() const { return m_tasks; }
    TaskStatusWidget* taskStatus() const { return m_taskStatus; }
    ProfilesController* profiles() const { return m_profiles; }
    ProfileResults* results() const { return m_results; }
    SecretsController* secrets() const { return m_secrets; }

Q_SIGNALS:
    // Audit All delivered its results (not emitted when it was cancelled).
    void auditAllFinished(int audited);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    QWidget* createProfilesPage();
    QWidget* createBanner();

    void restoreSettings();
    void saveSettings() const;

    void onProfilesChanged();
    void onStoreStateChanged();
    void onCurrentProfileChanged();
    void onTabChanged();
    void updateActions();
    void updateHeader();
    void showResults();
    void onAuditChanged(const QUuid& profileId);
    void applyAuditAllResults(quint64 request,
                              const std::shared_ptr<const QList<AuditResult>>& results,
                              qsizetype next, const QString& message);

    ProfileSessionController* session(const QUuid& profileId);
    void startSessionTask(const QUuid& profileId, const QString& title);
    void finishSessionTask(const QUuid& profileId);
    void dropSession(const QUuid& profileId);
    void ensureInteractiveTarget();

    void newProfile(const QString& environment = QString(), const QString& service = QString());
    void editProfile(const QUuid& profileId);
    void openEditor(const Profile& profile, bool isNew);
    void duplicateProfile(const QUuid& profileId);
    void deleteProfile(const QUuid& profileId);
    void changeEnvironment(const QUuid& profileId, const QString& environment);
    void copyExport(const QUuid& profileId, bool url);
    void importProfiles();
    void exportProfiles();
    void saveReportInteractively(bool all);
    void showSettings();
    void showDevPkiWizard();
    void showClientSnippet(const QUuid& profileId);
    void showAbout();

    bool refuseWhenReadOnly();
    void showSaveError(const Error& error);
    void showMessage(const QString& text, int timeoutMs = 8000);

    Options m_options;
    AppSettings m_settings;
    QHash<int, QAction*> m_actions;
    QActionGroup* m_viewGroup = nullptr;

    ProfilesController* m_profiles = nullptr;
    ProfileResults* m_results = nullptr;
    SecretsController* m_secrets = nullptr;
    TaskList* m_tasks = nullptr;
    TaskStatusWidget* m_taskStatus = nullptr;
    QLabel* m_keychainStatus = nullptr;

    QFrame* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QPushButton* m_bannerReload = nullptr;
    QStackedWidget* m_stack = nullptr;
    QSplitter* m_splitter = nullptr;
    ProfilePane* m_pane = nullptr;
    QWidget* m_header = nullptr;
    QLabel* m_headerBadge = nullptr;
    QLabel* m_headerTitle = nullptr;
    QLabel* m_headerDetail = nullptr;
    QTabWidget* m_tabs = nullptr;
    OverviewView* m_overview = nullptr;
    CertificatesView* m_certificates = nullptr;
    FindingsView* m_findings = nullptr;
    ProtocolsView* m_protocols = nullptr;
    ConsoleView* m_console = nullptr;
    KeysView* m_keys = nullptr;
    ServerView* m_server = nullptr;
    EnvironmentsView* m_environments = nullptr;

    QHash<QUuid, ProfileSessionController*> m_sessions;
    QHash<QUuid, quint64> m_sessionTasks;
    QSet<QUuid> m_auditing;               // profiles whose running request is an audit
    QHash<QUuid, QString> m_secretErrors; // why the last connect/audit could not start

    QUuid m_interactiveTarget; // the profile the Console and Keys tabs talk to
    QUuid m_interactivePending;
    QUuid m_keysScanned;

    // The splitter is laid out only once the Profiles view shows; until then the sizes read
    // from the settings are the ones to keep.
    QByteArray m_restoredSplitter;
    bool m_splitterShown = false;

    quint64 m_auditAllRequest = 0;
    quint64 m_auditAllTask = 0;
    CancelToken m_auditAllCancel;
};

} // namespace rediscope
