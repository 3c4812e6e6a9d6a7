// The findings model on the findings of real audits (good, expired, legacy): it passes
// QAbstractItemModelTester, shows severity as icon and word, sorts by severity rank through a
// proxy, and gives detail, evidence and remediation in their roles.

#include "LabAudit.h"
#include "models/FindingsModel.h"
#include "style/SeverityStyle.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>

using namespace rediscope;
using namespace rediscope::test;

class tst_FindingsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
    }

    void realFindings_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("worstId");
        QTest::newRow("good") << QStringLiteral("good") << QStringLiteral("server.client_auth_off");
        QTest::newRow("expired") << QStringLiteral("expired") << QStringLiteral("cert.expired");
        QTest::newRow("legacy") << QStringLiteral("legacy")
                                << QStringLiteral("tls.cipher.null_anon_export");
    }

    void realFindings()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, worstId);
        QString error;
        const AuditResult result = labAudit(scenario, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(result.findings.size() >= 3);

        FindingsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Present them best first, so that sorting has work to do.
        QList<Finding> reversed(result.findings.crbegin(), result.findings.crend());
        model.setFindings(reversed);
        QCOMPARE(model.rowCount(), result.findings.size());
        QCOMPARE(model.columnCount(), 3);

        for (int row = 0; row < model.rowCount(); ++row) {
            const Finding& finding = reversed.at(row);
            const QModelIndex severity = model.index(row, FindingsModel::SeverityColumn);
            QCOMPARE(severity.data().toString(), SeverityStyle::word(finding.severity));
            QVERIFY(!severity.data(Qt::DecorationRole).value<QIcon>().isNull());
            QCOMPARE(model.index(row, FindingsModel::IdColumn).data().toString(), finding.id);
            QCOMPARE(model.index(row, FindingsModel::TitleColumn).data().toString(), finding.title);
            QCOMPARE(severity.data(FindingsModel::DetailRole).toString(), finding.detail);
            QCOMPARE(severity.data(FindingsModel::EvidenceRole).toString(), finding.evidence);
            QCOMPARE(severity.data(FindingsModel::RemediationRole).toString(), finding.remediation);
            QVERIFY(!finding.title.isEmpty());
            QVERIFY(!finding.remediation.isEmpty());
        }

        QSortFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(FindingsModel::SortRole);
        proxy.sort(FindingsModel::SeverityColumn, Qt::DescendingOrder);
        int previous = INT_MAX;
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const int rank = proxy.index(row, 0).data(FindingsModel::SeverityRankRole).toInt();
            QVERIFY(rank <= previous);
            previous = rank;
        }
        QCOMPARE(proxy.index(0, 0).data(FindingsModel::SeverityRankRole).toInt(),
                 SeverityStyle::rank(result.findings.constFirst().severity));
        bool worstFound = false;
        for (int row = 0; row < proxy.rowCount(); ++row)
            if (proxy.index(row, 0).data(FindingsModel::SeverityRankRole).toInt() ==
                proxy.index(0, 0).data(FindingsModel::SeverityRankRole).toInt())
                worstFound |=
                    proxy.index(row, FindingsModel::IdColumn).data().toString() == worstId;
        QVERIFY2(worstFound, qPrintable(worstId));
        proxy.sort(FindingsModel::SeverityColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data(FindingsModel::SeverityRankRole).toInt(),
                 SeverityStyle::rank(result.findings.constLast().severity));

        // Sorting by id is by text.
        proxy.sort(FindingsModel::IdColumn, Qt::AscendingOrder);
        for (int row = 1; row < proxy.rowCount(); ++row)
            QVERIFY(proxy.index(row - 1, FindingsModel::IdColumn).data().toString() <=
                    proxy.index(row, FindingsModel::IdColumn).data().toString());

        model.clear();
        QCOMPARE(proxy.rowCount(), 0);
    }

    void severityWordsAndShapes()
    {
        QSet<qint64> shapes;
        for (Severity severity : {Severity::Info, Severity::Low, Severity::Medium, Severity::High,
                                  Severity::Critical}) {
            QVERIFY(!SeverityStyle::word(severity).isEmpty());
            const QImage image = SeverityStyle::icon(severity).pixmap(32, 32).toImage();
            QVERIFY(!image.isNull());
            // Count opaque pixels: each severity has its own shape, not only its own colour.
            qint64 opaque = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    opaque += qAlpha(image.pixel(x, y)) > 128;
            shapes.insert(opaque);
        }
        QCOMPARE(shapes.size(), 5);
        QCOMPARE(SeverityStyle::word(Severity::Critical), QStringLiteral("Critical"));
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        // Legible on both: contrast between text colour and base.
        for (Severity severity :
             {Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
            QVERIFY(SeverityStyle::colour(severity, light).lightness() < 140);
            QVERIFY(SeverityStyle::colour(severity, dark).lightness() > 140);
        }
    }
};

QTEST_MAIN(tst_FindingsModel)
#include "tst_FindingsModel.moc"
