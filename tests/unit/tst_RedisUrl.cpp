#include "profile/RedisUrl.h"

#include <QTest>

using namespace rediscope;

namespace {

QStringList flatten(const QList<std::pair<QString, QString>>& query)
{
    QStringList items;
    for (const auto& [key, value] : query)
        items.append(key + QLatin1Char('=') + value);
    return items;
}

} // namespace

class TestRedisUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void toStringNeverContainsPassword_data();
    void toStringNeverContainsPassword();
    void toStringEncodesUserAndQuery();
};

void TestRedisUrl::parseValid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<bool>("hasPassword");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("db");
    QTest::addColumn<QStringList>("query");
    QTest::addColumn<QString>("canonical");

    const QStringList none;
    const QByteArray noPassword;
    QTest::newRow("plain, name, default port")
        << QStringLiteral("redis://localhost") << false << QString() << noPassword << false
        << QStringLiteral("localhost") << 6379 << 0 << none
        << QStringLiteral("redis://localhost:6379");
    QTest::newRow("tls, default port is 6379 too")
        << QStringLiteral("rediss://localhost") << true << QString() << noPassword << false
        << QStringLiteral("localhost") << 6379 << 0 << none
        << QStringLiteral("rediss://localhost:6379");
    QTest::newRow("scheme and host are case-insensitive")
        << QStringLiteral("REDISS://Cache.Example.COM:6380/2") << true << QString() << noPassword
        << false << QStringLiteral("cache.example.com") << 6380 << 2 << none
        << QStringLiteral("rediss://cache.example.com:6380/2");
    QTest::newRow("ipv4 with port")
        << QStringLiteral("rediss://127.0.0.1:6380") << true << QString() << noPassword << false
        << QStringLiteral("127.0.0.1") << 6380 << 0 << none
        << QStringLiteral("rediss://127.0.0.1:6380");
    QTest::newRow("ipv6 loopback, default port")
        << QStringLiteral("redis://[::1]") << false << QString() << noPassword << false
        << QStringLiteral("::1") << 6379 << 0 << none << QStringLiteral("redis://[::1]:6379");
    QTest::newRow("ipv6 with port and db, lower-cased")
        << QStringLiteral("rediss://[2001:DB8::1]:6380/3") << true << QString() << noPassword
        << false << QStringLiteral("2001:db8::1") << 6380 << 3 << none
        << QStringLiteral("rediss://[2001:db8::1]:6380/3");
    QTest::newRow("ipv6 with zone")
        << QStringLiteral("redis://[fe80::1%25eth0]:7000") << false << QString() << noPassword
        << false << QStringLiteral("fe80::1%eth0") << 7000 << 0 << none
        << QStringLiteral("redis://[fe80::1%25eth0]:7000");
    QTest::newRow("user and password")
        << QStringLiteral("rediss://alice:s3cret@cache.internal:6380/1") << true
        << QStringLiteral("alice") << QByteArray("s3cret") << true
        << QStringLiteral("cache.internal") << 6380 << 1 << none
        << QStringLiteral("rediss://alice@cache.internal:6380/1");
    QTest::newRow("password only")
        << QStringLiteral("redis://:s3cret@localhost") << false << QString() << QByteArray("s3cret")
        << true << QStringLiteral("localhost") << 6379 << 0 << none
        << QStringLiteral("redis://localhost:6379");
    QTest::newRow("user only") << QStringLiteral("redis://alice@localhost") << false
                               << QStringLiteral("alice") << noPassword << false
                               << QStringLiteral("localhost") << 6379 << 0 << none
                               << QStringLiteral("redis://alice@localhost:6379");
    QTest::newRow("empty password counts as none")
        << QStringLiteral("redis://alice:@localhost") << false << QStringLiteral("alice")
        << noPassword << false << QStringLiteral("localhost") << 6379 << 0 << none
        << QStringLiteral("redis://alice@localhost:6379");
    QTest::newRow("percent-encoded user and password")
        << QStringLiteral("redis://al%40ice:p%40ss%3Aw%2Fd%25@host:1/5") << false
        << QStringLiteral("al@ice") << QByteArray("p@ss:w/d%") << true << QStringLiteral("host")
        << 1 << 5 << none << QStringLiteral("redis://al%40ice@host:1/5");
    QTest::newRow("utf-8 percent-encoded password")
        << QStringLiteral("redis://:p%C3%A4ss@host") << false << QString()
        << QByteArray("p\xc3\xa4ss") << true << QStringLiteral("host") << 6379 << 0 << none
        << QStringLiteral("redis://host:6379");
    QTest::newRow("raw reserved characters in password, split at last @")
        << QStringLiteral("redis://u:p@ss:w/o?r#d@host:6390") << false << QStringLiteral("u")
        << QByteArray("p@ss:w/o?r#d") << true << QStringLiteral("host") << 6390 << 0 << none
        << QStringLiteral("redis://u@host:6390");
    QTest::newRow("empty path is db 0")
        << QStringLiteral("redis://host/") << false << QString() << noPassword << false
        << QStringLiteral("host") << 6379 << 0 << none << QStringLiteral("redis://host:6379");
    QTest::newRow("largest db") << QStringLiteral("redis://host/1000000") << false << QString()
                                << noPassword << false << QStringLiteral("host") << 6379 << 1000000
                                << none << QStringLiteral("redis://host:6379/1000000");
    QTest::newRow("query items, decoded, in order")
        << QStringLiteral("redis://host:6379/0?protocol=3&client_name=my%20app&&flag&a=b=c")
        << false << QString() << noPassword << false << QStringLiteral("host") << 6379 << 0
        << QStringList{QStringLiteral("protocol=3"), QStringLiteral("client_name=my app"),
                       QStringLiteral("flag="), QStringLiteral("a=b=c")}
        << QStringLiteral("redis://host:6379?protocol=3&client_name=my%20app&flag=&a=b%3Dc");
    QTest::newRow("query without path")
        << QStringLiteral("rediss://host?timeout=5") << true << QString() << noPassword << false
        << QStringLiteral("host") << 6379 << 0 << QStringList{QStringLiteral("timeout=5")}
        << QStringLiteral("rediss://host:6379?timeout=5");
    QTest::newRow("surrounding whitespace is trimmed")
        << QStringLiteral("  rediss://host:6380 \n") << true << QString() << noPassword << false
        << QStringLiteral("host") << 6380 << 0 << none << QStringLiteral("rediss://host:6380");
    QTest::newRow("lowest and highest port")
        << QStringLiteral("redis://host:65535") << false << QString() << noPassword << false
        << QStringLiteral("host") << 65535 << 0 << none << QStringLiteral("redis://host:65535");
    QTest::newRow("port 1") << QStringLiteral("redis://host:1") << false << QString() << noPassword
                            << false << QStringLiteral("host") << 1 << 0 << none
                            << QStringLiteral("redis://host:1");
    QTest::newRow("underscore, dash, trailing dot")
        << QStringLiteral("redis://my_cache-1.internal.") << false << QString() << noPassword
        << false << QStringLiteral("my_cache-1.internal.") << 6379 << 0 << none
        << QStringLiteral("redis://my_cache-1.internal.:6379");
    QTest::newRow("internationalised name becomes ACE")
        << QStringLiteral("redis://b\u00fccher.example") << false << QString() << noPassword
        << false << QStringLiteral("xn--bcher-kva.example") << 6379 << 0 << none
        << QStringLiteral("redis://xn--bcher-kva.example:6379");
}

