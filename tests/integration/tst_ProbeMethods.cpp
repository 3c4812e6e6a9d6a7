// The TLS probe's two ways of learning suites and their order — the chain (fast links) and the
// parallel method (slow links) — must give the same answers: on every TLS scenario of the lab
// (most with OpenSSL's order, no-fs with its reverse), on two servers of this test's own with a
// shuffled and a reversed order, and over a slow link, where the automatic choice must
// take the parallel method with more connections. tst_ProbeAccuracy compares the automatic
// choice with sslscan; this test compares the methods with each other and with the configured
// orders.

#include "LabEnvironment.h"
#include "tls/Probe.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;
using namespace rediscope::lab;

namespace {

// RSA-authenticated TLS 1.2 suites, roughly in OpenSSL's order.
const QStringList RsaSuites{
    QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384"),
    QStringLiteral("DHE-RSA-AES256-GCM-SHA384"),
    QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305"),
    QStringLiteral("DHE-RSA-CHACHA20-POLY1305"),
    QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"),
    QStringLiteral("DHE-RSA-AES128-GCM-SHA256"),
    QStringLiteral("ECDHE-RSA-AES256-SHA384"),
    QStringLiteral("DHE-RSA-AES256-SHA256"),
    QStringLiteral("ECDHE-RSA-AES128-SHA256"),
    QStringLiteral("DHE-RSA-AES128-SHA256"),
    QStringLiteral("ECDHE-RSA-AES256-SHA"),
    QStringLiteral("DHE-RSA-AES256-SHA"),
    QStringLiteral("ECDHE-RSA-AES128-SHA"),
    QStringLiteral("DHE-RSA-AES128-SHA"),
    QStringLiteral("AES256-GCM-SHA384"),
    QStringLiteral("AES128-GCM-SHA256"),
    QStringLiteral("AES256-SHA256"),
    QStringLiteral("AES128-SHA256"),
    QStringLiteral("AES256-SHA"),
    QStringLiteral("AES128-SHA"),
};

// A server order that is neither OpenSSL's nor its reverse, TLS 1.2 and 1.3.
const QStringList ShuffledSuites{
    QStringLiteral("ECDHE-RSA-AES128-SHA"),
    QStringLiteral("AES256-GCM-SHA384"),
    QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305"),
    QStringLiteral("DHE-RSA-AES256-SHA"),
    QStringLiteral("AES128-SHA"),
    QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384"),
    QStringLiteral("DHE-RSA-AES128-GCM-SHA256"),
};
const QStringList ShuffledTls13{
    QStringLiteral("TLS_AES_128_GCM_SHA256"),
    QStringLiteral("TLS_CHACHA20_POLY1305_SHA256"),
    QStringLiteral("TLS_AES_256_GCM_SHA384"),
};

QStringList reversed(QStringList list)
{
    std::reverse(list.begin(), list.end());
    return list;
}

QString describe(const std::optional<bool>& value)
{
    return !value ? QStringLiteral("null") : *value ? QStringLiteral("yes") : QStringLiteral("no");
}

// The first difference between two results, or an empty string.
QString difference(const ProbeResult& a, const ProbeResult& b)
{
    if (!a.complete() || !b.complete())
        return QStringLiteral("incomplete: %1 | %2")
            .arg(a.errors.join(QLatin1Char(';')), b.errors.join(QLatin1Char(';')));
    for (const QString& name : ProbeResult::protocolNames()) {
        const ProbedProtocol* x = a.protocol(name);
        const ProbedProtocol* y = b.protocol(name);
        if (x->accepted != y->accepted)
            return name + QStringLiteral(" accepted: %1 vs %2")
                              .arg(describe(x->accepted), describe(y->accepted));
        if (x->suiteNames() != y->suiteNames())
            return name + QStringLiteral(" suites: %1 vs %2")
                              .arg(x->suiteNames().join(QLatin1Char(' ')),
                                   y->suiteNames().join(QLatin1Char(' ')));
        if (x->serverOrder != y->serverOrder)
            return name + QStringLiteral(" server order: %1 vs %2")
                              .arg(describe(x->serverOrder), describe(y->serverOrder));
        for (qsizetype i = 0; i < x->suites.size(); ++i)
            if (x->suites[i].group != y->suites[i].group ||
                x->suites[i].keyExchangeBits != y->suites[i].keyExchangeBits)
                return name + QLatin1Char(' ') + x->suites[i].info.name +
                       QStringLiteral(": key exchange %1/%2 vs %3/%4")
                           .arg(x->suites[i].group)
                           .arg(x->suites[i].keyExchangeBits)
                           .arg(y->suites[i].group)
                           .arg(y->suites[i].keyExchangeBits);
        if (a.groupNames(name) != b.groupNames(name))
            return name + QStringLiteral(" groups: %1 vs %2")
                              .arg(a.groupNames(name).join(QLatin1Char(' ')),
                                   b.groupNames(name).join(QLatin1Char(' ')));
    }
    if (a.serverCipherOrder != b.serverCipherOrder)
        return QStringLiteral("server cipher order differs");
    if (a.secureRenegotiation != b.secureRenegotiation)
        return QStringLiteral("secure renegotiation differs");
    if (a.minDheBits != b.minDheBits || a.minEcdheBits != b.minEcdheBits)
        return QStringLiteral("smallest key sizes differ");
    if (a.clientCertRequested != b.clientCertRequested ||
        a.clientCertRequired != b.clientCertRequired)
        return QStringLiteral("client certificate verdict differs");
    return {};
}

// bench/delay_proxy.py in front of a port, for as long as it lives.
class DelayProxy
{
public:
    DelayProxy(quint16 target, int delayMs)
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty()) {
            m_error = QStringLiteral("python3 is needed to run bench/delay_proxy.py");
            return;
        }
        m_process.start(python,
                        {QStringLiteral(REDISCOPE_SOURCE_DIR "/bench/delay_proxy.py"),
                         QStringLiteral("--target"), QStringLiteral("127.0.0.1:%1").arg(target),
                         QStringLiteral("--delay-ms"), QString::number(delayMs)});
        if (!m_process.waitForStarted(10000) || !m_process.waitForReadyRead(10000)) {
            m_error = QStringLiteral("the delay proxy did not start: ") +
                      QString::fromLocal8Bit(m_process.readAllStandardError());
            return;
        }
        m_port = static_cast<quint16>(m_process.readLine().trimmed().toUInt());
        if (m_port == 0)
            m_error = QStringLiteral("the delay proxy printed no port");
    }
    ~DelayProxy()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    quint16 port() const { return m_port; }
    QString error() const { return m_error; }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace

