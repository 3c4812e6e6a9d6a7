// The profile editor: live profile.* findings judged by the chosen environment's policy, file
// validation as you type (real files), secrets that never show and go to the SecretStore on
// Save, and Test Connection against real lab servers, with Cancel and a safe close mid-test.
// Writes screenshots for review.

#include "LabEnvironment.h"
#include "controllers/Translations.h"
#include "dialogs/ProfileEditorDialog.h"
#include "secrets/MemorySecretStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

using namespace rediscope;
using namespace rediscope::lab;

namespace {

// A loopback listener that never accepts: TCP completes, nobody ever answers.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        ::listen(m_fd, 8);
        socklen_t length = sizeof address;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(m_fd); }
    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

template <typename T>
T* child(const QObject& parent, const char* name)
{
    T* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

Profile productionProfile()
{
    Profile profile = Profile::create(QStringLiteral("orders-prod"));
    profile.environment = QStringLiteral("production");
    profile.service = QStringLiteral("orders");
    profile.host = QStringLiteral("orders.example.com");
    profile.port = 6380;
    profile.password = SecretRef::keychain();
    return profile;
}

// A copy of the finding with that id: the dialog's findings() is a fresh list each time.
std::optional<Finding> findingById(const QList<Finding>& findings, const QString& id)
{
    for (const Finding& finding : findings)
        if (finding.id == id)
            return finding;
    return std::nullopt;
}

// The findings list as shown: "<severity word>|<title>" per row.
QStringList shownFindings(const ProfileEditorDialog& dialog)
{
    auto* list = child<QTreeWidget>(dialog, "findingsList");
    QStringList rows;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        rows << list->topLevelItem(i)->text(0) + QLatin1Char('|') + list->topLevelItem(i)->text(1);
    return rows;
}

void selectEnvironment(ProfileEditorDialog& dialog, const QString& name)
{
    auto* combo = child<QComboBox>(dialog, "environmentCombo");
    const int index = combo->findData(name);
    if (index >= 0)
        combo->setCurrentIndex(index);
    else
        combo->setEditText(name);
}

// Every text a widget of the dialog shows.
QStringList visibleTexts(const QWidget& root)
{
    QStringList texts{root.windowTitle()};
    for (const QWidget* widget : root.findChildren<QWidget*>()) {
        texts << widget->toolTip();
        if (auto* edit = qobject_cast<const QLineEdit*>(widget))
            texts << edit->text() << edit->displayText() << edit->placeholderText();
        else if (auto* label = qobject_cast<const QLabel*>(widget))
            texts << label->text();
        else if (auto* plain = qobject_cast<const QPlainTextEdit*>(widget))
            texts << plain->toPlainText();
        else if (auto* combo = qobject_cast<const QComboBox*>(widget))
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        else if (auto* tree = qobject_cast<const QTreeWidget*>(widget))
            for (int i = 0; i < tree->topLevelItemCount(); ++i)
                for (int c = 0; c < tree->columnCount(); ++c)
                    texts << tree->topLevelItem(i)->text(c) << tree->topLevelItem(i)->toolTip(c);
    }
    return texts;
}

QString outputDirectory()
{
    const QString directory = qEnvironmentVariable("REDISCOPE_TEST_OUTPUT", QDir::tempPath());
    QDir().mkpath(directory);
    return directory;
}

Profile labProfile(const QString& scenario)
{
    auto& lab = LabEnvironment::shared();
    if (!lab.setupError().isEmpty())
        qFatal("lab: %s", qPrintable(lab.setupError()));
    QString error;
    LabServer* server = lab.server(scenario, &error);
    if (!server)
        qFatal("lab scenario %s: %s", qPrintable(scenario), qPrintable(error));
    Profile profile = Profile::create(QStringLiteral("lab %1").arg(scenario));
    profile.environment = QStringLiteral("staging");
    profile.service = QStringLiteral("lab");
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = server->tlsPort();
    profile.tls.caFile = lab.pki().rootCa();
    profile.password = SecretRef::keychain();
    profile.timeoutSeconds = 10;
    return profile;
}

// Lets pending layout passes run (a wrapped label's height follows its width), so the grab
// shows what a user would see.
void settleLayout()
{
    for (int pass = 0; pass < 3; ++pass) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    }
}

