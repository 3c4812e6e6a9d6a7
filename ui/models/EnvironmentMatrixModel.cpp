#include "EnvironmentMatrixModel.h"

#include "audit/EnvironmentChecks.h"
#include "style/EnvironmentStyle.h"
#include "style/SeverityStyle.h"

#include <QMap>
#include <algorithm>

namespace rediscope {

namespace {

bool isDrift(const Finding& finding)
{
    return finding.id.startsWith(QLatin1String("env.")) ||
           finding.id == QLatin1String("cert.shared_across_envs");
}

QString joinNames(QStringList environments)
{
    environments.removeDuplicates();
    std::sort(environments.begin(), environments.end(), EnvironmentStyle::lessThan);
    QStringList names;
    for (const QString& environment : std::as_const(environments))
        names << EnvironmentStyle::displayName(environment);
    return names.join(QStringLiteral(", "));
}

} // namespace

EnvironmentMatrixModel::EnvironmentMatrixModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void EnvironmentMatrixModel::setProfiles(const QList<Profile>& profiles,
                                         const EnvironmentPolicies& policies)
{
    m_profiles = profiles;
    m_policies = policies;
    QHash<QUuid, AuditResult> kept;
    for (const Profile& profile : profiles)
        if (m_results.contains(profile.id))
            kept.insert(profile.id, m_results.value(profile.id));
    m_results = kept;
    rebuild();
}

void EnvironmentMatrixModel::setAuditResult(const QUuid& profileId, const AuditResult& result)
{
    if (!m_cells.contains(profileId))
        return;
    m_results.insert(profileId, result);
    for (const Profile& profile : std::as_const(m_profiles))
        if (profile.id == profileId)
            computeCell(m_cells[profileId], profile);
    computeDrift(); // observed protocols and leaf certificates feed the drift checks
    if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void EnvironmentMatrixModel::clearAuditResults()
{
    m_results.clear();
    rebuild();
}

void EnvironmentMatrixModel::rebuild()
{
    beginResetModel();
    m_environments.clear();
    m_columnPolicies.clear();
    m_rows.clear();
    m_cells.clear();
    m_grid.clear();

    for (const Profile& profile : std::as_const(m_profiles))
        if (!m_environments.contains(profile.environment))
            m_environments << profile.environment;
    std::sort(m_environments.begin(), m_environments.end(), EnvironmentStyle::lessThan);
    for (const QString& environment : std::as_const(m_environments)) {
        EnvironmentPolicy policy = m_policies.forEnvironment(environment);
        policy.name = environment;
        m_columnPolicies << policy;
    }

    // service → environment → profiles (by name); services without a name come last.
    QMap<QString, QString> serviceNames; // folded → as written (first seen)
    for (const Profile& profile : std::as_const(m_profiles))
        if (!profile.service.isEmpty() && !serviceNames.contains(profile.service.toCaseFolded()))
            serviceNames.insert(profile.service.toCaseFolded(), profile.service);
    QStringList services = serviceNames.values();
    bool unassigned = false;
    for (const Profile& profile : std::as_const(m_profiles))
        unassigned = unassigned || profile.service.isEmpty();
    if (unassigned)
        services << QString();

    for (const QString& service : std::as_const(services)) {
        QList<QList<const Profile*>> byColumn(m_environments.size());
        for (const Profile& profile : std::as_const(m_profiles))
            if (profile.service.compare(service, Qt::CaseInsensitive) == 0 &&
                profile.service.isEmpty() == service.isEmpty())
                byColumn[m_environments.indexOf(profile.environment)] << &profile;
        qsizetype lanes = 1;
        for (auto& column : byColumn) {
            std::sort(column.begin(), column.end(), [](const Profile* a, const Profile* b) {
                return a->name.compare(b->name, Qt::CaseInsensitive) < 0;
            });
            lanes = std::max(lanes, column.size());
        }
        for (int lane = 0; lane < lanes; ++lane) {
            const int row = int(m_rows.size());
            m_rows << Row{service, lane};
            for (int column = 0; column < byColumn.size(); ++column) {
                if (lane >= byColumn.at(column).size())
                    continue;
                const Profile& profile = *byColumn.at(column).at(lane);
                m_grid.insert({row, column}, profile.id);
                Cell cell;
                computeCell(cell, profile);
                m_cells.insert(profile.id, cell);
            }
        }
    }
    computeDrift();
    endResetModel();
}

void EnvironmentMatrixModel::computeCell(Cell& cell, const Profile& profile) const
{
    cell = Cell{};
    cell.profileId = profile.id;
    cell.profileName = profile.name;
    cell.service = profile.service;
    cell.environment = profile.environment;
    cell.endpoint = (profile.host.contains(QLatin1Char(':'))
                         ? QLatin1Char('[') + profile.host + QLatin1Char(']')
                         : profile.host) +
                    QLatin1Char(':') + QString::number(profile.port);
    cell.policy = m_policies.forEnvironment(profile.environment);
    cell.tls = profile.tls.enabled;
    cell.verifyPeer = profile.tls.enabled && profile.tls.verifyPeer;
    cell.verifyHostname = profile.tls.enabled && profile.tls.verifyHostname;

    const auto found = m_results.constFind(profile.id);
    if (found == m_results.constEnd())
        return;
    const AuditResult& result = *found;
    cell.audited = true;
    const InspectResult& inspect = result.inspect;
    if (inspect.error && !inspect.server)
        cell.connectError = inspect.error->message;
    if (inspect.tls) {
        cell.chainVerified = inspect.tls->verified;
        cell.hostnameMatch = inspect.tls->hostnameMatch;
        cell.protocol = inspect.tls->protocol;
        if (!inspect.tls->chainSent.isEmpty())
            cell.leafDaysLeft = inspect.tls->chainSent.constFirst().daysLeft();
    } else if (inspect.server) {
        cell.protocol = tr("plaintext");
    }
    cell.grade = result.grade.grade;
    cell.gradeIfTrustFixed = result.grade.ifTrustFixed;
    QList<Finding> findings;
    for (const Finding& finding : result.findings)
        if (!isDrift(finding))
            findings << finding;
    if (!findings.isEmpty())
        cell.worstSeverity = std::max_element(findings.cbegin(), findings.cend(),
                                              [](const Finding& a, const Finding& b) {
                                                  return a.severity < b.severity;
                                              })
                                 ->severity;
}

void EnvironmentMatrixModel::computeDrift()
{
    // The facts the cross-environment checks compare, as the auditor gathers them, with the
    // profile's current settings.
    QList<EnvironmentTargetFacts> facts;
    QList<QUuid> ids;
    for (const Profile& profile : std::as_const(m_profiles)) {
        EnvironmentTargetFacts target;
        target.service = profile.service;
        target.environment = profile.environment;
        target.profile = profile.name.isEmpty() ? profile.host : profile.name;
        target.tlsEnabled = profile.tls.enabled;
        target.verifyPeer = profile.tls.verifyPeer;
        if (const auto found = m_results.constFind(profile.id); found != m_results.constEnd()) {
            if (found->probe && found->probe->complete())
                target.protocols = found->probe->acceptedProtocols();
            else if (found->inspect.tls)
                target.protocols = {found->inspect.tls->protocol};
            target.protocols.sort();
            if (found->inspect.tls && !found->inspect.tls->chainSent.isEmpty())
                target.leafSha256 = found->inspect.tls->chainSent.constFirst().sha256;
        }
        facts << target;
        ids << profile.id;
        if (m_cells.contains(profile.id)) {
            m_cells[profile.id].drift.clear();
            m_cells[profile.id].driftShort.clear();
        }
    }
    for (const TargetFinding& each : checkEnvironments(facts)) {
        auto cell = m_cells.find(ids.at(each.target));
        if (cell == m_cells.end())
            continue;
        cell->drift << each.finding;
        // A short line for the cell: what differs, and from where.
        const EnvironmentTargetFacts& self = facts.at(each.target);
        QStringList others;
        for (qsizetype i = 0; i < facts.size(); ++i) {
            const EnvironmentTargetFacts& other = facts.at(i);
            if (i == each.target || other.service != self.service)
                continue;
            const QString& id = each.finding.id;
            if ((id == QLatin1String("env.tls_inconsistent") && other.tlsEnabled) ||
                (id == QLatin1String("env.verify_inconsistent") && other.tlsEnabled &&
                 other.verifyPeer) ||
                (id == QLatin1String("env.protocol_inconsistent") && !other.protocols.isEmpty() &&
                 other.protocols != self.protocols) ||
                (id == QLatin1String("cert.shared_across_envs") &&
                 other.leafSha256 == self.leafSha256 && other.environment != self.environment))
                others << other.environment;
        }
        const QString where = joinNames(others);
        const QString& id = each.finding.id;
        if (id == QLatin1String("env.tls_inconsistent"))
            cell->driftShort << tr("TLS off here, on in %1").arg(where);
        else if (id == QLatin1String("env.verify_inconsistent"))
            cell->driftShort << tr("No verification here; %1 verifies").arg(where);
        else if (id == QLatin1String("env.protocol_inconsistent"))
            cell->driftShort
                << tr("%1 here; %2 differs").arg(self.protocols.join(QLatin1Char('/')), where);
        else if (id == QLatin1String("cert.shared_across_envs"))
            cell->driftShort << tr("Same certificate as %1").arg(where);
        else
            cell->driftShort << each.finding.title;
    }
}

int EnvironmentMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EnvironmentMatrixModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_environments.size());
}

