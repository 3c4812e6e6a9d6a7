// The profile pane: commands as signals carrying the profile id, keyboard use, the filter box,
// expansion and selection kept across updates and sessions. Writes a screenshot for review.

#include "models/ProfileFilterProxyModel.h"
#include "models/ProfileTreeModel.h"
#include "style/EnvironmentStyle.h"
#include "views/ProfilePane.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

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

struct Fixture
{
    Profile ordersDev = makeProfile(QStringLiteral("orders-dev"), QStringLiteral("orders"),
                                    QStringLiteral("development"));
    Profile ordersStaging =
        makeProfile(QStringLiteral("orders-staging"), QStringLiteral("orders"),
                    QStringLiteral("staging"), QStringLiteral("orders.staging.example.com"));
    Profile ordersProd =
        makeProfile(QStringLiteral("orders-prod"), QStringLiteral("orders"),
                    QStringLiteral("production"), QStringLiteral("orders.example.com"));
    Profile sessionsDev = makeProfile(QStringLiteral("sessions-dev"), QStringLiteral("sessions"),
                                      QStringLiteral("development"));
    Profile sessionsProd =
        makeProfile(QStringLiteral("sessions-prod"), QStringLiteral("sessions"),
                    QStringLiteral("production"), QStringLiteral("sessions.example.com"));

    QList<Profile> all() const
    {
        return {ordersDev, ordersStaging, ordersProd, sessionsDev, sessionsProd};
    }
};

QModelIndex viewIndex(const ProfilePane& pane, const QModelIndex& source)
{
    return pane.filterModel()->mapFromSource(source);
}

} // namespace

