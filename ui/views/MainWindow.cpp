#include "MainWindow.h"

#include "audit/Auditor.h"
#include "common/SecureBytes.h"
#include "controllers/AsyncTask.h"
#include "controllers/ProfileResults.h"
#include "controllers/ProfileSessionController.h"
#include "controllers/ProfilesController.h"
#include "controllers/ReportFile.h"
#include "controllers/SecretsController.h"
#include "controllers/TaskList.h"
#include "dialogs/DevPkiWizard.h"
#include "dialogs/ExportDialog.h"
#include "dialogs/ImportDialog.h"
#include "dialogs/ProfileEditorDialog.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/SnippetDialog.h"
#include "profile/ProfileExport.h"
#include "profile/ProfileStore.h"
#include "secrets/KeychainSecretStore.h"
#include "style/EnvironmentStyle.h"
#include "style/SeverityStyle.h"
#include "views/CertificatesView.h"
#include "views/ConsoleView.h"
#include "views/EnvironmentsView.h"
#include "views/FindingsView.h"
#include "views/KeysView.h"
#include "views/OverviewView.h"
#include "views/ProfilePane.h"
#include "views/ProtocolsView.h"
#include "views/ServerView.h"
#include "views/TaskStatusWidget.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWindow>

namespace rediscope {

namespace {

const QString SettingsGroup = QStringLiteral("MainWindow");

void wipe(QByteArray& secret)
{
    secureWipe(secret);
    secret.clear();
}

void wipe(SecretsController::Outcome& outcome)
{
    if (outcome.secrets) {
        wipe(outcome.secrets->password);
        wipe(outcome.secrets->keyPassphrase);
    }
}

void wipe(AuditTarget& target)
{
    wipe(target.password);
    wipe(target.keyPassphrase);
    wipe(target.profile.inlinePassword);
    wipe(target.profile.inlineKeyPassphrase);
}

QString endpointText(const Profile& profile)
{
    return exportUrl(profile);
}

// A page that needs more room than a small screen gives scrolls instead of widening the window.
QScrollArea* scrollable(QWidget* page, QWidget* parent)
{
    auto* area = new QScrollArea(parent);
    area->setObjectName(
        page->objectName().isEmpty() ? QString() : page->objectName() + QStringLiteral("Scroll"));
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    area->setWidget(page);
    return area;
}

struct AuditAllOutcome
{
    QList<AuditResult> results;
    bool cancelled = false;
};

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(Options{}, parent)
{}

MainWindow::MainWindow(Options options, QWidget* parent)
    : QMainWindow(parent)
    , m_options(std::move(options))
    , m_settings(AppSettings::load())
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Rediscope"));
    if (m_options.profilesPath.isEmpty())
        m_options.profilesPath = ProfileStore::defaultPath();
    if (!m_options.secrets)
        m_options.secrets = std::make_shared<KeychainSecretStore>();

    m_profiles = new ProfilesController(m_options.secrets, this);
    m_results = new ProfileResults(this);
    m_secrets = new SecretsController(m_options.secrets, this);
    if (m_options.environment)
        m_secrets->setEnvironment(*m_options.environment);
    m_tasks = new TaskList(this);

    createActions();

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createBanner());
    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("viewStack"));
    m_stack->addWidget(createProfilesPage());
    m_environments = new EnvironmentsView(m_stack);
    m_stack->addWidget(scrollable(m_environments, m_stack));
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    createMenus();
    createToolBar();

    m_taskStatus = new TaskStatusWidget(m_tasks, this);
    statusBar()->addPermanentWidget(m_taskStatus);
    m_keychainStatus = new QLabel(this);
    m_keychainStatus->setObjectName(QStringLiteral("keychainStatus"));
    m_keychainStatus->setTextFormat(Qt::PlainText);
    m_keychainStatus->hide();
    statusBar()->addPermanentWidget(m_keychainStatus);
    statusBar()->setObjectName(QStringLiteral("statusBar"));

    connect(m_profiles, &ProfilesController::profilesChanged, this, &MainWindow::onProfilesChanged);
    connect(m_profiles, &ProfilesController::storeStateChanged, this,
            &MainWindow::onStoreStateChanged);
    connect(m_profiles, &ProfilesController::secretOperationFailed, this,
            [this](const QString& message) { showMessage(message, 15000); });
    connect(m_results, &ProfileResults::auditChanged, this, &MainWindow::onAuditChanged);
    connect(m_results, &ProfileResults::inspectChanged, this, [this](const QUuid& id) {
        if (id == currentProfileId())
            showResults();
    });
    connect(m_results, &ProfileResults::auditChanged, this, &MainWindow::updateActions);
    connect(
        m_secrets, &SecretsController::keychainUnavailable, this, [this](const QString& message) {
            const QString text = tr("%1 Secrets are asked for each session instead.").arg(message);
            showMessage(text, 20000);
            m_keychainStatus->setText(tr("No keychain: secrets are asked"));
            m_keychainStatus->setToolTip(text);
            m_keychainStatus->show();
        });
    connect(m_tasks, &TaskList::changed, this, &MainWindow::updateActions);

    connect(m_pane, &ProfilePane::currentProfileChanged, this,
            &MainWindow::onCurrentProfileChanged);
    connect(m_pane, &ProfilePane::connectRequested, this, &MainWindow::connectProfile);
    connect(m_pane, &ProfilePane::auditRequested, this, &MainWindow::auditProfile);
    connect(m_pane, &ProfilePane::editRequested, this, &MainWindow::editProfile);
    connect(m_pane, &ProfilePane::duplicateRequested, this, &MainWindow::duplicateProfile);
    connect(m_pane, &ProfilePane::deleteRequested, this, &MainWindow::deleteProfile);
    connect(m_pane, &ProfilePane::exportUrlRequested, this,
            [this](const QUuid& id) { copyExport(id, true); });
    connect(m_pane, &ProfilePane::exportRedisCliRequested, this,
            [this](const QUuid& id) { copyExport(id, false); });
    connect(m_pane, &ProfilePane::clientSnippetRequested, this, &MainWindow::showClientSnippet);
    connect(m_pane, &ProfilePane::newProfileRequested, this, &MainWindow::newProfile);
    connect(m_pane, &ProfilePane::environmentChangeRequested, this, &MainWindow::changeEnvironment);
    connect(m_environments, &EnvironmentsView::profileActivated, this, [this](const QUuid& id) {
        setCurrentView(View::Profiles);
        selectProfile(id);
    });
    connect(m_overview, &OverviewView::showFindingsRequested, this,
            [this] { setCurrentTab(Tab::Findings); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);

    m_profiles->open(m_options.profilesPath);
    restoreSettings();
    onCurrentProfileChanged();
}

