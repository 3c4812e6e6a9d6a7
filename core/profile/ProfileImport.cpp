#include "ProfileImport.h"

#include "profile/import/ArdmImporter.h"
#include "profile/import/ImportSupport.h"
#include "profile/import/RedisCliImporter.h"
#include "profile/import/RedisInsightImporter.h"
#include "profile/import/RespAppImporter.h"
#include "profile/import/ShellWords.h"
#include "profile/import/UrlImporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace rediscope {

using namespace importsupport;

namespace {

constexpr qsizetype kMaxInputBytes = 10 * 1024 * 1024;

struct FormatInfo
{
    ImportFormat format;
    const char* name;
    const char* title;
};

constexpr FormatInfo kFormats[] = {
    {ImportFormat::Auto, "auto", "automatic detection"},
    {ImportFormat::Url, "url", "redis:// URLs"},
    {ImportFormat::RedisCli, "redis-cli", "redis-cli command lines"},
    {ImportFormat::RespApp, "respapp", "RESP.app connections.json"},
    {ImportFormat::Ardm, "ardm", "Another Redis Desktop Manager export"},
    {ImportFormat::RedisInsight, "redisinsight", "RedisInsight database export"},
};

QByteArray withoutBom(const QByteArray& data)
{
    if (data.startsWith("\xEF\xBB\xBF"))
        return data.mid(3);
    return data;
}

bool looksLikeJson(const QByteArray& trimmed)
{
    return trimmed.startsWith('[') || trimmed.startsWith('{');
}

bool looksLikeBase64(const QByteArray& trimmed)
{
    if (trimmed.size() < 8)
        return false;
    qsizetype significant = 0;
    for (const char c : trimmed) {
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                              (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (!alphabet && !space)
            return false;
        if (alphabet)
            ++significant;
    }
    // A URL or command line always has ':' or spaces between words; base64 of JSON starts with
    // "W" ('[') or "e" ('{').
    return significant % 4 != 1 && (trimmed.startsWith('W') || trimmed.startsWith('e'));
}

std::optional<QByteArray> decodeBase64(const QByteArray& trimmed)
{
    QByteArray compact;
    compact.reserve(trimmed.size());
    for (const char c : trimmed) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            compact.append(c);
    }
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(
        compact, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded.trimmed();
}

Result<QJsonDocument> parseJson(const QByteArray& bytes, bool fromBase64)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("The %1 is not valid JSON: %2 at %3.")
                           .arg(fromBase64 ? QStringLiteral("base64-decoded content")
                                           : QStringLiteral("input"),
                                error.errorString(), lineColumn(bytes, error.offset)));
    return document;
}

std::optional<ImportFormat> detectJson(const QJsonDocument& document)
{
    QList<QJsonObject> objects;
    if (document.isArray()) {
        for (const QJsonValue value : document.array()) {
            if (value.isObject())
                objects.append(value.toObject());
        }
    } else if (document.isObject()) {
        // Another Redis Desktop Manager's local storage form: {"<key>": {connection}, ...}
        const QJsonObject object = document.object();
        bool allConnections = !object.isEmpty();
        for (auto it = object.begin(); it != object.end(); ++it)
            allConnections = allConnections && it.value().isObject() &&
                             it.value().toObject().contains(QLatin1String("host"));
        return allConnections ? std::optional<ImportFormat>(ImportFormat::Ardm) : std::nullopt;
    }
    if (objects.isEmpty())
        return std::nullopt;

    int insight = 0;
    int ardm = 0;
    int respApp = 0;
    bool anyHost = false;
    bool anyPassword = false;
    for (const QJsonObject& object : std::as_const(objects)) {
        insight += redisInsightScore(object);
        ardm += ardmScore(object);
        respApp += respAppScore(object);
        anyHost =
            anyHost || object.contains(QLatin1String("host")) ||
            object.value(QLatin1String("type")).toString().toLower() == QLatin1String("group");
        anyPassword = anyPassword || object.contains(QLatin1String("password"));
    }
    if (insight == 0 && ardm == 0 && respApp == 0) {
        if (!anyHost)
            return std::nullopt;
        // Only host, port, name: RESP.app's minimal form, or RedisInsight's with "password".
        return anyPassword ? ImportFormat::RedisInsight : ImportFormat::RespApp;
    }
    if (insight >= ardm && insight >= respApp)
        return ImportFormat::RedisInsight;
    if (ardm >= respApp)
        return ImportFormat::Ardm;
    return ImportFormat::RespApp;
}

