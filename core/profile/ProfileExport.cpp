#include "ProfileExport.h"

#include "profile/RedisUrl.h"
#include "profile/import/ShellWords.h"

#include <QRegularExpression>

namespace rediscope {

QString exportUrl(const Profile& profile)
{
    RedisUrl url;
    url.tls = profile.tls.enabled;
    url.username = profile.username;
    url.host = profile.host;
    url.port = profile.port;
    url.db = profile.db;
    return url.toString(); // never writes a password
}

QString exportRedisCli(const Profile& profile)
{
    QStringList words;
    const auto option = [&words](const QString& name, const QString& value) {
        words.append(name);
        words.append(shellQuote(value));
    };

    QString prefix;
    bool askPass = false;
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    switch (profile.password.source) {
    case SecretRef::Source::None:
        askPass = !profile.inlinePassword.isEmpty();
        break;
    case SecretRef::Source::Env:
        if (identifier.match(profile.password.variable).hasMatch())
            prefix = QStringLiteral("REDISCLI_AUTH=\"$%1\" ").arg(profile.password.variable);
        else
            askPass = true;
        break;
    case SecretRef::Source::Keychain:
    case SecretRef::Source::Prompt:
        askPass = true;
        break;
    }

    words.append(QStringLiteral("redis-cli"));
    option(QStringLiteral("-h"), profile.host);
    option(QStringLiteral("-p"), QString::number(profile.port));
    if (profile.db != 0)
        option(QStringLiteral("-n"), QString::number(profile.db));
    if (!profile.username.isEmpty())
        option(QStringLiteral("--user"), profile.username);
    if (askPass)
        words.append(QStringLiteral("--askpass"));

    const ProfileTls& tls = profile.tls;
    if (tls.enabled) {
        words.append(QStringLiteral("--tls"));
        if (!tls.sni.isEmpty())
            option(QStringLiteral("--sni"), tls.sni);
        if (!tls.caFile.isEmpty())
            option(QStringLiteral("--cacert"), tls.caFile);
        if (!tls.caDir.isEmpty())
            option(QStringLiteral("--cacertdir"), tls.caDir);
        if (!tls.certFile.isEmpty())
            option(QStringLiteral("--cert"), tls.certFile);
        if (!tls.keyFile.isEmpty())
            option(QStringLiteral("--key"), tls.keyFile);
        if (!tls.ciphers.isEmpty())
            option(QStringLiteral("--tls-ciphers"), tls.ciphers);
        if (!tls.ciphersuites.isEmpty())
            option(QStringLiteral("--tls-ciphersuites"), tls.ciphersuites);
        if (!tls.verifyPeer)
            words.append(QStringLiteral("--insecure"));
    }
    return prefix + words.join(QLatin1Char(' '));
}

} // namespace rediscope