MainWindow::~MainWindow()
{
    // Everything still running is cancelled; late results are dropped with their watchers.
    m_auditAllCancel.cancel();
    m_tasks->cancelAll();
}

// ---------------------------------------------------------------------------------------------
// Construction

void MainWindow::createActions()
{
    const auto make = [this](ActionId id, const QString& text, const QString& objectName,
                             const QString& icon, const QList<QKeySequence>& shortcuts,
                             const QString& tip, auto slot) {
        auto* action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(objectName);
        action->setShortcuts(shortcuts);
        action->setShortcutContext(Qt::WindowShortcut);
        QString toolTip = tip;
        if (!shortcuts.isEmpty())
            toolTip =
                tr("%1 (%2)").arg(tip, shortcuts.constFirst().toString(QKeySequence::NativeText));
        action->setToolTip(toolTip);
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_actions.insert(int(id), action);
        return action;
    };
    using K = QKeySequence;
    make(ActionId::New, tr("&New Profile…"), QStringLiteral("actionNew"),
         QStringLiteral("document-new"), K::keyBindings(K::New), tr("Create a profile"),
         [this] { newProfile(); });
    make(ActionId::Edit, tr("&Edit Profile…"), QStringLiteral("actionEdit"),
         QStringLiteral("document-edit"), {K(Qt::Key_F2)}, tr("Edit the selected profile"),
         [this] { editProfile(currentProfileId()); });
    make(ActionId::Duplicate, tr("D&uplicate Profile"), QStringLiteral("actionDuplicate"),
         QStringLiteral("edit-copy"), {}, tr("Copy the selected profile"),
         [this] { duplicateProfile(currentProfileId()); });
    make(ActionId::Delete, tr("&Delete Profile…"), QStringLiteral("actionDelete"),
         QStringLiteral("edit-delete"), {}, tr("Delete the selected profile"),
         [this] { deleteProfile(currentProfileId()); });
    make(ActionId::Connect, tr("&Connect"), QStringLiteral("actionConnect"),
         QStringLiteral("network-connect"), {K(Qt::CTRL | Qt::Key_Return)},
         tr("Connect to the selected profile's server and show what it negotiated"),
         [this] { connectProfile(currentProfileId()); });
    make(ActionId::Audit, tr("&Audit"), QStringLiteral("actionAudit"),
         QStringLiteral("security-high"), {K(Qt::CTRL | Qt::SHIFT | Qt::Key_A)},
         tr("Audit the selected profile: connection, configuration, TLS probe and checks"),
         [this] { auditProfile(currentProfileId()); });
    make(ActionId::AuditAll, tr("Audit A&ll"), QStringLiteral("actionAuditAll"),
         QStringLiteral("view-refresh"), {K(Qt::CTRL | Qt::ALT | Qt::Key_A)},
         tr("Audit every profile and compare each service's environments"), [this] { auditAll(); });
    make(ActionId::Import, tr("&Import…"), QStringLiteral("actionImport"),
         QStringLiteral("document-import"), {K(Qt::CTRL | Qt::Key_I)},
         tr("Import profiles from URLs, redis-cli command lines or other tools' exports"),
         [this] { importProfiles(); });
    make(ActionId::Export, tr("E&xport…"), QStringLiteral("actionExport"),
         QStringLiteral("document-export"), {K(Qt::CTRL | Qt::Key_E)},
         tr("Export the selected profile as a URL, a redis-cli command or a profiles file, "
            "without secrets"),
         [this] { exportProfiles(); });
    make(ActionId::Report, tr("Save &Report…"), QStringLiteral("actionReport"),
         QStringLiteral("document-save-as"), {K(Qt::CTRL | Qt::Key_R)},
         tr("Save the selected profile's audit (or every audit) as Markdown, JSON or SARIF"),
         [this] { saveReportInteractively(false); });
    make(ActionId::ReportAll, tr("Save Report of All &Audits…"), QStringLiteral("actionReportAll"),
         QStringLiteral("document-save-all"), {K(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
         tr("Save every audit of this session as one report"),
         [this] { saveReportInteractively(true); });
    QList<K> preferences = K::keyBindings(K::Preferences);
    if (preferences.isEmpty())
        preferences = {K(Qt::CTRL | Qt::Key_Comma)};
    make(ActionId::Settings, tr("&Settings…"), QStringLiteral("actionSettings"),
         QStringLiteral("preferences-system"), preferences, tr("Probe, parallelism and timeouts"),
         [this] { showSettings(); });
    m_actions.value(int(ActionId::Settings))->setMenuRole(QAction::PreferencesRole);
    make(ActionId::Reload, tr("Re&load Profiles File"), QStringLiteral("actionReload"),
         QStringLiteral("view-refresh"), {}, tr("Read the profiles file again"),
         [this] { m_profiles->reload(); });
    make(ActionId::Quit, tr("&Quit"), QStringLiteral("actionQuit"),
         QStringLiteral("application-exit"), K::keyBindings(K::Quit), tr("Quit Rediscope"),
         [this] { close(); });
    m_actions.value(int(ActionId::Quit))->setMenuRole(QAction::QuitRole);

    make(ActionId::DevPkiWizard, tr("Secure &Dev Setup…"), QStringLiteral("actionDevPkiWizard"),
         QStringLiteral("security-medium"), {},
         tr("Generate a local CA, server and client certificates, the matching redis.conf and "
            "Dragonfly flags, and a profile"),
         [this] { showDevPkiWizard(); });
    make(ActionId::ClientSnippet, tr("Client &Snippet…"), QStringLiteral("actionClientSnippet"),
         QStringLiteral("text-x-script"), {},
         tr("The selected profile's TLS configuration for a Redis client library, without "
            "secrets"),
         [this] { showClientSnippet(currentProfileId()); });

    m_viewGroup = new QActionGroup(this);
    auto* profiles = make(ActionId::ShowProfiles, tr("&Profiles"),
                          QStringLiteral("actionShowProfiles"), QStringLiteral("view-list-tree"),
                          {K(Qt::CTRL | Qt::Key_1)}, tr("Profiles and the selected one's details"),
                          [this] { setCurrentView(View::Profiles); });
    auto* environments = make(
        ActionId::ShowEnvironments, tr("&Environments"), QStringLiteral("actionShowEnvironments"),
        QStringLiteral("view-grid"), {K(Qt::CTRL | Qt::Key_2)},
        tr("Every service across its environments, with the drift between them"),
        [this] { setCurrentView(View::Environments); });
    for (QAction* action : {profiles, environments}) {
        action->setCheckable(true);
        m_viewGroup->addAction(action);
    }
    profiles->setChecked(true);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(ActionId::New));
    file->addAction(action(ActionId::Import));
    file->addAction(action(ActionId::Export));
    file->addSeparator();
    file->addAction(action(ActionId::Report));
    file->addAction(action(ActionId::ReportAll));
    file->addSeparator();
    file->addAction(action(ActionId::Reload));
    file->addSeparator();
    file->addAction(action(ActionId::Quit));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(action(ActionId::Edit));
    edit->addAction(action(ActionId::Duplicate));
    edit->addAction(action(ActionId::Delete));
    edit->addSeparator();
    edit->addAction(action(ActionId::Settings));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(action(ActionId::ShowProfiles));
    view->addAction(action(ActionId::ShowEnvironments));

    QMenu* profile = menuBar()->addMenu(tr("&Profile"));
    profile->addAction(action(ActionId::Connect));
    profile->addAction(action(ActionId::Audit));
    profile->addAction(action(ActionId::AuditAll));
    profile->addSeparator();
    QAction* cancel = profile->addAction(QIcon::fromTheme(QStringLiteral("process-stop")),
                                         tr("&Cancel Everything Running"));
    cancel->setObjectName(QStringLiteral("actionCancelAll"));
    connect(cancel, &QAction::triggered, m_tasks, &TaskList::cancelAll);
    connect(m_tasks, &TaskList::changed, cancel,
            [this, cancel] { cancel->setEnabled(!m_tasks->isEmpty()); });
    cancel->setEnabled(false);

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(action(ActionId::DevPkiWizard));
    tools->addAction(action(ActionId::ClientSnippet));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Rediscope"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(action(ActionId::ShowProfiles));
    bar->addAction(action(ActionId::ShowEnvironments));
    bar->addSeparator();
    bar->addAction(action(ActionId::New));
    bar->addAction(action(ActionId::Edit));
    bar->addSeparator();
    bar->addAction(action(ActionId::Connect));
    bar->addAction(action(ActionId::Audit));
    bar->addAction(action(ActionId::AuditAll));
    bar->addSeparator();
    bar->addAction(action(ActionId::Import));
    bar->addAction(action(ActionId::Export));
    bar->addAction(action(ActionId::Report));
    bar->addSeparator();
    bar->addAction(action(ActionId::Settings));
}

QWidget* MainWindow::createBanner()
{
    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("storeBannerFrame"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    QPalette palette = m_banner->palette();
    palette.setColor(QPalette::Window, SeverityStyle::isDark(palette) ? QColor(0x4a, 0x3b, 0x12)
                                                                      : QColor(0xff, 0xf4, 0xce));
    palette.setColor(QPalette::WindowText, SeverityStyle::isDark(palette)
                                               ? QColor(0xff, 0xf4, 0xce)
                                               : QColor(0x3b, 0x2f, 0x00));
    m_banner->setPalette(palette);

    auto* icon = new QLabel(m_banner);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    icon->setAlignment(Qt::AlignTop);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("storeBanner"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerReload = new QPushButton(tr("Reload"), m_banner);
    m_bannerReload->setObjectName(QStringLiteral("storeBannerReload"));
    m_bannerReload->setToolTip(tr("Read the profiles file again after fixing it"));
    connect(m_bannerReload, &QPushButton::clicked, this, [this] { m_profiles->reload(); });

    auto* layout = new QHBoxLayout(m_banner);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(icon);
    layout->addWidget(m_bannerText, 1);
    layout->addWidget(m_bannerReload, 0, Qt::AlignTop);
    m_banner->hide();
    return m_banner;
}

QWidget* MainWindow::createProfilesPage()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);

    m_pane = new ProfilePane(m_splitter);
    m_pane->setMinimumWidth(220);
    // F2 edits from anywhere in the window (the window's action), not only from the tree.
    m_pane->action(ProfilePane::Action::Edit)->setShortcut(QKeySequence());

    auto* details = new QWidget(m_splitter);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(6, 4, 0, 0);
    detailsLayout->setSpacing(4);

    m_header = new QWidget(details);
    m_header->setObjectName(QStringLiteral("profileHeader"));
    auto* headerLayout = new QHBoxLayout(m_header);
    headerLayout->setContentsMargins(4, 2, 4, 2);
    m_headerTitle = new QLabel(m_header);
    m_headerTitle->setObjectName(QStringLiteral("profileHeaderTitle"));
    m_headerTitle->setTextFormat(Qt::PlainText);
    QFont titleFont = m_headerTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_headerTitle->setFont(titleFont);
    m_headerBadge = new QLabel(m_header);
    m_headerBadge->setObjectName(QStringLiteral("profileHeaderBadge"));
    m_headerDetail = new QLabel(m_header);
    m_headerDetail->setObjectName(QStringLiteral("profileHeaderDetail"));
    m_headerDetail->setTextFormat(Qt::PlainText);
    m_headerDetail->setForegroundRole(QPalette::PlaceholderText);
    m_headerDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    headerLayout->addWidget(m_headerTitle);
    headerLayout->addWidget(m_headerBadge);
    headerLayout->addWidget(m_headerDetail, 1);
    detailsLayout->addWidget(m_header);

    m_tabs = new QTabWidget(details);
    m_tabs->setObjectName(QStringLiteral("profileTabs"));
    m_tabs->setDocumentMode(true);
    m_overview = new OverviewView(m_tabs);
    m_certificates = new CertificatesView(m_tabs);
    m_findings = new FindingsView(m_tabs);
    m_protocols = new ProtocolsView(m_tabs);
    m_console = new ConsoleView(m_tabs);
    m_keys = new KeysView(m_tabs);
    m_server = new ServerView(m_tabs);
    // In the order of Tab.
    m_tabs->addTab(m_overview, tr("&Overview"));
    m_tabs->addTab(m_certificates, tr("Ce&rtificates"));
    m_tabs->addTab(m_findings, tr("&Findings"));
    m_tabs->addTab(scrollable(m_protocols, m_tabs), tr("Protocols && C&iphers"));
    m_tabs->addTab(m_console, tr("Co&nsole"));
    m_tabs->addTab(m_keys, tr("&Keys"));
    m_tabs->addTab(m_server, tr("&Server"));
    detailsLayout->addWidget(m_tabs, 1);

    m_splitter->addWidget(m_pane);
    m_splitter->addWidget(details);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({300, 900});
    m_splitter->installEventFilter(this);
    return m_splitter;
}

// ---------------------------------------------------------------------------------------------
// State

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_restoredSplitter = settings.value(QStringLiteral("splitter")).toByteArray();
    if (!m_restoredSplitter.isEmpty())
        m_splitter->restoreState(m_restoredSplitter);
    m_pane->restoreState(settings.value(QStringLiteral("profilePane")).toByteArray());
    const QUuid last(settings.value(QStringLiteral("profile")).toString());
    if (!last.isNull())
        selectProfile(last);
    const int tab = settings.value(QStringLiteral("tab"), 0).toInt();
    if (tab >= 0 && tab < m_tabs->count())
        m_tabs->setCurrentIndex(tab);
    setCurrentView(settings.value(QStringLiteral("view")).toString() ==
                           QLatin1String("environments")
                       ? View::Environments
                       : View::Profiles);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    if (m_splitterShown || m_restoredSplitter.isEmpty())
        settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("profilePane"), m_pane->saveState());
    const QUuid current = currentProfileId();
    settings.setValue(QStringLiteral("profile"),
                      current.isNull() ? QString() : current.toString(QUuid::WithoutBraces));
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("view"), currentView() == View::Environments
                                                  ? QStringLiteral("environments")
                                                  : QStringLiteral("profiles"));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    m_auditAllCancel.cancel();
    m_tasks->cancelAll();
    event->accept();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_splitter && event->type() == QEvent::Show)
        m_splitterShown = true;
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::setSettings(const AppSettings& settings)
{
    m_settings = settings;
    m_settings.save();
    for (ProfileSessionController* session : std::as_const(m_sessions))
        session->setAuditOptions(m_settings.auditOptions());
}

