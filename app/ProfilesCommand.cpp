#include "ProfilesCommand.h"

#include "TerminalPassword.h"
#include "audit/ProfileChecks.h"
#include "cli/ProfilesArguments.h"
#include "common/SecureBytes.h"
#include "profile/ClientSnippets.h"
#include "profile/ProfileExport.h"
#include "profile/ProfileImport.h"
#include "profile/ProfileJson.h"
#include "profile/ProfileStore.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretResolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTextStream>
#include <memory>

namespace rediscope {

namespace {

using Action = ProfilesArguments::Action;

constexpr int ExitOk = 0;
constexpr int ExitFailed = 1;
constexpr int ExitUsage = 2;

constexpr qsizetype MaxImportBytes = 10 * 1024 * 1024;

// A failure of one action: the message for stderr and the exit status.
struct Failure
{
    int status = ExitFailed;
    QString message;
};

std::unexpected<Failure> failed(int status, QString message)
{
    return std::unexpected(Failure{status, std::move(message)});
}

class Command
{
public:
    explicit Command(const ProfilesArguments& arguments)
        : m_arguments(arguments)
        , m_path(arguments.profilesFile.isEmpty() ? ProfileStore::defaultPath()
                                                  : arguments.profilesFile)
        , m_out(stdout)
        , m_err(stderr)
    {}

    int run();

private:
    QString commandName() const
    {
        return QStringLiteral("rediscope profiles ") +
               ProfilesArguments::actionName(m_arguments.action);
    }
    QString nativePath() const { return QDir::toNativeSeparators(m_path); }
    void note(const QString& text) { m_err << commandName() << ": " << text << "\n"; }

    std::expected<ProfileStore, Failure> openStore(bool forWriting);
    std::expected<Profile, Failure> findProfile(const ProfileStore& store,
                                                const QString& nameOrId) const;
    std::expected<QList<Profile>, Failure> selectProfiles(const ProfileStore& store) const;
    std::expected<std::unique_ptr<SecretStore>, Failure> openKeychain(const QString& what);

    std::expected<void, Failure> list();
    std::expected<void, Failure> show();
    std::expected<void, Failure> add();
    std::expected<void, Failure> remove();
    std::expected<void, Failure> exportProfiles();
    std::expected<void, Failure> importProfiles();
    std::expected<void, Failure> snippet();

    void printChecks(const Profile& profile, const EnvironmentPolicy& policy,
                     const QString& indent);

    const ProfilesArguments& m_arguments;
    QString m_path;
    QTextStream m_out;
    QTextStream m_err;
};

// ---- helpers ----

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString orPlaceholder(const QString& value, const QString& placeholder)
{
    return value.isEmpty() ? placeholder : value;
}

QString tlsSummary(const Profile& profile)
{
    if (!profile.tls.enabled)
        return QStringLiteral("off (plaintext)");
    QString summary =
        orPlaceholder(profile.tls.minProtocol, QStringLiteral("TLSv1.2")) + QStringLiteral("+, ");
    if (!profile.tls.verifyPeer)
        summary += QStringLiteral("chain NOT verified");
    else if (!profile.tls.verifyHostname)
        summary += QStringLiteral("verified, hostname NOT checked");
    else
        summary += QStringLiteral("verified");
    if (!profile.tls.certFile.isEmpty())
        summary += QStringLiteral(", client certificate");
    return summary;
}

QString environmentText(const Profile& profile, const EnvironmentPolicies& policies)
{
    const EnvironmentPolicy policy = policies.forEnvironment(profile.environment);
    const QString kind = policyKindName(policy.kind);
    if (kind == profile.environment)
        return profile.environment;
    return QStringLiteral("%1 (%2 policy)").arg(profile.environment, kind);
}

// How a secret reference reads for people: where the secret is, never what it is.
QString secretText(const SecretRef& reference, const QByteArray& inlineSecret)
{
    if (!inlineSecret.isEmpty())
        return QStringLiteral("written inline in the profiles file (profile.secret_plaintext): "
                              "used this session, saved back as %1")
            .arg(reference.toString());
    return reference.toString();
}

QString lineColumn(const QByteArray& bytes, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i) {
        const auto byte = static_cast<unsigned char>(bytes.at(i));
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xc0) != 0x80) {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

QJsonObject summaryJson(const Profile& profile, const EnvironmentPolicies& policies)
{
    return QJsonObject{
        {QStringLiteral("id"), profile.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("name"), profile.name},
        {QStringLiteral("service"),
         profile.service.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(profile.service)},
        {QStringLiteral("environment"), profile.environment},
        {QStringLiteral("policy"),
         policyKindName(policies.forEnvironment(profile.environment).kind)},
        {QStringLiteral("endpoint"), exportUrl(profile)},
        {QStringLiteral("host"), profile.host},
        {QStringLiteral("port"), profile.port},
        {QStringLiteral("db"), profile.db},
        {QStringLiteral("username"),
         profile.username.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(profile.username)},
        {QStringLiteral("password"), profile.password.toString()},
        {QStringLiteral("tls"),
         QJsonObject{{QStringLiteral("enabled"), profile.tls.enabled},
                     {QStringLiteral("verify_peer"), profile.tls.verifyPeer},
                     {QStringLiteral("verify_hostname"), profile.tls.verifyHostname},
                     {QStringLiteral("min_protocol"), profile.tls.minProtocol},
                     {QStringLiteral("client_certificate"), !profile.tls.certFile.isEmpty()}}},
    };
}

// A table with left-aligned columns; the last column is not padded.
QString table(const QStringList& header, const QList<QStringList>& rows)
{
    QList<qsizetype> widths(header.size(), 0);
    const auto measure = [&widths](const QStringList& row) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    };
    measure(header);
    for (const QStringList& row : rows)
        measure(row);
    QString text;
    const auto print = [&](const QStringList& row) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i + 1 < row.size())
                line += row.at(i).leftJustified(widths.at(i)) + QStringLiteral("  ");
            else
                line += row.at(i);
        }
        text += line + QLatin1Char('\n');
    };
    print(header);
    for (const QStringList& row : rows)
        print(row);
    return text;
}

