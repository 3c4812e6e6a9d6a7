#pragma once

#include "audit/AuditResult.h"
#include "common/Error.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace rediscope {

// Saving audit reports from the desktop app: Markdown, the audit JSON or SARIF, as
// `rediscope audit --format …` writes them, written atomically (QSaveFile) so that a failed
// write leaves what was there before.
class ReportFile
{
    Q_DECLARE_TR_FUNCTIONS(ReportFile)

public:
    enum class Format
    {
        Markdown,
        Json,
        Sarif,
    };

    // The file dialog's name filters, in the order of Format.
    static QStringList nameFilters();
    static Format formatForFilter(const QString& nameFilter);
    // The format a file name's extension names (.md, .json, .sarif); nullopt when none does.
    static std::optional<Format> formatForFileName(const QString& path);
    static QString extension(Format format); // "md", "json", "sarif"

    // The report's bytes. SARIF artifact locations are relative to `baseDirectory` when below it.
    static QByteArray render(const QList<AuditResult>& results, Format format,
                             const QString& baseDirectory = QString());
    static Result<void> write(const QString& path, const QByteArray& bytes);
};

} // namespace rediscope