class tst_ProfilePane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actionsEmitTheCurrentProfile()
    {
        Fixture f;
        ProfilePane pane;
        pane.setProfiles(f.all());
        QSignalSpy current(&pane, &ProfilePane::currentProfileChanged);
        QVERIFY(!pane.action(ProfilePane::Action::Edit)->isEnabled());

        QVERIFY(pane.selectProfile(f.ordersProd.id));
        QCOMPARE(pane.currentProfileId(), f.ordersProd.id);
        QCOMPARE(current.count(), 1);
        QCOMPARE(current.at(0).at(0).value<QUuid>(), f.ordersProd.id);
        QVERIFY(pane.action(ProfilePane::Action::Edit)->isEnabled());

        const struct
        {
            ProfilePane::Action action;
            void (ProfilePane::*signal)(const QUuid&);
        } commands[] = {
            {ProfilePane::Action::Connect, &ProfilePane::connectRequested},
            {ProfilePane::Action::Audit, &ProfilePane::auditRequested},
            {ProfilePane::Action::Edit, &ProfilePane::editRequested},
            {ProfilePane::Action::Duplicate, &ProfilePane::duplicateRequested},
            {ProfilePane::Action::ExportUrl, &ProfilePane::exportUrlRequested},
            {ProfilePane::Action::ExportRedisCli, &ProfilePane::exportRedisCliRequested},
            {ProfilePane::Action::Delete, &ProfilePane::deleteRequested}};
        for (const auto& command : commands) {
            QSignalSpy spy(&pane, command.signal);
            pane.action(command.action)->trigger();
            QCOMPARE(spy.count(), 1);
            QCOMPARE(spy.at(0).at(0).value<QUuid>(), f.ordersProd.id);
        }

        // The context menu of a profile lists them all; that of an environment offers a new
        // profile there.
        std::unique_ptr<QMenu> menu(pane.createContextMenu(
            viewIndex(pane, pane.model()->indexForProfileId(f.ordersProd.id)), nullptr));
        QList<QAction*> actions = menu->actions();
        for (const auto& command : commands)
            QVERIFY(actions.contains(pane.action(command.action)));
        std::unique_ptr<QMenu> environmentMenu(pane.createContextMenu(
            viewIndex(pane, pane.model()->indexForEnvironment(QStringLiteral("staging"))),
            nullptr));
        QSignalSpy create(&pane, &ProfilePane::newProfileRequested);
        QAction* newProfile = environmentMenu->actions().value(0);
        QVERIFY(newProfile && newProfile->text().contains(QLatin1String("Staging")));
        newProfile->trigger();
        QCOMPARE(create.count(), 1);
        QCOMPARE(create.at(0).at(0).toString(), QStringLiteral("staging"));

        // An environment row is current: no profile, commands disabled.
        pane.view()->setCurrentIndex(
            viewIndex(pane, pane.model()->indexForEnvironment(QStringLiteral("staging"))));
        QVERIFY(pane.currentProfileId().isNull());
        QCOMPARE(current.last().at(0).value<QUuid>(), QUuid());
        QVERIFY(!pane.action(ProfilePane::Action::Delete)->isEnabled());
    }

    void keyboard()
    {
        Fixture f;
        ProfilePane pane;
        pane.resize(360, 420);
        pane.setProfiles(f.all());
        pane.show();
        QApplication::setActiveWindow(&pane);
        QVERIFY(QTest::qWaitForWindowActive(&pane));

        // Ctrl+F focuses the filter; typing filters; Down moves to the first match.
        pane.view()->setFocus();
        QTest::keyClick(pane.view(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(pane.filterEdit()->hasFocus());
        QTest::keyClicks(pane.filterEdit(), QStringLiteral("sessions-p"));
        QCOMPARE(pane.filterModel()->filterText(), QStringLiteral("sessions-p"));
        QTest::keyClick(pane.filterEdit(), Qt::Key_Down);
        QVERIFY(pane.view()->hasFocus());
        QCOMPARE(pane.currentProfileId(), f.sessionsProd.id);

        // F2 edits, Ctrl+D duplicates, Delete deletes, Return connects.
        QSignalSpy edit(&pane, &ProfilePane::editRequested);
        QSignalSpy duplicate(&pane, &ProfilePane::duplicateRequested);
        QSignalSpy remove(&pane, &ProfilePane::deleteRequested);
        QSignalSpy connectTo(&pane, &ProfilePane::connectRequested);
        QTest::keyClick(pane.view(), Qt::Key_F2);
        QTest::keyClick(pane.view(), Qt::Key_D, Qt::ControlModifier);
        QTest::keyClick(pane.view(), Qt::Key_Delete);
        QTest::keyClick(pane.view(), Qt::Key_Return);
        QCOMPARE(edit.count(), 1);
        QCOMPARE(duplicate.count(), 1);
        QCOMPARE(remove.count(), 1);
        QCOMPARE(connectTo.count(), 1);
        QCOMPARE(connectTo.at(0).at(0).value<QUuid>(), f.sessionsProd.id);

        // Escape in the filter clears it; the selection stays.
        pane.filterEdit()->setFocus();
        QTest::keyClick(pane.filterEdit(), Qt::Key_Escape);
        QVERIFY(pane.filterEdit()->text().isEmpty());
        QVERIFY(!pane.filterModel()->isFiltering());
        QCOMPARE(pane.currentProfileId(), f.sessionsProd.id);
    }

    void filterShowsMatchesAndAPlaceholder()
    {
        Fixture f;
        ProfilePane pane;
        auto* placeholder = pane.findChild<QLabel*>(QStringLiteral("profilePlaceholder"));
        QVERIFY(placeholder);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QVERIFY(placeholder->isVisible()); // no profiles yet
        QVERIFY(placeholder->text().contains(QLatin1String("No profiles")));

        pane.setProfiles(f.all());
        QVERIFY(!placeholder->isVisible());
        // Collapsed by the user, yet a filter shows the matches inside.
        pane.view()->collapse(
            viewIndex(pane, pane.model()->indexForEnvironment(QStringLiteral("production"))));
        pane.filterEdit()->setText(QStringLiteral("example.com"));
        const QModelIndex production =
            viewIndex(pane, pane.model()->indexForEnvironment(QStringLiteral("production")));
        QVERIFY(pane.view()->isExpanded(production));
        pane.filterEdit()->setText(QStringLiteral("nothing-like-this"));
        QVERIFY(placeholder->isVisible());
        QVERIFY(placeholder->text().contains(QLatin1String("nothing-like-this")));
        // Cleared: the user's choice is back.
        pane.filterEdit()->clear();
        QVERIFY(!pane.view()->isExpanded(
            viewIndex(pane, pane.model()->indexForEnvironment(QStringLiteral("production")))));
        QVERIFY(!placeholder->isVisible());
    }

    void expansionAndSelectionSurviveUpdates()
    {
        Fixture f;
        ProfilePane pane;
        pane.setProfiles(f.all());
        QTreeView* view = pane.view();
        const auto expanded = [&](const QModelIndex& source) {
            return view->isExpanded(viewIndex(pane, source));
        };
        ProfileTreeModel* model = pane.model();
        QVERIFY(expanded(model->indexForEnvironment(QStringLiteral("production"))));
        QVERIFY(expanded(
            model->indexForService(QStringLiteral("production"), QStringLiteral("orders"))));

        // The user collapses staging and development/sessions.
        view->collapse(viewIndex(pane, model->indexForEnvironment(QStringLiteral("staging"))));
        view->collapse(viewIndex(pane, model->indexForService(QStringLiteral("development"),
                                                              QStringLiteral("sessions"))));
        QVERIFY(pane.isCollapsedByUser(QStringLiteral("staging")));
        QVERIFY(pane.isCollapsedByUser(QStringLiteral("development"), QStringLiteral("sessions")));

        // The current profile moves to another environment and a new service appears: the
        // selection follows, the collapsed nodes stay collapsed, new nodes open.
        QVERIFY(pane.selectProfile(f.ordersDev.id));
        QSignalSpy current(&pane, &ProfilePane::currentProfileChanged);
        Fixture g = f;
        g.ordersDev.environment = QStringLiteral("production");
        g.ordersDev.service = QStringLiteral("billing");
        pane.setProfiles(g.all());
        QCOMPARE(pane.currentProfileId(), f.ordersDev.id);
        QCOMPARE(current.count(), 0); // the same profile stayed current
        QVERIFY(!expanded(model->indexForEnvironment(QStringLiteral("staging"))));
        QVERIFY(!expanded(
            model->indexForService(QStringLiteral("development"), QStringLiteral("sessions"))));
        QVERIFY(expanded(
            model->indexForService(QStringLiteral("production"), QStringLiteral("billing"))));
        QVERIFY(expanded(model->indexForEnvironment(QStringLiteral("development"))));

        // Across sessions.
        const QByteArray state = pane.saveState();
        ProfilePane next;
        QVERIFY(next.restoreState(state));
        QVERIFY(next.isCollapsedByUser(QStringLiteral("staging")));
        QVERIFY(next.currentProfileId().isNull()); // its profiles come later
        next.setProfiles(g.all());
        QCOMPARE(next.currentProfileId(), f.ordersDev.id);
        QVERIFY(!next.view()->isExpanded(next.filterModel()->mapFromSource(
            next.model()->indexForEnvironment(QStringLiteral("staging")))));
        QVERIFY(next.view()->isExpanded(next.filterModel()->mapFromSource(
            next.model()->indexForEnvironment(QStringLiteral("production")))));
        QVERIFY(!next.restoreState(QByteArray("garbage")));
    }

    void dropRequestIsForwarded()
    {
        Fixture f;
        ProfilePane pane;
        pane.setProfiles(f.all());
        QSignalSpy requested(&pane, &ProfilePane::environmentChangeRequested);
        std::unique_ptr<QMimeData> mime(
            pane.model()->mimeData({pane.model()->indexForProfileId(f.sessionsDev.id)}));
        QVERIFY(pane.filterModel()->dropMimeData(
            mime.get(), Qt::MoveAction, -1, -1,
            viewIndex(pane, pane.model()->indexForEnvironment(QStringLiteral("staging")))));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).value<QUuid>(), f.sessionsDev.id);
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("staging"));
    }

    void rendersScreenshot()
    {
        Fixture f;
        f.ordersDev.tls.enabled = false;
        ProfilePane pane;
        EnvironmentPolicies policies;
        policies.setOverride(QStringLiteral("qa"), EnvironmentPolicy::builtIn(PolicyKind::Staging));
        pane.setPolicies(policies);
        QList<Profile> profiles = f.all();
        profiles << makeProfile(QStringLiteral("search-qa"), QStringLiteral("search"),
                                QStringLiteral("qa"));
        profiles << makeProfile(QStringLiteral("scratch"), QString(),
                                QStringLiteral("development"));
        pane.setProfiles(profiles);
        pane.setAuditSummary(f.ordersDev.id, QStringLiteral("M"), Severity::High);
        pane.setAuditSummary(f.ordersStaging.id, QStringLiteral("T"), Severity::Critical);
        pane.setAuditSummary(f.ordersProd.id, QStringLiteral("A+"), std::nullopt);
        pane.setAuditSummary(f.sessionsProd.id, QStringLiteral("B"), Severity::Medium);
        pane.setAuditSummary(f.sessionsDev.id, QStringLiteral("A"), Severity::Low);
        pane.selectProfile(f.ordersProd.id);
        pane.resize(380, 460);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));

        const QPixmap shot = pane.grab();
        const QString directory = qEnvironmentVariable("REDISCOPE_TEST_OUTPUT", QDir::tempPath());
        QVERIFY(QDir().mkpath(directory));
        const QString path = directory + QStringLiteral("/profile-pane.png");
        QVERIFY(shot.save(path));
        qInfo("screenshot: %s", qPrintable(path));
        // Every column fits: nothing elided in the grade and severity columns.
        for (int column :
             {int(ProfileTreeModel::GradeColumn), int(ProfileTreeModel::SeverityColumn)})
            QVERIFY(pane.view()->columnWidth(column) >=
                    static_cast<QAbstractItemView*>(pane.view())->sizeHintForColumn(column));
        QSet<QRgb> colours;
        const QImage image = shot.toImage();
        for (int y = 0; y < image.height() && colours.size() < 4; y += 5)
            for (int x = 0; x < image.width() && colours.size() < 4; x += 5)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() >= 4);

        // The same in a dark palette: names, badges and severities stay legible.
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x33, 0x33, 0x33));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x9e, 0x9e, 0x9e));
        QApplication::setPalette(dark);
        QCoreApplication::processEvents();
        const QColor production = pane.model()
                                      ->indexForEnvironment(QStringLiteral("production"))
                                      .data(Qt::ForegroundRole)
                                      .value<QColor>();
        QVERIFY(EnvironmentStyle::contrastRatio(production, dark.color(QPalette::Base)) >= 4.5);
        pane.view()->viewport()->update();
        const QString darkPath = directory + QStringLiteral("/profile-pane-dark.png");
        QVERIFY(pane.grab().save(darkPath));
        qInfo("screenshot: %s", qPrintable(darkPath));
        QApplication::setPalette(light);
        QCoreApplication::processEvents();
    }
};

QTEST_MAIN(tst_ProfilePane)
#include "tst_ProfilePane.moc"
