#include "ProfileSessionController.h"

#include "audit/Auditor.h"
#include "common/SecureBytes.h"
#include "controllers/AsyncTask.h"
#include "inspect/Inspector.h"

#include <QCoreApplication>

namespace rediscope {

namespace {

void wipe(QByteArray& secret)
{
    secureWipe(secret);
    secret.clear();
}

// Removes every secret the target carries (the worker's own copy).
void wipeSecrets(AuditTarget& target)
{
    wipe(target.password);
    wipe(target.keyPassphrase);
    wipe(target.profile.inlinePassword);
    wipe(target.profile.inlineKeyPassphrase);
}

struct InspectOutcome
{
    InspectResult result;
    bool cancelled = false;
};

struct AuditOutcome
{
    AuditResult result;
    bool cancelled = false;
};

} // namespace

ProfileSessionController::ProfileSessionController(QObject* parent)
    : QObject(parent)
{}

ProfileSessionController::~ProfileSessionController()
{
    // The workers keep running until they notice; they hold copies only (the token, the
    // target), and their watchers die with this object, so nothing reaches it afterwards.
    *m_alive = false;
    m_cancel.cancel();
}

quint64 ProfileSessionController::startRequest()
{
    m_cancel.cancel();
    m_cancel = CancelToken();
    return ++m_request;
}

void ProfileSessionController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void ProfileSessionController::cancel()
{
    m_cancel.cancel();
}

void ProfileSessionController::connectProfile(AuditTarget target)
{
    const quint64 request = startRequest();
    const CancelToken cancel = m_cancel;
    setBusy(true);
    Q_EMIT inspectStarted();
    runAsync(
        this,
        [target = std::move(target), cancel]() mutable {
            InspectRequest inspectRequest =
                target.profile.toRequest(target.password, target.keyPassphrase);
            inspectRequest.environment = target.profile.environment;
            wipeSecrets(target);
            InspectOutcome outcome;
            outcome.result = Inspector::run(inspectRequest, cancel);
            wipe(inspectRequest.password);
            wipe(inspectRequest.tls.keyPassphrase);
            outcome.cancelled = cancel.isCancelled();
            return outcome;
        },
        [this, request](const InspectOutcome& outcome) {
            if (request != m_request)
                return; // stale: a newer request replaced it
            if (!outcome.cancelled)
                m_lastInspect = outcome.result;
            setBusy(false);
            Q_EMIT inspectFinished(outcome.result, outcome.cancelled);
        });
}

void ProfileSessionController::audit(AuditTarget target)
{
    const quint64 request = startRequest();
    const CancelToken cancel = m_cancel;
    const AuditOptions options = m_options;
    setBusy(true);
    Q_EMIT auditStarted();
    // Progress crosses to the GUI thread through the application object, which outlives every
    // worker. The worker only copies the liveness flag; the flag and `this` are read on the GUI
    // thread alone, where the destructor clears the flag.
    auto progress = [alive = m_alive, self = this, request, cancel](int done, int total) {
        QCoreApplication* app = QCoreApplication::instance();
        if (cancel.isCancelled() || !app)
            return;
        QMetaObject::invokeMethod(
            app,
            [alive, self, request, done, total] {
                if (*alive)
                    self->deliverProgress(request, done, total);
            },
            Qt::QueuedConnection);
    };
    runAsync(
        this,
        [target = std::move(target), options, cancel, progress]() mutable {
            AuditOutcome outcome;
            outcome.result = Auditor::auditOne(target, options, cancel, progress);
            wipeSecrets(target);
            outcome.cancelled = cancel.isCancelled();
            return outcome;
        },
        [this, request](const AuditOutcome& outcome) {
            if (request != m_request)
                return;
            if (!outcome.cancelled)
                m_lastAudit = outcome.result;
            setBusy(false);
            Q_EMIT auditFinished(outcome.result, outcome.cancelled);
        });
}

void ProfileSessionController::deliverProgress(quint64 request, int done, int total)
{
    if (request != m_request || !m_busy)
        return;
    Q_EMIT auditProgress(done, total);
}

} // namespace rediscope
