// The app's settings: what a saved file from an older version means now (the probe's
// connections per server were a fixed 8 before Automatic became the default).

#include "controllers/AppSettings.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace rediscope;

class tst_AppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RediscopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_AppSettings"));
    }

    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    void probeConnectionsFromEarlierVersions_data()
    {
        QTest::addColumn<QVariant>("oldValue");
        QTest::addColumn<QVariant>("newValue");
        QTest::addColumn<int>("loaded");
        QTest::newRow("nothing saved: automatic") << QVariant() << QVariant() << 0;
        QTest::newRow("old default 8: automatic") << QVariant(8) << QVariant() << 0;
        QTest::newRow("old choice 4 kept") << QVariant(4) << QVariant() << 4;
        QTest::newRow("old choice 0 kept") << QVariant(0) << QVariant() << 0;
        QTest::newRow("new key wins") << QVariant(8) << QVariant(8) << 8;
        QTest::newRow("new key, clamped")
            << QVariant() << QVariant(500) << AppSettings::MaxParallelism;
    }

    void probeConnectionsFromEarlierVersions()
    {
        QFETCH(QVariant, oldValue);
        QFETCH(QVariant, newValue);
        QFETCH(int, loaded);
        {
            QSettings settings;
            if (oldValue.isValid())
                settings.setValue(QStringLiteral("settings/probeParallelism"), oldValue);
            if (newValue.isValid())
                settings.setValue(QStringLiteral("settings/probeConnections"), newValue);
        }
        const AppSettings settings = AppSettings::load();
        QCOMPARE(settings.probeParallelism, loaded);
        settings.save();
        const QSettings saved;
        QCOMPARE(saved.value(QStringLiteral("settings/probeConnections")).toInt(), loaded);
        QVERIFY(!saved.contains(QStringLiteral("settings/probeParallelism")));
    }
};

QTEST_GUILESS_MAIN(tst_AppSettings)
#include "tst_AppSettings.moc"