// The name `wanted`, or "wanted (2)", "wanted (3)", … when it is taken.
QString freeName(const QString& wanted, const QSet<QString>& taken)
{
    if (!taken.contains(wanted))
        return wanted;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(wanted).arg(n);
        if (!taken.contains(candidate))
            return candidate;
    }
}

bool looksLikeRediscopeJson(const QByteArray& data)
{
    const QByteArray trimmed = data.trimmed();
    if (!trimmed.startsWith('{'))
        return false;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed);
    return document.isObject() && document.object()
                                      .value(QLatin1String("schema"))
                                      .toString()
                                      .startsWith(QLatin1String("rediscope-profiles/"));
}

// Our own JSON (a profiles file or `profiles export --as json`) read as an import. Inline
// secrets of a hand-edited file become the imported secrets (to the keychain), like the other
// formats' passwords.
struct RediscopeImport
{
    QList<ImportedProfile> profiles;
    EnvironmentPolicies policies;
    QStringList warnings;
};

Result<RediscopeImport> readRediscopeJson(const QByteArray& data)
{
    const auto invalid = [](const QString& message) {
        return fail(ErrorCode::InvalidArgument, Stage::None, message);
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("%1: the JSON is broken (%2).")
                           .arg(lineColumn(data, parseError.offset), parseError.errorString()));
    if (!document.isObject())
        return invalid(QStringLiteral("a Rediscope profiles document is a JSON object "
                                      "({\"schema\": \"%1\", …}).")
                           .arg(ProfileStore::schemaName()));
    const QJsonObject root = document.object();
    const QString schema = root.value(QLatin1String("schema")).toString();
    if (!schema.startsWith(QLatin1String("rediscope-profiles/")))
        return invalid(QStringLiteral("it has no \"schema\": \"%1\"; it is not a Rediscope "
                                      "profiles document.")
                           .arg(ProfileStore::schemaName()));
    RediscopeImport result;
    if (schema != ProfileStore::schemaName())
        result.warnings << QStringLiteral("The input has schema \"%1\"; this version reads \"%2\": "
                                          "fields it does not know were kept as they are.")
                               .arg(schema.left(60), ProfileStore::schemaName());
    const QJsonValue environments = root.value(QLatin1String("environments"));
    if (environments.isObject()) {
        QString problem;
        if (const auto policies = EnvironmentPolicies::fromJson(environments.toObject(), &problem))
            result.policies = *policies;
        else
            result.warnings
                << QStringLiteral("Its environment policies were not imported: %1.").arg(problem);
    }
    const QJsonValue profiles = root.value(QLatin1String("profiles"));
    if (!profiles.isUndefined() && !profiles.isNull() && !profiles.isArray())
        return invalid(QStringLiteral("\"profiles\" must be a list."));
    const QJsonArray array = profiles.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto read = profileFromJson(array.at(i), static_cast<int>(i));
        if (!read)
            return std::unexpected(read.error());
        ImportedProfile imported;
        imported.profile = read->profile;
        imported.password = imported.profile.inlinePassword;
        imported.keyPassphrase = imported.profile.inlineKeyPassphrase;
        imported.profile.inlinePassword.clear();
        imported.profile.inlineKeyPassphrase.clear();
        if (read->hasInlineSecret())
            imported.notes << QStringLiteral("Its secret was written inline in the input "
                                             "(profile.secret_plaintext); it is not copied into "
                                             "the profiles file.");
        result.profiles << imported;
    }
    if (result.profiles.isEmpty())
        return invalid(QStringLiteral("it holds no profiles: nothing to import."));
    return result;
}

// ---- the command ----

std::expected<ProfileStore, Failure> Command::openStore(bool forWriting)
{
    auto store = ProfileStore::open(m_path);
    if (!store)
        return failed(ExitUsage, store.error().message);
    for (const QString& warning : store->warnings())
        note(QStringLiteral("note: %1").arg(warning));
    if (forWriting && store->isReadOnly())
        return failed(ExitFailed, store->readOnlyReason());
    return std::move(*store);
}

