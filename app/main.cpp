#include "views/MainWindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    rediscope::MainWindow window;
    window.show();
    return app.exec();
}
