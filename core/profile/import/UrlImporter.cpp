#include "UrlImporter.h"

#include "ImportSupport.h"
#include "profile/RedisUrl.h"
#include "tls/TlsOptions.h"

#include <QSet>
#include <cmath>

namespace rediscope {

using namespace importsupport;

namespace {

// Client settings that exist in redis-py, go-redis or Lettuce but have no meaning for a
// connection profile.
const QSet<QString>& clientOnlySettings()
{
    static const QSet<QString> names = {
        QStringLiteral("decode_responses"),
        QStringLiteral("encoding"),
        QStringLiteral("encoding_errors"),
        QStringLiteral("max_connections"),
        QStringLiteral("health_check_interval"),
        QStringLiteral("retry_on_timeout"),
        QStringLiteral("retry_on_error"),
        QStringLiteral("socket_keepalive"),
        QStringLiteral("socket_read_size"),
        QStringLiteral("single_connection_client"),
        QStringLiteral("client_name"),
        QStringLiteral("clientname"),
        QStringLiteral("lib_name"),
        QStringLiteral("lib_version"),
        QStringLiteral("protocol"),
        QStringLiteral("legacy_responses"),
        QStringLiteral("pool_size"),
        QStringLiteral("pool_timeout"),
        QStringLiteral("pool_fifo"),
        QStringLiteral("min_idle_conns"),
        QStringLiteral("max_idle_conns"),
        QStringLiteral("max_active_conns"),
        QStringLiteral("conn_max_idle_time"),
        QStringLiteral("conn_max_lifetime"),
        QStringLiteral("idle_timeout"),
        QStringLiteral("max_conn_age"),
        QStringLiteral("max_retries"),
        QStringLiteral("min_retry_backoff"),
        QStringLiteral("max_retry_backoff"),
        QStringLiteral("read_timeout"),
        QStringLiteral("write_timeout"),
        QStringLiteral("readonly"),
        QStringLiteral("family"),
        QStringLiteral("ssl_validate_ocsp"),
        QStringLiteral("ssl_validate_ocsp_stapled"),
        QStringLiteral("ssl_include_verify_flags"),
        QStringLiteral("ssl_exclude_verify_flags"),
        QStringLiteral("libraryname"),
        QStringLiteral("libraryversion"),
    };
    return names;
}

bool isTlsOption(const QString& key)
{
    return key.startsWith(QLatin1String("ssl_")) || key == QLatin1String("skip_verify") ||
           key == QLatin1String("verifypeer") || key == QLatin1String("insecure") ||
           key == QLatin1String("sni");
}

// redis-py's to_bool: empty is "not given"; 0, f, false, n, no are false; anything else true.
std::optional<bool> pythonBool(const QString& value)
{
    if (value.isEmpty())
        return std::nullopt;
    static const QStringList falseStrings = {QStringLiteral("0"), QStringLiteral("F"),
                                             QStringLiteral("FALSE"), QStringLiteral("N"),
                                             QStringLiteral("NO")};
    return !falseStrings.contains(value.toUpper());
}

// Go's strconv.ParseBool, also used for Rediscope's own `insecure`.
std::optional<bool> goBool(const QString& value)
{
    static const QStringList trueStrings = {QStringLiteral("1"),    QStringLiteral("t"),
                                            QStringLiteral("T"),    QStringLiteral("TRUE"),
                                            QStringLiteral("true"), QStringLiteral("True")};
    static const QStringList falseStrings = {QStringLiteral("0"),     QStringLiteral("f"),
                                             QStringLiteral("F"),     QStringLiteral("FALSE"),
                                             QStringLiteral("false"), QStringLiteral("False")};
    if (trueStrings.contains(value))
        return true;
    if (falseStrings.contains(value))
        return false;
    return std::nullopt;
}

QString shownKey(const QString& key)
{
    return key.size() > 64 ? key.left(64) + QStringLiteral("...") : key;
}

QString protocolFromPythonVersion(const QString& value)
{
    bool ok = false;
    const int number = value.toInt(&ok);
    if (ok) {
        switch (number) {
        case 769:
            return QStringLiteral("TLSv1");
        case 770:
            return QStringLiteral("TLSv1.1");
        case 771:
            return QStringLiteral("TLSv1.2");
        case 772:
            return QStringLiteral("TLSv1.3");
        default:
            return QString();
        }
    }
    QString name = value;
    if (name.startsWith(QLatin1String("TLSVersion."), Qt::CaseInsensitive))
        name = name.mid(11);
    name.replace(QLatin1Char('_'), QLatin1Char('.'));
    return canonicalProtocolName(name);
}

struct TimeoutCandidate
{
    int priority = 100; // lower wins
    double seconds = 0;
};

void applyQuery(ImportResult& result, ImportedProfile& imported, const RedisUrl& url,
                bool insecureFragment)
{
    Profile& profile = imported.profile;
    ProfileTls& tls = profile.tls;
    std::optional<bool> verifyPeer;
    std::optional<bool> verifyHostname;
    bool hostnameExplicitlyOn = false;
    std::optional<TimeoutCandidate> timeout;

    if (insecureFragment) {
        if (url.tls)
            verifyPeer = false;
        else
            warn(result, imported,
                 QStringLiteral("the #insecure fragment was ignored: the URL is a plain "
                                "redis:// URL (use rediss:// for TLS)."));
    }

    for (const auto& [rawKey, value] : url.query) {
        const QString key = rawKey.toLower();
        if (isTlsOption(key) && !url.tls) {
            warn(result, imported,
                 QStringLiteral("the TLS option \"%1\" was ignored: the URL is a plain redis:// "
                                "URL (use rediss:// for TLS).")
                     .arg(shownKey(rawKey)));
            continue;
        }
        if (key == QLatin1String("db") || key == QLatin1String("database")) {
            bool ok = false;
            const qlonglong db = value.toLongLong(&ok);
            if (!ok || db < 0 || db > RedisUrl::maxDb)
                warn(result, imported,
                     QStringLiteral("the database \"%1\" in the URL option \"%2\" is not a "
                                    "database number; it was ignored.")
                         .arg(value.left(32), rawKey));
            else
                profile.db = static_cast<int>(db);
        } else if (key == QLatin1String("username")) {
            if (url.username.isEmpty())
                profile.username = value;
        } else if (key == QLatin1String("password")) {
            if (!url.hasPassword && !value.isEmpty())
                imported.password = value.toUtf8();
        } else if (key == QLatin1String("ssl_cert_reqs")) {
            const QString mode = value.toLower();
            if (mode == QLatin1String("none") || mode == QLatin1String("cert_none")) {
                verifyPeer = false;
            } else if (mode == QLatin1String("required") ||
                       mode == QLatin1String("cert_required")) {
                verifyPeer = true;
            } else if (mode == QLatin1String("optional") ||
                       mode == QLatin1String("cert_optional")) {
                verifyPeer = true;
                imported.notes.append(QStringLiteral(
                    "ssl_cert_reqs=optional was read as required: on a client, Python's ssl "
                    "module verifies the server certificate in both modes."));
            } else {
                warn(result, imported,
                     QStringLiteral("ssl_cert_reqs=\"%1\" is not none, optional or required; it "
                                    "was ignored and the certificate is verified.")
                         .arg(value.left(32)));
            }
        } else if (key == QLatin1String("ssl_check_hostname")) {
            if (const std::optional<bool> check = pythonBool(value)) {
                verifyHostname = *check;
                hostnameExplicitlyOn = *check;
            }
        } else if (key == QLatin1String("ssl_ca_certs")) {
            tls.caFile = value;
        } else if (key == QLatin1String("ssl_ca_path")) {
            tls.caDir = value;
        } else if (key == QLatin1String("ssl_certfile")) {
            tls.certFile = value;
        } else if (key == QLatin1String("ssl_keyfile")) {
            tls.keyFile = value;
        } else if (key == QLatin1String("ssl_password")) {
            if (!value.isEmpty())
                imported.keyPassphrase = value.toUtf8();
        } else if (key == QLatin1String("ssl_ciphers")) {
            tls.ciphers = value;
        } else if (key == QLatin1String("ssl_min_version")) {
            const QString protocol = protocolFromPythonVersion(value);
            if (protocol.isEmpty())
                warn(result, imported,
                     QStringLiteral("ssl_min_version=\"%1\" is not a TLS version Rediscope knows "
                                    "(771 for TLS 1.2, 772 for TLS 1.3); the minimum stays %2.")
                         .arg(value.left(32), tls.minProtocol));
            else
                tls.minProtocol = protocol;
        } else if (key == QLatin1String("ssl_ca_data")) {
            const QByteArray pem = value.toUtf8();
            if (isPem(pem))
                addEmbeddedFile(result, imported, EmbeddedFile::Kind::CaCertificate, QString(),
                                pem);
            else
                warn(result, imported,
                     QStringLiteral("ssl_ca_data does not hold a PEM certificate; it was "
                                    "ignored."));
        } else if (key == QLatin1String("skip_verify") || key == QLatin1String("insecure")) {
            // "?insecure" alone means true.
            const bool bare = value.isEmpty() && key == QLatin1String("insecure");
            const std::optional<bool> skip = goBool(bare ? QStringLiteral("true") : value);
            if (!skip)
                warn(result, imported,
                     QStringLiteral("%1=\"%2\" is not true or false; it was ignored.")
                         .arg(rawKey, value.left(32)));
            else if (*skip)
                verifyPeer = false;
        } else if (key == QLatin1String("verifypeer")) {
            const QString mode = value.toUpper();
            if (mode == QLatin1String("NONE") || mode == QLatin1String("FALSE")) {
                verifyPeer = false;
            } else if (mode == QLatin1String("CA")) {
                verifyPeer = true;
                verifyHostname = false;
            } else if (mode == QLatin1String("FULL") || mode == QLatin1String("TRUE")) {
                verifyPeer = true;
                verifyHostname = true;
            } else {
                warn(result, imported,
                     QStringLiteral("verifyPeer=\"%1\" is not NONE, CA or FULL; it was ignored.")
                         .arg(value.left(32)));
            }
        } else if (key == QLatin1String("sni")) {
            bool clean = !value.isEmpty();
            for (const QChar ch : value)
                clean = clean && !ch.isSpace() && ch.category() != QChar::Other_Control;
            if (clean)
                tls.sni = value;
            else
                warn(result, imported,
                     QStringLiteral("the sni option is empty or holds whitespace; it was "
                                    "ignored."));
        } else if (key == QLatin1String("socket_connect_timeout") ||
                   key == QLatin1String("dial_timeout") ||
                   key == QLatin1String("connect_timeout") ||
                   key == QLatin1String("connecttimeout") || key == QLatin1String("timeout") ||
                   key == QLatin1String("socket_timeout")) {
            const int priority = key == QLatin1String("timeout")          ? 1
                                 : key == QLatin1String("socket_timeout") ? 2
                                                                          : 0;
            const std::optional<double> seconds = durationSeconds(value);
            if (!seconds || *seconds <= 0) {
                warn(result, imported,
                     QStringLiteral("%1=\"%2\" is not a duration; it was ignored.")
                         .arg(rawKey, value.left(32)));
            } else if (!timeout || priority < timeout->priority) {
                timeout = TimeoutCandidate{priority, *seconds};
            }
        } else if (clientOnlySettings().contains(key)) {
            warn(result, imported,
                 QStringLiteral("the URL option \"%1\" is a client setting with no equivalent in "
                                "Rediscope; it was ignored.")
                     .arg(shownKey(rawKey)));
        } else {
            warn(result, imported,
                 QStringLiteral("the URL option \"%1\" is not one Rediscope knows; it was "
                                "ignored.")
                     .arg(shownKey(rawKey)));
        }
    }

    if (timeout)
        profile.timeoutSeconds = timeoutSecondsFromMilliseconds(timeout->seconds * 1000.0);

    tls.verifyPeer = verifyPeer.value_or(true);
    if (!tls.verifyPeer) {
        if (hostnameExplicitlyOn)
            warn(result, imported,
                 QStringLiteral("ssl_check_hostname=true has no effect once certificate "
                                "verification is off; the host name is not checked either."));
        tls.verifyHostname = false;
    } else {
        tls.verifyHostname = verifyHostname.value_or(true);
    }
}

} // namespace

Result<ImportResult> importUrls(const QString& text)
{
    ImportResult result;
    result.format = ImportFormat::Url;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        QString line = lines.at(index).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        bool insecureFragment = false;
        if (line.endsWith(QLatin1String("#insecure"))) {
            line.chop(9);
            insecureFragment = true;
        }
        const Result<RedisUrl> url = RedisUrl::parse(line);
        if (!url)
            return invalid(QStringLiteral("Line %1: %2").arg(index + 1).arg(url.error().message));

        ImportedProfile imported = newImportedProfile();
        Profile& profile = imported.profile;
        profile.host = url->host;
        profile.port = url->port;
        profile.db = url->db;
        profile.username = url->username;
        profile.tls.enabled = url->tls;
        profile.name = defaultProfileName(url->host, url->port);
        if (url->hasPassword)
            imported.password = url->password;
        applyQuery(result, imported, *url, insecureFragment);
        result.profiles.append(imported);
    }
    if (result.profiles.isEmpty())
        return invalid(QStringLiteral("No URL found: write one redis:// or rediss:// URL per "
                                      "line."));
    return result;
}

} // namespace rediscope
