// lint-config: redis.conf and Dragonfly flag-file parsing (quoting, includes, cycles, errors
// with file:line) and the server.* + config.* findings with their lines, on the sample files in
// tests/data/config. Key files are created at test time with real permissions.

#include "audit/CheckRegistry.h"
#include "audit/ConfigChecks.h"
#include "server/ConfigLoader.h"
#include "server/DragonflyFlagsParser.h"
#include "server/RedisConfParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::Severity)

namespace {

// Every value that is a secret in the sample files: none may appear in any finding or entry.
const QStringList SampleSecrets{
    QStringLiteral("hunter2-secret"),    QStringLiteral("m4ster-secret"),
    QStringLiteral("k3y-pass-secret"),   QStringLiteral("alice-secret"),
    QStringLiteral("correct-horse"),     QStringLiteral("replication-secret"),
    QStringLiteral("plain-secret"),      QStringLiteral("df-secret-pass"),
    QStringLiteral("df-plain-secret"),   QStringLiteral("pa ss-secret"),
    QStringLiteral("pAss\"word-secret"), QStringLiteral("never-closed-secret"),
};

// A pointer into a temporary list would dangle: callers keep the list.
const Finding* findingWithId(QList<Finding>&& findings, const QString& id) = delete;
const Finding* findingWithId(const QList<Finding>& findings, const QString& id)
{
    for (const Finding& finding : findings)
        if (finding.id == id)
            return &finding;
    return nullptr;
}

QString describe(const QList<Finding>& findings)
{
    QStringList list;
    for (const Finding& finding : findings)
        list << QStringLiteral("%1/%2@%3:%4")
                    .arg(finding.id, severityName(finding.severity),
                         QFileInfo(finding.file).fileName())
                    .arg(finding.line);
    return list.join(QStringLiteral(", "));
}

// "id@file:line" for every finding, sorted: the exact set a sample must produce.
QStringList locations(const QList<Finding>& findings, const QString& root)
{
    QStringList list;
    for (const Finding& finding : findings)
        list << QStringLiteral("%1@%2:%3")
                    .arg(finding.id, QDir(root).relativeFilePath(finding.file))
                    .arg(finding.line);
    list.sort();
    return list;
}

void verifyClean(const QList<Finding>& findings)
{
    for (const Finding& finding : findings) {
        QVERIFY2(!finding.file.isEmpty() && finding.line >= 1, qPrintable(finding.id));
        QVERIFY(findCheck(finding.id));
        for (const QString& text :
             {finding.title, finding.detail, finding.evidence, finding.remediation})
            for (const QString& secret : SampleSecrets)
                QVERIFY2(!text.contains(secret),
                         qPrintable(finding.id + QLatin1String(": ") + text));
    }
}

void verifyNoSecretKept(const ServerConfig& config)
{
    for (const ConfigEntry& entry : config.all())
        for (const QString& secret : SampleSecrets)
            QVERIFY2(!entry.values.join(QLatin1Char(' ')).contains(secret), qPrintable(entry.name));
}

bool writeFile(const QString& path, const QByteArray& content,
               QFileDevice::Permissions permissions = QFileDevice::ReadOwner |
                                                      QFileDevice::WriteOwner)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(content);
    file.close();
    return QFile::setPermissions(path, permissions);
}

QFileDevice::Permissions permissionsFromMode(int mode)
{
    QFileDevice::Permissions permissions;
    const std::pair<int, QFileDevice::Permission> bits[] = {
        {0400, QFileDevice::ReadOwner}, {0200, QFileDevice::WriteOwner},
        {0040, QFileDevice::ReadGroup}, {0020, QFileDevice::WriteGroup},
        {0004, QFileDevice::ReadOther}, {0002, QFileDevice::WriteOther}};
    for (const auto& [bit, permission] : bits)
        if (mode & bit)
            permissions |= permission;
    return permissions;
}

// A placeholder, not a key: the linter only looks at a key file's existence and mode.
const QByteArray PlaceholderKey = "placeholder: lint-config never reads key contents\n";

} // namespace

