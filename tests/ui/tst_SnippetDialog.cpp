// The client snippet dialog: every client ClientSnippets knows is in the picker and shows
// exactly the core's snippet, Copy puts it on the clipboard, no secret of the profile ever shows
// (whatever it keeps where), a profile without TLS gets no snippet, and the dialog opens from
// the profile's context menu and from the profile editor. Screenshot for the docs.

#include "LabTargets.h"
#include "controllers/ProfilesController.h"
#include "dialogs/ProfileEditorDialog.h"
#include "dialogs/SnippetDialog.h"
#include "profile/ClientSnippets.h"
#include "secrets/MemorySecretStore.h"
#include "views/MainWindow.h"
#include "views/ProfilePane.h"

#include <QAbstractButton>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace rediscope;
using namespace rediscope::testing;

namespace {

const QString PasswordVariable = QStringLiteral("SNIPPET_TEST_PASSWORD");
const QString EnvSecret = QStringLiteral("env-secret-Zq81xW");
const QByteArray InlineSecret = "inline-secret-Pk27vB";
const QByteArray InlinePassphrase = "inline-passphrase-Lm39cD";

Profile tlsProfile()
{
    Profile profile = Profile::create(QStringLiteral("orders-dev"));
    profile.service = QStringLiteral("orders");
    profile.host = QStringLiteral("redis.dev.example.com");
    profile.port = 6380;
    profile.username = QStringLiteral("app");
    profile.tls.caFile = QStringLiteral("/etc/rediscope/dev/ca.pem");
    profile.tls.certFile = QStringLiteral("/etc/rediscope/dev/client.pem");
    profile.tls.keyFile = QStringLiteral("/etc/rediscope/dev/client.key");
    profile.password = SecretRef::env(PasswordVariable);
    return profile;
}

QStringList visibleTexts(const QWidget& root)
{
    QStringList texts{root.windowTitle()};
    for (const QWidget* widget : root.findChildren<QWidget*>()) {
        texts << widget->toolTip() << widget->accessibleName();
        if (auto* edit = qobject_cast<const QLineEdit*>(widget))
            texts << edit->text() << edit->displayText();
        else if (auto* label = qobject_cast<const QLabel*>(widget))
            texts << label->text();
        else if (auto* plain = qobject_cast<const QPlainTextEdit*>(widget))
            texts << plain->toPlainText();
        else if (auto* button = qobject_cast<const QAbstractButton*>(widget))
            texts << button->text();
        else if (auto* combo = qobject_cast<const QComboBox*>(widget))
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
    }
    return texts;
}

bool showsAny(const QWidget& root, const QStringList& secrets)
{
    for (const QString& text : visibleTexts(root))
        for (const QString& secret : secrets)
            if (text.contains(secret))
                return true;
    return false;
}

QStringList noteTexts(const SnippetDialog& dialog)
{
    QStringList notes;
    for (const QLabel* label : dialog.findChildren<QLabel*>(QStringLiteral("snippetNote")))
        notes << label->text();
    return notes;
}

} // namespace