const EnvironmentMatrixModel::Cell* EnvironmentMatrixModel::cell(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const auto id = m_grid.constFind({index.row(), index.column()});
    if (id == m_grid.constEnd())
        return nullptr;
    const auto found = m_cells.constFind(*id);
    return found == m_cells.constEnd() ? nullptr : &*found;
}

QModelIndex EnvironmentMatrixModel::indexOf(const QUuid& profileId) const
{
    for (auto it = m_grid.constBegin(); it != m_grid.constEnd(); ++it)
        if (it.value() == profileId)
            return index(it.key().first, it.key().second);
    return {};
}

QString EnvironmentMatrixModel::serviceAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).service : QString();
}

const EnvironmentPolicy& EnvironmentMatrixModel::policyAt(int column) const
{
    static const EnvironmentPolicy none;
    return column >= 0 && column < m_columnPolicies.size() ? m_columnPolicies.at(column) : none;
}

int EnvironmentMatrixModel::driftCount() const
{
    int count = 0;
    for (const Cell& cell : m_cells)
        count += cell.drift.isEmpty() ? 0 : 1;
    return count;
}

QVariant EnvironmentMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Cell* c = cell(index);
    if (!c) {
        if (role == Qt::ToolTipRole)
            return tr("No profile of %1 in %2.")
                .arg(serviceAt(index.row()).isEmpty() ? tr("this service") : serviceAt(index.row()),
                     EnvironmentStyle::displayName(environmentAt(index.column())));
        if (role == ProfileIdRole)
            return QVariant::fromValue(QUuid());
        return {};
    }
    switch (role) {
    case Qt::DisplayRole: {
        QStringList lines{c->profileName};
        lines << (c->tls ? tr("TLS on") : tr("TLS off"));
        if (c->tls) {
            lines << (!c->verifyPeer              ? tr("verification off")
                      : c->chainVerified == false ? tr("chain does not verify")
                                                  : tr("chain verified"));
            lines << (!c->verifyHostname          ? tr("hostname check off")
                      : c->hostnameMatch == false ? tr("hostname mismatch")
                                                  : tr("hostname checked"));
        }
        if (!c->protocol.isEmpty())
            lines << c->protocol;
        if (c->leafDaysLeft)
            lines << (*c->leafDaysLeft < 0
                          ? tr("leaf expired %n day(s) ago", nullptr, -*c->leafDaysLeft)
                          : tr("leaf expires in %n day(s)", nullptr, *c->leafDaysLeft));
        lines << (c->grade.isEmpty() ? (c->audited ? tr("not graded") : tr("not audited"))
                                     : tr("grade %1").arg(c->grade));
        for (const QString& drift : c->driftShort)
            lines << tr("Drift: %1").arg(drift);
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::DecorationRole:
        if (!c->drift.isEmpty()) {
            Severity worst = Severity::Info;
            for (const Finding& finding : c->drift)
                worst = std::max(worst, finding.severity);
            return SeverityStyle::icon(worst);
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<b>%1</b> — %2<br>%3")
                          .arg(c->profileName.toHtmlEscaped(), c->endpoint.toHtmlEscaped(),
                               EnvironmentStyle::policySummary(c->policy).toHtmlEscaped());
        if (!c->connectError.isEmpty())
            tip += QStringLiteral("<br>") +
                   tr("Last audit could not connect: %1").arg(c->connectError.toHtmlEscaped());
        if (!c->gradeIfTrustFixed.isEmpty())
            tip += QStringLiteral("<br>") +
                   tr("Grade %1 if the certificate were trusted.").arg(c->gradeIfTrustFixed);
        if (c->drift.isEmpty()) {
            tip += QStringLiteral("<br>") +
                   tr("No drift: consistent with the other environments of this service.");
        } else {
            tip += QStringLiteral("<hr><b>") +
                   tr("Drift from the other environments of %1").arg(c->service.toHtmlEscaped()) +
                   QStringLiteral("</b>");
            for (const Finding& finding : c->drift)
                tip +=
                    QStringLiteral("<p><b>%1</b> (%2, %3)<br>%4<br><i>%5</i></p>")
                        .arg(finding.title.toHtmlEscaped(), finding.id,
                             SeverityStyle::word(finding.severity), finding.detail.toHtmlEscaped(),
                             finding.remediation.toHtmlEscaped());
        }
        return tip;
    }
    case ProfileIdRole:
        return QVariant::fromValue(c->profileId);
    case GradeRole:
        return c->grade;
    case DriftRole: {
        QStringList ids;
        for (const Finding& finding : c->drift)
            ids << finding.id;
        return ids;
    }
    case DriftTextRole:
        return c->driftShort;
    case HasDriftRole:
        return !c->drift.isEmpty();
    default:
        return {};
    }
}

QVariant EnvironmentMatrixModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_environments.size())
            return {};
        switch (role) {
        case Qt::DisplayRole:
            return EnvironmentStyle::displayName(m_environments.at(section));
        case Qt::DecorationRole:
            return EnvironmentStyle::swatchIcon(policyAt(section));
        case Qt::ToolTipRole:
            return EnvironmentStyle::policySummary(policyAt(section));
        default:
            return {};
        }
    }
    if (section < 0 || section >= m_rows.size())
        return {};
    const Row& row = m_rows.at(section);
    switch (role) {
    case Qt::DisplayRole:
        if (row.lane > 0)
            return QString();
        return row.service.isEmpty() ? tr("(no service)") : row.service;
    case Qt::ToolTipRole:
        return row.service.isEmpty()
                   ? tr("Profiles without a service are not compared across environments.")
                   : tr("Service %1").arg(row.service);
    default:
        return {};
    }
}

Qt::ItemFlags EnvironmentMatrixModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return cell(index) ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::ItemIsEnabled;
}

} // namespace rediscope
