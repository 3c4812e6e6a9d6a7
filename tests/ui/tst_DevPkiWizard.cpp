// The "Secure Dev Setup" wizard, driven offscreen from the main window's Tools menu: inputs are
// checked as they are typed, generation runs in the background and writes the PKI (keys 0600)
// and the configuration ServerConfigEmitter emits for the same inputs, the result page shows
// exactly that, and the profile it adds lands in the store and is selected. Existing files are
// refused in the command line's words unless Overwrite is ticked; a problem found at Generate
// keeps the wizard on the summary with every input. Screenshot of the result page for the docs.

#include "LabTargets.h"
#include "controllers/ProfilesController.h"
#include "dialogs/DevPkiWizard.h"
#include "pki/DevPki.h"
#include "pki/DevSetup.h"
#include "pki/ServerConfigEmitter.h"
#include "profile/ProfileStore.h"
#include "secrets/MemorySecretStore.h"
#include "views/MainWindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <sys/stat.h>

using namespace rediscope;
using namespace rediscope::testing;

namespace {

const QString PasswordVariable = QStringLiteral("DEV_WIZARD_PASSWORD");
const QByteArray Password = "wizard-password-Hx72kQ";

uint modeOf(const QString& path)
{
    struct stat info
    {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return uint(info.st_mode & 07777);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

template <typename T>
T* child(const QObject& root, const char* name)
{
    return root.findChild<T*>(QLatin1String(name));
}

bool nextEnabled(const DevPkiWizard& wizard)
{
    const QAbstractButton* next =
        wizard.button(wizard.currentId() == DevPkiWizard::SummaryPage ? QWizard::CommitButton
                                                                      : QWizard::NextButton);
    return next && next->isEnabled();
}

QStringList visibleTexts(const QWidget& root)
{
    QStringList texts{root.windowTitle()};
    for (const QWidget* widget : root.findChildren<QWidget*>()) {
        texts << widget->toolTip();
        if (auto* edit = qobject_cast<const QLineEdit*>(widget))
            texts << edit->text();
        else if (auto* label = qobject_cast<const QLabel*>(widget))
            texts << label->text();
        else if (auto* plain = qobject_cast<const QPlainTextEdit*>(widget))
            texts << plain->toPlainText();
        else if (auto* tree = qobject_cast<const QTreeWidget*>(widget))
            for (int i = 0; i < tree->topLevelItemCount(); ++i)
                for (int c = 0; c < tree->columnCount(); ++c)
                    texts << tree->topLevelItem(i)->text(c);
    }
    return texts;
}

} // namespace

class tst_DevPkiWizard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir{QDir::tempPath() + QStringLiteral("/rediscope-dev-XXXXXX")};
    std::shared_ptr<MemorySecretStore> m_secrets = std::make_shared<MemorySecretStore>();

    MainWindow::Options options(const QString& profilesFile) const
    {
        MainWindow::Options options;
        options.profilesPath = m_dir.filePath(profilesFile);
        options.secrets = m_secrets;
        QProcessEnvironment environment;
        environment.insert(PasswordVariable, QString::fromLatin1(Password));
        options.environment = environment;
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void generatesFromTheToolsMenuAndAddsTheProfile()
    {
        MainWindow window(options(QStringLiteral("profiles.json")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction* open = window.action(MainWindow::ActionId::DevPkiWizard);
        QVERIFY(open && open->isEnabled());
        open->trigger();
        auto* wizard = window.findChild<DevPkiWizard*>(QStringLiteral("devPkiWizard"));
        QVERIFY(wizard);
        QTRY_VERIFY(wizard->isVisible());
        QCOMPARE(wizard->currentId(), int(DevPkiWizard::OutputPage));

        // Output: a new directory.
        const QString out = m_dir.filePath(QStringLiteral("tls"));
        child<QLineEdit>(*wizard, "outputDirectory")->setText(out);
        QVERIFY2(nextEnabled(*wizard), qPrintable(wizard->pageProblem(DevPkiWizard::OutputPage)));
        QVERIFY(child<QLabel>(*wizard, "directoryStatus")->text().contains(out));
        QVERIFY(wizard->grab().save(screenshotPath(QStringLiteral("dev-pki-wizard-output.png"))));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(DevPkiWizard::CertificatePage));

        // Hosts are checked as they are typed; the defaults are localhost and 127.0.0.1.
        auto* hosts = child<QLineEdit>(*wizard, "hosts");
        QCOMPARE(wizard->arguments().pki.hosts,
                 (QStringList{QStringLiteral("localhost"), QStringLiteral("127.0.0.1")}));
        QTest::keyClicks(hosts, QStringLiteral(", not a host!"));
        QVERIFY(!nextEnabled(*wizard));
        QVERIFY2(
            child<QLabel>(*wizard, "hostsStatus")->text().contains(QLatin1String("not a host!")),
            qPrintable(child<QLabel>(*wizard, "hostsStatus")->text()));
        hosts->clear();
        QVERIFY(!nextEnabled(*wizard));
        QTest::keyClicks(hosts, QStringLiteral("localhost, 127.0.0.1, redis.dev.test"));
        QVERIFY(nextEnabled(*wizard));
        QVERIFY(child<QLabel>(*wizard, "hostsStatus")
                    ->text()
                    .contains(QLatin1String("DNS:redis.dev.test")));
        child<QSpinBox>(*wizard, "days")->setValue(90);
        auto* keyType = child<QComboBox>(*wizard, "keyType");
        QCOMPARE(keyType->currentData().toString(), devKeyTypeName(DevKeyType::EcP256));
        QVERIFY(
            wizard->grab().save(screenshotPath(QStringLiteral("dev-pki-wizard-certificate.png"))));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(DevPkiWizard::ClientsPage));

        // Clients and server: mutual TLS, a password from a variable, replication over TLS.
        auto* clientAuth = child<QComboBox>(*wizard, "clientAuth");
        QCOMPARE(clientAuth->currentData().toString(), QStringLiteral("no"));
        child<QCheckBox>(*wizard, "clientCertificate")->setChecked(true);
        QCOMPARE(clientAuth->currentData().toString(), QStringLiteral("yes"));
        auto* variable = child<QLineEdit>(*wizard, "passwordVariable");
        variable->setText(QStringLiteral("not a name"));
        QVERIFY(!nextEnabled(*wizard));
        variable->setText(QStringLiteral("DEV_WIZARD_UNSET_VARIABLE"));
        QVERIFY(!nextEnabled(*wizard));
        QVERIFY(child<QLabel>(*wizard, "passwordStatus")
                    ->text()
                    .contains(QLatin1String("DEV_WIZARD_UNSET_VARIABLE is not set")));
        variable->setText(PasswordVariable);
        QVERIFY(nextEnabled(*wizard));
        child<QCheckBox>(*wizard, "tlsReplication")->setChecked(true);
        QVERIFY(wizard->grab().save(screenshotPath(QStringLiteral("dev-pki-wizard-clients.png"))));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(DevPkiWizard::SummaryPage));
        QVERIFY(child<QLabel>(*wizard, "summary")->text().contains(QLatin1String("users.acl")));

        QVERIFY(wizard->grab().save(screenshotPath(QStringLiteral("dev-pki-wizard-summary.png"))));

        // Generate: in the background, then the result page.
        QVERIFY(nextEnabled(*wizard));
        wizard->next();
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(DevPkiWizard::ResultPage), 60000);
        QVERIFY(wizard->isGenerated());
        QVERIFY(wizard->generationError().isEmpty());

        // Every file, keys and configuration readable by the user only.
        const QStringList expectedNames{DevPki::caCertName(),      DevPki::caKeyName(),
                                        DevPki::serverCertName(),  DevPki::serverKeyName(),
                                        DevPki::clientCertName(),  DevPki::clientKeyName(),
                                        DevSetup::redisConfName(), DevSetup::dragonflyFlagsName(),
                                        DevSetup::aclName()};
        QStringList written;
        for (const QString& path : wizard->writtenFiles())
            written << QFileInfo(path).fileName();
        written.sort();
        QStringList sortedExpected = expectedNames;
        sortedExpected.sort();
        QCOMPARE(written, sortedExpected);
        const QDir dir(out);
        for (const QString& name : expectedNames) {
            const QString path = dir.filePath(name);
            QVERIFY2(QFileInfo::exists(path), qPrintable(path));
            const bool certificate = name.endsWith(QLatin1String(".pem"));
            QCOMPARE(modeOf(path), certificate ? 0644u : 0600u);
        }
        QCOMPARE(modeOf(out), 0700u);
        auto* files = child<QTreeWidget>(*wizard, "writtenFiles");
        QCOMPARE(files->topLevelItemCount(), int(expectedNames.size()));
        for (int i = 0; i < files->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* item = files->topLevelItem(i);
            const bool certificate = item->text(0).endsWith(QLatin1String(".pem"));
            QVERIFY2(item->text(1).startsWith(certificate ? QLatin1String("0644  rw-r--r--")
                                                          : QLatin1String("0600  rw-------")),
                     qPrintable(item->text(0) + QLatin1Char(' ') + item->text(1)));
            QVERIFY(!item->text(2).isEmpty());
        }

        // The configuration shown is what ServerConfigEmitter emits for these inputs, and what
        // was written.
        DevServerSettings settings;
        settings.caFile = dir.filePath(QStringLiteral("ca.pem"));
        settings.certFile = dir.filePath(QStringLiteral("server.pem"));
        settings.keyFile = dir.filePath(QStringLiteral("server.key"));
        settings.clientCertFile = dir.filePath(QStringLiteral("client.pem"));
        settings.clientKeyFile = dir.filePath(QStringLiteral("client.key"));
        settings.hosts = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1"),
                          QStringLiteral("redis.dev.test")};
        settings.port = 6380;
        settings.clientAuth = ClientAuthMode::Yes;
        settings.tlsReplication = true;
        settings.passwordHash = ServerConfigEmitter::aclPasswordHash(Password);
        settings.passwordVariable = PasswordVariable;
        settings.aclFile = dir.filePath(QStringLiteral("users.acl"));
        const QString redisConf = QString::fromUtf8(ServerConfigEmitter::redisConf(settings));
        QCOMPARE(wizard->redisConfText(), redisConf);
        QCOMPARE(child<QPlainTextEdit>(*wizard, "redisConf")->toPlainText(), redisConf);
        QCOMPARE(QString::fromUtf8(readFile(dir.filePath(QStringLiteral("redis.conf")))),
                 redisConf);
        QVERIFY(redisConf.contains(QLatin1String("tls-replication yes")));
        QVERIFY(redisConf.contains(QLatin1String("tls-auth-clients yes")));
        const QString flags = QString::fromUtf8(ServerConfigEmitter::dragonflyFlags(settings));
        QCOMPARE(wizard->dragonflyFlagsText(), flags);
        QCOMPARE(QString::fromUtf8(readFile(dir.filePath(QStringLiteral("dragonfly.flags")))),
                 flags);
        auto* redisConfBox = child<QPlainTextEdit>(*wizard, "redisConf");
        QVERIFY(redisConfBox->isReadOnly());
        QVERIFY(QFontInfo(redisConfBox->font()).fixedPitch());
        child<QPushButton>(*wizard, "copyRedisConf")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), redisConf);
        child<QTabWidget>(*wizard, "configTabs")->setCurrentIndex(1);
        child<QPushButton>(*wizard, "copyDragonflyFlags")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), flags);
        child<QTabWidget>(*wizard, "configTabs")->setCurrentIndex(0);

        // The password is nowhere: only its hash, and the variable's name.
        for (const QString& text : visibleTexts(*wizard))
            QVERIFY2(!text.contains(QString::fromLatin1(Password)), qPrintable(text));
        for (const QString& name : expectedNames)
            QVERIFY(!readFile(dir.filePath(name)).contains(Password));

        // Adding the profile puts the one dev-pki adds into the store, and selects it.
        QCOMPARE(child<QLineEdit>(*wizard, "profileName")->text(),
                 QStringLiteral("localhost:6380"));
        child<QLineEdit>(*wizard, "profileName")->setText(QStringLiteral("orders-dev-tls"));
        child<QLineEdit>(*wizard, "profileService")->setText(QStringLiteral("orders"));
        QCOMPARE(child<QComboBox>(*wizard, "profileEnvironment")->currentText(),
                 QStringLiteral("development"));
        QVERIFY(window.profiles()->profiles().isEmpty());
        child<QPushButton>(*wizard, "addProfile")->click();
        const QUuid added = wizard->addedProfileId();
        QVERIFY2(!added.isNull(), qPrintable(child<QLabel>(*wizard, "profileStatus")->text()));
        const std::optional<Profile> stored = window.profiles()->find(added);
        QVERIFY(stored);
        Profile expected =
            ServerConfigEmitter::profile(settings, QStringLiteral("orders-dev-tls"),
                                         QStringLiteral("orders"), QStringLiteral("development"));
        expected.id = added;
        QCOMPARE(*stored, expected);
        QCOMPARE(stored->password, SecretRef::env(PasswordVariable));
        QCOMPARE(stored->tls.certFile, settings.clientCertFile);
        auto onDisk = ProfileStore::open(window.profiles()->path());
        QVERIFY(onDisk);
        QVERIFY(onDisk->find(added));
        QCOMPARE(window.currentProfileId(), added);
        QVERIFY(!child<QPushButton>(*wizard, "addProfile")->isEnabled());
        QVERIFY(child<QLabel>(*wizard, "profileStatus")->text().contains(QLatin1String("Added")));

        // Screenshot of the result page.
        wizard->resize(980, 900);
        QCoreApplication::processEvents();
        QVERIFY(wizard->grab().save(screenshotPath(QStringLiteral("dev-pki-wizard.png"))));

        wizard->accept();
        QTRY_VERIFY(!window.findChild<DevPkiWizard*>(QStringLiteral("devPkiWizard")));
    }

    void existingFilesAreRefusedInTheCommandsWords()
    {
        // A directory with a server key and a CA already in it.
        const QString out = m_dir.filePath(QStringLiteral("existing"));
        QVERIFY(QDir().mkpath(out));
        QVERIFY(writeFile(out + QStringLiteral("/server.key"), "old key"));
        QVERIFY(writeFile(out + QStringLiteral("/ca.pem"), "old ca"));

        ProfilesController profiles(m_secrets);
        profiles.open(m_dir.filePath(QStringLiteral("refusal.json")));
        DevPkiWizard wizard(&profiles);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        child<QLineEdit>(wizard, "outputDirectory")->setText(out);
        QVERIFY(!nextEnabled(wizard));
        const QString shown = child<QLabel>(wizard, "directoryStatus")->text();
        QVERIFY(shown.contains(QLatin1String("ca.pem, server.key")));

        // Word for word what `rediscope dev-pki` says for the same directory.
        QProcess cli;
        cli.start(QStringLiteral(REDISCOPE_BINARY),
                  {QStringLiteral("dev-pki"), QStringLiteral("--out"), out,
                   QStringLiteral("--hosts"), QStringLiteral("localhost,127.0.0.1")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        const QString error = QString::fromUtf8(cli.readAllStandardError()).trimmed();
        QCOMPARE(error, QStringLiteral("rediscope dev-pki: ") + shown);
        QCOMPARE(readFile(out + QStringLiteral("/server.key")), QByteArray("old key"));

        // Overwrite lets it through, with a warning naming what is replaced.
        child<QCheckBox>(wizard, "overwrite")->setChecked(true);
        QVERIFY(nextEnabled(wizard));
        QVERIFY(
            child<QLabel>(wizard, "directoryStatus")->text().startsWith(QLatin1String("Replaces")));
        child<QCheckBox>(wizard, "overwrite")->setChecked(false);
        QVERIFY(!nextEnabled(wizard));

        // A file where the directory should be.
        child<QLineEdit>(wizard, "outputDirectory")->setText(out + QStringLiteral("/ca.pem"));
        QVERIFY(!nextEnabled(wizard));
        QVERIFY(child<QLabel>(wizard, "directoryStatus")
                    ->text()
                    .contains(QLatin1String("is not a directory")));
        // A relative path.
        child<QLineEdit>(wizard, "outputDirectory")->setText(QStringLiteral("tls"));
        QVERIFY(!nextEnabled(wizard));
        QVERIFY(
            child<QLabel>(wizard, "directoryStatus")->text().contains(QLatin1String("full path")));
    }

    void problemAtGenerateKeepsEveryInput()
    {
        ProfilesController profiles(m_secrets);
        profiles.open(m_dir.filePath(QStringLiteral("clash.json")));
        // A profile with the name the wizard proposes.
        Profile taken = Profile::create(QStringLiteral("localhost:6380"));
        QVERIFY(profiles.save(taken));

        DevPkiWizard wizard(&profiles);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        const QString out = m_dir.filePath(QStringLiteral("late"));
        child<QLineEdit>(wizard, "outputDirectory")->setText(out);
        wizard.next();
        child<QComboBox>(wizard, "keyType")->setCurrentIndex(1); // RSA 2048
        wizard.next();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DevPkiWizard::SummaryPage));

        // A file appears after the directory was checked: Generate refuses it on the summary.
        QVERIFY(QDir().mkpath(out));
        QVERIFY(writeFile(out + QStringLiteral("/redis.conf"), "port 6379\n"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DevPkiWizard::SummaryPage));
        QVERIFY(!wizard.isGenerating());
        QVERIFY2(wizard.generationError().contains(QLatin1String("already holds redis.conf")),
                 qPrintable(wizard.generationError()));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/server.key")));
        // Every input is still there.
        QCOMPARE(wizard.arguments().pki.directory, out);
        QCOMPARE(wizard.arguments().pki.keyType, DevKeyType::Rsa2048);

        // Back to fix it, forward again, and it generates.
        QVERIFY(QFile::remove(out + QStringLiteral("/redis.conf")));
        wizard.back();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(DevPkiWizard::SummaryPage));
        QVERIFY(nextEnabled(wizard));
        wizard.next();
        QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(DevPkiWizard::ResultPage), 60000);
        QCOMPARE(modeOf(out + QStringLiteral("/server.key")), 0600u);
        QVERIFY(child<QTreeWidget>(wizard, "writtenFiles")
                    ->topLevelItem(2)
                    ->text(2)
                    .contains(QLatin1String("rsa2048")));

        // The proposed name is taken: refused with the reason, the store unchanged.
        child<QPushButton>(wizard, "addProfile")->click();
        QVERIFY(wizard.addedProfileId().isNull());
        QVERIFY(child<QLabel>(wizard, "profileStatus")
                    ->text()
                    .contains(QLatin1String("already has a profile named")));
        QCOMPARE(profiles.profiles().size(), 1);
        // A bad environment name is refused too.
        child<QLineEdit>(wizard, "profileName")->setText(QStringLiteral("dev-tls"));
        child<QComboBox>(wizard, "profileEnvironment")->setCurrentText(QStringLiteral("no way!"));
        QVERIFY(!wizard.addProfile());
        QCOMPARE(profiles.profiles().size(), 1);
        child<QComboBox>(wizard, "profileEnvironment")->setCurrentText(QStringLiteral("staging"));
        QVERIFY(wizard.addProfile());
        QCOMPARE(profiles.profiles().size(), 2);
        QCOMPARE(profiles.find(wizard.addedProfileId())->environment, QStringLiteral("staging"));
        QCOMPARE(profiles.find(wizard.addedProfileId())->password, SecretRef::none());
    }
};

QTEST_MAIN(tst_DevPkiWizard)
#include "tst_DevPkiWizard.moc"
