#include "MainWindow.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace rediscope {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Rediscope"));
    setObjectName(QStringLiteral("MainWindow"));

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));

    m_profileView = new QTreeView(splitter);
    m_profileView->setObjectName(QStringLiteral("profileView"));
    auto* model = new QStandardItemModel(0, 1, m_profileView);
    model->setHorizontalHeaderLabels({tr("Profiles")});
    m_profileView->setModel(model);
    m_profileView->header()->setStretchLastSection(true);
    m_profileView->setMinimumWidth(240);

    auto* details = new QWidget(splitter);
    auto* layout = new QVBoxLayout(details);
    m_placeholder =
        new QLabel(tr("No profiles yet.\n\nRun \"rediscope inspect rediss://host:port\" "
                      "to look at a server from the command line."),
                   details);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    layout->addWidget(m_placeholder);

    splitter->addWidget(m_profileView);
    splitter->addWidget(details);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);
    statusBar()->showMessage(tr("Ready"));
    resize(1000, 640);
}

} // namespace rediscope
