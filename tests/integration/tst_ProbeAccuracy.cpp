// The TLS probe against an independent oracle: on every TLS lab scenario, Rediscope's Probe and
// `sslscan` (2.0, Debian package) must agree on the protocol versions, the accepted cipher suites
// per version (and their order when the server enforces one), the key-exchange groups, the
// ephemeral key sizes per suite, and secure renegotiation where sslscan can test it. Plus the
// facts each scenario exists to show. A missing sslscan is a failure, never a skip.
//
// Where the two tools legitimately differ, the comparison says why:
// - SSLv3: this OpenSSL has no SSLv3, so the probe reports "not testable" (null); sslscan sends a
//   hand-made SSLv3 hello and reports "disabled". Not a disagreement: the lab's redis-server uses
//   the same OpenSSL, so sslscan must say disabled.
// - Renegotiation: sslscan tests it with a TLS 1.0-only handshake, so on servers without TLS 1.0
//   it prints "not supported" for any server; the probe asks on the highest TLS <= 1.2 version.
//   Compared only where TLS 1.0 is accepted.
// - mtls: sslscan counts a suite only when the whole handshake succeeds and sends only the leaf
//   of a client certificate, so it is given a client certificate signed directly by the lab root.
//   The probe runs without any certificate (the point of the scenario).

#include "LabEnvironment.h"
#include "SslscanReport.h"
#include "tls/Probe.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace rediscope;
using namespace rediscope::lab;
using namespace rediscope::sslscan;

namespace {

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QString describe(const std::optional<bool>& value)
{
    return !value ? QStringLiteral("null") : *value ? QStringLiteral("yes") : QStringLiteral("no");
}

// The TLS scenarios this test must cover; labScenarios() must not have more without a row here.
const QStringList TlsScenarios{
    QStringLiteral("good"),          QStringLiteral("legacy"),     QStringLiteral("tls13-only"),
    QStringLiteral("expired"),       QStringLiteral("wrong-host"), QStringLiteral("self-signed"),
    QStringLiteral("weak-key"),      QStringLiteral("sha1"),       QStringLiteral("no-san"),
    QStringLiteral("not-yet-valid"), QStringLiteral("mtls"),       QStringLiteral("plaintext-too"),
    QStringLiteral("nopass"),        QStringLiteral("no-fs"),
};

} // namespace

class tst_ProbeAccuracy : public QObject
{
    Q_OBJECT

private:
    QString m_sslscan;
    QTemporaryDir m_work;
    QString m_sslscanClientCert; // signed by the lab root directly: sslscan sends no chain
    QHash<QString, ProbeResult> m_probed;

    LabServer* server(const QString& scenario)
    {
        QString error;
        LabServer* server = LabEnvironment::shared().server(scenario, &error);
        if (!server)
            qFatal("lab scenario %s: %s", qPrintable(scenario), qPrintable(error));
        return server;
    }

