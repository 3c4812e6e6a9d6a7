#include "TlsOptions.h"

#include <openssl/ssl.h>

namespace rediscope {

int protocolVersionFromName(const QString& name)
{
    const QString canonical = canonicalProtocolName(name);
    if (canonical == QLatin1String("TLSv1"))
        return TLS1_VERSION;
    if (canonical == QLatin1String("TLSv1.1"))
        return TLS1_1_VERSION;
    if (canonical == QLatin1String("TLSv1.2"))
        return TLS1_2_VERSION;
    if (canonical == QLatin1String("TLSv1.3"))
        return TLS1_3_VERSION;
    return 0;
}

QString canonicalProtocolName(const QString& name)
{
    QString text = name.trimmed().toLower();
    if (text.startsWith(QLatin1String("tlsv")))
        text = text.mid(4);
    else if (text.startsWith(QLatin1String("tls")))
        text = text.mid(3);
    if (text == QLatin1String("1") || text == QLatin1String("1.0"))
        return QStringLiteral("TLSv1");
    if (text == QLatin1String("1.1"))
        return QStringLiteral("TLSv1.1");
    if (text == QLatin1String("1.2"))
        return QStringLiteral("TLSv1.2");
    if (text == QLatin1String("1.3"))
        return QStringLiteral("TLSv1.3");
    return QString();
}

} // namespace rediscope
