#include "ReportOutput.h"

#include <QFile>
#include <unistd.h>

namespace rediscope {

ReportOutput::ReportOutput(QString path)
    : m_path(std::move(path))
{}

Result<void> ReportOutput::open()
{
    if (m_path.isEmpty() || m_path == QLatin1String("-"))
        return {};
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot write the report to %1: %2.")
                        .arg(m_path, m_file->errorString()));
    return {};
}

Result<void> ReportOutput::write(const QByteArray& bytes)
{
    if (!m_file) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(bytes) != bytes.size() ||
            !out.flush())
            return fail(ErrorCode::FileError, Stage::None,
                        QStringLiteral("Cannot write the report to standard output."));
        return {};
    }
    if (m_file->write(bytes) != bytes.size() || !m_file->commit())
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot write the report to %1: %2; the file was left as it "
                                   "was.")
                        .arg(m_path, m_file->errorString()));
    return {};
}

void ReportOutput::discard()
{
    if (m_file)
        m_file->cancelWriting();
}

bool ReportOutput::isTerminal() const
{
    return !m_file && ::isatty(STDOUT_FILENO) == 1;
}

} // namespace rediscope