    ProbeResult probe(const QString& scenario)
    {
        if (const auto found = m_probed.constFind(scenario); found != m_probed.cend())
            return *found;
        ProbeOptions options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = server(scenario)->tlsPort();
        options.deadline = Deadline::in(std::chrono::seconds(120));
        int lastDone = -1;
        int lastTotal = -1;
        bool monotonic = true;
        const auto result = Probe::run(options, CancelToken(), [&](int done, int total) {
            monotonic = monotonic && done >= lastDone && total >= lastTotal && done <= total;
            lastDone = done;
            lastTotal = total;
        });
        if (!result)
            qFatal("probe of %s failed: %s", qPrintable(scenario),
                   qPrintable(result.error().toString()));
        if (!monotonic || lastDone != lastTotal || lastDone <= 0)
            qFatal("probe of %s: progress went wrong (%d/%d)", qPrintable(scenario), lastDone,
                   lastTotal);
        m_probed.insert(scenario, *result);
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sslscan = QStandardPaths::findExecutable(QStringLiteral("sslscan"));
        if (m_sslscan.isEmpty())
            QFAIL("sslscan is not installed: the probe's accuracy is checked against it. Install "
                  "it (apt-get install sslscan) or put it on PATH.");
        const QString labError = LabEnvironment::shared().setupError();
        QVERIFY2(labError.isEmpty(), qPrintable(labError));
        QVERIFY(m_work.isValid());

        // Every TLS scenario of the lab is compared below.
        QStringList tlsScenarios;
        for (const LabScenario& scenario : labScenarios())
            if (scenario.tls)
                tlsScenarios << scenario.name;
        QCOMPARE(sorted(tlsScenarios), sorted(TlsScenarios));

        // sslscan loads only the first certificate of a file, and the lab's client certificate
        // needs its intermediate: give sslscan one signed by the root for the mtls comparison.
        const LabPki& pki = LabEnvironment::shared().pki();
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!openssl.isEmpty(), "the openssl command line tool is needed");
        const QString request = m_work.filePath(QStringLiteral("client.csr"));
        m_sslscanClientCert = m_work.filePath(QStringLiteral("client-root.pem"));
        const auto run = [&openssl](const QStringList& arguments) {
            QProcess process;
            process.start(openssl, arguments);
            process.waitForFinished(60000);
            return process.exitCode() == 0 ? QString()
                                           : QString::fromLocal8Bit(process.readAllStandardError());
        };
        QString failed =
            run({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"),
                 pki.clientKey(), QStringLiteral("-subj"), QStringLiteral("/CN=sslscan-client"),
                 QStringLiteral("-out"), request});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        failed =
            run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), request,
                 QStringLiteral("-CA"), pki.rootCa(), QStringLiteral("-CAkey"),
                 pki.directory() + QStringLiteral("/root-ca.key"), QStringLiteral("-set_serial"),
                 QStringLiteral("4242"), QStringLiteral("-days"), QStringLiteral("2"),
                 QStringLiteral("-out"), m_sslscanClientCert});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void matchesSslscan_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const QString& scenario : TlsScenarios)
            QTest::newRow(qPrintable(scenario)) << scenario;
    }

    void matchesSslscan()
    {
        QFETCH(QString, scenario);
        LabServer* lab = server(scenario);
        const ProbeResult ours = probe(scenario);
        QStringList extra;
        if (lab->scenario().clientAuth)
            extra << QStringLiteral("--certs=") + m_sslscanClientCert
                  << QStringLiteral("--pk=") + LabEnvironment::shared().pki().clientKey();
        const SslscanReport theirs = runSslscan(m_sslscan, lab->tlsPort(), extra);
        QVERIFY2(theirs.error.isEmpty(), qPrintable(theirs.error));
        qInfo("%s: probe %.0f ms (%d handshakes), sslscan %.0f ms", qPrintable(scenario), ours.ms,
              ours.handshakes, theirs.ms);

        QVERIFY2(ours.complete(), qPrintable(ours.errors.join(QLatin1Char('\n'))));
        QCOMPARE(ours.address, QStringLiteral("127.0.0.1:%1").arg(lab->tlsPort()));

        // SSLv3: not testable here, and sslscan's own hello finds it disabled.
        QVERIFY(!ours.accepts(QStringLiteral("SSLv3")).has_value());
        QVERIFY(!ours.protocol(QStringLiteral("SSLv3"))->note.isEmpty());
        QCOMPARE(theirs.protocols.value(QStringLiteral("SSLv3"), true), false);

        for (const QString& version : {QStringLiteral("TLSv1"), QStringLiteral("TLSv1.1"),
                                       QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")}) {
            const QString where = scenario + QLatin1Char(' ') + version;
            const ProbedProtocol* protocol = ours.protocol(version);
            QVERIFY2(protocol->accepted.has_value(), qPrintable(where + protocol->note));
            QVERIFY2(theirs.protocols.contains(version), qPrintable(where));
            QVERIFY2(*protocol->accepted == theirs.protocols.value(version),
                     qPrintable(where + QStringLiteral(": probe ") + describe(protocol->accepted)));

            // The accepted suites, as sets, then in order where the server enforces one (sslscan
            // lists them in the order the server selected them).
            const QStringList ourSuites = protocol->suiteNames();
            const QStringList theirSuites = theirs.ciphers.value(version);
            if (sorted(ourSuites) != sorted(theirSuites)) {
                QStringList onlyOurs, onlyTheirs;
                for (const QString& suite : ourSuites)
                    if (!theirSuites.contains(suite))
                        onlyOurs << suite;
                for (const QString& suite : theirSuites)
                    if (!ourSuites.contains(suite))
                        onlyTheirs << suite;
                QFAIL(qPrintable(
                    where + QStringLiteral(": only the probe: ") + onlyOurs.join(QLatin1Char(' ')) +
                    QStringLiteral("; only sslscan: ") + onlyTheirs.join(QLatin1Char(' '))));
            }
            if (ourSuites.size() >= 2) {
                QVERIFY2(protocol->serverOrder == true, qPrintable(where)); // lab: server order
                QCOMPARE(ourSuites, theirSuites);
            }

            // The ephemeral key each suite's handshake used: sslscan's dhebits / ecdhebits.
            for (const ProbedSuite& suite : protocol->suites) {
                const QString key = version + QLatin1Char(' ') + suite.info.name;
                const QString context = scenario + QLatin1Char(' ') + key;
                if (theirs.keyBits.contains(key))
                    QVERIFY2(suite.keyExchangeBits == theirs.keyBits.value(key),
                             qPrintable(context + QStringLiteral(": %1 vs %2")
                                                      .arg(suite.keyExchangeBits)
                                                      .arg(theirs.keyBits.value(key))));
                else
                    QVERIFY2(suite.keyExchangeBits == 0 && suite.info.staticRsa(),
                             qPrintable(context));
            }
        }

        // Groups: TLS 1.3 ones, and the TLS <= 1.2 curves at the highest such version.
        QStringList groupVersions = theirs.groups.keys();
        for (const ProbedGroup& group : ours.groups)
            if (!groupVersions.contains(group.protocol))
                groupVersions << group.protocol;
        for (const QString& version : std::as_const(groupVersions))
            QVERIFY2(sorted(ours.groupNames(version)) == sorted(theirs.groups.value(version)),
                     qPrintable(scenario + QLatin1Char(' ') + version + QStringLiteral(": ") +
                                ours.groupNames(version).join(QLatin1Char(' ')) +
                                QStringLiteral(" vs ") +
                                theirs.groups.value(version).join(QLatin1Char(' '))));

        // sslscan asks about renegotiation on TLS 1.0 only.
        if (ours.accepts(QStringLiteral("TLSv1")) == true) {
            QVERIFY(theirs.secureRenegotiation.has_value());
            QCOMPARE(ours.secureRenegotiation, theirs.secureRenegotiation);
        }
    }

    void timings()
    {
        // Wall time of a full probe next to sslscan's on the same server (informational only).
        for (const QString& scenario : {QStringLiteral("good"), QStringLiteral("legacy")}) {
            LabServer* lab = server(scenario);
            ProbeOptions options;
            options.host = QStringLiteral("127.0.0.1");
            options.port = lab->tlsPort();
            QElapsedTimer clock;
            clock.start();
            const auto result = Probe::run(options, CancelToken());
            const double probeMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            QVERIFY(result);
            const SslscanReport theirs = runSslscan(m_sslscan, lab->tlsPort(), {});
            QVERIFY2(theirs.error.isEmpty(), qPrintable(theirs.error));
            qInfo("timing %s: probe %.0f ms wall (%d handshakes, %d in parallel, %s), sslscan "
                  "%.0f ms",
                  qPrintable(scenario), probeMs, result->handshakes, result->connections,
                  result->parallelMethod ? "parallel method" : "chain", theirs.ms);
        }
    }

    void legacyFacts()
    {
        const ProbeResult legacy = probe(QStringLiteral("legacy"));
        QCOMPARE(legacy.accepts(QStringLiteral("TLSv1")), std::optional<bool>(true));
        QCOMPARE(legacy.accepts(QStringLiteral("TLSv1.1")), std::optional<bool>(true));
        QCOMPARE(legacy.accepts(QStringLiteral("TLSv1.2")), std::optional<bool>(true));
        QCOMPARE(legacy.accepts(QStringLiteral("TLSv1.3")), std::optional<bool>(true));
        for (const QString& version : {QStringLiteral("TLSv1"), QStringLiteral("TLSv1.2")}) {
            const QStringList names = legacy.cipherNames(version);
            QVERIFY2(std::any_of(names.cbegin(), names.cend(),
                                 [](const QString& name) {
                                     return name.startsWith(QLatin1String("ADH-"));
                                 }),
                     qPrintable(version + QStringLiteral(": ") + names.join(QLatin1Char(' '))));
        }
        QVERIFY(
            legacy.anySuite([](const CipherSuiteInfo& info) { return info.nullAnonOrExport(); }));
        QVERIFY(legacy.anySuite([](const CipherSuiteInfo& info) { return info.staticRsa(); }));
        QCOMPARE(legacy.secureRenegotiation, std::optional<bool>(true));
        QCOMPARE(legacy.serverCipherOrder, std::optional<bool>(true));
        QCOMPARE(legacy.clientCertRequired, std::optional<bool>(false));
        // Anonymous 128-bit suites get a 1024-bit group from the server's automatic DH choice.
        QVERIFY(legacy.minDheBits.has_value());
        QVERIFY2(*legacy.minDheBits < 2048, qPrintable(QString::number(*legacy.minDheBits)));
        QCOMPARE(legacy.minEcdheBits, std::optional<int>(253)); // X25519
    }

    void tls13OnlyFacts()
    {
        const ProbeResult result = probe(QStringLiteral("tls13-only"));
        QCOMPARE(result.acceptedProtocols(), QStringList{QStringLiteral("TLSv1.3")});
        for (const QString& version :
             {QStringLiteral("TLSv1"), QStringLiteral("TLSv1.1"), QStringLiteral("TLSv1.2")})
            QCOMPARE(result.accepts(version), std::optional<bool>(false));
        QVERIFY(!result.accepts(QStringLiteral("SSLv3")).has_value());
        QVERIFY(!result.secureRenegotiation.has_value()); // no TLS <= 1.2 to ask on
        QVERIFY(!result.cipherNames(QStringLiteral("TLSv1.3")).isEmpty());
        QVERIFY(result.groupNames(QStringLiteral("TLSv1.2")).isEmpty());
        QVERIFY(result.groupNames(QStringLiteral("TLSv1.3")).contains(QStringLiteral("X25519")));
    }

    void noFsFacts()
    {
        const ProbeResult result = probe(QStringLiteral("no-fs"));
        QCOMPARE(result.acceptedProtocols(), QStringList{QStringLiteral("TLSv1.2")});
        QCOMPARE(sorted(result.cipherNames(QStringLiteral("TLSv1.2"))),
                 sorted({QStringLiteral("AES128-SHA"), QStringLiteral("AES256-SHA"),
                         QStringLiteral("AES128-SHA256"), QStringLiteral("AES256-SHA256")}));
        const QList<ProbedSuite> suites = result.allSuites();
        QVERIFY(!suites.isEmpty());
        for (const ProbedSuite& suite : suites) {
            QVERIFY2(suite.info.staticRsa() && suite.info.cbc() && !suite.info.forwardSecrecy(),
                     qPrintable(suite.info.name));
            QCOMPARE(suite.keyExchangeBits, 0);
        }
        QVERIFY(!result.anySuite([](const CipherSuiteInfo& info) { return info.aead(); }));
        QVERIFY(!result.minDheBits.has_value());
        QVERIFY(!result.minEcdheBits.has_value());
        QVERIFY(result.groups.isEmpty()); // no ECDHE suite to use a curve with
        QCOMPARE(result.secureRenegotiation, std::optional<bool>(true));
    }

    void mtlsProbedFully()
    {
        const ProbeResult mtls = probe(QStringLiteral("mtls"));
        const ProbeResult good = probe(QStringLiteral("good"));
        QVERIFY(mtls.clientCertRequested);
        QCOMPARE(mtls.clientCertRequired, std::optional<bool>(true));
        QCOMPARE(good.clientCertRequired, std::optional<bool>(false));
        QVERIFY(!good.clientCertRequested);
        // Same TLS configuration as good apart from the client certificate: the same answers.
        QCOMPARE(mtls.acceptedProtocols(), good.acceptedProtocols());
        for (const QString& version : {QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")}) {
            QVERIFY(!mtls.cipherNames(version).isEmpty());
            QCOMPARE(mtls.cipherNames(version), good.cipherNames(version));
            QCOMPARE(mtls.groupNames(version), good.groupNames(version));
        }
        QCOMPARE(mtls.secureRenegotiation, good.secureRenegotiation);
        QVERIFY(!mtls.notes.filter(QStringLiteral("client certificate")).isEmpty());
    }

    void goodFacts()
    {
        const ProbeResult good = probe(QStringLiteral("good"));
        QCOMPARE(good.acceptedProtocols(),
                 QStringList({QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")}));
        QVERIFY(
            !good.anySuite([](const CipherSuiteInfo& info) { return info.nullAnonOrExport(); }));
        QVERIFY(!good.anySuite([](const CipherSuiteInfo& info) { return info.low(); }));
        QCOMPARE(good.serverCipherOrder, std::optional<bool>(true));
        QCOMPARE(good.secureRenegotiation, std::optional<bool>(true));
        QCOMPARE(good.minDheBits, std::optional<int>(2048));
        QCOMPARE(good.cipherNames(QStringLiteral("TLSv1.3")).value(0),
                 QStringLiteral("TLS_AES_256_GCM_SHA384"));
        const QList<ProbedSuite> tls13 = good.protocol(QStringLiteral("TLSv1.3"))->suites;
        QVERIFY(!tls13.isEmpty());
        QCOMPARE(tls13.first().group, QStringLiteral("X25519"));
        QCOMPARE(tls13.first().keyExchangeBits, 253);
    }

    void plaintextPortIsNotTls()
    {
        // redis-server reads a ClientHello on its plaintext port as the start of an inline
        // command and waits for the rest: silence, so a timeout that says so.
        LabServer* lab = server(QStringLiteral("plaintext-too"));
        ProbeOptions options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = lab->plaintextPort();
        options.handshakeTimeout = std::chrono::milliseconds(500);
        options.deadline = Deadline::in(std::chrono::seconds(30));
        const auto result = Probe::run(options, CancelToken());
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Timeout);
        QCOMPARE(result.error().stage, Stage::Tls);
        QVERIFY2(result.error().message.contains(QLatin1String("may not speak TLS")),
                 qPrintable(result.error().message));
    }

    void closedPortFails()
    {
        ProbeOptions options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = freePort();
        const auto result = Probe::run(options, CancelToken());
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::ConnectRefused);
        QCOMPARE(result.error().stage, Stage::Tcp);
    }

    void cancelStopsPromptly()
    {
        ProbeOptions options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = server(QStringLiteral("legacy"))->tlsPort();
        CancelToken cancel;
        QElapsedTimer clock;
        clock.start();
        int seen = 0;
        const auto result = Probe::run(options, cancel, [&](int done, int) {
            seen = done;
            if (done >= 10)
                cancel.cancel();
        });
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QVERIFY(seen >= 10);
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    }

    void deadlineIsAnError()
    {
        ProbeOptions options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = server(QStringLiteral("legacy"))->tlsPort();
        options.deadline = Deadline::in(std::chrono::milliseconds(30));
        const auto result = Probe::run(options, CancelToken());
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Timeout);
    }
};

QTEST_GUILESS_MAIN(tst_ProbeAccuracy)
#include "tst_ProbeAccuracy.moc"
