#pragma once

#include "audit/AuditResult.h"

#include <QHash>
#include <QObject>
#include <QUuid>
#include <optional>

namespace rediscope {

// The latest results per profile for this session: the last connection (InspectResult) and the
// last audit (AuditResult), so that switching profiles shows a profile's results at once. An
// audit includes a connection; whichever came last is the one `newestInspect()` returns.
class ProfileResults : public QObject
{
    Q_OBJECT

public:
    struct Entry
    {
        std::optional<InspectResult> inspect; // a connection made after the last audit
        std::optional<AuditResult> audit;
    };

    explicit ProfileResults(QObject* parent = nullptr);

    void setInspectResult(const QUuid& profileId, const InspectResult& result);
    void setAuditResult(const QUuid& profileId, const AuditResult& result);
    void remove(const QUuid& profileId);
    // Drops the results of profiles not in `keep`.
    void retain(const QList<QUuid>& keep);

    Entry entry(const QUuid& profileId) const { return m_entries.value(profileId); }
    std::optional<AuditResult> audit(const QUuid& profileId) const;
    // The most recent connection: a later Connect, or the audit's.
    std::optional<InspectResult> newestInspect(const QUuid& profileId) const;
    QList<QUuid> auditedProfiles() const;
    int auditCount() const;

Q_SIGNALS:
    void inspectChanged(const QUuid& profileId);
    void auditChanged(const QUuid& profileId);
    void removed(const QUuid& profileId);

private:
    QHash<QUuid, Entry> m_entries;
};

} // namespace rediscope
