#include "TaskStatusWidget.h"

#include "controllers/TaskList.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QToolButton>
#include <algorithm>

namespace rediscope {

TaskStatusWidget::TaskStatusWidget(TaskList* tasks, QWidget* parent)
    : QWidget(parent)
    , m_tasks(tasks)
{
    setObjectName(QStringLiteral("taskStatus"));

    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("taskLabel"));
    m_label->setTextFormat(Qt::PlainText);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("taskProgress"));
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_label->sizeHint().height());

    m_menu = new QMenu(this);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("taskCancel"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setIcon(QIcon::fromTheme(QStringLiteral("process-stop")));
    m_cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancel->setAutoRaise(true);
    m_cancel->setToolTip(tr("Cancel the work in progress"));
    connect(m_cancel, &QToolButton::clicked, m_tasks, &TaskList::cancelAll);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_label);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);

    connect(m_tasks, &TaskList::changed, this, &TaskStatusWidget::update);
    update();
}

void TaskStatusWidget::update()
{
    const QList<TaskList::Task> tasks = m_tasks->tasks();
    setVisible(!tasks.isEmpty());
    m_menu->clear();
    if (tasks.isEmpty()) {
        m_cancel->setMenu(nullptr);
        return;
    }
    // The most recent task is the one the user just started.
    const TaskList::Task& latest = tasks.constLast();
    QString text = latest.cancelling ? tr("%1 (cancelling)").arg(latest.title) : latest.title;
    if (latest.total > 0)
        text = tr("%1 %2 of %3").arg(text).arg(latest.done).arg(latest.total);
    if (tasks.size() > 1)
        text = tr("%1 (+%n more)", nullptr, int(tasks.size() - 1)).arg(text);
    m_label->setText(text);

    // Progress over all tasks that report it; busy indicator when none does.
    int done = 0;
    int total = 0;
    for (const TaskList::Task& task : tasks) {
        done += task.done;
        total += task.total;
    }
    m_progress->setRange(0, total > 0 ? total : 0);
    if (total > 0)
        m_progress->setValue(std::min(done, total));

    const bool allCancelling = std::all_of(
        tasks.cbegin(), tasks.cend(), [](const TaskList::Task& task) { return task.cancelling; });
    m_cancel->setEnabled(!allCancelling);
    m_cancel->setText(tasks.size() > 1 ? tr("Cancel All") : tr("Cancel"));
    if (tasks.size() > 1) {
        for (const TaskList::Task& task : tasks) {
            QAction* action = m_menu->addAction(tr("Cancel %1").arg(task.title));
            action->setEnabled(!task.cancelling);
            const quint64 id = task.id;
            connect(action, &QAction::triggered, m_tasks,
                    [tasks = m_tasks, id] { tasks->cancel(id); });
        }
        m_cancel->setMenu(m_menu);
        m_cancel->setPopupMode(QToolButton::MenuButtonPopup);
    } else {
        m_cancel->setMenu(nullptr);
    }
}

} // namespace rediscope
