#pragma once

#include "audit/AuditTarget.h"
#include "inspect/InspectResult.h"
#include "net/RespValue.h"
#include "server/CommandClass.h"

#include <QObject>
#include <chrono>
#include <memory>

namespace rediscope {

class WorkerConnection;

// The console of one profile: command lines run one after another on one connection, in a
// worker off the GUI thread. The connection is opened with the first command (the staged
// connect, with the profile's TLS settings and secrets) and reopened after it broke.
//
// Safety rules: when the environment's policy locks console writes (production by default),
// write commands are refused until unlockWrites() for this session; dangerous commands
// (FLUSHALL, FLUSHDB, CONFIG SET, DEBUG, SHUTDOWN, …) always wait for confirm() after
// confirmationRequested(), even when writes are unlocked. Commands that switch the connection
// into a stream (SUBSCRIBE, MONITOR) are refused.
//
// Every line gets started() then finished(), in the order the lines were given. cancel() stops
// the command in progress (its connection is retired) and drops what was queued; destroying the
// controller does the same, and the worker finishes on its own without touching it.
class ConsoleController : public QObject
{
    Q_OBJECT

public:
    enum class Status
    {
        Reply,     // the server answered (the reply may be an error reply)
        Refused,   // not sent: locked, unsupported, not confirmed, or not a valid command line
        Failed,    // sent or attempted, but the connection failed
        Cancelled, // cancelled before it finished
    };
    Q_ENUM(Status)

    struct Outcome
    {
        quint64 id = 0;
        QString command; // the line as shown: arguments quoted, secrets masked
        Status status = Status::Reply;
        RespValue reply; // Status::Reply
        QString message; // Refused, Failed, Cancelled: what happened, in words
        double ms = 0.0; // time the command took on the connection
    };

    explicit ConsoleController(QObject* parent = nullptr);
    ~ConsoleController() override;

    // The profile to talk to, its secrets, and its environment's policy. Cancels what runs,
    // closes the connection, and locks writes again when the policy locks them.
    void setTarget(const AuditTarget& target);
    bool hasTarget() const { return m_hasTarget; }
    QString profileName() const { return m_profileName; }
    QString environment() const { return m_policy.name; }
    const EnvironmentPolicy& policy() const { return m_policy; }
    // "127.0.0.1:6380" plus "[2]" when a database other than 0 is selected (redis-cli's prompt).
    QString prompt() const;

    // The policy locks console writes for this environment.
    bool writesLockedByPolicy() const { return m_policy.consoleWritesLocked; }
    // Writes are refused now (locked by the policy and not unlocked for this session).
    bool writesLocked() const { return m_policy.consoleWritesLocked && !m_unlocked; }
    void unlockWrites();
    void lockWrites();

    // Reply deadline for ordinary commands (blocking ones such as BLPOP wait until cancelled).
    void setCommandTimeout(std::chrono::milliseconds timeout) { m_commandTimeout = timeout; }

    // Queues one console line; returns its id, or 0 for a blank line.
    quint64 execute(const QString& line);
    // The answer to confirmationRequested(id, …).
    void confirm(quint64 id, bool accepted);
    // Stops the running command and drops the queued ones (each gets finished(Cancelled)).
    void cancel();
    // Closes the connection; the next command reconnects.
    void closeConnection();

    bool isBusy() const { return m_running != 0 || !m_queue.isEmpty(); }
    // The line waiting for confirmation, or 0.
    quint64 awaitingConfirmation() const;

    // The line as shown in the console and its history: arguments quoted, the values of AUTH,
    // HELLO … AUTH, CONFIG SET requirepass/masterauth and ACL SETUSER passwords masked.
    static QString displayLine(const QList<QByteArray>& arguments);
    // Whether the line carries a secret (it is then kept out of the history).
    static bool carriesSecret(const QList<QByteArray>& arguments);

Q_SIGNALS:
    void started(quint64 id, const QString& command);
    void finished(const rediscope::ConsoleController::Outcome& outcome);
    // A dangerous command waits for confirm(id, accepted). `reason` says what it does.
    void confirmationRequested(quint64 id, const QString& command, const QString& name,
                               const QString& reason);
    void writesLockChanged(bool locked);
    // A connection was opened (first command, or after the previous one broke).
    void connected(const rediscope::InspectResult& result);
    void busyChanged(bool busy);
    void promptChanged(const QString& prompt);

private:
    struct Pending
    {
        quint64 id = 0;
        QList<QByteArray> arguments;
        QString display;
        QString error; // the line could not be parsed
        CommandClass command;
        bool confirmed = false;
        bool asked = false;
    };
    struct WorkResult;

    void dispatch();
    void finishNow(const Pending& pending, Status status, const QString& message);
    void workDone(const std::shared_ptr<WorkerConnection>& connection, quint64 id,
                  WorkResult result);
    void retireConnection();
    void updateBusy();
    QString refusal(const Pending& pending) const;

    bool m_hasTarget = false;
    InspectRequest m_request; // holds the password: never shown, wiped when replaced
    EnvironmentPolicy m_policy;
    QString m_profileName;
    bool m_unlocked = false;
    std::chrono::milliseconds m_commandTimeout{60000};
    std::shared_ptr<WorkerConnection> m_connection;
    QList<Pending> m_queue;
    quint64 m_nextId = 0;
    quint64 m_running = 0;
    QString m_runningDisplay;
    bool m_wasBusy = false;
};

} // namespace rediscope
