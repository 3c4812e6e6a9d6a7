// The profiles file behind the application: a broken or newer file opens read-only and is never
// written, every change is saved at once and a failed save changes nothing in memory, targets
// carry their policy and their place in the file, and keychain entries follow deleted and
// duplicated profiles.

#include "controllers/ProfilesController.h"
#include "profile/ProfileStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretResolver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Profile makeProfile(const QString& name, const QString& environment)
{
    Profile profile = Profile::create(name);
    profile.service = QStringLiteral("orders");
    profile.environment = environment;
    return profile;
}

} // namespace

class tst_ProfilesController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void missingFileIsAnEmptyWritableStore()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing/profiles.json"));
        ProfilesController profiles(std::make_shared<MemorySecretStore>());
        QSignalSpy changed(&profiles, &ProfilesController::profilesChanged);
        profiles.open(path);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!profiles.isReadOnly());
        QVERIFY(profiles.readOnlyReason().isEmpty());
        QVERIFY(profiles.profiles().isEmpty());

        const Profile prod =
            makeProfile(QStringLiteral("orders-prod"), QStringLiteral("production"));
        const Profile dev =
            makeProfile(QStringLiteral("orders-dev"), QStringLiteral("development"));
        QVERIFY(profiles.save(prod));
        QVERIFY(profiles.saveAll({dev}));
        QCOMPARE(changed.count(), 3);
        QCOMPARE(ProfileStore::open(path)->profiles().size(), 2);
        QCOMPARE(profiles.services(), QStringList{QStringLiteral("orders")});
        QVERIFY(profiles.environments().contains(QStringLiteral("production")));

        // A target carries the environment's policy and the profile's line in the file.
        const AuditTarget target = profiles.target(*profiles.find(prod.id));
        QCOMPARE(target.policy.kind, PolicyKind::Production);
        QVERIFY(target.sourceFile.endsWith(QLatin1String("profiles.json")));
        const QList<QByteArray> lines = readFile(path).split('\n');
        QVERIFY(target.sourceLine > 0 && target.sourceLine <= lines.size());
        QVERIFY(lines.at(target.sourceLine - 1)
                    .contains(prod.id.toString(QUuid::WithoutBraces).toUtf8()));
        QVERIFY(target.password.isEmpty());

        QVERIFY(profiles.remove(dev.id));
        QVERIFY(!ProfileStore::open(path)->find(dev.id));
        QVERIFY(!profiles.remove(dev.id)); // already gone
    }

    void brokenFileIsReadOnlyAndNeverWritten()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        const QByteArray broken = "{\"schema\": \"rediscope-profiles/1\",\n \"profiles\": [}\n";
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(broken);
        }
        ProfilesController profiles(std::make_shared<MemorySecretStore>());
        profiles.open(path);
        QVERIFY(profiles.isReadOnly());
        QVERIFY(profiles.loadError().has_value());
        QVERIFY2(profiles.readOnlyReason().contains(QLatin1String("line 2, column")),
                 qPrintable(profiles.readOnlyReason()));
        const auto saved =
            profiles.save(makeProfile(QStringLiteral("x"), QStringLiteral("staging")));
        QVERIFY(!saved);
        QVERIFY(saved.error().message.contains(QLatin1String("broken.json")));
        QVERIFY(profiles.profiles().isEmpty()); // nothing changed in memory either
        QCOMPARE(readFile(path), broken);
    }

    void failedSaveChangesNothingInMemory()
    {
        const QString path = m_dir.filePath(QStringLiteral("conflict.json"));
        ProfilesController profiles(std::make_shared<MemorySecretStore>());
        profiles.open(path);
        Profile dev = makeProfile(QStringLiteral("orders-dev"), QStringLiteral("development"));
        QVERIFY(profiles.save(dev));

        auto theirs = ProfileStore::open(path);
        Profile renamed = *theirs->find(dev.id);
        renamed.name = QStringLiteral("renamed elsewhere");
        QVERIFY(theirs->upsert(renamed));
        QVERIFY(theirs->save());
        const QByteArray onDisk = readFile(path);

        dev.environment = QStringLiteral("staging");
        QSignalSpy changed(&profiles, &ProfilesController::profilesChanged);
        const auto saved = profiles.save(dev);
        QVERIFY(!saved);
        QVERIFY(saved.error().message.contains(QLatin1String("orders-dev")));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(profiles.find(dev.id)->environment, QStringLiteral("development"));
        QCOMPARE(readFile(path), onDisk);

        // Reload takes the file as it is now.
        profiles.reload();
        QCOMPARE(profiles.find(dev.id)->name, QStringLiteral("renamed elsewhere"));
    }

    void keychainEntriesFollowTheProfile()
    {
        auto store = std::make_shared<MemorySecretStore>();
        ProfilesController profiles(store);
        profiles.open(m_dir.filePath(QStringLiteral("secrets.json")));
        Profile withKeychain = makeProfile(QStringLiteral("k"), QStringLiteral("production"));
        withKeychain.password = SecretRef::keychain();
        const QString field = SecretResolver::passwordField();
        QVERIFY(store->write(withKeychain.id, field, "secret"));

        const QUuid copy = QUuid::createUuid();
        QSignalSpy done(&profiles, &ProfilesController::secretOperationsFinished);
        profiles.copySecrets(withKeychain, copy);
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(store->read(copy, field).value(), QByteArray("secret"));

        profiles.removeSecrets(withKeychain);
        QTRY_COMPARE(done.count(), 2);
        QVERIFY(!store->contains(withKeychain.id, field));
        QVERIFY(store->contains(copy, field));

        // A profile that references no keychain entry does not touch the keychain.
        Profile plain = makeProfile(QStringLiteral("p"), QStringLiteral("development"));
        QVERIFY(store->write(plain.id, field, "unrelated"));
        profiles.removeSecrets(plain);
        QCOMPARE(profiles.pendingSecretOperations(), 0);
        QVERIFY(store->contains(plain.id, field));

        // Failures are reported in words, without the secret.
        store->setUnavailable(true);
        QSignalSpy failed(&profiles, &ProfilesController::secretOperationFailed);
        profiles.writeSecrets({{plain.id, field, "new-secret"}});
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(!failed.constFirst().at(0).toString().contains(QLatin1String("new-secret")));
    }
};

QTEST_MAIN(tst_ProfilesController)
#include "tst_ProfilesController.moc"
