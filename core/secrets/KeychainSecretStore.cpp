#include "KeychainSecretStore.h"

#include "common/SecureBytes.h"
#include "secrets/KeychainModule.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <qt6keychain/keychain.h>

namespace rediscope {

namespace {

// Why one private thread: QtKeychain queues every job on a process-wide JobExecutor, a QObject
// created in the thread of the first job. A job finishing in another thread reports to it by a
// queued call, so once that first thread is gone (a pool thread that expired) or blocked, the
// executor never hears that the job finished and every later job waits forever. Running all jobs
// on one thread that lives as long as the application avoids that, and keeps libsecret's GLib
// callbacks on a thread whose event loop is always running.

using keychain::JobKind;

// Not one of QtKeychain's codes (held as an int: QKeychain::Error has no room for it): the
// keychain module could not be loaded, its message says why.
constexpr int ModuleUnavailable = 1000;

struct JobOutcome
{
    int error = QKeychain::NoError; // a QKeychain::Error, or ModuleUnavailable
    QString errorString;
    QByteArray data;
};

// The standard library's mutex and condition variable, not Qt's: QWaitCondition releases its
// mutex inside Qt, out of ThreadSanitizer's sight, which then takes the waiter for its holder.
struct PendingJob
{
    std::mutex mutex;
    std::condition_variable finished;
    std::optional<JobOutcome> outcome;
};

// A job on its way to the keychain thread. It goes through a queue of our own under a mutex, not
// in the captures of the posted call: the hand-over is then an ordering every tool can see
// (ThreadSanitizer cannot see into Qt's event queue).
struct QueuedJob
{
    JobKind kind = JobKind::Read;
    QString key;
    QByteArray data;
    std::shared_ptr<PendingJob> pending;
};

QString fieldWords(const QString& field)
{
    if (field == QLatin1String("password"))
        return QStringLiteral("the password");
    if (field == QLatin1String("key_passphrase"))
        return QStringLiteral("the key passphrase");
    return QStringLiteral("the secret");
}

class KeychainThread
{
public:
    // The thread, started on first use; an error once the application is shutting down or when
    // there is no QCoreApplication.
    static Result<KeychainThread*> instance()
    {
        QMutexLocker lock(&s_mutex);
        if (s_shutDown)
            return fail(ErrorCode::FileError, Stage::None,
                        QStringLiteral("The keychain is no longer available: the application is "
                                       "shutting down."));
        if (!s_instance) {
            if (!QCoreApplication::instance())
                return fail(ErrorCode::InvalidArgument, Stage::None,
                            QStringLiteral("The keychain needs a QCoreApplication."));
            s_instance = new KeychainThread;
            qAddPostRoutine(&KeychainThread::shutDown);
        }
        return s_instance;
    }

    // Starts one job on the keychain thread and waits for it until `deadline`. std::nullopt when
    // the deadline passed first; the job then finishes (and is deleted) on its own.
    std::optional<JobOutcome> run(JobKind kind, const QString& key, const QByteArray& data,
                                  QDeadlineTimer deadline)
    {
        auto pending = std::make_shared<PendingJob>();
        {
            QMutexLocker queueLock(&m_queueMutex);
            m_queue.push_back(QueuedJob{kind, key, data, pending});
        }
        const bool posted = QMetaObject::invokeMethod(
            m_context, [this] { startQueuedJobs(); }, Qt::QueuedConnection);
        if (!posted) {
            QMutexLocker queueLock(&m_queueMutex);
            std::erase_if(m_queue, [&](const QueuedJob& job) { return job.pending == pending; });
            return JobOutcome{
                QKeychain::OtherError, QStringLiteral("the keychain thread is not running"), {}};
        }
        std::unique_lock lock(pending->mutex);
        const auto done = [&] {
            return pending->outcome.has_value();
        };
        if (deadline.isForever())
            pending->finished.wait(lock, done);
        else
            pending->finished.wait_until(lock, deadline.deadline<std::chrono::steady_clock>(),
                                         done);
        return pending->outcome;
    }

private:
    KeychainThread()
    {
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("rediscope-keychain"));
        m_context = new QObject;
        m_context->moveToThread(m_thread);
        m_thread->start();
    }