class tst_ProbeMethods : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;
    std::vector<std::unique_ptr<LabServer>> m_own; // this test's own scenarios
    QHash<QString, quint16> m_ports;
    QHash<QString, ProbeResult> m_chain; // on loopback

    quint16 port(const QString& scenario)
    {
        if (const auto found = m_ports.constFind(scenario); found != m_ports.cend())
            return *found;
        QString error;
        LabServer* server = LabEnvironment::shared().server(scenario, &error);
        if (!server)
            qFatal("lab scenario %s: %s", qPrintable(scenario), qPrintable(error));
        m_ports.insert(scenario, server->tlsPort());
        return server->tlsPort();
    }

    static ProbeResult probe(quint16 port, ProbeOptions::Method method, int parallelism = 0)
    {
        ProbeOptions options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = port;
        options.method = method;
        options.parallelism = parallelism;
        options.deadline = Deadline::in(std::chrono::seconds(120));
        const auto result = Probe::run(options, CancelToken());
        if (!result)
            qFatal("probe of port %d failed: %s", port, qPrintable(result.error().toString()));
        return *result;
    }

    ProbeResult chain(const QString& scenario)
    {
        if (const auto found = m_chain.constFind(scenario); found != m_chain.cend())
            return *found;
        const ProbeResult result = probe(port(scenario), ProbeOptions::Method::Chain);
        m_chain.insert(scenario, result);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString labError = LabEnvironment::shared().setupError();
        QVERIFY2(labError.isEmpty(), qPrintable(labError));
        QVERIFY(m_work.isValid());
        LabScenario shuffled;
        shuffled.name = QStringLiteral("shuffled");
        shuffled.ciphers = ShuffledSuites.join(QLatin1Char(':'));
        shuffled.ciphersuites = ShuffledTls13.join(QLatin1Char(':'));
        LabScenario reverse;
        reverse.name = QStringLiteral("reversed");
        reverse.protocols = QStringLiteral("TLSv1.2");
        reverse.ciphers = reversed(RsaSuites).join(QLatin1Char(':'));
        for (const LabScenario& scenario : {shuffled, reverse}) {
            auto server = LabServer::start(LabEnvironment::shared().pki(), scenario,
                                           m_work.filePath(scenario.name));
            QVERIFY2(server, qPrintable(server ? QString() : server.error().toString()));
            m_ports.insert(scenario.name, (*server)->tlsPort());
            m_own.push_back(std::move(*server));
        }
    }

    void sameAnswers_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const LabScenario& scenario : labScenarios())
            if (scenario.tls)
                QTest::newRow(qPrintable(scenario.name)) << scenario.name;
        QTest::newRow("shuffled") << QStringLiteral("shuffled");
        QTest::newRow("reversed") << QStringLiteral("reversed");
    }

    // Forced onto a fast link, the parallel method must find what the chain finds.
    void sameAnswers()
    {
        QFETCH(QString, scenario);
        const ProbeResult chained = chain(scenario);
        const ProbeResult parallel = probe(port(scenario), ProbeOptions::Method::Parallel);
        QVERIFY(!chained.parallelMethod);
        QVERIFY(parallel.parallelMethod);
        qInfo("%s: chain %.0f ms (%d handshakes), parallel %.0f ms (%d handshakes)",
              qPrintable(scenario), chained.ms, chained.handshakes, parallel.ms,
              parallel.handshakes);
        const QString different = difference(chained, parallel);
        QVERIFY2(different.isEmpty(), qPrintable(scenario + QStringLiteral(": ") + different));
        QVERIFY(!chained.acceptedProtocols().isEmpty());
    }

    // The configured orders, found by both methods.
    void configuredOrders()
    {
        for (const auto method : {ProbeOptions::Method::Chain, ProbeOptions::Method::Parallel}) {
            const ProbeResult shuffled = probe(port(QStringLiteral("shuffled")), method);
            QCOMPARE(shuffled.cipherNames(QStringLiteral("TLSv1.2")), ShuffledSuites);
            QCOMPARE(shuffled.cipherNames(QStringLiteral("TLSv1.3")), ShuffledTls13);
            QCOMPARE(shuffled.protocol(QStringLiteral("TLSv1.2"))->serverOrder,
                     std::optional<bool>(true));
            QCOMPARE(shuffled.protocol(QStringLiteral("TLSv1.3"))->serverOrder,
                     std::optional<bool>(true));
            const ProbeResult reverse = probe(port(QStringLiteral("reversed")), method);
            QCOMPARE(reverse.cipherNames(QStringLiteral("TLSv1.2")), reversed(RsaSuites));
            QCOMPARE(reverse.serverCipherOrder, std::optional<bool>(true));
            QVERIFY(reverse.notes.filter(QStringLiteral("order")).isEmpty());
        }
    }

    // On loopback the automatic choice is the chain (unless the machine is so busy that the
    // first answers took as long as over a slow link).
    void automaticOnLoopback()
    {
        const ProbeResult result = probe(port(QStringLiteral("good")), {});
        QVERIFY(result.firstAnswerMs >= 0);
        QCOMPARE(result.parallelMethod,
                 result.firstAnswerMs >= ProbeOptions::SlowLinkFirstAnswer.count() / 1000.0);
        QCOMPARE(result.connections, result.parallelMethod ? ProbeOptions::SlowLinkParallelism
                                                           : ProbeOptions::DefaultParallelism);
        QVERIFY2(difference(result, chain(QStringLiteral("good"))).isEmpty(),
                 qPrintable(difference(result, chain(QStringLiteral("good")))));
    }

    void slowLink_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("parallelism");
        QTest::newRow("legacy") << QStringLiteral("legacy") << 0;
        QTest::newRow("good") << QStringLiteral("good") << 0;
        QTest::newRow("good, 6 connections") << QStringLiteral("good") << 6;
        QTest::newRow("no-fs") << QStringLiteral("no-fs") << 0;
    }

    // Through a link with a 20 ms round trip: the parallel method, with more connections unless
    // told how many, and the same answers as the chain on loopback.
    void slowLink()
    {
        QFETCH(QString, scenario);
        QFETCH(int, parallelism);
        const ProbeResult reference = chain(scenario);
        DelayProxy proxy(port(scenario), 10);
        QVERIFY2(proxy.error().isEmpty(), qPrintable(proxy.error()));
        const ProbeResult slow = probe(proxy.port(), {}, parallelism);
        qInfo("%s over 20 ms RTT: %.0f ms (%d handshakes, %d connections, first answer %.1f ms)",
              qPrintable(scenario), slow.ms, slow.handshakes, slow.connections, slow.firstAnswerMs);
        QVERIFY2(slow.firstAnswerMs >= 20, qPrintable(QString::number(slow.firstAnswerMs)));
        QVERIFY(slow.parallelMethod);
        QCOMPARE(slow.connections,
                 parallelism > 0 ? parallelism : ProbeOptions::SlowLinkParallelism);
        const QString different = difference(reference, slow);
        QVERIFY2(different.isEmpty(), qPrintable(scenario + QStringLiteral(": ") + different));
    }
};

QTEST_GUILESS_MAIN(tst_ProbeMethods)
#include "tst_ProbeMethods.moc"