void TestRedisUrl::parseValid()
{
    QFETCH(QString, input);
    QFETCH(bool, tls);
    QFETCH(QString, username);
    QFETCH(QByteArray, password);
    QFETCH(bool, hasPassword);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, db);
    QFETCH(QStringList, query);
    QFETCH(QString, canonical);

    const Result<RedisUrl> url = RedisUrl::parse(input);
    QVERIFY2(url.has_value(), qPrintable(url ? QString() : url.error().toString()));
    QCOMPARE(url->tls, tls);
    QCOMPARE(url->username, username);
    QCOMPARE(url->password, password);
    QCOMPARE(url->hasPassword, hasPassword);
    QCOMPARE(url->host, host);
    QCOMPARE(url->port, port);
    QCOMPARE(url->db, db);
    QCOMPARE(flatten(url->query), query);
    QCOMPARE(url->toString(), canonical);

    // The canonical form parses back to the same URL, minus the password.
    const Result<RedisUrl> again = RedisUrl::parse(url->toString());
    QVERIFY2(again.has_value(), qPrintable(again ? QString() : again.error().toString()));
    QCOMPARE(again->tls, tls);
    QCOMPARE(again->username, username);
    QVERIFY(!again->hasPassword);
    QCOMPARE(again->host, host);
    QCOMPARE(again->port, port);
    QCOMPARE(again->db, db);
    QCOMPARE(flatten(again->query), query);
    QCOMPARE(again->toString(), canonical);
}

