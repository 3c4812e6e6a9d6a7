#include "TaskList.h"

#include <algorithm>

namespace rediscope {

TaskList::TaskList(QObject* parent)
    : QObject(parent)
{}

TaskList::~TaskList() = default;

TaskList::Entry* TaskList::find(quint64 id)
{
    for (Entry& entry : m_tasks)
        if (entry.task.id == id)
            return &entry;
    return nullptr;
}

quint64 TaskList::add(const QString& title, std::function<void()> cancel)
{
    Entry entry;
    entry.task.id = ++m_next;
    entry.task.title = title;
    entry.cancel = std::move(cancel);
    m_tasks.append(std::move(entry));
    Q_EMIT changed();
    return m_next;
}

void TaskList::setTitle(quint64 id, const QString& title)
{
    Entry* entry = find(id);
    if (!entry || entry->task.title == title)
        return;
    entry->task.title = title;
    Q_EMIT changed();
}

void TaskList::setProgress(quint64 id, int done, int total)
{
    Entry* entry = find(id);
    if (!entry || (entry->task.done == done && entry->task.total == total))
        return;
    entry->task.done = done;
    entry->task.total = total;
    Q_EMIT changed();
}

void TaskList::finish(quint64 id)
{
    for (qsizetype i = 0; i < m_tasks.size(); ++i) {
        if (m_tasks.at(i).task.id == id) {
            m_tasks.removeAt(i);
            Q_EMIT changed();
            return;
        }
    }
}

void TaskList::cancel(quint64 id)
{
    Entry* entry = find(id);
    if (!entry || entry->task.cancelling)
        return;
    entry->task.cancelling = true;
    // The callback may finish the task (and so change the list): call a copy.
    const std::function<void()> cancelWork = entry->cancel;
    Q_EMIT changed();
    if (cancelWork)
        cancelWork();
}

void TaskList::cancelAll()
{
    QList<quint64> ids;
    for (const Entry& entry : std::as_const(m_tasks))
        ids << entry.task.id;
    for (quint64 id : std::as_const(ids))
        cancel(id);
}

bool TaskList::contains(quint64 id) const
{
    return std::any_of(m_tasks.cbegin(), m_tasks.cend(),
                       [id](const Entry& entry) { return entry.task.id == id; });
}

QList<TaskList::Task> TaskList::tasks() const
{
    QList<Task> tasks;
    for (const Entry& entry : m_tasks)
        tasks << entry.task;
    return tasks;
}

} // namespace rediscope
