// `rediscope audit` as CI runs it: the real executable against lab servers, from URLs and from a
// profiles file — exit statuses per --fail-on, every report format, --output, filters, SARIF
// locations at the profile's line, and no password in anything it prints or writes.

#include "LabEnvironment.h"
#include "profile/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <unistd.h>

using namespace rediscope;
using namespace rediscope::lab;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

enum class Terminal
{
    Inherited,
    // A new session: the program has no controlling terminal, so --askpass can ask nobody (and
    // never waits for the terminal the tests were started from).
    None,
};

Run runRediscope(const QStringList& arguments, const QProcessEnvironment& extra = {},
                 Terminal terminal = Terminal::Inherited)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("REDISCLI_AUTH"));
    environment.remove(QStringLiteral("DISPLAY"));
    for (const QString& key : extra.keys())
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    if (terminal == Terminal::None)
        process.setChildProcessModifier([] { ::setsid(); });
    process.start(QStringLiteral(REDISCOPE_BINARY), arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return Run{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

Run runWithoutTerminal(const QStringList& arguments, const QProcessEnvironment& extra = {})
{
    return runRediscope(arguments, extra, Terminal::None);
}

QProcessEnvironment withPassword()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("REDISCLI_AUTH"), QLatin1String(LabPassword));
    environment.insert(QStringLiteral("LAB_PASSWORD"), QLatin1String(LabPassword));
    return environment;
}

LabServer* serverFor(const QString& scenario)
{
    return LabEnvironment::shared().server(scenario);
}

QString urlOf(const QString& scenario)
{
    LabServer* server = serverFor(scenario);
    if (!server)
        return QString();
    return server->scenario().tls
               ? QStringLiteral("rediss://127.0.0.1:%1").arg(server->tlsPort())
               : QStringLiteral("redis://127.0.0.1:%1").arg(server->plaintextPort());
}

QString caFile()
{
    return LabEnvironment::shared().pki().rootCa();
}

Profile profileFor(const QString& name, const QString& scenario, const QString& environment)
{
    LabServer* server = serverFor(scenario);
    Profile profile = Profile::create(name);
    profile.service = QStringLiteral("orders");
    profile.environment = environment;
    profile.host = QStringLiteral("127.0.0.1");
    profile.tls.enabled = server->scenario().tls;
    profile.port = server->scenario().tls ? server->tlsPort() : server->plaintextPort();
    profile.tls.caFile = caFile();
    profile.timeoutSeconds = 5;
    profile.password = server->scenario().password ? SecretRef::env(QStringLiteral("LAB_PASSWORD"))
                                                   : SecretRef::none();
    return profile;
}

QJsonObject jsonOf(const QByteArray& bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

// The status of the connection stage `name` ("auth", …) of the first target of a JSON report.
QString stageStatus(const QByteArray& report, const QString& name)
{
    const QJsonArray targets = jsonOf(report).value(QStringLiteral("targets")).toArray();
    for (const QJsonValue& stage :
         targets.at(0).toObject().value(QStringLiteral("stages")).toArray())
        if (stage.toObject().value(QStringLiteral("name")).toString() == name)
            return stage.toObject().value(QStringLiteral("status")).toString();
    return QString();
}

// The finding ids of every target of a JSON report.
QStringList findingIds(const QByteArray& report)
{
    QStringList ids;
    for (const QJsonValue& target : jsonOf(report).value(QStringLiteral("targets")).toArray())
        for (const QJsonValue& finding :
             target.toObject().value(QStringLiteral("findings")).toArray())
            ids << finding.toObject().value(QStringLiteral("id")).toString();
    return ids;
}

} // namespace