void TestRedisUrl::parseInvalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("fragment"); // expected in the message
    QTest::addColumn<QString>("secret");   // must not be in the message; empty: none

    const QString noSecret;
    // Empty input and the scheme.
    QTest::newRow("empty") << QString() << QStringLiteral("empty") << noSecret;
    QTest::newRow("blank") << QStringLiteral("  \t ") << QStringLiteral("empty") << noSecret;
    QTest::newRow("host:port without scheme")
        << QStringLiteral("localhost:6379")
        << QStringLiteral("write redis://localhost:6379, or rediss://localhost:6379") << noSecret;
    QTest::newRow("bare ipv4 without scheme")
        << QStringLiteral("10.0.0.5") << QStringLiteral("redis://10.0.0.5") << noSecret;
    QTest::newRow("credentials without scheme are not echoed")
        << QStringLiteral("alice:hunter2@host:6379")
        << QStringLiteral("no redis:// or rediss:// scheme") << QStringLiteral("hunter2");
    QTest::newRow("http") << QStringLiteral("http://x")
                          << QStringLiteral("\"http://\" is not supported") << noSecret;
    QTest::newRow("https names the accepted schemes")
        << QStringLiteral("HTTPS://host") << QStringLiteral("redis:// (plain) and rediss:// (TLS)")
        << noSecret;
    QTest::newRow("unix") << QStringLiteral("unix:///tmp/redis.sock")
                          << QStringLiteral("\"unix://\" is not supported") << noSecret;
    QTest::newRow("unknown scheme with credentials")
        << QStringLiteral("valkeys://u:hunter2@host") << QStringLiteral("not supported")
        << QStringLiteral("hunter2");
    QTest::newRow("garbage before ://")
        << QStringLiteral("u:hunter2@x://host") << QStringLiteral("must start with redis://")
        << QStringLiteral("hunter2");
    QTest::newRow("nothing before ://")
        << QStringLiteral("://host") << QStringLiteral("no scheme") << noSecret;
    QTest::newRow("one slash") << QStringLiteral("redis:/host") << QStringLiteral("two slashes")
                               << noSecret;
    QTest::newRow("no slash") << QStringLiteral("rediss:host:6380") << QStringLiteral("two slashes")
                              << noSecret;

    // Host.
    QTest::newRow("nothing after scheme")
        << QStringLiteral("redis://") << QStringLiteral("no host") << noSecret;
    QTest::newRow("port only") << QStringLiteral("redis://:6379") << QStringLiteral("no host")
                               << noSecret;
    QTest::newRow("db only") << QStringLiteral("redis:///0") << QStringLiteral("no host")
                             << noSecret;
    QTest::newRow("credentials only") << QStringLiteral("redis://alice:hunter2@")
                                      << QStringLiteral("no host") << QStringLiteral("hunter2");
    QTest::newRow("credentials and port only")
        << QStringLiteral("redis://alice:hunter2@:6379/0") << QStringLiteral("no host")
        << QStringLiteral("hunter2");
    QTest::newRow("space in host")
        << QStringLiteral("redis://my host:6379") << QStringLiteral("whitespace") << noSecret;
    QTest::newRow("tab in host") << QStringLiteral("redis://host\t:6379")
                                 << QStringLiteral("whitespace") << noSecret;
    QTest::newRow("control character in host")
        << QStringLiteral("redis://ho\u0001st") << QStringLiteral("control character") << noSecret;
    QTest::newRow("whitespace in host after credentials")
        << QStringLiteral("redis://:hunter2@my host") << QStringLiteral("whitespace")
        << QStringLiteral("hunter2");
    QTest::newRow("forbidden character")
        << QStringLiteral("redis://ho$t") << QStringLiteral("contains '$'") << noSecret;
    QTest::newRow("percent in host")
        << QStringLiteral("redis://ho%41st") << QStringLiteral("contains '%'") << noSecret;
    QTest::newRow("bad ipv4") << QStringLiteral("redis://256.1.1.1")
                              << QStringLiteral("not a valid IPv4 address") << noSecret;
    QTest::newRow("short ipv4") << QStringLiteral("redis://127.1")
                                << QStringLiteral("not a valid IPv4 address") << noSecret;
    QTest::newRow("empty label") << QStringLiteral("redis://cache..example")
                                 << QStringLiteral("empty label") << noSecret;
    QTest::newRow("leading dot") << QStringLiteral("redis://.example")
                                 << QStringLiteral("empty label") << noSecret;
    QTest::newRow("label too long")
        << QStringLiteral("redis://%1.example").arg(QString(64, QLatin1Char('a')))
        << QStringLiteral("longer than 63") << noSecret;
    QTest::newRow("'@' in a query value")
        << QStringLiteral("redis://host/0?name=a@b") << QStringLiteral("%40") << noSecret;

    // IPv6 brackets.
    QTest::newRow("unclosed bracket")
        << QStringLiteral("redis://[::1") << QStringLiteral("no closing ']'") << noSecret;
    QTest::newRow("unclosed bracket after credentials")
        << QStringLiteral("redis://:hunter2@[::1:6379") << QStringLiteral("no closing ']'")
        << QStringLiteral("hunter2");
    QTest::newRow("closing bracket only")
        << QStringLiteral("redis://::1]:6379") << QStringLiteral("misplaced brackets") << noSecret;
    QTest::newRow("nested bracket")
        << QStringLiteral("redis://[[::1]]") << QStringLiteral("misplaced brackets") << noSecret;
    QTest::newRow("ipv6 without brackets")
        << QStringLiteral("redis://::1") << QStringLiteral("in brackets, e.g. redis://[::1]:6379")
        << noSecret;
    QTest::newRow("ipv6 without brackets, with port")
        << QStringLiteral("redis://2001:db8::1:6379") << QStringLiteral("in brackets") << noSecret;
    QTest::newRow("two ports") << QStringLiteral("redis://host:6379:1")
                               << QStringLiteral("\"host:6379:1\" has more than one ':'")
                               << noSecret;
    QTest::newRow("text after bracket") << QStringLiteral("redis://[::1]6379")
                                        << QStringLiteral("after the IPv6 address") << noSecret;
    QTest::newRow("empty brackets")
        << QStringLiteral("redis://[]:6379") << QStringLiteral("no IPv6 address") << noSecret;
    QTest::newRow("name in brackets") << QStringLiteral("redis://[localhost]")
                                      << QStringLiteral("not an IPv6 address") << noSecret;
    QTest::newRow("ipv4 in brackets") << QStringLiteral("redis://[127.0.0.1]:6379")
                                      << QStringLiteral("not an IPv6 address") << noSecret;
    QTest::newRow("invalid ipv6") << QStringLiteral("redis://[::g]")
                                  << QStringLiteral("not an IPv6 address") << noSecret;
    QTest::newRow("bad zone") << QStringLiteral("redis://[fe80::1%25]") << QStringLiteral("zone")
                              << noSecret;

    // Port.
    QTest::newRow("empty port") << QStringLiteral("redis://host:")
                                << QStringLiteral("port is missing") << noSecret;
    QTest::newRow("port not a number")
        << QStringLiteral("redis://host:abc") << QStringLiteral("port \"abc\" is not a number")
        << noSecret;
    QTest::newRow("negative port")
        << QStringLiteral("redis://host:-1") << QStringLiteral("not a number") << noSecret;
    QTest::newRow("port with sign")
        << QStringLiteral("redis://host:+80") << QStringLiteral("not a number") << noSecret;
    QTest::newRow("port 0") << QStringLiteral("redis://host:0") << QStringLiteral("port 0")
                            << noSecret;
    QTest::newRow("port too large") << QStringLiteral("redis://host:65536")
                                    << QStringLiteral("port 65536 is out of range") << noSecret;
    QTest::newRow("port huge") << QStringLiteral("redis://host:99999999999999999999")
                               << QStringLiteral("out of range") << noSecret;
    QTest::newRow("bad port after credentials")
        << QStringLiteral("redis://alice:hunter2@host:port") << QStringLiteral("not a number")
        << QStringLiteral("hunter2");
    QTest::newRow("port 0 after password only")
        << QStringLiteral("redis://:hunter2@host:0") << QStringLiteral("port 0")
        << QStringLiteral("hunter2");
    QTest::newRow("ipv6 port too large")
        << QStringLiteral("redis://[::1]:70000") << QStringLiteral("out of range") << noSecret;

    // Database.
    QTest::newRow("db not a number")
        << QStringLiteral("redis://host/abc")
        << QStringLiteral("database \"abc\" is not a non-negative integer") << noSecret;
    QTest::newRow("negative db") << QStringLiteral("redis://host/-1")
                                 << QStringLiteral("not a non-negative integer") << noSecret;
    QTest::newRow("fractional db") << QStringLiteral("redis://host/1.5")
                                   << QStringLiteral("not a non-negative integer") << noSecret;
    QTest::newRow("db too large") << QStringLiteral("redis://host/1000001")
                                  << QStringLiteral("too large") << noSecret;
    QTest::newRow("db huge") << QStringLiteral("redis://host/99999999999999999")
                             << QStringLiteral("too large") << noSecret;
    QTest::newRow("db with more path")
        << QStringLiteral("redis://host/0/1") << QStringLiteral("more than one part") << noSecret;
    QTest::newRow("space in db") << QStringLiteral("redis://host/ 1")
                                 << QStringLiteral("whitespace") << noSecret;
    QTest::newRow("bad db after credentials")
        << QStringLiteral("redis://:hunter2@host/x") << QStringLiteral("non-negative integer")
        << QStringLiteral("hunter2");

    // Fragment and query.
    QTest::newRow("fragment") << QStringLiteral("redis://host/0#section")
                              << QStringLiteral("fragment") << noSecret;
    QTest::newRow("fragment right after host")
        << QStringLiteral("redis://host#x") << QStringLiteral("fragment") << noSecret;
    QTest::newRow("fragment after credentials")
        << QStringLiteral("redis://alice:hunter2@host#x") << QStringLiteral("fragment")
        << QStringLiteral("hunter2");
    QTest::newRow("query bad percent")
        << QStringLiteral("redis://host?name=%zz")
        << QStringLiteral("query item \"name\" has invalid percent-encoding") << noSecret;
    QTest::newRow("query bad percent in name")
        << QStringLiteral("redis://host?%g=1") << QStringLiteral("invalid percent-encoding")
        << noSecret;
    QTest::newRow("query item without name")
        << QStringLiteral("redis://host?=1") << QStringLiteral("no name") << noSecret;
    QTest::newRow("whitespace in query")
        << QStringLiteral("redis://host?name=my app") << QStringLiteral("whitespace") << noSecret;
    QTest::newRow("bad query value after credentials")
        << QStringLiteral("redis://:hunter2@host?x=%") << QStringLiteral("percent-encoding")
        << QStringLiteral("hunter2");

    // Percent-encoding in the user information.
    QTest::newRow("password bad percent")
        << QStringLiteral("redis://alice:hun%2zter2@host")
        << QStringLiteral("password has invalid percent-encoding") << QStringLiteral("hun%2zter2");
    QTest::newRow("password trailing percent")
        << QStringLiteral("redis://alice:hunter2%@host")
        << QStringLiteral("password has invalid percent-encoding") << QStringLiteral("hunter2");
    QTest::newRow("user bad percent")
        << QStringLiteral("redis://al%zzice:hunter2@host")
        << QStringLiteral("user name has invalid percent-encoding") << QStringLiteral("hunter2");
    QTest::newRow("whitespace in user")
        << QStringLiteral("redis://al ice:hunter2@host") << QStringLiteral("user name contains")
        << QStringLiteral("hunter2");
}

