// The profile tree: environment → service → profile in policy order, incremental updates that
// keep persistent indexes, audit columns, and the drag-and-drop protocol that asks the owner to
// move a profile to another environment. QAbstractItemModelTester watches every change.

#include "models/ProfileTreeModel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace rediscope;

namespace {

Profile makeProfile(const QString& name, const QString& service, const QString& environment,
                    const QString& host = QStringLiteral("127.0.0.1"))
{
    Profile profile = Profile::create(name);
    profile.service = service;
    profile.environment = environment;
    profile.host = host;
    return profile;
}

QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, 0, parent).data().toString();
    return names;
}

} // namespace

class tst_ProfileTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void environmentsInPolicyOrderThenCustom()
    {
        ProfileTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The built-ins are there even without profiles: they are drop targets.
        QCOMPARE(childNames(model),
                 (QStringList{QStringLiteral("Development"), QStringLiteral("Staging"),
                              QStringLiteral("Production")}));

        model.setProfiles(
            {makeProfile(QStringLiteral("eu"), QStringLiteral("orders"), QStringLiteral("uat")),
             makeProfile(QStringLiteral("p1"), QStringLiteral("orders"),
                         QStringLiteral("production")),
             makeProfile(QStringLiteral("d1"), QStringLiteral("sessions"),
                         QStringLiteral("development")),
             makeProfile(QStringLiteral("d2"), QStringLiteral("orders"),
                         QStringLiteral("development")),
             makeProfile(QStringLiteral("x"), QString(), QStringLiteral("development")),
             makeProfile(QStringLiteral("a"), QStringLiteral("orders"), QStringLiteral("Alpha"))});
        QCOMPARE(childNames(model),
                 (QStringList{QStringLiteral("Development"), QStringLiteral("Staging"),
                              QStringLiteral("Production"), QStringLiteral("Alpha"),
                              QStringLiteral("uat")}));
        const QModelIndex development = model.indexForEnvironment(QStringLiteral("development"));
        QCOMPARE(development.row(), 0);
        // Services by name, the profiles without one last.
        QCOMPARE(childNames(model, development),
                 (QStringList{QStringLiteral("orders"), QStringLiteral("sessions"),
                              ProfileTreeModel::noServiceLabel()}));
        QCOMPARE(childNames(model, model.index(0, 0, development)),
                 QStringList{QStringLiteral("d2")});
        QCOMPARE(model.environments(),
                 (QStringList{QStringLiteral("development"), QStringLiteral("staging"),
                              QStringLiteral("production"), QStringLiteral("Alpha"),
                              QStringLiteral("uat")}));

        // The environment row carries a badge (colour swatch) and the name; the tooltip says
        // which policy applies.
        QVERIFY(!development.data(Qt::DecorationRole).value<QIcon>().isNull());
        const QModelIndex uat = model.indexForEnvironment(QStringLiteral("uat"));
        QVERIFY(uat.data(Qt::ToolTipRole).toString().contains(QLatin1String("staging policy")));
        QCOMPARE(model.nodeType(uat), ProfileTreeModel::NodeType::Environment);
    }

    void incrementalUpdatesKeepPersistentIndexes()
    {
        ProfileTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Profile alpha = makeProfile(QStringLiteral("alpha"), QStringLiteral("orders"),
                                    QStringLiteral("staging"));
        Profile beta = makeProfile(QStringLiteral("beta"), QStringLiteral("orders"),
                                   QStringLiteral("staging"));
        Profile gamma = makeProfile(QStringLiteral("gamma"), QStringLiteral("orders"),
                                    QStringLiteral("staging"));
        model.setProfiles({alpha, beta, gamma});

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy moves(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        const QPersistentModelIndex persistentAlpha = model.indexForProfileId(alpha.id);
        QVERIFY(persistentAlpha.isValid());

        // A rename that changes the order is a move: the index follows the profile.
        alpha.name = QStringLiteral("zulu");
        model.setProfiles({alpha, beta, gamma});
        QCOMPARE(resets.count(), 0);
        QVERIFY(moves.count() >= 1);
        QVERIFY(persistentAlpha.isValid());
        QCOMPARE(persistentAlpha.data().toString(), QStringLiteral("zulu"));
        QCOMPARE(persistentAlpha.row(), 2);
        QCOMPARE(model.profileForIndex(persistentAlpha)->id, alpha.id);
        QVERIFY(changes.count() >= 1);

        // A host change is a data change in place.
        changes.clear();
        beta.host = QStringLiteral("10.0.0.9");
        model.setProfiles({alpha, beta, gamma});
        const QModelIndex betaIndex = model.indexForProfileId(beta.id);
        bool betaChanged = false;
        for (const QList<QVariant>& change : std::as_const(changes))
            betaChanged = betaChanged || change.at(0).toModelIndex() == betaIndex;
        QVERIFY(betaChanged);
        QVERIFY(model.profileForIndex(betaIndex)->host == QStringLiteral("10.0.0.9"));

        // Moving to another environment and service, adding, removing: still no reset.
        gamma.environment = QStringLiteral("production");
        gamma.service = QStringLiteral("billing");
        const Profile delta =
            makeProfile(QStringLiteral("delta"), QStringLiteral("search"), QStringLiteral("qa"));
        model.setProfiles({alpha, gamma, delta});
        QCOMPARE(resets.count(), 0);
        QVERIFY(!model.indexForProfileId(beta.id).isValid());
        const QModelIndex gammaIndex = model.indexForProfileId(gamma.id);
        QCOMPARE(gammaIndex.parent().data().toString(), QStringLiteral("billing"));
        QCOMPARE(gammaIndex.parent().parent().data(ProfileTreeModel::EnvironmentRole).toString(),
                 QStringLiteral("production"));
        QVERIFY(model.indexForEnvironment(QStringLiteral("qa")).isValid());
        QVERIFY(persistentAlpha.isValid());
        QCOMPARE(persistentAlpha.data().toString(), QStringLiteral("zulu"));

        // The last profile of a custom environment goes: the environment goes too; the
        // built-ins stay.
        model.setProfiles({});
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(!persistentAlpha.isValid());
        QCOMPARE(resets.count(), 0);
    }

    void auditColumns()
    {
        ProfileTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Profile one = makeProfile(QStringLiteral("one"), QStringLiteral("orders"),
                                        QStringLiteral("production"));
        const Profile two = makeProfile(QStringLiteral("two"), QStringLiteral("orders"),
                                        QStringLiteral("production"));
        model.setProfiles({one, two});
        const QModelIndex oneGrade = model.indexForProfileId(one.id, ProfileTreeModel::GradeColumn);
        QCOMPARE(oneGrade.data().toString(), QString());

        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setAuditSummary(one.id, QStringLiteral("T"), Severity::Critical);
        model.setAuditSummary(two.id, QStringLiteral("A"), std::nullopt);
        QVERIFY(changes.count() >= 2);
        QCOMPARE(oneGrade.data().toString(), QStringLiteral("T"));
        const QModelIndex oneWorst =
            model.indexForProfileId(one.id, ProfileTreeModel::SeverityColumn);
        QCOMPARE(oneWorst.data().toString(), QStringLiteral("Critical"));
        QVERIFY(!oneWorst.data(Qt::DecorationRole).value<QIcon>().isNull());
        // Audited without findings: a word and an icon too, never colour alone.
        const QModelIndex twoWorst =
            model.indexForProfileId(two.id, ProfileTreeModel::SeverityColumn);
        QCOMPARE(twoWorst.data().toString(), QStringLiteral("None"));
        QVERIFY(!twoWorst.data(Qt::DecorationRole).value<QIcon>().isNull());

        // Service and environment show the worst below them.
        const QModelIndex production = model.indexForEnvironment(QStringLiteral("production"));
        QCOMPARE(production.siblingAtColumn(ProfileTreeModel::SeverityColumn).data().toString(),
                 QStringLiteral("Critical"));
        QCOMPARE(model.indexForService(QStringLiteral("production"), QStringLiteral("orders"))
                     .siblingAtColumn(ProfileTreeModel::SeverityColumn)
                     .data(ProfileTreeModel::WorstSeverityRole)
                     .toInt(),
                 int(Severity::Critical));
        QCOMPARE(model.indexForEnvironment(QStringLiteral("staging"))
                     .siblingAtColumn(ProfileTreeModel::SeverityColumn)
                     .data()
                     .toString(),
                 QString());

        // The summary survives setProfiles while the profile exists, and is dropped with it.
        model.setProfiles({one, two});
        QCOMPARE(model.indexForProfileId(one.id, ProfileTreeModel::GradeColumn).data().toString(),
                 QStringLiteral("T"));
        model.setProfiles({two});
        model.setProfiles({one, two});
        QCOMPARE(model.indexForProfileId(one.id, ProfileTreeModel::GradeColumn).data().toString(),
                 QString());

        model.setAuditSummary(two.id, QString(), std::nullopt);
        QCOMPARE(
            model.indexForProfileId(two.id, ProfileTreeModel::SeverityColumn).data().toString(),
            QString());
    }

    void customEnvironmentsFromPolicies()
    {
        ProfileTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        EnvironmentPolicies policies;
        EnvironmentPolicy qa = EnvironmentPolicy::builtIn(PolicyKind::Staging);
        qa.colour = QStringLiteral("#6a1b9a");
        policies.setOverride(QStringLiteral("qa"), qa);
        model.setPolicies(policies);
        QCOMPARE(model.rowCount(), 4);
        const QModelIndex index = model.indexForEnvironment(QStringLiteral("qa"));
        QCOMPARE(index.row(), 3);
        const QIcon swatch = index.data(Qt::DecorationRole).value<QIcon>();
        const QImage image = swatch.pixmap(16, 16).toImage();
        QCOMPARE(image.pixelColor(8, 8).name(), QStringLiteral("#6a1b9a"));
        model.setPolicies({});
        QCOMPARE(model.rowCount(), 3);
    }

    void dragOntoAnotherEnvironmentRequestsTheChange()
    {
        ProfileTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Profile cache = makeProfile(QStringLiteral("cache"), QStringLiteral("orders"),
                                          QStringLiteral("staging"));
        const Profile other = makeProfile(QStringLiteral("other"), QStringLiteral("billing"),
                                          QStringLiteral("production"));
        model.setProfiles({cache, other});
        QSignalSpy requested(&model, &ProfileTreeModel::environmentChangeRequested);

        const QModelIndex source = model.indexForProfileId(cache.id);
        QVERIFY(model.flags(source) & Qt::ItemIsDragEnabled);
        QVERIFY(!(model.flags(source.parent()) & Qt::ItemIsDragEnabled));
        std::unique_ptr<QMimeData> mime(model.mimeData({source, source.siblingAtColumn(1)}));
        QVERIFY(mime);
        QVERIFY(mime->hasFormat(ProfileTreeModel::mimeType()));
        QCOMPARE(ProfileTreeModel::profileIdsFromMime(mime.get()), QList<QUuid>{cache.id});

        // Onto its own environment: nothing to do.
        const QModelIndex staging = model.indexForEnvironment(QStringLiteral("staging"));
        QVERIFY(!model.canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, staging));
        // Between the top-level rows: no single environment.
        QVERIFY(!model.canDropMimeData(mime.get(), Qt::MoveAction, 1, 0, QModelIndex()));
        // Something that is not ours.
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        const QModelIndex production = model.indexForEnvironment(QStringLiteral("production"));
        QVERIFY(!model.canDropMimeData(&text, Qt::MoveAction, -1, -1, production));

        // Onto the production environment row.
        QVERIFY(model.canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, production));
        QVERIFY(model.dropMimeData(mime.get(), Qt::MoveAction, -1, -1, production));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).value<QUuid>(), cache.id);
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("production"));
        // The model itself changed nothing: the owner saves and calls setProfiles.
        QCOMPARE(model.profileForIndex(model.indexForProfileId(cache.id))->environment,
                 QStringLiteral("staging"));

        // Onto a profile (or service) inside an environment: that environment.
        QVERIFY(model.dropMimeData(mime.get(), Qt::MoveAction, -1, -1,
                                   model.indexForEnvironment(QStringLiteral("development"))));
        const QModelIndex otherProfile = model.indexForProfileId(other.id);
        QVERIFY(model.dropMimeData(mime.get(), Qt::MoveAction, -1, -1, otherProfile));
        QCOMPARE(requested.count(), 3);
        QCOMPARE(requested.at(1).at(1).toString(), QStringLiteral("development"));
        QCOMPARE(requested.at(2).at(1).toString(), QStringLiteral("production"));

        // Only profiles are dragged: a service row alone yields no data.
        QVERIFY(!model.mimeData({source.parent()}));
    }
};

QTEST_MAIN(tst_ProfileTreeModel)
#include "tst_ProfileTreeModel.moc"
