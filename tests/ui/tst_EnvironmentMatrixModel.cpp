// The services × environments model without a network: columns in policy order, one row per
// service (lanes when a service has two profiles in one environment), drift from the profiles'
// settings and from audit results, cells updated by setAuditResult, and
// QAbstractItemModelTester throughout.

#include "controllers/Translations.h"
#include "models/EnvironmentMatrixModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace rediscope;

namespace {

Profile profile(const char* name, const char* service, const char* environment, bool tls = true,
                bool verify = true)
{
    Profile p = Profile::create(QString::fromLatin1(name));
    p.service = QString::fromLatin1(service);
    p.environment = QString::fromLatin1(environment);
    p.host = QStringLiteral("%1.example.net").arg(p.name);
    p.tls.enabled = tls;
    p.tls.verifyPeer = verify;
    return p;
}

// An audit result as the auditor makes it, with the facts the matrix shows.
AuditResult audited(const Profile& p, const QString& protocol, int leafDays, const QString& grade,
                    const QString& leafSha256 = QStringLiteral("aa"))
{
    AuditResult result;
    result.profile = p;
    result.inspect.endpoint.host = p.host;
    result.inspect.server = ServerIdentity{};
    if (p.tls.enabled) {
        TlsFacts facts;
        facts.protocol = protocol;
        facts.verified = p.tls.verifyPeer;
        facts.hostnameMatch = true;
        CertificateInfo leaf;
        leaf.notAfter = QDateTime::currentDateTimeUtc().addDays(leafDays).addSecs(3600);
        leaf.sha256 = leafSha256;
        facts.chainSent = {leaf};
        result.inspect.tls = facts;
    }
    result.grade.grade = grade;
    return result;
}

} // namespace