MainWindow::View MainWindow::currentView() const
{
    return m_stack->currentIndex() == 1 ? View::Environments : View::Profiles;
}

void MainWindow::setCurrentView(View view)
{
    m_stack->setCurrentIndex(view == View::Environments ? 1 : 0);
    action(view == View::Environments ? ActionId::ShowEnvironments : ActionId::ShowProfiles)
        ->setChecked(true);
    if (view == View::Environments) {
        const QUuid current = currentProfileId();
        if (!current.isNull())
            m_environments->selectProfile(current);
    }
}

MainWindow::Tab MainWindow::currentTab() const
{
    return Tab(m_tabs->currentIndex());
}

void MainWindow::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

bool MainWindow::selectProfile(const QUuid& profileId)
{
    return m_pane->selectProfile(profileId);
}

QUuid MainWindow::currentProfileId() const
{
    return m_pane->currentProfileId();
}

bool MainWindow::isReadOnly() const
{
    return m_profiles->isReadOnly();
}

void MainWindow::showMessage(const QString& text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

// ---------------------------------------------------------------------------------------------
// Reacting to the store, the selection and the results

void MainWindow::onStoreStateChanged()
{
    const bool readOnly = m_profiles->isReadOnly();
    m_banner->setVisible(readOnly);
    if (readOnly) {
        m_bannerText->setText(tr("Read-only: %1").arg(m_profiles->readOnlyReason()));
        // A newer schema is not a mistake to fix here; a broken file is.
        m_bannerReload->setVisible(m_profiles->loadError().has_value());
    }
    const QString name = QFileInfo(m_profiles->path()).fileName();
    setWindowTitle(readOnly ? tr("%1 (read-only) — Rediscope").arg(name)
                            : tr("%1 — Rediscope").arg(name));
    setWindowFilePath(m_profiles->path());
    const QStringList warnings = m_profiles->warnings();
    if (!warnings.isEmpty())
        showMessage(warnings.join(QLatin1Char(' ')), 15000);
    updateActions();
}

void MainWindow::onProfilesChanged()
{
    const QList<Profile>& profiles = m_profiles->profiles();
    m_pane->setPolicies(m_profiles->policies());
    m_pane->setProfiles(profiles);
    m_environments->setProfiles(profiles, m_profiles->policies());

    QList<QUuid> ids;
    for (const Profile& profile : profiles)
        ids << profile.id;
    m_results->retain(ids);
    for (const QUuid& id : m_sessions.keys())
        if (!ids.contains(id))
            dropSession(id);
    // Summaries and matrix cells of the results that are kept.
    for (const QUuid& id : m_results->auditedProfiles())
        if (const auto audit = m_results->audit(id)) {
            m_pane->setAuditSummary(id, audit->grade.grade, audit->worstSeverity());
            m_environments->setAuditResult(id, *audit);
        }
    onCurrentProfileChanged();
}

void MainWindow::onCurrentProfileChanged()
{
    const QUuid id = currentProfileId();
    updateHeader();
    showResults();
    updateActions();
    if (!id.isNull() && currentView() == View::Profiles)
        m_environments->selectProfile(id);
    ensureInteractiveTarget();
}

void MainWindow::onTabChanged()
{
    ensureInteractiveTarget();
}

void MainWindow::updateActions()
{
    const bool hasProfile = !currentProfileId().isNull();
    const bool writable = !m_profiles->isReadOnly();
    const bool anyProfile = !m_profiles->profiles().isEmpty();
    action(ActionId::New)->setEnabled(writable);
    action(ActionId::Import)->setEnabled(writable);
    action(ActionId::Edit)->setEnabled(hasProfile && writable);
    action(ActionId::Duplicate)->setEnabled(hasProfile && writable);
    action(ActionId::Delete)->setEnabled(hasProfile && writable);
    action(ActionId::Connect)->setEnabled(hasProfile);
    action(ActionId::Audit)->setEnabled(hasProfile);
    action(ActionId::ClientSnippet)->setEnabled(hasProfile);
    action(ActionId::AuditAll)->setEnabled(anyProfile && !isAuditAllRunning());
    action(ActionId::Export)->setEnabled(anyProfile);
    action(ActionId::Report)->setEnabled(m_results->auditCount() > 0);
    action(ActionId::ReportAll)->setEnabled(m_results->auditCount() > 0);
}

void MainWindow::updateHeader()
{
    const std::optional<Profile> profile = m_pane->currentProfile();
    m_header->setVisible(profile.has_value());
    if (!profile)
        return;
    const EnvironmentPolicy policy = m_profiles->policies().forEnvironment(profile->environment);
    m_headerTitle->setText(profile->name);
    m_headerBadge->setPixmap(
        EnvironmentStyle::badge(policy, m_headerBadge->font(), devicePixelRatioF()));
    m_headerBadge->setToolTip(EnvironmentStyle::policySummary(policy));
    QString detail = endpointText(*profile);
    if (!profile->service.isEmpty())
        detail = tr("%1 · service %2").arg(detail, profile->service);
    m_headerDetail->setText(detail);
}

void MainWindow::showResults()
{
    const QUuid id = currentProfileId();
    if (id.isNull()) {
        m_overview->clear();
        m_certificates->clear();
        m_findings->clear();
        m_protocols->clear();
        m_server->clear();
        QString text = tr("Select a profile to see its connection and audit.");
        if (m_profiles->profiles().isEmpty())
            text =
                m_profiles->loadError()
                    ? tr("No profiles to show: the profiles file could not be read (see the "
                         "message above).")
                    : tr("No profiles yet. Create one with New Profile (%1) or import some "
                         "(%2).")
                          .arg(action(ActionId::New)->shortcut().toString(QKeySequence::NativeText),
                               action(ActionId::Import)
                                   ->shortcut()
                                   .toString(QKeySequence::NativeText));
        for (InspectionPane* pane : std::initializer_list<InspectionPane*>{
                 m_overview, m_certificates, m_findings, m_protocols, m_server})
            pane->setEmptyText(text);
        return;
    }

    const ProfileResults::Entry entry = m_results->entry(id);
    if (entry.audit) {
        m_overview->setAuditResult(*entry.audit);
        m_certificates->setAuditResult(*entry.audit);
        m_findings->setAuditResult(*entry.audit);
        m_protocols->setAuditResult(*entry.audit);
        m_server->setAuditResult(*entry.audit);
    } else {
        m_overview->clear();
        m_certificates->clear();
        m_findings->clear();
        m_protocols->clear();
        m_server->clear();
    }
    if (entry.inspect) { // a connection newer than the audit
        m_overview->setInspectResult(*entry.inspect);
        m_certificates->setInspectResult(*entry.inspect);
        m_server->setInspectResult(*entry.inspect);
    }

    ProfileSessionController* running = m_sessions.value(id);
    const QString name = m_pane->currentProfile() ? m_pane->currentProfile()->name : QString();
    if (running && running->isBusy()) {
        const bool auditing = m_auditing.contains(id);
        const QString text =
            auditing ? tr("Auditing %1…").arg(name) : tr("Connecting to %1…").arg(name);
        for (InspectionPane* pane : std::initializer_list<InspectionPane*>{
                 m_overview, m_certificates, m_findings, m_protocols, m_server})
            pane->setEmptyText(text);
    } else if (const QString error = m_secretErrors.value(id); !error.isEmpty()) {
        m_overview->setEmptyText(error);
    }
}

void MainWindow::onAuditChanged(const QUuid& profileId)
{
    const auto audit = m_results->audit(profileId);
    if (!audit)
        return;
    m_pane->setAuditSummary(profileId, audit->grade.grade, audit->worstSeverity());
    m_environments->setAuditResult(profileId, *audit);
    if (profileId == currentProfileId())
        showResults();
}

// ---------------------------------------------------------------------------------------------
// Connections and audits

ProfileSessionController* MainWindow::session(const QUuid& profileId)
{
    if (ProfileSessionController* existing = m_sessions.value(profileId))
        return existing;
    auto* session = new ProfileSessionController(this);
    session->setAuditOptions(m_settings.auditOptions());
    m_sessions.insert(profileId, session);
    const auto name = [this, profileId] {
        const auto profile = m_profiles->find(profileId);
        return profile ? profile->name : tr("a deleted profile");
    };
    connect(session, &ProfileSessionController::inspectStarted, this, [this, profileId, name] {
        m_auditing.remove(profileId);
        startSessionTask(profileId, tr("Connecting to %1…").arg(name()));
    });
    connect(session, &ProfileSessionController::auditStarted, this, [this, profileId, name] {
        m_auditing.insert(profileId);
        startSessionTask(profileId, tr("Auditing %1…").arg(name()));
    });
    connect(session, &ProfileSessionController::auditProgress, this,
            [this, profileId](int done, int total) {
                m_tasks->setProgress(m_sessionTasks.value(profileId), done, total);
            });
    connect(session, &ProfileSessionController::inspectFinished, this,
            [this, profileId, name](const InspectResult& result, bool cancelled) {
                finishSessionTask(profileId);
                if (cancelled) {
                    showMessage(tr("The connection to %1 was cancelled.").arg(name()));
                    if (profileId == currentProfileId())
                        showResults();
                    return;
                }
                m_results->setInspectResult(profileId, result);
                showMessage(
                    result.error
                        ? tr("%1: %2").arg(name(), result.error->message)
                        : tr("Connected to %1 in %2 ms.").arg(name()).arg(qRound(result.totalMs)));
            });
    connect(session, &ProfileSessionController::auditFinished, this,
            [this, profileId, name](const AuditResult& result, bool cancelled) {
                finishSessionTask(profileId);
                if (cancelled) {
                    // A partial audit is not graded: keep what was there.
                    showMessage(tr("The audit of %1 was cancelled.").arg(name()));
                    if (profileId == currentProfileId())
                        showResults();
                    return;
                }
                m_results->setAuditResult(profileId, result);
                const auto worst = result.worstSeverity();
                showMessage(
                    result.grade.grade.isEmpty()
                        ? tr("Audited %1: %n finding(s).", nullptr, int(result.findings.size()))
                              .arg(name())
                        : tr("Audited %1: grade %2, %n finding(s)%3.", nullptr,
                             int(result.findings.size()))
                              .arg(name(), result.grade.grade,
                                   worst ? tr(", worst %1").arg(SeverityStyle::word(*worst))
                                         : QString()));
            });
    return session;
}

void MainWindow::startSessionTask(const QUuid& profileId, const QString& title)
{
    finishSessionTask(profileId); // a new request replaces the previous one
    ProfileSessionController* running = m_sessions.value(profileId);
    const quint64 task =
        m_tasks->add(title, [running = QPointer<ProfileSessionController>(running)] {
            if (running)
                running->cancel();
        });
    m_sessionTasks.insert(profileId, task);
    if (profileId == currentProfileId())
        showResults();
}

void MainWindow::finishSessionTask(const QUuid& profileId)
{
    const ProfileSessionController* session = m_sessions.value(profileId);
    if (session == nullptr || !session->isBusy())
        m_auditing.remove(profileId);
    if (const quint64 task = m_sessionTasks.take(profileId))
        m_tasks->finish(task);
}

void MainWindow::dropSession(const QUuid& profileId)
{
    finishSessionTask(profileId);
    if (ProfileSessionController* session = m_sessions.take(profileId))
        session->deleteLater(); // its destructor cancels what runs
    m_secretErrors.remove(profileId);
}

void MainWindow::connectProfile(const QUuid& profileId)
{
    const auto profile = m_profiles->find(profileId);
    if (!profile)
        return;
    m_secretErrors.remove(profileId);
    m_secrets->resolve({*profile}, [this, profileId](QList<SecretsController::Outcome> outcomes) {
        SecretsController::Outcome& outcome = outcomes.first();
        const auto current = m_profiles->find(profileId);
        if (!current || !outcome.secrets) {
            if (current) {
                const QString message =
                    tr("Cannot connect to %1: %2").arg(current->name, outcome.error);
                m_secretErrors.insert(profileId, message);
                showMessage(message, 15000);
                if (profileId == currentProfileId())
                    showResults();
            }
            wipe(outcome);
            return;
        }
        AuditTarget target = m_profiles->target(*current);
        target.password = outcome.secrets->password;
        target.keyPassphrase = outcome.secrets->keyPassphrase;
        wipe(outcome);
        session(profileId)->connectProfile(target);
        // The console and the key browser talk to the profile just connected to.
        if (profileId == currentProfileId() && m_interactiveTarget != profileId) {
            m_console->setTarget(target);
            m_keys->setTarget(target);
            m_interactiveTarget = profileId;
            m_keysScanned = QUuid();
            if (currentTab() == Tab::Keys) {
                m_keys->scan();
                m_keysScanned = profileId;
            }
        }
        wipe(target);
    });
}

void MainWindow::auditProfile(const QUuid& profileId)
{
    const auto profile = m_profiles->find(profileId);
    if (!profile)
        return;
    m_secretErrors.remove(profileId);
    m_secrets->resolve({*profile}, [this, profileId](QList<SecretsController::Outcome> outcomes) {
        SecretsController::Outcome& outcome = outcomes.first();
        const auto current = m_profiles->find(profileId);
        if (!current || !outcome.secrets) {
            if (current) {
                const QString message = tr("Cannot audit %1: %2").arg(current->name, outcome.error);
                m_secretErrors.insert(profileId, message);
                showMessage(message, 15000);
                if (profileId == currentProfileId())
                    showResults();
            }
            wipe(outcome);
            return;
        }
        AuditTarget target = m_profiles->target(*current);
        target.password = outcome.secrets->password;
        target.keyPassphrase = outcome.secrets->keyPassphrase;
        wipe(outcome);
        ProfileSessionController* controller = session(profileId);
        controller->setAuditOptions(m_settings.auditOptions());
        controller->audit(target);
        wipe(target);
    });
}

void MainWindow::auditAll()
{
    const QList<Profile> profiles = m_profiles->profiles();
    if (profiles.isEmpty() || isAuditAllRunning())
        return;
    const quint64 request = ++m_auditAllRequest;
    const CancelToken cancel;
    m_auditAllCancel = cancel;
    m_auditAllTask = m_tasks->add(tr("Auditing %n profile(s)…", nullptr, int(profiles.size())),
                                  [cancel] { cancel.cancel(); });
    const quint64 task = m_auditAllTask;
    updateActions();

    const auto finishTask = [this, task, request] {
        m_tasks->finish(task);
        if (request == m_auditAllRequest)
            m_auditAllTask = 0;
        updateActions();
    };

    m_secrets->resolve(profiles, [this, request, task, cancel,
                                  finishTask](QList<SecretsController::Outcome> outcomes) {
        if (request != m_auditAllRequest || cancel.isCancelled()) {
            for (SecretsController::Outcome& outcome : outcomes)
                wipe(outcome);
            finishTask();
            showMessage(tr("Audit All was cancelled."));
            return;
        }
        QList<AuditTarget> targets;
        QStringList skipped;
        for (SecretsController::Outcome& outcome : outcomes) {
            const auto profile = m_profiles->find(outcome.profileId);
            if (profile && outcome.secrets) {
                AuditTarget target = m_profiles->target(*profile);
                target.password = outcome.secrets->password;
                target.keyPassphrase = outcome.secrets->keyPassphrase;
                targets << target;
            } else if (profile) {
                skipped << tr("%1 (%2)").arg(profile->name, outcome.error);
            }
            wipe(outcome);
        }
        if (targets.isEmpty()) {
            finishTask();
            showMessage(tr("Nothing was audited: %1").arg(skipped.join(QStringLiteral("; "))),
                        20000);
            return;
        }

        // Progress crosses to the GUI thread through the application object; the guard drops
        // it once this window is gone.
        auto progress = [guard = QPointer<MainWindow>(this), request, task, cancel](int done,
                                                                                    int total) {
            QCoreApplication* app = QCoreApplication::instance();
            if (!app || cancel.isCancelled())
                return;
            QMetaObject::invokeMethod(
                app,
                [guard, request, task, done, total] {
                    MainWindow* window = guard.data();
                    if (window == nullptr || request != window->m_auditAllRequest)
                        return;
                    if (TaskList* tasks = window->m_tasks)
                        tasks->setProgress(task, done, total);
                },
                Qt::QueuedConnection);
        };
        runAsync(
            this,
            [targets, options = m_settings.auditOptions(), cancel, progress]() mutable {
                AuditAllOutcome outcome;
                outcome.results = Auditor::auditAll(targets, options, cancel, progress);
                for (AuditTarget& target : targets)
                    wipe(target);
                outcome.cancelled = cancel.isCancelled();
                return outcome;
            },
            [this, request, finishTask, skipped](const AuditAllOutcome& outcome) {
                finishTask();
                if (request != m_auditAllRequest)
                    return; // stale
                if (outcome.cancelled) {
                    showMessage(tr("Audit All was cancelled; its partial results were "
                                   "dropped."));
                    return;
                }
                QString message =
                    tr("Audited %n profile(s).", nullptr, int(outcome.results.size()));
                if (!skipped.isEmpty())
                    message += QLatin1Char(' ') +
                               tr("Not audited: %1.").arg(skipped.join(QStringLiteral("; ")));
                applyAuditAllResults(request,
                                     std::make_shared<const QList<AuditResult>>(outcome.results), 0,
                                     message);
            });
        for (AuditTarget& target : targets)
            wipe(target);
    });
}

// One result per turn of the event loop: each one updates the tree, the matrix and perhaps the
// open tabs, and all of them at once would hold the window still for as long as they take.
void MainWindow::applyAuditAllResults(quint64 request,
                                      const std::shared_ptr<const QList<AuditResult>>& results,
                                      qsizetype next, const QString& message)
{
    if (request != m_auditAllRequest)
        return; // a newer Audit All started: its results replace these
    if (next < results->size()) {
        const AuditResult& result = results->at(next);
        if (m_profiles->find(result.profile.id))
            m_results->setAuditResult(result.profile.id, result);
        QTimer::singleShot(0, this, [this, request, results, next, message] {
            applyAuditAllResults(request, results, next + 1, message);
        });
        return;
    }
    showMessage(message, 20000);
    Q_EMIT auditAllFinished(int(results->size()));
}

void MainWindow::ensureInteractiveTarget()
{
    const QUuid id = currentProfileId();
    const Tab tab = currentTab();
    if (id.isNull() || (tab != Tab::Console && tab != Tab::Keys) || currentView() != View::Profiles)
        return;
    if (m_interactiveTarget == id) {
        if (tab == Tab::Keys && m_keysScanned != id) {
            m_keys->scan();
            m_keysScanned = id;
        }
        return;
    }
    if (m_interactivePending == id)
        return;
    const auto profile = m_profiles->find(id);
    if (!profile)
        return;
    m_interactivePending = id;
    m_secrets->resolve({*profile}, [this, id](QList<SecretsController::Outcome> outcomes) {
        SecretsController::Outcome& outcome = outcomes.first();
        if (m_interactivePending == id)
            m_interactivePending = QUuid();
        const auto current = m_profiles->find(id);
        if (!current || id != currentProfileId() || !outcome.secrets) {
            if (current && !outcome.secrets)
                showMessage(
                    tr("Cannot open a connection to %1: %2").arg(current->name, outcome.error),
                    15000);
            wipe(outcome);
            return;
        }
        AuditTarget target = m_profiles->target(*current);
        target.password = outcome.secrets->password;
        target.keyPassphrase = outcome.secrets->keyPassphrase;
        wipe(outcome);
        m_console->setTarget(target);
        m_keys->setTarget(target);
        wipe(target);
        m_interactiveTarget = id;
        m_keysScanned = QUuid();
        if (currentTab() == Tab::Keys) {
            m_keys->scan();
            m_keysScanned = id;
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Editing profiles

bool MainWindow::refuseWhenReadOnly()
{
    if (!m_profiles->isReadOnly())
        return false;
    showMessage(tr("The profiles file is read-only: %1").arg(m_profiles->readOnlyReason()), 15000);
    return true;
}

void MainWindow::showSaveError(const Error& error)
{
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Profiles Not Saved"),
                                tr("The change was not saved."), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("saveErrorBox"));
    box->setInformativeText(error.message);
    if (!error.detail.isEmpty())
        box->setDetailedText(error.detail);
    QPushButton* reload = box->addButton(tr("Reload the File"), QMessageBox::ActionRole);
    box->addButton(QMessageBox::Close);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, reload](QAbstractButton* button) {
        if (button == reload)
            m_profiles->reload();
    });
    box->open();
}

void MainWindow::newProfile(const QString& environment, const QString& service)
{
    if (refuseWhenReadOnly())
        return;
    Profile profile = Profile::create();
    profile.timeoutSeconds = m_settings.defaultTimeoutSeconds;
    if (!environment.isEmpty())
        profile.environment = environment;
    else if (const auto current = m_pane->currentProfile())
        profile.environment = current->environment;
    if (!service.isEmpty())
        profile.service = service;
    openEditor(profile, true);
}

void MainWindow::editProfile(const QUuid& profileId)
{
    if (refuseWhenReadOnly())
        return;
    if (const auto profile = m_profiles->find(profileId))
        openEditor(*profile, false);
}

void MainWindow::openEditor(const Profile& profile, bool isNew)
{
    auto* editor =
        new ProfileEditorDialog(profile, m_profiles->policies(), m_profiles->secretStore(), this);
    editor->setObjectName(QStringLiteral("profileEditor"));
    editor->setWindowTitle(isNew ? tr("New Profile") : tr("Edit %1").arg(profile.name));
    editor->setKnownEnvironments(m_profiles->environments());
    editor->setKnownServices(m_profiles->services());
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        const Profile edited = editor->profile();
        const Result<QUuid> saved = m_profiles->save(edited);
        if (!saved) {
            showSaveError(saved.error());
            return;
        }
        // Settings or secret references may have changed: ask again, connect afresh.
        m_secrets->forget(*saved);
        m_secretErrors.remove(*saved);
        if (m_interactiveTarget == *saved)
            m_interactiveTarget = QUuid();
        selectProfile(*saved);
        showMessage(tr("Saved %1.").arg(edited.name));
        ensureInteractiveTarget();
    });
    editor->open();
}

