// The profile.* checks: every check with rows per environment, on real files.

#include "LabPki.h"
#include "audit/CheckRegistry.h"
#include "audit/ProfileChecks.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::Severity)

namespace {

enum class Change
{
    None,
    TlsOff,
    VerifyOff,
    HostnameOff,
    MinTls10,
    MinTls11,
    NoCredentials,
    UsernameOnly,
    InlinePassword,
    InlinePassphrase,
};

Profile baseProfile()
{
    Profile profile = Profile::create(QStringLiteral("orders"));
    profile.service = QStringLiteral("orders");
    profile.host = QStringLiteral("redis.example.com");
    profile.port = 6380;
    profile.password = SecretRef::keychain();
    return profile;
}

Profile applied(Change change)
{
    Profile profile = baseProfile();
    switch (change) {
    case Change::None:
        break;
    case Change::TlsOff:
        profile.tls.enabled = false;
        break;
    case Change::VerifyOff:
        profile.tls.verifyPeer = false;
        break;
    case Change::HostnameOff:
        profile.tls.verifyHostname = false;
        break;
    case Change::MinTls10:
        profile.tls.minProtocol = QStringLiteral("TLSv1");
        break;
    case Change::MinTls11:
        profile.tls.minProtocol = QStringLiteral("1.1");
        break;
    case Change::NoCredentials:
        profile.password = SecretRef::none();
        break;
    case Change::UsernameOnly:
        profile.password = SecretRef::none();
        profile.username = QStringLiteral("app");
        break;
    case Change::InlinePassword:
        profile.password = SecretRef::none();
        profile.inlinePassword = QByteArrayLiteral("hunter2");
        break;
    case Change::InlinePassphrase:
        profile.inlineKeyPassphrase = QByteArrayLiteral("k3y-pass");
        break;
    }
    return profile;
}

// A pointer into a temporary list would dangle: callers keep the list.
const Finding* findingWithId(QList<Finding>&& findings, const QString& id) = delete;
const Finding* findingWithId(const QList<Finding>& findings, const QString& id)
{
    for (const Finding& finding : findings)
        if (finding.id == id)
            return &finding;
    return nullptr;
}

QString ids(const QList<Finding>& findings)
{
    QStringList list;
    for (const Finding& finding : findings)
        list << finding.id + QLatin1Char('/') + severityName(finding.severity);
    return list.join(QStringLiteral(", "));
}

} // namespace

