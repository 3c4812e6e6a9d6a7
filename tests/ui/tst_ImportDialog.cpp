// Importing connections: pasted URLs and redis-cli lines are read as typed, the password they
// carry is masked at once and never shows in any widget, and the dialog returns the profiles
// (referencing the keychain) and the secrets to store. Files of other tools and of Rediscope
// itself, the list of what could not be mapped, errors in place. Writes a screenshot.

#include "controllers/Translations.h"
#include "dialogs/ImportDialog.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace rediscope;

namespace {

template <typename T>
T* child(const QObject& parent, const char* name)
{
    T* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

// Every text any widget of the dialog shows, tooltips and item texts included.
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
        else if (auto* tree = qobject_cast<const QTreeWidget*>(widget))
            for (int i = 0; i < tree->topLevelItemCount(); ++i)
                for (int c = 0; c < tree->columnCount(); ++c)
                    texts << tree->topLevelItem(i)->text(c) << tree->topLevelItem(i)->toolTip(c);
        else if (auto* list = qobject_cast<const QListWidget*>(widget))
            for (int i = 0; i < list->count(); ++i)
                texts << list->item(i)->text() << list->item(i)->toolTip();
    }
    return texts;
}

void verifyNowhere(const QWidget& root, const QStringList& secrets)
{
    for (const QString& text : visibleTexts(root))
        for (const QString& secret : secrets)
            QVERIFY2(!text.contains(secret), qPrintable(QStringLiteral("shown: ") + text));
}

} // namespace