std::expected<Profile, Failure> Command::findProfile(const ProfileStore& store,
                                                     const QString& nameOrId) const
{
    const QUuid id = QUuid::fromString(nameOrId.trimmed());
    if (!id.isNull()) {
        if (const std::optional<Profile> profile = store.find(id))
            return *profile;
    }
    auto byName = store.findByName(nameOrId);
    if (byName)
        return *byName;
    if (store.profiles().isEmpty())
        return failed(ExitUsage, QStringLiteral("There is no profile \"%1\": %2 holds no profiles.")
                                     .arg(nameOrId, nativePath()));
    return failed(ExitUsage, QStringLiteral("%1 (in %2; rediscope profiles list shows them)")
                                 .arg(id.isNull() ? byName.error().message.chopped(1)
                                                  : QStringLiteral("There is no profile with id "
                                                                   "%1")
                                                        .arg(id.toString(QUuid::WithoutBraces)),
                                      nativePath()));
}

std::expected<QList<Profile>, Failure> Command::selectProfiles(const ProfileStore& store) const
{
    if (m_arguments.all)
        return store.profiles();
    QList<Profile> selected;
    for (const QString& name : m_arguments.names) {
        auto profile = findProfile(store, name);
        if (!profile)
            return std::unexpected(profile.error());
        const bool twice = std::any_of(selected.cbegin(), selected.cend(),
                                       [&](const Profile& p) { return p.id == profile->id; });
        if (!twice)
            selected << *profile;
    }
    return selected;
}

std::expected<std::unique_ptr<SecretStore>, Failure> Command::openKeychain(const QString& what)
{
    const Result<void> probe = KeychainSecretStore::probe(std::chrono::seconds(10));
    if (!probe) {
        QString reason = probe.error().detail.isEmpty()
                             ? QString()
                             : QStringLiteral(" (%1)").arg(probe.error().detail.simplified());
        return failed(ExitFailed,
                      QStringLiteral("No keychain is available to keep %1%2. Nothing was saved, "
                                     "and the secret was not written anywhere. Keep it outside "
                                     "Rediscope instead: %3")
                          .arg(what, reason,
                               m_arguments.action == Action::Import
                                   ? QStringLiteral("import again with --password-source prompt "
                                                    "(asked each session), or start a Secret "
                                                    "Service (GNOME Keyring, KeePassXC) and try "
                                                    "again.")
                                   : QStringLiteral("remove it from the URL and use "
                                                    "--password-source env:VARIABLE (read from "
                                                    "that environment variable) or "
                                                    "--password-source prompt (asked each "
                                                    "session), or start a Secret Service "
                                                    "(GNOME Keyring, KeePassXC) and try again.")));
    }
    return std::make_unique<KeychainSecretStore>(std::chrono::seconds(20));
}

void Command::printChecks(const Profile& profile, const EnvironmentPolicy& policy,
                          const QString& indent)
{
    QList<Finding> findings = lintProfile(profile, policy);
    sortFindings(findings);
    if (findings.isEmpty()) {
        m_out << indent << "No profile findings.\n";
        return;
    }
    for (const Finding& finding : std::as_const(findings))
        m_out << indent << severityName(finding.severity).leftJustified(9) << finding.id << ": "
              << finding.title << "\n";
}

std::expected<void, Failure> Command::list()
{
    auto store = openStore(false);
    if (!store)
        return std::unexpected(store.error());
    QList<Profile> profiles;
    for (const Profile& profile : store->profiles()) {
        if (m_arguments.environments.isEmpty() ||
            m_arguments.environments.contains(profile.environment.toLower()))
            profiles << profile;
    }

    if (m_arguments.format == QLatin1String("json")) {
        QJsonArray array;
        for (const Profile& profile : std::as_const(profiles))
            array.append(summaryJson(profile, store->policies()));
        const QJsonObject root{{QStringLiteral("profiles_file"), nativePath()},
                               {QStringLiteral("profiles"), array}};
        m_out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return {};
    }

    if (profiles.isEmpty()) {
        if (store->profiles().isEmpty())
            m_out << "No profiles in " << nativePath()
                  << ". Add one with: rediscope profiles add rediss://host:port --name NAME\n";
        else
            m_out << "No profiles in " << m_arguments.environments.join(QStringLiteral(", "))
                  << " (" << store->profiles().size() << " in other environments).\n";
        return {};
    }
    QList<QStringList> rows;
    for (const Profile& profile : std::as_const(profiles))
        rows << QStringList{profile.name, orPlaceholder(profile.service, QStringLiteral("-")),
                            environmentText(profile, store->policies()), exportUrl(profile),
                            tlsSummary(profile)};
    m_out << table({QStringLiteral("NAME"), QStringLiteral("SERVICE"),
                    QStringLiteral("ENVIRONMENT"), QStringLiteral("ENDPOINT"),
                    QStringLiteral("TLS")},
                   rows);
    return {};
}