class tst_ProfileChecks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    rediscope::lab::LabPki m_pki;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        auto pki = rediscope::lab::LabPki::generate(m_directory.path() + QStringLiteral("/pki"));
        QVERIFY(pki.has_value());
        m_pki = *pki;
    }

    void secureDefaultsAreClean()
    {
        const Profile profile = baseProfile();
        QVERIFY(profile.tls.enabled && profile.tls.verifyPeer && profile.tls.verifyHostname);
        QCOMPARE(profile.tls.minProtocol, QStringLiteral("TLSv1.2"));
        for (const QString& environment : {QStringLiteral("development"), QStringLiteral("staging"),
                                           QStringLiteral("production")}) {
            const auto findings =
                lintProfile(profile, EnvironmentPolicies().forEnvironment(environment));
            QVERIFY2(findings.isEmpty(), qPrintable(ids(findings)));
        }
    }

    void perEnvironment_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("id");
        QTest::addColumn<Severity>("severity");

        struct Rule
        {
            Change change;
            const char* id;
            Severity development, staging, production;
        };
        const Rule rules[] = {
            {Change::TlsOff, "profile.tls_disabled", Severity::High, Severity::High,
             Severity::Critical},
            {Change::VerifyOff, "profile.verify_disabled", Severity::Medium, Severity::High,
             Severity::Critical},
            {Change::HostnameOff, "profile.hostname_check_disabled", Severity::Medium,
             Severity::High, Severity::High},
            {Change::MinTls10, "profile.legacy_protocol_allowed", Severity::Medium,
             Severity::Medium, Severity::Medium},
            {Change::MinTls11, "profile.legacy_protocol_allowed", Severity::Medium,
             Severity::Medium, Severity::Medium},
            {Change::NoCredentials, "profile.no_auth", Severity::Low, Severity::Medium,
             Severity::Medium},
            {Change::InlinePassword, "profile.secret_plaintext", Severity::High, Severity::High,
             Severity::High},
            {Change::InlinePassphrase, "profile.secret_plaintext", Severity::High, Severity::High,
             Severity::High},
        };
        for (const Rule& rule : rules) {
            const std::pair<const char*, Severity> environments[] = {
                {"development", rule.development},
                {"staging", rule.staging},
                {"production", rule.production},
                {"qa", rule.staging},         // custom name → staging policy
                {"prod-eu", rule.production}, // custom name → production policy
                {"local", rule.development},
            };
            for (const auto& [environment, severity] : environments)
                QTest::addRow("%s %s", rule.id, environment)
                    << static_cast<int>(rule.change) << QString::fromLatin1(environment)
                    << QString::fromLatin1(rule.id) << severity;
        }
    }

    void perEnvironment()
    {
        QFETCH(int, change);
        QFETCH(QString, environment);
        QFETCH(QString, id);
        QFETCH(Severity, severity);
        const Profile profile = applied(static_cast<Change>(change));
        const auto findings =
            lintProfile(profile, EnvironmentPolicies().forEnvironment(environment));
        const Finding* found = findingWithId(findings, id);
        QVERIFY2(found, qPrintable(ids(findings)));
        QCOMPARE(found->severity, severity);
        QVERIFY(!found->title.isEmpty());
        QVERIFY(!found->detail.isEmpty());
        QVERIFY(!found->evidence.isEmpty());
        QVERIFY(!found->remediation.isEmpty());
        QVERIFY(findCheck(found->id));
        // No secret in any text of any finding.
        for (const Finding& each : findings)
            for (const QString& text : {each.title, each.detail, each.evidence, each.remediation})
                QVERIFY(!text.contains(QLatin1String("hunter2")) &&
                        !text.contains(QLatin1String("k3y-pass")));
    }

    void relaxedRequirementLowersSeverity()
    {
        EnvironmentPolicy policy = EnvironmentPolicy::builtIn(PolicyKind::Production);
        policy.verification = Requirement::Recommended;
        auto findings = lintProfile(applied(Change::VerifyOff), policy);
        QCOMPARE(findingWithId(findings, QStringLiteral("profile.verify_disabled"))->severity,
                 Severity::Low);
        policy.verification = Requirement::Optional;
        findings = lintProfile(applied(Change::VerifyOff), policy);
        QCOMPARE(findingWithId(findings, QStringLiteral("profile.verify_disabled"))->severity,
                 Severity::Info);
    }

    void stricterPolicyMinimum()
    {
        EnvironmentPolicy policy = EnvironmentPolicy::builtIn(PolicyKind::Production);
        policy.minProtocol = QStringLiteral("TLSv1.3");
        const QList<Finding> findings = lintProfile(baseProfile(), policy);
        QVERIFY(findingWithId(findings, QStringLiteral("profile.legacy_protocol_allowed")));
    }

    void usernameCountsAsCredentials()
    {
        const auto findings = lintProfile(applied(Change::UsernameOnly),
                                          EnvironmentPolicy::builtIn(PolicyKind::Production));
        QVERIFY(!findingWithId(findings, QStringLiteral("profile.no_auth")));
    }

    void tlsOffSkipsTlsChecks()
    {
        Profile profile = applied(Change::TlsOff);
        profile.tls.verifyPeer = false;
        profile.tls.caFile = QStringLiteral("/nonexistent/ca.pem");
        const auto findings = lintProfile(profile, EnvironmentPolicy::builtIn(PolicyKind::Staging));
        QCOMPARE(ids(findings), QStringLiteral("profile.tls_disabled/high"));
    }

    void weakCipherLists_data()
    {
        QTest::addColumn<QString>("ciphers");
        QTest::addColumn<bool>("weak");
        QTest::newRow("default") << QString() << false;
        QTest::newRow("modern") << QStringLiteral("ECDHE+AESGCM:ECDHE+CHACHA20") << false;
        QTest::newRow("excluded weak") << QStringLiteral("HIGH:!aNULL:!MD5:!RC4:!3DES") << false;
        QTest::newRow("RC4 named") << QStringLiteral("HIGH:RC4") << true;
        QTest::newRow("3DES") << QStringLiteral("DES-CBC3-SHA") << true;
        QTest::newRow("anonymous") << QStringLiteral("ADH-AES128-SHA") << true;
        QTest::newRow("ALL admits NULL") << QStringLiteral("ALL:COMPLEMENTOFALL") << true;
        QTest::newRow("eNULL") << QStringLiteral("eNULL") << true;
    }

    void weakCipherLists()
    {
        QFETCH(QString, ciphers);
        QFETCH(bool, weak);
        Profile profile = baseProfile();
        profile.tls.ciphers = ciphers;
        const auto findings =
            lintProfile(profile, EnvironmentPolicy::builtIn(PolicyKind::Production));
        const Finding* found =
            findingWithId(findings, QStringLiteral("profile.weak_cipher_config"));
        QCOMPARE(found != nullptr, weak);
        if (found) {
            QCOMPARE(found->severity, Severity::High);
            QVERIFY(!found->evidence.isEmpty());
        }
    }

    void missingFiles_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("ca missing")
            << QStringLiteral("ca_file") << QStringLiteral("/nonexistent/ca.pem")
            << QStringLiteral("does not exist");
        QTest::newRow("ca is a directory") << QStringLiteral("ca_file") << QStringLiteral("/tmp")
                                           << QStringLiteral("is a directory");
        QTest::newRow("ca dir is a file")
            << QStringLiteral("ca_dir") << QStringLiteral("/etc/hostname")
            << QStringLiteral("is not a directory");
        QTest::newRow("cert missing")
            << QStringLiteral("cert_file") << QStringLiteral("/nonexistent/c.pem")
            << QStringLiteral("does not exist");
        QTest::newRow("key missing")
            << QStringLiteral("key_file") << QStringLiteral("/nonexistent/c.key")
            << QStringLiteral("does not exist");
    }

    void missingFiles()
    {
        QFETCH(QString, field);
        QFETCH(QString, path);
        QFETCH(QString, reason);
        if (field == QLatin1String("ca_dir") && !QFile::exists(path))
            QSKIP("no /etc/hostname on this machine");
        Profile profile = baseProfile();
        if (field == QLatin1String("ca_file"))
            profile.tls.caFile = path;
        else if (field == QLatin1String("ca_dir"))
            profile.tls.caDir = path;
        else if (field == QLatin1String("cert_file"))
            profile.tls.certFile = path;
        else
            profile.tls.keyFile = path;
        const auto findings =
            lintProfile(profile, EnvironmentPolicy::builtIn(PolicyKind::Development));
        const Finding* found = findingWithId(findings, QStringLiteral("profile.file_missing"));
        QVERIFY2(found, qPrintable(ids(findings)));
        QCOMPARE(found->severity, Severity::High);
        QVERIFY(found->detail.contains(reason));
        QVERIFY(found->evidence.contains(path));
    }

    void existingFilesAreFine()
    {
        Profile profile = baseProfile();
        profile.tls.caFile = m_pki.rootCa();
        profile.tls.caDir = m_pki.directory();
        profile.tls.certFile = m_pki.clientCert();
        profile.tls.keyFile = m_pki.clientKey(); // written 0600 by the lab
        const auto findings =
            lintProfile(profile, EnvironmentPolicy::builtIn(PolicyKind::Production));
        QVERIFY2(findings.isEmpty(), qPrintable(ids(findings)));
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
        const QString path = m_directory.path() + QStringLiteral("/key-%1.pem").arg(mode, 0, 8);
        QVERIFY(QFile::copy(m_pki.clientKey(), path) || QFile::exists(path));
        QFileDevice::Permissions permissions;
        const std::pair<int, QFileDevice::Permission> bits[] = {
            {0400, QFileDevice::ReadOwner}, {0200, QFileDevice::WriteOwner},
            {0040, QFileDevice::ReadGroup}, {0020, QFileDevice::WriteGroup},
            {0004, QFileDevice::ReadOther}, {0002, QFileDevice::WriteOther}};
        for (const auto& [bit, permission] : bits)
            if (mode & bit)
                permissions |= permission;
        QVERIFY(QFile::setPermissions(path, permissions));
        Profile profile = baseProfile();
        profile.tls.certFile = m_pki.clientCert();
        profile.tls.keyFile = path;
        const auto findings =
            lintProfile(profile, EnvironmentPolicy::builtIn(PolicyKind::Production));
        const Finding* found = findingWithId(findings, QStringLiteral("profile.key_permissions"));
        QCOMPARE(found != nullptr, flagged);
        if (found) {
            QCOMPARE(found->severity, Severity::High);
            QCOMPARE(found->evidence, QStringLiteral("mode 0%1").arg(mode, 0, 8));
            QVERIFY(found->remediation.contains(QLatin1String("chmod 600")));
        }
    }

    void clientCertificateExpiry_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<int>("severity"); // -1: no finding
        QTest::newRow("valid a year") << QStringLiteral("good") << -1;
        QTest::newRow("expires in 20 days") << QStringLiteral("expiring") << int(Severity::Medium);
        QTest::newRow("expired") << QStringLiteral("expired") << int(Severity::High);
    }

    void clientCertificateExpiry()
    {
        QFETCH(QString, certificate);
        QFETCH(int, severity);
        Profile profile = baseProfile();
        profile.tls.certFile = certificate == QLatin1String("good") ? m_pki.clientCert()
                               : certificate == QLatin1String("expiring")
                                   ? m_pki.clientCertExpiring()
                                   : m_pki.clientCertExpired();
        profile.tls.keyFile = m_pki.clientKey();
        const auto findings =
            lintProfile(profile, EnvironmentPolicy::builtIn(PolicyKind::Production));
        const Finding* found =
            findingWithId(findings, QStringLiteral("profile.client_cert_expiring"));
        QCOMPARE(found != nullptr, severity >= 0);
        if (found)
            QCOMPARE(int(found->severity), severity);
    }

    void everyIdIsCatalogued()
    {
        QSet<QString> seen;
        for (const CheckDefinition& definition : checkCatalogue()) {
            QVERIFY2(!seen.contains(definition.id), qPrintable(definition.id));
            seen.insert(definition.id);
            QVERIFY(definition.id.startsWith(definition.family + QLatin1Char('.')));
            QVERIFY(!definition.title.isEmpty() && !definition.help.isEmpty());
        }
        // The catalogue in the spec lists these profile checks; all must exist here.
        for (const char* id :
             {"profile.tls_disabled", "profile.verify_disabled", "profile.hostname_check_disabled",
              "profile.legacy_protocol_allowed", "profile.weak_cipher_config",
              "profile.file_missing", "profile.key_permissions", "profile.secret_plaintext",
              "profile.no_auth", "profile.client_cert_expiring"})
            QVERIFY2(seen.contains(QString::fromLatin1(id)), id);
    }
};

QTEST_GUILESS_MAIN(tst_ProfileChecks)
#include "tst_ProfileChecks.moc"
