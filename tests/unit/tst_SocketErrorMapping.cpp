// The socket layer's errno → (error code, stage, message) mapping: every failure of connect(2),
// recv(2) and send(2) reaches people as a stage and a precise message.

#include "net/SocketErrorMapping.h"

#include <QTest>
#include <cerrno>
#include <cstring>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::ErrorCode)

class tst_SocketErrorMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectErrors_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("ECONNREFUSED") << ECONNREFUSED << ErrorCode::ConnectRefused
                                      << QStringLiteral("Connection to 192.0.2.7:6380 was refused");
        QTest::newRow("EHOSTUNREACH") << EHOSTUNREACH << ErrorCode::Unreachable
                                      << QStringLiteral("192.0.2.7:6380 is unreachable");
        QTest::newRow("ENETUNREACH") << ENETUNREACH << ErrorCode::Unreachable
                                     << QStringLiteral("192.0.2.7:6380 is unreachable");
        QTest::newRow("ENETDOWN") << ENETDOWN << ErrorCode::Unreachable
                                  << QStringLiteral("192.0.2.7:6380 is unreachable");
        QTest::newRow("EADDRNOTAVAIL")
            << EADDRNOTAVAIL << ErrorCode::Unreachable << QStringLiteral("routing and VPN");
        QTest::newRow("EAFNOSUPPORT")
            << EAFNOSUPPORT << ErrorCode::Unreachable << QStringLiteral("routing and VPN");
        QTest::newRow("EACCES") << EACCES << ErrorCode::Unreachable
                                << QStringLiteral("firewall rule or security policy");
        QTest::newRow("EPERM") << EPERM << ErrorCode::Unreachable
                               << QStringLiteral("does not allow connecting to 192.0.2.7:6380");
        QTest::newRow("ETIMEDOUT") << ETIMEDOUT << ErrorCode::Timeout
                                   << QStringLiteral("No answer from 192.0.2.7:6380 within the "
                                                     "timeout");
        QTest::newRow("ECONNRESET") << ECONNRESET << ErrorCode::ConnectionClosed
                                    << QStringLiteral("192.0.2.7:6380 reset the connection");
        QTest::newRow("ECONNABORTED") << ECONNABORTED << ErrorCode::ConnectionClosed
                                      << QStringLiteral("reset the connection");
        QTest::newRow("EMFILE") << EMFILE << ErrorCode::IoError
                                << QStringLiteral("too many files are open");
        QTest::newRow("other") << EINVAL << ErrorCode::IoError
                               << QStringLiteral("Could not connect to 192.0.2.7:6380.");
    }

    void connectErrors()
    {
        QFETCH(int, error);
        QFETCH(ErrorCode, code);
        QFETCH(QString, phrase);
        const Error mapped =
            socketConnectError(error, SocketAddress{QStringLiteral("192.0.2.7"), false, 6380});
        QCOMPARE(mapped.code, code);
        QCOMPARE(mapped.stage, Stage::Tcp);
        QVERIFY2(mapped.message.contains(phrase), qPrintable(mapped.message));
        QCOMPARE(mapped.detail, QString::fromLocal8Bit(strerror(error)));
    }

    void connectErrorNamesAnIpv6Address()
    {
        const Error mapped =
            socketConnectError(ECONNREFUSED, SocketAddress{QStringLiteral("::1"), true, 6379});
        QVERIFY2(mapped.message.contains(QLatin1String("[::1]:6379")), qPrintable(mapped.message));
    }

    void transferErrors_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<bool>("sending");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("recv ECONNRESET") << ECONNRESET << false << ErrorCode::ConnectionClosed
                                         << QStringLiteral("The server reset the connection.");
        QTest::newRow("send ECONNRESET") << ECONNRESET << true << ErrorCode::ConnectionClosed
                                         << QStringLiteral("The server closed the connection.");
        QTest::newRow("send EPIPE") << EPIPE << true << ErrorCode::ConnectionClosed
                                    << QStringLiteral("The server closed the connection.");
        QTest::newRow("recv ETIMEDOUT")
            << ETIMEDOUT << false << ErrorCode::ConnectionClosed
            << QStringLiteral("The connection to the server was lost: the network stopped "
                              "carrying its packets.");
        QTest::newRow("recv other") << EIO << false << ErrorCode::IoError
                                    << QStringLiteral("Reading from the server failed.");
        QTest::newRow("send other") << ENOBUFS << true << ErrorCode::IoError
                                    << QStringLiteral("Sending to the server failed.");
    }

    void transferErrors()
    {
        QFETCH(int, error);
        QFETCH(bool, sending);
        QFETCH(ErrorCode, code);
        QFETCH(QString, message);
        const Error mapped = socketTransferError(error, sending);
        QCOMPARE(mapped.code, code);
        QCOMPARE(mapped.stage, Stage::None); // the caller's stage
        QCOMPARE(mapped.message, message);
        QCOMPARE(mapped.detail, QString::fromLocal8Bit(strerror(error)));
    }
};

QTEST_GUILESS_MAIN(tst_SocketErrorMapping)
#include "tst_SocketErrorMapping.moc"
