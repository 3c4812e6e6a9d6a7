#pragma once

// Shared by the fuzz targets: keeping Qt quiet, and a scratch file for the parsers that read
// files (configuration files follow includes, so they take a path rather than bytes).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QtGlobal>
#include <cstddef>
#include <cstdint>
#include <unistd.h>

namespace rediscope::fuzz {

// Qt's warnings would flood the fuzzer's output and slow it down: drop them. Call once.
inline void quietQt()
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});
}

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// A file in a directory of this process's own (the fuzzer may run several jobs side by side, and
// a relative include must find nothing but this file), rewritten for every input.
class ScratchFile
{
public:
    explicit ScratchFile(const QString& name)
        : m_directory(QDir::tempPath() +
                      QStringLiteral("/rediscope-fuzz-%1").arg(QString::number(::getpid())))
        , m_path(m_directory + QLatin1Char('/') + name)
    {
        QDir().mkpath(m_directory);
    }
    ~ScratchFile() { QDir(m_directory).removeRecursively(); }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    const QString& path() const { return m_path; }

    bool write(const QByteArray& content) const
    {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return file.write(content) == content.size();
    }

private:
    QString m_directory;
    QString m_path;
};

} // namespace rediscope::fuzz
