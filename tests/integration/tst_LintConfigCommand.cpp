// `rediscope lint-config` as a user runs it: the real executable on redis.conf and Dragonfly flag
// files — clean files exit 0, findings carry file and line in every format, --fail-on decides
// the exit status, and unreadable input exits 2 with a specific message.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run lint(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(REDISCOPE_BINARY),
                  QStringList{QStringLiteral("lint-config")} + arguments);
    if (!process.waitForFinished(30000))
        return {};
    return Run{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QJsonObject jsonOf(const QByteArray& bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

bool writeFile(const QString& path, const QByteArray& bytes, QFile::Permissions permissions)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() &&
           file.setPermissions(permissions);
}

} // namespace

class tst_LintConfigCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A copy of a tests/data/config file in a temporary directory with its tls/ files present
    // (empty placeholders: lint-config checks existence and permissions, never contents).
    QString hardenedCopy(const QString& name, QFile::Permissions keyPermissions)
    {
        const QString source = QFINDTESTDATA(QStringLiteral("../data/config/") + name);
        const QString directory = m_dir.filePath(name + QStringLiteral(".d"));
        QDir().mkpath(directory + QStringLiteral("/tls"));
        const QString target = directory + QLatin1Char('/') + name;
        QFile::remove(target);
        if (!QFile::copy(source, target))
            return QString();
        const auto readable =
            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
        for (const char* file : {"redis.crt", "df.crt", "ca.crt"})
            writeFile(directory + QStringLiteral("/tls/") + QLatin1String(file), "-", readable);
        for (const char* file : {"redis.key", "df.key"})
            writeFile(directory + QStringLiteral("/tls/") + QLatin1String(file), "-",
                      keyPermissions);
        return target;
    }

private Q_SLOTS:
    void hardenedFilesAreClean_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::newRow("redis.conf") << "redis-hardened.conf"
                                    << "redis";
        QTest::newRow("dragonfly flags") << "dragonfly-hardened.flags"
                                         << "dragonfly";
    }

    void hardenedFilesAreClean()
    {
        QFETCH(QString, name);
        QFETCH(QString, kind);
        const QString path = hardenedCopy(name, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(!path.isEmpty());
        const Run text = lint({path});
        QVERIFY2(text.exitCode == 0, text.out.constData());
        QVERIFY(text.out.contains("No findings."));

        const Run json = lint({path, QStringLiteral("--format"), QStringLiteral("json"),
                               QStringLiteral("--fail-on"), QStringLiteral("low")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject document = jsonOf(json.out);
        QCOMPARE(document.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("rediscope-lint/1"));
        QCOMPARE(document.value(QStringLiteral("kind")).toString(), kind); // detected
        QVERIFY(document.value(QStringLiteral("findings")).toArray().isEmpty());
    }

    void worldReadableKeyIsFoundAtItsLine()
    {
        const QString path = hardenedCopy(QStringLiteral("redis-hardened.conf"),
                                          QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        const Run run = lint({path, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonArray findings = jsonOf(run.out).value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        const QJsonObject finding = findings.at(0).toObject();
        QCOMPARE(finding.value(QStringLiteral("id")).toString(),
                 QStringLiteral("config.key_permissions"));
        QCOMPARE(finding.value(QStringLiteral("line")).toInt(), 13); // tls-key-file
        QVERIFY(finding.value(QStringLiteral("file"))
                    .toString()
                    .endsWith(QStringLiteral("redis-hardened.conf")));
    }

    void insecureFileInEveryFormat()
    {
        const QString path = QFINDTESTDATA("../data/config/redis-insecure.conf");
        const Run text = lint({path});
        QCOMPARE(text.exitCode, 1);
        QVERIFY(text.out.contains("CRITICAL  server.nopass"));
        QVERIFY(text.out.contains("redis-insecure.conf:18"));
        QVERIFY(!text.out.contains("\x1b[")); // not a terminal: no colour

        const Run sarif = lint({path, QStringLiteral("--format"), QStringLiteral("sarif")});
        QCOMPARE(sarif.exitCode, 1);
        const QJsonObject run =
            jsonOf(sarif.out).value(QStringLiteral("runs")).toArray().at(0).toObject();
        const QJsonArray results = run.value(QStringLiteral("results")).toArray();
        QVERIFY(results.size() >= 5);
        bool nopassAt18 = false;
        for (const QJsonValue& result : results) {
            const QJsonObject object = result.toObject();
            const QJsonObject region = object.value(QStringLiteral("locations"))
                                           .toArray()
                                           .at(0)
                                           .toObject()
                                           .value(QStringLiteral("physicalLocation"))
                                           .toObject()
                                           .value(QStringLiteral("region"))
                                           .toObject();
            if (object.value(QStringLiteral("ruleId")).toString() ==
                    QLatin1String("server.nopass") &&
                region.value(QStringLiteral("startLine")).toInt() == 18)
                nopassAt18 = true;
        }
        QVERIFY(nopassAt18);

        const Run markdown = lint({path, QStringLiteral("--format"), QStringLiteral("markdown")});
        QCOMPARE(markdown.exitCode, 1);
        QVERIFY(markdown.out.startsWith("# Configuration lint:"));
        QVERIFY(markdown.out.contains("| CRITICAL | `server.nopass` |"));
    }

    void failOnNeverAndOutputFile()
    {
        const QString output = m_dir.filePath(QStringLiteral("lint.json"));
        const Run run =
            lint({QFINDTESTDATA("../data/config/dragonfly-insecure.flags"),
                  QStringLiteral("--fail-on"), QStringLiteral("never"), QStringLiteral("--format"),
                  QStringLiteral("json"), QStringLiteral("--output"), output});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject document = jsonOf(file.readAll());
        QCOMPARE(document.value(QStringLiteral("kind")).toString(), QStringLiteral("dragonfly"));
        QVERIFY(document.value(QStringLiteral("summary"))
                    .toObject()
                    .value(QStringLiteral("critical"))
                    .toInt() >= 1);
    }

    void developmentPolicyIsLenient()
    {
        const QString path = QFINDTESTDATA("../data/config/redis-insecure.conf");
        const QJsonObject production = jsonOf(lint({path, QStringLiteral("--format=json")}).out);
        const QJsonObject development = jsonOf(
            lint({path, QStringLiteral("--format=json"), QStringLiteral("--env=development")}).out);
        QCOMPARE(development.value(QStringLiteral("environment")).toString(),
                 QStringLiteral("development"));
        const auto score = [](const QJsonObject& document) {
            const QJsonObject summary = document.value(QStringLiteral("summary")).toObject();
            return summary.value(QStringLiteral("critical")).toInt() * 1000 +
                   summary.value(QStringLiteral("high")).toInt() * 100 +
                   summary.value(QStringLiteral("medium")).toInt() * 10;
        };
        QVERIFY(score(development) < score(production));
    }

    void unreadableInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("/nonexistent/redis.conf")} << "/nonexistent/redis.conf";
        QTest::newRow("directory") << QStringList{QStringLiteral("/tmp")} << "/tmp";
        QTest::newRow("no file") << QStringList{} << "Which file?";
        QTest::newRow("bad kind") << QStringList{QStringLiteral("x.conf"),
                                                 QStringLiteral("--kind=etcd")}
                                  << "Unknown --kind";
    }

    void unreadableInputExitsTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = lint(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_LintConfigCommand)
#include "tst_LintConfigCommand.moc"
