#include "ConfigFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace rediscope {

namespace {

constexpr int MaxDepth = 32;
constexpr qint64 MaxSize = 16 * 1024 * 1024;

} // namespace

Result<QByteArray> ConfigFileChain::push(const QString& path, const QString& from, int line)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    const QString where =
        from.isEmpty() ? QString() : QStringLiteral("%1:%2: ").arg(from).arg(line);
    if (canonical.isEmpty() || !info.isFile())
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("%1cannot read %2: %3.")
                        .arg(where, path,
                             info.exists() ? QStringLiteral("not a regular file")
                                           : QStringLiteral("no such file")));
    if (m_stack.contains(canonical)) {
        QStringList chain = m_stack.mid(m_stack.indexOf(canonical));
        chain << canonical;
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("%1%2 cycle: %3.")
                        .arg(where, m_what, chain.join(QStringLiteral(" → "))));
    }
    if (m_stack.size() >= MaxDepth)
        return fail(
            ErrorCode::InvalidArgument, Stage::None,
            QStringLiteral("%1%2s nested deeper than %3 levels.").arg(where, m_what).arg(MaxDepth));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("%1cannot read %2: %3.").arg(where, path, file.errorString()));
    if (file.size() > MaxSize)
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("%1%2 is larger than %3 MiB: not a configuration file.")
                        .arg(where, path)
                        .arg(MaxSize / 1024 / 1024));
    QByteArray content = file.readAll();
    m_stack << canonical;
    return content;
}

QStringList ConfigFileChain::candidates(const QString& target, const QString& includingFile)
{
    if (QDir::isAbsolutePath(target))
        return {target};
    QStringList paths{QDir::current().absoluteFilePath(target)};
    const QString besideIncluder = QFileInfo(includingFile).absoluteDir().absoluteFilePath(target);
    if (!paths.contains(besideIncluder))
        paths << besideIncluder;
    return paths;
}

} // namespace rediscope
