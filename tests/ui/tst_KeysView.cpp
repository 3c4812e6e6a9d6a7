// The Keys tab on a seeded lab database: scanning loads more as the list scrolls, the filters
// narrow it, selecting a key shows its bounded preview, production is read-only, a key is
// deleted after a confirmation elsewhere; screenshots for review.

#include "KeysSeed.h"
#include "models/KeysModel.h"
#include "views/KeysView.h"

#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace rediscope;
using namespace rediscope::testing;

namespace {

bool scanned(KeysView& view)
{
    return QTest::qWaitFor([&] { return !view.controller()->isBusy(); }, 20000);
}

bool select(KeysView& view, const QByteArray& key)
{
    const int row = view.model()->rowOf(key);
    if (row < 0)
        return false;
    QSignalSpy loaded(view.controller(), &KeysController::previewLoaded);
    view.table()->setCurrentIndex(view.model()->index(row, 0));
    return loaded.wait(20000);
}

} // namespace

class tst_KeysView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        QVERIFY(seedKeys());
    }

    void cleanupTestCase() { flushKeys(); }

    void loadsMoreAsTheListScrolls()
    {
        KeysView view;
        view.resize(1000, 600);
        view.controller()->setPageSize(40);
        view.setTarget(labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* status = view.findChild<QLabel*>(QStringLiteral("keysStatus"));
        QVERIFY(status->text().contains(QLatin1String("Press Scan")));

        view.scan();
        QVERIFY(scanned(view));
        const int first = view.model()->rowCount();
        QVERIFY2(first >= 40 && first < SeededKeys, qPrintable(QString::number(first)));
        QVERIFY(view.model()->canFetchMore({}));
        QVERIFY(status->text().contains(QLatin1String("Load more")));

        // Scrolling to the end makes the view ask for the next pages, until SCAN's cursor comes
        // back to 0 (that may take a page after the last key arrived).
        for (int guard = 0; guard < 40 && view.model()->canFetchMore({}); ++guard) {
            view.table()->scrollToBottom();
            QTest::qWait(0);
            QVERIFY(scanned(view));
        }
        QCOMPARE(view.model()->rowCount(), SeededKeys);
        QVERIFY(!view.model()->canFetchMore({}));
        QVERIFY2(status->text().contains(QLatin1String("scan complete")),
                 qPrintable(status->text()));
    }

    void filtersAndPreviews()
    {
        KeysView view;
        view.resize(1000, 600);
        view.setTarget(labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        view.setFilter(QStringLiteral("user:*"));
        view.scan();
        QVERIFY(scanned(view));
        QCOMPARE(view.model()->rowCount(), SeededUsers);

        view.setFilter(QString(), QStringLiteral("hash"));
        view.scan();
        QVERIFY(scanned(view));
        QCOMPARE(view.model()->rowCount(), 1);
        QVERIFY(select(view, "h:profile"));
        auto* table = view.findChild<QTreeWidget*>(QStringLiteral("previewTable"));
        QVERIFY(table->isVisible());
        QCOMPARE(table->topLevelItemCount(), 5);
        QCOMPARE(table->headerItem()->text(0), QStringLiteral("Field"));

        view.setFilter(QString());
        view.scan();
        QVERIFY(scanned(view));
        QCOMPARE(view.model()->rowCount(), SeededKeys);

        QVERIFY(select(view, userKey(1)));
        auto* text = view.findChild<QPlainTextEdit*>(QStringLiteral("previewText"));
        QVERIFY(text->isVisible());
        QCOMPARE(text->toPlainText(), QStringLiteral("name-1"));
        auto* facts = view.findChild<QLabel*>(QStringLiteral("previewFacts"));
        QVERIFY2(facts->text().contains(QLatin1String("59 min")), qPrintable(facts->text()));

        QVERIFY(select(view, "l:events"));
        QVERIFY(table->isVisible());
        QCOMPARE(table->topLevelItemCount(), view.controller()->previewLimit());
        QCOMPARE(table->topLevelItem(0)->text(1), QStringLiteral("event-0"));
        QVERIFY2(facts->text().contains(QLatin1String("300 elements")), qPrintable(facts->text()));
        QVERIFY(facts->text().contains(QLatin1String("first 100 shown")));
        QVERIFY(view.grab().save(screenshotPath(QStringLiteral("keys.png"))));

        QVERIFY(select(view, "x:log"));
        QCOMPARE(table->topLevelItemCount(), 3);
        QCOMPARE(table->headerItem()->text(0), QStringLiteral("ID"));
        QVERIFY(view.grab().save(screenshotPath(QStringLiteral("keys-stream.png"))));
    }

    void productionIsReadOnly()
    {
        KeysView view;
        view.resize(1000, 600);
        view.setTarget(labTarget(QStringLiteral("good"), QStringLiteral("production"), KeysDb));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* readOnly = view.findChild<QWidget*>(QStringLiteral("keysReadOnly"));
        QVERIFY(readOnly->isVisible());
        view.setFilter(QStringLiteral("z:*"));
        view.scan();
        QVERIFY(scanned(view));
        QVERIFY(select(view, "z:scores"));
        auto* remove = view.findChild<QPushButton*>(QStringLiteral("keysDelete"));
        QVERIFY(remove->isVisible());
        QVERIFY(!remove->isEnabled());
        QVERIFY(remove->toolTip().contains(QLatin1String("Read-only")));
        QVERIFY(view.grab().save(screenshotPath(QStringLiteral("keys-production.png"))));
    }

    void deleteAsksFirst()
    {
        const auto target =
            labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb);
        KeysView view;
        view.setTarget(target);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFilter(QStringLiteral("user:01*"));
        view.scan();
        QVERIFY(scanned(view));
        QVERIFY(select(view, userKey(110)));
        auto* remove = view.findChild<QPushButton*>(QStringLiteral("keysDelete"));
        QVERIFY(remove->isEnabled());

        remove->click();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = view.findChild<QMessageBox*>(QStringLiteral("deleteKeyBox"))));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!view.findChild<QMessageBox*>(QStringLiteral("deleteKeyBox")));
        auto direct = openDirect(target);
        QCOMPARE(directCommand(*direct, {"EXISTS", userKey(110)}).integer, 1);

        QSignalSpy deleted(view.controller(), &KeysController::deleted);
        remove->click();
        QTRY_VERIFY((box = view.findChild<QMessageBox*>(QStringLiteral("deleteKeyBox"))));
        box->findChild<QPushButton*>(QStringLiteral("deleteButton"))->click();
        QVERIFY(deleted.wait(20000));
        QCOMPARE(view.model()->rowOf(userKey(110)), -1);
        QCOMPARE(directCommand(*direct, {"EXISTS", userKey(110)}).integer, 0);
        directCommand(*direct, {"SET", userKey(110), "name-110"});
    }
};

QTEST_MAIN(tst_KeysView)
#include "tst_KeysView.moc"