std::expected<void, Failure> Command::show()
{
    auto store = openStore(false);
    if (!store)
        return std::unexpected(store.error());
    auto found = findProfile(*store, m_arguments.names.value(0));
    if (!found)
        return std::unexpected(found.error());
    const Profile& p = *found;

    if (m_arguments.format == QLatin1String("json")) {
        // The file's own form: references only, never an inline secret.
        m_out << QJsonDocument(profileToJson(p)).toJson(QJsonDocument::Indented);
        return {};
    }

    const auto row = [this](const QString& label, const QString& value) {
        m_out << "  " << label.leftJustified(18) << value << "\n";
    };
    m_out << "Profile \"" << p.name << "\" in " << nativePath() << "\n";
    row(QStringLiteral("id"), p.id.toString(QUuid::WithoutBraces));
    row(QStringLiteral("name"), p.name);
    row(QStringLiteral("service"), orPlaceholder(p.service, QStringLiteral("(none)")));
    row(QStringLiteral("environment"), environmentText(p, store->policies()));
    row(QStringLiteral("endpoint"), exportUrl(p));
    row(QStringLiteral("host"), p.host);
    row(QStringLiteral("port"), QString::number(p.port));
    row(QStringLiteral("db"), QString::number(p.db));
    row(QStringLiteral("username"), orPlaceholder(p.username, QStringLiteral("(default user)")));
    row(QStringLiteral("password"), secretText(p.password, p.inlinePassword));
    row(QStringLiteral("timeout"), QStringLiteral("%1 s").arg(p.timeoutSeconds));
    row(QStringLiteral("expected server"),
        orPlaceholder(p.expectedServerKind, QStringLiteral("(any)")));
    row(QStringLiteral("tags"),
        orPlaceholder(p.tags.join(QStringLiteral(", ")), QStringLiteral("(none)")));
    row(QStringLiteral("notes"),
        orPlaceholder(QString(p.notes).replace(QLatin1Char('\n'), QStringLiteral(" / ")),
                      QStringLiteral("(none)")));
    m_out << "TLS\n";
    row(QStringLiteral("enabled"), yesNo(p.tls.enabled));
    row(QStringLiteral("verify peer"), yesNo(p.tls.verifyPeer));
    row(QStringLiteral("verify hostname"), yesNo(p.tls.verifyHostname));
    row(QStringLiteral("sni"), orPlaceholder(p.tls.sni, QStringLiteral("(the host name)")));
    row(QStringLiteral("ca file"), orPlaceholder(p.tls.caFile, QStringLiteral("(none)")));
    row(QStringLiteral("ca dir"), orPlaceholder(p.tls.caDir, QStringLiteral("(none)")));
    if (p.tls.caFile.isEmpty() && p.tls.caDir.isEmpty())
        row(QString(), QStringLiteral("(the system's CA store is used)"));
    row(QStringLiteral("cert file"), orPlaceholder(p.tls.certFile, QStringLiteral("(none)")));
    row(QStringLiteral("key file"), orPlaceholder(p.tls.keyFile, QStringLiteral("(none)")));
    row(QStringLiteral("key passphrase"), secretText(p.tls.keyPassphrase, p.inlineKeyPassphrase));
    row(QStringLiteral("min protocol"),
        orPlaceholder(p.tls.minProtocol, QStringLiteral("TLSv1.2")));
    row(QStringLiteral("ciphers"),
        orPlaceholder(p.tls.ciphers, QStringLiteral("(OpenSSL default)")));
    row(QStringLiteral("ciphersuites"),
        orPlaceholder(p.tls.ciphersuites, QStringLiteral("(OpenSSL default)")));
    QStringList unknown = p.unknownFields.keys();
    for (const QString& key : p.tls.unknownFields.keys())
        unknown << QStringLiteral("tls.") + key;
    if (!unknown.isEmpty()) {
        m_out << "Other fields (kept as they are)\n";
        row(QStringLiteral("keys"), unknown.join(QStringLiteral(", ")));
    }
    m_out << "Checks (" << store->policies().forEnvironment(p.environment).name << " policy)\n";
    printChecks(p, store->policies().forEnvironment(p.environment), QStringLiteral("  "));
    return {};
}

