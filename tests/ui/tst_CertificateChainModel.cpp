// The certificate chain model on the chains of real audits (lab scenarios good, expired,
// legacy): it passes QAbstractItemModelTester, shows leaf → root with each certificate's fields,
// and marks what is wrong (expiry, verification errors) in words.

#include "LabAudit.h"
#include "controllers/Translations.h"
#include "models/CertificateChainModel.h"

#include <QAbstractItemModelTester>

using namespace rediscope;
using namespace rediscope::test;

namespace {

// The value of one field row (by key) of one certificate.
QString fieldValue(const CertificateChainModel& model, int certificate, const QString& key)
{
    const QModelIndex parent = model.certificateIndex(certificate);
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, CertificateChainModel::FieldColumn, parent);
        if (index.data(CertificateChainModel::FieldKeyRole).toString() == key)
            return model.index(row, CertificateChainModel::ValueColumn, parent).data().toString();
    }
    return QStringLiteral("<no field %1>").arg(key);
}

bool fieldProblem(const CertificateChainModel& model, int certificate, const QString& key)
{
    const QModelIndex parent = model.certificateIndex(certificate);
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, CertificateChainModel::FieldColumn, parent);
        if (index.data(CertificateChainModel::FieldKeyRole).toString() == key)
            return index.data(CertificateChainModel::ProblemRole).toBool();
    }
    return false;
}

} // namespace

class tst_CertificateChainModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        QVERIFY(installTranslations(QCoreApplication::instance()));
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
        QVERIFY(result.inspect.tls.has_value());
        const TlsFacts& tls = *result.inspect.tls;

        CertificateChainModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setChain(tls.chainSent, tls.verifyIssues);
        QCOMPARE(model.rowCount(), tls.chainSent.size());
        QVERIFY(model.rowCount() > 0);
        model.setChain(tls.chainVerified, tls.verifyIssues);
        QCOMPARE(model.rowCount(), tls.chainVerified.size());
        model.setReferenceTime(QDateTime::currentDateTimeUtc().addDays(1));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        model.setChain(tls.chainSent, tls.verifyIssues);

        // Every certificate has its fields as children, and a field row has no children.
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex certificate = model.certificateIndex(row);
            QVERIFY(model.rowCount(certificate) >= 10);
            QVERIFY(!model.hasChildren(model.index(0, 0, certificate)));
            QCOMPARE(model.certificate(model.index(2, 1, certificate)), model.certificate(row));
        }
    }

    void goodChainLeafToRoot()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const TlsFacts& tls = *result.inspect.tls;
        CertificateChainModel model;
        model.setChain(tls.chainVerified, tls.verifyIssues);
        QVERIFY(model.rowCount() >= 2);
        const CertificateInfo& leaf = tls.chainVerified.constFirst();
        QVERIFY(model.certificateIndex(0).data().toString().startsWith(QStringLiteral("Leaf — ")));
        QVERIFY(model.certificateIndex(0).data().toString().contains(leaf.commonName));
        QVERIFY(model.certificateIndex(model.rowCount() - 1)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Root — ")));
        QVERIFY(model.index(0, CertificateChainModel::ValueColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("Valid, ")));
        QVERIFY(!model.certificateIndex(0).data(CertificateChainModel::ProblemRole).toBool());

        QCOMPARE(fieldValue(model, 0, QStringLiteral("subject")), leaf.subject);
        QCOMPARE(fieldValue(model, 0, QStringLiteral("issuer")), leaf.issuer);
        QCOMPARE(fieldValue(model, 0, QStringLiteral("serial")), leaf.serial);
        QCOMPARE(fieldValue(model, 0, QStringLiteral("signature")), leaf.signatureAlgorithm);
        QVERIFY(
            fieldValue(model, 0, QStringLiteral("san")).contains(QLatin1String("IP:127.0.0.1")));
        QVERIFY(fieldValue(model, 0, QStringLiteral("key")).startsWith(leaf.keyType));
        QVERIFY(fieldValue(model, 0, QStringLiteral("validity"))
                    .contains(QStringLiteral("%1 days left")
                                  .arg(leaf.daysLeft(QDateTime::currentDateTimeUtc()))));
        QString fingerprint = fieldValue(model, 0, QStringLiteral("sha256"));
        QCOMPARE(fingerprint.size(), 32 * 2 + 31);
        QCOMPARE(fingerprint.remove(QLatin1Char(':')).toLower(), leaf.sha256);
        QCOMPARE(fieldValue(model, 0, QStringLiteral("verify-errors")), QStringLiteral("none"));
    }

    void expiredLeafSaysSo()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("expired"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const TlsFacts& tls = *result.inspect.tls;
        CertificateChainModel model;
        model.setChain(tls.chainSent, tls.verifyIssues);
        const QString summary =
            model.index(0, CertificateChainModel::ValueColumn).data().toString();
        QVERIFY2(summary.startsWith(QLatin1String("Expired ")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("certificate has expired")), qPrintable(summary));
        QVERIFY(model.certificateIndex(0).data(CertificateChainModel::ProblemRole).toBool());
        QVERIFY(
            fieldValue(model, 0, QStringLiteral("validity")).contains(QLatin1String("Expired")));
        QVERIFY(fieldProblem(model, 0, QStringLiteral("validity")));
        QVERIFY(fieldValue(model, 0, QStringLiteral("verify-errors"))
                    .contains(QLatin1String("certificate has expired")));
        QVERIFY(fieldProblem(model, 0, QStringLiteral("verify-errors")));
        QVERIFY(!fieldProblem(model, 0, QStringLiteral("subject")));
    }

    void validityWording()
    {
        CertificateInfo info;
        info.notBefore = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
        info.notAfter = QDateTime(QDate(2024, 12, 31), QTime(0, 0), Qt::UTC);
        QCOMPARE(CertificateChainModel::validityText(
                     info, QDateTime(QDate(2023, 12, 30), QTime(0, 0), Qt::UTC)),
                 QStringLiteral("Not yet valid (starts in 2 days)"));
        QCOMPARE(CertificateChainModel::validityText(
                     info, QDateTime(QDate(2023, 12, 31), QTime(0, 0), Qt::UTC)),
                 QStringLiteral("Not yet valid (starts in 1 day)"));
        QCOMPARE(CertificateChainModel::validityText(
                     info, QDateTime(QDate(2024, 12, 1), QTime(0, 0), Qt::UTC)),
                 QStringLiteral("Valid, 30 days left"));
        QCOMPARE(CertificateChainModel::validityText(
                     info, QDateTime(QDate(2024, 12, 30), QTime(0, 0), Qt::UTC)),
                 QStringLiteral("Valid, 1 day left"));
        QCOMPARE(CertificateChainModel::validityText(
                     info, QDateTime(QDate(2025, 1, 10), QTime(0, 0), Qt::UTC)),
                 QStringLiteral("Expired 10 days ago"));
        QCOMPARE(CertificateChainModel::validityText(
                     info, QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC)),
                 QStringLiteral("Expired 1 day ago"));
        QCOMPARE(CertificateChainModel::fingerprintText(QStringLiteral("0aff10")),
                 QStringLiteral("0A:FF:10"));
    }
};

QTEST_MAIN(tst_CertificateChainModel)
#include "tst_CertificateChainModel.moc"