class tst_SnippetDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void everyClientShowsTheCoreSnippetAndCopiesIt()
    {
        const Profile profile = tlsProfile();
        SnippetDialog dialog(profile);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* picker = dialog.findChild<QComboBox*>(QStringLiteral("snippetClient"));
        auto* view = dialog.findChild<QPlainTextEdit*>(QStringLiteral("snippetText"));
        auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copySnippet"));
        QVERIFY(picker && view && copy);
        QVERIFY(view->isReadOnly());
        QVERIFY(view->font().fixedPitch() || QFontInfo(view->font()).fixedPitch());

        // Every client, once each.
        const QList<ClientSnippets::Client> clients = ClientSnippets::clients();
        QCOMPARE(picker->count(), int(clients.size()));
        for (int i = 0; i < picker->count(); ++i) {
            picker->setCurrentIndex(i);
            const ClientSnippets::Client client = dialog.client();
            QCOMPARE(client, clients.at(i));
            QCOMPARE(picker->currentText(), ClientSnippets::title(client));
            const Result<QString> expected = ClientSnippets::snippet(profile, client);
            QVERIFY(expected);
            QVERIFY(!expected->isEmpty());
            QCOMPARE(view->toPlainText(), *expected);
            QCOMPARE(dialog.snippet(), *expected);

            QGuiApplication::clipboard()->clear();
            QVERIFY(copy->isEnabled());
            copy->click();
            QCOMPARE(QGuiApplication::clipboard()->text(), *expected);

            // The notes say where the password comes from, and whether the host name is checked.
            const QString notes = noteTexts(dialog).join(QLatin1Char('\n'));
            QVERIFY2(notes.contains(PasswordVariable), qPrintable(notes));
            QCOMPARE(notes.contains(QLatin1String("cannot check the host name")),
                     !ClientSnippets::checksHostname(client));
        }

        // setClient selects by client.
        dialog.setClient(ClientSnippets::Client::RedisPy);
        QCOMPARE(picker->currentText(), ClientSnippets::title(ClientSnippets::Client::RedisPy));
        QCOMPARE(view->toPlainText(),
                 *ClientSnippets::snippet(profile, ClientSnippets::Client::RedisPy));
    }

    void noSecretEverShows()
    {
        qputenv(PasswordVariable.toLocal8Bit().constData(), EnvSecret.toUtf8());
        const QStringList secrets{EnvSecret, QString::fromLatin1(InlineSecret),
                                  QString::fromLatin1(InlinePassphrase)};

        // A password reference to a variable that is set, and secrets found inline in a file:
        // the snippet refers to variables only.
        Profile envProfile = tlsProfile();
        envProfile.inlineKeyPassphrase = InlinePassphrase;
        Profile inlineProfile = tlsProfile();
        inlineProfile.name = QStringLiteral("orders-inline");
        inlineProfile.password = SecretRef::none();
        inlineProfile.inlinePassword = InlineSecret;
        Profile keychainProfile = tlsProfile();
        keychainProfile.name = QStringLiteral("orders-keychain");
        keychainProfile.password = SecretRef::keychain();

        for (const Profile& profile : {envProfile, inlineProfile, keychainProfile}) {
            SnippetDialog dialog(profile);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            auto* picker = dialog.findChild<QComboBox*>(QStringLiteral("snippetClient"));
            auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copySnippet"));
            const QString variable = ClientSnippets::passwordVariable(profile);
            QVERIFY(!variable.isEmpty());
            for (int i = 0; i < picker->count(); ++i) {
                picker->setCurrentIndex(i);
                QVERIFY2(!showsAny(dialog, secrets), qPrintable(profile.name));
                copy->click();
                const QString copied = QGuiApplication::clipboard()->text();
                QVERIFY(!copied.isEmpty());
                for (const QString& secret : secrets)
                    QVERIFY2(!copied.contains(secret), qPrintable(copied));
                // The reference is there instead.
                QVERIFY2(copied.contains(variable), qPrintable(copied));
                QVERIFY(noteTexts(dialog).join(QLatin1Char(' ')).contains(variable));
            }
            // The walk can fail: it finds a secret once a widget shows it.
            auto* probe = new QLabel(EnvSecret, &dialog);
            QVERIFY(showsAny(dialog, secrets));
            delete probe;
        }
        qunsetenv(PasswordVariable.toLocal8Bit().constData());
    }

    void profileWithoutTlsGetsNoSnippet()
    {
        Profile profile = tlsProfile();
        profile.tls.enabled = false;
        SnippetDialog dialog(profile);
        auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copySnippet"));
        QVERIFY(dialog.snippet().isEmpty());
        QVERIFY(!copy->isEnabled());
        const Result<QString> core = ClientSnippets::snippet(profile, dialog.client());
        QVERIFY(!core);
        QVERIFY(noteTexts(dialog).contains(core.error().message));
    }

    void opensFromTheContextMenuAndTheEditor()
    {
        MainWindow::Options options;
        options.profilesPath = m_dir.filePath(QStringLiteral("profiles.json"));
        options.secrets = std::make_shared<MemorySecretStore>();
        MainWindow window(options);
        const Profile profile = tlsProfile();
        QVERIFY(window.profiles()->save(profile));
        QVERIFY(window.selectProfile(profile.id));

        // The profile's context menu has the command; it opens the dialog on that profile.
        ProfilePane* pane = window.profilePane();
        QAction* action = pane->action(ProfilePane::Action::ClientSnippet);
        QVERIFY(action && action->isEnabled());
        std::unique_ptr<QMenu> menu(pane->createContextMenu(pane->view()->currentIndex(), nullptr));
        QVERIFY(menu->actions().contains(action));
        action->trigger();
        auto* dialog = window.findChild<SnippetDialog*>(QStringLiteral("snippetDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->windowTitle().contains(profile.name));
        QCOMPARE(dialog->snippet(), *ClientSnippets::snippet(profile, dialog->client()));
        dialog->close();
        QTRY_VERIFY(!window.findChild<SnippetDialog*>(QStringLiteral("snippetDialog")));
        QVERIFY(window.action(MainWindow::ActionId::ClientSnippet)->isEnabled());

        // The editor's button shows the snippet of the profile as the form has it.
        ProfileEditorDialog editor(profile, EnvironmentPolicies(), nullptr);
        auto* button = editor.findChild<QPushButton*>(QStringLiteral("showClientSnippet"));
        QVERIFY(button);
        button->click();
        auto* fromEditor = editor.findChild<SnippetDialog*>(QStringLiteral("snippetDialog"));
        QVERIFY(fromEditor);
        QCOMPARE(fromEditor->snippet(),
                 *ClientSnippets::snippet(editor.profile(), fromEditor->client()));
        QVERIFY(fromEditor->snippet().contains(QLatin1String("redis.dev.example.com")));
        fromEditor->close();
    }

    void screenshot()
    {
        // A profile as `rediscope dev-pki --client-cert --password-env REDIS_PASSWORD` adds it.
        Profile profile = tlsProfile();
        profile.name = QStringLiteral("localhost:6380");
        profile.host = QStringLiteral("localhost");
        const QString directory = QStringLiteral("/home/dev/rediscope-dev-tls/");
        profile.tls.caFile = directory + QStringLiteral("ca.pem");
        profile.tls.certFile = directory + QStringLiteral("client.pem");
        profile.tls.keyFile = directory + QStringLiteral("client.key");
        profile.username.clear();
        profile.password = SecretRef::env(QStringLiteral("REDIS_PASSWORD"));
        SnippetDialog dialog(profile);
        dialog.setClient(ClientSnippets::Client::RedisPy);
        dialog.resize(dialog.sizeHint().expandedTo(QSize(860, 560)));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCoreApplication::processEvents();
        QVERIFY(dialog.grab().save(screenshotPath(QStringLiteral("client-snippet.png"))));
    }
};

QTEST_MAIN(tst_SnippetDialog)
#include "tst_SnippetDialog.moc"
