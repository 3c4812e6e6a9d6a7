#include "ReportFile.h"

#include "report/AuditJsonWriter.h"
#include "report/AuditMarkdownWriter.h"
#include "report/AuditSarifWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace rediscope {

QStringList ReportFile::nameFilters()
{
    return {tr("Markdown report (*.md)"), tr("Audit JSON (*.json)"), tr("SARIF 2.1.0 (*.sarif)")};
}

ReportFile::Format ReportFile::formatForFilter(const QString& nameFilter)
{
    const qsizetype index = nameFilters().indexOf(nameFilter);
    return index == 1 ? Format::Json : index == 2 ? Format::Sarif : Format::Markdown;
}

std::optional<ReportFile::Format> ReportFile::formatForFileName(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        return Format::Markdown;
    if (suffix == QLatin1String("json"))
        return Format::Json;
    if (suffix == QLatin1String("sarif"))
        return Format::Sarif;
    return std::nullopt;
}

QString ReportFile::extension(Format format)
{
    switch (format) {
    case Format::Markdown:
        return QStringLiteral("md");
    case Format::Json:
        return QStringLiteral("json");
    case Format::Sarif:
        return QStringLiteral("sarif");
    }
    return {};
}

QByteArray ReportFile::render(const QList<AuditResult>& results, Format format,
                              const QString& baseDirectory)
{
    switch (format) {
    case Format::Markdown:
        return auditToMarkdown(results).toUtf8();
    case Format::Json:
        return QJsonDocument(auditDocument(results)).toJson(QJsonDocument::Indented);
    case Format::Sarif: {
        SarifOptions options;
        options.baseDirectory = baseDirectory;
        return QJsonDocument(auditSarif(results, options)).toJson(QJsonDocument::Indented);
    }
    }
    return {};
}

Result<void> ReportFile::write(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::FileError, Stage::None,
                    tr("Cannot write the report to %1.").arg(QDir::toNativeSeparators(path)),
                    file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(ErrorCode::FileError, Stage::None,
                    tr("Cannot write the report to %1; the previous file, if any, is unchanged.")
                        .arg(QDir::toNativeSeparators(path)),
                    file.errorString());
    return {};
}

} // namespace rediscope
