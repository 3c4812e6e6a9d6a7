#include "DevPkiCommand.h"

#include "cli/DevPkiArguments.h"
#include "common/SecureBytes.h"
#include "pki/DevPki.h"
#include "pki/DevSetup.h"
#include "pki/ServerConfigEmitter.h"
#include "profile/ProfileExport.h"
#include "profile/ProfileStore.h"
#include "profile/import/ShellWords.h"

#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTextStream>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <optional>

namespace rediscope {

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailed = 1;
constexpr int ExitUsage = 2;

int run(const DevPkiArguments& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto failed = [&err](int status, const QString& message) {
        err << "rediscope dev-pki: " << message << "\n";
        return status;
    };

    // The password, only to hash it: never printed, and written only when dev-pki generated it
    // (to the 0600 password file, next to the keys, for the clients).
    QString passwordHash;
    QByteArray generated;
    const auto wipeGenerated = qScopeGuard([&generated] { secureWipe(generated); });
    if (arguments.generatePassword) {
        unsigned char random[24];
        if (RAND_bytes(random, sizeof random) != 1)
            return failed(ExitFailed, QStringLiteral("OpenSSL could not generate a password."));
        generated = QByteArray(reinterpret_cast<const char*>(random), sizeof random)
                        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        OPENSSL_cleanse(random, sizeof random);
        passwordHash = ServerConfigEmitter::aclPasswordHash(generated);
        if (passwordHash.isEmpty())
            return failed(ExitFailed, QStringLiteral("Could not hash the password."));
    } else if (!arguments.passwordVariable.isEmpty()) {
        QByteArray password = qgetenv(arguments.passwordVariable.toLocal8Bit().constData());
        if (password.isEmpty())
            return failed(ExitUsage,
                          QStringLiteral("--password-env %1: the variable is not set or empty. "
                                         "Set it first, e.g. export %1=\"$(openssl rand "
                                         "-base64 32)\".")
                              .arg(arguments.passwordVariable));
        passwordHash = ServerConfigEmitter::aclPasswordHash(password);
        secureWipe(password);
        if (passwordHash.isEmpty())
            return failed(ExitFailed, QStringLiteral("Could not hash the password."));
    }

    const QString directory = DevSetup::directory(arguments);
    const auto pathOf = [&directory](const QString& name) -> QString {
        return directory + QLatin1Char('/') + name;
    };
    const DevServerSettings settings = DevSetup::serverSettings(arguments, passwordHash);

    // The profile first: a name clash or an unreadable file stops everything before any file is
    // written.
    std::optional<ProfileStore> store;
    Profile profile;
    if (arguments.addProfile) {
        const QString path =
            arguments.profilesFile.isEmpty() ? ProfileStore::defaultPath() : arguments.profilesFile;
        auto opened = ProfileStore::open(path);
        if (!opened)
            return failed(ExitFailed, opened.error().message);
        if (opened->isReadOnly())
            return failed(ExitFailed, opened->readOnlyReason());
        store = std::move(*opened);
        profile = DevSetup::profile(arguments, settings);
        const QString name = profile.name;
        if (auto existing = store->findByName(name)) {
            if (!arguments.pki.force)
                return failed(ExitFailed,
                              QStringLiteral("%1 already has a profile named \"%2\": nothing was "
                                             "written. Choose another --name, or add --force to "
                                             "replace it.")
                                  .arg(QDir::toNativeSeparators(path), name));
            profile.id = existing->id;
        }
        if (auto checked = store->upsert(profile); !checked)
            return failed(ExitUsage, checked.error().message);
    }

    QList<DevPkiExtraFile> extra = DevSetup::extraFiles(settings);
    if (!generated.isEmpty())
        extra << DevPkiExtraFile{DevSetup::passwordName(), generated + '\n', true};
    const auto wipeExtra = qScopeGuard([&extra] {
        for (DevPkiExtraFile& file : extra)
            if (file.name == DevSetup::passwordName())
                secureWipe(file.content);
    });

    DevPkiOptions options = arguments.pki;
    options.directory = directory;
    const Result<QStringList> written = DevPki::generate(options, extra);
    if (!written) {
        QString message = written.error().message;
        if (!written.error().detail.isEmpty())
            message += QStringLiteral(" (%1)").arg(written.error().detail);
        return failed(written.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailed,
                      message);
    }

    out << "Wrote to " << QDir::toNativeSeparators(directory) << ":\n";
    for (const QString& path : *written) {
        const QString name = QFileInfo(path).fileName();
        out << "  " << name.leftJustified(16) << DevSetup::describe(name, arguments) << "\n";
    }

    int status = ExitOk;
    if (store) {
        if (auto saved = store->save(); !saved) {
            err << "rediscope dev-pki: the files are written, but the profile could not be "
                   "saved: "
                << saved.error().message << "\n";
            status = ExitFailed;
        } else {
            out << "\nAdded the profile \"" << profile.name << "\" to "
                << QDir::toNativeSeparators(store->path()) << ".\n";
        }
    }

    if (!arguments.addProfile)
        profile = ServerConfigEmitter::profile(settings, QString(), QString(), QString());
    out << "\nStart the server:\n"
        << "  redis-server "
        << shellQuote(QDir::toNativeSeparators(pathOf(DevSetup::redisConfName()))) << "\n"
        << "  dragonfly --flagfile="
        << shellQuote(QDir::toNativeSeparators(pathOf(DevSetup::dragonflyFlagsName())))
        << "    (Dragonfly)\n"
        << "\nConnect with verification on:\n"
        << "  " << exportRedisCli(profile) << " PING\n";
    if (store) {
        const QString file = arguments.profilesFile.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" --profiles ") +
                                       shellQuote(QDir::toNativeSeparators(arguments.profilesFile));
        out << "  rediscope audit" << file << " --profile " << shellQuote(profile.name) << "\n"
            << "  rediscope profiles snippet " << shellQuote(profile.name) << file
            << " --client redis-py\n"
            << "      (or redis-cli, node-redis, ioredis, go-redis, jedis, lettuce, hiredis)\n";
    }
    if (passwordHash.isEmpty())
        out << "\nNo password (--no-password): anyone who reaches port " << arguments.port
            << " can use the server.\n";
    else if (arguments.generatePassword)
        out << "\nThe server requires the generated password in "
            << QDir::toNativeSeparators(pathOf(DevSetup::passwordName()))
            << " (only its SHA-256 is in the configuration). Give it to clients:\n"
            << "  export " << settings.passwordVariable << "=\"$(cat "
            << shellQuote(QDir::toNativeSeparators(pathOf(DevSetup::passwordName()))) << ")\"\n";
    else
        out << "\nThe server requires the password in $" << arguments.passwordVariable
            << " (only its SHA-256 is in the files).\n";
    if (!DevPki::isLoopback(settings.hosts.value(0)))
        out << "Clients must trust " << QDir::toNativeSeparators(settings.caFile)
            << " and reach the server by one of: " << settings.hosts.join(QStringLiteral(", "))
            << ".\n";
    return status;
}

} // namespace

int runDevPki(const QStringList& argumentList)
{
    auto parsed = DevPkiArguments::parse(argumentList);
    if (!parsed) {
        QTextStream(stderr) << "rediscope dev-pki: " << parsed.error().message << "\n"
                            << "Try \"rediscope dev-pki --help\".\n";
        return ExitUsage;
    }
    if (parsed->help) {
        QTextStream(stdout) << DevPkiArguments::usage();
        return ExitOk;
    }
    return run(*parsed);
}

} // namespace rediscope
