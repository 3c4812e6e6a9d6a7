// `rediscope inspect` as a user runs it: the real executable against lab servers — exit
// statuses, text and JSON output, and no password anywhere in what it prints.

#include "LabEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace rediscope::lab;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runRediscope(const QStringList& arguments, const QByteArray& password = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("REDISCLI_AUTH"));
    if (!password.isEmpty())
        environment.insert(QStringLiteral("REDISCLI_AUTH"), QString::fromLatin1(password));
    environment.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(REDISCOPE_BINARY), arguments);
    if (!process.waitForFinished(30000))
        return {};
    return Run{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QString urlOf(const QString& scenario)
{
    LabServer* server = LabEnvironment::shared().server(scenario);
    return server ? QStringLiteral("rediss://127.0.0.1:%1").arg(server->tlsPort()) : QString();
}

} // namespace

class tst_InspectCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(LabEnvironment::shared().setupError()));
    }

    void goodServerExitsZeroAndHidesThePassword()
    {
        const QByteArray password(LabPassword);
        const Run run =
            runRediscope({QStringLiteral("inspect"), urlOf(QStringLiteral("good")),
                          QStringLiteral("--cacert"), LabEnvironment::shared().pki().rootCa()},
                         password);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("TLSv1.3"));
        QVERIFY(run.out.contains("Redis 7"));
        QVERIFY(run.out.contains("Certificate chain"));
        QVERIFY(!run.out.contains(password));
        QVERIFY(!run.err.contains(password));
    }

    void passwordInUrlNeverPrinted()
    {
        const QString url =
            urlOf(QStringLiteral("good"))
                .replace(QStringLiteral("rediss://"),
                         QStringLiteral("rediss://default:%1@").arg(QLatin1String(LabPassword)));
        const Run run = runRediscope({QStringLiteral("inspect"), url, QStringLiteral("--cacert"),
                                      LabEnvironment::shared().pki().rootCa(),
                                      QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.out.contains(LabPassword));
        QVERIFY(!run.err.contains(LabPassword));
    }

    void jsonCarriesTheObservedFacts()
    {
        const Run run =
            runRediscope({QStringLiteral("inspect"), urlOf(QStringLiteral("expired")),
                          QStringLiteral("--cacert"), LabEnvironment::shared().pki().rootCa(),
                          QStringLiteral("--format"), QStringLiteral("json")},
                         QByteArray(LabPassword));
        QCOMPARE(run.exitCode, 1);
        QJsonParseError error;
        const QJsonObject target = QJsonDocument::fromJson(run.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray stages = target.value(QStringLiteral("stages")).toArray();
        QCOMPARE(stages.last().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("verify"));
        QCOMPARE(stages.last().toObject().value(QStringLiteral("ok")).toBool(true), false);
        const QJsonObject tls = target.value(QStringLiteral("tls")).toObject();
        QCOMPARE(tls.value(QStringLiteral("verified")).toBool(true), false);
        QCOMPARE(tls.value(QStringLiteral("verify_error")).toString(),
                 QStringLiteral("certificate has expired"));
        const QJsonArray chain = tls.value(QStringLiteral("chain")).toArray();
        QCOMPARE(chain.size(), 3);
        QVERIFY(!chain.at(0).toObject().value(QStringLiteral("verify_errors")).toArray().isEmpty());
        QCOMPARE(target.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("verify_failed"));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("no url") << QStringList{QStringLiteral("inspect")} << QStringLiteral("URL");
        QTest::newRow("bad scheme")
            << QStringList{QStringLiteral("inspect"), QStringLiteral("http://x")}
            << QStringLiteral("redis://");
        QTest::newRow("password option")
            << QStringList{QStringLiteral("inspect"), QStringLiteral("rediss://h"),
                           QStringLiteral("-a"), QStringLiteral("hunter2")}
            << QStringLiteral("REDISCLI_AUTH");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("unknown command");
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, phrase);
        const Run run = runRediscope(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(phrase), run.err.constData());
        QVERIFY(!run.err.contains("hunter2"));
    }

    void helpExitsZero()
    {
        const Run run = runRediscope({QStringLiteral("inspect"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--cacert"));
        QVERIFY(run.out.contains("--askpass"));
    }

    void withoutDisplayTheGuiExplainsItself()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(REDISCOPE_BINARY), {});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("xvfb-run"));
    }
};

QTEST_GUILESS_MAIN(tst_InspectCommand)
#include "tst_InspectCommand.moc"
