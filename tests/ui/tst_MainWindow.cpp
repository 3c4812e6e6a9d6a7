// The main window assembled: profiles from a real profiles file on the demo lab's servers,
// Connect and Audit filling the tabs, per-profile results, Audit All with progress and Cancel,
// the Environments view, secrets asked once per session and never shown, a broken or newer
// profiles file opened read-only and left untouched, profile commands saved through the store,
// reports, settings and the window state across sessions, and the desktop app's options.

#include "LabDemoProfiles.h"
#include "LabEnvironment.h"
#include "LabManifest.h"
#include "controllers/ProfileResults.h"
#include "controllers/ProfilesController.h"
#include "controllers/ReportFile.h"
#include "controllers/SecretsController.h"
#include "controllers/TaskList.h"
#include "controllers/Translations.h"
#include "dialogs/ImportDialog.h"
#include "models/CertificateChainModel.h"
#include "models/EnvironmentMatrixModel.h"
#include "models/FindingsModel.h"
#include "models/ProfileTreeModel.h"
#include "profile/ProfileStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretResolver.h"
#include "views/CertificatesView.h"
#include "views/ConsoleView.h"
#include "views/EnvironmentsView.h"
#include "views/FindingsView.h"
#include "views/KeysView.h"
#include "views/MainWindow.h"
#include "views/OverviewView.h"
#include "views/ProfilePane.h"
#include "views/ProtocolsView.h"
#include "views/TaskStatusWidget.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QToolButton>
#include <QTreeView>

using namespace rediscope;

namespace {

constexpr int ConnectTimeout = 60000;
constexpr int AuditTimeout = 240000;

const QStringList DemoScenarios = {
    QStringLiteral("good"),       QStringLiteral("expired"),    QStringLiteral("plaintext"),
    QStringLiteral("mtls"),       QStringLiteral("legacy"),     QStringLiteral("self-signed"),
    QStringLiteral("tls13-only"), QStringLiteral("wrong-host"), QStringLiteral("nopass"),
};

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

// Every piece of text the application shows or holds in a widget: labels, line edits (also
// password fields), text edits, buttons, combo boxes, tab titles, window titles, tooltips, the
// status bar and every cell of every item view (display and tooltip roles, all levels).
void collectModel(const QAbstractItemModel* model, const QModelIndex& parent, QStringList& out)
{
    for (int row = 0; row < model->rowCount(parent); ++row)
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            out << index.data(Qt::DisplayRole).toString() << index.data(Qt::ToolTipRole).toString();
            if (column == 0 && model->hasChildren(index))
                collectModel(model, index, out);
        }
}

QString allWidgetText()
{
    QStringList out;
    for (QWidget* widget : QApplication::allWidgets()) {
        out << widget->windowTitle() << widget->toolTip() << widget->accessibleName();
        if (auto* label = qobject_cast<QLabel*>(widget))
            out << label->text();
        else if (auto* line = qobject_cast<QLineEdit*>(widget))
            out << line->text() << line->placeholderText();
        else if (auto* text = qobject_cast<QTextEdit*>(widget))
            out << text->toPlainText();
        else if (auto* plain = qobject_cast<QPlainTextEdit*>(widget))
            out << plain->toPlainText();
        else if (auto* button = qobject_cast<QAbstractButton*>(widget))
            out << button->text();
        else if (auto* combo = qobject_cast<QComboBox*>(widget))
            for (int i = 0; i < combo->count(); ++i)
                out << combo->itemText(i);
        else if (auto* tabs = qobject_cast<QTabWidget*>(widget))
            for (int i = 0; i < tabs->count(); ++i)
                out << tabs->tabText(i) << tabs->tabToolTip(i);
        else if (auto* status = qobject_cast<QStatusBar*>(widget))
            out << status->currentMessage();
        if (auto* view = qobject_cast<QAbstractItemView*>(widget); view && view->model())
            collectModel(view->model(), QModelIndex(), out);
    }
    return out.join(QLatin1Char('\n'));
}

// The lab password as a word of its own. (It is also the prefix of the lab's folder and
// certificate names, "rediscope-lab-XXXXXX" and "rediscope-lab-client", which are no secret.)
bool containsLabPassword(const QString& text)
{
    static const QRegularExpression word(
        QStringLiteral("(^|[^\\w-])%1($|[^\\w-])")
            .arg(QRegularExpression::escape(QLatin1String(lab::LabPassword))));
    return word.match(text).hasMatch();
}

const InspectionPane* inspectionPane(const MainWindow& window, MainWindow::Tab tab)
{
    switch (tab) {
    case MainWindow::Tab::Overview:
        return window.overviewView();
    case MainWindow::Tab::Certificates:
        return window.certificatesView();
    case MainWindow::Tab::Findings:
        return window.findingsView();
    case MainWindow::Tab::Protocols:
        return window.protocolsView();
    default:
        qFatal("not an inspection pane");
    }
}