    // On the keychain thread: every job queued so far (one posted call may find several).
    void startQueuedJobs()
    {
        std::deque<QueuedJob> jobs;
        {
            QMutexLocker queueLock(&m_queueMutex);
            jobs.swap(m_queue);
        }
        for (const QueuedJob& job : jobs)
            startJob(job.kind, job.key, job.data, job.pending);
    }

    static void startJob(JobKind kind, const QString& key, const QByteArray& data,
                         const std::shared_ptr<PendingJob>& pending)
    {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
        // libsecret answers through the thread's GLib main context: without Qt's GLib event
        // loop (QT_NO_GLIB set) its replies would never be delivered.
        const QAbstractEventDispatcher* dispatcher = QAbstractEventDispatcher::instance();
        if (!dispatcher || !dispatcher->inherits("QEventDispatcherGlib")) {
            finish(pending, JobOutcome{QKeychain::NoBackendAvailable,
                                       QStringLiteral("Qt runs without its GLib event loop "
                                                      "(QT_NO_GLIB is set); libsecret needs it"),
                                       {}});
            return;
        }
#endif
        const auto startJob = keychainModule();
        if (!startJob) {
            finish(pending, JobOutcome{ModuleUnavailable, startJob.error().message, {}});
            return;
        }
        keychain::JobRequest request;
        request.kind = kind;
        request.service = KeychainSecretStore::serviceName();
        request.key = key;
        if (kind == JobKind::Write) {
            // Text when it round-trips as UTF-8 without NUL (readable in a keyring manager);
            // otherwise binary, which QtKeychain stores base64-encoded.
            request.text = QString::fromUtf8(data);
            QByteArray roundTrip = request.text.toUtf8();
            request.asText = !data.contains('\0') && roundTrip == data;
            secureWipe(roundTrip);
            if (!request.asText) {
                secureWipe(request.text);
                request.binary = data;
            }
        }
        (*startJob)(request,
                    [pending](int error, const QString& errorString, const QByteArray& secret) {
                        finish(pending, JobOutcome{error, errorString, secret});
                    });
        // The job keeps its own copy; the request's is wiped (released if the job shares it).
        secureWipe(request.text);
    }

    static void finish(const std::shared_ptr<PendingJob>& pending, JobOutcome outcome)
    {
        std::lock_guard lock(pending->mutex);
        pending->outcome = std::move(outcome);
        pending->finished.notify_all();
    }

    // Runs in ~QCoreApplication: stop the thread before static destruction. Jobs still waiting
    // (an unanswered prompt) are abandoned; the thread is never restarted, because QtKeychain's
    // executor stays bound to it.
    static void shutDown()
    {
        QMutexLocker lock(&s_mutex);
        s_shutDown = true;
        if (!s_instance)
            return;
        s_instance->m_thread->quit();
        if (s_instance->m_thread->wait(QDeadlineTimer(5000))) {
            delete s_instance->m_context;
            delete s_instance->m_thread;
            delete s_instance;
        }
        s_instance = nullptr;
    }

    QThread* m_thread = nullptr;
    QObject* m_context = nullptr;
    QMutex m_queueMutex;
    std::deque<QueuedJob> m_queue;