QStringList stageResults(const ProfileEditorDialog& dialog)
{
    auto* stages = child<QTreeWidget>(dialog, "testStages");
    QStringList results;
    for (int i = 0; i < stages->topLevelItemCount(); ++i)
        results << stages->topLevelItem(i)->text(0) + QLatin1Char('=') +
                       stages->topLevelItem(i)->text(1);
    return results;
}

} // namespace

class tst_ProfileEditorDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(installTranslations(QCoreApplication::instance())); }

    void liveFindingsFollowFieldsAndEnvironment()
    {
        ProfileEditorDialog dialog(productionProfile(), EnvironmentPolicies(),
                                   std::make_shared<MemorySecretStore>());
        QVERIFY(dialog.findings().isEmpty());
        QVERIFY(shownFindings(dialog).value(0).startsWith(QLatin1String("None|")));
        QSignalSpy changed(&dialog, &ProfileEditorDialog::findingsChanged);

        // Verification off in production: critical, at once.
        child<QCheckBox>(dialog, "verifyPeerCheck")->setChecked(false);
        QVERIFY(changed.count() >= 1);
        std::optional<Finding> verify =
            findingById(dialog.findings(), QStringLiteral("profile.verify_disabled"));
        QVERIFY(verify);
        QCOMPARE(verify->severity, Severity::Critical);
        QCOMPARE(shownFindings(dialog).value(0), QStringLiteral("Critical|") + verify->title);

        // The same profile in development costs less; in a custom "qa" (staging policy) more.
        selectEnvironment(dialog, QStringLiteral("development"));
        verify = findingById(dialog.findings(), QStringLiteral("profile.verify_disabled"));
        QVERIFY(verify);
        QCOMPARE(verify->severity, Severity::Medium);
        QCOMPARE(shownFindings(dialog).value(0), QStringLiteral("Medium|") + verify->title);
        selectEnvironment(dialog, QStringLiteral("qa"));
        QCOMPARE(dialog.profile().environment, QStringLiteral("qa"));
        verify = findingById(dialog.findings(), QStringLiteral("profile.verify_disabled"));
        QVERIFY(verify);
        QCOMPARE(verify->severity, Severity::High);
        QVERIFY(child<QLabel>(dialog, "policySummary")->text().contains(QLatin1String("staging")));

        // Back on: gone. Hostname check off in production: high.
        selectEnvironment(dialog, QStringLiteral("production"));
        child<QCheckBox>(dialog, "verifyPeerCheck")->setChecked(true);
        QVERIFY(!findingById(dialog.findings(), QStringLiteral("profile.verify_disabled")));
        child<QCheckBox>(dialog, "verifyHostnameCheck")->setChecked(false);
        const std::optional<Finding> hostname =
            findingById(dialog.findings(), QStringLiteral("profile.hostname_check_disabled"));
        QVERIFY(hostname);
        QCOMPARE(hostname->severity, Severity::High);

        // TLS off; no password; a legacy protocol floor.
        child<QCheckBox>(dialog, "tlsEnabledCheck")->setChecked(false);
        QCOMPARE(dialog.findings().value(0).id, QStringLiteral("profile.tls_disabled"));
        QCOMPARE(dialog.findings().value(0).severity, Severity::Critical);
        QVERIFY(!findingById(dialog.findings(), QStringLiteral("profile.hostname_check_disabled")));
        child<QCheckBox>(dialog, "tlsEnabledCheck")->setChecked(true);
        auto* source = child<QComboBox>(dialog, "passwordSource");
        source->setCurrentIndex(source->findData(QStringLiteral("none")));
        QVERIFY(findingById(dialog.findings(), QStringLiteral("profile.no_auth")));
        auto* protocol = child<QComboBox>(dialog, "minProtocolCombo");
        protocol->setCurrentIndex(protocol->findData(QStringLiteral("TLSv1")));
        QVERIFY(findingById(dialog.findings(), QStringLiteral("profile.legacy_protocol_allowed")));
        QCOMPARE(dialog.profile().tls.minProtocol, QStringLiteral("TLSv1"));
    }

    void filesAreValidatedAsYouType()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        ProfileEditorDialog dialog(productionProfile(), EnvironmentPolicies(), nullptr);
        auto* caFile = child<QLineEdit>(dialog, "caFileEdit");
        auto* caStatus = child<QLabel>(dialog, "caFileStatus");
        auto* keyFile = child<QLineEdit>(dialog, "keyFileEdit");
        auto* keyStatus = child<QLabel>(dialog, "keyFileStatus");
        QVERIFY(caStatus->text().isEmpty());

        // Missing.
        caFile->setText(directory.filePath(QStringLiteral("missing-ca.pem")));
        QCOMPARE(caStatus->text(), QStringLiteral("No such file."));
        QVERIFY(findingById(dialog.findings(), QStringLiteral("profile.file_missing")));

        // Present but not PEM.
        QFile notPem(directory.filePath(QStringLiteral("ca.txt")));
        QVERIFY(notPem.open(QIODevice::WriteOnly));
        notPem.write("just some text\n");
        notPem.close();
        caFile->setText(notPem.fileName());
        QVERIFY(caStatus->text().startsWith(QLatin1String("Not a PEM file")));
        QVERIFY(!findingById(dialog.findings(), QStringLiteral("profile.file_missing")));

        // A real CA certificate.
        auto& lab = LabEnvironment::shared();
        QVERIFY2(lab.setupError().isEmpty(), qPrintable(lab.setupError()));
        caFile->setText(lab.pki().rootCa());
        QCOMPARE(caStatus->text(), QStringLiteral("1 CA certificate (PEM)."));

        // A private key other users can read: said next to the field and as a finding.
        const QString keyPath = directory.filePath(QStringLiteral("client.key"));
        QVERIFY(QFile::copy(lab.pki().clientKey(), keyPath));
        QVERIFY(QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                   QFileDevice::ReadGroup |
                                                   QFileDevice::ReadOther));
        keyFile->setText(keyPath);
        QVERIFY2(keyStatus->text().contains(QLatin1String("Other users can read this key")),
                 qPrintable(keyStatus->text()));
        QVERIFY(keyStatus->text().contains(QLatin1String("0644")));
        QVERIFY(findingById(dialog.findings(), QStringLiteral("profile.key_permissions")));

        // Fixed on disk, typed again: fine.
        QVERIFY(QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        keyFile->clear();
        QVERIFY(keyStatus->text().isEmpty());
        keyFile->setText(keyPath);
        QVERIFY2(keyStatus->text().contains(QLatin1String("readable by you only")),
                 qPrintable(keyStatus->text()));
        QVERIFY(!findingById(dialog.findings(), QStringLiteral("profile.key_permissions")));

        // A certificate where the key should be.
        keyFile->setText(lab.pki().clientCert());
        QVERIFY(keyStatus->text().startsWith(QLatin1String("Not a PEM private key")));
    }

    void secretsNeverShowAndGoToTheStoreOnSave()
    {
        Profile profile = productionProfile();
        profile.password = SecretRef::prompt();
        profile.inlinePassword = QByteArrayLiteral("inline-hunter2");
        auto store = std::make_shared<MemorySecretStore>();
        ProfileEditorDialog dialog(profile, EnvironmentPolicies(), store);
        for (const QString& text : visibleTexts(dialog))
            QVERIFY2(!text.contains(QLatin1String("hunter2")), qPrintable(text));
        QVERIFY(child<QLineEdit>(dialog, "passwordEdit")->text().isEmpty());
        QVERIFY(findingById(dialog.findings(), QStringLiteral("profile.secret_plaintext")));

        // Keychain: the inline secret will move there, so the finding goes.
        auto* source = child<QComboBox>(dialog, "passwordSource");
        source->setCurrentIndex(source->findData(QStringLiteral("keychain")));
        QVERIFY(!findingById(dialog.findings(), QStringLiteral("profile.secret_plaintext")));

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QVERIFY(accepted.count() == 1 || accepted.wait(10000));
        QCOMPARE(store->read(profile.id, QStringLiteral("password")).value(),
                 QByteArrayLiteral("inline-hunter2"));
        const Profile saved = dialog.profile();
        QCOMPARE(saved.password, SecretRef::keychain());
        QVERIFY(saved.inlinePassword.isEmpty());
        QCOMPARE(saved.id, profile.id);

        // A typed password replaces it; the field is empty afterwards.
        ProfileEditorDialog again(saved, EnvironmentPolicies(), store);
        auto* password = child<QLineEdit>(again, "passwordEdit");
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(password->text().isEmpty());
        password->setText(QStringLiteral("typed-s3cret"));
        QSignalSpy acceptedAgain(&again, &QDialog::accepted);
        again.accept();
        QVERIFY(acceptedAgain.count() == 1 || acceptedAgain.wait(10000));
        QCOMPARE(store->read(profile.id, QStringLiteral("password")).value(),
                 QByteArrayLiteral("typed-s3cret"));
        QVERIFY(password->text().isEmpty());

        // No longer in the keychain: the entry is removed on Save.
        ProfileEditorDialog third(again.profile(), EnvironmentPolicies(), store);
        auto* thirdSource = child<QComboBox>(third, "passwordSource");
        thirdSource->setCurrentIndex(thirdSource->findData(QStringLiteral("prompt")));
        QSignalSpy acceptedThird(&third, &QDialog::accepted);
        third.accept();
        QVERIFY(acceptedThird.count() == 1 || acceptedThird.wait(10000));
        QVERIFY(!store->contains(profile.id, QStringLiteral("password")));
        QCOMPARE(third.profile().password, SecretRef::prompt());
    }

    void aFailingStoreKeepsTheDialogOpen()
    {
        auto store = std::make_shared<MemorySecretStore>();
        store->setUnavailable(true);
        ProfileEditorDialog dialog(productionProfile(), EnvironmentPolicies(), store);
        child<QLineEdit>(dialog, "passwordEdit")->setText(QStringLiteral("pw-never-shown"));
        QSignalSpy failed(&dialog, &ProfileEditorDialog::secretSaveFailed);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QVERIFY(failed.count() == 1 || failed.wait(10000));
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        const QString message = child<QLabel>(dialog, "validationMessage")->text();
        QVERIFY(message.startsWith(QLatin1String("The secret could not be saved")));
        QVERIFY(!message.contains(QLatin1String("pw-never-shown")));
        QCOMPARE(child<QTabWidget>(dialog, "sections")->currentIndex(), 1);
    }

    void validationKeepsSaveDisabled()
    {
        Profile profile = productionProfile();
        profile.name.clear();
        ProfileEditorDialog dialog(profile, EnvironmentPolicies(), nullptr);
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        QVERIFY(buttons);
        QVERIFY(!buttons->button(QDialogButtonBox::Save)->isEnabled());
        QVERIFY(dialog.validationErrors().value(0).contains(QLatin1String("name")));
        child<QLineEdit>(dialog, "nameEdit")->setText(QStringLiteral("named"));
        QVERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
        auto* source = child<QComboBox>(dialog, "passwordSource");
        source->setCurrentIndex(source->findData(QStringLiteral("env")));
        child<QLineEdit>(dialog, "passwordVariable")->setText(QStringLiteral("NOT A NAME"));
        QVERIFY(!buttons->button(QDialogButtonBox::Save)->isEnabled());
        child<QLineEdit>(dialog, "passwordVariable")->setText(QStringLiteral("REDIS_PW"));
        QVERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
        QCOMPARE(dialog.profile().password, SecretRef::env(QStringLiteral("REDIS_PW")));
    }

    void testConnectionShowsEveryStage()
    {
        ProfileEditorDialog dialog(labProfile(QStringLiteral("good")), EnvironmentPolicies(),
                                   std::make_shared<MemorySecretStore>());
        child<QLineEdit>(dialog, "passwordEdit")->setText(QString::fromLatin1(LabPassword));
        QSignalSpy finished(&dialog, &ProfileEditorDialog::connectionTestFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "testConnectionButton"), Qt::LeftButton);
        QVERIFY(dialog.isTesting());
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(stageResults(dialog),
                 (QStringList{
                     QStringLiteral("Resolve=OK"), QStringLiteral("TCP connect=OK"),
                     QStringLiteral("TLS handshake=OK"), QStringLiteral("Chain verification=OK"),
                     QStringLiteral("Hostname check=OK"), QStringLiteral("Authentication=OK"),
                     QStringLiteral("PING=OK"), QStringLiteral("INFO=OK")}));
        QVERIFY(child<QLabel>(dialog, "testStatus")
                    ->text()
                    .startsWith(QLatin1String("Connected to Redis")));
        QVERIFY(!dialog.isTesting());

        dialog.resize(1040, 680);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        child<QCheckBox>(dialog, "verifyHostnameCheck")->setChecked(false);
        child<QTabWidget>(dialog, "sections")->setCurrentIndex(2);
        settleLayout();
        const QString path = outputDirectory() + QStringLiteral("/profile-editor-tls.png");
        QVERIFY(dialog.grab().save(path));
        qInfo("screenshot: %s", qPrintable(path));
    }

    void testConnectionShowsTheFailingStage()
    {
        ProfileEditorDialog dialog(labProfile(QStringLiteral("wrong-host")), EnvironmentPolicies(),
                                   std::make_shared<MemorySecretStore>());
        child<QLineEdit>(dialog, "passwordEdit")->setText(QString::fromLatin1(LabPassword));
        QSignalSpy finished(&dialog, &ProfileEditorDialog::connectionTestFinished);
        dialog.testConnection();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        const QStringList results = stageResults(dialog);
        QVERIFY2(results.contains(QStringLiteral("Hostname check=Failed")),
                 qPrintable(results.join(QLatin1Char(','))));
        QVERIFY(results.contains(QStringLiteral("Chain verification=OK")));
        QVERIFY(results.contains(QStringLiteral("Authentication=Not reached")));
        QVERIFY(child<QLabel>(dialog, "testStatus")
                    ->text()
                    .startsWith(QLatin1String("Hostname check failed")));
        QVERIFY(dialog.lastTestResult());
        QCOMPARE(dialog.lastTestResult()->error->stage, Stage::Hostname);
    }

    void cancelDropsTheResult()
    {
        SilentListener silent;
        Profile profile = productionProfile();
        profile.host = QStringLiteral("127.0.0.1");
        profile.port = silent.port();
        profile.timeoutSeconds = 30;
        ProfileEditorDialog dialog(profile, EnvironmentPolicies(), nullptr);
        QSignalSpy finished(&dialog, &ProfileEditorDialog::connectionTestFinished);
        dialog.testConnection();
        QVERIFY(dialog.isTesting());
        QTest::mouseClick(child<QPushButton>(dialog, "cancelTestButton"), Qt::LeftButton);
        QVERIFY(!dialog.isTesting());
        QCOMPARE(child<QLabel>(dialog, "testStatus")->text(), QStringLiteral("Test cancelled."));
        // The worker stops at the cancel; its result arrives and is dropped as stale.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(finished.count(), 0);
        QVERIFY(!dialog.lastTestResult());
        QCOMPARE(child<QLabel>(dialog, "testStatus")->text(), QStringLiteral("Test cancelled."));
    }

    void closingMidTestIsSafe()
    {
        SilentListener silent;
        Profile profile = productionProfile();
        profile.host = QStringLiteral("127.0.0.1");
        profile.port = silent.port();
        profile.timeoutSeconds = 30;
        auto* dialog = new ProfileEditorDialog(profile, EnvironmentPolicies(),
                                               std::make_shared<MemorySecretStore>());
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        child<QLineEdit>(*dialog, "passwordEdit")->setText(QStringLiteral("pw"));
        dialog->testConnection();
        QVERIFY(dialog->isTesting());
        dialog->reject();
        delete dialog;
        // The worker is cancelled by the close and ends; nothing it could touch is gone.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }

    void rendersScreenshot()
    {
        QTemporaryDir directory;
        auto& lab = LabEnvironment::shared();
        QVERIFY2(lab.setupError().isEmpty(), qPrintable(lab.setupError()));
        const QString keyPath = directory.filePath(QStringLiteral("client.key"));
        QVERIFY(QFile::copy(lab.pki().clientKey(), keyPath));
        QVERIFY(QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                   QFileDevice::ReadGroup |
                                                   QFileDevice::ReadOther));
        Profile profile = productionProfile();
        profile.tls.verifyPeer = false;
        profile.tls.caFile = lab.pki().rootCa();
        profile.tls.certFile = lab.pki().clientCert();
        profile.tls.keyFile = keyPath;
        profile.tags = {QStringLiteral("eu"), QStringLiteral("critical-path")};
        ProfileEditorDialog dialog(profile, EnvironmentPolicies(), nullptr);
        dialog.resize(1040, 680);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.findings().size() >= 2);
        settleLayout();
        const QString connection = outputDirectory() + QStringLiteral("/profile-editor.png");
        QVERIFY(dialog.grab().save(connection));
        qInfo("screenshot: %s", qPrintable(connection));
        for (int tab : {1, 2, 3}) {
            child<QTabWidget>(dialog, "sections")->setCurrentIndex(tab);
            settleLayout();
            const QString path =
                outputDirectory() + QStringLiteral("/profile-editor-%1.png").arg(tab);
            QVERIFY(dialog.grab().save(path));
            qInfo("screenshot: %s", qPrintable(path));
        }
    }
};

QTEST_MAIN(tst_ProfileEditorDialog)
#include "tst_ProfileEditorDialog.moc"