void TestRedisUrl::parseInvalid()
{
    QFETCH(QString, input);
    QFETCH(QString, fragment);
    QFETCH(QString, secret);

    const Result<RedisUrl> url = RedisUrl::parse(input);
    QVERIFY2(!url.has_value(), qPrintable(url ? url->toString() : QString()));
    const Error& error = url.error();
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.stage, Stage::None);
    QVERIFY2(error.message.contains(fragment, Qt::CaseInsensitive),
             qPrintable(QStringLiteral("message: ") + error.message));
    if (!secret.isEmpty()) {
        QVERIFY2(!error.message.contains(secret), qPrintable(error.message));
        QVERIFY2(!error.detail.contains(secret), qPrintable(error.detail));
        QVERIFY2(!error.toString().contains(secret), qPrintable(error.toString()));
    }
}

void TestRedisUrl::toStringNeverContainsPassword_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("user and password")
        << QStringLiteral("rediss://alice:hunter2@host:6380") << QStringLiteral("hunter2")
        << QStringLiteral("rediss://alice@host:6380");
    QTest::newRow("password only")
        << QStringLiteral("redis://:hunter2@host") << QStringLiteral("hunter2")
        << QStringLiteral("redis://host:6379");
    QTest::newRow("encoded password")
        << QStringLiteral("redis://bob:hunter%32@[::1]:7000/4?a=1") << QStringLiteral("hunter")
        << QStringLiteral("redis://bob@[::1]:7000/4?a=1");
    QTest::newRow("password with reserved characters")
        << QStringLiteral("rediss://bob:hu/nt@er2@host") << QStringLiteral("nt@er")
        << QStringLiteral("rediss://bob@host:6379");
}

