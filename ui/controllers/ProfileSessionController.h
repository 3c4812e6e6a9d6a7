#pragma once

#include "audit/AuditResult.h"
#include "common/CancelToken.h"

#include <QObject>
#include <memory>
#include <optional>

namespace rediscope {

// The live work for one profile: a connection (staged inspection) or an audit, run off the GUI
// thread. Only one request is current: starting another, or cancel(), cancels the previous one
// and its result is dropped by request id when it arrives. Destroying the controller cancels
// whatever runs; the workers hold no pointer to it, so a late result or progress report is
// simply discarded.
//
// Secrets arrive in the AuditTarget and stay with the worker for the duration of the call; they
// are wiped when it returns and never reach a result or a signal.
class ProfileSessionController : public QObject
{
    Q_OBJECT

public:
    explicit ProfileSessionController(QObject* parent = nullptr);
    ~ProfileSessionController() override;

    void setAuditOptions(const AuditOptions& options) { m_options = options; }
    AuditOptions auditOptions() const { return m_options; }

    bool isBusy() const { return m_busy; }
    // The id of the current (or last) request; 0 before the first.
    quint64 currentRequest() const { return m_request; }

    // The last results that were delivered (not stale, not cancelled).
    const std::optional<InspectResult>& lastInspect() const { return m_lastInspect; }
    const std::optional<AuditResult>& lastAudit() const { return m_lastAudit; }

public Q_SLOTS:
    // Connects with the target's profile and secrets (resolve → … → INFO) without auditing.
    void connectProfile(rediscope::AuditTarget target);
    // The full audit of the target: connection, server configuration, probe, checks, grade.
    void audit(rediscope::AuditTarget target);
    // Cancels the current request; its finished signal follows promptly with cancelled = true.
    void cancel();

Q_SIGNALS:
    void inspectStarted();
    // `cancelled`: the request was cancelled and the result is partial.
    void inspectFinished(const rediscope::InspectResult& result, bool cancelled);
    void auditStarted();
    // Steps done of a total that grows while the probe plans its handshakes.
    void auditProgress(int done, int total);
    // `cancelled`: the audit was cancelled and the result is partial (do not grade by it).
    void auditFinished(const rediscope::AuditResult& result, bool cancelled);
    void busyChanged(bool busy);

private:
    quint64 startRequest();
    void setBusy(bool busy);
    void deliverProgress(quint64 request, int done, int total);

    AuditOptions m_options;
    CancelToken m_cancel;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true); // read on the GUI thread only
    quint64 m_request = 0;
    bool m_busy = false;
    std::optional<InspectResult> m_lastInspect;
    std::optional<AuditResult> m_lastAudit;
};

} // namespace rediscope