void MainWindow::duplicateProfile(const QUuid& profileId)
{
    if (refuseWhenReadOnly())
        return;
    const auto profile = m_profiles->find(profileId);
    if (!profile)
        return;
    Profile copy = *profile;
    copy.id = QUuid::createUuid();
    copy.name = tr("%1 (copy)").arg(profile->name);
    const Result<QUuid> saved = m_profiles->save(copy);
    if (!saved) {
        showSaveError(saved.error());
        return;
    }
    m_profiles->copySecrets(*profile, *saved);
    selectProfile(*saved);
    showMessage(tr("Duplicated %1.").arg(profile->name));
}

void MainWindow::deleteProfile(const QUuid& profileId)
{
    if (refuseWhenReadOnly())
        return;
    const auto profile = m_profiles->find(profileId);
    if (!profile)
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete Profile"),
                                tr("Delete the profile “%1”?").arg(profile->name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteProfileBox"));
    box->setInformativeText(tr("Its secrets in the keychain are removed too. The previous "
                               "profiles file is kept as a .bak file."));
    QPushButton* remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDelete"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, remove, profileId](QAbstractButton* button) {
                if (button != remove)
                    return;
                const auto current = m_profiles->find(profileId);
                if (!current)
                    return;
                const Result<void> removed = m_profiles->remove(profileId);
                if (!removed) {
                    showSaveError(removed.error());
                    return;
                }
                m_profiles->removeSecrets(*current);
                m_secrets->forget(profileId);
                if (m_interactiveTarget == profileId)
                    m_interactiveTarget = QUuid();
                showMessage(tr("Deleted %1.").arg(current->name));
            });
    box->open();
}