std::expected<void, Failure> Command::add()
{
    auto store = openStore(true);
    if (!store)
        return std::unexpected(store.error());
    Profile profile = m_arguments.profile;
    for (const Profile& existing : store->profiles()) {
        if (existing.name == profile.name)
            return failed(
                ExitFailed,
                QStringLiteral("A profile named \"%1\" is already in %2 (id %3): "
                               "choose another --name, or remove it first.")
                    .arg(profile.name, nativePath(), existing.id.toString(QUuid::WithoutBraces)));
    }
    profile.id = QUuid::createUuid();

    // The secrets to keep in the keychain, by field.
    QList<std::pair<QString, QByteArray>> secrets;
    if (profile.password.source == SecretRef::Source::Keychain) {
        QByteArray password = m_arguments.password;
        if (m_arguments.askPassword) {
            auto typed = readPasswordFromTerminal(QStringLiteral("Password: "));
            if (!typed)
                return failed(ExitUsage,
                              QStringLiteral("--askpass needs a terminal to ask on; put the "
                                             "password in the URL instead."));
            password = *typed;
            secureWipe(*typed);
        }
        if (password.isEmpty())
            return failed(ExitUsage, QStringLiteral("The password is empty: nothing was saved. "
                                                    "For a server without a password, leave "
                                                    "--askpass out."));
        secrets.append({SecretResolver::passwordField(), password});
        secureWipe(password);
    }
    if (m_arguments.askKeyPassphrase) {
        auto typed =
            readPasswordFromTerminal(QStringLiteral("Passphrase of %1: ").arg(profile.tls.keyFile));
        if (!typed)
            return failed(ExitUsage, QStringLiteral("--ask-key-passphrase needs a terminal to ask "
                                                    "on; use --key-passphrase-source "
                                                    "env:VARIABLE instead."));
        if (typed->isEmpty())
            return failed(ExitUsage, QStringLiteral("The key passphrase is empty: nothing was "
                                                    "saved."));
        secrets.append({SecretResolver::keyPassphraseField(), *typed});
        secureWipe(*typed);
    }
    const auto wipe = [&secrets]() {
        for (auto& secret : secrets)
            secureWipe(secret.second);
    };

    // Check the profile against the file format before touching the keychain.
    if (auto upserted = store->upsert(profile); !upserted) {
        wipe();
        return failed(ExitUsage, upserted.error().message);
    }

    std::unique_ptr<SecretStore> keychain;
    if (!secrets.isEmpty()) {
        auto opened = openKeychain(secrets.first().first == SecretResolver::passwordField()
                                       ? QStringLiteral("the password")
                                       : QStringLiteral("the key passphrase"));
        if (!opened) {
            wipe();
            return std::unexpected(opened.error());
        }
        keychain = std::move(*opened);
        QStringList written;
        for (const auto& [field, value] : std::as_const(secrets)) {
            if (auto ok = keychain->write(profile.id, field, value); !ok) {
                for (const QString& done : std::as_const(written))
                    keychain->remove(profile.id, done);
                wipe();
                return failed(ExitFailed,
                              ok.error().message + QStringLiteral(" Nothing was saved."));
            }
            written << field;
        }
        wipe();
    }

    if (auto saved = store->save(); !saved) {
        if (keychain) {
            for (const auto& secret : std::as_const(secrets))
                keychain->remove(profile.id, secret.first);
        }
        return failed(ExitFailed, saved.error().message);
    }

    const EnvironmentPolicy policy = store->policies().forEnvironment(profile.environment);
    m_out << "Added profile \"" << profile.name << "\" ("
          << profile.id.toString(QUuid::WithoutBraces) << ") to " << nativePath() << "\n";
    m_out << "  endpoint        " << exportUrl(profile) << "\n";
    m_out << "  environment     " << environmentText(profile, store->policies()) << "\n";
    m_out << "  TLS             " << tlsSummary(profile) << "\n";
    m_out << "  password        " << profile.password.toString()
          << (profile.password.source == SecretRef::Source::Keychain
                  ? QStringLiteral(" (stored in the keychain)")
                  : QString())
          << "\n";
    if (profile.tls.keyPassphrase.source != SecretRef::Source::None)
        m_out << "  key passphrase  " << profile.tls.keyPassphrase.toString() << "\n";
    m_out << "Checks (" << policy.name << " policy)\n";
    printChecks(profile, policy, QStringLiteral("  "));
    return {};
}

std::expected<void, Failure> Command::remove()
{
    auto store = openStore(true);
    if (!store)
        return std::unexpected(store.error());
    auto selected = selectProfiles(*store);
    if (!selected)
        return std::unexpected(selected.error());
    for (const Profile& profile : std::as_const(*selected))
        store->remove(profile.id);
    if (auto saved = store->save(); !saved)
        return failed(ExitFailed, saved.error().message);

    std::unique_ptr<KeychainSecretStore> keychain;
    for (const Profile& profile : std::as_const(*selected)) {
        m_out << "Removed profile \"" << profile.name << "\" ("
              << profile.id.toString(QUuid::WithoutBraces) << ") from " << nativePath() << "\n";
        for (const auto& [field, reference] :
             {std::pair{SecretResolver::passwordField(), profile.password},
              std::pair{SecretResolver::keyPassphraseField(), profile.tls.keyPassphrase}}) {
            if (reference.source != SecretRef::Source::Keychain)
                continue;
            if (!keychain)
                keychain = std::make_unique<KeychainSecretStore>(std::chrono::seconds(20));
            if (auto removed = keychain->remove(profile.id, field); !removed)
                note(QStringLiteral("warning: %1 It stays in the keychain under service "
                                    "\"%2\", key \"%3\"; remove it there by hand.")
                         .arg(removed.error().message, KeychainSecretStore::serviceName(),
                              KeychainSecretStore::keyFor(profile.id, field).value_or(QString())));
        }
    }
    return {};
}

