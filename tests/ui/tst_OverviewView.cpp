// The overview on real connections and audits: empty state, stages with results, identity,
// negotiated session, verification and hostname in words, grade and top findings with
// remediation; screenshots for review.

#include "LabAudit.h"
#include "controllers/Translations.h"
#include "style/SeverityStyle.h"
#include "views/OverviewView.h"

#include <QApplication>

using namespace rediscope;
using namespace rediscope::test;

namespace {

QString labelText(const QWidget& view, const char* name)
{
    const auto* label = view.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

} // namespace

class tst_OverviewView : public QObject
{
    Q_OBJECT

    AuditResult m_good;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        QVERIFY(installTranslations(QCoreApplication::instance()));
        QString error;
        m_good = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // Counts read in words ("1 day", "31 days", "256 bits"), never as "day(s)".
    void countsInWords_data() { addDaysInWordsRows(); }

    void countsInWords()
    {
        QFETCH(int, days);
        QFETCH(QString, expected);
        OverviewView view;
        view.setAuditResult(withLeafDaysLeft(m_good, days));
        const QString leaf = labelText(view, "leafValue");
        QVERIFY2(leaf.endsWith(expected), qPrintable(leaf));
        const QString cipher = labelText(view, "cipherValue");
        QVERIFY2(cipher.endsWith(QStringLiteral(" bits)")), qPrintable(cipher));
        QString text = visibleText(&view);
        // The stages' messages come from the core, in its own words.
        for (const StageResult& stage : m_good.inspect.stages)
            text.remove(stage.message);
        QVERIFY2(!text.contains(QLatin1String("(s)")), qPrintable(text));
    }

    void emptyState()
    {
        OverviewView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(!view.isShowingContent());
        auto* empty = view.findChild<QLabel*>(QStringLiteral("emptyState"));
        QVERIFY(empty && empty->isVisible());
        QVERIFY(empty->text().startsWith(QLatin1String("Connect to see")));
        QVERIFY(!writeScreenshot(&view, QStringLiteral("overview-empty")).isEmpty());
    }

    void connectionOnly()
    {
        QString error;
        const InspectResult result = labInspect(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        OverviewView view;
        view.setInspectResult(result);
        QVERIFY(view.isShowingContent());
        const QString text = visibleText(&view);
        for (const StageResult& stage : result.stages)
            QVERIFY2(text.contains(stageTitle(stage.stage)), qPrintable(stageTitle(stage.stage)));
        QVERIFY(text.contains(QLatin1String("OK")));
        QVERIFY(labelText(view, "serverIdentity").startsWith(QLatin1String("Redis ")));
        QCOMPARE(labelText(view, "protocolValue"), result.tls->protocol);
        QVERIFY(labelText(view, "cipherValue").startsWith(result.tls->cipherIana));
        QVERIFY(labelText(view, "verificationValue").startsWith(QLatin1String("Verified")));
        QVERIFY(labelText(view, "hostnameValue").startsWith(QLatin1String("Matches")));
        QVERIFY(labelText(view, "hostnameValue").contains(QLatin1String("127.0.0.1")));
        QCOMPARE(labelText(view, "gradeLabel"), QStringLiteral("not\naudited"));
        QVERIFY(!view.findChild<QWidget*>(QStringLiteral("topFindings")));
        QVERIFY(!writeScreenshot(&view, QStringLiteral("overview-good-connection")).isEmpty());
    }

    void expiredAudit()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("expired"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        OverviewView view;
        QSignalSpy showFindings(&view, &OverviewView::showFindingsRequested);
        view.setAuditResult(result);
        QCOMPARE(labelText(view, "gradeLabel"), QStringLiteral("T"));
        QVERIFY(labelText(view, "gradeText").contains(QLatin1String("A if trust were fixed")));
        // The connection stopped at verification, in words.
        QVERIFY(labelText(view, "connectionStatus")
                    .startsWith(QLatin1String("Connection failed at Chain verification: ")));
        const QString verification = labelText(view, "verificationValue");
        QVERIFY2(verification.startsWith(QLatin1String("Verification failed")),
                 qPrintable(verification));
        QVERIFY(verification.contains(QLatin1String("certificate has expired")));
        QVERIFY(labelText(view, "leafValue").contains(QLatin1String("Expired")));
        QVERIFY(visibleText(&view).contains(QLatin1String("Failed")));

        // The expiry finding leads the top findings, with its remediation.
        const QList<QLabel*> top = view.findChildren<QLabel*>(QStringLiteral("topFinding"));
        QVERIFY(!top.isEmpty());
        QVERIFY(top.size() <= OverviewView::TopFindings);
        const QString first =
            QTextDocumentFragment::fromHtml(top.constFirst()->text()).toPlainText();
        QVERIFY2(first.contains(QLatin1String("cert.expired")), qPrintable(first));
        QVERIFY(first.contains(SeverityStyle::word(Severity::Critical)));
        const Finding& expired = result.findings.constFirst();
        QCOMPARE(expired.id, QStringLiteral("cert.expired"));
        QVERIFY(first.contains(expired.title));
        QVERIFY(first.contains(expired.remediation));

        auto* link = view.findChild<QLabel*>(QStringLiteral("allFindingsLink"));
        QVERIFY(link);
        Q_EMIT link->linkActivated(QStringLiteral("findings"));
        QCOMPARE(showFindings.size(), 1);
        QVERIFY(!writeScreenshot(&view, QStringLiteral("overview-expired")).isEmpty());
    }

    void legacyAuditAndDarkPalette()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("legacy"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        OverviewView view;
        view.setAuditResult(result);
        QCOMPARE(labelText(view, "gradeLabel"), QStringLiteral("F"));
        QVERIFY(labelText(view, "acceptedProtocolsValue").contains(QLatin1String("TLSv1.1")));
        QVERIFY(labelText(view, "serverIdentity").startsWith(QLatin1String("Redis ")));
        QVERIFY(!writeScreenshot(&view, QStringLiteral("overview-legacy")).isEmpty());

        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9e, 0x9e, 0x9e));
        const QPalette light = QApplication::palette();
        QApplication::setPalette(dark);
        OverviewView darkView;
        darkView.setAuditResult(result);
        const bool written =
            !writeScreenshot(&darkView, QStringLiteral("overview-legacy-dark")).isEmpty();
        QApplication::setPalette(light);
        QVERIFY(written);
    }

    void clearReturnsToEmpty()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        OverviewView view;
        view.setAuditResult(result);
        QVERIFY(view.isShowingContent());
        QCOMPARE(labelText(view, "gradeLabel"), QStringLiteral("A"));
        view.setEmptyText(QStringLiteral("Connecting…"));
        view.clear();
        QVERIFY(!view.isShowingContent());
        QVERIFY(view.emptyText().startsWith(QLatin1String("Connect to see")));
    }
};

QTEST_MAIN(tst_OverviewView)
#include "tst_OverviewView.moc"
