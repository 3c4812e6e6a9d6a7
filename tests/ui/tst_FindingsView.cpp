// The findings view on real audits: worst first, severity in words, the detail pane with
// evidence and remediation, the filter, and Markdown for the whole audit or one finding;
// screenshots for review.

#include "LabAudit.h"
#include "models/FindingsModel.h"
#include "style/SeverityStyle.h"
#include "views/FindingsView.h"

#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTextBrowser>

using namespace rediscope;
using namespace rediscope::test;

class tst_FindingsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
    }

    void emptyState()
    {
        FindingsView view;
        QVERIFY(!view.isShowingContent());
        QVERIFY(view.emptyText().startsWith(QLatin1String("Audit this profile")));
        QVERIFY(view.markdown().isEmpty());
    }

    void expiredFindings()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("expired"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        FindingsView view;
        view.setAuditResult(result);
        QVERIFY(view.isShowingContent());
        QCOMPARE(view.proxy()->rowCount(), result.findings.size());

        // Worst first, and the worst is the expiry.
        QCOMPARE(view.proxy()->index(0, FindingsModel::IdColumn).data().toString(),
                 QStringLiteral("cert.expired"));
        QCOMPARE(view.proxy()->index(0, FindingsModel::SeverityColumn).data().toString(),
                 SeverityStyle::word(Severity::Critical));
        QVERIFY(view.currentFinding());
        QCOMPARE(view.currentFinding()->id, QStringLiteral("cert.expired"));
        // Among equal severities, by id as the audit sorted them.
        for (int row = 0; row < view.proxy()->rowCount(); ++row)
            QCOMPARE(view.proxy()->index(row, FindingsModel::IdColumn).data().toString(),
                     result.findings.at(row).id);

        const auto* detail = view.findChild<QTextBrowser*>(QStringLiteral("findingDetail"));
        QVERIFY(detail);
        const Finding& expired = *view.currentFinding();
        const QString shown = detail->toPlainText();
        QVERIFY(shown.contains(expired.title));
        QVERIFY(shown.contains(QLatin1String("Critical")));
        QVERIFY(shown.contains(QLatin1String("Evidence")));
        QVERIFY(shown.contains(expired.evidence));
        QVERIFY(shown.contains(QLatin1String("Remediation")));
        QVERIFY(shown.contains(expired.remediation));
        QVERIFY(shown.contains(QLatin1String("Why it matters")));
        QVERIFY(visibleText(&view).contains(QLatin1String("1 critical")));

        // Another finding's detail follows the selection.
        QVERIFY(view.selectFinding(QStringLiteral("tls.cipher.cbc")));
        QCOMPARE(view.currentFinding()->id, QStringLiteral("tls.cipher.cbc"));
        QVERIFY(detail->toPlainText().contains(view.currentFinding()->remediation));
        QVERIFY(!view.selectFinding(QStringLiteral("no.such.check")));

        // Filter.
        auto* filter = view.findChild<QLineEdit*>(QStringLiteral("findingsFilter"));
        QVERIFY(filter);
        filter->setText(QStringLiteral("tls.cipher"));
        QVERIFY(view.proxy()->rowCount() >= 2);
        QVERIFY(view.proxy()->rowCount() < result.findings.size());
        for (int row = 0; row < view.proxy()->rowCount(); ++row)
            QVERIFY(view.proxy()
                        ->index(row, FindingsModel::IdColumn)
                        .data()
                        .toString()
                        .startsWith(QLatin1String("tls.cipher")));
        filter->clear();

        // Markdown: the whole audit, and one finding.
        view.copyMarkdown();
        const QString markdown = QGuiApplication::clipboard()->text();
        // The same report (apart from the time it was generated).
        const auto withoutTime = [](QString text) {
            return text.remove(QRegularExpression(QStringLiteral("^Generated [^ ]+"),
                                                  QRegularExpression::MultilineOption));
        };
        QCOMPARE(withoutTime(markdown), withoutTime(view.markdown()));
        QVERIFY(markdown.startsWith(QLatin1String("# Rediscope audit")));
        QVERIFY(markdown.contains(QLatin1String("`cert.expired`")));
        QVERIFY(!markdown.contains(QLatin1String(lab::LabPassword)));
        view.selectFinding(QStringLiteral("cert.expired"));
        view.copyCurrentFindingMarkdown();
        const QString one = QGuiApplication::clipboard()->text();
        QVERIFY(one.startsWith(QStringLiteral("#### CRITICAL `cert.expired` — ")));
        QVERIFY(one.contains(QLatin1String("- **Remediation:** ")));
        QVERIFY(!writeScreenshot(&view, QStringLiteral("findings-expired")).isEmpty());
    }

    void legacyDark()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("legacy"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
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
        FindingsView view;
        view.setAuditResult(result);
        QCOMPARE(view.proxy()->index(0, FindingsModel::SeverityColumn).data().toString(),
                 SeverityStyle::word(Severity::Critical));
        const bool written =
            !writeScreenshot(&view, QStringLiteral("findings-legacy-dark")).isEmpty();
        QApplication::setPalette(light);
        QVERIFY(written);
        view.clear();
        QVERIFY(!view.isShowingContent());
        QCOMPARE(view.model()->rowCount(), 0);
    }
};

QTEST_MAIN(tst_FindingsView)
#include "tst_FindingsView.moc"
