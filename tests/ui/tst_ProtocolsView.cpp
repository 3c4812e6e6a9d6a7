// The protocols view on real probes: versions with accepted / refused / not testable, the suites
// matrix, groups and the probe's facts; without a probe it says why. Screenshots for review.

#include "LabAudit.h"
#include "controllers/Translations.h"
#include "models/ProbeMatrixModel.h"
#include "views/ProtocolsView.h"

#include <QTableView>

using namespace rediscope;
using namespace rediscope::test;

class tst_ProtocolsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        QVERIFY(installTranslations(QCoreApplication::instance()));
    }

    void withoutProbe()
    {
        ProtocolsView view;
        QVERIFY(!view.isShowingContent());
        QVERIFY(view.emptyText().startsWith(QLatin1String("Audit this profile")));
        AuditResult plaintext;
        plaintext.profile.tls.enabled = false;
        view.setAuditResult(plaintext);
        QVERIFY(!view.isShowingContent());
        QVERIFY(view.emptyText().startsWith(QLatin1String("TLS is off")));
        AuditResult unreachable;
        unreachable.inspect.error = Error{ErrorCode::ConnectRefused, Stage::Tcp,
                                          QStringLiteral("Connection refused."), QString()};
        view.setAuditResult(unreachable);
        QVERIFY(view.emptyText().contains(QLatin1String("could not be reached")));
    }

    void legacyProbe()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("legacy"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ProtocolsView view;
        view.setAuditResult(result);
        QVERIFY(view.isShowingContent());
        QCOMPARE(view.protocolsModel()->rowCount(), 5);
        QCOMPARE(view.suitesModel()->rowCount() > 0, true);
        QCOMPARE(view.groupsModel()->rowCount(), result.probe->groups.size());
        const QString text = visibleText(&view);
        QVERIFY(text.contains(QLatin1String("not testable")));
        QVERIFY(text.contains(QLatin1String("TLSv1.1\naccepted")));
        QVERIFY(text.contains(QLatin1String("no FS")));
        QVERIFY(text.contains(QStringLiteral("%1 handshakes").arg(result.probe->handshakes)));
        QVERIFY(!text.contains(QLatin1String("(s)")));
        QVERIFY(text.contains(QLatin1String("Secure renegotiation: ")));
        // The protocols table shows its five rows without a scroll bar.
        auto* table = view.findChild<QTableView*>(QStringLiteral("protocolTable"));
        QVERIFY(table);
        QVERIFY(!writeScreenshot(&view, QStringLiteral("protocols-legacy"), {1100, 720}).isEmpty());
        int rows = 0;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            rows += table->rowHeight(row);
        int columns = 0;
        for (int column = 0; column < table->model()->columnCount(); ++column)
            if (!table->isColumnHidden(column))
                columns += table->columnWidth(column);
        QVERIFY2(table->viewport()->height() >= rows,
                 qPrintable(QStringLiteral("%1 < %2").arg(table->viewport()->height()).arg(rows)));
        QVERIFY2(
            table->viewport()->width() >= columns,
            qPrintable(QStringLiteral("%1 < %2").arg(table->viewport()->width()).arg(columns)));
        // SSLv3 is compiled out of OpenSSL: the protocols table says "not testable" and the
        // matrix has no column of "n/t" cells for it.
        auto* matrix = view.findChild<QTableView*>(QStringLiteral("suiteMatrix"));
        QVERIFY(matrix);
        const int sslv3 = ProbeMatrixModel::SuiteFirstProtocolColumn +
                          int(ProbeMatrixModel::protocolColumns().indexOf(QStringLiteral("SSLv3")));
        QVERIFY(!result.probe->protocols.constFirst().accepted.has_value());
        QVERIFY(matrix->isColumnHidden(sslv3));
        for (int column = sslv3 + 1; column < ProbeMatrixModel::SuiteKeyExchangeColumn; ++column)
            QVERIFY(!matrix->isColumnHidden(column));
        // The protocol notes are shown in full with the probe's facts.
        QVERIFY(
            text.contains(QStringLiteral("SSLv3: ") + result.probe->protocols.constFirst().note));
    }

    void goodProbe()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ProtocolsView view;
        view.setAuditResult(result);
        const QString text = visibleText(&view);
        QVERIFY(text.contains(QLatin1String("TLSv1\nrefused")));
        QVERIFY(text.contains(QLatin1String("TLSv1.3\naccepted")));
        QVERIFY(text.contains(QLatin1String("X25519")));
        QVERIFY(!writeScreenshot(&view, QStringLiteral("protocols-good")).isEmpty());
        view.clear();
        QVERIFY(!view.isShowingContent());
        QCOMPARE(view.suitesModel()->rowCount(), 0);
    }
};

QTEST_MAIN(tst_ProtocolsView)
#include "tst_ProtocolsView.moc"