QString screenshot(QWidget* window, const QString& name)
{
    const QString directory = qEnvironmentVariable("REDISCOPE_TEST_OUTPUT", QDir::tempPath());
    QDir().mkpath(directory);
    const QString path = directory + QLatin1Char('/') + name + QStringLiteral(".png");
    const QPixmap shot = window->grab();
    if (shot.isNull() || !shot.save(path))
        return {};
    qInfo("screenshot: %s", qPrintable(path));
    return path;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QList<Profile> m_demo;
    std::shared_ptr<MemorySecretStore> m_secrets = std::make_shared<MemorySecretStore>();
    int m_files = 0;

    // A profiles file of `profiles` in the test's folder.
    QString writeProfiles(const QList<Profile>& profiles)
    {
        const QString path = m_dir.filePath(QStringLiteral("profiles-%1.json").arg(++m_files));
        ProfileStore store(path);
        for (const Profile& profile : profiles)
            if (!store.upsert(profile))
                return {};
        return store.save() ? path : QString();
    }

    MainWindow::Options options(const QString& path) const
    {
        MainWindow::Options options;
        options.profilesPath = path;
        options.secrets = m_secrets;
        QProcessEnvironment environment;
        environment.insert(QLatin1String(lab::DemoPasswordVariable),
                           QLatin1String(lab::LabPassword));
        options.environment = environment;
        return options;
    }

    Profile demo(const QString& name) const
    {
        for (const Profile& profile : m_demo)
            if (profile.name == name)
                return profile;
        qFatal("no demo profile %s", qPrintable(name));
    }

    static void clearSettings()
    {
        QSettings settings;
        settings.clear();
        settings.sync();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        clearSettings();
        QVERIFY(installTranslations(QCoreApplication::instance()));
        QVERIFY(m_dir.isValid());
        auto& lab = lab::LabEnvironment::shared();
        QVERIFY2(lab.setupError().isEmpty(), qPrintable(lab.setupError()));
        QList<const lab::LabServer*> servers;
        for (const QString& scenario : DemoScenarios) {
            QString error;
            const lab::LabServer* server = lab.server(scenario, &error);
            QVERIFY2(server, qPrintable(error));
            servers << server;
        }
        m_demo = lab::demoProfiles(lab::manifestFor(lab.pki(), servers));
        QCOMPARE(m_demo.size(), DemoScenarios.size());
    }

    void init() { clearSettings(); }

    void opensAnEmptyFileWithAPlaceholder()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing.json"));
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().contains(QLatin1String("Rediscope")));
        QVERIFY(!window.isReadOnly());
        QVERIFY(!window.storeBanner()->isVisibleTo(&window));
        QVERIFY(window.profiles()->profiles().isEmpty());
        QVERIFY(window.profilePane()->currentProfileId().isNull());
        QVERIFY(window.overviewView()->emptyText().contains(QLatin1String("No profiles")));
        QVERIFY(window.action(MainWindow::ActionId::New)->isEnabled());
        QVERIFY(!window.action(MainWindow::ActionId::Connect)->isEnabled());
        QVERIFY(!window.action(MainWindow::ActionId::AuditAll)->isEnabled());
        QVERIFY(!window.action(MainWindow::ActionId::Report)->isEnabled());
        QVERIFY(!QFile::exists(path)); // nothing was written just by opening
    }

    void actionsHaveTheirShortcuts()
    {
        MainWindow window(options(m_dir.filePath(QStringLiteral("shortcuts.json"))));
        using A = MainWindow::ActionId;
        const auto shortcut = [&](A id) {
            return window.action(id)->shortcut();
        };
        QCOMPARE(shortcut(A::New), QKeySequence(QKeySequence::New));
        QCOMPARE(shortcut(A::Edit), QKeySequence(Qt::Key_F2));
        QCOMPARE(shortcut(A::Connect), QKeySequence(Qt::CTRL | Qt::Key_Return));
        QCOMPARE(shortcut(A::Audit), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
        QCOMPARE(shortcut(A::AuditAll), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A));
        QCOMPARE(shortcut(A::Import), QKeySequence(Qt::CTRL | Qt::Key_I));
        QCOMPARE(shortcut(A::Export), QKeySequence(Qt::CTRL | Qt::Key_E));
        QCOMPARE(shortcut(A::Report), QKeySequence(Qt::CTRL | Qt::Key_R));
        QVERIFY(!shortcut(A::Settings).isEmpty());
        QCOMPARE(shortcut(A::Quit), QKeySequence(QKeySequence::Quit));
        // The pane's own F2 is gone, so F2 is not ambiguous while the tree has focus.
        QVERIFY(window.profilePane()->action(ProfilePane::Action::Edit)->shortcut().isEmpty());
    }

    void connectAndAuditFillTheTabs()
    {
        const QString path = writeProfiles(m_demo);
        QVERIFY(!path.isEmpty());
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.profiles()->profiles().size(), m_demo.size());

        const Profile good = demo(QStringLiteral("orders-prod"));
        QVERIFY(window.selectProfile(good.id));
        QCOMPARE(window.currentProfileId(), good.id);
        QVERIFY(!window.overviewView()->isShowingContent());

        // Connect: the overview (stages, identity, session) and the certificates.
        window.action(MainWindow::ActionId::Connect)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.results()->entry(good.id).inspect.has_value(),
                                 ConnectTimeout);
        const InspectResult inspect = *window.results()->entry(good.id).inspect;
        QVERIFY2(!inspect.error, qPrintable(inspect.error ? inspect.error->toString() : QString()));
        QVERIFY(window.overviewView()->isShowingContent());
        QVERIFY(window.certificatesView()->isShowingContent());
        QVERIFY(window.certificatesView()->model()->rowCount() > 0);
        QVERIFY(!window.findingsView()->isShowingContent()); // no audit yet
        QVERIFY(window.taskList()->isEmpty());

        // Audit: findings, protocols, the tree's grade.
        QSignalSpy changed(window.taskList(), &TaskList::changed);
        window.action(MainWindow::ActionId::Audit)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window.taskList()->isEmpty(), ConnectTimeout);
        QVERIFY(window.taskStatus()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(window.results()->audit(good.id).has_value(), AuditTimeout);
        QTRY_VERIFY(window.taskList()->isEmpty());
        QVERIFY(!window.taskStatus()->isVisible());
        const AuditResult audit = *window.results()->audit(good.id);
        QVERIFY(!audit.grade.grade.isEmpty());
        QVERIFY(audit.probe.has_value());
        QVERIFY(window.findingsView()->isShowingContent());
        QCOMPARE(window.findingsView()->model()->rowCount(), int(audit.findings.size()));
        QVERIFY(window.protocolsView()->isShowingContent());
        QVERIFY(window.certificatesView()->isShowingContent());
        const QModelIndex treeIndex = window.profilePane()->model()->indexForProfileId(good.id);
        QCOMPARE(treeIndex.siblingAtColumn(ProfileTreeModel::GradeColumn).data().toString(),
                 audit.grade.grade);
        QVERIFY(window.action(MainWindow::ActionId::Report)->isEnabled());

        // The key browser of the profile scans when its tab opens.
        QSignalSpy scanned(window.keysView()->controller(), &KeysController::pageLoaded);
        window.setCurrentTab(MainWindow::Tab::Keys);
        QVERIFY(window.keysView()->controller()->hasTarget());
        QTRY_VERIFY_WITH_TIMEOUT(!scanned.isEmpty(), ConnectTimeout);
        window.setCurrentTab(MainWindow::Tab::Overview);

        // Another profile shows its own (no) results; back again, the audit is there at once.
        const Profile other = demo(QStringLiteral("orders-dev"));
        QVERIFY(window.selectProfile(other.id));
        QVERIFY(!window.overviewView()->isShowingContent());
        QVERIFY(!window.findingsView()->isShowingContent());
        QVERIFY(window.selectProfile(good.id));
        QVERIFY(window.overviewView()->isShowingContent());
        QVERIFY(window.findingsView()->isShowingContent());
        QCOMPARE(window.findingsView()->model()->rowCount(), int(audit.findings.size()));

        // The report of the selected audit, in each format, atomically in place.
        const QString markdown = m_dir.filePath(QStringLiteral("report.md"));
        const QString json = m_dir.filePath(QStringLiteral("report.json"));
        const QString sarif = m_dir.filePath(QStringLiteral("report.sarif"));
        QVERIFY(window.saveReport(markdown, {good.id}));
        QVERIFY(window.saveReport(json, {good.id}));
        QVERIFY(window.saveReport(sarif));
        QVERIFY(readFile(markdown).contains(good.name.toUtf8()));
        const QJsonObject document = QJsonDocument::fromJson(readFile(json)).object();
        QCOMPARE(document.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("rediscope-audit/1"));
        QCOMPARE(QJsonDocument::fromJson(readFile(sarif))
                     .object()
                     .value(QStringLiteral("version"))
                     .toString(),
                 QStringLiteral("2.1.0"));
        for (const QString& report : {markdown, json, sarif})
            QVERIFY(!containsLabPassword(QString::fromUtf8(readFile(report))));
        QVERIFY(!window.saveReport(m_dir.filePath(QStringLiteral("no/such/dir/r.md"))));
    }

    void promptedSecretIsAskedOnceAndNeverShown()
    {
        Profile good = demo(QStringLiteral("orders-prod"));
        good.password = SecretRef::prompt();
        const QString path = writeProfiles({good});
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectProfile(good.id));

        window.connectProfile(good.id);
        QTRY_VERIFY_WITH_TIMEOUT(window.secrets()->currentPrompt(), ConnectTimeout);
        QInputDialog* prompt = window.secrets()->currentPrompt();
        QVERIFY(prompt->isVisible());
        // Opened with open(): window-modal, no nested event loop.
        QCOMPARE(prompt->windowModality(), Qt::WindowModal);
        QCOMPARE(prompt->textEchoMode(), QLineEdit::Password);
        QVERIFY(prompt->labelText().contains(good.name));
        prompt->setTextValue(QLatin1String(lab::LabPassword));
        prompt->accept();
        // The field is emptied as the dialog closes, not only when it is deleted later.
        QVERIFY(!containsLabPassword(allWidgetText()));
        QTRY_VERIFY_WITH_TIMEOUT(window.results()->entry(good.id).inspect.has_value(),
                                 ConnectTimeout);
        const InspectResult first = *window.results()->entry(good.id).inspect;
        QVERIFY2(!first.error, qPrintable(first.error ? first.error->toString() : QString()));
        QVERIFY(window.secrets()->remembers(good.id, SecretResolver::passwordField()));

        // Asked once per session: the second connection does not ask again.
        QSignalSpy prompts(window.secrets(), &SecretsController::promptOpened);
        window.results()->remove(good.id);
        window.connectProfile(good.id);
        QTRY_VERIFY_WITH_TIMEOUT(window.results()->entry(good.id).inspect.has_value(),
                                 ConnectTimeout);
        QCOMPARE(prompts.count(), 0);

        // The console and keys tabs connect with the same secret, no prompt either.
        window.setCurrentTab(MainWindow::Tab::Console);
        QTRY_COMPARE(window.consoleView()->controller()->profileName(), good.name);
        QCOMPARE(prompts.count(), 0);

        // The secret is in no widget, and never in the profiles file.
        QTRY_VERIFY(!window.secrets()->currentPrompt());
        QVERIFY(!containsLabPassword(allWidgetText()));
        QVERIFY(!containsLabPassword(QString::fromUtf8(readFile(path))));

        // A cancelled prompt stops the connection and says why, without a secret.
        Profile second = demo(QStringLiteral("catalog-prod"));
        second.password = SecretRef::prompt();
        QVERIFY(window.profiles()->save(second));
        QVERIFY(window.selectProfile(second.id));
        window.connectProfile(second.id);
        QTRY_VERIFY_WITH_TIMEOUT(window.secrets()->currentPrompt(), ConnectTimeout);
        window.secrets()->currentPrompt()->reject();
        QTRY_VERIFY2(window.overviewView()->emptyText().contains(second.name),
                     qPrintable(window.overviewView()->emptyText()));
        QVERIFY(!window.results()->entry(second.id).inspect.has_value());
    }

    void keychainSecretsAreReadAndRemovedWithTheProfile()
    {
        Profile good = demo(QStringLiteral("orders-prod"));
        good.password = SecretRef::keychain();
        QVERIFY(m_secrets->write(good.id, SecretResolver::passwordField(),
                                 QByteArray(lab::LabPassword)));
        const QString path = writeProfiles({good, demo(QStringLiteral("orders-dev"))});
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectProfile(good.id));
        window.connectProfile(good.id);
        QTRY_VERIFY_WITH_TIMEOUT(window.results()->entry(good.id).inspect.has_value(),
                                 ConnectTimeout);
        QVERIFY(!window.results()->entry(good.id).inspect->error);
        QVERIFY(!window.secrets()->currentPrompt());

        // Delete asks first; Cancel keeps everything.
        Q_EMIT window.profilePane()->deleteRequested(good.id);
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("deleteProfileBox"))));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!window.findChild<QMessageBox*>(QStringLiteral("deleteProfileBox")));
        QVERIFY(window.profiles()->find(good.id));

        Q_EMIT window.profilePane()->deleteRequested(good.id);
        QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("deleteProfileBox"))));
        box->findChild<QPushButton*>(QStringLiteral("confirmDelete"))->click();
        QTRY_VERIFY(!window.profiles()->find(good.id));
        QTRY_VERIFY(!m_secrets->contains(good.id, SecretResolver::passwordField()));
        QVERIFY(!ProfileStore::open(path)->find(good.id));
        QVERIFY(!window.results()->entry(good.id).inspect.has_value());
    }

    void unavailableKeychainAsksInsteadAndSaysSoOnce()
    {
        Profile good = demo(QStringLiteral("orders-prod"));
        good.password = SecretRef::keychain();
        Profile mtls = demo(QStringLiteral("sessions-prod"));
        mtls.password = SecretRef::keychain();
        const QString path = writeProfiles({good, mtls});
        auto unavailable = std::make_shared<MemorySecretStore>();
        unavailable->setUnavailable(true);
        MainWindow::Options withoutKeychain = options(path);
        withoutKeychain.secrets = unavailable;
        MainWindow window(withoutKeychain);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy said(window.secrets(), &SecretsController::keychainUnavailable);

        for (const Profile& profile : {good, mtls}) {
            window.connectProfile(profile.id);
            QTRY_VERIFY_WITH_TIMEOUT(window.secrets()->currentPrompt(), ConnectTimeout);
            window.secrets()->currentPrompt()->setTextValue(QLatin1String(lab::LabPassword));
            window.secrets()->currentPrompt()->accept();
            QTRY_VERIFY_WITH_TIMEOUT(window.results()->entry(profile.id).inspect.has_value(),
                                     ConnectTimeout);
            QVERIFY(!window.results()->entry(profile.id).inspect->error);
        }
        QCOMPARE(said.count(), 1); // once per session, not once per profile
        auto* note = window.findChild<QLabel*>(QStringLiteral("keychainStatus"));
        QVERIFY(note && note->isVisible()); // stays in the status bar
        QVERIFY(note->text().contains(QLatin1String("keychain")));
        QVERIFY(window.statusBar()->currentMessage().isEmpty() ||
                !containsLabPassword(window.statusBar()->currentMessage()));
        QCOMPARE(unavailable->size(), 0); // asked secrets are never stored
    }

    void profileCommandsSaveThroughTheStore()
    {
        const Profile dev = demo(QStringLiteral("orders-dev"));
        const QString path = writeProfiles({dev});
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Dropped onto another environment: saved at once.
        Q_EMIT window.profilePane()->environmentChangeRequested(dev.id, QStringLiteral("staging"));
        QCOMPARE(ProfileStore::open(path)->find(dev.id)->environment, QStringLiteral("staging"));
        QVERIFY(QFile::exists(path + QStringLiteral(".bak")));

        // Duplicate: a new id, the same settings, selected.
        Q_EMIT window.profilePane()->duplicateRequested(dev.id);
        QCOMPARE(ProfileStore::open(path)->profiles().size(), 2);
        QVERIFY(window.currentProfileId() != dev.id);
        QVERIFY(!window.currentProfileId().isNull());
        QCOMPARE(window.profiles()->find(window.currentProfileId())->port, dev.port);

        // New profile in an environment and service: the editor opens, preset.
        Q_EMIT window.profilePane()->newProfileRequested(QStringLiteral("production"),
                                                         QStringLiteral("billing"));
        QDialog* editor = nullptr;
        QTRY_VERIFY((editor = window.findChild<QDialog*>(QStringLiteral("profileEditor"))));
        QVERIFY(editor->isVisible());
        editor->reject();
        QTRY_VERIFY(!window.findChild<QDialog*>(QStringLiteral("profileEditor")));

        // Someone else edits the same profile meanwhile: a conflict, a clear message, the file
        // keeps their version.
        {
            auto theirs = ProfileStore::open(path);
            QVERIFY(theirs);
            Profile changed = *theirs->find(dev.id);
            changed.name = QStringLiteral("orders-dev-renamed");
            QVERIFY(theirs->upsert(changed));
            QVERIFY(theirs->save());
        }
        const QByteArray before = readFile(path);
        Q_EMIT window.profilePane()->environmentChangeRequested(dev.id,
                                                                QStringLiteral("production"));
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("saveErrorBox"))));
        QVERIFY(box->informativeText().contains(QFileInfo(path).fileName()) ||
                box->informativeText().contains(QDir::toNativeSeparators(path)));
        QCOMPARE(readFile(path), before);
        QCOMPARE(window.profiles()->find(dev.id)->environment, QStringLiteral("staging"));
        box->close();
    }

    void dialogsOpenWithoutBlockingAndApply()
    {
        const Profile dev = demo(QStringLiteral("orders-dev"));
        const QString path = writeProfiles({dev});
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectProfile(dev.id));

        // Edit (F2's action): rename, save, the file has it.
        window.action(MainWindow::ActionId::Edit)->trigger();
        QDialog* editor = nullptr;
        QTRY_VERIFY((editor = window.findChild<QDialog*>(QStringLiteral("profileEditor"))));
        QVERIFY(editor->isVisible() && editor->windowModality() != Qt::ApplicationModal);
        editor->findChild<QLineEdit*>(QStringLiteral("nameEdit"))
            ->setText(QStringLiteral("orders-dev-2"));
        editor->accept();
        QTRY_COMPARE(ProfileStore::open(path)->find(dev.id)->name, QStringLiteral("orders-dev-2"));
        QCOMPARE(window.currentProfileId(), dev.id);

        // Import: a URL with a password; the secret goes to the keychain, not the file.
        window.action(MainWindow::ActionId::Import)->trigger();
        QDialog* import = nullptr;
        QTRY_VERIFY((import = window.findChild<QDialog*>(QStringLiteral("importDialog"))));
        auto* importDialog = qobject_cast<ImportDialog*>(import);
        QVERIFY(importDialog);
        importDialog->setText(
            QStringLiteral("rediss://app:s3cret-import@cache.example.com:6390/2"));
        QVERIFY2(importDialog->profiles().size() == 1, qPrintable(importDialog->errorMessage()));
        import->accept();
        QTRY_COMPARE(window.profiles()->profiles().size(), 2);
        QUuid importedId;
        for (const Profile& profile : window.profiles()->profiles())
            if (profile.id != dev.id)
                importedId = profile.id;
        QCOMPARE(window.profiles()->find(importedId)->port, quint16(6390));
        QTRY_VERIFY(m_secrets->contains(importedId, SecretResolver::passwordField()));
        QVERIFY(!readFile(path).contains("s3cret-import"));
        QVERIFY(!allWidgetText().contains(QLatin1String("s3cret-import")));

        // Export: URL and redis-cli of the selected profile, without the secret.
        window.action(MainWindow::ActionId::Export)->trigger();
        QDialog* exportDialog = nullptr;
        QTRY_VERIFY((exportDialog = window.findChild<QDialog*>(QStringLiteral("exportDialog"))));
        const QString url =
            exportDialog->findChild<QLineEdit*>(QStringLiteral("exportUrl"))->text();
        QCOMPARE(url, QStringLiteral("rediss://app@cache.example.com:6390/2"));
        QVERIFY(exportDialog->findChild<QLineEdit*>(QStringLiteral("exportRedisCli"))
                    ->text()
                    .startsWith(QLatin1String("redis-cli ")));
        QVERIFY(!allWidgetText().contains(QLatin1String("s3cret-import")));
        exportDialog->close();

        // Settings: the dialog applies and keeps them.
        window.action(MainWindow::ActionId::Settings)->trigger();
        QDialog* settings = nullptr;
        QTRY_VERIFY((settings = window.findChild<QDialog*>(QStringLiteral("settingsDialog"))));
        settings->findChild<QAbstractButton*>(QStringLiteral("settingsProbe"))->click();
        settings->accept();
        QTRY_VERIFY(!window.settings().probe);
        QVERIFY(!AppSettings::load().probe);
    }

    void reportIsSavedFromTheFileDialog()
    {
        const Profile dev = demo(QStringLiteral("catalog-dev"));
        const QString path = writeProfiles({dev});
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        AppSettings quick;
        quick.probe = false;
        window.setSettings(quick);
        QVERIFY(window.selectProfile(dev.id));
        QVERIFY(!window.action(MainWindow::ActionId::Report)->isEnabled());
        window.action(MainWindow::ActionId::Audit)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.results()->audit(dev.id).has_value(), AuditTimeout);
        QVERIFY(!window.results()->audit(dev.id)->probe.has_value()); // the setting applied
        QVERIFY(window.action(MainWindow::ActionId::Report)->isEnabled());

        window.action(MainWindow::ActionId::Report)->trigger();
        QFileDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QFileDialog*>(QStringLiteral("reportFileDialog"))));
        dialog->setOption(QFileDialog::DontUseNativeDialog);
        dialog->selectNameFilter(ReportFile::nameFilters().at(1)); // JSON
        const QString base = m_dir.filePath(QStringLiteral("from-dialog"));
        QMetaObject::invokeMethod(dialog, "filterSelected",
                                  Q_ARG(QString, ReportFile::nameFilters().at(1)));
        Q_EMIT dialog->fileSelected(base);
        const QString written = base + QStringLiteral(".json");
        QTRY_VERIFY(QFile::exists(written));
        const QJsonObject document = QJsonDocument::fromJson(readFile(written)).object();
        QCOMPARE(document.value(QStringLiteral("targets")).toArray().size(), 1);
        dialog->reject();
    }

    void auditAllCanBeCancelled()
    {
        const QString path = writeProfiles(m_demo);
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSettings(AppSettings{}); // with the probe: long enough to cancel midway

        window.action(MainWindow::ActionId::AuditAll)->trigger();
        QVERIFY(window.isAuditAllRunning());
        QVERIFY(!window.action(MainWindow::ActionId::AuditAll)->isEnabled());
        // Wait until the audit reports progress, then Cancel from the status bar.
        QTRY_VERIFY_WITH_TIMEOUT(!window.taskList()->tasks().isEmpty() &&
                                     window.taskList()->tasks().constFirst().total > 0,
                                 ConnectTimeout);
        QVERIFY(window.taskStatus()->isVisible());
        QSignalSpy finished(&window, &MainWindow::auditAllFinished);
        window.taskStatus()->cancelButton()->click();

        // The GUI answers while the workers wind down: a profile can be selected and shown.
        const Profile other = demo(QStringLiteral("sessions-prod"));
        QVERIFY(window.selectProfile(other.id));
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("profileHeaderTitle"))->text(),
                 other.name);

        QTRY_VERIFY_WITH_TIMEOUT(window.taskList()->isEmpty(), ConnectTimeout);
        QVERIFY(!window.isAuditAllRunning());
        QCOMPARE(finished.count(), 0);
        QCOMPARE(window.results()->auditCount(), 0); // partial results are dropped
        QVERIFY(window.action(MainWindow::ActionId::AuditAll)->isEnabled());
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("cancelled")));
    }

    void closingDuringAuditAllCancelsCleanly()
    {
        const QString path = writeProfiles(m_demo);
        auto window = std::make_unique<MainWindow>(options(path));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->auditAll();
        window->auditProfile(demo(QStringLiteral("orders-prod")).id);
        QTRY_VERIFY_WITH_TIMEOUT(window->taskList()->count() == 2, ConnectTimeout);
        QVERIFY(window->close());
        window.reset(); // results still arriving are dropped with the window
        QTest::qWait(0);
    }

    void auditAllFillsEveryViewAndRendersScreenshots()
    {
        const QString path = writeProfiles(m_demo);
        MainWindow window(options(path));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QSignalSpy finished(&window, &MainWindow::auditAllFinished);
        window.action(MainWindow::ActionId::AuditAll)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), AuditTimeout);
        QCOMPARE(finished.constFirst().at(0).toInt(), m_demo.size());
        QCOMPARE(window.results()->auditCount(), m_demo.size());
        QVERIFY(window.taskList()->isEmpty());

        // Every profile is in the matrix with its audit; the tree shows every grade.
        EnvironmentMatrixModel* matrix = window.environmentsView()->model();
        bool anyDrift = false;
        for (const Profile& profile : std::as_const(m_demo)) {
            const QModelIndex cell = matrix->indexOf(profile.id);
            QVERIFY2(cell.isValid(), qPrintable(profile.name));
            QCOMPARE(cell.data(EnvironmentMatrixModel::GradeRole).toString(),
                     window.results()->audit(profile.id)->grade.grade);
            anyDrift = anyDrift || cell.data(EnvironmentMatrixModel::HasDriftRole).toBool();
            const QModelIndex row = window.profilePane()->model()->indexForProfileId(profile.id);
            QCOMPARE(row.siblingAtColumn(ProfileTreeModel::GradeColumn).data().toString(),
                     window.results()->audit(profile.id)->grade.grade);
        }
        QVERIFY(anyDrift); // the demo's environments drift

        // Activating a cell selects its profile in the Profiles view.
        const Profile staging = demo(QStringLiteral("orders-staging"));
        window.setCurrentView(MainWindow::View::Environments);
        Q_EMIT window.environmentsView()->profileActivated(staging.id);
        QCOMPARE(window.currentView(), MainWindow::View::Profiles);
        QCOMPARE(window.currentProfileId(), staging.id);

        // Screenshots for review, 1280×800.
        struct Shot
        {
            const char* name;
            const char* profile;
            MainWindow::Tab tab;
        };
        const Shot shots[] = {
            {"main-window-overview", "orders-staging", MainWindow::Tab::Overview},
            {"main-window-certificates", "orders-staging", MainWindow::Tab::Certificates},
            {"main-window-findings", "sessions-dev", MainWindow::Tab::Findings},
            {"main-window-protocols", "sessions-staging", MainWindow::Tab::Protocols},
        };
        for (const Shot& shot : shots) {
            QVERIFY(window.selectProfile(demo(QLatin1String(shot.profile)).id));
            window.setCurrentTab(shot.tab);
            const InspectionPane* pane = inspectionPane(window, shot.tab);
            QVERIFY(pane->isVisible());
            QVERIFY(pane->isShowingContent());
            QCoreApplication::processEvents();
            const QString file = screenshot(&window, QLatin1String(shot.name));
            QVERIFY(!file.isEmpty());
            QCOMPARE(QImage(file).size(), QSize(1280, 800));
            // Counts in words: "1 day", "31 days", "256 bits", never "day(s)". (The core's own
            // texts, finding titles and stage messages, are not the UI's to word.)
            for (const char* name : {"leafValue", "cipherValue", "certificateStatus"})
                for (const QLabel* label : pane->findChildren<QLabel*>(QLatin1String(name)))
                    QVERIFY2(!label->text().contains(QLatin1String("(s)")),
                             qPrintable(label->text()));
            for (const QComboBox* combo : pane->findChildren<QComboBox*>())
                for (int i = 0; i < combo->count(); ++i)
                    QVERIFY2(!combo->itemText(i).contains(QLatin1String("(s)")),
                             qPrintable(combo->itemText(i)));
        }
        window.setCurrentView(MainWindow::View::Environments);
        QCoreApplication::processEvents();
        const QString file = screenshot(&window, QStringLiteral("main-window-environments"));
        QVERIFY(!file.isEmpty());

        // Nothing secret anywhere in the window.
        QVERIFY(!containsLabPassword(allWidgetText()));
        // The check above can fail: the same walk finds the password once a widget shows it.
        auto* probe =
            new QLabel(QStringLiteral("AUTH %1").arg(QLatin1String(lab::LabPassword)), &window);
        QVERIFY(containsLabPassword(allWidgetText()));
        delete probe;
    }

    void brokenProfilesFileOpensReadOnlyAndIsNeverWritten()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        const QByteArray broken = "{\n  \"schema\": \"rediscope-profiles/1\",\n  \"profiles\": [\n"
                                  "    {\"name\": \"orders\", \"host\": \"h\",, }\n  ]\n}\n";
        QVERIFY(writeFile(path, broken));
        {
            MainWindow window(options(path));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.isReadOnly());
            QLabel* banner = window.storeBanner();
            QVERIFY(banner->isVisible());
            QVERIFY2(banner->text().contains(QDir::toNativeSeparators(path)),
                     qPrintable(banner->text()));
            QVERIFY2(banner->text().contains(QLatin1String("line 4, column")),
                     qPrintable(banner->text()));
            QVERIFY(window.windowTitle().contains(QLatin1String("read-only")));
            window.resize(1280, 800);
            QVERIFY(!screenshot(&window, QStringLiteral("main-window-read-only")).isEmpty());
            QVERIFY(!window.action(MainWindow::ActionId::New)->isEnabled());
            QVERIFY(!window.action(MainWindow::ActionId::Import)->isEnabled());
            QVERIFY(window.profiles()->profiles().isEmpty()); // nothing from a broken file

            // Whatever asks to change it is refused with a word, not written.
            Q_EMIT window.profilePane()->newProfileRequested(QStringLiteral("staging"), {});
            QVERIFY(!window.findChild<QDialog*>(QStringLiteral("profileEditor")));
            QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("read-only")));
            QVERIFY(!window.profiles()->save(Profile::create(QStringLiteral("x"))));
            window.close();
        }
        QCOMPARE(readFile(path), broken);
        QVERIFY(!QFile::exists(path + QStringLiteral(".bak")));

        // Fixed outside the app, Reload makes it writable again.
        MainWindow window(options(path));
        QVERIFY(window.isReadOnly());
        QVERIFY(writeFile(path, "{\"schema\": \"rediscope-profiles/1\", \"profiles\": []}\n"));
        window.findChild<QPushButton*>(QStringLiteral("storeBannerReload"))->click();
        QVERIFY(!window.isReadOnly());
        QVERIFY(!window.storeBanner()->isVisibleTo(&window));
    }

    void newerSchemaOpensReadOnlyWithItsProfiles()
    {
        const Profile dev = demo(QStringLiteral("orders-dev"));
        const QString written = writeProfiles({dev});
        QByteArray bytes = readFile(written);
        bytes.replace("rediscope-profiles/1", "rediscope-profiles/2");
        const QString path = m_dir.filePath(QStringLiteral("newer.json"));
        QVERIFY(writeFile(path, bytes));
        {
            MainWindow window(options(path));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.isReadOnly());
            QVERIFY(window.storeBanner()->isVisible());
            QVERIFY(window.storeBanner()->text().contains(QLatin1String("newer")));
            QVERIFY(window.storeBanner()->text().contains(QDir::toNativeSeparators(path)));
            QVERIFY(window.profiles()->find(dev.id)); // still there to connect and audit
            QVERIFY(window.selectProfile(dev.id));
            QVERIFY(window.action(MainWindow::ActionId::Connect)->isEnabled());
            QVERIFY(!window.action(MainWindow::ActionId::Edit)->isEnabled());
            Q_EMIT window.profilePane()->environmentChangeRequested(dev.id,
                                                                    QStringLiteral("staging"));
            window.close();
        }
        QCOMPARE(readFile(path), bytes);
    }

    void remembersWindowState()
    {
        const QString path = writeProfiles(m_demo);
        const Profile chosen = demo(QStringLiteral("catalog-staging"));
        QList<int> sizes;
        {
            MainWindow window(options(path));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1100, 700);
            QVERIFY(window.selectProfile(chosen.id));
            window.setCurrentTab(MainWindow::Tab::Certificates);
            auto* splitter = window.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
            splitter->setSizes({350, 700});
            sizes = splitter->sizes();
            window.setCurrentView(MainWindow::View::Environments);
            window.close();
        }
        MainWindow window(options(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1100, 700));
        QCOMPARE(window.currentProfileId(), chosen.id);
        QCOMPARE(window.currentTab(), MainWindow::Tab::Certificates);
        QCOMPARE(window.currentView(), MainWindow::View::Environments);
        window.setCurrentView(MainWindow::View::Profiles);
        QTRY_COMPARE(window.findChild<QSplitter*>(QStringLiteral("mainSplitter"))->sizes(), sizes);
        // Small screens: the window can be narrower than its widest pages, which scroll.
        QVERIFY(window.minimumSizeHint().width() <= 900);
    }

    void settingsAreKept()
    {
        MainWindow window(options(m_dir.filePath(QStringLiteral("settings.json"))));
        // By default the probe chooses its connection count by the link.
        QCOMPARE(AppSettings().auditOptions().probeParallelism, 0);
        AppSettings changed;
        changed.probe = false;
        changed.probeParallelism = 3;
        changed.targetConcurrency = 2;
        changed.defaultTimeoutSeconds = 25;
        window.setSettings(changed);
        QCOMPARE(AppSettings::load(), changed);
        QCOMPARE(window.settings().auditOptions().probe, false);
        MainWindow again(options(m_dir.filePath(QStringLiteral("settings.json"))));
        QCOMPARE(again.settings(), changed);
    }

    void desktopAppRejectsUnknownOptions()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(REDISCOPE_BINARY), {QStringLiteral("--frobnicate")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(QLatin1String("unknown option \"--frobnicate\"")), qPrintable(err));
        QVERIFY(err.contains(QLatin1String("--profiles FILE")));

        process.start(QStringLiteral(REDISCOPE_BINARY), {QStringLiteral("--profiles")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(QString::fromUtf8(process.readAllStandardError())
                    .contains(QLatin1String("needs a file name")));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