    static inline QMutex s_mutex;
    static inline KeychainThread* s_instance = nullptr;
    static inline bool s_shutDown = false;
};

// One logical operation at a time process-wide, so that write's remove + store is not
// interleaved with another caller's. Waiting for it counts against the caller's timeout.
QMutex s_operationMutex;

using Clock = std::chrono::steady_clock;

std::unique_lock<QMutex> lockOperations(Clock::time_point until)
{
    std::unique_lock<QMutex> lock(s_operationMutex, std::defer_lock);
    (void)lock.try_lock_until(until);
    return lock;
}

enum class Action
{
    Probe,
    Read,
    Store,
    Remove,
};

Error keychainError(Action action, const QString& field, int code, const QString& errorString)
{
    // For a probe there is no field: say what happens to secrets in general.
    const QString what = action == Action::Probe ? QStringLiteral("secrets") : fieldWords(field);
    QString prefix;
    switch (action) {
    case Action::Probe:
        prefix = QStringLiteral("The keychain cannot be used: ");
        break;
    case Action::Read:
        prefix = QStringLiteral("Could not read %1 from the keychain: ").arg(what);
        break;
    case Action::Store:
        prefix = QStringLiteral("Could not store %1 in the keychain: ").arg(what);
        break;
    case Action::Remove:
        prefix = QStringLiteral("Could not remove %1 from the keychain: ").arg(what);
        break;
    }
    if (code == ModuleUnavailable)
        return Error{ErrorCode::FileError,
                     Stage::None,
                     prefix + errorString +
                         QStringLiteral("; %1 will be asked each session.").arg(what),
                     {}};
    QString reason;
    switch (code) {
    case QKeychain::NoBackendAvailable:
        reason = QStringLiteral("no keychain is available (Secret Service not running); %1 will "
                                "be asked each session.");
        break;
    case QKeychain::AccessDenied:
        reason = QStringLiteral("access was denied (the keyring may be locked); unlock it and try "
                                "again, or %1 will be asked each session.");
        break;
    case QKeychain::AccessDeniedByUser:
        reason = QStringLiteral("access was refused in the keychain prompt; allow it and try "
                                "again, or %1 will be asked each session.");
        break;
    default:
        // libsecret reports an unreachable bus or an absent Secret Service as a plain error
        // ("Could not connect", "… was not provided by any .service files"): that is the usual
        // way of having no keychain, so say so; the detail keeps libsecret's own words.
        reason = QStringLiteral("no keychain could be reached (is a Secret Service such as GNOME "
                                "Keyring or KeePassXC running and unlocked?); %1 will be asked "
                                "each session.");
        break;
    }
    return Error{ErrorCode::FileError, Stage::None, prefix + reason.arg(what), errorString};
}

Error timeoutError(const QString& field, std::chrono::milliseconds timeout)
{
    return Error{ErrorCode::Timeout,
                 Stage::None,
                 QStringLiteral("The keychain did not answer within %1 s (an unlock prompt may be "
                                "waiting); %2 will be asked each session.")
                     .arg(QString::number(static_cast<double>(timeout.count()) / 1000.0))
                     .arg(fieldWords(field)),
                 {}};
}

// Never let a secret through in an error's technical detail.
Error redacted(Error error, const QByteArray& secret)
{
    if (!secret.isEmpty() &&
        (error.detail.toUtf8().contains(secret) || error.message.toUtf8().contains(secret)))
        error.detail = QStringLiteral("detail withheld: it contained the secret");
    return error;
}

// Runs one job under the operation lock already held by the caller.
Result<JobOutcome> runJob(JobKind kind, const QString& key, const QByteArray& data,
                          const QString& field, Clock::time_point until,
                          std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(until);
    const Result<KeychainThread*> thread = KeychainThread::instance();
    if (!thread)
        return std::unexpected(thread.error());
    std::optional<JobOutcome> outcome = (*thread)->run(kind, key, data, deadline);
    if (!outcome)
        return std::unexpected(timeoutError(field, timeout));
    return std::move(*outcome);
}

} // namespace

KeychainSecretStore::KeychainSecretStore(std::chrono::milliseconds timeout)
    : m_timeout(timeout)
{}

QString KeychainSecretStore::backendName() const
{
    return QStringLiteral("keychain");
}

QString KeychainSecretStore::serviceName()
{
    return QStringLiteral("rediscope");
}

Result<QString> KeychainSecretStore::keyFor(const QUuid& profile, const QString& field)
{
    if (profile.isNull())
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("A secret needs a profile id."));
    if (field.isEmpty() || field.contains(QLatin1Char('/')))
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("“%1” is not a secret field name.").arg(field));
    return profile.toString(QUuid::WithoutBraces) + QLatin1Char('/') + field;
}