std::optional<ImportFormat> detectText(const QString& text)
{
    for (const QString& rawLine : text.split(QLatin1Char('\n'))) {
        const QString line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString lower = line.toLower();
        if (lower.startsWith(QLatin1String("redis://")) ||
            lower.startsWith(QLatin1String("rediss://")))
            return ImportFormat::Url;
        break;
    }
    static const QRegularExpression assignment(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    static const QRegularExpression program(
        QStringLiteral("(^|/)(redis|valkey|keydb)-cli(\\.exe)?$"));
    const Result<QList<ShellCommand>> commands = splitShellCommands(text);
    if (!commands) {
        // Broken quoting: still recognise a redis-cli line by its words, so that the error
        // about the quote is the one reported.
        for (const QString& word : text.simplified().split(QLatin1Char(' '))) {
            if (assignment.match(word).hasMatch())
                continue;
            if (word.startsWith(QLatin1Char('-')) || program.match(word).hasMatch())
                return ImportFormat::RedisCli;
            break;
        }
        return std::nullopt;
    }
    if (commands->isEmpty())
        return std::nullopt;
    const QList<ShellWord>& words = commands->first().words;
    qsizetype i = 0;
    while (i < words.size() && !words.at(i).isOperator &&
           assignment.match(words.at(i).text).hasMatch())
        ++i;
    if (i < words.size() && !words.at(i).isOperator &&
        words.at(i).text.startsWith(QLatin1Char('-')))
        return ImportFormat::RedisCli;
    for (; i < words.size() && !words.at(i).isOperator; ++i) {
        if (program.match(words.at(i).text).hasMatch())
            return ImportFormat::RedisCli;
    }
    return std::nullopt;
}

Result<ImportResult> importJson(const QByteArray& trimmed, ImportFormat format)
{
    QByteArray bytes = trimmed;
    bool fromBase64 = false;
    if (!looksLikeJson(trimmed)) {
        const std::optional<QByteArray> decoded = decodeBase64(trimmed);
        if (!decoded)
            return invalid(QStringLiteral("The input is neither JSON nor base64-encoded JSON (as "
                                          "%1 writes it).")
                               .arg(format == ImportFormat::Auto
                                        ? QStringLiteral("Another Redis Desktop Manager")
                                        : importFormatTitle(format)));
        bytes = *decoded;
        fromBase64 = true;
        if (!looksLikeJson(bytes))
            return invalid(QStringLiteral("The base64-decoded content is not JSON: a connections "
                                          "export starts with '[' or '{'."));
    }
    const Result<QJsonDocument> document = parseJson(bytes, fromBase64);
    if (!document)
        return std::unexpected(document.error());

    if (format == ImportFormat::Auto) {
        const std::optional<ImportFormat> detected = detectJson(*document);
        if (!detected)
            return invalid(QStringLiteral("The JSON is not a connections export Rediscope knows: "
                                          "expected a list of connections of RESP.app, Another "
                                          "Redis Desktop Manager or RedisInsight, each with a "
                                          "host."));
        format = *detected;
    }
    switch (format) {
    case ImportFormat::RespApp:
        return importRespApp(*document);
    case ImportFormat::Ardm:
        return importArdm(*document);
    case ImportFormat::RedisInsight:
        return importRedisInsight(*document);
    case ImportFormat::Auto:
    case ImportFormat::Url:
    case ImportFormat::RedisCli:
        break;
    }
    return invalid(QStringLiteral("%1 is not a JSON format.").arg(importFormatTitle(format)));
}

QString fileSlug(const QString& name)
{
    QString slug;
    for (const QChar ch : name.toLower()) {
        const bool keep = (ch >= QLatin1Char('a') && ch <= QLatin1Char('z')) ||
                          (ch >= QLatin1Char('0') && ch <= QLatin1Char('9')) ||
                          ch == QLatin1Char('.') || ch == QLatin1Char('_');
        if (keep)
            slug.append(ch);
        else if (!slug.endsWith(QLatin1Char('-')))
            slug.append(QLatin1Char('-'));
    }
    while (slug.startsWith(QLatin1Char('-')) || slug.startsWith(QLatin1Char('.')))
        slug.remove(0, 1);
    while (slug.endsWith(QLatin1Char('-')) || slug.endsWith(QLatin1Char('.')))
        slug.chop(1);
    slug = slug.left(60);
    return slug.isEmpty() ? QStringLiteral("profile") : slug;
}

} // namespace

