#include "AuditCommand.h"

#include "ReportOutput.h"
#include "TerminalPassword.h"
#include "audit/AuditTargets.h"
#include "audit/Auditor.h"
#include "cli/AuditArguments.h"
#include "common/SecureBytes.h"
#include "profile/ProfileStore.h"
#include "report/AuditJsonWriter.h"
#include "report/AuditJunitWriter.h"
#include "report/AuditMarkdownWriter.h"
#include "report/AuditSarifWriter.h"
#include "report/AuditTextWriter.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretResolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QTextStream>
#include <csignal>
#include <memory>
#include <unistd.h>

namespace rediscope {

namespace {

CancelToken* g_cancel = nullptr;

void cancelOnSignal(int)
{
    if (g_cancel)
        g_cancel->cancel(); // an atomic store: safe in a signal handler
}

bool usesKeychain(const QList<Profile>& profiles)
{
    return std::any_of(profiles.cbegin(), profiles.cend(), [](const Profile& profile) {
        return profile.password.source == SecretRef::Source::Keychain ||
               profile.tls.keyPassphrase.source == SecretRef::Source::Keychain;
    });
}

// The targets of the profiles file: profiles selected by the filters, secrets resolved.
Result<QList<AuditTarget>> profileTargets(const AuditArguments& arguments, bool askPassword)
{
    const QString path =
        arguments.profilesFile.isEmpty() ? ProfileStore::defaultPath() : arguments.profilesFile;
    if (!QFileInfo::exists(path))
        return fail(ErrorCode::FileError, Stage::None,
                    arguments.profilesFileGiven
                        ? QStringLiteral("The profiles file %1 does not exist.").arg(path)
                        : QStringLiteral("Nothing to audit: give a URL (rediss://host:port) or "
                                         "--profiles FILE; your profiles file %1 does not exist.")
                              .arg(path));
    auto store = ProfileStore::open(path);
    if (!store)
        return std::unexpected(store.error());
    auto profiles = selectProfiles(*store, arguments.profileNames, arguments.environments);
    if (!profiles)
        return std::unexpected(profiles.error());

    std::unique_ptr<SecretStore> keychain;
    if (usesKeychain(*profiles))
        keychain = std::make_unique<KeychainSecretStore>(std::chrono::seconds(20));
    // "Ask each session" (a prompt reference, or a keychain that cannot answer): --askpass asks
    // on the terminal; without it REDISCLI_AUTH, as redis-cli reads it, answers for the password
    // (never for a key passphrase).
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QByteArray redisCliAuth =
        askPassword ? QByteArray()
                    : environment.value(QStringLiteral("REDISCLI_AUTH")).toLocal8Bit();
    SecretPrompt prompt;
    if (askPassword)
        prompt = [](const Profile& profile, const QString& field) {
            const QString what = field == SecretResolver::passwordField()
                                     ? QStringLiteral("Password")
                                     : QStringLiteral("Key passphrase");
            return readPasswordFromTerminal(
                QStringLiteral("%1 for profile \"%2\": ").arg(what, profile.name));
        };
    else if (!redisCliAuth.isEmpty())
        prompt = [&redisCliAuth](const Profile&,
                                 const QString& field) -> std::optional<QByteArray> {
            if (field != SecretResolver::passwordField())
                return std::nullopt;
            return redisCliAuth;
        };
    const SecretResolver resolver(keychain.get(), environment, prompt);
    const auto wipeAuth = qScopeGuard([&redisCliAuth] { secureWipe(redisCliAuth); });

    QFile file(path);
    const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    QList<AuditTarget> targets;
    for (const Profile& profile : std::as_const(*profiles)) {
        AuditTarget target;
        target.profile = profile;
        target.policy = store->policies().forEnvironment(profile.environment);
        target.sourceFile = QFileInfo(path).absoluteFilePath();
        target.sourceLine = profileLineInFile(bytes, profile.id);
        for (const QString& field :
             {SecretResolver::passwordField(), SecretResolver::keyPassphraseField()}) {
            auto secret = resolver.resolve(profile, field);
            if (!secret) {
                QString hint;
                if (!askPassword)
                    hint = field == SecretResolver::passwordField() && redisCliAuth.isEmpty()
                               ? QStringLiteral(" (set REDISCLI_AUTH, or use --askpass to type it)")
                               : QStringLiteral(" (--askpass asks for it on the terminal)");
                return fail(secret.error().code, Stage::None,
                            QStringLiteral("Profile \"%1\": %2%3")
                                .arg(profile.name, secret.error().message, hint),
                            secret.error().detail);
            }
            (field == SecretResolver::passwordField() ? target.password : target.keyPassphrase) =
                secret->value;
            secureWipe(secret->value);
        }
        targets << target;
    }
    return targets;
}

QByteArray render(const AuditArguments& arguments, const QList<AuditResult>& results,
                  bool toTerminal)
{
    const QString& format = arguments.format;
    if (format == QLatin1String("json"))
        return QJsonDocument(auditDocument(results)).toJson(QJsonDocument::Indented);
    if (format == QLatin1String("sarif")) {
        SarifOptions options;
        options.baseDirectory = QDir::currentPath();
        return QJsonDocument(auditSarif(results, options)).toJson(QJsonDocument::Indented);
    }
    if (format == QLatin1String("junit"))
        return auditJunit(results, arguments.failOn);
    if (format == QLatin1String("markdown"))
        return auditToMarkdown(results).toUtf8();
    const bool colour = toTerminal && qEnvironmentVariableIsEmpty("NO_COLOR");
    return auditToText(results, colour).toUtf8();
}

} // namespace

int runAudit(const QStringList& argumentList)
{
    QTextStream err(stderr);
    auto parsed = AuditArguments::parse(argumentList, QProcessEnvironment::systemEnvironment());
    if (!parsed) {
        err << "rediscope audit: " << parsed.error().message << "\n"
            << "Try \"rediscope audit --help\".\n";
        return 2;
    }
    AuditArguments& arguments = *parsed;
    if (arguments.help) {
        QTextStream(stdout) << AuditArguments::usage();
        return 0;
    }

    QList<AuditTarget> targets;
    const EnvironmentPolicies builtIn;
    std::optional<QByteArray> askedPassword;
    for (InspectRequest& request : arguments.urlTargets) {
        if (arguments.askPassword && request.password.isEmpty()) {
            if (!askedPassword) {
                askedPassword = readPasswordFromTerminal(QStringLiteral("Password: "));
                if (!askedPassword) {
                    err << "rediscope audit: --askpass needs a terminal to ask on; set "
                           "REDISCLI_AUTH instead.\n";
                    return 2;
                }
            }
            request.password = *askedPassword;
        }
        targets << auditTargetFromRequest(request, builtIn);
        secureWipe(request.password);
    }
    if (askedPassword)
        secureWipe(*askedPassword);
    if (arguments.profilesFileGiven || arguments.urlTargets.isEmpty()) {
        auto fromProfiles = profileTargets(arguments, arguments.askPassword);
        if (!fromProfiles) {
            err << "rediscope audit: " << fromProfiles.error().message << "\n";
            return 2;
        }
        targets << *fromProfiles;
    }

    // Check that the report can be written before spending time on the audit.
    ReportOutput output(arguments.output);
    if (auto ok = output.open(); !ok) {
        err << "rediscope audit: " << ok.error().message << "\n";
        return 2;
    }

    CancelToken cancel;
    g_cancel = &cancel;
    std::signal(SIGINT, cancelOnSignal);
    std::signal(SIGTERM, cancelOnSignal);
    const bool showProgress = ::isatty(STDERR_FILENO) == 1 && targets.size() > 1;
    AuditOptions options;
    options.probe = arguments.probe;
    options.probeParallelism = arguments.probeConnections;
    const QList<AuditResult> results =
        Auditor::auditAll(targets, options, cancel, [&](int done, int total) {
            if (showProgress)
                err << "\rAuditing: " << done << "/" << total << " targets" << Qt::flush;
        });
    for (AuditTarget& target : targets) {
        secureWipe(target.password);
        secureWipe(target.keyPassphrase);
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_cancel = nullptr;
    if (showProgress)
        err << "\r\033[K" << Qt::flush;
    if (cancel.isCancelled()) {
        err << "rediscope audit: interrupted; no report written.\n";
        output.discard();
        return 130;
    }

    if (auto ok = output.write(render(arguments, results, output.isTerminal())); !ok) {
        err << "rediscope audit: " << ok.error().message << "\n";
        return 2;
    }
    if (!arguments.failOn)
        return 0;
    for (const AuditResult& result : results)
        if (const auto worst = result.worstSeverity(); worst && *worst >= *arguments.failOn)
            return 1;
    return 0;
}

} // namespace rediscope
