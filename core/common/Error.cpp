#include "Error.h"

namespace rediscope {

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::None:
        return QString();
    case Stage::Resolve:
        return QStringLiteral("resolve");
    case Stage::Tcp:
        return QStringLiteral("tcp");
    case Stage::Tls:
        return QStringLiteral("tls");
    case Stage::Verify:
        return QStringLiteral("verify");
    case Stage::Hostname:
        return QStringLiteral("hostname");
    case Stage::Auth:
        return QStringLiteral("auth");
    case Stage::Ping:
        return QStringLiteral("ping");
    case Stage::Info:
        return QStringLiteral("info");
    }
    return QString();
}

QString stageTitle(Stage stage)
{
    switch (stage) {
    case Stage::None:
        return QString();
    case Stage::Resolve:
        return QStringLiteral("Resolve");
    case Stage::Tcp:
        return QStringLiteral("TCP connect");
    case Stage::Tls:
        return QStringLiteral("TLS handshake");
    case Stage::Verify:
        return QStringLiteral("Chain verification");
    case Stage::Hostname:
        return QStringLiteral("Hostname check");
    case Stage::Auth:
        return QStringLiteral("Authentication");
    case Stage::Ping:
        return QStringLiteral("PING");
    case Stage::Info:
        return QStringLiteral("INFO");
    }
    return QString();
}

QString Error::toString() const
{
    QString text = message;
    if (stage != Stage::None)
        text = stageTitle(stage) + QStringLiteral(": ") + text;
    if (!detail.isEmpty())
        text += QStringLiteral(" (") + detail + QLatin1Char(')');
    return text;
}

} // namespace rediscope
