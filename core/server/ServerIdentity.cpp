#include "ServerIdentity.h"

#include <QList>

namespace rediscope {

QHash<QString, QString> ServerIdentity::parseInfo(const QByteArray& text)
{
    QHash<QString, QString> fields;
    const QList<QByteArray> lines = text.split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        fields.insert(QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 1)));
    }
    return fields;
}

QList<InfoField> ServerIdentity::parseInfoFields(const QByteArray& text)
{
    QList<InfoField> fields;
    QString section;
    const QList<QByteArray> lines = text.split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.startsWith('#')) {
            section = QString::fromUtf8(line.mid(1).trimmed());
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        fields.append(InfoField{section, QString::fromUtf8(line.left(colon)),
                                QString::fromUtf8(line.mid(colon + 1))});
    }
    return fields;
}

ServerIdentity ServerIdentity::fromInfo(const QByteArray& text)
{
    ServerIdentity identity;
    identity.info = parseInfo(text);
    identity.infoFields = parseInfoFields(text);
    const auto& info = identity.info;

    if (info.contains(QStringLiteral("dragonfly_version"))) {
        identity.kind = QStringLiteral("dragonfly");
        identity.version = info.value(QStringLiteral("dragonfly_version"));
        if (identity.version.startsWith(QLatin1String("df-v")))
            identity.version = identity.version.mid(4);
        else if (identity.version.startsWith(QLatin1String("df-")))
            identity.version = identity.version.mid(3);
    } else if (info.contains(QStringLiteral("valkey_version")) ||
               info.value(QStringLiteral("server_name")) == QLatin1String("valkey")) {
        identity.kind = QStringLiteral("valkey");
        identity.version = info.value(QStringLiteral("valkey_version"),
                                      info.value(QStringLiteral("redis_version")));
    } else if (info.value(QStringLiteral("executable")).contains(QLatin1String("keydb")) ||
               info.contains(QStringLiteral("mvcc_depth")) ||
               info.contains(QStringLiteral("storage_provider"))) {
        identity.kind = QStringLiteral("keydb");
        identity.version = info.value(QStringLiteral("redis_version"));
    } else if (info.contains(QStringLiteral("redis_version"))) {
        identity.kind = QStringLiteral("redis");
        identity.version = info.value(QStringLiteral("redis_version"));
    }

    identity.mode = info.value(QStringLiteral("redis_mode"));
    if (identity.mode.isEmpty() &&
        info.value(QStringLiteral("cluster_enabled")) == QLatin1String("1"))
        identity.mode = QStringLiteral("cluster");
    if (identity.mode.isEmpty() && !identity.version.isEmpty())
        identity.mode = QStringLiteral("standalone");
    const QString role = info.value(QStringLiteral("role"));
    identity.role = role == QLatin1String("slave") ? QStringLiteral("replica") : role;
    return identity;
}

ServerIdentity ServerIdentity::fromHello(const QHash<QString, QString>& hello)
{
    ServerIdentity identity;
    const QString server = hello.value(QStringLiteral("server")).trimmed().toLower();
    if (server == QLatin1String("redis") || server == QLatin1String("valkey") ||
        server == QLatin1String("keydb"))
        identity.kind = server;
    else if (server.contains(QLatin1String("dragonfly")))
        identity.kind = QStringLiteral("dragonfly");
    identity.version = hello.value(QStringLiteral("version"));
    identity.mode = hello.value(QStringLiteral("mode"));
    const QString role = hello.value(QStringLiteral("role"));
    identity.role = role == QLatin1String("slave") ? QStringLiteral("replica") : role;
    return identity;
}

void ServerIdentity::mergeHello(const ServerIdentity& hello)
{
    const bool helloNamesTheKind =
        hello.kind != QLatin1String("unknown") &&
        (kind == QLatin1String("unknown") ||
         (kind == QLatin1String("redis") && hello.kind == QLatin1String("valkey")));
    if (helloNamesTheKind) {
        kind = hello.kind;
        if (!hello.version.isEmpty())
            version = hello.version;
    }
    if (version.isEmpty())
        version = hello.version;
    if (mode.isEmpty())
        mode = hello.mode;
    if (role.isEmpty())
        role = hello.role;
}

QString ServerIdentity::displayName() const
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("redis"), QStringLiteral("Redis")},
        {QStringLiteral("valkey"), QStringLiteral("Valkey")},
        {QStringLiteral("dragonfly"), QStringLiteral("Dragonfly")},
        {QStringLiteral("keydb"), QStringLiteral("KeyDB")},
    };
    QString text = names.value(kind, QStringLiteral("Unknown server"));
    if (!version.isEmpty())
        text += QLatin1Char(' ') + version;
    QStringList details;
    if (!mode.isEmpty())
        details << mode;
    if (!role.isEmpty())
        details << role;
    if (!details.isEmpty())
        text += QStringLiteral(" (") + details.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

} // namespace rediscope
