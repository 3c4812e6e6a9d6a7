// The probe models on real probes (good, expired, legacy): protocols, the suites × protocols
// matrix and the groups pass QAbstractItemModelTester and show what the probe found — accepted
// suites ticked at their versions, FS/AEAD markers in words, an untestable protocol as "not
// testable", never as refused.

#include "LabAudit.h"
#include "models/ProbeMatrixModel.h"

#include <QAbstractItemModelTester>

using namespace rediscope;
using namespace rediscope::test;

namespace {

int protocolColumn(const QString& protocol)
{
    return ProbeMatrixModel::SuiteFirstProtocolColumn +
           static_cast<int>(ProbeMatrixModel::protocolColumns().indexOf(protocol));
}

int suiteRow(const ProbeMatrixModel& model, const QString& name)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, ProbeMatrixModel::SuiteNameColumn).data().toString() == name)
            return row;
    return -1;
}

} // namespace

class tst_ProbeMatrixModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
    }

    void passesModelTester_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::newRow("good") << QStringLiteral("good");
        QTest::newRow("expired") << QStringLiteral("expired");
        QTest::newRow("legacy") << QStringLiteral("legacy");
    }

    void passesModelTester()
    {
        QFETCH(QString, scenario);
        QString error;
        const AuditResult result = labAudit(scenario, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(result.probe.has_value());
        const ProbeResult& probe = *result.probe;

        for (auto content :
             {ProbeMatrixModel::Content::Protocols, ProbeMatrixModel::Content::Suites,
              ProbeMatrixModel::Content::Groups}) {
            ProbeMatrixModel model(content);
            QAbstractItemModelTester tester(&model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(model.rowCount(), 0);
            model.setProbe(probe);
            QVERIFY(model.rowCount() > 0);
            model.clear();
            QCOMPARE(model.rowCount(), 0);
            model.setProbe(probe);
        }

        ProbeMatrixModel protocols(ProbeMatrixModel::Content::Protocols);
        protocols.setProbe(probe);
        QCOMPARE(protocols.rowCount(), 5);
        for (int row = 0; row < protocols.rowCount(); ++row) {
            const ProbedProtocol& expected = probe.protocols.at(row);
            QCOMPARE(protocols.index(row, ProbeMatrixModel::ProtocolNameColumn).data().toString(),
                     expected.name);
            QCOMPARE(protocols.index(row, ProbeMatrixModel::ProtocolResultColumn).data().toString(),
                     ProbeMatrixModel::acceptanceText(expected.accepted));
        }
        // SSLv3 is compiled out of OpenSSL: not testable, never "refused".
        QCOMPARE(protocols.index(0, ProbeMatrixModel::ProtocolResultColumn).data().toString(),
                 QStringLiteral("not testable"));
        QVERIFY(!protocols.index(0, 0).data(ProbeMatrixModel::AcceptedRole).isValid());

        // The matrix ticks exactly the accepted (suite, version) pairs.
        ProbeMatrixModel suites(ProbeMatrixModel::Content::Suites);
        suites.setProbe(probe);
        int ticks = 0;
        for (int row = 0; row < suites.rowCount(); ++row)
            for (int column = ProbeMatrixModel::SuiteFirstProtocolColumn;
                 column < ProbeMatrixModel::SuiteKeyExchangeColumn; ++column)
                ticks += suites.index(row, column).data(ProbeMatrixModel::AcceptedRole).toBool();
        QCOMPARE(ticks, probe.allSuites().size());
        for (const ProbedSuite& suite : probe.allSuites()) {
            const int row = suiteRow(suites, suite.info.name);
            QVERIFY2(row >= 0, qPrintable(suite.info.name));
            const QModelIndex cell = suites.index(row, protocolColumn(suite.protocol));
            QCOMPARE(cell.data().toString(), QStringLiteral("✓"));
            QCOMPARE(
                suites.index(row, ProbeMatrixModel::SuiteForwardSecrecyColumn).data().toString(),
                suite.info.forwardSecrecy() ? QStringLiteral("FS") : QStringLiteral("no FS"));
        }
        const QModelIndex sslv3 = suites.index(0, protocolColumn(QStringLiteral("SSLv3")));
        QCOMPARE(sslv3.data().toString(), QStringLiteral("n/t"));
        QVERIFY(
            sslv3.data(Qt::ToolTipRole).toString().contains(QLatin1String("could not be tested")));
        QVERIFY(suites.headerData(protocolColumn(QStringLiteral("SSLv3")), Qt::Horizontal)
                    .toString()
                    .contains(QLatin1String("not testable")));

        ProbeMatrixModel groups(ProbeMatrixModel::Content::Groups);
        groups.setProbe(probe);
        QCOMPARE(groups.rowCount(), probe.groups.size());
        for (int row = 0; row < groups.rowCount(); ++row)
            QCOMPARE(groups.index(row, ProbeMatrixModel::GroupNameColumn).data().toString(),
                     probe.groups.at(row).name);
    }

    void legacyAndGoodDiffer()
    {
        QString error;
        const AuditResult legacy = labAudit(QStringLiteral("legacy"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const AuditResult good = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        ProbeMatrixModel suites(ProbeMatrixModel::Content::Suites);
        suites.setProbe(*legacy.probe);
        const QString tls10 =
            suites.headerData(protocolColumn(QStringLiteral("TLSv1")), Qt::Horizontal).toString();
        QCOMPARE(tls10, QStringLiteral("TLSv1\naccepted"));
        bool staticRsa = false;
        for (int row = 0; row < suites.rowCount(); ++row)
            staticRsa |=
                suites.index(row, ProbeMatrixModel::SuiteForwardSecrecyColumn).data().toString() ==
                QLatin1String("no FS");
        QVERIFY(staticRsa);

        suites.setProbe(*good.probe);
        QCOMPARE(
            suites.headerData(protocolColumn(QStringLiteral("TLSv1")), Qt::Horizontal).toString(),
            QStringLiteral("TLSv1\nrefused"));
        const int aes = suiteRow(suites, QStringLiteral("TLS_AES_256_GCM_SHA384"));
        QVERIFY(aes >= 0);
        QCOMPARE(suites.index(aes, protocolColumn(QStringLiteral("TLSv1.3"))).data().toString(),
                 QStringLiteral("✓"));
        QCOMPARE(suites.index(aes, ProbeMatrixModel::SuiteAeadColumn).data().toString(),
                 QStringLiteral("AEAD"));
        QCOMPARE(suites.index(aes, protocolColumn(QStringLiteral("TLSv1.2"))).data().toString(),
                 QString());
    }
};

QTEST_MAIN(tst_ProbeMatrixModel)
#include "tst_ProbeMatrixModel.moc"
