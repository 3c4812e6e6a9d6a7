#include "KeychainModule.h"

#include "common/ProgramDirectory.h"

#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QStringList>
#include <mutex>

namespace rediscope {

namespace {

QStringList candidates()
{
    const QString explicitPath = qEnvironmentVariable("REDISCOPE_KEYCHAIN_MODULE");
    if (!explicitPath.isEmpty())
        return {explicitPath};
    const QDir here = programDirectory();
    const QString name = QString::fromLatin1(keychain::ModuleFileName);
    return {QDir::cleanPath(here.filePath(QStringLiteral("../lib/") + name)),
            QDir::cleanPath(
                here.filePath(QStringLiteral(REDISCOPE_KEYCHAIN_MODULE_FROM_BINDIR "/") + name))};
}

Result<keychain::StartJob> load()
{
    QStringList problems;
    for (const QString& path : candidates()) {
        if (!QFileInfo(path).isFile()) {
            problems << QStringLiteral("%1: no such file").arg(path);
            continue;
        }
        QLibrary library(path);
        if (!library.load()) {
            problems << QStringLiteral("%1: %2").arg(path, library.errorString());
            continue;
        }
        // Never unloaded: QtKeychain's job queue lives as long as the process.
        if (auto start =
                reinterpret_cast<keychain::StartJob>(library.resolve(keychain::StartJobSymbol)))
            return start;
        problems << QStringLiteral("%1: it has no %2")
                        .arg(path, QLatin1String(keychain::StartJobSymbol));
    }
    return fail(ErrorCode::FileError, Stage::None,
                QStringLiteral("Rediscope's keychain module could not be loaded (%1); reinstall "
                               "Rediscope")
                    .arg(problems.join(QStringLiteral("; "))));
}

} // namespace

Result<keychain::StartJob> keychainModule()
{
    static std::once_flag once;
    static Result<keychain::StartJob> loaded = fail(ErrorCode::FileError, Stage::None, {});
    std::call_once(once, [] { loaded = load(); });
    return loaded;
}

} // namespace rediscope
