#include "ConsoleController.h"

#include "cli/CommandTokenizer.h"
#include "common/SecureBytes.h"
#include "controllers/AsyncTask.h"
#include "controllers/WorkerConnection.h"
#include "net/Session.h"

#include <QElapsedTimer>

namespace rediscope {

namespace {

const QString Mask = QStringLiteral("\u2022\u2022\u2022\u2022");

bool is(const QByteArray& argument, const char* word)
{
    return argument.compare(word, Qt::CaseInsensitive) == 0;
}

// Indexes of the arguments that hold a secret.
QList<qsizetype> secretArguments(const QList<QByteArray>& arguments)
{
    QList<qsizetype> secret;
    if (arguments.isEmpty())
        return secret;
    const QByteArray& command = arguments.constFirst();
    if (is(command, "AUTH")) {
        // AUTH password | AUTH username password
        if (arguments.size() >= 2)
            secret << arguments.size() - 1;
    } else if (is(command, "HELLO")) {
        for (qsizetype i = 1; i + 2 < arguments.size(); ++i)
            if (is(arguments.at(i), "AUTH"))
                secret << i + 2;
    } else if (is(command, "MIGRATE")) {
        for (qsizetype i = 1; i < arguments.size(); ++i) {
            if (is(arguments.at(i), "AUTH") && i + 1 < arguments.size())
                secret << i + 1;
            if (is(arguments.at(i), "AUTH2") && i + 2 < arguments.size())
                secret << i + 2;
        }
    } else if (is(command, "CONFIG") && arguments.size() > 2 && is(arguments.at(1), "SET")) {
        for (qsizetype i = 2; i + 1 < arguments.size(); i += 2) {
            const QByteArray name = arguments.at(i).toLower();
            if (name == "requirepass" || name == "masterauth" || name.endsWith("-pass") ||
                name.endsWith("password"))
                secret << i + 1;
        }
    } else if (is(command, "ACL") && arguments.size() > 2 && is(arguments.at(1), "SETUSER")) {
        for (qsizetype i = 3; i < arguments.size(); ++i) {
            const QByteArray& rule = arguments.at(i);
            if (rule.startsWith('>') || rule.startsWith('<') || rule.startsWith('#') ||
                rule.startsWith('!'))
                secret << i;
        }
    }
    return secret;
}

} // namespace

struct ConsoleController::WorkResult
{
    Status status = Status::Reply;
    RespValue reply;
    QString message;
    double ms = 0.0;
    std::optional<InspectResult> opened; // a connection was made for this command
    int selectedDb = -1;                 // the command was a successful SELECT
};

ConsoleController::ConsoleController(QObject* parent)
    : QObject(parent)
{}

ConsoleController::~ConsoleController()
{
    // The worker holds its own reference to the connection; cancelling makes it return
    // promptly, and its watcher dies with this object, so nothing reaches us afterwards.
    if (m_connection)
        m_connection->cancel();
    secureWipe(m_request.password);
    secureWipe(m_request.tls.keyPassphrase);
}

void ConsoleController::setTarget(const AuditTarget& target)
{
    cancel();
    retireConnection();
    secureWipe(m_request.password);
    secureWipe(m_request.tls.keyPassphrase);
    m_request = target.profile.toRequest(target.password, target.keyPassphrase);
    m_policy = target.policy;
    m_profileName = target.profile.name;
    m_hasTarget = true;
    m_unlocked = false;
    Q_EMIT writesLockChanged(writesLocked());
    Q_EMIT promptChanged(prompt());
}

QString ConsoleController::prompt() const
{
    if (!m_hasTarget)
        return QString();
    const QString host = m_request.endpoint.host.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + m_request.endpoint.host + QLatin1Char(']')
                             : m_request.endpoint.host;
    QString prompt = host + QLatin1Char(':') + QString::number(m_request.endpoint.port);
    if (m_request.endpoint.db != 0)
        prompt += QLatin1Char('[') + QString::number(m_request.endpoint.db) + QLatin1Char(']');
    return prompt;
}

void ConsoleController::unlockWrites()
{
    if (m_unlocked)
        return;
    m_unlocked = true;
    Q_EMIT writesLockChanged(writesLocked());
}

void ConsoleController::lockWrites()
{
    if (!m_unlocked)
        return;
    m_unlocked = false;
    Q_EMIT writesLockChanged(writesLocked());
}

quint64 ConsoleController::execute(const QString& line)
{
    if (line.trimmed().isEmpty())
        return 0;
    Pending pending;
    pending.id = ++m_nextId;
    auto arguments = CommandTokenizer::split(line);
    if (!arguments) {
        pending.display = line.trimmed();
        pending.error = arguments.error().message;
    } else {
        pending.arguments = *arguments;
        pending.display = displayLine(pending.arguments);
        pending.command = CommandClass::of(pending.arguments);
    }
    m_queue.append(pending);
    dispatch();
    return pending.id;
}

quint64 ConsoleController::awaitingConfirmation() const
{
    if (m_running == 0 && !m_queue.isEmpty() && m_queue.constFirst().asked &&
        !m_queue.constFirst().confirmed)
        return m_queue.constFirst().id;
    return 0;
}

void ConsoleController::confirm(quint64 id, bool accepted)
{
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).id != id)
            continue;
        if (accepted) {
            m_queue[i].confirmed = true;
        } else {
            const Pending pending = m_queue.takeAt(i);
            Q_EMIT started(pending.id, pending.display);
            finishNow(pending, Status::Refused,
                      tr("%1 was not confirmed and was not sent.").arg(pending.command.name()));
        }
        break;
    }
    dispatch();
}

