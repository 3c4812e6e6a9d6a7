// The certificates view on real audits: the chain as sent and as verified, the leaf selected
// with its PEM, expiry in words, copy PEM / fingerprint and export PEM; screenshots for review.

#include "LabAudit.h"
#include "controllers/Translations.h"
#include "models/CertificateChainModel.h"
#include "views/CertificatesView.h"

#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTreeView>

using namespace rediscope;
using namespace rediscope::test;

class tst_CertificatesView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        QVERIFY(installTranslations(QCoreApplication::instance()));
    }

    void emptyStates()
    {
        CertificatesView view;
        QVERIFY(!view.isShowingContent());
        QVERIFY(view.emptyText().startsWith(QLatin1String("Connect to see")));
        InspectResult plaintext;
        plaintext.endpoint.tls = false;
        view.setInspectResult(plaintext);
        QVERIFY(!view.isShowingContent());
        QVERIFY(view.emptyText().startsWith(QLatin1String("TLS is off")));
        InspectResult refused;
        refused.endpoint.tls = true;
        view.setInspectResult(refused);
        QVERIFY(view.emptyText().contains(QLatin1String("No certificate was received")));
        view.clear();
        QVERIFY(view.emptyText().startsWith(QLatin1String("Connect to see")));
    }

    void goodChain()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const TlsFacts& tls = *result.inspect.tls;
        CertificatesView view;
        view.setAuditResult(result);
        QVERIFY(view.isShowingContent());
        QCOMPARE(view.chain(), CertificatesView::Chain::Sent);
        QCOMPARE(view.model()->rowCount(), tls.chainSent.size());
        QVERIFY(view.selectedCertificate());
        QCOMPARE(view.selectedCertificate()->sha256, tls.chainSent.constFirst().sha256);
        const auto* pem = view.findChild<QPlainTextEdit*>(QStringLiteral("pemText"));
        QVERIFY(pem);
        QCOMPARE(pem->toPlainText().toLatin1(), tls.chainSent.constFirst().pem());
        QVERIFY(visibleText(&view).contains(QLatin1String("Valid, ")));

        view.setChain(CertificatesView::Chain::Verified);
        QCOMPARE(view.model()->rowCount(), tls.chainVerified.size());
        QVERIFY(view.model()
                    ->certificateIndex(view.model()->rowCount() - 1)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("Root")));
        view.selectCertificate(view.model()->rowCount() - 1);
        QCOMPARE(view.selectedCertificate()->sha256, tls.chainVerified.constLast().sha256);
        QVERIFY(!writeScreenshot(&view, QStringLiteral("certificates-good-verified")).isEmpty());
    }

    // Counts read in words ("1 day", "31 days", "2 certificates"), never as "day(s)".
    void countsInWords_data() { addDaysInWordsRows(); }

    void countsInWords()
    {
        QFETCH(int, days);
        QFETCH(QString, expected);
        QString error;
        const AuditResult result = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        CertificatesView view;
        view.setAuditResult(withLeafDaysLeft(result, days));
        QString text = visibleText(&view);
        const auto* chains = view.findChild<QComboBox*>();
        QVERIFY(chains);
        for (int i = 0; i < chains->count(); ++i)
            text += QLatin1Char('\n') + chains->itemText(i);
        QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String(" certificates)")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("(s)")), qPrintable(text));
    }

    void expiredChainCopyAndExport()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("expired"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const CertificateInfo& leaf = result.inspect.tls->chainSent.constFirst();
        CertificatesView view;
        view.setAuditResult(result);
        const QString text = visibleText(&view);
        QVERIFY(text.contains(QLatin1String("Expired ")));
        QVERIFY(text.contains(QLatin1String("certificate has expired")));
        auto* status = view.findChild<QLabel*>(QStringLiteral("certificateStatus"));
        QVERIFY(status && status->text().startsWith(QLatin1String("Expired ")));

        view.copyFingerprint();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 CertificateChainModel::fingerprintText(leaf.sha256));
        view.copyPem();
        QCOMPARE(QGuiApplication::clipboard()->text().toLatin1(), leaf.pem());

        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString path = directory.filePath(QStringLiteral("leaf.pem"));
        QVERIFY(view.exportPem(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto parsed = CertificateInfo::fromPem(file.readAll());
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->size(), 1);
        QCOMPARE(parsed->constFirst().sha256, leaf.sha256);
        QVERIFY(!view.exportPem(directory.filePath(QStringLiteral("missing/dir/leaf.pem"))));
        QVERIFY(!writeScreenshot(&view, QStringLiteral("certificates-expired")).isEmpty());
    }
};

QTEST_MAIN(tst_CertificatesView)
#include "tst_CertificatesView.moc"