void TestRedisUrl::toStringNeverContainsPassword()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    QFETCH(QString, canonical);

    const Result<RedisUrl> url = RedisUrl::parse(input);
    QVERIFY2(url.has_value(), qPrintable(url ? QString() : url.error().toString()));
    QVERIFY(url->hasPassword);
    QVERIFY(!url->password.isEmpty());
    QVERIFY(!url->toString().contains(secret));
    QCOMPARE(url->toString(), canonical);
}

void TestRedisUrl::toStringEncodesUserAndQuery()
{
    RedisUrl url;
    url.tls = true;
    url.username = QStringLiteral("ops:team@eu");
    url.password = "hunter2";
    url.hasPassword = true;
    url.host = QStringLiteral("2001:db8::7");
    url.port = 6380;
    url.db = 9;
    url.query = {{QStringLiteral("client name"), QStringLiteral("a&b")}};
    QCOMPARE(url.toString(),
             QStringLiteral("rediss://ops%3Ateam%40eu@[2001:db8::7]:6380/9?client%20name=a%26b"));

    const Result<RedisUrl> again = RedisUrl::parse(url.toString());
    QVERIFY(again.has_value());
    QCOMPARE(again->username, url.username);
    QCOMPARE(again->host, url.host);
    QCOMPARE(again->query, url.query);
}

QTEST_GUILESS_MAIN(TestRedisUrl)
#include "tst_RedisUrl.moc"