std::expected<void, Failure> Command::exportProfiles()
{
    auto store = openStore(false);
    if (!store)
        return std::unexpected(store.error());
    auto selected = selectProfiles(*store);
    if (!selected)
        return std::unexpected(selected.error());
    if (selected->isEmpty())
        return failed(ExitFailed,
                      QStringLiteral("%1 holds no profiles: nothing to export.").arg(nativePath()));

    if (m_arguments.exportAs == QLatin1String("json")) {
        ProfileStore exported{QString()};
        exported.setPolicies(store->policies());
        for (const Profile& profile : std::as_const(*selected)) {
            if (auto ok = exported.upsert(profile); !ok)
                return failed(ExitFailed, ok.error().message);
        }
        m_out << exported.toBytes();
        return {};
    }

    const bool url = m_arguments.exportAs == QLatin1String("url");
    for (const Profile& profile : std::as_const(*selected)) {
        m_out << (url ? exportUrl(profile) : exportRedisCli(profile)) << "\n";
        if (!url || !profile.tls.enabled)
            continue;
        QStringList lost;
        const ProfileTls& tls = profile.tls;
        if (!tls.caFile.isEmpty() || !tls.caDir.isEmpty())
            lost << QStringLiteral("the CA");
        if (!tls.certFile.isEmpty())
            lost << QStringLiteral("the client certificate");
        if (!tls.verifyPeer || !tls.verifyHostname)
            lost << QStringLiteral("verification turned off");
        if (!tls.sni.isEmpty())
            lost << QStringLiteral("the SNI name");
        if (!tls.ciphers.isEmpty() || !tls.ciphersuites.isEmpty())
            lost << QStringLiteral("the cipher lists");
        if (!lost.isEmpty())
            note(QStringLiteral("note: the URL of \"%1\" carries the endpoint and user only, not "
                                "%2 (use --as redis-cli or --as json to keep them).")
                     .arg(profile.name, lost.join(QStringLiteral(", "))));
    }
    return {};
}

