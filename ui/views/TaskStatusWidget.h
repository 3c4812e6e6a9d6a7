#pragma once

#include <QWidget>

class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;

namespace rediscope {

class TaskList;

// The status bar's view of the background work: what runs ("Auditing orders-prod… 12 of 40",
// "+2 more"), a progress bar, and Cancel — which cancels every task, or, from its menu, one.
// Hidden while nothing runs.
class TaskStatusWidget : public QWidget
{
    Q_OBJECT

public:
    explicit TaskStatusWidget(TaskList* tasks, QWidget* parent = nullptr);

    QToolButton* cancelButton() const { return m_cancel; }
    QLabel* label() const { return m_label; }
    QProgressBar* progressBar() const { return m_progress; }

private:
    void update();

    TaskList* m_tasks = nullptr;
    QLabel* m_label = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QMenu* m_menu = nullptr;
};

} // namespace rediscope