QString importFormatName(ImportFormat format)
{
    for (const FormatInfo& info : kFormats) {
        if (info.format == format)
            return QLatin1String(info.name);
    }
    return QString();
}

QString importFormatTitle(ImportFormat format)
{
    for (const FormatInfo& info : kFormats) {
        if (info.format == format)
            return QLatin1String(info.title);
    }
    return QString();
}

std::optional<ImportFormat> importFormatFromName(const QString& name)
{
    const QString wanted = name.trimmed().toLower();
    for (const FormatInfo& info : kFormats) {
        if (wanted == QLatin1String(info.name))
            return info.format;
    }
    return std::nullopt;
}

QStringList importFormatNames()
{
    QStringList names;
    for (const FormatInfo& info : kFormats)
        names.append(QLatin1String(info.name));
    return names;
}

std::optional<ImportFormat> detectImportFormat(const QByteArray& data)
{
    const QByteArray bytes = withoutBom(data);
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxInputBytes)
        return std::nullopt;
    if (looksLikeJson(trimmed) || looksLikeBase64(trimmed)) {
        QByteArray json = trimmed;
        if (!looksLikeJson(trimmed)) {
            const std::optional<QByteArray> decoded = decodeBase64(trimmed);
            if (!decoded)
                return std::nullopt;
            json = *decoded;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError)
            return std::nullopt;
        return detectJson(document);
    }
    if (invalidUtf8Offset(bytes) >= 0)
        return std::nullopt;
    return detectText(QString::fromUtf8(bytes));
}

Result<ImportResult> importProfiles(const QByteArray& data, const QString& formatHint)
{
    const std::optional<ImportFormat> hinted = formatHint.trimmed().isEmpty()
                                                   ? std::optional<ImportFormat>(ImportFormat::Auto)
                                                   : importFormatFromName(formatHint);
    if (!hinted)
        return invalid(QStringLiteral("Unknown import format \"%1\": use %2.")
                           .arg(formatHint.trimmed().left(40),
                                importFormatNames().join(QStringLiteral(", "))));
    ImportFormat format = *hinted;
    if (data.size() > kMaxInputBytes)
        return invalid(QStringLiteral("The input is larger than 10 MB: a connections export is "
                                      "far smaller; check that this is the right file."));
    const QByteArray bytes = withoutBom(data);
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.isEmpty())
        return invalid(QStringLiteral("The input is empty: nothing to import."));

    const bool jsonFormat = format == ImportFormat::RespApp || format == ImportFormat::Ardm ||
                            format == ImportFormat::RedisInsight;
    if (jsonFormat ||
        (format == ImportFormat::Auto && (looksLikeJson(trimmed) || looksLikeBase64(trimmed))))
        return importJson(trimmed, format);

    if (const qsizetype bad = invalidUtf8Offset(bytes); bad >= 0)
        return invalid(QStringLiteral("The input is not UTF-8 text: invalid byte at %1.")
                           .arg(lineColumn(bytes, bad)));
    const QString text = QString::fromUtf8(bytes);

    if (format == ImportFormat::Auto) {
        if (trimmed.startsWith('<'))
            return invalid(QStringLiteral(
                "This looks like XML: the connections.xml of RedisDesktopManager 0.8 and older is "
                "not supported. Open it in RESP.app and import its connections.json instead."));
        const std::optional<ImportFormat> detected = detectText(text);
        if (!detected)
            return invalid(QStringLiteral(
                "Could not recognise the input: expected redis:// or rediss:// URLs (one per "
                "line), redis-cli command lines, or a connections export of RESP.app, Another "
                "Redis Desktop Manager or RedisInsight."));
        format = *detected;
    }
    if (format == ImportFormat::Url)
        return importUrls(text);
    return importRedisCli(text);
}

