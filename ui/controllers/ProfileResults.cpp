#include "ProfileResults.h"

#include <QSet>

namespace rediscope {

ProfileResults::ProfileResults(QObject* parent)
    : QObject(parent)
{}

void ProfileResults::setInspectResult(const QUuid& profileId, const InspectResult& result)
{
    m_entries[profileId].inspect = result;
    Q_EMIT inspectChanged(profileId);
}

void ProfileResults::setAuditResult(const QUuid& profileId, const AuditResult& result)
{
    Entry& entry = m_entries[profileId];
    entry.audit = result;
    entry.inspect.reset(); // the audit's connection is the newest
    Q_EMIT auditChanged(profileId);
}

void ProfileResults::remove(const QUuid& profileId)
{
    if (m_entries.remove(profileId) > 0)
        Q_EMIT removed(profileId);
}

void ProfileResults::retain(const QList<QUuid>& keep)
{
    const QSet<QUuid> kept(keep.cbegin(), keep.cend());
    const QList<QUuid> ids = m_entries.keys();
    for (const QUuid& id : ids)
        if (!kept.contains(id))
            remove(id);
}

std::optional<AuditResult> ProfileResults::audit(const QUuid& profileId) const
{
    const auto found = m_entries.constFind(profileId);
    return found == m_entries.constEnd() ? std::nullopt : found->audit;
}

std::optional<InspectResult> ProfileResults::newestInspect(const QUuid& profileId) const
{
    const auto found = m_entries.constFind(profileId);
    if (found == m_entries.constEnd())
        return std::nullopt;
    if (found->inspect)
        return found->inspect;
    if (found->audit)
        return found->audit->inspect;
    return std::nullopt;
}

QList<QUuid> ProfileResults::auditedProfiles() const
{
    QList<QUuid> ids;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        if (it->audit)
            ids << it.key();
    return ids;
}

int ProfileResults::auditCount() const
{
    return int(auditedProfiles().size());
}

} // namespace rediscope