Result<QByteArray> KeychainSecretStore::read(const QUuid& profile, const QString& field)
{
    const Result<QString> key = keyFor(profile, field);
    if (!key)
        return std::unexpected(key.error());
    const Clock::time_point until = Clock::now() + m_timeout;
    const std::unique_lock<QMutex> lock = lockOperations(until);
    if (!lock.owns_lock())
        return std::unexpected(timeoutError(field, m_timeout));
    const Result<JobOutcome> outcome = runJob(JobKind::Read, *key, {}, field, until, m_timeout);
    if (!outcome)
        return std::unexpected(outcome.error());
    switch (outcome->error) {
    case QKeychain::NoError:
        return outcome->data;
    case QKeychain::EntryNotFound:
        return QByteArray();
    default:
        return std::unexpected(
            keychainError(Action::Read, field, outcome->error, outcome->errorString));
    }
}

Result<void> KeychainSecretStore::write(const QUuid& profile, const QString& field,
                                        const QByteArray& secret)
{
    const Result<QString> key = keyFor(profile, field);
    if (!key)
        return std::unexpected(key.error());
    const Clock::time_point until = Clock::now() + m_timeout;
    const std::unique_lock<QMutex> lock = lockOperations(until);
    if (!lock.owns_lock())
        return std::unexpected(timeoutError(field, m_timeout));

    // QtKeychain keeps text and binary values under different attributes (type=plaintext or
    // type=base64) and reads the text one first, so storing over a value of the other kind
    // would leave the old one in place and still read it. Remove both kinds first.
    const Result<JobOutcome> removed = runJob(JobKind::Remove, *key, {}, field, until, m_timeout);
    if (!removed)
        return std::unexpected(removed.error());
    if (removed->error != QKeychain::NoError && removed->error != QKeychain::EntryNotFound)
        return std::unexpected(
            keychainError(Action::Store, field, removed->error, removed->errorString));
    if (secret.isEmpty())
        return {};

    const Result<JobOutcome> stored = runJob(JobKind::Write, *key, secret, field, until, m_timeout);
    if (!stored)
        return std::unexpected(stored.error());
    if (stored->error != QKeychain::NoError)
        return std::unexpected(redacted(
            keychainError(Action::Store, field, stored->error, stored->errorString), secret));
    return {};
}

Result<void> KeychainSecretStore::remove(const QUuid& profile, const QString& field)
{
    const Result<QString> key = keyFor(profile, field);
    if (!key)
        return std::unexpected(key.error());
    const Clock::time_point until = Clock::now() + m_timeout;
    const std::unique_lock<QMutex> lock = lockOperations(until);
    if (!lock.owns_lock())
        return std::unexpected(timeoutError(field, m_timeout));
    const Result<JobOutcome> outcome = runJob(JobKind::Remove, *key, {}, field, until, m_timeout);
    if (!outcome)
        return std::unexpected(outcome.error());
    if (outcome->error != QKeychain::NoError && outcome->error != QKeychain::EntryNotFound)
        return std::unexpected(
            keychainError(Action::Remove, field, outcome->error, outcome->errorString));
    return {};
}

Result<void> KeychainSecretStore::probe(std::chrono::milliseconds timeout)
{
    // A key no profile can have: the nil UUID never names a profile.
    const QString key = QUuid().toString(QUuid::WithoutBraces) + QStringLiteral("/probe");
    const Clock::time_point until = Clock::now() + timeout;
    const std::unique_lock<QMutex> lock = lockOperations(until);
    if (!lock.owns_lock())
        return std::unexpected(timeoutError(QString(), timeout));
    const Result<JobOutcome> outcome = runJob(JobKind::Read, key, {}, QString(), until, timeout);
    if (!outcome)
        return std::unexpected(outcome.error());
    if (outcome->error != QKeychain::NoError && outcome->error != QKeychain::EntryNotFound)
        return std::unexpected(
            keychainError(Action::Probe, QString(), outcome->error, outcome->errorString));
    return {};
}

} // namespace rediscope