void MainWindow::changeEnvironment(const QUuid& profileId, const QString& environment)
{
    if (refuseWhenReadOnly())
        return;
    auto profile = m_profiles->find(profileId);
    if (!profile || profile->environment == environment)
        return;
    profile->environment = environment;
    const Result<QUuid> saved = m_profiles->save(*profile);
    if (!saved) {
        showSaveError(saved.error());
        return;
    }
    if (m_interactiveTarget == profileId)
        m_interactiveTarget = QUuid(); // a new policy for the console
    showMessage(
        tr("Moved %1 to %2.").arg(profile->name, EnvironmentStyle::displayName(environment)));
}

void MainWindow::copyExport(const QUuid& profileId, bool url)
{
    const auto profile = m_profiles->find(profileId);
    if (!profile)
        return;
    QApplication::clipboard()->setText(url ? exportUrl(*profile) : exportRedisCli(*profile));
    showMessage(
        url ? tr("Copied the URL of %1 (without secrets).").arg(profile->name)
            : tr("Copied the redis-cli command of %1 (without secrets).").arg(profile->name));
}

void MainWindow::importProfiles()
{
    if (refuseWhenReadOnly())
        return;
    auto* dialog = new ImportDialog(this);
    dialog->setObjectName(QStringLiteral("importDialog"));
    dialog->setKnownEnvironments(m_profiles->environments());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QList<Profile> imported = dialog->profiles();
        if (imported.isEmpty())
            return;
        const Result<void> saved = m_profiles->saveAll(imported);
        if (!saved) {
            showSaveError(saved.error());
            return;
        }
        QList<ProfilesController::Secret> secrets;
        for (const ImportedSecret& secret : dialog->secrets())
            secrets.append({secret.profileId, secret.field, secret.value});
        m_profiles->writeSecrets(secrets);
        selectProfile(imported.constFirst().id);
        showMessage(tr("Imported %n profile(s).", nullptr, int(imported.size())));
    });
    dialog->open();
}

