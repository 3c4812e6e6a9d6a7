// The key browser's controller and model against a seeded lab database: SCAN page by page until
// every key is listed once, the pattern and type filters, TTL and type per key, bounded value
// previews for each type, read-only production, and QAbstractItemModelTester on the model as
// pages arrive.

#include "KeysSeed.h"
#include "controllers/KeysController.h"
#include "models/KeysModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace rediscope;
using namespace rediscope::testing;

namespace {

// Scans to the end, page by page through the model as a view would, and returns the keys.
QList<KeyEntry> scanAll(KeysController& controller, KeysModel& model, const QString& pattern,
                        const QString& type, int* pages = nullptr)
{
    QSignalSpy loaded(&controller, &KeysController::pageLoaded);
    QObject::connect(&controller, &KeysController::pageLoaded, &model, &KeysModel::appendPage,
                     Qt::UniqueConnection);
    QObject::connect(&model, &KeysModel::fetchMoreRequested, &controller,
                     &KeysController::fetchMore, Qt::UniqueConnection);
    model.reset();
    controller.scan(pattern, type);
    for (int guard = 0; guard < 1000; ++guard) {
        if (!QTest::qWaitFor([&] { return !controller.isScanning(); }, 20000))
            break;
        if (!model.canFetchMore({}))
            break;
        model.fetchMore({});
    }
    if (pages)
        *pages = int(loaded.size());
    QList<KeyEntry> keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys << model.entry(row);
    return keys;
}

QSet<QByteArray> keySet(const QList<KeyEntry>& entries)
{
    QSet<QByteArray> keys;
    for (const KeyEntry& entry : entries)
        keys.insert(entry.key);
    return keys;
}

KeyPreview previewOf(KeysController& controller, const QByteArray& key)
{
    QSignalSpy loaded(&controller, &KeysController::previewLoaded);
    controller.loadPreview(key);
    if (!loaded.wait(20000))
        return {};
    return loaded.constLast().constFirst().value<KeyPreview>();
}

} // namespace

