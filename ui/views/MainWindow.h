#pragma once

#include <QMainWindow>

class QTreeView;
class QLabel;

namespace rediscope {

// The main window: profile pane on the left, details of the selected profile on the right.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);

    QTreeView* profileView() const { return m_profileView; }

private:
    QTreeView* m_profileView = nullptr;
    QLabel* m_placeholder = nullptr;
};

} // namespace rediscope