QString ConsoleController::refusal(const Pending& pending) const
{
    if (!pending.error.isEmpty())
        return tr("Not a valid command line: %1").arg(pending.error);
    if (!m_hasTarget)
        return tr("No profile is selected.");
    const CommandClass& command = pending.command;
    if (command.kind() == CommandClass::Kind::Unsupported)
        return tr("%1 %2. It was not sent.").arg(command.name(), command.reason());
    if (command.writes() && writesLocked()) {
        QString message = tr("Writes are locked on this %1 profile: %2 was not sent. Unlock "
                             "writes for this session to run it.")
                              .arg(m_policy.name, command.name());
        if (!command.known())
            message += QLatin1Char(' ') +
                       tr("(%1 is not a command known to be read-only.)").arg(command.name());
        return message;
    }
    return QString();
}

void ConsoleController::dispatch()
{
    while (m_running == 0 && !m_queue.isEmpty()) {
        if (const QString why = refusal(m_queue.constFirst()); !why.isEmpty()) {
            const Pending pending = m_queue.takeFirst();
            Q_EMIT started(pending.id, pending.display);
            finishNow(pending, Status::Refused, why);
            continue;
        }
        Pending& head = m_queue.first();
        if (head.command.kind() == CommandClass::Kind::Dangerous && !head.confirmed) {
            if (!head.asked) {
                head.asked = true;
                const Pending copy = head;
                updateBusy();
                // A slot may answer right away (confirm() dispatches again): touch nothing
                // after emitting.
                Q_EMIT confirmationRequested(copy.id, copy.display, copy.command.name(),
                                             copy.command.reason());
                return;
            }
            break;
        }

        const Pending pending = m_queue.takeFirst();
        if (!m_connection)
            m_connection = std::make_shared<WorkerConnection>(m_request);
        m_running = pending.id;
        m_runningDisplay = pending.display;
        const std::shared_ptr<WorkerConnection> connection = m_connection;
        const QList<QByteArray> arguments = pending.arguments;
        const CommandClass command = pending.command;
        const std::chrono::milliseconds timeout = m_commandTimeout;
        updateBusy();
        Q_EMIT started(pending.id, pending.display);
        runAsync(
            this,
            [connection, arguments, command, timeout]() -> WorkResult {
                WorkResult result;
                const Deadline deadline =
                    command.blocking() ? Deadline::never() : Deadline::in(timeout);
                QElapsedTimer timer;
                for (int attempt = 0; attempt < 2; ++attempt) {
                    auto session = connection->session(&result.opened);
                    if (!session) {
                        const Error& error = session.error();
                        result.status =
                            error.code == ErrorCode::Cancelled ? Status::Cancelled : Status::Failed;
                        result.message = error.stage == Stage::None
                                             ? tr("Could not connect: %1").arg(error.message)
                                             : tr("Could not connect (%1): %2")
                                                   .arg(stageTitle(error.stage), error.message);
                        return result;
                    }
                    const bool fresh = result.opened.has_value();
                    timer.start();
                    auto reply = (*session)->command(arguments, deadline);
                    result.ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
                    if (reply) {
                        result.reply = *reply;
                        if (command.name() == QLatin1String("SELECT") && !reply->isError() &&
                            arguments.size() == 2) {
                            bool ok = false;
                            const int db = arguments.at(1).toInt(&ok);
                            if (ok) {
                                connection->setDatabase(db);
                                result.selectedDb = db;
                            }
                        }
                        if (command.name() == QLatin1String("QUIT"))
                            connection->drop();
                        return result;
                    }
                    const Error error = reply.error();
                    connection->drop();
                    if (error.code == ErrorCode::Cancelled) {
                        result.status = Status::Cancelled;
                        result.message = tr("Cancelled.");
                        return result;
                    }
                    // An idle connection the server closed: a read can safely go again on a
                    // new one; a write might have run, so it is reported instead.
                    const bool lost = error.code == ErrorCode::ConnectionClosed ||
                                      error.code == ErrorCode::IoError;
                    if (attempt == 0 && lost && !fresh && !command.writes())
                        continue;
                    result.status = Status::Failed;
                    result.message = error.code == ErrorCode::Timeout
                                         ? tr("No reply within %1 s; the connection was closed.")
                                               .arg(timeout.count() / 1000.0)
                                         : tr("The connection failed: %1").arg(error.message);
                    if (command.writes())
                        result.message +=
                            QLatin1Char(' ') +
                            tr("%1 may or may not have run on the server.").arg(command.name());
                    return result;
                }
                return result;
            },
            [this, connection, id = pending.id](WorkResult result) {
                workDone(connection, id, std::move(result));
            });
        return;
    }
    updateBusy();
}