std::expected<void, Failure> Command::importProfiles()
{
    const ProfilesArguments& args = m_arguments;
    auto store = openStore(!args.dryRun);
    if (!store)
        return std::unexpected(store.error());

    // The input.
    QByteArray data;
    QString sourceLabel; // how messages name the input; never a URL (it may hold a password)
    switch (args.importInput) {
    case ProfilesArguments::ImportInput::File: {
        const QFileInfo info(args.importSource);
        const bool echo = !(args.importSource.contains(QLatin1Char('@')) &&
                            args.importSource.contains(QLatin1Char(':')));
        sourceLabel =
            echo ? QDir::toNativeSeparators(args.importSource) : QStringLiteral("the source");
        if (!info.exists())
            return failed(ExitUsage,
                          echo ? QStringLiteral("Cannot read %1: there is no such file (a URL "
                                                "starts with redis:// or rediss://).")
                                     .arg(sourceLabel)
                               : QStringLiteral("The source is neither a file nor a redis:// or "
                                                "rediss:// URL."));
        if (info.isDir())
            return failed(ExitUsage, QStringLiteral("Cannot read %1: it is a directory; give the "
                                                    "export file in it.")
                                         .arg(sourceLabel));
        if (info.size() > MaxImportBytes)
            return failed(ExitUsage, QStringLiteral("Cannot read %1: it is larger than 10 MB; a "
                                                    "connections export is far smaller.")
                                         .arg(sourceLabel));
        QFile file(args.importSource);
        if (!file.open(QIODevice::ReadOnly))
            return failed(
                ExitUsage,
                QStringLiteral("Cannot read %1: %2.").arg(sourceLabel, file.errorString()));
        data = file.readAll();
        break;
    }
    case ProfilesArguments::ImportInput::Stdin: {
        sourceLabel = QStringLiteral("standard input");
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly))
            return failed(ExitUsage, QStringLiteral("Cannot read standard input."));
        data = input.read(MaxImportBytes + 1);
        break;
    }
    case ProfilesArguments::ImportInput::Text:
        sourceLabel = QStringLiteral("the command line");
        data = args.importSource.toUtf8();
        break;
    }

    // Parse it.
    ImportResult result;
    QString formatTitle;
    EnvironmentPolicies importedPolicies;
    bool rediscopeFormat =
        args.importFormat == QLatin1String("rediscope") ||
        (args.importFormat == QLatin1String("auto") && looksLikeRediscopeJson(data));
    if (rediscopeFormat) {
        if (data.size() > MaxImportBytes)
            return failed(
                ExitUsage,
                QStringLiteral("Cannot read %1: it is larger than 10 MB.").arg(sourceLabel));
        auto read = readRediscopeJson(data);
        if (!read)
            return failed(
                ExitUsage,
                QStringLiteral("Cannot import %1: %2").arg(sourceLabel, read.error().message));
        result.profiles = read->profiles;
        result.warnings = read->warnings;
        importedPolicies = read->policies;
        formatTitle = QStringLiteral("Rediscope profiles JSON");
    } else {
        auto read = rediscope::importProfiles(data, args.importFormat);
        if (!read)
            return failed(
                ExitUsage,
                QStringLiteral("Cannot import %1: %2").arg(sourceLabel, read.error().message));
        result = *read;
        formatTitle = importFormatTitle(result.format);
    }
    secureWipe(data);

    // What the options change.
    if (!args.importName.isEmpty() && result.profiles.size() != 1)
        return failed(ExitUsage, QStringLiteral("--name renames the imported profile, but %1 "
                                                "holds %2 connections: leave --name out.")
                                     .arg(sourceLabel)
                                     .arg(result.profiles.size()));
    QSet<QString> takenNames;
    QSet<QUuid> takenIds;
    for (const Profile& existing : store->profiles()) {
        takenNames.insert(existing.name);
        takenIds.insert(existing.id);
    }
    QStringList skipped;
    QList<ImportedProfile> accepted;
    for (ImportedProfile imported : std::as_const(result.profiles)) {
        Profile& profile = imported.profile;
        if (takenIds.contains(profile.id)) {
            skipped << QStringLiteral("\"%1\" (id %2) is already in %3: not imported again.")
                           .arg(profile.name, profile.id.toString(QUuid::WithoutBraces),
                                nativePath());
            secureWipe(imported.password);
            secureWipe(imported.keyPassphrase);
            continue;
        }
        if (profile.id.isNull())
            profile.id = QUuid::createUuid();
        takenIds.insert(profile.id);
        if (!args.importName.isEmpty()) {
            if (takenNames.contains(args.importName))
                return failed(ExitFailed,
                              QStringLiteral("A profile named \"%1\" is already in %2: choose "
                                             "another --name, or remove it first.")
                                  .arg(args.importName, nativePath()));
            profile.name = args.importName;
        }
        if (!args.importService.isEmpty())
            profile.service = args.importService;
        if (!args.importEnvironment.isEmpty())
            profile.environment = args.importEnvironment;
        if (profile.name.trimmed().isEmpty())
            profile.name = QStringLiteral("%1:%2").arg(profile.host).arg(profile.port);
        const QString name = freeName(profile.name, takenNames);
        if (name != profile.name) {
            imported.notes
                << QStringLiteral("Renamed from \"%1\": that name is taken.").arg(profile.name);
            profile.name = name;
        }
        takenNames.insert(profile.name);
        accepted << imported;
    }
    result.profiles = accepted;

    // Secrets: to the keychain, or dropped for "ask each session".
    int withSecrets = 0;
    for (ImportedProfile& imported : result.profiles) {
        if (imported.password.isEmpty() && imported.keyPassphrase.isEmpty())
            continue;
        ++withSecrets;
        if (!args.importPasswordsToKeychain) {
            if (!imported.password.isEmpty())
                imported.profile.password = SecretRef::prompt();
            if (!imported.keyPassphrase.isEmpty())
                imported.profile.tls.keyPassphrase = SecretRef::prompt();
            secureWipe(imported.password);
            secureWipe(imported.keyPassphrase);
            imported.password.clear();
            imported.keyPassphrase.clear();
            imported.notes << QStringLiteral("Its secret was not stored (--password-source "
                                             "prompt): it is asked each session.");
        } else {
            if (!imported.password.isEmpty())
                imported.profile.password = SecretRef::keychain();
            if (!imported.keyPassphrase.isEmpty())
                imported.profile.tls.keyPassphrase = SecretRef::keychain();
        }
    }
    const auto wipe = [&result]() {
        for (ImportedProfile& imported : result.profiles) {
            secureWipe(imported.password);
            secureWipe(imported.keyPassphrase);
            for (EmbeddedFile& file : imported.embeddedFiles)
                secureWipe(file.content);
        }
    };

    // Every profile must be one the file can hold.
    for (const ImportedProfile& imported : std::as_const(result.profiles)) {
        if (auto ok = store->upsert(imported.profile); !ok) {
            wipe();
            return failed(
                ExitUsage,
                QStringLiteral("Cannot import %1: %2").arg(sourceLabel, ok.error().message));
        }
    }
    for (const QString& name : importedPolicies.overrides().keys()) {
        if (!store->policies().overrides().contains(name)) {
            EnvironmentPolicies policies = store->policies();
            policies.setOverride(name, importedPolicies.overrides().value(name));
            store->setPolicies(policies);
        }
    }

    bool hasEmbedded = false;
    for (const ImportedProfile& imported : std::as_const(result.profiles))
        hasEmbedded = hasEmbedded || !imported.embeddedFiles.isEmpty();

    std::unique_ptr<SecretStore> keychain;
    QList<std::pair<QUuid, QString>> writtenSecrets;
    QStringList writtenFiles;
    const auto rollback = [&]() {
        if (keychain) {
            for (const auto& [id, field] : std::as_const(writtenSecrets))
                keychain->remove(id, field);
        }
        for (const QString& path : std::as_const(writtenFiles))
            QFile::remove(path);
    };
    if (!args.dryRun) {
        if (withSecrets > 0 && args.importPasswordsToKeychain) {
            auto opened = openKeychain(
                withSecrets == 1 ? QStringLiteral("the imported password")
                                 : QStringLiteral("the %1 imported passwords").arg(withSecrets));
            if (!opened) {
                wipe();
                return std::unexpected(opened.error());
            }
            keychain = std::move(*opened);
        }
        if (hasEmbedded && !args.certsDir.isEmpty()) {
            auto saved = saveEmbeddedFiles(result, args.certsDir);
            if (!saved) {
                wipe();
                return failed(ExitFailed, saved.error().message);
            }
            writtenFiles = *saved;
            for (const ImportedProfile& imported : std::as_const(result.profiles))
                store->upsert(imported.profile); // now with the files' paths
        }
        for (ImportedProfile& imported : result.profiles) {
            for (const auto& [field, value] :
                 {std::pair{SecretResolver::passwordField(), imported.password},
                  std::pair{SecretResolver::keyPassphraseField(), imported.keyPassphrase}}) {
                if (value.isEmpty())
                    continue;
                if (auto ok = keychain->write(imported.profile.id, field, value); !ok) {
                    rollback();
                    wipe();
                    return failed(ExitFailed,
                                  ok.error().message + QStringLiteral(" Nothing was imported."));
                }
                writtenSecrets.append({imported.profile.id, field});
            }
        }
        wipe();
        if (auto saved = store->save(); !saved) {
            rollback();
            return failed(ExitFailed, saved.error().message);
        }
    }
    wipe();

    // The report.
    if (args.dryRun)
        m_out << "Would import " << result.profiles.size() << " of the connections in "
              << sourceLabel << " (" << formatTitle << ") into " << nativePath()
              << " (dry run: nothing was changed):\n";
    else
        m_out << "Imported " << result.profiles.size() << " profile"
              << (result.profiles.size() == 1 ? "" : "s") << " from " << sourceLabel << " ("
              << formatTitle << ") into " << nativePath() << ":\n";
    QList<QStringList> rows;
    for (const ImportedProfile& imported : std::as_const(result.profiles)) {
        const Profile& profile = imported.profile;
        rows << QStringList{profile.name, environmentText(profile, store->policies()),
                            exportUrl(profile), tlsSummary(profile),
                            QStringLiteral("password: ") + profile.password.toString()};
    }
    if (!rows.isEmpty()) {
        const QString text =
            table({QStringLiteral("NAME"), QStringLiteral("ENVIRONMENT"),
                   QStringLiteral("ENDPOINT"), QStringLiteral("TLS"), QStringLiteral("SECRET")},
                  rows);
        for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            m_out << "  " << line << "\n";
    }
    QStringList notes = skipped;
    for (const ImportedProfile& imported : std::as_const(result.profiles))
        for (const QString& text : imported.notes)
            notes << QStringLiteral("\"%1\": %2").arg(imported.profile.name, text);
    if (!notes.isEmpty()) {
        m_out << "Notes:\n";
        for (const QString& text : std::as_const(notes))
            m_out << "  - " << text << "\n";
    }
    QStringList warnings = result.warnings;
    if (hasEmbedded && args.certsDir.isEmpty())
        warnings << QStringLiteral("Certificates or keys embedded in the export were not "
                                   "written: give --certs-dir DIR to save them as files.");
    if (!warnings.isEmpty()) {
        m_out << "Could not be mapped:\n";
        for (const QString& text : std::as_const(warnings))
            m_out << "  - " << text << "\n";
    }
    if (!writtenFiles.isEmpty()) {
        m_out << "Files written:\n";
        for (const QString& path : std::as_const(writtenFiles))
            m_out << "  " << QDir::toNativeSeparators(path) << "\n";
    }
    return {};
}