class tst_KeysController : public QObject
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

    void scansEveryKeyOnceInPages()
    {
        KeysController controller;
        controller.setPageSize(25);
        KeysModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        controller.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));
        QVERIFY(!controller.canFetchMore());
        int pages = 0;
        const QList<KeyEntry> keys = scanAll(controller, model, QString(), QString(), &pages);
        QCOMPARE(keys.size(), SeededKeys);
        QCOMPARE(keySet(keys).size(), SeededKeys);
        QVERIFY2(pages >= 4, qPrintable(QString::number(pages))); // incremental, not all at once
        QVERIFY(!controller.canFetchMore());
        QVERIFY(!model.canFetchMore({}));

        // Type and TTL of each key, from the pipelined TYPE/PTTL.
        const auto find = [&](const QByteArray& key) {
            for (const KeyEntry& entry : keys)
                if (entry.key == key)
                    return entry;
            return KeyEntry{};
        };
        QCOMPARE(find(userKey(2)).type, QStringLiteral("string"));
        QCOMPARE(find(userKey(2)).ttlMs, -1);
        QVERIFY(find(userKey(1)).ttlMs > 3500 * 1000 && find(userKey(1)).ttlMs <= 3600 * 1000);
        QCOMPARE(find("h:profile").type, QStringLiteral("hash"));
        QCOMPARE(find("l:events").type, QStringLiteral("list"));
        QCOMPARE(find("s:tags").type, QStringLiteral("set"));
        QCOMPARE(find("z:scores").type, QStringLiteral("zset"));
        QCOMPARE(find("x:log").type, QStringLiteral("stream"));
        QCOMPARE(find(QByteArray("bin:\x00\xff", 6)).type, QStringLiteral("string"));

        // The model shows them readably.
        const int binary = model.rowOf(QByteArray("bin:\x00\xff", 6));
        QVERIFY(binary >= 0);
        QCOMPARE(model.index(binary, KeysModel::KeyColumn).data().toString(),
                 QStringLiteral("\"bin:\\x00\\xff\""));
        const int user1 = model.rowOf(userKey(1));
        QVERIFY(model.index(user1, KeysModel::TtlColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("59 min")));
        QCOMPARE(model.index(model.rowOf(userKey(2)), KeysModel::TtlColumn).data().toString(),
                 QStringLiteral("no expiry"));
    }

    void patternAndTypeFilters_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("count");
        QTest::addColumn<QByteArray>("example");

        QTest::newRow("pattern user:*") << "user:*" << QString() << SeededUsers << userKey(7);
        QTest::newRow("pattern user:00[0-4]?") << "user:00[0-4]?" << QString() << 49 << userKey(42);
        QTest::newRow("pattern matches nothing") << "nothing:*" << QString() << 0 << QByteArray();
        QTest::newRow("type hash") << QString() << "hash" << 1 << QByteArray("h:profile");
        QTest::newRow("type stream") << QString() << "stream" << 1 << QByteArray("x:log");
        QTest::newRow("type string") << QString() << "string" << SeededUsers + 1 << userKey(120);
        QTest::newRow("pattern and type") << "*:*"
                                          << "zset" << 1 << QByteArray("z:scores");
        QTest::newRow("pattern and other type") << "user:*"
                                                << "list" << 0 << QByteArray();
    }

    void patternAndTypeFilters()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, type);
        QFETCH(int, count);
        QFETCH(QByteArray, example);
        KeysController controller;
        controller.setPageSize(30);
        KeysModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        controller.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));
        const QList<KeyEntry> keys = scanAll(controller, model, pattern, type);
        QCOMPARE(keys.size(), count);
        if (!example.isEmpty())
            QVERIFY(keySet(keys).contains(example));
        for (const KeyEntry& entry : keys)
            if (!type.isEmpty())
                QCOMPARE(entry.type, type);
    }

    void previewsAreBounded()
    {
        KeysController controller;
        controller.setPreviewLimit(100);
        controller.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));

        KeyPreview text = previewOf(controller, userKey(3));
        QCOMPARE(text.type, QStringLiteral("string"));
        QCOMPARE(text.text, QByteArray("name-3"));
        QCOMPARE(text.length, 6);
        QVERIFY(!text.truncated);

        KeyPreview list = previewOf(controller, "l:events");
        QCOMPARE(list.type, QStringLiteral("list"));
        QCOMPARE(list.length, SeededListLength);
        QCOMPARE(list.rows.size(), 100);
        QVERIFY(list.truncated);
        QCOMPARE(list.rows.constFirst(), (QList<QByteArray>{"0", "event-0"}));
        QCOMPARE(list.rows.constLast(), (QList<QByteArray>{"99", "event-99"}));

        KeyPreview hash = previewOf(controller, "h:profile");
        QCOMPARE(hash.columns.size(), 2);
        QCOMPARE(hash.length, 5);
        QCOMPARE(hash.rows.size(), 5);
        QVERIFY(hash.rows.contains(QList<QByteArray>{"city", "London"}));
        QVERIFY(!hash.truncated);

        KeyPreview set = previewOf(controller, "s:tags");
        QCOMPARE(set.rows.size(), 3);
        QVERIFY(set.rows.contains(QList<QByteArray>{"green"}));

        KeyPreview zset = previewOf(controller, "z:scores");
        QCOMPARE(zset.rows,
                 (QList<QList<QByteArray>>{{"bob", "1"}, {"carol", "2"}, {"alice", "3"}}));

        KeyPreview stream = previewOf(controller, "x:log");
        QCOMPARE(stream.length, 3);
        QCOMPARE(stream.rows.size(), 3);
        QCOMPARE(stream.rows.constFirst().constFirst(), QByteArray("1-0"));
        QCOMPARE(stream.rows.constFirst().constLast(),
                 QByteArray("level=info  message=\"started step 1\""));

        // A smaller limit bounds collections the same way.
        controller.setPreviewLimit(2);
        KeyPreview small = previewOf(controller, "h:profile");
        QCOMPARE(small.rows.size(), 2);
        QVERIFY(small.truncated);

        KeyPreview missing = previewOf(controller, "no-such-key");
        QVERIFY(missing.message.contains(QLatin1String("no longer exists")));
    }

    void productionIsReadOnly()
    {
        auto prod = labTarget(QStringLiteral("good"), QStringLiteral("production"), KeysDb);
        KeysController controller;
        controller.setTarget(prod);
        QVERIFY(controller.writesLocked());
        QSignalSpy failed(&controller, &KeysController::failed);
        QSignalSpy deleted(&controller, &KeysController::deleted);
        controller.deleteKey(userKey(5));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.constFirst().constFirst().toString().contains(QLatin1String("read-only")));
        QVERIFY(deleted.isEmpty());
        auto direct = openDirect(prod);
        QCOMPARE(directCommand(*direct, {"EXISTS", userKey(5)}).integer, 1);

        // Browsing works in production.
        KeysModel model;
        QCOMPARE(scanAll(controller, model, QStringLiteral("user:000?"), QString()).size(), 9);

        // Unlocked for the session, a delete goes through.
        controller.setWritesUnlocked(true);
        controller.deleteKey(userKey(5));
        QVERIFY(deleted.wait(20000));
        QCOMPARE(deleted.constFirst().constFirst().toByteArray(), userKey(5));
        QCOMPARE(directCommand(*direct, {"EXISTS", userKey(5)}).integer, 0);
        directCommand(*direct, {"SET", userKey(5), "name-5"});
    }

    void newScanDropsTheOldOnesPages()
    {
        KeysController controller;
        controller.setPageSize(10);
        KeysModel model;
        controller.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));
        QSignalSpy loaded(&controller, &KeysController::pageLoaded);
        controller.scan(QStringLiteral("user:*"));
        controller.scan(QStringLiteral("h:*")); // replaces the first before it ran
        QVERIFY(loaded.wait(20000));
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(loaded.size(), 1);
        const auto keys = loaded.constFirst().constFirst().value<QList<KeyEntry>>();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.constFirst().key, QByteArray("h:profile"));
    }

    void cancelKeepsTheCursor()
    {
        KeysController controller;
        controller.setPageSize(10);
        controller.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));
        QSignalSpy loaded(&controller, &KeysController::pageLoaded);
        controller.scan(QString());
        QVERIFY(loaded.wait(20000));
        QVERIFY(controller.canFetchMore());
        controller.fetchMore();
        QVERIFY(controller.isScanning());
        controller.cancel();
        QVERIFY(!controller.isBusy());
        // The scan goes on from where it was.
        QVERIFY(controller.canFetchMore());
        controller.fetchMore();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.size(), 2);
    }
};

QTEST_MAIN(tst_KeysController)
#include "tst_KeysController.moc"