void ConsoleController::workDone(const std::shared_ptr<WorkerConnection>& connection, quint64 id,
                                 WorkResult result)
{
    if (connection != m_connection || id != m_running)
        return; // cancelled or replaced meanwhile: already reported
    if (result.opened && !result.opened->error)
        Q_EMIT connected(*result.opened);
    if (result.selectedDb >= 0 && result.selectedDb != m_request.endpoint.db) {
        m_request.endpoint.db = result.selectedDb;
        Q_EMIT promptChanged(prompt());
    }
    Outcome outcome;
    outcome.id = id;
    outcome.command = m_runningDisplay;
    outcome.status = result.status;
    outcome.reply = std::move(result.reply);
    outcome.message = std::move(result.message);
    outcome.ms = result.ms;
    m_running = 0;
    m_runningDisplay.clear();
    if (outcome.status == Status::Cancelled)
        retireConnection();
    Q_EMIT finished(outcome);
    dispatch();
}

void ConsoleController::finishNow(const Pending& pending, Status status, const QString& message)
{
    Outcome outcome;
    outcome.id = pending.id;
    outcome.command = pending.display;
    outcome.status = status;
    outcome.message = message;
    Q_EMIT finished(outcome);
}

void ConsoleController::cancel()
{
    const QList<Pending> queued = m_queue;
    m_queue.clear();
    if (m_running != 0) {
        retireConnection();
        Outcome outcome;
        outcome.id = m_running;
        outcome.command = m_runningDisplay;
        outcome.status = Status::Cancelled;
        outcome.message = tr("Cancelled.");
        m_running = 0;
        m_runningDisplay.clear();
        Q_EMIT finished(outcome);
    }
    for (const Pending& pending : queued) {
        Q_EMIT started(pending.id, pending.display);
        finishNow(pending, Status::Cancelled, tr("Cancelled before it ran."));
    }
    updateBusy();
}

void ConsoleController::closeConnection()
{
    if (m_running != 0)
        cancel();
    retireConnection();
}

void ConsoleController::retireConnection()
{
    if (m_connection)
        m_connection->cancel();
    m_connection.reset();
}

void ConsoleController::updateBusy()
{
    const bool busy = isBusy();
    if (busy == m_wasBusy)
        return;
    m_wasBusy = busy;
    Q_EMIT busyChanged(busy);
}

QString ConsoleController::displayLine(const QList<QByteArray>& arguments)
{
    const QList<qsizetype> secret = secretArguments(arguments);
    QStringList words;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (!secret.contains(i)) {
            words << CommandTokenizer::quote(arguments.at(i));
        } else if (i > 0 && !arguments.at(i).isEmpty() &&
                   QByteArrayView("><#!").contains(arguments.at(i).at(0)) &&
                   is(arguments.constFirst(), "ACL")) {
            words << QChar::fromLatin1(arguments.at(i).at(0)) + Mask;
        } else {
            words << Mask;
        }
    }
    return words.join(QLatin1Char(' '));
}

bool ConsoleController::carriesSecret(const QList<QByteArray>& arguments)
{
    return !secretArguments(arguments).isEmpty();
}

} // namespace rediscope