std::expected<void, Failure> Command::snippet()
{
    auto store = openStore(false);
    if (!store)
        return std::unexpected(store.error());
    auto profile = findProfile(*store, m_arguments.names.value(0));
    if (!profile)
        return std::unexpected(profile.error());
    const std::optional<ClientSnippets::Client> client =
        ClientSnippets::fromName(m_arguments.snippetClient);
    if (!client)
        return failed(ExitUsage,
                      QStringLiteral("Unknown client \"%1\".").arg(m_arguments.snippetClient));
    const Result<QString> text = ClientSnippets::snippet(*profile, *client);
    if (!text)
        return failed(ExitFailed, text.error().message);
    m_out << *text;
    return {};
}

int Command::run()
{
    std::expected<void, Failure> done;
    switch (m_arguments.action) {
    case Action::List:
        done = list();
        break;
    case Action::Show:
        done = show();
        break;
    case Action::Add:
        done = add();
        break;
    case Action::Remove:
        done = remove();
        break;
    case Action::Import:
        done = importProfiles();
        break;
    case Action::Export:
        done = exportProfiles();
        break;
    case Action::Snippet:
        done = snippet();
        break;
    }
    m_out.flush();
    if (!done) {
        m_err << commandName() << ": " << done.error().message << "\n";
        m_err.flush();
        return done.error().status;
    }
    return ExitOk;
}

} // namespace

int runProfiles(const QStringList& arguments)
{
    auto parsed = ProfilesArguments::parse(arguments);
    if (!parsed) {
        QTextStream err(stderr);
        err << "rediscope profiles: " << parsed.error().message << "\n"
            << "Try \"rediscope profiles --help\".\n";
        return ExitUsage;
    }
    if (parsed->help) {
        QTextStream(stdout) << ProfilesArguments::usage();
        return ExitOk;
    }
    Command command(*parsed);
    const int status = command.run();
    secureWipe(parsed->password);
    return status;
}

} // namespace rediscope
