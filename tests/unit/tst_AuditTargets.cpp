// How `rediscope audit` turns URLs and a profiles file into targets: the profile made from a URL
// keeps every connection setting and no secret reference it did not have; the filters select
// exactly what was asked and name what is missing; a profile is located at its line.

#include "audit/AuditTargets.h"
#include "profile/ProfileStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;

namespace {

Profile named(const QString& name, const QString& environment)
{
    Profile profile = Profile::create(name);
    profile.service = QStringLiteral("orders");
    profile.environment = environment;
    profile.host = QStringLiteral("redis.example");
    return profile;
}

QStringList strings(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list << QString::fromUtf8(item);
    return list;
}

} // namespace

class tst_AuditTargets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlTargetKeepsEveryConnectionSetting()
    {
        InspectRequest request;
        request.endpoint = Endpoint{QStringLiteral("cache.internal"), 6380, 3, true};
        request.username = QStringLiteral("app");
        request.password = "s3cret";
        request.tls.verifyPeer = false;
        request.tls.verifyHostname = false;
        request.tls.sni = QStringLiteral("cache.example");
        request.tls.caFile = QStringLiteral("/etc/ca.pem");
        request.tls.certFile = QStringLiteral("/etc/client.pem");
        request.tls.keyFile = QStringLiteral("/etc/client.key");
        request.tls.minProtocol = QStringLiteral("TLSv1.3");
        request.tls.ciphers = QStringLiteral("ECDHE+AESGCM");
        request.timeout = std::chrono::milliseconds(2500);
        request.environment = QStringLiteral("staging");

        const AuditTarget target = auditTargetFromRequest(request);
        QVERIFY(target.fromUrl);
        QVERIFY(target.sourceFile.isEmpty());
        QCOMPARE(target.profile.host, QStringLiteral("cache.internal"));
        QCOMPARE(target.profile.port, quint16(6380));
        QCOMPARE(target.profile.db, 3);
        QCOMPARE(target.profile.username, QStringLiteral("app"));
        QCOMPARE(target.profile.environment, QStringLiteral("staging"));
        QCOMPARE(target.policy.name, QStringLiteral("staging"));
        QVERIFY(target.profile.tls.enabled);
        QVERIFY(!target.profile.tls.verifyPeer);
        QVERIFY(!target.profile.tls.verifyHostname);
        QCOMPARE(target.profile.tls.sni, QStringLiteral("cache.example"));
        QCOMPARE(target.profile.tls.caFile, QStringLiteral("/etc/ca.pem"));
        QCOMPARE(target.profile.tls.certFile, QStringLiteral("/etc/client.pem"));
        QCOMPARE(target.profile.tls.keyFile, QStringLiteral("/etc/client.key"));
        QCOMPARE(target.profile.tls.minProtocol, QStringLiteral("TLSv1.3"));
        QCOMPARE(target.profile.tls.ciphers, QStringLiteral("ECDHE+AESGCM"));
        QCOMPARE(target.profile.timeoutSeconds, 3); // rounded up, never to 0
        // The secret is the target's, for the connection; the profile only says "given at use".
        QCOMPARE(target.password, QByteArray("s3cret"));
        QCOMPARE(target.profile.password.source, SecretRef::Source::Prompt);
        QVERIFY(target.profile.inlinePassword.isEmpty());
        // The profile's request connects the same way.
        const InspectRequest again = target.profile.toRequest(target.password);
        QCOMPARE(again.endpoint.port, quint16(6380));
        QCOMPARE(again.tls.sni, QStringLiteral("cache.example"));
    }

    void urlWithoutPasswordHasNoReference()
    {
        InspectRequest request;
        request.endpoint = Endpoint{QStringLiteral("127.0.0.1"), 6379, 0, false};
        const AuditTarget target = auditTargetFromRequest(request);
        QCOMPARE(target.profile.password.source, SecretRef::Source::None);
        QVERIFY(!target.profile.tls.enabled);
        QCOMPARE(target.policy.name, QStringLiteral("production")); // strict unless told
    }

    void selectsByNameIdAndEnvironment_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("environments");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("all") << QStringList{} << QStringList{}
                             << strings({"orders-dev", "orders-prod", "orders-staging"});
        QTest::newRow("one name") << strings({"orders-prod"}) << QStringList{}
                                  << strings({"orders-prod"});
        QTest::newRow("two environments") << QStringList{} << strings({"staging", "development"})
                                          << strings({"orders-dev", "orders-staging"});
        QTest::newRow("name and environment intersect")
            << strings({"orders-prod", "orders-dev"}) << strings({"production"})
            << strings({"orders-prod"});
    }

    void selectsByNameIdAndEnvironment()
    {
        QFETCH(QStringList, names);
        QFETCH(QStringList, environments);
        QFETCH(QStringList, expected);
        ProfileStore store(QStringLiteral("/nonexistent/profiles.json"));
        QVERIFY(store.upsert(named(QStringLiteral("orders-prod"), QStringLiteral("production"))));
        QVERIFY(store.upsert(named(QStringLiteral("orders-staging"), QStringLiteral("staging"))));
        QVERIFY(store.upsert(named(QStringLiteral("orders-dev"), QStringLiteral("development"))));
        const auto selected = selectProfiles(store, names, environments);
        QVERIFY2(selected.has_value(), selected ? "" : qPrintable(selected.error().message));
        QStringList got;
        for (const Profile& profile : *selected)
            got << profile.name;
        got.sort();
        QCOMPARE(got, expected);
    }

    void selectsById()
    {
        ProfileStore store(QStringLiteral("/nonexistent/profiles.json"));
        const Profile profile = named(QStringLiteral("orders-prod"), QStringLiteral("production"));
        QVERIFY(store.upsert(profile));
        QVERIFY(store.upsert(named(QStringLiteral("other"), QStringLiteral("production"))));
        const auto selected =
            selectProfiles(store, {profile.id.toString(QUuid::WithoutBraces)}, {});
        QVERIFY(selected.has_value());
        QCOMPARE(selected->size(), 1);
        QCOMPARE(selected->first().id, profile.id);
    }

    void namesWhatIsMissing()
    {
        ProfileStore store(QStringLiteral("/tmp/p.json"));
        QVERIFY(store.upsert(named(QStringLiteral("orders-prod"), QStringLiteral("production"))));
        const auto unknown = selectProfiles(store, {QStringLiteral("orders-qa")}, {});
        QVERIFY(!unknown.has_value());
        QVERIFY(unknown.error().message.contains(QStringLiteral("orders-qa")));
        QVERIFY(unknown.error().message.contains(QStringLiteral("orders-prod")));

        const auto noMatch = selectProfiles(store, {}, {QStringLiteral("staging")});
        QVERIFY(!noMatch.has_value());
        QVERIFY(noMatch.error().message.contains(QStringLiteral("--env staging")));

        const ProfileStore empty(QStringLiteral("/tmp/empty.json"));
        const auto none = selectProfiles(empty, {}, {});
        QVERIFY(!none.has_value());
        QVERIFY(none.error().message.contains(QStringLiteral("holds no profiles")));
    }

    void locatesAProfileAtItsLine()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.filePath(QStringLiteral("p.json")));
        const Profile first = named(QStringLiteral("a"), QStringLiteral("production"));
        const Profile second = named(QStringLiteral("b"), QStringLiteral("production"));
        QVERIFY(store.upsert(first));
        QVERIFY(store.upsert(second));
        const QByteArray bytes = store.toBytes();
        const QList<QByteArray> lines = bytes.split('\n');
        for (const Profile& profile : {first, second}) {
            const int line = profileLineInFile(bytes, profile.id);
            QVERIFY(line > 0);
            QVERIFY(lines.at(line - 1).contains(profile.id.toByteArray(QUuid::WithoutBraces)));
        }
        QVERIFY(profileLineInFile(bytes, first.id) != profileLineInFile(bytes, second.id));
        QCOMPARE(profileLineInFile(bytes, QUuid::createUuid()), 0);
        QCOMPARE(profileLineInFile(bytes, QUuid()), 0);
    }
};

QTEST_GUILESS_MAIN(tst_AuditTargets)
#include "tst_AuditTargets.moc"
