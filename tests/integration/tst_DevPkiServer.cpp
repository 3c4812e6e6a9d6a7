// `rediscope dev-pki` end to end: the configuration it writes passes lint-config without a
// finding under the production policy, starts a real redis-server that audits at grade A or
// better (and refuses clients without a certificate or the password), and the client snippets
// of its profile work against that server with verification on: redis-cli and redis-py connect
// (and fail against the wrong CA or host); the others are parsed or compiled where their
// toolchain is installed.

#include "LabServer.h"
#include "audit/Auditor.h"
#include "audit/ConfigChecks.h"
#include "pki/DevPki.h"
#include "profile/ClientSnippets.h"
#include "profile/ProfileStore.h"
#include "server/ConfigLoader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace rediscope;

namespace {

using Client = ClientSnippets::Client;

const QString PasswordVariable = QStringLiteral("REDISCOPE_TEST_DEV_PASSWORD");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& arguments,
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
        const QString& workingDirectory = QString())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
               QString::fromUtf8(process.readAllStandardOutput()),
               QString::fromUtf8(process.readAllStandardError())};
}

QString redisServerPath()
{
    const QString configured = qEnvironmentVariable("REDISCOPE_REDIS_SERVER");
    if (!configured.isEmpty())
        return configured;
    QString found = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (found.isEmpty())
        found =
            QStandardPaths::findExecutable(QStringLiteral("redis-server"),
                                           {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin"),
                                            QStringLiteral("/usr/local/bin")});
    return found;
}

bool accepts(int family, const char* address, quint16 port)
{
    const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    bool ok = false;
    if (family == AF_INET) {
        sockaddr_in in{};
        in.sin_family = AF_INET;
        in.sin_port = htons(port);
        ::inet_pton(AF_INET, address, &in.sin_addr);
        ok = ::connect(fd, reinterpret_cast<sockaddr*>(&in), sizeof in) == 0;
    } else {
        sockaddr_in6 in6{};
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons(port);
        ::inet_pton(AF_INET6, address, &in6.sin6_addr);
        ok = ::connect(fd, reinterpret_cast<sockaddr*>(&in6), sizeof in6) == 0;
    }
    ::close(fd);
    return ok;
}

QString writeFile(const QString& path, const QString& text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    file.write(text.toUtf8());
    return path;
}

QString findingList(const QList<Finding>& findings)
{
    QStringList lines;
    for (const Finding& finding : findings)
        lines << QStringLiteral("%1/%2: %3 [%4]")
                     .arg(finding.id, severityName(finding.severity), finding.detail,
                          finding.evidence);
    return lines.join(QLatin1Char('\n'));
}

// The command line of a redis-cli snippet (its one line that is not a comment).
QString commandLineOf(const QString& snippet)
{
    for (const QString& line : snippet.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.startsWith(QLatin1Char('#')))
            return line;
    return QString();
}

// A Python 3 that can import redis (Debian's python3-redis lives in /usr/bin's Python).
QString pythonWithRedis()
{
    QStringList candidates{QStringLiteral("/usr/bin/python3")};
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (!onPath.isEmpty())
        candidates << onPath;
    for (const QString& python : std::as_const(candidates)) {
        if (!QFileInfo(python).isExecutable())
            continue;
        if (run(python, {QStringLiteral("-c"), QStringLiteral("import redis")}).exitCode == 0)
            return python;
    }
    return QString();
}

} // namespace