class tst_ConfigLint : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QTemporaryDir m_workingDirectory;
    QString m_data;
    QString m_originalDirectory;

    QString sample(const char* name) const
    {
        return m_data + QLatin1Char('/') + QLatin1String(name);
    }

    // Copies a sample into a fresh directory and creates the TLS files it names, the key with
    // `keyMode`. Returns the copy's path.
    QString stage(const char* name, const QString& subdirectory, const QStringList& files,
                  const QString& key, int keyMode)
    {
        const QString root = m_directory.path() + QLatin1Char('/') + subdirectory;
        QDir().mkpath(root);
        const QString copy = root + QLatin1Char('/') + QLatin1String(name);
        QFile::remove(copy);
        if (!QFile::copy(sample(name), copy))
            return QString();
        for (const QString& file : files)
            if (!writeFile(root + QLatin1Char('/') + file, "placeholder certificate\n"))
                return QString();
        if (!key.isEmpty() &&
            !writeFile(root + QLatin1Char('/') + key, PlaceholderKey, permissionsFromMode(keyMode)))
            return QString();
        return copy;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid() && m_workingDirectory.isValid());
        const QString marker = QFINDTESTDATA("../data/config/redis-hardened.conf");
        QVERIFY(!marker.isEmpty());
        m_data = QFileInfo(marker).canonicalPath();
        // Relative includes are tried in the working directory first: make it an empty one so
        // the samples resolve beside their including file, whatever directory ctest uses.
        m_originalDirectory = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_workingDirectory.path()));
    }

    void cleanupTestCase() { QDir::setCurrent(m_originalDirectory); }

    // ---- parsing ---------------------------------------------------------------------------

    void splitArgs_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QList<QByteArray>>("arguments");
        QTest::addColumn<bool>("valid");
        using L = QList<QByteArray>;
        QTest::newRow("plain") << QByteArray("port 6379") << L{"port", "6379"} << true;
        QTest::newRow("blanks") << QByteArray("  bind\t127.0.0.1   ::1  ")
                                << L{"bind", "127.0.0.1", "::1"} << true;
        QTest::newRow("double quotes") << QByteArray("tls-protocols \"TLSv1.2 TLSv1.3\"")
                                       << L{"tls-protocols", "TLSv1.2 TLSv1.3"} << true;
        QTest::newRow("empty quotes")
            << QByteArray("rename-command DEBUG \"\"") << L{"rename-command", "DEBUG", ""} << true;
        QTest::newRow("single quotes") << QByteArray("a 'b c'") << L{"a", "b c"} << true;
        QTest::newRow("escaped single quote") << QByteArray("a 'it\\'s'") << L{"a", "it's"} << true;
        QTest::newRow("backslash in single quotes is literal")
            << QByteArray("a 'x\\ny'") << L{"a", "x\\ny"} << true;
        QTest::newRow("escapes in double quotes")
            << QByteArray("a \"1\\n2\\r3\\t4\\b5\\a6\\\\7\\\"8\\q\"")
            << L{"a", "1\n2\r3\t4\b5\a6\\7\"8q"} << true;
        QTest::newRow("hex escapes")
            << QByteArray("a \"\\x41\\x2e\\x00z\"") << L{"a", QByteArray("A.\0z", 4)} << true;
        QTest::newRow("bad hex is a plain escape")
            << QByteArray("a \"\\xZZ\"") << L{"a", "xZZ"} << true;
        QTest::newRow("quote inside a word starts quoting")
            << QByteArray("a b\"c d\"") << L{"a", "bc d"} << true;
        QTest::newRow("unterminated double") << QByteArray("requirepass \"abc") << L{} << false;
        QTest::newRow("unterminated single") << QByteArray("a 'abc") << L{} << false;
        QTest::newRow("text after closing quote") << QByteArray("a \"b\"c") << L{} << false;
        QTest::newRow("text after closing single quote") << QByteArray("a 'b'c") << L{} << false;
        QTest::newRow("trailing backslash in quotes") << QByteArray("a \"b\\") << L{} << false;
        QTest::newRow("NUL ends the line") << QByteArray("a b\0c d", 7) << L{"a", "b"} << true;
        QTest::newRow("empty") << QByteArray("   ") << L{} << true;
    }

    void splitArgs()
    {
        QFETCH(QByteArray, line);
        QFETCH(QList<QByteArray>, arguments);
        QFETCH(bool, valid);
        const auto split = splitConfigArgs(line);
        QCOMPARE(split.has_value(), valid);
        if (split)
            QCOMPARE(*split, arguments);
    }

    void quotedAndEscapedFile()
    {
        const auto config = parseRedisConf(sample("quoting.conf"));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->kind, ServerKind::Redis);
        QCOMPARE(config->value(QStringLiteral("tls-protocols")), QStringLiteral("TLSv1.2 TLSv1.3"));
        QCOMPARE(config->values(QStringLiteral("tls-protocols")).size(), 1);
        QCOMPARE(config->value(QStringLiteral("tls-ciphersuites")),
                 QStringLiteral("TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"));
        QCOMPARE(config->values(QStringLiteral("bind")),
                 (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("::1")}));
        const auto renames = config->entries(QStringLiteral("rename-command"));
        QCOMPARE(renames.size(), 2);
        QCOMPARE(renames.at(0).values, (QStringList{QStringLiteral("DEBUG"), QString()}));
        QCOMPARE(renames.at(1).values,
                 (QStringList{QStringLiteral("FLUSHALL"), QStringLiteral("it's-gone")}));
        QCOMPARE(renames.at(1).line, 6);
        QCOMPARE(config->value(QStringLiteral("tls-cert-file")),
                 QStringLiteral("dir with space/cert.pem"));
        QCOMPARE(config->value(QStringLiteral("tls-ciphers")),
                 QStringLiteral("HIGH:\"quoted\"\t!aNULL"));
        // Directive names are case-insensitive; surrounding blanks do not matter.
        QCOMPARE(config->value(QStringLiteral("tls-port")), QStringLiteral("6380"));
        QCOMPARE(config->entry(QStringLiteral("tls-port"))->line, 9);
        // Secrets: only whether they are set.
        QVERIFY(config->secretSet(QStringLiteral("requirepass")));
        QCOMPARE(config->value(QStringLiteral("requirepass")), ServerConfig::redacted());
        QCOMPARE(config->values(QStringLiteral("user")),
                 (QStringList{QStringLiteral("alice"), QStringLiteral("on"),
                              QStringLiteral(">(redacted)"), QStringLiteral("~*"),
                              QStringLiteral("+@all")}));
        // Repeated single-valued directive: the last wins; a commented one does not count.
        QCOMPARE(config->value(QStringLiteral("port")), QStringLiteral("0"));
        QCOMPARE(config->entry(QStringLiteral("port"))->line, 14);
        QCOMPARE(config->entries(QStringLiteral("port")).size(), 1);
        verifyNoSecretKept(*config);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message"); // expected in the error, after "FILE:"
        QTest::newRow("unbalanced") << QByteArray("port 0\nrequirepass \"x-secret\n")
                                    << QStringLiteral("2: unbalanced quotes");
        QTest::newRow("bad yes/no")
            << QByteArray("\n\nprotected-mode maybe\n")
            << QStringLiteral("3: protected-mode: argument must be 'yes' or 'no'");
        QTest::newRow("bad enum") << QByteArray("tls-auth-clients sometimes\n")
                                  << QStringLiteral("1: tls-auth-clients: argument must be one of: "
                                                    "yes, no, optional");
        QTest::newRow("bad port") << QByteArray("tls-port 70000\n")
                                  << QStringLiteral("1: tls-port: argument must be a port number");
        QTest::newRow("port not a number")
            << QByteArray("port six\n") << QStringLiteral("1: port: argument must be a port");
        QTest::newRow("too many arguments") << QByteArray("tls-cert-file a b\n")
                                            << QStringLiteral("1: tls-cert-file: wrong number");
        QTest::newRow("rename-command arity") << QByteArray("rename-command DEBUG\n")
                                              << QStringLiteral("1: rename-command: wrong number");
        QTest::newRow("include arity")
            << QByteArray("include\n") << QStringLiteral("1: include: wrong number");
    }

    void parseErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = m_directory.path() + QStringLiteral("/errors/broken.conf");
        QVERIFY(writeFile(path, content));
        const auto config = parseRedisConf(path);
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(path + QLatin1Char(':') + message),
                 qPrintable(config.error().message));
        QVERIFY(!config.error().message.contains(QLatin1String("x-secret")));
    }

    void unbalancedSampleNamesLineNotSecret()
    {
        const auto config = parseRedisConf(sample("quoting-unbalanced.conf"));
        QVERIFY(!config);
        QCOMPARE(config.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(config.error().message.contains(QLatin1String("quoting-unbalanced.conf:3:")),
                 qPrintable(config.error().message));
        QVERIFY(!config.error().toString().contains(QLatin1String("never-closed")));
    }

    void includeChain()
    {
        const auto config = parseRedisConf(sample("include-main.conf"));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QStringList files;
        for (const QString& file : config->files)
            files << QDir(m_data).relativeFilePath(file);
        QCOMPARE(files, (QStringList{QStringLiteral("include-main.conf"),
                                     QStringLiteral("include-tls.conf"),
                                     QStringLiteral("include-auth.conf"),
                                     QStringLiteral("conf.d/10-protocols.conf"),
                                     QStringLiteral("conf.d/20-clients.conf")}));
        const auto findings =
            lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Production));
        verifyClean(findings);
        QCOMPARE(locations(findings, m_data),
                 (QStringList{QStringLiteral("config.file_missing@include-tls.conf:3"),
                              QStringLiteral("config.file_missing@include-tls.conf:4"),
                              QStringLiteral("config.file_missing@include-tls.conf:5"),
                              QStringLiteral("server.client_auth_off@conf.d/20-clients.conf:2"),
                              QStringLiteral("server.legacy_protocols_configured@conf.d/"
                                             "10-protocols.conf:2"),
                              QStringLiteral("server.nopass@include-auth.conf:3"),
                              QStringLiteral("server.protected_mode_off@include-main.conf:7")}));
        QCOMPARE(findingWithId(findings, QStringLiteral("server.protected_mode_off"))->severity,
                 Severity::Critical);
        // A relative certificate path is looked up beside the main file, and the finding says so.
        const Finding* missing = findingWithId(findings, QStringLiteral("config.file_missing"));
        QVERIFY(missing->detail.contains(m_data + QStringLiteral("/tls/")));
        QVERIFY(missing->detail.contains(QLatin1String("relative path")));
    }

    void includeCycle()
    {
        const auto config = parseRedisConf(sample("cycle-a.conf"));
        QVERIFY(!config);
        const QString message = config.error().message;
        QVERIFY2(message.contains(QLatin1String("cycle-b.conf:3: include cycle:")),
                 qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("cycle-a.conf → ")));
        QVERIFY(message.contains(QStringLiteral("cycle-b.conf → ")));
    }

    void includeMissing()
    {
        const auto config = parseRedisConf(sample("include-missing.conf"));
        QVERIFY(!config);
        QCOMPARE(config.error().code, ErrorCode::FileError);
        const QString message = config.error().message;
        QVERIFY2(message.contains(QLatin1String("include-missing.conf:3: included file "
                                                "does-not-exist.conf not found")),
                 qPrintable(message));
        // Both places looked at are named: the working directory and the including file's.
        QVERIFY(
            message.contains(m_workingDirectory.path() + QStringLiteral("/does-not-exist.conf")));
        QVERIFY(message.contains(m_data + QStringLiteral("/does-not-exist.conf")));
    }

    void includeFromWorkingDirectoryFirst()
    {
        // As redis-server does, a relative include is opened in the working directory first.
        const QString root = m_directory.path() + QStringLiteral("/cwd-include");
        QVERIFY(writeFile(root + QStringLiteral("/etc/main.conf"), "port 0\ninclude extra.conf\n"));
        QVERIFY(writeFile(root + QStringLiteral("/etc/extra.conf"), "tls-port 1111\n"));
        QVERIFY(writeFile(m_workingDirectory.path() + QStringLiteral("/extra.conf"),
                          "tls-port 2222\n"));
        auto config = parseRedisConf(root + QStringLiteral("/etc/main.conf"));
        QFile::remove(m_workingDirectory.path() + QStringLiteral("/extra.conf"));
        QVERIFY(config);
        QCOMPARE(config->value(QStringLiteral("tls-port")), QStringLiteral("2222"));
        config = parseRedisConf(root + QStringLiteral("/etc/main.conf"));
        QVERIFY(config);
        QCOMPARE(config->value(QStringLiteral("tls-port")), QStringLiteral("1111"));
    }

    void missingMainFile()
    {
        const auto config = loadServerConfig(m_directory.path() + QStringLiteral("/nope.conf"));
        QVERIFY(!config);
        QCOMPARE(config.error().code, ErrorCode::FileError);
        QVERIFY(config.error().message.contains(QLatin1String("nope.conf")));
    }

    // ---- Redis lint ------------------------------------------------------------------------

    void hardenedRedisIsClean_data()
    {
        QTest::addColumn<QString>("environment");
        for (const char* environment : {"development", "staging", "production", "qa"})
            QTest::newRow(environment) << QString::fromLatin1(environment);
    }

    void hardenedRedisIsClean()
    {
        QFETCH(QString, environment);
        const QString path = stage("redis-hardened.conf", QStringLiteral("hardened"),
                                   {QStringLiteral("tls/redis.crt"), QStringLiteral("tls/ca.crt")},
                                   QStringLiteral("tls/redis.key"), 0600);
        QVERIFY(!path.isEmpty());
        const auto config = loadServerConfig(path);
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->kind, ServerKind::Redis);
        verifyNoSecretKept(*config);
        const auto findings =
            lintConfig(*config, EnvironmentPolicies().forEnvironment(environment));
        QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
    }

    void insecureRedis_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("line");
        QTest::addColumn<Severity>("severity");
        struct Expected
        {
            const char* id;
            int line;
            Severity development, staging, production;
        };
        // Lines of tests/data/config/redis-insecure.conf.
        const Expected expected[] = {
            {"server.plaintext_port_open", 4, Severity::Medium, Severity::High, Severity::High},
            {"server.client_auth_off", 10, Severity::Info, Severity::Low, Severity::Medium},
            {"server.legacy_protocols_configured", 11, Severity::Medium, Severity::Medium,
             Severity::Medium},
            {"server.replication_plaintext", 12, Severity::Medium, Severity::Medium,
             Severity::Medium},
            {"server.cluster_plaintext", 16, Severity::Medium, Severity::Medium, Severity::Medium},
            {"server.nopass", 18, Severity::Critical, Severity::Critical, Severity::Critical},
            {"server.protected_mode_off", 20, Severity::Critical, Severity::Critical,
             Severity::Critical},
            {"server.dangerous_commands", 21, Severity::Medium, Severity::Medium, Severity::Medium},
            {"config.key_permissions", 7, Severity::High, Severity::High, Severity::High},
            {"config.key_passphrase_in_file", 8, Severity::Low, Severity::Low, Severity::Low},
            {"config.file_missing", 9, Severity::High, Severity::High, Severity::High},
        };
        for (const Expected& each : expected)
            for (const auto& [environment, severity] :
                 {std::pair{"development", each.development}, std::pair{"staging", each.staging},
                  std::pair{"production", each.production}})
                QTest::addRow("%s %s", each.id, environment)
                    << QString::fromLatin1(environment) << QString::fromLatin1(each.id) << each.line
                    << severity;
    }

    void insecureRedis()
    {
        QFETCH(QString, environment);
        QFETCH(QString, id);
        QFETCH(int, line);
        QFETCH(Severity, severity);
        const QString path =
            stage("redis-insecure.conf", QStringLiteral("insecure"),
                  {QStringLiteral("tls/redis.crt")}, QStringLiteral("tls/redis.key"), 0644);
        QVERIFY(!path.isEmpty());
        const auto config = loadServerConfig(path);
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        verifyNoSecretKept(*config);
        const auto findings =
            lintConfig(*config, EnvironmentPolicy::builtIn(*policyKindFromName(environment)));
        verifyClean(findings);
        // Exactly one finding per id, at the line of the setting.
        QCOMPARE(findings.size(), 11);
        const Finding* found = findingWithId(findings, id);
        QVERIFY2(found, qPrintable(describe(findings)));
        QCOMPARE(found->severity, severity);
        QCOMPARE(found->file, path);
        QCOMPARE(found->line, line);
    }

    void insecureRedisEvidence()
    {
        const QString path =
            stage("redis-insecure.conf", QStringLiteral("insecure-evidence"),
                  {QStringLiteral("tls/redis.crt")}, QStringLiteral("tls/redis.key"), 0644);
        const auto config = loadServerConfig(path);
        QVERIFY(config);
        const auto findings =
            lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Production));
        const auto evidence = [&](const char* id) {
            const Finding* found = findingWithId(findings, QString::fromLatin1(id));
            return found ? found->evidence : QString();
        };
        QCOMPARE(evidence("server.plaintext_port_open"),
                 QStringLiteral("port 6379, tls-port 6380"));
        QCOMPARE(evidence("server.legacy_protocols_configured"),
                 QStringLiteral("tls-protocols \"TLSv1 TLSv1.1 TLSv1.2\""));
        QCOMPARE(evidence("server.nopass"), QStringLiteral("user default on nopass ~* +@all"));
        QCOMPARE(evidence("config.key_permissions"),
                 QStringLiteral("tls-key-file tls/redis.key: mode 0644"));
        QCOMPARE(evidence("config.key_passphrase_in_file"),
                 QStringLiteral("tls-key-file-pass is set (value not shown)"));
        QCOMPARE(evidence("server.dangerous_commands"),
                 QStringLiteral("enable-debug-command yes; enable-module-command yes"));
    }

    void plaintextRedis()
    {
        const auto config = loadServerConfig(sample("redis-plaintext.conf"));
        QVERIFY(config);
        const auto findings = lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Staging));
        verifyClean(findings);
        QCOMPARE(describe(findings),
                 QStringLiteral("config.tls_not_configured/high@redis-plaintext.conf:3"));
        QCOMPARE(findings.first().evidence, QStringLiteral("no tls-port directive"));
    }

    void tlsPortWithoutCertificate()
    {
        const QString path = m_directory.path() + QStringLiteral("/nocert/redis.conf");
        QVERIFY(writeFile(path, "port 0\ntls-port 6380\nrequirepass x-secret\n"));
        const auto config = loadServerConfig(path);
        QVERIFY(config);
        const auto findings =
            lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Production));
        QCOMPARE(describe(findings), QStringLiteral("config.tls_not_configured/high@redis.conf:2"));
        QVERIFY(findings.first().detail.contains(QLatin1String("refuses to start")));
    }

    void unixSocketOnlyNeedsNoTls()
    {
        // No TCP listener at all: nothing crosses the network, so TLS is not missing.
        const QString root = m_directory.path() + QStringLiteral("/unix");
        QVERIFY(writeFile(root + QStringLiteral("/redis.conf"),
                          "port 0\nunixsocket /run/redis.sock\nrequirepass x-secret\n"));
        QVERIFY(writeFile(root + QStringLiteral("/df.flags"),
                          "--port=0\n--unixsocket=/run/df.sock\n--requirepass=x-secret\n"
                          "--restricted_commands=DEBUG\n"));
        for (const char* name : {"/redis.conf", "/df.flags"}) {
            const auto config = loadServerConfig(root + QLatin1String(name));
            QVERIFY(config);
            const auto findings =
                lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Production));
            QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
        }
    }

    void keyPermissions_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("flagged");
        QTest::newRow("0600") << 0600 << false;
        QTest::newRow("0400") << 0400 << false;
        QTest::newRow("0640") << 0640 << true;
        QTest::newRow("0644") << 0644 << true;
        QTest::newRow("0604") << 0604 << true;
        QTest::newRow("0620") << 0620 << true;
    }

    void keyPermissions()
    {
        QFETCH(int, mode);
        QFETCH(bool, flagged);
        for (const char* kind : {"redis", "dragonfly"}) {
            const bool redis = QLatin1String(kind) == QLatin1String("redis");
            const QString root =
                m_directory.path() +
                QStringLiteral("/perm-%1-%2").arg(QLatin1String(kind)).arg(mode, 0, 8);
            const QString key = root + QStringLiteral("/server.key");
            QVERIFY(writeFile(key, PlaceholderKey, permissionsFromMode(mode)));
            QVERIFY(writeFile(root + QStringLiteral("/server.crt"), "placeholder\n"));
            const QString path =
                root + (redis ? QStringLiteral("/redis.conf") : QStringLiteral("/df.flags"));
            QVERIFY(writeFile(path, redis ? QByteArray("tls-port 6380\nport 0\n"
                                                       "tls-cert-file server.crt\n"
                                                       "tls-key-file ") +
                                                key.toUtf8() + "\n"
                                          : QByteArray("--tls\n--tls_cert_file=server.crt\n"
                                                       "--tls_key_file=") +
                                                key.toUtf8() + "\n"));
            const auto config = loadServerConfig(path);
            QVERIFY(config);
            const auto findings =
                lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Development));
            const Finding* found =
                findingWithId(findings, QStringLiteral("config.key_permissions"));
            QCOMPARE(found != nullptr, flagged);
            if (found) {
                QCOMPARE(found->severity, Severity::High);
                QCOMPARE(found->line, 4 - (redis ? 0 : 1));
                QVERIFY(found->evidence.endsWith(QStringLiteral("mode 0%1").arg(mode, 0, 8)));
                QCOMPARE(found->remediation,
                         QStringLiteral("chmod 600 %1 (owned by the user the server runs as).")
                             .arg(key));
            }
        }
    }

    void relativePathsFollowDir_data()
    {
        QTest::addColumn<QString>("dir");      // the `dir` directive, empty for none
        QTest::addColumn<QString>("expected"); // relative to the config's directory
        QTest::newRow("no dir") << QString() << QStringLiteral("tls/k.key");
        QTest::newRow("relative dir") << QStringLiteral("data") << QStringLiteral("data/tls/k.key");
        QTest::newRow("absolute dir")
            << QStringLiteral("/srv/redis") << QStringLiteral("/srv/redis/tls/k.key");
    }

    void relativePathsFollowDir()
    {
        QFETCH(QString, dir);
        QFETCH(QString, expected);
        const QString root = m_directory.path() + QStringLiteral("/reldir");
        const QString path = root + QStringLiteral("/redis.conf");
        QByteArray content = "tls-port 6380\ntls-key-file tls/k.key\n";
        if (!dir.isEmpty())
            content += "dir " + dir.toUtf8() + "\n";
        QVERIFY(writeFile(path, content));
        const auto config = parseRedisConf(path);
        QVERIFY(config);
        const QString resolved =
            resolveConfigPath(*config, config->value(QStringLiteral("tls-key-file")));
        QCOMPARE(resolved,
                 QDir::isAbsolutePath(expected) ? expected : root + QLatin1Char('/') + expected);
        QCOMPARE(resolveConfigPath(*config, QStringLiteral("/abs/k.key")),
                 QStringLiteral("/abs/k.key"));
        const QList<Finding> findings =
            lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Production));
        const Finding* missing = findingWithId(findings, QStringLiteral("config.file_missing"));
        QVERIFY(missing);
        QVERIFY(missing->detail.contains(resolved));
        QVERIFY(missing->detail.contains(dir.isEmpty()
                                             ? QLatin1String("configuration file's directory")
                                             : QLatin1String("`dir`")));
    }

    // ---- Dragonfly -------------------------------------------------------------------------

    void hardenedDragonflyIsClean_data()
    {
        QTest::addColumn<QString>("environment");
        for (const char* environment : {"development", "staging", "production"})
            QTest::newRow(environment) << QString::fromLatin1(environment);
    }

    void hardenedDragonflyIsClean()
    {
        QFETCH(QString, environment);
        const QString path = stage("dragonfly-hardened.flags", QStringLiteral("df-hardened"),
                                   {QStringLiteral("tls/df.crt"), QStringLiteral("tls/ca.crt")},
                                   QStringLiteral("tls/df.key"), 0600);
        QVERIFY(!path.isEmpty());
        const auto config = loadServerConfig(path);
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->kind, ServerKind::Dragonfly);
        QCOMPARE(config->value(QStringLiteral("tls")), QStringLiteral("true"));
        QCOMPARE(config->value(QStringLiteral("restricted_commands")),
                 QStringLiteral("DEBUG,FLUSHALL"));
        verifyNoSecretKept(*config);
        const auto findings =
            lintConfig(*config, EnvironmentPolicies().forEnvironment(environment));
        QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
    }

    void insecureDragonfly_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<Severity>("clientAuth");
        QTest::newRow("development") << QStringLiteral("development") << Severity::Info;
        QTest::newRow("staging") << QStringLiteral("staging") << Severity::Low;
        QTest::newRow("production") << QStringLiteral("production") << Severity::Medium;
    }

    void insecureDragonfly()
    {
        QFETCH(QString, environment);
        QFETCH(Severity, clientAuth);
        const QString path = stage("dragonfly-insecure.flags", QStringLiteral("df-insecure"), {},
                                   QStringLiteral("tls/df.key"), 0644);
        QVERIFY(!path.isEmpty());
        const auto config = loadServerConfig(path);
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->value(QStringLiteral("tls_replication")), QStringLiteral("false"));
        QCOMPARE(config->value(QStringLiteral("no_tls_on_admin_port")), QStringLiteral("true"));
        verifyNoSecretKept(*config);
        const auto findings =
            lintConfig(*config, EnvironmentPolicy::builtIn(*policyKindFromName(environment)));
        verifyClean(findings);
        const QString root = QFileInfo(path).absolutePath();
        QCOMPARE(locations(findings, root),
                 (QStringList{
                     QStringLiteral("config.file_missing@dragonfly-insecure.flags:5"),
                     QStringLiteral("config.key_permissions@dragonfly-insecure.flags:6"),
                     QStringLiteral("server.admin_port_plaintext@dragonfly-insecure.flags:8"),
                     QStringLiteral("server.client_auth_off@dragonfly-insecure.flags:4"),
                     QStringLiteral("server.dangerous_commands@dragonfly-insecure.flags:1"),
                     QStringLiteral("server.nopass@dragonfly-insecure.flags:1"),
                     QStringLiteral("server.nopass@dragonfly-insecure.flags:9"),
                     QStringLiteral("server.replication_plaintext@dragonfly-insecure.flags:11")}));
        QCOMPARE(findingWithId(findings, QStringLiteral("server.client_auth_off"))->severity,
                 clientAuth);
        QCOMPARE(findingWithId(findings, QStringLiteral("server.admin_port_plaintext"))->severity,
                 Severity::High);
        const Finding* replication =
            findingWithId(findings, QStringLiteral("server.replication_plaintext"));
        QCOMPARE(replication->evidence, QStringLiteral("--tls_replication=false; "
                                                       "--replicaof=10.0.0.1:6379"));
        for (const Finding& finding : findings)
            if (finding.id.startsWith(QLatin1String("server.")))
                QVERIFY2(finding.remediation.contains(QLatin1String("--")),
                         qPrintable(finding.remediation));
    }

    void plaintextDragonfly()
    {
        const auto config = loadServerConfig(sample("dragonfly-plaintext.flags"));
        QVERIFY(config);
        QCOMPARE(config->kind, ServerKind::Dragonfly);
        const auto findings =
            lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Production));
        verifyClean(findings);
        // Without --tls only the missing TLS and the unrestricted DEBUG remain.
        QCOMPARE(describe(findings),
                 QStringLiteral("config.tls_not_configured/high@dragonfly-plaintext.flags:3, "
                                "server.dangerous_commands/medium@dragonfly-plaintext.flags:1"));
        QCOMPARE(findings.first().evidence, QStringLiteral("--tls=false"));
    }

    void dragonflyFlagSyntax_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("value"); // empty: an error is expected
        QTest::addColumn<QString>("error");
        QTest::newRow("bare bool") << QByteArray("--tls\n") << QStringLiteral("tls")
                                   << QStringLiteral("true") << QString();
        QTest::newRow("no-prefix") << QByteArray("--notls\n") << QStringLiteral("tls")
                                   << QStringLiteral("false") << QString();
        QTest::newRow("single dash") << QByteArray("-tls=false\n") << QStringLiteral("tls")
                                     << QStringLiteral("false") << QString();
        QTest::newRow("yes") << QByteArray("--tls=yes\n") << QStringLiteral("tls")
                             << QStringLiteral("true") << QString();
        QTest::newRow("1") << QByteArray("--tls=1\n") << QStringLiteral("tls")
                           << QStringLiteral("true") << QString();
        QTest::newRow("False") << QByteArray("--tls=False\n") << QStringLiteral("tls")
                               << QStringLiteral("false") << QString();
        QTest::newRow("last wins") << QByteArray("--tls\n--tls=false\n--tls=t\n")
                                   << QStringLiteral("tls") << QStringLiteral("true") << QString();
        QTest::newRow("comments, blanks, CRLF")
            << QByteArray("# comment\r\n\r\n   --port=6380  \r\n  # indented\n")
            << QStringLiteral("port") << QStringLiteral("6380") << QString();
        QTest::newRow("value with = and blanks")
            << QByteArray("--tls_ciphers=ECDHE+AESGCM:!aNULL = x\n")
            << QStringLiteral("tls_ciphers") << QStringLiteral("ECDHE+AESGCM:!aNULL = x")
            << QString();
        QTest::newRow("empty value") << QByteArray("--requirepass=\n")
                                     << QStringLiteral("requirepass") << QString() << QString();
        QTest::newRow("bad bool") << QByteArray("--port=1\n--tls=maybe\n") << QString() << QString()
                                  << QStringLiteral(":2: --tls is a bool flag");
        QTest::newRow("blank instead of =") << QByteArray("--tls\n--port 6380\n") << QString()
                                            << QString() << QStringLiteral(":2: not a flag");
        QTest::newRow("not a flag") << QByteArray("port=6380\n") << QString() << QString()
                                    << QStringLiteral(":1: not a flag");
        QTest::newRow("double dash alone") << QByteArray("--tls\n\n--\n") << QString() << QString()
                                           << QStringLiteral(":3: a flag file cannot contain --");
    }

    void dragonflyFlagSyntax()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, flag);
        QFETCH(QString, value);
        QFETCH(QString, error);
        const QString path = m_directory.path() + QStringLiteral("/syntax/df.flags");
        QVERIFY(writeFile(path, content));
        const auto config = parseDragonflyFlags(path);
        if (!error.isEmpty()) {
            QVERIFY(!config);
            QVERIFY2(config.error().message.contains(path + error),
                     qPrintable(config.error().message));
            return;
        }
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QVERIFY(config->has(flag));
        if (flag == QLatin1String("requirepass"))
            QVERIFY(!config->secretSet(flag));
        else
            QCOMPARE(config->value(flag), value);
    }

    void dragonflyBadSample()
    {
        const auto config = loadServerConfig(sample("dragonfly-bad.flags"));
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(QLatin1String("dragonfly-bad.flags:2:")),
                 qPrintable(config.error().message));
    }

    void dragonflyNestedFlagFiles()
    {
        const QString root = m_directory.path() + QStringLiteral("/nested");
        QVERIFY(writeFile(root + QStringLiteral("/main.flags"),
                          "--tls\n--flagfile=tls.flags\n--requirepass=df-secret-pass\n"));
        QVERIFY(writeFile(root + QStringLiteral("/tls.flags"),
                          "# nested\n--tls_cert_file=/nonexistent/df.crt\n"));
        auto config = parseDragonflyFlags(root + QStringLiteral("/main.flags"));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->files.size(), 2);
        const ConfigEntry* cert = config->entry(QStringLiteral("tls_cert_file"));
        QVERIFY(cert);
        QCOMPARE(cert->file, root + QStringLiteral("/tls.flags"));
        QCOMPARE(cert->line, 2);
        const QList<Finding> findings =
            lintConfig(*config, EnvironmentPolicy::builtIn(PolicyKind::Production));
        const Finding* missing = findingWithId(findings, QStringLiteral("config.file_missing"));
        QVERIFY(missing);
        QCOMPARE(missing->file, root + QStringLiteral("/tls.flags"));
        QCOMPARE(missing->line, 2);

        QVERIFY(writeFile(root + QStringLiteral("/tls.flags"), "--flagfile=main.flags\n"));
        config = parseDragonflyFlags(root + QStringLiteral("/main.flags"));
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(QLatin1String("tls.flags:1: flag file cycle")),
                 qPrintable(config.error().message));

        QVERIFY(writeFile(root + QStringLiteral("/tls.flags"), "--flagfile=gone.flags\n"));
        config = parseDragonflyFlags(root + QStringLiteral("/main.flags"));
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(QLatin1String("tls.flags:1: flag file "
                                                               "gone.flags not found")),
                 qPrintable(config.error().message));
    }

    // ---- kind detection --------------------------------------------------------------------

    void detectKind_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("kind");
        QTest::newRow("redis") << QByteArray("# c\nport 0\n") << int(ServerKind::Redis);
        QTest::newRow("dragonfly") << QByteArray("# c\n\n  --tls\n") << int(ServerKind::Dragonfly);
        QTest::newRow("empty") << QByteArray() << int(ServerKind::Redis);
        QTest::newRow("comments only") << QByteArray("# --tls\n") << int(ServerKind::Redis);
    }

    void detectKind()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, kind);
        QCOMPARE(int(detectConfigKind(content)), kind);
    }

    void explicitKindWins()
    {
        auto config = loadServerConfig(sample("dragonfly-plaintext.flags"));
        QVERIFY(config);
        QCOMPARE(config->kind, ServerKind::Dragonfly);
        config = loadServerConfig(sample("redis-plaintext.conf"), ServerKind::Dragonfly);
        QVERIFY(!config);
        QVERIFY2(
            config.error().message.contains(QLatin1String("redis-plaintext.conf:2: not a flag")),
            qPrintable(config.error().message));
        config = loadServerConfig(sample("redis-plaintext.conf"), ServerKind::Redis);
        QVERIFY(config);
        QCOMPARE(config->kind, ServerKind::Redis);
    }

    void everyConfigIdIsCatalogued()
    {
        for (const char* id : {"config.tls_not_configured", "config.key_permissions",
                               "config.key_passphrase_in_file", "config.file_missing"}) {
            const CheckDefinition* definition = findCheck(QString::fromLatin1(id));
            QVERIFY2(definition, id);
            QCOMPARE(definition->family, QStringLiteral("config"));
        }
        QCOMPARE(findCheck(QStringLiteral("config.key_passphrase_in_file"))->severity,
                 QStringLiteral("low"));
    }
};

QTEST_GUILESS_MAIN(tst_ConfigLint)
#include "tst_ConfigLint.moc"
