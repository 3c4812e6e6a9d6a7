// Filtering the profile tree: by name, service, host and tag (any field, or one by prefix),
// with the environment and service rows of every match kept, while profiles change under the
// filter. QAbstractItemModelTester watches the proxy throughout.

#include "models/ProfileFilterProxyModel.h"
#include "models/ProfileTreeModel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace rediscope;

namespace {

Profile makeProfile(const QString& name, const QString& service, const QString& environment,
                    const QString& host, const QStringList& tags = {})
{
    Profile profile = Profile::create(name);
    profile.service = service;
    profile.environment = environment;
    profile.host = host;
    profile.tags = tags;
    return profile;
}

// Names of the visible profiles, depth first.
QStringList visibleProfiles(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (ProfileTreeModel::NodeType(index.data(ProfileTreeModel::NodeTypeRole).toInt()) ==
            ProfileTreeModel::NodeType::Profile)
            names << index.data().toString();
        names << visibleProfiles(model, index);
    }
    return names;
}

QStringList topLevel(const QAbstractItemModel& model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, 0).data(ProfileTreeModel::EnvironmentRole).toString();
    return names;
}

} // namespace

class tst_ProfileFilterProxyModel : public QObject
{
    Q_OBJECT

private:
    Profile m_ordersDev = makeProfile(QStringLiteral("orders dev"), QStringLiteral("orders"),
                                      QStringLiteral("development"), QStringLiteral("localhost"),
                                      {QStringLiteral("eu")});
    Profile m_ordersProd =
        makeProfile(QStringLiteral("orders prod"), QStringLiteral("orders"),
                    QStringLiteral("production"), QStringLiteral("orders.prod.example.com"),
                    {QStringLiteral("eu"), QStringLiteral("critical-path")});
    Profile m_sessions =
        makeProfile(QStringLiteral("sessions stage"), QStringLiteral("sessions"),
                    QStringLiteral("staging"), QStringLiteral("10.1.2.3"), {QStringLiteral("us")});

private Q_SLOTS:
    void filtersAndKeepsParents()
    {
        ProfileTreeModel model;
        ProfileFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProfiles({m_ordersDev, m_ordersProd, m_sessions});
        QCOMPARE(visibleProfiles(proxy).size(), 3);
        QVERIFY(!proxy.isFiltering());

        // By name: the match with its service and environment above it.
        proxy.setFilterText(QStringLiteral("STAGE"));
        QCOMPARE(visibleProfiles(proxy), QStringList{QStringLiteral("sessions stage")});
        QCOMPARE(topLevel(proxy), QStringList{QStringLiteral("staging")});
        const QModelIndex environment = proxy.index(0, 0);
        QCOMPARE(proxy.rowCount(environment), 1);
        QCOMPARE(proxy.index(0, 0, environment).data().toString(), QStringLiteral("sessions"));

        // By host, by tag, by service.
        proxy.setFilterText(QStringLiteral("example.com"));
        QCOMPARE(visibleProfiles(proxy), QStringList{QStringLiteral("orders prod")});
        proxy.setFilterText(QStringLiteral("critical"));
        QCOMPARE(visibleProfiles(proxy), QStringList{QStringLiteral("orders prod")});
        proxy.setFilterText(QStringLiteral("orders"));
        QCOMPARE(visibleProfiles(proxy),
                 (QStringList{QStringLiteral("orders dev"), QStringLiteral("orders prod")}));
        QCOMPARE(topLevel(proxy),
                 (QStringList{QStringLiteral("development"), QStringLiteral("production")}));

        // Every word must match; a prefix limits a word to one field.
        proxy.setFilterText(QStringLiteral("orders eu prod"));
        QCOMPARE(visibleProfiles(proxy), QStringList{QStringLiteral("orders prod")});
        proxy.setFilterText(QStringLiteral("tag:us"));
        QCOMPARE(visibleProfiles(proxy), QStringList{QStringLiteral("sessions stage")});
        proxy.setFilterText(QStringLiteral("host:orders"));
        QCOMPARE(visibleProfiles(proxy), QStringList{QStringLiteral("orders prod")});
        proxy.setFilterText(QStringLiteral("name:localhost"));
        QCOMPARE(visibleProfiles(proxy), QStringList());
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterText(QStringLiteral("env:dev service:orders"));
        QCOMPARE(visibleProfiles(proxy), QStringList{QStringLiteral("orders dev")});

        // Cleared: everything, empty built-in environments included.
        proxy.setFilterText(QString());
        QCOMPARE(visibleProfiles(proxy).size(), 3);
        QCOMPARE(proxy.rowCount(), 3);
    }

    void profilesChangeUnderAFilter()
    {
        ProfileTreeModel model;
        ProfileFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setFilterText(QStringLiteral("eu"));
        model.setProfiles({m_ordersDev, m_ordersProd, m_sessions});
        QCOMPARE(visibleProfiles(proxy),
                 (QStringList{QStringLiteral("orders dev"), QStringLiteral("orders prod")}));

        // A profile gains the tag: it appears, with its environment.
        Profile sessions = m_sessions;
        sessions.tags << QStringLiteral("eu");
        model.setProfiles({m_ordersDev, m_ordersProd, sessions});
        QCOMPARE(visibleProfiles(proxy),
                 (QStringList{QStringLiteral("orders dev"), QStringLiteral("sessions stage"),
                              QStringLiteral("orders prod")}));

        // It moves to another environment and is renamed: still shown, in the new place.
        sessions.environment = QStringLiteral("qa");
        sessions.name = QStringLiteral("a sessions");
        model.setProfiles({m_ordersDev, m_ordersProd, sessions});
        QCOMPARE(topLevel(proxy),
                 (QStringList{QStringLiteral("development"), QStringLiteral("production"),
                              QStringLiteral("qa")}));

        // Loses the tag, others go away: the filter follows.
        Profile ordersDev = m_ordersDev;
        ordersDev.tags.clear();
        model.setProfiles({ordersDev, sessions});
        QCOMPARE(visibleProfiles(proxy), QStringList{QStringLiteral("a sessions")});
        model.setAuditSummary(sessions.id, QStringLiteral("B"), Severity::Medium);
        QCOMPARE(proxy.index(0, ProfileTreeModel::SeverityColumn).data().toString(),
                 QStringLiteral("Medium"));
        model.setProfiles({});
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), 3);
    }

    void dropThroughTheProxy()
    {
        ProfileTreeModel model;
        ProfileFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        model.setProfiles({m_ordersDev, m_ordersProd});
        proxy.setFilterText(QStringLiteral("orders"));
        QSignalSpy requested(&model, &ProfileTreeModel::environmentChangeRequested);
        const QModelIndex dev = proxy.mapFromSource(model.indexForProfileId(m_ordersDev.id));
        std::unique_ptr<QMimeData> mime(proxy.mimeData({dev}));
        QVERIFY(mime);
        const QModelIndex production =
            proxy.mapFromSource(model.indexForEnvironment(QStringLiteral("production")));
        QVERIFY(proxy.dropMimeData(mime.get(), Qt::MoveAction, -1, -1, production));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("production"));
    }
};

QTEST_MAIN(tst_ProfileFilterProxyModel)
#include "tst_ProfileFilterProxyModel.moc"