class tst_EnvironmentMatrixModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(installTranslations(QCoreApplication::instance())); }

    void layoutAndDriftFromSettings()
    {
        EnvironmentMatrixModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        const Profile prod = profile("orders-prod", "orders", "production");
        const Profile staging = profile("orders-staging", "orders", "staging", true, false);
        const Profile dev = profile("orders-dev", "orders", "development", false);
        const Profile qa = profile("orders-qa", "orders", "qa");
        const Profile replica = profile("orders-prod-replica", "orders", "production");
        const Profile billing = profile("billing-prod", "Billing", "production");
        const Profile loose = profile("scratch", "", "development", false);
        model.setProfiles({prod, staging, dev, qa, replica, billing, loose});

        // Built-ins in policy order, then custom environments.
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.environmentAt(0), QStringLiteral("development"));
        QCOMPARE(model.environmentAt(1), QStringLiteral("staging"));
        QCOMPARE(model.environmentAt(2), QStringLiteral("production"));
        QCOMPARE(model.environmentAt(3), QStringLiteral("qa"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Production"));
        QVERIFY(model.headerData(3, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("staging")));

        // Services by name; orders has two production profiles: two lanes; no service last.
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("Billing"));
        QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("orders"));
        QCOMPARE(model.headerData(2, Qt::Vertical).toString(), QString()); // second lane
        QCOMPARE(model.serviceAt(2), QStringLiteral("orders"));
        QCOMPARE(model.headerData(3, Qt::Vertical).toString(), QStringLiteral("(no service)"));
        QCOMPARE(model.indexOf(prod.id), model.index(1, 2));
        QCOMPARE(model.indexOf(replica.id), model.index(2, 2));
        QCOMPARE(model.indexOf(dev.id), model.index(1, 0));
        QCOMPARE(model.indexOf(billing.id), model.index(0, 2));

        // Empty cells carry no profile and are not selectable.
        const QModelIndex empty = model.index(0, 0);
        QVERIFY(model.cell(empty) == nullptr);
        QVERIFY(empty.data(EnvironmentMatrixModel::ProfileIdRole).value<QUuid>().isNull());
        QVERIFY(!(model.flags(empty) & Qt::ItemIsSelectable));
        QVERIFY(empty.data(Qt::ToolTipRole).toString().contains(QLatin1String("No profile of")));

        // Drift from the settings alone: dev without TLS, staging without verification.
        const QModelIndex devCell = model.indexOf(dev.id);
        QCOMPARE(devCell.data(EnvironmentMatrixModel::DriftRole).toStringList(),
                 QStringList{QStringLiteral("env.tls_inconsistent")});
        QCOMPARE(devCell.data(EnvironmentMatrixModel::DriftTextRole).toStringList(),
                 QStringList{QStringLiteral("TLS off here, on in Staging, Production, qa")});
        QVERIFY(devCell.data(Qt::DisplayRole).toString().contains(QLatin1String("TLS off")));
        QVERIFY(devCell.data(Qt::DisplayRole).toString().contains(QLatin1String("Drift: TLS off")));
        QVERIFY(!devCell.data(Qt::DecorationRole).value<QIcon>().isNull());
        const QString tip = devCell.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("Service orders uses TLS in")), qPrintable(tip));
        QVERIFY(tip.contains(QLatin1String("Turn TLS on")));

        const QModelIndex stagingCell = model.indexOf(staging.id);
        QCOMPARE(stagingCell.data(EnvironmentMatrixModel::DriftRole).toStringList(),
                 QStringList{QStringLiteral("env.verify_inconsistent")});
        QVERIFY(stagingCell.data(Qt::DisplayRole)
                    .toString()
                    .contains(QLatin1String("verification off")));

        const QModelIndex prodCell = model.indexOf(prod.id);
        QVERIFY(!prodCell.data(EnvironmentMatrixModel::HasDriftRole).toBool());
        QVERIFY(prodCell.data(Qt::DecorationRole).isNull());
        QVERIFY(prodCell.data(Qt::DisplayRole).toString().contains(QLatin1String("not audited")));
        QVERIFY(prodCell.data(Qt::ToolTipRole).toString().contains(QLatin1String("No drift")));
        // A profile without a service is never compared.
        QVERIFY(!model.index(3, 0).data(EnvironmentMatrixModel::HasDriftRole).toBool());
        QCOMPARE(model.driftCount(), 2);
    }

    void auditResultsFillTheCells()
    {
        EnvironmentMatrixModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Profile prod = profile("cart-prod", "cart", "production");
        const Profile staging = profile("cart-staging", "cart", "staging");
        model.setProfiles({prod, staging});
        QCOMPARE(model.driftCount(), 0);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setAuditResult(prod.id, audited(prod, QStringLiteral("TLSv1.3"), 200,
                                              QStringLiteral("A"), QStringLiteral("leaf-prod")));
        QCOMPARE(changed.size(), 1);
        const auto* cell = model.cell(model.indexOf(prod.id));
        QVERIFY(cell && cell->audited);
        QCOMPARE(cell->protocol, QStringLiteral("TLSv1.3"));
        QCOMPARE(cell->leafDaysLeft.value_or(-999), 200);
        QCOMPARE(cell->grade, QStringLiteral("A"));
        QCOMPARE(model.indexOf(prod.id).data(EnvironmentMatrixModel::GradeRole).toString(),
                 QStringLiteral("A"));
        const QString text = model.indexOf(prod.id).data().toString();
        QVERIFY2(text.contains(QLatin1String("leaf expires in 200 days")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("grade A")));

        // Observed facts feed the drift checks: other protocols, and a certificate shared
        // across environments.
        model.setAuditResult(staging.id, audited(staging, QStringLiteral("TLSv1.2"), 20,
                                                 QStringLiteral("B"), QStringLiteral("leaf-prod")));
        const QStringList prodDrift =
            model.indexOf(prod.id).data(EnvironmentMatrixModel::DriftRole).toStringList();
        QVERIFY(prodDrift.contains(QStringLiteral("env.protocol_inconsistent")));
        QVERIFY(prodDrift.contains(QStringLiteral("cert.shared_across_envs")));
        QVERIFY(model.indexOf(staging.id)
                    .data(EnvironmentMatrixModel::DriftTextRole)
                    .toStringList()
                    .contains(QStringLiteral("Same certificate as Production")));
        QCOMPARE(model.driftCount(), 2);

        // Editing the profiles keeps the results of those still there.
        Profile renamed = prod;
        renamed.name = QStringLiteral("cart-prod-eu");
        model.setProfiles({renamed, staging});
        QCOMPARE(model.cell(model.indexOf(prod.id))->grade, QStringLiteral("A"));
        QCOMPARE(model.cell(model.indexOf(prod.id))->profileName, QStringLiteral("cart-prod-eu"));
        model.setProfiles({staging});
        model.setProfiles({renamed, staging});
        QVERIFY(!model.cell(model.indexOf(prod.id))->audited);

        // Results for unknown profiles are ignored.
        changed.clear();
        model.setAuditResult(QUuid::createUuid(), AuditResult{});
        QVERIFY(changed.isEmpty());
        model.clearAuditResults();
        QVERIFY(!model.cell(model.indexOf(staging.id))->audited);
    }

    void customPoliciesDecideTheColumns()
    {
        EnvironmentPolicies policies;
        EnvironmentPolicy preprod = EnvironmentPolicy::builtIn(PolicyKind::Production);
        preprod.name = QStringLiteral("preprod");
        policies.setOverride(QStringLiteral("preprod"), preprod);
        EnvironmentMatrixModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProfiles({profile("a", "svc", "preprod"), profile("b", "svc", "development")},
                          policies);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.environmentAt(0), QStringLiteral("development"));
        QCOMPARE(model.policyAt(1).kind, PolicyKind::Production);
        QCOMPARE(model.cell(model.index(0, 1))->policy.kind, PolicyKind::Production);
    }
};

QTEST_MAIN(tst_EnvironmentMatrixModel)
#include "tst_EnvironmentMatrixModel.moc"
