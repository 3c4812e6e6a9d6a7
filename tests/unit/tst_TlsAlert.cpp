// Stage and error mapping: alert names and causes, stage names, error rendering.

#include "common/Error.h"
#include "tls/TlsAlert.h"

#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::Stage)

class tst_TlsAlert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alerts_data()
    {
        QTest::addColumn<int>("description");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("cause");
        QTest::addColumn<bool>("clientCertificate");
        QTest::newRow("protocol version") << 70 << QStringLiteral("protocol version")
                                          << QStringLiteral("no TLS version in common") << false;
        QTest::newRow("handshake failure") << 40 << QStringLiteral("handshake failure")
                                           << QStringLiteral("no cipher suite") << true;
        QTest::newRow("certificate required") << 116 << QStringLiteral("certificate required")
                                              << QStringLiteral("mutual TLS") << true;
        QTest::newRow("unknown CA")
            << 48 << QStringLiteral("unknown CA")
            << QStringLiteral("did not accept the client certificate") << true;
        QTest::newRow("unrecognized name")
            << 112 << QStringLiteral("unrecognized name") << QStringLiteral("SNI") << false;
        QTest::newRow("internal error")
            << 80 << QStringLiteral("internal error") << QStringLiteral("check its log") << false;
        QTest::newRow("unknown code")
            << 251 << QStringLiteral("alert 251") << QStringLiteral("server's log") << false;
    }

    void alerts()
    {
        QFETCH(int, description);
        QFETCH(QString, name);
        QFETCH(QString, cause);
        QFETCH(bool, clientCertificate);
        const TlsAlert alert{description};
        QCOMPARE(alert.name(), name);
        QVERIFY2(alert.likelyCause().contains(cause), qPrintable(alert.likelyCause()));
        QCOMPARE(alert.meansClientCertificateProblem(), clientCertificate);
    }

    void stageNames_data()
    {
        QTest::addColumn<Stage>("stage");
        QTest::addColumn<QString>("name");
        QTest::newRow("resolve") << Stage::Resolve << QStringLiteral("resolve");
        QTest::newRow("tcp") << Stage::Tcp << QStringLiteral("tcp");
        QTest::newRow("tls") << Stage::Tls << QStringLiteral("tls");
        QTest::newRow("verify") << Stage::Verify << QStringLiteral("verify");
        QTest::newRow("hostname") << Stage::Hostname << QStringLiteral("hostname");
        QTest::newRow("auth") << Stage::Auth << QStringLiteral("auth");
        QTest::newRow("ping") << Stage::Ping << QStringLiteral("ping");
        QTest::newRow("info") << Stage::Info << QStringLiteral("info");
    }

    void stageNames()
    {
        QFETCH(Stage, stage);
        QFETCH(QString, name);
        QCOMPARE(stageName(stage), name);
        QVERIFY(!stageTitle(stage).isEmpty());
    }

    void errorToString()
    {
        const Error error{ErrorCode::Timeout, Stage::Tls, QStringLiteral("Too slow."),
                          QStringLiteral("poll")};
        QCOMPARE(error.toString(), QStringLiteral("TLS handshake: Too slow. (poll)"));
        const Error bare{ErrorCode::InvalidArgument, Stage::None, QStringLiteral("Bad."), {}};
        QCOMPARE(bare.toString(), QStringLiteral("Bad."));
    }
};

QTEST_GUILESS_MAIN(tst_TlsAlert)
#include "tst_TlsAlert.moc"