class tst_AuditCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_profiles;
    Profile m_prod;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(LabEnvironment::shared().setupError()));
        for (const char* scenario : {"good", "legacy", "expired", "plaintext"})
            QVERIFY2(serverFor(QLatin1String(scenario)), scenario);
        QVERIFY(m_dir.isValid());
        m_profiles = m_dir.filePath(QStringLiteral("profiles.json"));
        ProfileStore store(m_profiles);
        m_prod = profileFor(QStringLiteral("orders-prod"), QStringLiteral("good"),
                            QStringLiteral("production"));
        QVERIFY(store.upsert(m_prod));
        QVERIFY(store.upsert(profileFor(QStringLiteral("orders-staging"), QStringLiteral("expired"),
                                        QStringLiteral("staging"))));
        QVERIFY(store.upsert(profileFor(QStringLiteral("orders-dev"), QStringLiteral("plaintext"),
                                        QStringLiteral("development"))));
        QVERIFY(store.save());
    }

    void failOnDecidesTheExitStatus_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("failOn");
        QTest::addColumn<int>("exitCode");
        // good: worst is medium (client certificates not required); legacy: a critical finding.
        QTest::newRow("good, default high") << "good" << QString() << 0;
        QTest::newRow("good, medium") << "good"
                                      << "medium" << 1;
        QTest::newRow("good, never") << "good"
                                     << "never" << 0;
        QTest::newRow("legacy, critical") << "legacy"
                                          << "critical" << 1;
        QTest::newRow("legacy, never") << "legacy"
                                       << "never" << 0;
    }

    void failOnDecidesTheExitStatus()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, failOn);
        QFETCH(int, exitCode);
        QStringList arguments{QStringLiteral("audit"), urlOf(scenario), QStringLiteral("--cacert"),
                              caFile(), QStringLiteral("--no-probe")};
        if (scenario == QLatin1String("legacy"))
            arguments.removeAll(
                QStringLiteral("--no-probe")); // the critical finding is the probe's
        if (!failOn.isEmpty())
            arguments << QStringLiteral("--fail-on") << failOn;
        const Run run = runRediscope(arguments, withPassword());
        QVERIFY2(run.exitCode == exitCode, run.out.right(600).constData());
        QVERIFY(run.out.contains("Rediscope audit"));
    }

    void jsonReportOfUrlTargets()
    {
        const Run run = runRediscope({QStringLiteral("audit"), urlOf(QStringLiteral("good")),
                                      urlOf(QStringLiteral("legacy")), QStringLiteral("--cacert"),
                                      caFile(), QStringLiteral("--format"), QStringLiteral("json"),
                                      QStringLiteral("--fail-on"), QStringLiteral("never")},
                                     withPassword());
        QCOMPARE(run.exitCode, 0);
        const QJsonObject document = jsonOf(run.out);
        QCOMPARE(document.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("rediscope-audit/1"));
        const QJsonArray targets = document.value(QStringLiteral("targets")).toArray();
        QCOMPARE(targets.size(), 2);
        // In the order given.
        const QJsonObject good = targets.at(0).toObject();
        const QJsonObject legacy = targets.at(1).toObject();
        QCOMPARE(good.value(QStringLiteral("grade")).toString(), QStringLiteral("A"));
        QCOMPARE(legacy.value(QStringLiteral("grade")).toString(), QStringLiteral("F"));
        QVERIFY(good.value(QStringLiteral("profile")).isNull());
        const QJsonObject protocols = legacy.value(QStringLiteral("probe"))
                                          .toObject()
                                          .value(QStringLiteral("protocols"))
                                          .toObject();
        QCOMPARE(protocols.value(QStringLiteral("TLSv1")).toBool(), true);
        QVERIFY(protocols.value(QStringLiteral("SSLv3")).isNull());
        QVERIFY(!run.out.contains(LabPassword));
        QVERIFY(!run.err.contains(LabPassword));
    }

    void noProbeLeavesTheProbeNull()
    {
        const Run run =
            runRediscope({QStringLiteral("audit"), urlOf(QStringLiteral("good")),
                          QStringLiteral("--cacert"), caFile(), QStringLiteral("--no-probe"),
                          QStringLiteral("--format"), QStringLiteral("json")},
                         withPassword());
        QCOMPARE(run.exitCode, 0);
        const QJsonObject target =
            jsonOf(run.out).value(QStringLiteral("targets")).toArray().at(0).toObject();
        QVERIFY(target.value(QStringLiteral("probe")).isNull());
        QCOMPARE(target.value(QStringLiteral("tls"))
                     .toObject()
                     .value(QStringLiteral("protocol"))
                     .toString(),
                 QStringLiteral("TLSv1.3"));
    }

    void profilesFileWithEnvironmentFilter()
    {
        const Run run = runRediscope({QStringLiteral("audit"), QStringLiteral("--profiles"),
                                      m_profiles, QStringLiteral("--env"),
                                      QStringLiteral("staging"), QStringLiteral("--env"),
                                      QStringLiteral("development"), QStringLiteral("--no-probe"),
                                      QStringLiteral("--format"), QStringLiteral("json")},
                                     withPassword());
        QCOMPARE(run.exitCode, 1); // expired certificate, plaintext
        const QJsonArray targets = jsonOf(run.out).value(QStringLiteral("targets")).toArray();
        QStringList names;
        QStringList ids;
        for (const QJsonValue& target : targets) {
            names << target.toObject().value(QStringLiteral("profile")).toString();
            for (const QJsonValue& finding :
                 target.toObject().value(QStringLiteral("findings")).toArray())
                ids << finding.toObject().value(QStringLiteral("id")).toString();
        }
        names.sort();
        QCOMPARE(names,
                 (QStringList{QStringLiteral("orders-dev"), QStringLiteral("orders-staging")}));
        QVERIFY2(ids.contains(QStringLiteral("cert.expired")), qPrintable(ids.join(u' ')));
        QVERIFY(ids.contains(QStringLiteral("profile.tls_disabled")) ||
                ids.contains(QStringLiteral("conn.plaintext")));
        // Both environments of the service "orders" were audited: the cross-environment checks
        // ran.
        QVERIFY(!run.out.contains(LabPassword));
    }

    void sarifLocatesFindingsAtTheProfile()
    {
        const QString output = m_dir.filePath(QStringLiteral("audit.sarif"));
        const Run run = runRediscope({QStringLiteral("audit"), QStringLiteral("--profiles"),
                                      m_profiles, QStringLiteral("--profile"),
                                      QStringLiteral("orders-prod"), QStringLiteral("--format"),
                                      QStringLiteral("sarif"), QStringLiteral("--output"), output,
                                      QStringLiteral("--fail-on"), QStringLiteral("never")},
                                     withPassword());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty()); // the report went to the file
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains(LabPassword));
        const QJsonObject sarif = jsonOf(bytes);
        QCOMPARE(sarif.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        const QJsonArray results = sarif.value(QStringLiteral("runs"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("results"))
                                       .toArray();
        QVERIFY(!results.isEmpty());

        // The line of the profile's id in the profiles file.
        QFile profiles(m_profiles);
        QVERIFY(profiles.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = profiles.readAll().split('\n');
        int expectedLine = 0;
        for (int i = 0; i < lines.size(); ++i)
            if (lines.at(i).contains(m_prod.id.toByteArray(QUuid::WithoutBraces)))
                expectedLine = i + 1;
        QVERIFY(expectedLine > 0);
        for (const QJsonValue& result : results) {
            const QJsonObject physical = result.toObject()
                                             .value(QStringLiteral("locations"))
                                             .toArray()
                                             .at(0)
                                             .toObject()
                                             .value(QStringLiteral("physicalLocation"))
                                             .toObject();
            QVERIFY(physical.value(QStringLiteral("artifactLocation"))
                        .toObject()
                        .value(QStringLiteral("uri"))
                        .toString()
                        .endsWith(QStringLiteral("profiles.json")));
            QCOMPARE(physical.value(QStringLiteral("region"))
                         .toObject()
                         .value(QStringLiteral("startLine"))
                         .toInt(),
                     expectedLine);
        }
    }

    void junitAndMarkdownReports()
    {
        const Run junit =
            runRediscope({QStringLiteral("audit"), urlOf(QStringLiteral("expired")),
                          QStringLiteral("--cacert"), caFile(), QStringLiteral("--no-probe"),
                          QStringLiteral("--format"), QStringLiteral("junit")},
                         withPassword());
        QCOMPARE(junit.exitCode, 1);
        QXmlStreamReader xml(junit.out);
        int failures = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("failure"))
                ++failures;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(failures >= 1);

        const Run markdown =
            runRediscope({QStringLiteral("audit"), urlOf(QStringLiteral("expired")),
                          QStringLiteral("--cacert"), caFile(), QStringLiteral("--no-probe"),
                          QStringLiteral("--format"), QStringLiteral("markdown")},
                         withPassword());
        QCOMPARE(markdown.exitCode, 1);
        QVERIFY(markdown.out.contains("| Severity | Id | Title |"));
        QVERIFY(markdown.out.contains("cert.expired"));
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown fail-on")
            << QStringList{QStringLiteral("rediss://127.0.0.1:1"), QStringLiteral("--fail-on"),
                           QStringLiteral("sometimes")}
            << "Unknown --fail-on";
        QTest::newRow("unknown format")
            << QStringList{QStringLiteral("rediss://127.0.0.1:1"), QStringLiteral("--format"),
                           QStringLiteral("pdf")}
            << "Unknown --format";
        QTest::newRow("nonsense url")
            << QStringList{QStringLiteral("http://example.com")} << "redis";
        QTest::newRow("missing profiles file")
            << QStringList{QStringLiteral("--profiles"), QStringLiteral("/nonexistent/p.json")}
            << "does not exist";
        QTest::newRow("unwritable output")
            << QStringList{QStringLiteral("rediss://127.0.0.1:1"), QStringLiteral("--output"),
                           QStringLiteral("/nonexistent/dir/report.json")}
            << "Cannot write the report";
    }

    void badInputExitsTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = runRediscope(QStringList{QStringLiteral("audit")} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message, Qt::CaseInsensitive),
                 run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void unknownProfileIsNamed()
    {
        const Run run =
            runRediscope({QStringLiteral("audit"), QStringLiteral("--profiles"), m_profiles,
                          QStringLiteral("--profile"), QStringLiteral("orders-qa")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("orders-qa"));
        QVERIFY(run.err.contains("orders-prod")); // what the file does hold
    }

    void promptProfileTakesRedisCliAuth()
    {
        // A profile whose password is asked each session: without a terminal prompt, the CLI
        // takes REDISCLI_AUTH, as redis-cli does.
        const QString path = m_dir.filePath(QStringLiteral("prompt-profiles.json"));
        ProfileStore store(path);
        Profile profile = profileFor(QStringLiteral("orders-prompt"), QStringLiteral("good"),
                                     QStringLiteral("production"));
        profile.password = SecretRef::prompt();
        QVERIFY(store.upsert(profile));
        QVERIFY(store.save());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        const QStringList audit = {
            QStringLiteral("audit"),      QStringLiteral("--profiles"), path,
            QStringLiteral("--no-probe"), QStringLiteral("--format"),   QStringLiteral("json"),
            QStringLiteral("--fail-on"),  QStringLiteral("never")};
        QProcessEnvironment auth;
        auth.insert(QStringLiteral("REDISCLI_AUTH"), QLatin1String(LabPassword));

        const Run run = runRediscope(audit, auth);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray targets = jsonOf(run.out).value(QStringLiteral("targets")).toArray();
        QCOMPARE(targets.size(), 1);
        QCOMPARE(targets.at(0).toObject().value(QStringLiteral("profile")).toString(),
                 QStringLiteral("orders-prompt"));
        QCOMPARE(stageStatus(run.out, QStringLiteral("auth")), QStringLiteral("ok"));
        const QStringList ids = findingIds(run.out);
        QVERIFY2(!ids.contains(QStringLiteral("conn.auth_failed")), qPrintable(ids.join(u' ')));
        QVERIFY(!run.out.contains(LabPassword));
        QVERIFY(!run.err.contains(LabPassword));
        // The text report either.
        const Run text = runRediscope(
            audit.mid(0, 4) << QStringLiteral("--fail-on") << QStringLiteral("never"), auth);
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY(text.out.contains("orders-prompt"));
        QVERIFY(!text.out.contains(LabPassword));
        QVERIFY(!text.err.contains(LabPassword));

        // It is REDISCLI_AUTH the server is sent: a wrong one fails AUTH (and is not shown).
        QProcessEnvironment wrong;
        wrong.insert(QStringLiteral("REDISCLI_AUTH"), QStringLiteral("not-the-lab-secret"));
        const Run rejected = runRediscope(audit, wrong);
        QVERIFY2(rejected.exitCode == 0, rejected.err.constData());
        QCOMPARE(stageStatus(rejected.out, QStringLiteral("auth")), QStringLiteral("failed"));
        QVERIFY2(findingIds(rejected.out).contains(QStringLiteral("conn.auth_failed")),
                 qPrintable(findingIds(rejected.out).join(u' ')));
        QVERIFY(!rejected.out.contains("not-the-lab-secret"));
        QVERIFY(!rejected.err.contains("not-the-lab-secret"));

        // Without it (and no terminal), nothing can answer: the message says what would.
        const Run unanswered = runWithoutTerminal(audit);
        QCOMPARE(unanswered.exitCode, 2);
        QVERIFY2(unanswered.err.contains("orders-prompt"), unanswered.err.constData());
        QVERIFY2(unanswered.err.contains("REDISCLI_AUTH"), unanswered.err.constData());
        QVERIFY(unanswered.out.isEmpty());

        // --askpass is explicit and wins: it asks on the terminal (there is none here), and
        // REDISCLI_AUTH is not used in its place.
        const Run asked =
            runWithoutTerminal(QStringList(audit) << QStringLiteral("--askpass"), auth);
        QCOMPARE(asked.exitCode, 2);
        QVERIFY2(asked.err.contains("No password was entered"), asked.err.constData());
        QVERIFY(!asked.err.contains(LabPassword));
        QVERIFY(asked.out.isEmpty());

        // The profiles file was only read.
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        QVERIFY(!before.contains(QByteArray("\"" + QByteArray(LabPassword) + "\"")));
    }

    void missingEnvironmentSecretIsNamed()
    {
        // The prod profile's password comes from LAB_PASSWORD, which is not set here.
        const Run run =
            runRediscope({QStringLiteral("audit"), QStringLiteral("--profiles"), m_profiles,
                          QStringLiteral("--profile"), QStringLiteral("orders-prod")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("LAB_PASSWORD"), run.err.constData());
        QVERIFY(run.err.contains("orders-prod"));
    }
};

QTEST_GUILESS_MAIN(tst_AuditCommand)
#include "tst_AuditCommand.moc"
