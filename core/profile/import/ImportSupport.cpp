#include "ImportSupport.h"

#include "profile/RedisUrl.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace rediscope::importsupport {

std::unexpected<Error> invalid(const QString& message)
{
    return fail(ErrorCode::InvalidArgument, Stage::None, message);
}

ImportedProfile newImportedProfile()
{
    ImportedProfile imported;
    imported.profile = Profile::create();
    imported.profile.environment = QStringLiteral("development");
    imported.profile.tls.enabled = false;
    return imported;
}

Result<QString> normaliseHost(const QString& input)
{
    const QString host = input.trimmed();
    if (host.isEmpty())
        return invalid(QStringLiteral("The host is empty."));
    for (const QChar ch : host) {
        if (ch.isSpace() || ch.category() == QChar::Other_Control || ch == QLatin1Char('@') ||
            ch == QLatin1Char('/') || ch == QLatin1Char('?') || ch == QLatin1Char('#'))
            return invalid(QStringLiteral("\"%1\" is not a host name or address.")
                               .arg(host.simplified().left(100)));
    }
    QString authority = host;
    if (host.startsWith(QLatin1Char('['))) {
        if (!host.endsWith(QLatin1Char(']')))
            return invalid(QStringLiteral("The host \"%1\" is not a host name or address: give the "
                                          "port separately.")
                               .arg(host));
    } else if (host.count(QLatin1Char(':')) >= 2) {
        authority = QLatin1Char('[') + host + QLatin1Char(']');
    } else if (host.contains(QLatin1Char(':'))) {
        return invalid(QStringLiteral("The host \"%1\" contains a ':': give the host and the port "
                                      "separately.")
                           .arg(host));
    }
    const Result<RedisUrl> url = RedisUrl::parse(QStringLiteral("redis://") + authority);
    if (!url)
        return std::unexpected(url.error());
    return url->host;
}

QString defaultProfileName(const QString& host, quint16 port)
{
    const QString shown =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return shown + QLatin1Char(':') + QString::number(port);
}

QString profileWarning(const QString& profileName, const QString& message)
{
    return QStringLiteral("Profile \"%1\": %2").arg(profileName, message);
}

void warn(ImportResult& result, ImportedProfile& imported, const QString& message)
{
    imported.warnings.append(message);
    result.warnings.append(profileWarning(imported.profile.name, message));
}

void addEmbeddedFile(ImportResult& result, ImportedProfile& imported, EmbeddedFile::Kind kind,
                     const QString& sourceName, const QByteArray& content)
{
    const QString named =
        sourceName.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(sourceName);
    QString message;
    switch (kind) {
    case EmbeddedFile::Kind::CaCertificate:
        message = QStringLiteral("the CA certificate%1 is embedded in the export (PEM content, not "
                                 "a file): save it to a file and set it as the CA file; until then "
                                 "the system CA store is used.")
                      .arg(named);
        break;
    case EmbeddedFile::Kind::ClientCertificate:
        message = QStringLiteral("the client certificate%1 is embedded in the export (PEM content, "
                                 "not a file): save it to a file and set it as the client "
                                 "certificate file.")
                      .arg(named);
        break;
    case EmbeddedFile::Kind::ClientKey:
        message = QStringLiteral("the client private key%1 is embedded in the export (PEM content, "
                                 "not a file): save it to a file only you can read (mode 0600) "
                                 "and set it as the key file.")
                      .arg(named);
        break;
    }
    EmbeddedFile file;
    file.kind = kind;
    file.sourceName = sourceName;
    file.content = content;
    file.warning = profileWarning(imported.profile.name, message);
    imported.embeddedFiles.append(file);
    warn(result, imported, message);
}

bool isPem(const QByteArray& text)
{
    return text.contains("-----BEGIN ") && text.contains("-----END ");
}

std::optional<QString> environmentName(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,63}$"));
    const QString name = text.trimmed().toLower();
    if (!pattern.match(name).hasMatch())
        return std::nullopt;
    return name;
}

int timeoutSecondsFromMilliseconds(double milliseconds)
{
    if (!std::isfinite(milliseconds) || milliseconds <= 0)
        return 1;
    const double seconds = std::ceil(milliseconds / 1000.0);
    if (seconds > 3600)
        return 3600;
    return std::max(1, static_cast<int>(seconds));
}

std::optional<double> durationSeconds(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double plain = text.toDouble(&ok);
    if (ok)
        return std::isfinite(plain) && plain >= 0 ? std::optional<double>(plain) : std::nullopt;
    static const QRegularExpression part(
        QStringLiteral("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|ms|s|m|h|d)"));
    double seconds = 0;
    qsizetype position = 0;
    QRegularExpressionMatchIterator it = part.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedStart() != position)
            return std::nullopt;
        position = match.capturedEnd();
        const double value = match.captured(1).toDouble();
        const QString unit = match.captured(2);
        double factor = 1;
        if (unit == QLatin1String("ns"))
            factor = 1e-9;
        else if (unit == QLatin1String("us") || unit == QString(QChar(0x00b5)) + QLatin1Char('s'))
            factor = 1e-6;
        else if (unit == QLatin1String("ms"))
            factor = 1e-3;
        else if (unit == QLatin1String("m"))
            factor = 60;
        else if (unit == QLatin1String("h"))
            factor = 3600;
        else if (unit == QLatin1String("d"))
            factor = 86400;
        seconds += value * factor;
    }
    if (position != text.size() || !std::isfinite(seconds))
        return std::nullopt;
    return seconds;
}

