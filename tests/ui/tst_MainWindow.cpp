// The main window exists, shows its profile pane, and renders (a screenshot is written for review).

#include "views/MainWindow.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QTest>
#include <QTreeView>

using namespace rediscope;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTitleAndProfilePane()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Rediscope"));
        QTreeView* profiles = window.findChild<QTreeView*>(QStringLiteral("profileView"));
        QVERIFY(profiles);
        QVERIFY(profiles->isVisible());
        QCOMPARE(profiles->model()->rowCount(), 0);
        QCOMPARE(profiles->model()->headerData(0, Qt::Horizontal).toString(),
                 QStringLiteral("Profiles"));
        auto* placeholder = window.findChild<QLabel*>(QStringLiteral("placeholder"));
        QVERIFY(placeholder && placeholder->isVisible());
        QVERIFY(placeholder->text().contains(QLatin1String("No profiles")));
    }

    void rendersScreenshot()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QPixmap shot = window.grab();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), window.size());
        const QString directory = qEnvironmentVariable("REDISCOPE_TEST_OUTPUT", QDir::tempPath());
        QVERIFY(QDir().mkpath(directory));
        const QString path = directory + QStringLiteral("/main-window.png");
        QVERIFY(shot.save(path));
        qInfo("screenshot: %s", qPrintable(path));
        // Not a blank canvas: the picture has more than one colour.
        const QImage image = shot.toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < image.height() && colours.size() < 3; y += 7)
            for (int x = 0; x < image.width() && colours.size() < 3; x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() >= 2);
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