void MainWindow::exportProfiles()
{
    if (m_profiles->profiles().isEmpty())
        return;
    auto* dialog = new ExportDialog(m_pane->currentProfile(), m_profiles->profiles(),
                                    m_profiles->policies(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

// ---------------------------------------------------------------------------------------------
// Reports and settings

bool MainWindow::saveReport(const QString& path, const QList<QUuid>& profileIds)
{
    const QList<QUuid> ids = profileIds.isEmpty() ? m_results->auditedProfiles() : profileIds;
    QList<AuditResult> results;
    // In the order of the profiles file: service, environment, name.
    for (const Profile& profile : m_profiles->profiles())
        if (ids.contains(profile.id))
            if (const auto audit = m_results->audit(profile.id))
                results << *audit;
    if (results.isEmpty()) {
        showMessage(tr("There is no audit to report yet."));
        return false;
    }
    const ReportFile::Format format =
        ReportFile::formatForFileName(path).value_or(ReportFile::Format::Markdown);
    const QByteArray bytes = ReportFile::render(results, format, QFileInfo(path).absolutePath());
    const Result<void> written = ReportFile::write(path, bytes);
    if (!written) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Report Not Saved"),
                                    written.error().message, QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("reportErrorBox"));
        if (!written.error().detail.isEmpty())
            box->setDetailedText(written.error().detail);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    showMessage(tr("Saved the report of %n audit(s) to %1.", nullptr, int(results.size()))
                    .arg(QDir::toNativeSeparators(path)));
    return true;
}

void MainWindow::saveReportInteractively(bool all)
{
    const QUuid current = currentProfileId();
    const bool selected = !all && !current.isNull() && m_results->audit(current).has_value();
    if (!selected && m_results->auditCount() == 0) {
        showMessage(tr("There is no audit to report yet: audit a profile first."));
        return;
    }
    const QList<QUuid> ids = selected ? QList<QUuid>{current} : QList<QUuid>{};
    const QString baseName =
        selected ? m_profiles->find(current).value_or(Profile{}).name + QStringLiteral("-audit")
                 : QStringLiteral("rediscope-audit");

    auto* dialog = new QFileDialog(
        this, selected ? tr("Save the Audit of %1").arg(m_profiles->find(current)->name)
                       : tr("Save the Report of All Audits"));
    dialog->setObjectName(QStringLiteral("reportFileDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters(ReportFile::nameFilters());
    dialog->setDefaultSuffix(ReportFile::extension(ReportFile::Format::Markdown));
    dialog->selectFile(baseName + QStringLiteral(".md"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString& filter) {
        dialog->setDefaultSuffix(ReportFile::extension(ReportFile::formatForFilter(filter)));
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this, dialog, ids](const QString& chosen) {
        QString path = chosen;
        if (!ReportFile::formatForFileName(path))
            path +=
                QLatin1Char('.') +
                ReportFile::extension(ReportFile::formatForFilter(dialog->selectedNameFilter()));
        saveReport(path, ids);
    });
    dialog->open();
}

void MainWindow::showSettings()
{
    auto* dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setSettings(dialog->settings()); });
    dialog->open();
}

void MainWindow::showDevPkiWizard()
{
    auto* wizard = new DevPkiWizard(m_profiles, this);
    if (m_options.environment)
        wizard->setEnvironment(*m_options.environment);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &DevPkiWizard::profileAdded, this, [this](const QUuid& id) {
        selectProfile(id);
        if (const auto profile = m_profiles->find(id))
            showMessage(tr("Added %1.").arg(profile->name));
    });
    wizard->open();
}

void MainWindow::showClientSnippet(const QUuid& profileId)
{
    const auto profile = m_profiles->find(profileId);
    if (!profile)
        return;
    auto* dialog = new SnippetDialog(*profile, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(
        QMessageBox::Information, tr("About Rediscope"),
        tr("Rediscope %1\n\nA connection manager and transport-security auditor for Redis, "
           "Valkey and Dragonfly.")
            .arg(QStringLiteral(REDISCOPE_VERSION)),
        QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace rediscope