QString lineColumn(const QByteArray& data, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(data.at(i));
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++column; // count characters, not UTF-8 continuation bytes
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

qsizetype invalidUtf8Offset(const QByteArray& data)
{
    const qsizetype size = data.size();
    qsizetype i = 0;
    while (i < size) {
        const auto byte = static_cast<unsigned char>(data.at(i));
        if (byte < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned int codePoint = 0;
        if ((byte & 0xE0) == 0xC0) {
            length = 2;
            codePoint = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            length = 3;
            codePoint = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            length = 4;
            codePoint = byte & 0x07;
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(data.at(i + k));
            if ((next & 0xC0) != 0x80)
                return i;
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        const bool overlong = (length == 2 && codePoint < 0x80) ||
                              (length == 3 && codePoint < 0x800) ||
                              (length == 4 && codePoint < 0x10000);
        if (overlong || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return i;
        i += length;
    }
    return -1;
}

std::optional<bool> jsonBool(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    if (value.isString()) {
        const QString text = value.toString().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1") ||
            text == QLatin1String("yes"))
            return true;
        if (text == QLatin1String("false") || text == QLatin1String("0") ||
            text == QLatin1String("no") || text.isEmpty())
            return false;
    }
    return std::nullopt;
}

std::optional<double> jsonNumber(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::isfinite(number))
            return number;
        return std::nullopt;
    }
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        if (ok && std::isfinite(number))
            return number;
    }
    return std::nullopt;
}

std::optional<qint64> jsonInteger(const QJsonValue& value)
{
    const std::optional<double> number = jsonNumber(value);
    if (!number || std::floor(*number) != *number || std::fabs(*number) > 9.0e15)
        return std::nullopt;
    return static_cast<qint64>(*number);
}

QString jsonString(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::fabs(number) < 9.0e15)
            return QString::number(static_cast<qint64>(number));
        return QString::number(number);
    }
    return QString();
}

QString jsonTypeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

Result<quint16> jsonPort(const QJsonValue& value, quint16 fallback)
{
    if (value.isUndefined() || value.isNull() ||
        (value.isString() && value.toString().trimmed().isEmpty()))
        return fallback;
    const std::optional<qint64> port = jsonInteger(value);
    if (!port)
        return invalid(QStringLiteral("the port is %1, not a number.").arg(jsonTypeName(value)));
    if (*port < 1 || *port > 65535)
        return invalid(QStringLiteral("the port %1 is out of range (1 to 65535).").arg(*port));
    return static_cast<quint16>(*port);
}

QString entryLabel(qsizetype index, const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("entry %1").arg(index + 1);
    return QStringLiteral("entry %1 (\"%2\")").arg(index + 1).arg(name);
}

std::optional<QString> readJsonEndpoint(const QJsonObject& entry, Profile& profile,
                                        const QString& defaultHost)
{
    const QJsonValue hostValue = entry.value(QLatin1String("host"));
    if (!hostValue.isUndefined() && !hostValue.isNull() && !hostValue.isString())
        return QStringLiteral("the host is %1, not a string").arg(jsonTypeName(hostValue));
    QString host = hostValue.toString().trimmed();
    if (host.isEmpty())
        host = defaultHost;
    if (host.isEmpty())
        return QStringLiteral("it has no host");
    const Result<QString> normalised = normaliseHost(host);
    if (!normalised)
        return normalised.error().message;
    const Result<quint16> port = jsonPort(entry.value(QLatin1String("port")), 6379);
    if (!port)
        return port.error().message;
    profile.host = *normalised;
    profile.port = *port;
    return std::nullopt;
}

void warnSkipped(ImportResult& result, const QString& sourceTitle, const QString& label,
                 const QString& reason)
{
    QString why = reason.trimmed();
    while (why.endsWith(QLatin1Char('.')))
        why.chop(1);
    result.warnings.append(QStringLiteral("%1 %2 was skipped: %3.").arg(sourceTitle, label, why));
}

void warnUnknownKeys(ImportResult& result, ImportedProfile& imported, const QJsonObject& entry,
                     const QStringList& knownKeys, const QString& sourceTitle)
{
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (knownKeys.contains(it.key()))
            continue;
        const QString key =
            it.key().size() > 64 ? it.key().left(64) + QStringLiteral("...") : it.key();
        warn(result, imported,
             QStringLiteral("the %1 field \"%2\" is not one Rediscope knows; it was ignored.")
                 .arg(sourceTitle, key));
    }
}

} // namespace rediscope::importsupport