class tst_ImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(installTranslations(QCoreApplication::instance())); }

    void urlPasswordIsMaskedAndReturnedAsASecret()
    {
        ImportDialog dialog;
        dialog.setText(QStringLiteral("rediss://alice:s3cr3t%40pw@db.example.com:6380/2"));
        QVERIFY(dialog.errorMessage().isEmpty());
        const QList<Profile> profiles = dialog.profiles();
        QCOMPARE(profiles.size(), 1);
        const Profile& profile = profiles.first();
        QCOMPARE(profile.username, QStringLiteral("alice"));
        QCOMPARE(profile.host, QStringLiteral("db.example.com"));
        QCOMPARE(profile.port, quint16(6380));
        QCOMPARE(profile.db, 2);
        QVERIFY(profile.tls.enabled);
        QCOMPARE(profile.password, SecretRef::keychain());
        QVERIFY(profile.inlinePassword.isEmpty());

        const QList<ImportedSecret> secrets = dialog.secrets();
        QCOMPARE(secrets.size(), 1);
        QCOMPARE(secrets.first().profileId, profile.id);
        QCOMPARE(secrets.first().field, QStringLiteral("password"));
        QCOMPARE(secrets.first().value, QByteArrayLiteral("s3cr3t@pw"));

        // Neither the decoded nor the written form shows anywhere.
        verifyNowhere(dialog, {QStringLiteral("s3cr3t"), QStringLiteral("%40pw")});
        const QString shown = child<QPlainTextEdit>(dialog, "pasteEdit")->toPlainText();
        QVERIFY(shown.startsWith(QLatin1String("rediss://alice:")));
        QVERIFY(shown.endsWith(QLatin1String("@db.example.com:6380/2")));
        QVERIFY(shown.contains(QChar(0x2022)));
        QVERIFY(!child<QPlainTextEdit>(dialog, "pasteEdit")->isUndoRedoEnabled());

        // Editing the masked text reads the original again: the password is still there.
        auto* paste = child<QPlainTextEdit>(dialog, "pasteEdit");
        paste->moveCursor(QTextCursor::End);
        paste->insertPlainText(QStringLiteral("\nredis://cache.example.com:6379"));
        QCOMPARE(dialog.profiles().size(), 2);
        QCOMPARE(dialog.secrets().size(), 1);
        QCOMPARE(dialog.secrets().first().value, QByteArrayLiteral("s3cr3t@pw"));
        verifyNowhere(dialog, {QStringLiteral("s3cr3t"), QStringLiteral("%40pw")});
        QVERIFY(child<QPushButton>(dialog, "importButton")->isEnabled());
        QVERIFY(child<QPushButton>(dialog, "importButton")->text().contains(QLatin1String("2")));
    }

    void redisCliPasswordIsMasked()
    {
        ImportDialog dialog;
        dialog.setText(QStringLiteral(
            "redis-cli --tls -h cache.example.com -p 6380 --user ops -a 'hunter2 pass' "
            "--cacert /etc/ssl/ca.pem\n"
            "REDISCLI_AUTH=other-Secret9 redis-cli -h 10.0.0.5 -p 6379"));
        QVERIFY2(dialog.errorMessage().isEmpty(), qPrintable(dialog.errorMessage()));
        QCOMPARE(dialog.profiles().size(), 2);
        QCOMPARE(dialog.secrets().size(), 2);
        QCOMPARE(dialog.secrets().at(0).value, QByteArrayLiteral("hunter2 pass"));
        QCOMPARE(dialog.secrets().at(1).value, QByteArrayLiteral("other-Secret9"));
        verifyNowhere(dialog, {QStringLiteral("hunter2"), QStringLiteral("other-Secret9")});
        QVERIFY(child<QPlainTextEdit>(dialog, "pasteEdit")
                    ->toPlainText()
                    .contains(QLatin1String("--cacert /etc/ssl/ca.pem")));
    }

    void otherToolsFileWithUnmappedSettings()
    {
        ImportDialog dialog;
        QVERIFY2(dialog.loadFile(QFINDTESTDATA("../data/import/respapp-tls.json")),
                 qPrintable(dialog.errorMessage()));
        QCOMPARE(dialog.profiles().size(), 2);
        QCOMPARE(child<QTreeWidget>(dialog, "previewList")->topLevelItemCount(), 2);
        QVERIFY(!dialog.unmapped().isEmpty());
        QVERIFY(child<QListWidget>(dialog, "unmappedList")->count() >= dialog.unmapped().size());
        QCOMPARE(dialog.secrets().size(), 1);
        verifyNowhere(dialog, {QStringLiteral("resp-Tls-Pa55")});
        QVERIFY(child<QLabel>(dialog, "importSummary")->text().contains(QLatin1String("2")));

        // Leaving a profile out; choosing the environment for all.
        child<QTreeWidget>(dialog, "previewList")->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
        QCOMPARE(dialog.profiles().size(), 1);
        QCOMPARE(dialog.secrets().size(), 0); // the secret belonged to the left-out profile
        QCOMPARE(child<QPushButton>(dialog, "importButton")->text(),
                 QStringLiteral("&Import 1 Profile"));
        auto* environment = child<QComboBox>(dialog, "environmentCombo");
        environment->setCurrentIndex(environment->findData(QStringLiteral("staging")));
        QCOMPARE(dialog.profiles().value(0).environment, QStringLiteral("staging"));
    }

    void rediscopeProfilesFile()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("profiles.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"schema": "rediscope-profiles/1", "profiles": [
            {"id": "{6f7c1c1e-7a43-4c57-9d6c-2b7f8f4a0c11}", "name": "inline one",
             "host": "a.example.com", "port": 6380, "environment": "production",
             "password": "inline-Pw-77"},
            {"name": "keychain one", "host": "b.example.com", "port": 6379,
             "password": {"source": "keychain"}}]})");
        file.close();
        ImportDialog dialog;
        QVERIFY2(dialog.loadFile(path), qPrintable(dialog.errorMessage()));
        QList<Profile> profiles = dialog.profiles();
        QCOMPARE(profiles.size(), 2);
        if (profiles.at(0).name != QLatin1String("inline one"))
            profiles.swapItemsAt(0, 1);
        QCOMPARE(profiles.at(0).name, QStringLiteral("inline one"));
        // Fresh ids: importing never replaces a profile of the store.
        QVERIFY(profiles.at(0).id !=
                QUuid(QStringLiteral("{6f7c1c1e-7a43-4c57-9d6c-2b7f8f4a0c11}")));
        QCOMPARE(profiles.at(0).environment, QStringLiteral("production"));
        QCOMPARE(profiles.at(0).password, SecretRef::keychain());
        QCOMPARE(dialog.secrets().size(), 1);
        QCOMPARE(dialog.secrets().at(0).profileId, profiles.at(0).id);
        QCOMPARE(dialog.secrets().at(0).value, QByteArrayLiteral("inline-Pw-77"));
        // The keychain entry of the original cannot come along: asked until entered again.
        QCOMPARE(profiles.at(1).password, SecretRef::prompt());
        QCOMPARE(dialog.unmapped().size(), 1);
        verifyNowhere(dialog, {QStringLiteral("inline-Pw-77")});
    }

    void errorsAreShownInPlace()
    {
        ImportDialog dialog;
        dialog.setText(QStringLiteral("rediss://user:pw-in-a-broken-url@:notaport"));
        QVERIFY(!dialog.errorMessage().isEmpty());
        auto* error = child<QLabel>(dialog, "importError");
        QCOMPARE(error->text(), dialog.errorMessage());
        QVERIFY(!error->isHidden());
        QVERIFY(!child<QPushButton>(dialog, "importButton")->isEnabled());
        QVERIFY(dialog.profiles().isEmpty());
        verifyNowhere(dialog, {QStringLiteral("pw-in-a-broken-url")});

        QVERIFY(!dialog.loadFile(QStringLiteral("/nonexistent/connections.json")));
        QVERIFY(error->text().contains(QLatin1String("cannot be read")));
    }

    void rendersScreenshot()
    {
        ImportDialog dialog;
        dialog.setText(QStringLiteral(
            "rediss://alice:s3cr3t@orders.example.com:6380/0?ssl_cert_reqs=none&retry=3\n"
            "rediss://sessions.example.com:6380?ssl_ca_certs=/etc/ssl/ca.pem&sni=sessions\n"
            "redis://localhost:6379"));
        QCOMPARE(dialog.profiles().size(), 3);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        verifyNowhere(dialog, {QStringLiteral("s3cr3t")});
        const QString directory = qEnvironmentVariable("REDISCOPE_TEST_OUTPUT", QDir::tempPath());
        QVERIFY(QDir().mkpath(directory));
        const QString path = directory + QStringLiteral("/import-dialog.png");
        QVERIFY(dialog.grab().save(path));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

QTEST_MAIN(tst_ImportDialog)
#include "tst_ImportDialog.moc"
