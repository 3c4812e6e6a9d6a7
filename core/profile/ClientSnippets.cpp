#include "ClientSnippets.h"

#include "profile/import/ShellWords.h"

#include <QRegularExpression>
#include <algorithm>
#include <arpa/inet.h>

namespace rediscope {

namespace {

using Client = ClientSnippets::Client;

const QString DefaultPasswordVariable = QStringLiteral("REDIS_PASSWORD");
const QString DefaultPassphraseVariable = QStringLiteral("REDIS_KEY_PASSPHRASE");

bool isIdentifier(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return pattern.match(text).hasMatch();
}

bool isIpLiteral(const QString& host)
{
    const QByteArray latin = host.toLatin1();
    unsigned char buffer[16];
    return ::inet_pton(AF_INET, latin.constData(), buffer) == 1 ||
           ::inet_pton(AF_INET6, latin.constData(), buffer) == 1;
}

enum class Quoting
{
    Python,
    JavaScript, // single quotes
    Go,
    Java,
    C,
};

// A string literal: quotes, backslashes and control characters escaped.
QString literal(const QString& text, Quoting quoting)
{
    const QChar quote = quoting == Quoting::JavaScript ? QLatin1Char('\'') : QLatin1Char('"');
    QString out = quote;
    for (const QChar ch : text) {
        if (ch == QLatin1Char('\\') || ch == quote) {
            out += QLatin1Char('\\');
            out += ch;
        } else if (ch == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
        } else if (ch == QLatin1Char('\r')) {
            out += QStringLiteral("\\r");
        } else if (ch == QLatin1Char('\t')) {
            out += QStringLiteral("\\t");
        } else if (ch.unicode() < 0x20 || ch.unicode() == 0x7f) {
            out += quoting == Quoting::C
                       ? QStringLiteral("\\%1").arg(ch.unicode(), 3, 8, QLatin1Char('0'))
                       : QStringLiteral("\\u%1").arg(ch.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            out += ch;
        }
    }
    return out + quote;
}

// What every snippet needs from the profile.
struct Facts
{
    QString profileName;
    QString host;
    quint16 port = 6379;
    int db = 0;
    QString user;
    QString verifyName; // the name the certificate must match: the SNI name, else the host
    bool verifyNameIsIp = false;
    QString sni; // the name to send: empty for IP addresses
    bool sniDiffers = false;
    QString caFile;
    QString caDir;
    QString certFile;
    QString keyFile;
    QString passwordVariable; // empty: no password
    QString passphraseVariable;
    bool tls13 = false;
    QString ciphers;
    QString ciphersuites;
    QStringList notes; // said in every snippet
};

Facts factsOf(const Profile& profile)
{
    Facts facts;
    const ProfileTls& tls = profile.tls;
    facts.profileName = profile.name;
    facts.host = profile.host;
    if (facts.host.startsWith(QLatin1Char('[')) && facts.host.endsWith(QLatin1Char(']')))
        facts.host = facts.host.mid(1, facts.host.size() - 2);
    facts.port = profile.port;
    facts.db = profile.db;
    facts.user = profile.username;
    facts.verifyName = tls.sni.isEmpty() ? facts.host : tls.sni;
    facts.verifyNameIsIp = isIpLiteral(facts.verifyName);
    facts.sni = facts.verifyNameIsIp ? QString() : facts.verifyName;
    facts.sniDiffers = !tls.sni.isEmpty() && tls.sni != facts.host;
    facts.caFile = tls.caFile;
    facts.caDir = tls.caDir;
    if (!tls.certFile.isEmpty() && !tls.keyFile.isEmpty()) {
        facts.certFile = tls.certFile;
        facts.keyFile = tls.keyFile;
    }
    facts.passwordVariable = ClientSnippets::passwordVariable(profile);
    if (!facts.keyFile.isEmpty())
        facts.passphraseVariable = ClientSnippets::keyPassphraseVariable(profile);
    facts.tls13 = tls.minProtocol == QLatin1String("TLSv1.3");
    facts.ciphers = tls.ciphers;
    facts.ciphersuites = tls.ciphersuites;

    switch (profile.password.source) {
    case SecretRef::Source::Env:
        if (!isIdentifier(profile.password.variable))
            facts.notes << QStringLiteral("The profile's password variable \"%1\" is not a valid "
                                          "variable name: this reads %2 instead.")
                               .arg(profile.password.variable, facts.passwordVariable);
        break;
    case SecretRef::Source::Keychain:
        facts.notes << QStringLiteral("The profile keeps the password in the system keychain: put "
                                      "it in the environment variable %1 for this client, never in "
                                      "the code.")
                           .arg(facts.passwordVariable);
        break;
    case SecretRef::Source::Prompt:
        facts.notes << QStringLiteral("The profile asks for the password each session: put it in "
                                      "the environment variable %1 for this client, never in the "
                                      "code.")
                           .arg(facts.passwordVariable);
        break;
    case SecretRef::Source::None:
        if (facts.passwordVariable.isEmpty())
            facts.notes << QStringLiteral("The profile has no password: a server that asks for "
                                          "none lets anyone in who reaches it.");
        else
            facts.notes << QStringLiteral("The profile file holds the password itself: move it "
                                          "out (rediscope profiles add --password-source) and "
                                          "give it to this client in %1.")
                               .arg(facts.passwordVariable);
        break;
    }
    if (!tls.verifyPeer)
        facts.notes << QStringLiteral("The profile turns certificate verification off; this "
                                      "snippet verifies. Give the profile the CA that issued the "
                                      "server certificate and turn verification back on.");
    if (tls.verifyPeer && !tls.verifyHostname)
        facts.notes << QStringLiteral("The profile turns the host name check off; this snippet "
                                      "checks it. Connect by a name the certificate holds, or "
                                      "reissue the certificate for this host.");
    if (tls.caFile.isEmpty() && tls.caDir.isEmpty())
        facts.notes << QStringLiteral(
            "The profile names no CA: the system's trusted CAs are used.");
    if (!tls.certFile.isEmpty() && tls.keyFile.isEmpty())
        facts.notes << QStringLiteral("The profile has a client certificate without its key: "
                                      "it is left out.");
    return facts;
}

QString commentBlock(const QStringList& lines, const QString& prefix)
{
    QString out;
    for (const QString& line : lines) {
        // Wrap long notes at 96 columns.
        QString rest = line;
        while (!rest.isEmpty()) {
            QString chunk = rest;
            if (prefix.size() + rest.size() > 96) {
                qsizetype cut = rest.lastIndexOf(QLatin1Char(' '), 96 - prefix.size());
                if (cut <= 0)
                    cut = rest.indexOf(QLatin1Char(' '));
                if (cut <= 0)
                    cut = rest.size();
                chunk = rest.left(cut);
                rest = rest.mid(cut + 1);
            } else {
                rest.clear();
            }
            out += prefix + chunk + QLatin1Char('\n');
        }
    }
    return out;
}

QString header(Client client, const Facts& facts, const QStringList& specific,
               const QString& prefix)
{
    QStringList lines{QStringLiteral("%1: TLS to %2 (profile \"%3\"), %4.")
                          .arg(ClientSnippets::title(client),
                               facts.host.contains(QLatin1Char(':'))
                                   ? QStringLiteral("[%1]:%2").arg(facts.host).arg(facts.port)
                                   : QStringLiteral("%1:%2").arg(facts.host).arg(facts.port),
                               facts.profileName,
                               ClientSnippets::checksHostname(client)
                                   ? QStringLiteral("certificate chain and host name verified")
                                   : QStringLiteral("certificate chain verified"))};
    lines << specific << facts.notes;
    return commentBlock(lines, prefix);
}

// ---- redis-cli ----

QString redisCli(const Facts& facts)
{
    QStringList specific{
        QStringLiteral("redis-cli checks the chain against the CA but never the host name (nor "
                       "does hiredis, which it is built on): for that check too, use rediscope "
                       "inspect or one of the other clients.")};
    if (!facts.passwordVariable.isEmpty())
        specific << QStringLiteral("The password goes through REDISCLI_AUTH, which keeps it out "
                                   "of the process list (unlike -a).");
    if (!facts.passphraseVariable.isEmpty())
        specific << QStringLiteral("redis-cli cannot decrypt a client key: give it an "
                                   "unencrypted copy readable by you only (chmod 600).");
    if (facts.tls13)
        specific << QStringLiteral("redis-cli has no option for the lowest TLS version: OpenSSL "
                                   "still allows TLS 1.2 here.");
    QStringList words;
    if (!facts.passwordVariable.isEmpty())
        words << QStringLiteral("REDISCLI_AUTH=\"$%1\"").arg(facts.passwordVariable);
    words << QStringLiteral("redis-cli") << QStringLiteral("-h") << shellQuote(facts.host)
          << QStringLiteral("-p") << QString::number(facts.port);
    if (facts.db != 0)
        words << QStringLiteral("-n") << QString::number(facts.db);
    if (!facts.user.isEmpty())
        words << QStringLiteral("--user") << shellQuote(facts.user);
    words << QStringLiteral("--tls");
    if (!facts.sni.isEmpty())
        words << QStringLiteral("--sni") << shellQuote(facts.sni);
    if (!facts.caFile.isEmpty())
        words << QStringLiteral("--cacert") << shellQuote(facts.caFile);
    if (!facts.caDir.isEmpty())
        words << QStringLiteral("--cacertdir") << shellQuote(facts.caDir);
    if (!facts.certFile.isEmpty())
        words << QStringLiteral("--cert") << shellQuote(facts.certFile) << QStringLiteral("--key")
              << shellQuote(facts.keyFile);
    if (!facts.ciphers.isEmpty())
        words << QStringLiteral("--tls-ciphers") << shellQuote(facts.ciphers);
    if (!facts.ciphersuites.isEmpty())
        words << QStringLiteral("--tls-ciphersuites") << shellQuote(facts.ciphersuites);
    return header(Client::RedisCli, facts, specific, QStringLiteral("# ")) +
           words.join(QLatin1Char(' ')) + QLatin1Char('\n');
}

// ---- redis-py ----

QString redisPy(const Facts& facts)
{
    const auto q = [](const QString& text) {
        return literal(text, Quoting::Python);
    };
    QStringList specific{QStringLiteral(
        "ssl_check_hostname=True matters: redis-py before 6.0 does not check the host name "
        "unless told to. ssl_cert_reqs=\"required\" is the default, spelled out.")};
    if (facts.sniDiffers)
        specific << QStringLiteral("redis-py sends and checks the host it connects to and has no "
                                   "separate server name: connect by %1 (e.g. through "
                                   "/etc/hosts).")
                        .arg(facts.verifyName);
    if (!facts.ciphers.isEmpty() || !facts.ciphersuites.isEmpty())
        specific << QStringLiteral("The profile's cipher lists are not set here: Python's "
                                   "defaults are strong.");
    if (!facts.tls13)
        specific << QStringLiteral("Python 3.10 and later refuse anything older than TLS 1.2.");

    QString out = header(Client::RedisPy, facts, specific, QStringLiteral("# "));
    out += QStringLiteral("import os\n");
    if (facts.tls13)
        out += QStringLiteral("import ssl\n");
    out += QStringLiteral("\nimport redis\n\nclient = redis.Redis(\n");
    const auto arg = [&out](const QString& name, const QString& value) {
        out += QStringLiteral("    %1=%2,\n").arg(name, value);
    };
    const QString host = facts.sniDiffers ? facts.verifyName : facts.host;
    arg(QStringLiteral("host"), q(host));
    arg(QStringLiteral("port"), QString::number(facts.port));
    if (facts.db != 0)
        arg(QStringLiteral("db"), QString::number(facts.db));
    if (!facts.user.isEmpty())
        arg(QStringLiteral("username"), q(facts.user));
    if (!facts.passwordVariable.isEmpty())
        arg(QStringLiteral("password"),
            QStringLiteral("os.environ[%1]").arg(q(facts.passwordVariable)));
    arg(QStringLiteral("ssl"), QStringLiteral("True"));
    arg(QStringLiteral("ssl_cert_reqs"), q(QStringLiteral("required")));
    arg(QStringLiteral("ssl_check_hostname"), QStringLiteral("True"));
    if (!facts.caFile.isEmpty())
        arg(QStringLiteral("ssl_ca_certs"), q(facts.caFile));
    if (!facts.caDir.isEmpty())
        arg(QStringLiteral("ssl_ca_path"), q(facts.caDir));
    if (!facts.certFile.isEmpty()) {
        arg(QStringLiteral("ssl_certfile"), q(facts.certFile));
        arg(QStringLiteral("ssl_keyfile"), q(facts.keyFile));
    }
    if (!facts.passphraseVariable.isEmpty())
        arg(QStringLiteral("ssl_password"),
            QStringLiteral("os.environ[%1]").arg(q(facts.passphraseVariable)));
    if (facts.tls13)
        out += QStringLiteral("    ssl_min_version=ssl.TLSVersion.TLSv1_3,  # redis-py 5.1 or "
                              "later\n");
    out += QStringLiteral(")\nprint(client.ping())\n");
    return out;
}

// ---- node-redis and ioredis ----

// The tls.connect() options both Node.js clients pass through.
QStringList nodeTlsOptions(const Facts& facts)
{
    const auto q = [](const QString& text) {
        return literal(text, Quoting::JavaScript);
    };
    QStringList options;
    if (!facts.sni.isEmpty())
        options << QStringLiteral("servername: %1,").arg(q(facts.sni));
    if (!facts.caFile.isEmpty())
        options << QStringLiteral("ca: fs.readFileSync(%1),").arg(q(facts.caFile));
    if (!facts.certFile.isEmpty())
        options << QStringLiteral("cert: fs.readFileSync(%1),").arg(q(facts.certFile))
                << QStringLiteral("key: fs.readFileSync(%1),").arg(q(facts.keyFile));
    if (!facts.passphraseVariable.isEmpty())
        options << QStringLiteral("passphrase: process.env.%1,").arg(facts.passphraseVariable);
    options << QStringLiteral("minVersion: %1,")
                   .arg(q(facts.tls13 ? QStringLiteral("TLSv1.3") : QStringLiteral("TLSv1.2")));
    if (!facts.ciphers.isEmpty() || !facts.ciphersuites.isEmpty()) {
        QStringList lists;
        if (!facts.ciphersuites.isEmpty())
            lists << facts.ciphersuites;
        if (!facts.ciphers.isEmpty())
            lists << facts.ciphers;
        options << QStringLiteral("ciphers: %1,").arg(q(lists.join(QLatin1Char(':'))));
    }
    options << QStringLiteral("rejectUnauthorized: true, // the default: never turn it off");
    return options;
}

QStringList nodeSpecific(const Facts& facts)
{
    QStringList specific{
        QStringLiteral("Node.js verifies the chain and the host name unless told otherwise "
                       "(rejectUnauthorized, checkServerIdentity); both stay on.")};
    if (!facts.caDir.isEmpty() && facts.caFile.isEmpty())
        specific << QStringLiteral("Node.js reads no CA directory: put the CA certificates of %1 "
                                   "in one file and give it as ca.")
                        .arg(facts.caDir);
    if (facts.sniDiffers)
        specific << QStringLiteral("servername is both sent and checked against the "
                                   "certificate.");
    return specific;
}

QString nodeRedis(const Facts& facts)
{
    const auto q = [](const QString& text) {
        return literal(text, Quoting::JavaScript);
    };
    QString out = header(Client::NodeRedis, facts, nodeSpecific(facts), QStringLiteral("// "));
    const bool needsFs = !facts.caFile.isEmpty() || !facts.certFile.isEmpty();
    if (needsFs)
        out += QStringLiteral("const fs = require('fs');\n");
    out += QStringLiteral("const { createClient } = require('redis');\n\n"
                          "const client = createClient({\n"
                          "  socket: {\n");
    out += QStringLiteral("    host: %1,\n    port: %2,\n    tls: true,\n")
               .arg(q(facts.host))
               .arg(facts.port);
    for (const QString& option : nodeTlsOptions(facts))
        out += QStringLiteral("    ") + option + QLatin1Char('\n');
    out += QStringLiteral("  },\n");
    if (!facts.user.isEmpty())
        out += QStringLiteral("  username: %1,\n").arg(q(facts.user));
    if (!facts.passwordVariable.isEmpty())
        out += QStringLiteral("  password: process.env.%1,\n").arg(facts.passwordVariable);
    if (facts.db != 0)
        out += QStringLiteral("  database: %1,\n").arg(facts.db);
    out += QStringLiteral("});\n"
                          "client.on('error', (error) => console.error(error));\n\n"
                          "(async () => {\n"
                          "  await client.connect();\n"
                          "  console.log(await client.ping());\n"
                          "  await client.quit();\n"
                          "})();\n");
    return out;
}

QString ioredis(const Facts& facts)
{
    const auto q = [](const QString& text) {
        return literal(text, Quoting::JavaScript);
    };
    QString out = header(Client::Ioredis, facts, nodeSpecific(facts), QStringLiteral("// "));
    const bool needsFs = !facts.caFile.isEmpty() || !facts.certFile.isEmpty();
    if (needsFs)
        out += QStringLiteral("const fs = require('fs');\n");
    out += QStringLiteral("const Redis = require('ioredis');\n\nconst redis = new Redis({\n");
    out += QStringLiteral("  host: %1,\n  port: %2,\n").arg(q(facts.host)).arg(facts.port);
    if (!facts.user.isEmpty())
        out += QStringLiteral("  username: %1,\n").arg(q(facts.user));
    if (!facts.passwordVariable.isEmpty())
        out += QStringLiteral("  password: process.env.%1,\n").arg(facts.passwordVariable);
    if (facts.db != 0)
        out += QStringLiteral("  db: %1,\n").arg(facts.db);
    out += QStringLiteral("  tls: {\n");
    for (const QString& option : nodeTlsOptions(facts))
        out += QStringLiteral("    ") + option + QLatin1Char('\n');
    out += QStringLiteral("  },\n"
                          "});\n\n"
                          "redis.ping().then((reply) => {\n"
                          "  console.log(reply);\n"
                          "  return redis.quit();\n"
                          "});\n");
    return out;
}

// ---- go-redis ----

QString goRedis(const Facts& facts)
{
    const auto q = [](const QString& text) {
        return literal(text, Quoting::Go);
    };
    QStringList specific{QStringLiteral(
        "crypto/tls verifies the chain and the host name; ServerName says which name (go-redis "
        "does not always fill it in) and InsecureSkipVerify stays false.")};
    if (!facts.caDir.isEmpty() && facts.caFile.isEmpty())
        specific << QStringLiteral("RootCAs takes certificates, not a directory: append each "
                                   "certificate of %1 to the pool.")
                        .arg(facts.caDir);
    if (!facts.passphraseVariable.isEmpty())
        specific << QStringLiteral("crypto/tls cannot load an encrypted key: decrypt it once "
                                   "(openssl pkey -in KEY -out KEY.plain) and keep it chmod 600.");
    if (!facts.ciphers.isEmpty() || !facts.ciphersuites.isEmpty())
        specific << QStringLiteral("The profile's cipher lists are not set here: Go's defaults "
                                   "are strong.");

    QString out = header(Client::GoRedis, facts, specific, QStringLiteral("// "));
    out += QStringLiteral("package main\n\nimport (\n\t\"context\"\n\t\"crypto/tls\"\n");
    if (!facts.caFile.isEmpty())
        out += QStringLiteral("\t\"crypto/x509\"\n");
    out += QStringLiteral("\t\"fmt\"\n\t\"log\"\n");
    if (!facts.caFile.isEmpty() || !facts.passwordVariable.isEmpty())
        out += QStringLiteral("\t\"os\"\n");
    out += QStringLiteral("\n\t\"github.com/redis/go-redis/v9\"\n)\n\nfunc main() {\n");
    if (!facts.caFile.isEmpty())
        out += QStringLiteral("\tcaPEM, err := os.ReadFile(%1)\n"
                              "\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n"
                              "\troots := x509.NewCertPool()\n"
                              "\tif !roots.AppendCertsFromPEM(caPEM) {\n"
                              "\t\tlog.Fatal(%2)\n\t}\n")
                   .arg(q(facts.caFile), q(QStringLiteral("no CA certificate in ") + facts.caFile));
    if (!facts.certFile.isEmpty())
        out += QStringLiteral("\tclientCert, err := tls.LoadX509KeyPair(%1, %2)\n"
                              "\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n")
                   .arg(q(facts.certFile), q(facts.keyFile));
    if (!facts.caFile.isEmpty() || !facts.certFile.isEmpty())
        out += QLatin1Char('\n');

    const QString address = facts.host.contains(QLatin1Char(':'))
                                ? QStringLiteral("[%1]:%2").arg(facts.host).arg(facts.port)
                                : QStringLiteral("%1:%2").arg(facts.host).arg(facts.port);
    QList<std::pair<QString, QString>> fields{{QStringLiteral("Addr"), q(address)}};
    if (!facts.user.isEmpty())
        fields.append({QStringLiteral("Username"), q(facts.user)});
    if (!facts.passwordVariable.isEmpty())
        fields.append({QStringLiteral("Password"),
                       QStringLiteral("os.Getenv(%1)").arg(q(facts.passwordVariable))});
    if (facts.db != 0)
        fields.append({QStringLiteral("DB"), QString::number(facts.db)});
    // Aligned as gofmt aligns them.
    qsizetype fieldWidth = 0;
    for (const auto& field : std::as_const(fields))
        fieldWidth = std::max(fieldWidth, field.first.size() + 1);
    out += QStringLiteral("\tclient := redis.NewClient(&redis.Options{\n");
    for (const auto& [key, value] : std::as_const(fields))
        out += QStringLiteral("\t\t%1 %2,\n")
                   .arg(key + QLatin1Char(':'), -static_cast<int>(fieldWidth))
                   .arg(value);

    QList<std::pair<QString, QString>> tls{{QStringLiteral("ServerName"), q(facts.verifyName)}};
    if (!facts.caFile.isEmpty())
        tls.append({QStringLiteral("RootCAs"), QStringLiteral("roots")});
    if (!facts.certFile.isEmpty())
        tls.append(
            {QStringLiteral("Certificates"), QStringLiteral("[]tls.Certificate{clientCert}")});
    tls.append({QStringLiteral("MinVersion"), facts.tls13 ? QStringLiteral("tls.VersionTLS13")
                                                          : QStringLiteral("tls.VersionTLS12")});
    qsizetype width = 0;
    for (const auto& field : std::as_const(tls))
        width = std::max(width, field.first.size() + 1);
    out += QStringLiteral("\t\tTLSConfig: &tls.Config{\n");
    for (const auto& [key, value] : std::as_const(tls))
        out += QStringLiteral("\t\t\t%1 %2,\n")
                   .arg(key + QLatin1Char(':'), -static_cast<int>(width))
                   .arg(value);
    out += QStringLiteral("\t\t},\n\t})\n\tdefer client.Close()\n\n"
                          "\tpong, err := client.Ping(context.Background()).Result()\n"
                          "\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n"
                          "\tfmt.Println(pong)\n}\n");
    return out;
}

// ---- Jedis and Lettuce ----

QString jedis(const Facts& facts)
{
    const auto q = [](const QString& text) {
        return literal(text, Quoting::Java);
    };
    QStringList specific{QStringLiteral(
        "Jedis verifies the chain but checks no host name unless SSLParameters asks for it: "
        "endpoint identification \"HTTPS\" turns the check on.")};
    if (!facts.caDir.isEmpty() && facts.caFile.isEmpty())
        specific << QStringLiteral("Java reads no CA directory: load each certificate of %1 "
                                   "into the trust store.")
                        .arg(facts.caDir);
    if (facts.sniDiffers)
        specific << QStringLiteral("Java checks the host it connects to: connect by %1.")
                        .arg(facts.verifyName);
    if (!facts.certFile.isEmpty())
        specific << QStringLiteral("The client key must be PKCS#8 PEM (BEGIN PRIVATE KEY); "
                                   "convert others with openssl pkcs8 -topk8.");
    const bool trustStore = !facts.caFile.isEmpty();
    const bool identity = !facts.certFile.isEmpty();

    QString out = header(Client::Jedis, facts, specific, QStringLiteral("// "));
    if (trustStore || identity)
        out += QStringLiteral("import java.io.FileInputStream;\nimport java.io.InputStream;\n");
    if (identity)
        out += QStringLiteral("import java.nio.file.Files;\nimport java.nio.file.Path;\n"
                              "import java.security.KeyFactory;\n");
    if (trustStore || identity)
        out += QStringLiteral("import java.security.KeyStore;\n");
    if (identity)
        out += QStringLiteral("import java.security.PrivateKey;\n");
    if (trustStore || identity)
        out += QStringLiteral("import java.security.cert.Certificate;\n"
                              "import java.security.cert.CertificateFactory;\n");
    if (identity)
        out += QStringLiteral("import java.security.spec.PKCS8EncodedKeySpec;\n"
                              "import java.util.Base64;\nimport java.util.UUID;\n"
                              "import javax.net.ssl.KeyManagerFactory;\n");
    out +=
        QStringLiteral("import javax.net.ssl.SSLContext;\nimport javax.net.ssl.SSLParameters;\n");
    if (trustStore)
        out += QStringLiteral("import javax.net.ssl.TrustManagerFactory;\n");
    out += QStringLiteral("\nimport redis.clients.jedis.DefaultJedisClientConfig;\n"
                          "import redis.clients.jedis.HostAndPort;\n"
                          "import redis.clients.jedis.Jedis;\n\n"
                          "public class RedisTls {\n"
                          "    public static void main(String[] args) throws Exception {\n");
    if (trustStore || identity)
        out += QStringLiteral(
            "        CertificateFactory x509 = CertificateFactory.getInstance(\"X.509\");\n\n");
    if (trustStore)
        out += QStringLiteral(
                   "        // Trust the profile's CA.\n"
                   "        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());\n"
                   "        trusted.load(null, null);\n"
                   "        try (InputStream in = new FileInputStream(%1)) {\n"
                   "            int n = 0;\n"
                   "            for (Certificate ca : x509.generateCertificates(in)) {\n"
                   "                trusted.setCertificateEntry(\"ca\" + n++, ca);\n"
                   "            }\n"
                   "        }\n"
                   "        TrustManagerFactory trust =\n"
                   "                TrustManagerFactory.getInstance(TrustManagerFactory."
                   "getDefaultAlgorithm());\n"
                   "        trust.init(trusted);\n\n")
                   .arg(q(facts.caFile));
    if (identity)
        out +=
            QStringLiteral(
                "        // The client certificate and its key, for mutual TLS.\n"
                "        Certificate[] chain;\n"
                "        try (InputStream in = new FileInputStream(%1)) {\n"
                "            chain = x509.generateCertificates(in).toArray(new Certificate[0]);\n"
                "        }\n"
                "        String pem = Files.readString(Path.of(%2));\n"
                "        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll(\"-----[A-Z "
                "]+-----\", \"\"));\n"
                "        PrivateKey key = KeyFactory.getInstance(chain[0].getPublicKey()."
                "getAlgorithm())\n"
                "                .generatePrivate(new PKCS8EncodedKeySpec(der));\n"
                "        // A throwaway password: it protects the key in memory only.\n"
                "        char[] inMemory = UUID.randomUUID().toString().toCharArray();\n"
                "        KeyStore identity = KeyStore.getInstance(\"PKCS12\");\n"
                "        identity.load(null, null);\n"
                "        identity.setKeyEntry(\"client\", key, inMemory, chain);\n"
                "        KeyManagerFactory keys =\n"
                "                KeyManagerFactory.getInstance(KeyManagerFactory."
                "getDefaultAlgorithm());\n"
                "        keys.init(identity, inMemory);\n\n")
                .arg(q(facts.certFile), q(facts.keyFile));
    out +=
        QStringLiteral("        SSLContext tls = SSLContext.getInstance(\"TLS\");\n"
                       "        tls.init(%1, %2, null);\n\n")
            .arg(identity ? QStringLiteral("keys.getKeyManagers()") : QStringLiteral("null"),
                 trustStore ? QStringLiteral("trust.getTrustManagers()") : QStringLiteral("null"));
    out += QStringLiteral(
               "        SSLParameters parameters = new SSLParameters();\n"
               "        parameters.setEndpointIdentificationAlgorithm(\"HTTPS\"); // the host "
               "name check\n"
               "        parameters.setProtocols(new String[] {%1});\n\n")
               .arg(facts.tls13 ? QStringLiteral("\"TLSv1.3\"")
                                : QStringLiteral("\"TLSv1.3\", \"TLSv1.2\""));
    out += QStringLiteral("        DefaultJedisClientConfig config = DefaultJedisClientConfig."
                          "builder()\n"
                          "                .ssl(true)\n"
                          "                .sslSocketFactory(tls.getSocketFactory())\n"
                          "                .sslParameters(parameters)\n");
    if (!facts.user.isEmpty())
        out += QStringLiteral("                .user(%1)\n").arg(q(facts.user));
    if (!facts.passwordVariable.isEmpty())
        out += QStringLiteral("                .password(System.getenv(%1))\n")
                   .arg(q(facts.passwordVariable));
    if (facts.db != 0)
        out += QStringLiteral("                .database(%1)\n").arg(facts.db);
    out += QStringLiteral("                .build();\n"
                          "        try (Jedis jedis = new Jedis(new HostAndPort(%1, %2), config)) "
                          "{\n"
                          "            System.out.println(jedis.ping());\n"
                          "        }\n"
                          "    }\n"
                          "}\n")
               .arg(q(facts.host))
               .arg(facts.port);
    if (!facts.passphraseVariable.isEmpty())
        out.replace(QStringLiteral("        String pem ="),
                    QStringLiteral("        // An encrypted key: convert it to unencrypted PKCS#8 "
                                   "(openssl pkcs8 -topk8 -nocrypt), chmod 600.\n"
                                   "        String pem ="));
    return out;
}

QString lettuce(const Facts& facts)
{
    const auto q = [](const QString& text) {
        return literal(text, Quoting::Java);
    };
    QStringList specific{QStringLiteral(
        "SslVerifyMode.FULL checks the chain and the host name (CA would skip the host name, "
        "NONE both); it is the default with SSL, spelled out.")};
    if (!facts.caDir.isEmpty() && facts.caFile.isEmpty())
        specific << QStringLiteral("SslOptions reads no CA directory: give trustManager one file "
                                   "with the CA certificates of %1.")
                        .arg(facts.caDir);
    if (facts.sniDiffers)
        specific << QStringLiteral("Lettuce checks the host it connects to: connect by %1.")
                        .arg(facts.verifyName);
    if (!facts.certFile.isEmpty())
        specific << QStringLiteral("keyManager needs the key as PKCS#8 PEM (BEGIN PRIVATE KEY).");

    QString out = header(Client::Lettuce, facts, specific, QStringLiteral("// "));
    const bool files = !facts.caFile.isEmpty() || !facts.certFile.isEmpty();
    if (files)
        out += QStringLiteral("import java.io.File;\n\n");
    out += QStringLiteral("import io.lettuce.core.ClientOptions;\n"
                          "import io.lettuce.core.RedisClient;\n"
                          "import io.lettuce.core.RedisURI;\n"
                          "import io.lettuce.core.SslOptions;\n"
                          "import io.lettuce.core.SslVerifyMode;\n"
                          "import io.lettuce.core.api.StatefulRedisConnection;\n\n"
                          "public class RedisTls {\n"
                          "    public static void main(String[] args) {\n"
                          "        RedisURI uri = RedisURI.builder()\n"
                          "                .withHost(%1)\n"
                          "                .withPort(%2)\n"
                          "                .withSsl(true)\n"
                          "                .withVerifyPeer(SslVerifyMode.FULL)\n")
               .arg(q(facts.host))
               .arg(facts.port);
    if (!facts.passwordVariable.isEmpty()) {
        if (!facts.user.isEmpty())
            out += QStringLiteral("                .withAuthentication(%1, System.getenv(%2))\n")
                       .arg(q(facts.user), q(facts.passwordVariable));
        else
            out +=
                QStringLiteral("                .withPassword(System.getenv(%1).toCharArray())\n")
                    .arg(q(facts.passwordVariable));
    }
    if (facts.db != 0)
        out += QStringLiteral("                .withDatabase(%1)\n").arg(facts.db);
    out += QStringLiteral("                .build();\n"
                          "        SslOptions ssl = SslOptions.builder()\n"
                          "                .jdkSslProvider()\n");
    if (!facts.caFile.isEmpty())
        out += QStringLiteral("                .trustManager(new File(%1))\n").arg(q(facts.caFile));
    if (!facts.certFile.isEmpty())
        out += QStringLiteral("                .keyManager(new File(%1),\n"
                              "                        new File(%2),\n"
                              "                        %3)\n")
                   .arg(q(facts.certFile), q(facts.keyFile),
                        facts.passphraseVariable.isEmpty()
                            ? QStringLiteral("null")
                            : QStringLiteral("System.getenv(%1).toCharArray()")
                                  .arg(q(facts.passphraseVariable)));
    out += QStringLiteral("                .protocols(%1)\n"
                          "                .build();\n"
                          "        RedisClient client = RedisClient.create(uri);\n"
                          "        client.setOptions(ClientOptions.builder().sslOptions(ssl)."
                          "build());\n"
                          "        try (StatefulRedisConnection<String, String> connection = "
                          "client.connect()) {\n"
                          "            System.out.println(connection.sync().ping());\n"
                          "        } finally {\n"
                          "            client.shutdown();\n"
                          "        }\n"
                          "    }\n"
                          "}\n")
               .arg(facts.tls13 ? QStringLiteral("\"TLSv1.3\"")
                                : QStringLiteral("\"TLSv1.3\", \"TLSv1.2\""));
    return out;
}

// ---- hiredis ----

QString hiredis(const Facts& facts)
{
    const auto q = [](const QString& text) {
        return literal(text, Quoting::C);
    };
    QStringList specific{
        QStringLiteral("hiredis 1.x built with hiredis_ssl. Its redisCreateSSLContext() verifies "
                       "the chain but never the host name, so this sets up OpenSSL itself "
                       "(SSL_set1_host) and hands the connection over with redisInitiateSSL()."),
        QStringLiteral("Build: cc redis_tls.c -o redis_tls $(pkg-config --cflags --libs "
                       "hiredis_ssl) -lssl -lcrypto")};
    QString out = header(Client::Hiredis, facts, specific, QStringLiteral("// "));
    out +=
        QStringLiteral("#include <hiredis/hiredis.h>\n#include <hiredis/hiredis_ssl.h>\n"
                       "#include <openssl/ssl.h>\n#include <stdio.h>\n#include <stdlib.h>\n\n"
                       "int main(void)\n{\n"
                       "    redisInitOpenSSL();\n"
                       "    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());\n"
                       "    if (!ctx)\n        return 1;\n"
                       "    SSL_CTX_set_min_proto_version(ctx, %1);\n"
                       "    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);\n")
            .arg(facts.tls13 ? QStringLiteral("TLS1_3_VERSION") : QStringLiteral("TLS1_2_VERSION"));
    if (!facts.caFile.isEmpty() || !facts.caDir.isEmpty())
        out += QStringLiteral("    if (SSL_CTX_load_verify_locations(ctx, %1, %2) != 1) {\n"
                              "        fprintf(stderr, \"cannot load the CA certificates\\n\");\n"
                              "        return 1;\n    }\n")
                   .arg(facts.caFile.isEmpty() ? QStringLiteral("NULL") : q(facts.caFile),
                        facts.caDir.isEmpty() ? QStringLiteral("NULL") : q(facts.caDir));
    else
        out +=
            QStringLiteral("    SSL_CTX_set_default_verify_paths(ctx); /* the system's CAs */\n");
    if (!facts.certFile.isEmpty()) {
        if (!facts.passphraseVariable.isEmpty())
            out += QStringLiteral("    SSL_CTX_set_default_passwd_cb_userdata(ctx, "
                                  "getenv(%1));\n")
                       .arg(q(facts.passphraseVariable));
        out += QStringLiteral("    if (SSL_CTX_use_certificate_chain_file(ctx, %1) != 1 ||\n"
                              "        SSL_CTX_use_PrivateKey_file(ctx, %2, SSL_FILETYPE_PEM) != "
                              "1) {\n"
                              "        fprintf(stderr, \"cannot load the client certificate or "
                              "key\\n\");\n"
                              "        return 1;\n    }\n")
                   .arg(q(facts.certFile), q(facts.keyFile));
    }
    if (!facts.ciphers.isEmpty())
        out += QStringLiteral("    SSL_CTX_set_cipher_list(ctx, %1);\n").arg(q(facts.ciphers));
    if (!facts.ciphersuites.isEmpty())
        out +=
            QStringLiteral("    SSL_CTX_set_ciphersuites(ctx, %1);\n").arg(q(facts.ciphersuites));
    out += QStringLiteral("\n    redisContext *c = redisConnect(%1, %2);\n"
                          "    if (!c || c->err) {\n"
                          "        fprintf(stderr, \"connect: %s\\n\", c ? c->errstr : \"out of "
                          "memory\");\n"
                          "        return 1;\n    }\n"
                          "    SSL *ssl = SSL_new(ctx);\n")
               .arg(q(facts.host))
               .arg(facts.port);
    if (facts.verifyNameIsIp)
        out += QStringLiteral("    /* The certificate must hold this IP address. */\n"
                              "    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), %1);\n")
                   .arg(q(facts.verifyName));
    else
        out += QStringLiteral("    SSL_set_tlsext_host_name(ssl, %1);\n"
                              "    SSL_set1_host(ssl, %1); /* the host name check */\n")
                   .arg(q(facts.verifyName));
    out += QStringLiteral("    if (redisInitiateSSL(c, ssl) != REDIS_OK) {\n"
                          "        fprintf(stderr, \"TLS: %s\\n\", c->errstr);\n"
                          "        SSL_free(ssl);\n"
                          "        return 1;\n    }\n\n"
                          "    redisReply *reply;\n");
    if (!facts.passwordVariable.isEmpty()) {
        out += QStringLiteral("    const char *password = getenv(%1);\n"
                              "    if (!password) {\n"
                              "        fprintf(stderr, \"set %2\\n\");\n"
                              "        return 1;\n    }\n")
                   .arg(q(facts.passwordVariable), facts.passwordVariable);
        if (facts.user.isEmpty())
            out += QStringLiteral("    reply = redisCommand(c, \"AUTH %s\", password);\n");
        else
            out += QStringLiteral("    reply = redisCommand(c, \"AUTH %s %s\", %1, password);\n")
                       .arg(q(facts.user));
        out += QStringLiteral("    if (!reply || reply->type == REDIS_REPLY_ERROR) {\n"
                              "        fprintf(stderr, \"AUTH failed\\n\");\n"
                              "        return 1;\n    }\n"
                              "    freeReplyObject(reply);\n");
    }
    if (facts.db != 0)
        out +=
            QStringLiteral("    freeReplyObject(redisCommand(c, \"SELECT %1\"));\n").arg(facts.db);
    out += QStringLiteral("    reply = redisCommand(c, \"PING\");\n"
                          "    if (!reply) {\n"
                          "        fprintf(stderr, \"PING: %s\\n\", c->errstr);\n"
                          "        return 1;\n    }\n"
                          "    printf(\"%s\\n\", reply->str);\n"
                          "    freeReplyObject(reply);\n"
                          "    redisFree(c);\n"
                          "    SSL_CTX_free(ctx);\n"
                          "    return 0;\n}\n");
    return out;
}

const struct
{
    Client client;
    const char* name;
    const char* title;
    const char* language;
} kClients[] = {
    {Client::RedisCli, "redis-cli", "redis-cli", "shell"},
    {Client::RedisPy, "redis-py", "redis-py (Python)", "python"},
    {Client::NodeRedis, "node-redis", "node-redis (Node.js, v4 and later)", "javascript"},
    {Client::Ioredis, "ioredis", "ioredis (Node.js)", "javascript"},
    {Client::GoRedis, "go-redis", "go-redis (Go, v9)", "go"},
    {Client::Jedis, "jedis", "Jedis (Java)", "java"},
    {Client::Lettuce, "lettuce", "Lettuce (Java, 6.1 and later)", "java"},
    {Client::Hiredis, "hiredis", "hiredis (C)", "c"},
};

} // namespace

QList<ClientSnippets::Client> ClientSnippets::clients()
{
    QList<Client> all;
    for (const auto& entry : kClients)
        all << entry.client;
    return all;
}

QString ClientSnippets::name(Client client)
{
    for (const auto& entry : kClients)
        if (entry.client == client)
            return QLatin1String(entry.name);
    return QString();
}

QString ClientSnippets::title(Client client)
{
    for (const auto& entry : kClients)
        if (entry.client == client)
            return QLatin1String(entry.title);
    return QString();
}

QString ClientSnippets::language(Client client)
{
    for (const auto& entry : kClients)
        if (entry.client == client)
            return QLatin1String(entry.language);
    return QString();
}

QString ClientSnippets::names()
{
    QStringList all;
    for (const auto& entry : kClients)
        all << QLatin1String(entry.name);
    return all.join(QStringLiteral(", "));
}

std::optional<ClientSnippets::Client> ClientSnippets::fromName(const QString& text)
{
    const QString lower = text.trimmed().toLower();
    for (const auto& entry : kClients)
        if (lower == QLatin1String(entry.name))
            return entry.client;
    static const struct
    {
        const char* alias;
        Client client;
    } aliases[] = {
        {"cli", Client::RedisCli},         {"redis_cli", Client::RedisCli},
        {"python", Client::RedisPy},       {"py", Client::RedisPy},
        {"redispy", Client::RedisPy},      {"node", Client::NodeRedis},
        {"nodejs", Client::NodeRedis},     {"node_redis", Client::NodeRedis},
        {"go", Client::GoRedis},           {"golang", Client::GoRedis},
        {"goredis", Client::GoRedis},      {"java-jedis", Client::Jedis},
        {"java-lettuce", Client::Lettuce}, {"c", Client::Hiredis},
    };
    for (const auto& entry : aliases)
        if (lower == QLatin1String(entry.alias))
            return entry.client;
    return std::nullopt;
}

bool ClientSnippets::checksHostname(Client client)
{
    return client != Client::RedisCli;
}

QString ClientSnippets::passwordVariable(const Profile& profile)
{
    switch (profile.password.source) {
    case SecretRef::Source::Env:
        return isIdentifier(profile.password.variable) ? profile.password.variable
                                                       : DefaultPasswordVariable;
    case SecretRef::Source::Keychain:
    case SecretRef::Source::Prompt:
        return DefaultPasswordVariable;
    case SecretRef::Source::None:
        return profile.inlinePassword.isEmpty() ? QString() : DefaultPasswordVariable;
    }
    return QString();
}

QStringList ClientSnippets::notes(const Profile& profile)
{
    return factsOf(profile).notes;
}

QString ClientSnippets::keyPassphraseVariable(const Profile& profile)
{
    switch (profile.tls.keyPassphrase.source) {
    case SecretRef::Source::Env:
        return isIdentifier(profile.tls.keyPassphrase.variable) ? profile.tls.keyPassphrase.variable
                                                                : DefaultPassphraseVariable;
    case SecretRef::Source::Keychain:
    case SecretRef::Source::Prompt:
        return DefaultPassphraseVariable;
    case SecretRef::Source::None:
        return profile.inlineKeyPassphrase.isEmpty() ? QString() : DefaultPassphraseVariable;
    }
    return QString();
}

Result<QString> ClientSnippets::snippet(const Profile& profile, Client client)
{
    if (!profile.tls.enabled)
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("The profile \"%1\" does not use TLS: a snippet for it would "
                                   "send the password and the data in clear text. Turn TLS on in "
                                   "the profile (a rediss:// URL) first.")
                        .arg(profile.name));
    const Facts facts = factsOf(profile);
    switch (client) {
    case Client::RedisCli:
        return redisCli(facts);
    case Client::RedisPy:
        return redisPy(facts);
    case Client::NodeRedis:
        return nodeRedis(facts);
    case Client::Ioredis:
        return ioredis(facts);
    case Client::GoRedis:
        return goRedis(facts);
    case Client::Jedis:
        return jedis(facts);
    case Client::Lettuce:
        return lettuce(facts);
    case Client::Hiredis:
        return hiredis(facts);
    }
    return fail(ErrorCode::InvalidArgument, Stage::None, QStringLiteral("Unknown client."));
}

} // namespace rediscope
