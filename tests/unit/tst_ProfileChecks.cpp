// The profile.* checks: every check with rows per environment, on real files.

#include "LabPki.h"
#include "audit/CheckRegistry.h"
#include "audit/ProfileChecks.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

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
    // These need real files (made in initTestCase).
    WeakCiphers,
    CaFileMissing,
    KeyFileMissing,
    KeyOwnerOnly,      // 0600: fine
    KeyGroupReadable,  // 0640
    KeyOthersReadable, // 0644
    ClientCertValid,
    ClientCertExpiring, // 20 days left
    ClientCertExpired,  // 2 days ago
};

// The environments of every row: the built-in three, custom names the built-in table maps by
// their name, and custom names the profiles file maps to a policy (see policies()).
struct EnvironmentRow
{
    const char* name;
    PolicyKind kind;
};
const EnvironmentRow Environments[] = {
    {"development", PolicyKind::Development},
    {"staging", PolicyKind::Staging},
    {"production", PolicyKind::Production},
    {"qa", PolicyKind::Staging},         // built-in mapping by name
    {"prod-eu", PolicyKind::Production}, // built-in mapping by name
    {"local", PolicyKind::Development},  // built-in mapping by name
    {"blue", PolicyKind::Development},   // the file maps it (by name it would be production)
    {"sandbox", PolicyKind::Staging},    // the file maps it (by name it would be production)
    {"live-eu", PolicyKind::Production}, // the file maps it (by name it would be production)
};

// The environments section of a profiles file that maps the custom names above.
EnvironmentPolicies policies()
{
    const QByteArray json = R"({"blue": {"policy": "development"},
                                "sandbox": {"policy": "staging"},
                                "live-eu": {"policy": "production"}})";
    QString problem;
    const auto parsed =
        EnvironmentPolicies::fromJson(QJsonDocument::fromJson(json).object(), &problem);
    if (!parsed)
        qFatal("environments: %s", qPrintable(problem));
    return *parsed;
}

