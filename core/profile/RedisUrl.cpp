#include "RedisUrl.h"

#include <QRegularExpression>
#include <QUrl>
#include <arpa/inet.h>
#include <optional>

namespace rediscope {

namespace {

const QString kExample = QStringLiteral("redis://host:port, or rediss://host:port for TLS");

std::unexpected<Error> invalid(const QString& message)
{
    return fail(ErrorCode::InvalidArgument, Stage::None, message);
}

bool isSpaceOrControl(QChar ch)
{
    return ch.isSpace() || ch.category() == QChar::Other_Control ||
           ch.category() == QChar::Other_Format;
}

bool hasSpaceOrControl(QStringView text)
{
    for (const QChar ch : text) {
        if (isSpaceOrControl(ch))
            return true;
    }
    return false;
}

bool isAsciiDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar ch : text) {
        if (ch < QLatin1Char('0') || ch > QLatin1Char('9'))
            return false;
    }
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Strict percent-decoding: every '%' must be followed by two hex digits.
std::optional<QByteArray> percentDecode(QStringView text)
{
    const QByteArray bytes = text.toUtf8();
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c != '%') {
            out.append(c);
            continue;
        }
        if (i + 2 >= bytes.size())
            return std::nullopt;
        const int high = hexValue(bytes.at(i + 1));
        const int low = hexValue(bytes.at(i + 2));
        if (high < 0 || low < 0)
            return std::nullopt;
        out.append(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return out;
}

bool isIpv6Literal(const QString& address)
{
    const QByteArray text = address.toLatin1();
    unsigned char buffer[sizeof(in6_addr)];
    return inet_pton(AF_INET6, text.constData(), buffer) == 1;
}

bool isIpv4Literal(const QString& address)
{
    const QByteArray text = address.toLatin1();
    unsigned char buffer[sizeof(in_addr)];
    return inet_pton(AF_INET, text.constData(), buffer) == 1;
}

// "host[:port]" with a plain name or IPv4 address, or a bracketed IPv6 address: worth suggesting
// "redis://<text>" for.
bool looksLikeHostAndPort(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?(/[0-9]+)?$"));
    return pattern.match(text).hasMatch();
}

Result<QString> parseBracketedHost(const QString& inside)
{
    if (inside.isEmpty())
        return invalid(QStringLiteral("The brackets hold no IPv6 address: write an IPv6 address "
                                      "as [::1], or a host name without brackets."));
    QString address = inside;
    QString zone;
    const qsizetype percent = inside.indexOf(QLatin1Char('%'));
    if (percent >= 0) {
        // RFC 6874: a zone id is written %25zone inside the brackets.
        address = inside.left(percent);
        QStringView rest = QStringView(inside).mid(percent);
        if (rest.startsWith(QLatin1String("%25")))
            rest = rest.mid(3);
        else
            rest = rest.mid(1);
        static const QRegularExpression zonePattern(QStringLiteral("^[A-Za-z0-9._~-]+$"));
        zone = rest.toString();
        if (!zonePattern.match(zone).hasMatch())
            return invalid(QStringLiteral("The IPv6 zone in [%1] is not valid: write it as "
                                          "[fe80::1%25eth0].")
                               .arg(inside));
    }
    if (!address.contains(QLatin1Char(':')) || !isIpv6Literal(address))
        return invalid(QStringLiteral("\"%1\" is not an IPv6 address: brackets are only for IPv6 "
                                      "addresses (write host names and IPv4 addresses without "
                                      "them).")
                           .arg(inside));
    QString host = address.toLower();
    if (!zone.isEmpty())
        host += QLatin1Char('%') + zone;
    return host;
}

Result<QString> parsePlainHost(const QString& host)
{
    bool ascii = true;
    for (const QChar ch : host) {
        if (ch.unicode() >= 0x80) {
            ascii = false;
            continue;
        }
        const bool allowed = (ch >= QLatin1Char('a') && ch <= QLatin1Char('z')) ||
                             (ch >= QLatin1Char('A') && ch <= QLatin1Char('Z')) ||
                             (ch >= QLatin1Char('0') && ch <= QLatin1Char('9')) ||
                             ch == QLatin1Char('-') || ch == QLatin1Char('.') ||
                             ch == QLatin1Char('_');
        if (!allowed)
            return invalid(QStringLiteral("The host \"%1\" contains '%2', which is not allowed in "
                                          "a host name.")
                               .arg(host, ch));
    }

    static const QRegularExpression ipv4Like(QStringLiteral("^[0-9.]+$"));
    if (ipv4Like.match(host).hasMatch()) {
        if (!isIpv4Literal(host))
            return invalid(QStringLiteral("\"%1\" is not a valid IPv4 address: write four numbers "
                                          "from 0 to 255, e.g. 127.0.0.1.")
                               .arg(host));
        return host;
    }

    QString name = host;
    if (!ascii) {
        name = QString::fromLatin1(QUrl::toAce(host));
        if (name.isEmpty())
            return invalid(
                QStringLiteral("The host \"%1\" is not a valid internationalised domain name.")
                    .arg(host));
    }
    name = name.toLower();

    QStringView labels = name;
    if (labels.endsWith(QLatin1Char('.')))
        labels.chop(1); // a fully qualified name may end with a dot
    if (labels.size() > 253)
        return invalid(QStringLiteral("The host name is longer than 253 characters."));
    for (const QStringView label : labels.split(QLatin1Char('.'))) {
        if (label.isEmpty())
            return invalid(QStringLiteral("The host \"%1\" has an empty label (a leading dot or "
                                          "two dots in a row).")
                               .arg(host));
        if (label.size() > 63)
            return invalid(
                QStringLiteral("The host \"%1\" has a label longer than 63 characters.").arg(host));
    }
    return name;
}

Result<quint16> parsePort(const QString& text)
{
    if (text.isEmpty())
        return invalid(QStringLiteral("The port is missing after ':': write host:6379, or leave "
                                      "out the ':' for the default port 6379."));
    if (!isAsciiDigits(text))
        return invalid(
            QStringLiteral("The port \"%1\" is not a number: write host:6379.").arg(text));
    bool ok = false;
    const qulonglong value = text.size() > 10 ? 0 : text.toULongLong(&ok);
    if (!ok || value > 65535)
        return invalid(
            QStringLiteral("The port %1 is out of range: use a port from 1 to 65535.").arg(text));
    if (value == 0)
        return invalid(QStringLiteral("The port 0 is not valid: use a port from 1 to 65535."));
    return static_cast<quint16>(value);
}

Result<int> parseDb(const QString& path)
{
    // path starts with '/'
    const QString text = path.mid(1);
    if (text.isEmpty())
        return 0;
    if (hasSpaceOrControl(text))
        return invalid(QStringLiteral("The database number after '/' contains whitespace or a "
                                      "control character: write /0, /1, ..."));
    if (text.contains(QLatin1Char('/')))
        return invalid(QStringLiteral("The path \"%1\" has more than one part: after the host "
                                      "only a database number may follow, e.g. /0.")
                           .arg(path));
    if (!isAsciiDigits(text))
        return invalid(QStringLiteral("The database \"%1\" is not a non-negative integer: write "
                                      "/0, /1, ...")
                           .arg(text));
    bool ok = false;
    const qulonglong value = text.size() > 10 ? 0 : text.toULongLong(&ok);
    if (!ok || value > static_cast<qulonglong>(RedisUrl::maxDb))
        return invalid(QStringLiteral("The database number %1 is too large (at most %2): Redis "
                                      "numbers its databases from 0, 16 of them by default.")
                           .arg(text)
                           .arg(RedisUrl::maxDb));
    return static_cast<int>(value);
}

Result<QList<std::pair<QString, QString>>> parseQuery(const QString& query)
{
    QList<std::pair<QString, QString>> items;
    if (hasSpaceOrControl(query))
        return invalid(QStringLiteral("The query after '?' contains whitespace or a control "
                                      "character: percent-encode it (a space is %20)."));
    for (const QStringView item : QStringView(query).split(QLatin1Char('&'))) {
        if (item.isEmpty())
            continue;
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QStringView rawKey = equals < 0 ? item : item.left(equals);
        const QStringView rawValue = equals < 0 ? QStringView() : item.mid(equals + 1);
        const std::optional<QByteArray> key = percentDecode(rawKey);
        if (!key)
            return invalid(QStringLiteral("A query item name has invalid percent-encoding: '%' "
                                          "must be followed by two hex digits (write a literal "
                                          "'%' as %25)."));
        if (key->isEmpty())
            return invalid(QStringLiteral("A query item has no name: write ?name=value."));
        const QString keyText = QString::fromUtf8(*key);
        const std::optional<QByteArray> value = percentDecode(rawValue);
        if (!value)
            return invalid(QStringLiteral("The value of the query item \"%1\" has invalid "
                                          "percent-encoding: '%' must be followed by two hex "
                                          "digits (write a literal '%' as %25).")
                               .arg(keyText));
        items.append({keyText, QString::fromUtf8(*value)});
    }
    return items;
}

} // namespace

