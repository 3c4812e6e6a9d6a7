#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace rediscope {

// The background work in progress (connections, audits, Audit All), for the status bar: each
// task has a title, an optional progress (done of total; total 0 while unknown) and a way to
// cancel it. The owner of the work adds a task when it starts and finishes it when its result
// arrives (or is dropped); cancel() only asks the work to stop.
class TaskList : public QObject
{
    Q_OBJECT

public:
    struct Task
    {
        quint64 id = 0;
        QString title;
        int done = 0;
        int total = 0;
        bool cancelling = false;
    };

    explicit TaskList(QObject* parent = nullptr);
    ~TaskList() override;

    quint64 add(const QString& title, std::function<void()> cancel);
    void setTitle(quint64 id, const QString& title);
    void setProgress(quint64 id, int done, int total);
    // The task is over (done, failed, cancelled or replaced). Unknown ids are ignored.
    void finish(quint64 id);

    void cancel(quint64 id);
    void cancelAll();

    bool contains(quint64 id) const;
    bool isEmpty() const { return m_tasks.isEmpty(); }
    int count() const { return int(m_tasks.size()); }
    // Oldest first.
    QList<Task> tasks() const;

Q_SIGNALS:
    void changed();

private:
    struct Entry
    {
        Task task;
        std::function<void()> cancel;
    };
    Entry* find(quint64 id);

    QList<Entry> m_tasks;
    quint64 m_next = 0;
};

} // namespace rediscope