Result<QStringList> saveEmbeddedFiles(ImportResult& result, const QString& directory)
{
    if (directory.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("No directory given to save the certificates in."));
    if (!QDir().mkpath(directory))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot create the directory %1 for the certificates: check "
                                   "its parent's permissions.")
                        .arg(QDir::toNativeSeparators(directory)));
    const QDir dir(directory);
    ImportResult updated = result;
    QStringList written;
    const auto undo = [&written]() {
        for (const QString& path : std::as_const(written))
            QFile::remove(path);
    };

    for (ImportedProfile& imported : updated.profiles) {
        const QString base = fileSlug(imported.profile.name);
        for (const EmbeddedFile& file : std::as_const(imported.embeddedFiles)) {
            QString suffix;
            QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner;
            switch (file.kind) {
            case EmbeddedFile::Kind::CaCertificate:
                suffix = QStringLiteral("-ca.pem");
                permissions |= QFile::ReadGroup | QFile::ReadOther;
                break;
            case EmbeddedFile::Kind::ClientCertificate:
                suffix = QStringLiteral("-client.crt.pem");
                permissions |= QFile::ReadGroup | QFile::ReadOther;
                break;
            case EmbeddedFile::Kind::ClientKey:
                suffix = QStringLiteral("-client.key.pem");
                break;
            }
            QString path;
            QFile out;
            bool opened = false;
            for (int n = 1; n <= 1000 && !opened; ++n) {
                path = dir.absoluteFilePath(
                    base + (n > 1 ? QStringLiteral("-%1").arg(n) : QString()) + suffix);
                if (QFileInfo::exists(path))
                    continue;
                out.setFileName(path);
                opened = out.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions);
                if (!opened && !QFileInfo::exists(path)) {
                    undo();
                    return fail(ErrorCode::FileError, Stage::None,
                                QStringLiteral("Cannot create %1: %2.")
                                    .arg(QDir::toNativeSeparators(path), out.errorString()));
                }
            }
            if (!opened) {
                undo();
                return fail(ErrorCode::FileError, Stage::None,
                            QStringLiteral("Cannot find a free file name for %1 in %2.")
                                .arg(base + suffix, QDir::toNativeSeparators(directory)));
            }
            written.append(path);
            if (out.write(file.content) != file.content.size() || !out.flush()) {
                const QString reason = out.errorString();
                out.close();
                undo();
                return fail(ErrorCode::FileError, Stage::None,
                            QStringLiteral("Cannot write %1: %2.")
                                .arg(QDir::toNativeSeparators(path), reason));
            }
            out.close();

            switch (file.kind) {
            case EmbeddedFile::Kind::CaCertificate:
                imported.profile.tls.caFile = path;
                break;
            case EmbeddedFile::Kind::ClientCertificate:
                imported.profile.tls.certFile = path;
                break;
            case EmbeddedFile::Kind::ClientKey:
                imported.profile.tls.keyFile = path;
                break;
            }
            updated.warnings.removeAll(file.warning);
            for (qsizetype i = 0; i < imported.warnings.size(); ++i) {
                if (file.warning.endsWith(QStringLiteral("\": ") + imported.warnings.at(i))) {
                    imported.warnings.removeAt(i);
                    break;
                }
            }
        }
        imported.embeddedFiles.clear();
    }
    result = updated;
    return written;
}

} // namespace rediscope