Severity forKind(PolicyKind kind, Severity development, Severity staging, Severity production)
{
    switch (kind) {
    case PolicyKind::Development:
        return development;
    case PolicyKind::Staging:
        return staging;
    case PolicyKind::Production:
        break;
    }
    return production;
}

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
    case Change::WeakCiphers:
        profile.tls.ciphers = QStringLiteral("HIGH:RC4:3DES");
        break;
    default:
        break; // the file-based changes: tst_ProfileChecks::withFiles()
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

    // A copy of the lab's client key with `mode`, set with chmod(2).
    QString keyWithMode(int mode) const
    {
        return m_directory.path() + QStringLiteral("/row-key-%1.pem").arg(mode, 0, 8);
    }

    // applied(), plus the real files the file-based changes name.
    Profile withFiles(Change change) const
    {
        Profile profile = applied(change);
        switch (change) {
        case Change::CaFileMissing:
            profile.tls.caFile = m_directory.path() + QStringLiteral("/no-such-ca.pem");
            break;
        case Change::KeyFileMissing:
            profile.tls.certFile = m_pki.clientCert();
            profile.tls.keyFile = m_directory.path() + QStringLiteral("/no-such-client.key");
            break;
        case Change::KeyOwnerOnly:
        case Change::KeyGroupReadable:
        case Change::KeyOthersReadable:
            profile.tls.certFile = m_pki.clientCert();
            profile.tls.keyFile = keyWithMode(change == Change::KeyOwnerOnly       ? 0600
                                              : change == Change::KeyGroupReadable ? 0640
                                                                                   : 0644);
            break;
        case Change::ClientCertValid:
        case Change::ClientCertExpiring:
        case Change::ClientCertExpired:
            profile.tls.certFile = change == Change::ClientCertValid ? m_pki.clientCert()
                                   : change == Change::ClientCertExpiring
                                       ? m_pki.clientCertExpiring()
                                       : m_pki.clientCertExpired();
            profile.tls.keyFile = keyWithMode(0600);
            break;
        default:
            break;
        }
        return profile;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        auto pki = rediscope::lab::LabPki::generate(m_directory.path() + QStringLiteral("/pki"));
        QVERIFY(pki.has_value());
        m_pki = *pki;
        for (const int mode : {0600, 0640, 0644}) {
            const QString path = keyWithMode(mode);
            QVERIFY(QFile::copy(m_pki.clientKey(), path));
            QCOMPARE(::chmod(QFile::encodeName(path).constData(), static_cast<mode_t>(mode)), 0);
            struct stat info
            {};
            QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
            QCOMPARE(static_cast<int>(info.st_mode & 07777), mode);
        }
    }

    void secureDefaultsAreClean()
    {
        const Profile profile = baseProfile();
        QVERIFY(profile.tls.enabled && profile.tls.verifyPeer && profile.tls.verifyHostname);
        QCOMPARE(profile.tls.minProtocol, QStringLiteral("TLSv1.2"));
        for (const EnvironmentRow& environment : Environments) {
            const auto findings = lintProfile(
                profile, policies().forEnvironment(QString::fromLatin1(environment.name)));
            QVERIFY2(findings.isEmpty(), qPrintable(ids(findings)));
        }
    }

    // Every profile.* check of CHECKS.md in every environment: the catalogue's severity, which
    // for the "env" checks is the environment policy's, and no finding where nothing is wrong.
    void perEnvironment_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("present");
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<int>("daysLater"); // the check runs this many days from now

        struct Rule
        {
            Change change;
            const char* id;
            Severity development, staging, production;
            bool present = true;
            int daysLater = 0;
            const char* label = "";
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
             Severity::Medium, Severity::Medium, true, 0, "1.1"},
            {Change::NoCredentials, "profile.no_auth", Severity::Low, Severity::Medium,
             Severity::Medium},
            {Change::UsernameOnly, "profile.no_auth", Severity::Info, Severity::Info,
             Severity::Info, false, 0, "username only"},
            {Change::InlinePassword, "profile.secret_plaintext", Severity::High, Severity::High,
             Severity::High},
            {Change::InlinePassphrase, "profile.secret_plaintext", Severity::High, Severity::High,
             Severity::High, true, 0, "passphrase"},
            {Change::WeakCiphers, "profile.weak_cipher_config", Severity::High, Severity::High,
             Severity::High},
            {Change::None, "profile.weak_cipher_config", Severity::Info, Severity::Info,
             Severity::Info, false, 0, "default ciphers"},
            {Change::CaFileMissing, "profile.file_missing", Severity::High, Severity::High,
             Severity::High, true, 0, "ca_file"},
            {Change::KeyFileMissing, "profile.file_missing", Severity::High, Severity::High,
             Severity::High, true, 0, "key_file"},
            {Change::KeyOwnerOnly, "profile.file_missing", Severity::Info, Severity::Info,
             Severity::Info, false, 0, "files present"},
            {Change::KeyGroupReadable, "profile.key_permissions", Severity::High, Severity::High,
             Severity::High, true, 0, "0640"},
            {Change::KeyOthersReadable, "profile.key_permissions", Severity::High, Severity::High,
             Severity::High, true, 0, "0644"},
            {Change::KeyOwnerOnly, "profile.key_permissions", Severity::Info, Severity::Info,
             Severity::Info, false, 0, "0600"},
            {Change::ClientCertExpired, "profile.client_cert_expiring", Severity::High,
             Severity::High, Severity::High, true, 0, "expired"},
            {Change::ClientCertExpiring, "profile.client_cert_expiring", Severity::Medium,
             Severity::Medium, Severity::Medium, true, 0, "20 days left"},
            {Change::ClientCertExpiring, "profile.client_cert_expiring", Severity::Medium,
             Severity::Medium, Severity::Medium, true, 10, "10 days left"},
            {Change::ClientCertExpiring, "profile.client_cert_expiring", Severity::High,
             Severity::High, Severity::High, true, 25, "expired 5 days ago"},
            {Change::ClientCertExpiring, "profile.client_cert_expiring", Severity::Info,
             Severity::Info, Severity::Info, false, -15, "35 days left"},
            {Change::ClientCertValid, "profile.client_cert_expiring", Severity::Info,
             Severity::Info, Severity::Info, false, 0, "a year left"},
        };
        for (const Rule& rule : rules) {
            for (const EnvironmentRow& environment : Environments)
                QTest::addRow("%s%s%s %s", rule.id, *rule.label ? " " : "", rule.label,
                              environment.name)
                    << static_cast<int>(rule.change) << QString::fromLatin1(environment.name)
                    << QString::fromLatin1(rule.id) << rule.present
                    << forKind(environment.kind, rule.development, rule.staging, rule.production)
                    << rule.daysLater;
        }
    }

    void perEnvironment()
    {
        QFETCH(int, change);
        QFETCH(QString, environment);
        QFETCH(QString, id);
        QFETCH(bool, present);
        QFETCH(Severity, severity);
        QFETCH(int, daysLater);
        const Profile profile = withFiles(static_cast<Change>(change));
        const EnvironmentPolicy policy = policies().forEnvironment(environment);
        const auto findings =
            lintProfile(profile, policy, QDateTime::currentDateTimeUtc().addDays(daysLater));
        const Finding* found = findingWithId(findings, id);
        if (!present) {
            QVERIFY2(!found, qPrintable(ids(findings)));
            return;
        }
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