class tst_DevPkiServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_temporary;
    QString m_pki;
    QString m_profilesFile;
    QByteArray m_password;
    quint16 m_port = 0;
    QProcess m_server;
    Profile m_profile;
    QString m_devPkiOutput;

    QProcessEnvironment environmentWithPassword() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(PasswordVariable, QString::fromLatin1(m_password));
        return environment;
    }

    QString snippet(const Profile& profile, Client client) const
    {
        const Result<QString> text = ClientSnippets::snippet(profile, client);
        return text ? *text : QString();
    }

    QString pki(const char* name) const { return m_pki + QLatin1Char('/') + QLatin1String(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_temporary.isValid());
        const QString server = redisServerPath();
        QVERIFY2(!server.isEmpty(), "redis-server is not installed (scripts/install-deps.sh)");

        m_pki = m_temporary.filePath(QStringLiteral("dev pki")); // a space, to test quoting
        m_profilesFile = m_temporary.filePath(QStringLiteral("profiles.json"));
        m_password = QByteArray::number(QRandomGenerator::system()->generate64(), 36) +
                     QByteArray::number(QRandomGenerator::system()->generate64(), 36);
        m_port = lab::freePort();

        // The real command, as a user runs it.
        const Run devPki =
            run(QStringLiteral(REDISCOPE_BINARY),
                {QStringLiteral("dev-pki"), QStringLiteral("--out"), m_pki,
                 // The address first: the profile takes the first host, and a minimal
                 // machine (a container, a chroot) may have no /etc/hosts for "localhost".
                 QStringLiteral("--hosts"), QStringLiteral("127.0.0.1,localhost"),
                 QStringLiteral("--client-cert"), QStringLiteral("--password-env"),
                 PasswordVariable, QStringLiteral("--port"), QString::number(m_port),
                 QStringLiteral("--profiles"), m_profilesFile, QStringLiteral("--name"),
                 QStringLiteral("dev cache"), QStringLiteral("--service"), QStringLiteral("cache")},
                environmentWithPassword());
        QVERIFY2(devPki.exitCode == 0, qPrintable(devPki.err + devPki.out));
        m_devPkiOutput = devPki.out;
        QVERIFY2(devPki.out.contains(QStringLiteral("redis-server '%1/redis.conf'").arg(m_pki)),
                 qPrintable(devPki.out));
        QVERIFY(!devPki.out.contains(QString::fromLatin1(m_password)));
        QVERIFY(!devPki.err.contains(QString::fromLatin1(m_password)));

        auto store = ProfileStore::open(m_profilesFile);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        auto profile = store->findByName(QStringLiteral("dev cache"));
        QVERIFY2(profile, qPrintable(profile ? QString() : profile.error().message));
        m_profile = *profile;

        m_server.setProgram(server);
        m_server.setArguments({pki("redis.conf")});
        m_server.setWorkingDirectory(m_temporary.path());
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        const pid_t parent = ::getpid();
        m_server.setChildProcessModifier([parent]() {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive the test
            if (::getppid() != parent)
                ::_exit(127);
        });
        m_server.start();
        QVERIFY2(m_server.waitForStarted(), qPrintable(m_server.errorString()));
        bool ready = false;
        for (int attempt = 0; attempt < 400 && !ready; ++attempt) {
            ready = accepts(AF_INET, "127.0.0.1", m_port);
            if (!ready && m_server.state() == QProcess::NotRunning)
                break;
            if (!ready)
                QThread::msleep(25);
        }
        QVERIFY2(ready, qPrintable(QStringLiteral("redis-server did not start: ") +
                                   QString::fromUtf8(m_server.readAll())));
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            if (!m_server.waitForFinished(10000)) {
                m_server.kill();
                m_server.waitForFinished();
            }
        }
    }

    void profileMatchesTheServer()
    {
        QCOMPARE(m_profile.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(m_profile.port, m_port);
        QCOMPARE(m_profile.service, QStringLiteral("cache"));
        QCOMPARE(m_profile.environment, QStringLiteral("development"));
        QVERIFY(m_profile.tls.enabled && m_profile.tls.verifyPeer && m_profile.tls.verifyHostname);
        QCOMPARE(m_profile.tls.caFile, pki("ca.pem"));
        QCOMPARE(m_profile.tls.certFile, pki("client.pem"));
        QCOMPARE(m_profile.tls.keyFile, pki("client.key"));
        QCOMPARE(m_profile.password, SecretRef::env(PasswordVariable));
    }

    void noFileHoldsThePassword()
    {
        const QStringList names =
            QDir(m_pki).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
        QCOMPARE(names.size(), 9); // 6 PEM files, redis.conf, dragonfly.flags, users.acl
        for (const QString& name : names) {
            QFile file(m_pki + QLatin1Char('/') + name);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(m_password), qPrintable(name));
        }
        QFile profiles(m_profilesFile);
        QVERIFY(profiles.open(QIODevice::ReadOnly));
        QVERIFY(!profiles.readAll().contains(m_password));
    }

    void emittedConfigurationLintsClean_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        QTest::newRow("redis.conf") << QStringLiteral("redis.conf") << int(ServerKind::Redis);
        QTest::newRow("dragonfly.flags")
            << QStringLiteral("dragonfly.flags") << int(ServerKind::Dragonfly);
    }

    void emittedConfigurationLintsClean()
    {
        QFETCH(QString, file);
        QFETCH(int, kind);
        const QString path = m_pki + QLatin1Char('/') + file;
        const auto config = loadServerConfig(path);
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(int(config->kind), kind); // detected from the content
        const QList<Finding> findings =
            lintConfig(*config, EnvironmentPolicies().forEnvironment(QStringLiteral("production")));
        QVERIFY2(findings.isEmpty(), qPrintable(findingList(findings)));
        // The TLS settings the checks read are really there.
        if (kind == int(ServerKind::Redis)) {
            QCOMPARE(config->value(QStringLiteral("port")), QStringLiteral("0"));
            QCOMPARE(config->value(QStringLiteral("tls-port")), QString::number(m_port));
            QCOMPARE(config->value(QStringLiteral("tls-auth-clients")), QStringLiteral("yes"));
            QCOMPARE(config->value(QStringLiteral("tls-protocols")),
                     QStringLiteral("TLSv1.2 TLSv1.3"));
            QCOMPARE(config->value(QStringLiteral("tls-key-file")), pki("server.key"));
        } else {
            QCOMPARE(config->value(QStringLiteral("tls")), QStringLiteral("true"));
            QCOMPARE(config->value(QStringLiteral("tls_key_file")), pki("server.key"));
            QCOMPARE(config->value(QStringLiteral("tls_ca_cert_file")), pki("ca.pem"));
            QCOMPARE(config->value(QStringLiteral("aclfile")), pki("users.acl"));
        }
        // And the command says the same.
        const Run lint = run(QStringLiteral(REDISCOPE_BINARY),
                             {QStringLiteral("lint-config"), path, QStringLiteral("--fail-on"),
                              QStringLiteral("low")});
        QVERIFY2(lint.exitCode == 0, qPrintable(lint.out + lint.err));
    }

    void serverAuditsAtGradeA()
    {
        AuditTarget target;
        target.profile = m_profile;
        target.password = m_password;
        target.policy = EnvironmentPolicies().forEnvironment(QStringLiteral("production"));
        const AuditResult result = Auditor::auditOne(target, AuditOptions());
        QVERIFY2(result.inspect.allStagesOk(), qPrintable(findingList(result.findings)));
        QVERIFY2(result.grade.grade == QLatin1String("A+") ||
                     result.grade.grade == QLatin1String("A"),
                 qPrintable(result.grade.grade + QLatin1Char('\n') +
                            result.grade.reasons.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                            findingList(result.findings)));
        for (const Finding& finding : result.findings)
            QVERIFY2(finding.severity < Severity::Medium, qPrintable(findingList(result.findings)));
        QVERIFY(result.probe.has_value());
        QVERIFY2(result.probe->complete(), qPrintable(result.probe->errors.join(QLatin1Char(';'))));
        // The configuration was read from the live server: TLS only, client certificates on.
        QVERIFY(result.serverConfig.has_value());
        QCOMPARE(result.serverConfig->value(QStringLiteral("port")), QStringLiteral("0"));
        QCOMPARE(result.serverConfig->value(QStringLiteral("tls-auth-clients")),
                 QStringLiteral("yes"));
    }

    // The bare command, as a first-time user types it: a client certificate and a generated
    // password by default, so what it emits lints clean and a server started with it audits
    // clean too — with the password only in the 0600 password file, as a hash everywhere else.
    void bareCommandIsSecureByDefault()
    {
        const QString directory = m_temporary.filePath(QStringLiteral("bare"));
        const quint16 port = lab::freePort();
        const Run devPki = run(QStringLiteral(REDISCOPE_BINARY),
                               {QStringLiteral("dev-pki"), QStringLiteral("--out"), directory,
                                QStringLiteral("--hosts"), QStringLiteral("127.0.0.1,localhost"),
                                QStringLiteral("--port"), QString::number(port)});
        QVERIFY2(devPki.exitCode == 0, qPrintable(devPki.err + devPki.out));

        QFile passwordFile(directory + QStringLiteral("/password"));
        QVERIFY(passwordFile.open(QIODevice::ReadOnly));
        QCOMPARE(passwordFile.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                               QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        const QByteArray password = passwordFile.readAll().trimmed();
        QVERIFY2(password.size() >= 32, "the generated password is too short");
        QVERIFY(!devPki.out.contains(QString::fromLatin1(password)));
        for (const QString& name : QDir(directory).entryList(QDir::Files)) {
            if (name == QLatin1String("password"))
                continue;
            QFile file(directory + QLatin1Char('/') + name);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(password), qPrintable(name));
        }
        for (const char* file : {"redis.conf", "dragonfly.flags"}) {
            const Run lint = run(QStringLiteral(REDISCOPE_BINARY),
                                 {QStringLiteral("lint-config"),
                                  directory + QLatin1Char('/') + QLatin1String(file),
                                  QStringLiteral("--fail-on"), QStringLiteral("low")});
            QVERIFY2(lint.exitCode == 0, qPrintable(lint.out + lint.err));
        }

        QProcess server;
        server.setProgram(redisServerPath());
        server.setArguments({directory + QStringLiteral("/redis.conf")});
        server.setWorkingDirectory(directory);
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        server.start();
        QVERIFY2(server.waitForStarted(), qPrintable(server.errorString()));
        const auto stop = qScopeGuard([&server] {
            server.terminate();
            if (!server.waitForFinished(5000))
                server.kill();
            server.waitForFinished();
        });
        bool ready = false;
        for (int attempt = 0; attempt < 400 && !ready; ++attempt) {
            ready = accepts(AF_INET, "127.0.0.1", port);
            if (!ready && server.state() == QProcess::NotRunning)
                break;
            if (!ready)
                QThread::msleep(25);
        }
        QVERIFY2(ready, qPrintable(QString::fromUtf8(server.readAll())));

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("REDISCLI_AUTH"), QString::fromLatin1(password));
        const QString url = QStringLiteral("rediss://127.0.0.1:%1").arg(port);
        const Run audit = run(QStringLiteral(REDISCOPE_BINARY),
                              {QStringLiteral("audit"), url, QStringLiteral("--cacert"),
                               directory + QStringLiteral("/ca.pem"), QStringLiteral("--cert"),
                               directory + QStringLiteral("/client.pem"), QStringLiteral("--key"),
                               directory + QStringLiteral("/client.key"),
                               QStringLiteral("--fail-on"), QStringLiteral("medium")},
                              environment);
        QVERIFY2(audit.exitCode == 0, qPrintable(audit.out + audit.err));
        QVERIFY2(audit.out.contains(QStringLiteral("Grade A")), qPrintable(audit.out));
        QVERIFY(!audit.out.contains(QString::fromLatin1(password)));
    }

    void serverRefusesClientsWithoutCertificateOrPassword()
    {
        AuditTarget target;
        target.profile = m_profile;
        target.profile.tls.certFile.clear();
        target.profile.tls.keyFile.clear();
        target.password = m_password;
        target.policy = EnvironmentPolicies().forEnvironment(QStringLiteral("production"));
        AuditOptions options;
        options.probe = false;
        const AuditResult noCertificate = Auditor::auditOne(target, options);
        QVERIFY2(noCertificate.findings.end() !=
                     std::find_if(noCertificate.findings.begin(), noCertificate.findings.end(),
                                  [](const Finding& finding) {
                                      return finding.id ==
                                             QLatin1String("conn.client_cert_required");
                                  }),
                 qPrintable(findingList(noCertificate.findings)));

        target.profile = m_profile;
        target.password = "wrong-" + m_password;
        const AuditResult wrongPassword = Auditor::auditOne(target, options);
        QVERIFY2(wrongPassword.findings.end() !=
                     std::find_if(wrongPassword.findings.begin(), wrongPassword.findings.end(),
                                  [](const Finding& finding) {
                                      return finding.id == QLatin1String("conn.auth_failed");
                                  }),
                 qPrintable(findingList(wrongPassword.findings)));
    }

    void redisCliSnippetConnects()
    {
        const QString text = snippet(m_profile, Client::RedisCli);
        const QString command = commandLineOf(text);
        QVERIFY2(command.contains(QLatin1String("REDISCLI_AUTH=\"$%1\"").arg(PasswordVariable)),
                 qPrintable(text));
        const QString sh = QStringLiteral("/bin/sh");

        const Run ping = run(sh, {QStringLiteral("-c"), command + QStringLiteral(" PING")},
                             environmentWithPassword());
        QVERIFY2(ping.out.trimmed() == QLatin1String("PONG"), qPrintable(ping.out + ping.err));

        // Without the variable, the server asks for the password.
        const Run noPassword = run(sh, {QStringLiteral("-c"), command + QStringLiteral(" PING")});
        QVERIFY2(noPassword.out.contains(QLatin1String("NOAUTH")),
                 qPrintable(noPassword.out + noPassword.err));

        // Against another CA, the chain does not verify: the snippet verifies.
        QTemporaryDir other;
        DevPkiOptions options;
        options.directory = other.path();
        QVERIFY(DevPki::generate(options));
        Profile wrongCa = m_profile;
        wrongCa.tls.caFile = other.filePath(QStringLiteral("ca.pem"));
        const Run untrusted =
            run(sh,
                {QStringLiteral("-c"),
                 commandLineOf(snippet(wrongCa, Client::RedisCli)) + QStringLiteral(" PING")},
                environmentWithPassword());
        QVERIFY2(!untrusted.out.contains(QLatin1String("PONG")), qPrintable(untrusted.out));
        const QString output = untrusted.out + untrusted.err;
        QVERIFY2(output.contains(QLatin1String("certificate verify failed")), qPrintable(output));
    }

    void redisPySnippetConnects()
    {
        const QString python = pythonWithRedis();
        const QString file = writeFile(m_temporary.filePath(QStringLiteral("redis_tls.py")),
                                       snippet(m_profile, Client::RedisPy));
        QVERIFY(!file.isEmpty());
        // The redis-py snippet must run: it is one of the two the product promises to have run.
        QVERIFY2(!python.isEmpty(), "redis-py is not installed (apt-get install python3-redis, in "
                                    "scripts/install-deps.sh): the redis-py snippet must be run "
                                    "against a real server, not skipped.");

        const Run ping = run(python, {file}, environmentWithPassword());
        QVERIFY2(ping.exitCode == 0 && ping.out.trimmed() == QLatin1String("True"),
                 qPrintable(ping.out + ping.err));

        // The host name check is on: ::1 reaches the same server, but the certificate is for
        // localhost and 127.0.0.1 only.
        if (accepts(AF_INET6, "::1", m_port)) {
            Profile otherHost = m_profile;
            otherHost.host = QStringLiteral("::1");
            const QString mismatch = writeFile(m_temporary.filePath(QStringLiteral("mismatch.py")),
                                               snippet(otherHost, Client::RedisPy));
            const Run refused = run(python, {mismatch}, environmentWithPassword());
            QVERIFY2(refused.exitCode != 0, qPrintable(refused.out));
            QVERIFY2(refused.err.contains(QLatin1String("mismatch")) ||
                         refused.err.contains(QLatin1String("match")),
                     qPrintable(refused.err));
        } else {
            qInfo("::1 does not reach the server here: the host name mismatch case is skipped.");
        }

        // Another CA: the chain does not verify.
        QTemporaryDir other;
        DevPkiOptions options;
        options.directory = other.path();
        QVERIFY(DevPki::generate(options));
        Profile wrongCa = m_profile;
        wrongCa.tls.caFile = other.filePath(QStringLiteral("ca.pem"));
        const QString untrustedFile =
            writeFile(m_temporary.filePath(QStringLiteral("untrusted.py")),
                      snippet(wrongCa, Client::RedisPy));
        const Run untrusted = run(python, {untrustedFile}, environmentWithPassword());
        QVERIFY(untrusted.exitCode != 0);
        QVERIFY2(untrusted.err.contains(QLatin1String("certificate verify failed")),
                 qPrintable(untrusted.err));
    }

    void profilesSnippetCommand()
    {
        const Run snippetRun =
            run(QStringLiteral(REDISCOPE_BINARY),
                {QStringLiteral("profiles"), QStringLiteral("snippet"), QStringLiteral("dev cache"),
                 QStringLiteral("--client"), QStringLiteral("redis-py"),
                 QStringLiteral("--profiles"), m_profilesFile});
        QCOMPARE(snippetRun.exitCode, 0);
        QCOMPARE(snippetRun.out, snippet(m_profile, Client::RedisPy));

        const Run unknown =
            run(QStringLiteral(REDISCOPE_BINARY),
                {QStringLiteral("profiles"), QStringLiteral("snippet"), QStringLiteral("dev cache"),
                 QStringLiteral("--client"), QStringLiteral("perl"), QStringLiteral("--profiles"),
                 m_profilesFile});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QLatin1String("redis-cli, redis-py")));

        const Run missing =
            run(QStringLiteral(REDISCOPE_BINARY),
                {QStringLiteral("profiles"), QStringLiteral("snippet"), QStringLiteral("nope"),
                 QStringLiteral("--client"), QStringLiteral("jedis"), QStringLiteral("--profiles"),
                 m_profilesFile});
        QCOMPARE(missing.exitCode, 2);
    }

    void devPkiRefusesToOverwrite()
    {
        const QStringList arguments{QStringLiteral("dev-pki"), QStringLiteral("--out"), m_pki};
        QFile ca(pki("ca.key"));
        QVERIFY(ca.open(QIODevice::ReadOnly));
        const QByteArray before = ca.readAll();
        ca.close();
        const Run again = run(QStringLiteral(REDISCOPE_BINARY), arguments);
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QLatin1String("--force")), qPrintable(again.err));
        QVERIFY(ca.open(QIODevice::ReadOnly));
        QCOMPARE(ca.readAll(), before);

        // The same name in the profiles file is refused before anything is written.
        const QString fresh = m_temporary.filePath(QStringLiteral("fresh"));
        const Run clash = run(QStringLiteral(REDISCOPE_BINARY),
                              {QStringLiteral("dev-pki"), QStringLiteral("--out"), fresh,
                               QStringLiteral("--profiles"), m_profilesFile,
                               QStringLiteral("--name"), QStringLiteral("dev cache")});
        QCOMPARE(clash.exitCode, 1);
        QVERIFY2(clash.err.contains(QLatin1String("dev cache")), qPrintable(clash.err));
        QVERIFY(!QFileInfo::exists(fresh));

        const Run unsetVariable = run(QStringLiteral(REDISCOPE_BINARY),
                                      {QStringLiteral("dev-pki"), QStringLiteral("--out"), fresh,
                                       QStringLiteral("--password-env"),
                                       QStringLiteral("REDISCOPE_TEST_UNSET_VARIABLE")});
        QCOMPARE(unsetVariable.exitCode, 2);
        QVERIFY(!QFileInfo::exists(fresh));
    }

    void nodeSnippetsParse_data()
    {
        QTest::addColumn<int>("client");
        QTest::newRow("node-redis") << int(Client::NodeRedis);
        QTest::newRow("ioredis") << int(Client::Ioredis);
    }

    void nodeSnippetsParse()
    {
        QFETCH(int, client);
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            QSKIP("node is not installed: the Node.js snippets are not syntax-checked here.");
        const QString file = writeFile(
            m_temporary.filePath(ClientSnippets::name(Client(client)) + QStringLiteral(".js")),
            snippet(m_profile, Client(client)));
        const Run check = run(node, {QStringLiteral("--check"), file});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
    }

    void javaSnippetsCompile_data()
    {
        QTest::addColumn<int>("client");
        QTest::addColumn<QStringList>("libraryClasses");
        QTest::newRow("jedis") << int(Client::Jedis)
                               << QStringList{QStringLiteral("DefaultJedisClientConfig"),
                                              QStringLiteral("HostAndPort"),
                                              QStringLiteral("Jedis")};
        QTest::newRow("lettuce") << int(Client::Lettuce)
                                 << QStringList{QStringLiteral("ClientOptions"),
                                                QStringLiteral("RedisClient"),
                                                QStringLiteral("RedisURI"),
                                                QStringLiteral("SslOptions"),
                                                QStringLiteral("SslVerifyMode"),
                                                QStringLiteral("StatefulRedisConnection")};
    }

    // Without the client libraries, javac still parses the whole file and type-checks every JDK
    // call; the only errors allowed are the library's own packages and classes being absent.
    void javaSnippetsCompile()
    {
        QFETCH(int, client);
        QFETCH(QStringList, libraryClasses);
        const QString javac = QStandardPaths::findExecutable(QStringLiteral("javac"));
        if (javac.isEmpty())
            QSKIP("javac is not installed: the Java snippets are not compiled here.");
        const QString directory =
            m_temporary.filePath(QStringLiteral("java-") + ClientSnippets::name(Client(client)));
        QVERIFY(QDir().mkpath(directory));
        const QString file = writeFile(directory + QStringLiteral("/RedisTls.java"),
                                       snippet(m_profile, Client(client)));
        const Run compiled =
            run(javac, {QStringLiteral("-Xmaxerrs"), QStringLiteral("1000"), QStringLiteral("-d"),
                        directory + QStringLiteral("/classes"), file});
        const QString output = compiled.out + compiled.err;
        static const QRegularExpression errorLine(QStringLiteral("error: (.*)$"),
                                                  QRegularExpression::MultilineOption);
        static const QRegularExpression symbolLine(QStringLiteral("symbol:\\s+\\w+\\s+(\\w+)"));
        for (auto match = errorLine.globalMatch(output); match.hasNext();) {
            const QString error = match.next().captured(1);
            const bool missingLibrary =
                error == QLatin1String("cannot find symbol") ||
                ((error.startsWith(QLatin1String("package redis.clients.")) ||
                  error.startsWith(QLatin1String("package io.lettuce."))) &&
                 error.endsWith(QLatin1String("does not exist")));
            QVERIFY2(missingLibrary, qPrintable(output));
        }
        for (auto match = symbolLine.globalMatch(output); match.hasNext();) {
            const QString symbol = match.next().captured(1);
            QVERIFY2(libraryClasses.contains(symbol),
                     qPrintable(symbol + QLatin1Char('\n') + output));
        }
    }

    void goSnippetIsFormatted()
    {
        QString gofmt = QStandardPaths::findExecutable(QStringLiteral("gofmt"));
        if (gofmt.isEmpty())
            QSKIP("Go is not installed: the go-redis snippet is not checked here.");
        const QString file = writeFile(m_temporary.filePath(QStringLiteral("redis_tls.go")),
                                       snippet(m_profile, Client::GoRedis));
        const Run formatted = run(gofmt, {QStringLiteral("-l"), QStringLiteral("-e"), file});
        QVERIFY2(formatted.exitCode == 0 && formatted.out.isEmpty(),
                 qPrintable(formatted.out + formatted.err));
    }

    void hiredisSnippetCompiles()
    {
        const Run flags = run(QStringLiteral("pkg-config"),
                              {QStringLiteral("--cflags"), QStringLiteral("hiredis_ssl")});
        if (flags.exitCode != 0)
            QSKIP("hiredis_ssl (hiredis 1.x with TLS) is not installed: the hiredis snippet is "
                  "not compiled here.");
        const QString file = writeFile(m_temporary.filePath(QStringLiteral("redis_tls.c")),
                                       snippet(m_profile, Client::Hiredis));
        QStringList arguments{QStringLiteral("-fsyntax-only"), QStringLiteral("-Wall"),
                              QStringLiteral("-Werror"), file};
        arguments << flags.out.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (QString& argument : arguments)
            argument = argument.trimmed();
        const Run compiled = run(QStringLiteral("cc"), arguments);
        QVERIFY2(compiled.exitCode == 0, qPrintable(compiled.err));
    }
};

QTEST_GUILESS_MAIN(tst_DevPkiServer)
#include "tst_DevPkiServer.moc"