Result<RedisUrl> RedisUrl::parse(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return invalid(QStringLiteral("The URL is empty: write %1.").arg(kExample));

    RedisUrl url;

    // Scheme.
    const qsizetype schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        const QString lower = text.toLower();
        if (lower.startsWith(QLatin1String("redis:")) || lower.startsWith(QLatin1String("rediss:")))
            return invalid(QStringLiteral("The URL needs two slashes after the scheme: write %1.")
                               .arg(kExample));
        if (looksLikeHostAndPort(text))
            return invalid(QStringLiteral("\"%1\" has no scheme: write redis://%1, or "
                                          "rediss://%1 for TLS.")
                               .arg(text));
        return invalid(
            QStringLiteral("The URL has no redis:// or rediss:// scheme: write %1.").arg(kExample));
    }
    const QString scheme = text.left(schemeEnd);
    const QString lowerScheme = scheme.toLower();
    if (lowerScheme == QLatin1String("redis")) {
        url.tls = false;
    } else if (lowerScheme == QLatin1String("rediss")) {
        url.tls = true;
    } else {
        static const QRegularExpression schemePattern(
            QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]{0,31}$"));
        if (scheme.isEmpty())
            return invalid(
                QStringLiteral("The URL has no scheme before '://': write %1.").arg(kExample));
        if (!schemePattern.match(scheme).hasMatch())
            return invalid(
                QStringLiteral("The URL must start with redis:// or rediss://: write %1.")
                    .arg(kExample));
        return invalid(QStringLiteral("The scheme \"%1://\" is not supported: Rediscope accepts "
                                      "redis:// (plain) and rediss:// (TLS); write %2.")
                           .arg(scheme, kExample));
    }

    QString rest = text.mid(schemeEnd + 3);

    // User information: everything up to the last '@'. Nothing before that '@' ever goes into a
    // message, since it may hold the password.
    const qsizetype at = rest.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QStringView userInfo = QStringView(rest).left(at);
        const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
        const QStringView rawUser = colon < 0 ? userInfo : userInfo.left(colon);
        const QStringView rawPassword = colon < 0 ? QStringView() : userInfo.mid(colon + 1);
        for (const QChar ch : rawUser) {
            if (ch == QLatin1Char('/') || ch == QLatin1Char('?') || ch == QLatin1Char('#'))
                return invalid(QStringLiteral(
                    "The text before '@' is not a valid user name (it holds '/', '?' or '#'): "
                    "write user:password@host, and percent-encode '@' as %40 in a query value."));
        }
        if (hasSpaceOrControl(rawUser))
            return invalid(QStringLiteral("The user name contains whitespace or a control "
                                          "character: percent-encode it if it belongs there."));
        const std::optional<QByteArray> user = percentDecode(rawUser);
        if (!user)
            return invalid(QStringLiteral("The user name has invalid percent-encoding: '%' must "
                                          "be followed by two hex digits (write a literal '%' as "
                                          "%25)."));
        const std::optional<QByteArray> password = percentDecode(rawPassword);
        if (!password)
            return invalid(QStringLiteral("The password has invalid percent-encoding: '%' must "
                                          "be followed by two hex digits (write a literal '%' as "
                                          "%25)."));
        url.username = QString::fromUtf8(*user);
        url.password = *password;
        url.hasPassword = !url.password.isEmpty();
        rest = rest.mid(at + 1);
    }

    // Host and port, up to the path, query or fragment.
    static const QRegularExpression authorityEnd(QStringLiteral("[/?#]"));
    const qsizetype end = rest.indexOf(authorityEnd);
    const QString authority = end < 0 ? rest : rest.left(end);
    const QString remainder = end < 0 ? QString() : rest.mid(end);

    if (hasSpaceOrControl(authority))
        return invalid(QStringLiteral("The host contains whitespace or a control character: "
                                      "write %1.")
                           .arg(kExample));

    QString rawHost;
    QString portText;
    bool hasPort = false;
    if (authority.startsWith(QLatin1Char('['))) {
        const qsizetype close = authority.indexOf(QLatin1Char(']'));
        if (close < 0)
            return invalid(QStringLiteral("The IPv6 address has no closing ']': write it as "
                                          "[::1], e.g. redis://[::1]:6379."));
        const QString inside = authority.mid(1, close - 1);
        const QString after = authority.mid(close + 1);
        if (inside.contains(QLatin1Char('[')) || after.contains(QLatin1Char('[')) ||
            after.contains(QLatin1Char(']')))
            return invalid(QStringLiteral("The host has misplaced brackets: write an IPv6 address "
                                          "as [::1], e.g. redis://[::1]:6379."));
        if (!after.isEmpty() && !after.startsWith(QLatin1Char(':')))
            return invalid(QStringLiteral("Unexpected \"%1\" after the IPv6 address: only :port "
                                          "may follow ']', e.g. redis://[::1]:6379.")
                               .arg(after));
        const Result<QString> host = parseBracketedHost(inside);
        if (!host)
            return std::unexpected(host.error());
        rawHost = *host;
        if (!after.isEmpty()) {
            hasPort = true;
            portText = after.mid(1);
        }
    } else {
        if (authority.contains(QLatin1Char('[')) || authority.contains(QLatin1Char(']')))
            return invalid(QStringLiteral("The host has misplaced brackets: write an IPv6 address "
                                          "as [::1], e.g. redis://[::1]:6379."));
        if (authority.count(QLatin1Char(':')) > 1) {
            static const QRegularExpression ipv6Like(QStringLiteral("^[0-9A-Fa-f:.]+$"));
            if (ipv6Like.match(authority).hasMatch())
                return invalid(QStringLiteral("An IPv6 address must be written in brackets, e.g. "
                                              "redis://[::1]:6379."));
            return invalid(QStringLiteral("\"%1\" has more than one ':': write host:port, e.g. "
                                          "redis://host:6379.")
                               .arg(authority));
        }
        const qsizetype colon = authority.indexOf(QLatin1Char(':'));
        const QString name = colon < 0 ? authority : authority.left(colon);
        if (colon >= 0) {
            hasPort = true;
            portText = authority.mid(colon + 1);
        }
        if (name.isEmpty())
            return invalid(QStringLiteral("The URL has no host: write %1.").arg(kExample));
        const Result<QString> host = parsePlainHost(name);
        if (!host)
            return std::unexpected(host.error());
        rawHost = *host;
    }
    url.host = rawHost;

    if (hasPort) {
        const Result<quint16> port = parsePort(portText);
        if (!port)
            return std::unexpected(port.error());
        url.port = *port;
    }

    // Fragment: not part of a Redis URL.
    if (remainder.contains(QLatin1Char('#')))
        return invalid(QStringLiteral("Redis URLs have no #fragment: remove the '#' and what "
                                      "follows it (a '#' in a query value is written %23)."));

    const qsizetype question = remainder.indexOf(QLatin1Char('?'));
    const QString path = question < 0 ? remainder : remainder.left(question);
    const QString query = question < 0 ? QString() : remainder.mid(question + 1);

    if (!path.isEmpty()) {
        const Result<int> db = parseDb(path);
        if (!db)
            return std::unexpected(db.error());
        url.db = *db;
    }

    const Result<QList<std::pair<QString, QString>>> items = parseQuery(query);
    if (!items)
        return std::unexpected(items.error());
    url.query = *items;

    return url;
}

QString RedisUrl::toString() const
{
    QString text = tls ? QStringLiteral("rediss://") : QStringLiteral("redis://");
    if (!username.isEmpty())
        text += QString::fromLatin1(QUrl::toPercentEncoding(username)) + QLatin1Char('@');
    if (host.contains(QLatin1Char(':'))) {
        QString address = host;
        address.replace(QLatin1Char('%'), QLatin1String("%25"));
        text += QLatin1Char('[') + address + QLatin1Char(']');
    } else {
        text += host;
    }
    text += QLatin1Char(':') + QString::number(port);
    if (db != 0)
        text += QLatin1Char('/') + QString::number(db);
    for (qsizetype i = 0; i < query.size(); ++i) {
        text += (i == 0 ? QLatin1Char('?') : QLatin1Char('&')) +
                QString::fromLatin1(QUrl::toPercentEncoding(query.at(i).first)) + QLatin1Char('=') +
                QString::fromLatin1(QUrl::toPercentEncoding(query.at(i).second));
    }
    return text;
}

} // namespace rediscope
