// The Environments view on profiles audited against real lab servers: a production profile on
// the `good` scenario, staging on `self-signed` without verification and development on
// `plaintext` show their drift with icon and words; the cells show protocol, expiry and grade;
// clicking or Enter on a cell activates its profile; a screenshot for review.

#include "LabTargets.h"
#include "audit/Auditor.h"
#include "models/EnvironmentMatrixModel.h"
#include "views/EnvironmentsView.h"

#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace rediscope;
using namespace rediscope::testing;

namespace {

AuditTarget serviceTarget(const char* scenario, const char* environment, const char* service,
                          const char* name)
{
    AuditTarget target = labTarget(QString::fromLatin1(scenario), QString::fromLatin1(environment),
                                   0, QString::fromLatin1(name));
    target.profile.service = QString::fromLatin1(service);
    return target;
}

} // namespace

class tst_EnvironmentsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        m_targets = {serviceTarget("good", "production", "orders", "orders-prod"),
                     serviceTarget("self-signed", "staging", "orders", "orders-staging"),
                     serviceTarget("plaintext", "development", "orders", "orders-dev"),
                     serviceTarget("good", "production", "billing", "billing-prod"),
                     serviceTarget("tls13-only", "development", "billing", "billing-dev")};
        // Staging trusts whatever it gets: the self-signed certificate cannot be verified.
        m_targets[1].profile.tls.verifyPeer = false;
        AuditOptions options;
        options.probe = false;
        for (const AuditTarget& target : std::as_const(m_targets))
            m_results << Auditor::auditOne(target, options);
        for (const AuditResult& result : std::as_const(m_results))
            QVERIFY2(
                !result.inspect.error,
                qPrintable(result.inspect.error ? result.inspect.error->toString() : QString()));
    }

    void showsDriftAndFacts()
    {
        EnvironmentsView view;
        view.resize(1150, 720);
        auto* empty = view.findChild<QLabel*>(QStringLiteral("environmentsEmpty"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(empty->isVisible());
        QVERIFY(view.grab().save(screenshotPath(QStringLiteral("environments-empty.png"))));

        QList<Profile> profiles;
        for (const AuditTarget& target : std::as_const(m_targets))
            profiles << target.profile;
        view.setProfiles(profiles);
        for (qsizetype i = 0; i < m_results.size(); ++i)
            view.setAuditResult(profiles.at(i).id, m_results.at(i));
        QVERIFY(!empty->isVisible());
        QVERIFY(view.table()->isVisible());

        EnvironmentMatrixModel* model = view.model();
        QCOMPARE(model->columnCount(), 3);
        QCOMPARE(model->rowCount(), 2);
        const auto cellOf = [&](int target) {
            return model->cell(model->indexOf(profiles.at(target).id));
        };

        // Production on `good`: TLS 1.3, verified, a year to go, no drift.
        const auto* prod = cellOf(0);
        QVERIFY(prod);
        QVERIFY(prod->tls && prod->chainVerified.value_or(false) &&
                prod->hostnameMatch.value_or(false));
        QCOMPARE(prod->protocol, QStringLiteral("TLSv1.3"));
        QVERIFY(prod->leafDaysLeft.value_or(-1) > 300);
        QVERIFY(!prod->grade.isEmpty());
        QVERIFY(prod->drift.isEmpty());

        // Staging without verification of a self-signed certificate: verification drift.
        const auto* staging = cellOf(1);
        QCOMPARE(staging->chainVerified, std::optional<bool>(false));
        QCOMPARE(model->indexOf(profiles.at(1).id)
                     .data(EnvironmentMatrixModel::DriftRole)
                     .toStringList(),
                 QStringList{QStringLiteral("env.verify_inconsistent")});
        QCOMPARE(staging->grade, QStringLiteral("T"));

        // Development in plaintext: TLS drift, explained in the tooltip.
        const QModelIndex dev = model->indexOf(profiles.at(2).id);
        QVERIFY(!cellOf(2)->tls);
        QCOMPARE(cellOf(2)->protocol, QStringLiteral("plaintext"));
        QCOMPARE(dev.data(EnvironmentMatrixModel::DriftRole).toStringList(),
                 QStringList{QStringLiteral("env.tls_inconsistent")});
        QCOMPARE(dev.data(EnvironmentMatrixModel::DriftTextRole).toStringList(),
                 QStringList{QStringLiteral("TLS off here, on in Staging, Production")});
        QVERIFY(dev.data(Qt::ToolTipRole).toString().contains(QLatin1String("Turn TLS on")));
        QVERIFY(!dev.data(Qt::DecorationRole).value<QIcon>().isNull());

        // billing's two environments use the same leaf certificate.
        QVERIFY(model->indexOf(profiles.at(4).id)
                    .data(EnvironmentMatrixModel::DriftRole)
                    .toStringList()
                    .contains(QStringLiteral("cert.shared_across_envs")));

        auto* summary = view.findChild<QLabel*>(QStringLiteral("environmentsSummary"));
        QVERIFY2(summary->text().contains(QLatin1String("lagging behind: Development, Staging")),
                 qPrintable(summary->text()));

        // Rows are tall enough for every line of their cells.
        for (int row = 0; row < model->rowCount(); ++row)
            for (int column = 0; column < model->columnCount(); ++column) {
                const QModelIndex index = model->index(row, column);
                QVERIFY(
                    view.table()->rowHeight(row) >=
                    view.table()->itemDelegate()->sizeHint(QStyleOptionViewItem(), index).height() -
                        1);
            }
        QVERIFY(view.grab().save(screenshotPath(QStringLiteral("environments.png"))));

        // A dark palette stays legible (reviewed on the screenshot).
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9e, 0x9e, 0x9e));
        dark.setColor(QPalette::Highlight, QColor(0x42, 0x7f, 0xc8));
        view.setPalette(dark);
        QVERIFY(view.grab().save(screenshotPath(QStringLiteral("environments-dark.png"))));
    }

    void activatesTheClickedProfile()
    {
        EnvironmentsView view;
        view.resize(1150, 720);
        QList<Profile> profiles;
        for (const AuditTarget& target : std::as_const(m_targets))
            profiles << target.profile;
        view.setProfiles(profiles);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy activated(&view, &EnvironmentsView::profileActivated);

        const QModelIndex dev = view.model()->indexOf(profiles.at(2).id);
        QTest::mouseClick(view.table()->viewport(), Qt::LeftButton, {},
                          view.table()->visualRect(dev).center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.constFirst().constFirst().value<QUuid>(), profiles.at(2).id);

        view.selectProfile(profiles.at(3).id);
        QTest::keyClick(view.table(), Qt::Key_Return);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.constLast().constFirst().value<QUuid>(), profiles.at(3).id);

        // An empty cell activates nothing.
        const QModelIndex none = view.model()->index(0, 1); // billing has no staging profile
        QVERIFY(view.model()->cell(none) == nullptr);
        QTest::mouseClick(view.table()->viewport(), Qt::LeftButton, {},
                          view.table()->visualRect(none).center());
        QCOMPARE(activated.size(), 2);
    }

private:
    QList<AuditTarget> m_targets;
    QList<AuditResult> m_results;
};

QTEST_MAIN(tst_EnvironmentsView)
#include "tst_EnvironmentsView.moc"
