#include "EnvironmentChecks.h"

#include "audit/CheckRegistry.h"

#include <QHash>
#include <QMap>

namespace rediscope {

namespace {

Finding finding(const char* id, Severity severity, QString detail, QString evidence,
                QString remediation)
{
    const QString name = QString::fromLatin1(id);
    const CheckDefinition* definition = findCheck(name);
    return Finding{name,
                   severity,
                   definition ? definition->title : name,
                   std::move(detail),
                   std::move(evidence),
                   std::move(remediation),
                   QString(),
                   0};
}

QString describe(const EnvironmentTargetFacts& target)
{
    return QStringLiteral("%1 (%2)").arg(target.environment, target.profile);
}

} // namespace

QList<TargetFinding> checkEnvironments(const QList<EnvironmentTargetFacts>& targets)
{
    QMap<QString, QList<int>> services; // ordered: stable output
    for (int i = 0; i < targets.size(); ++i)
        if (!targets.at(i).service.isEmpty())
            services[targets.at(i).service].append(i);

    QList<TargetFinding> out;
    for (auto it = services.constBegin(); it != services.constEnd(); ++it) {
        const QList<int>& members = it.value();
        if (members.size() < 2)
            continue;
        const QString& service = it.key();

        // TLS on in one environment, off in another: flag the ones without it.
        QStringList with, without;
        for (int index : members)
            (targets.at(index).tlsEnabled ? with : without) << describe(targets.at(index));
        if (!with.isEmpty() && !without.isEmpty())
            for (int index : members)
                if (!targets.at(index).tlsEnabled)
                    out << TargetFinding{
                        index,
                        finding("env.tls_inconsistent", Severity::High,
                                QStringLiteral("Service %1 uses TLS in %2 but not in %3.")
                                    .arg(service, with.join(QStringLiteral(", ")),
                                         describe(targets.at(index))),
                                QStringLiteral("TLS on: %1; TLS off: %2")
                                    .arg(with.join(QStringLiteral(", ")),
                                         without.join(QStringLiteral(", "))),
                                QStringLiteral("Turn TLS on in this environment too, with the same "
                                               "settings as production."))};

        // Verification on in one TLS environment, off in another.
        QStringList verifying, trusting;
        for (int index : members)
            if (targets.at(index).tlsEnabled)
                (targets.at(index).verifyPeer ? verifying : trusting)
                    << describe(targets.at(index));
        if (!verifying.isEmpty() && !trusting.isEmpty())
            for (int index : members)
                if (targets.at(index).tlsEnabled && !targets.at(index).verifyPeer)
                    out << TargetFinding{
                        index,
                        finding(
                            "env.verify_inconsistent", Severity::Medium,
                            QStringLiteral("Service %1 verifies certificates in %2 but not in %3.")
                                .arg(service, verifying.join(QStringLiteral(", ")),
                                     describe(targets.at(index))),
                            QStringLiteral("verified: %1; not verified: %2")
                                .arg(verifying.join(QStringLiteral(", ")),
                                     trusting.join(QStringLiteral(", "))),
                            QStringLiteral("Turn verification on here as well; use a local CA "
                                           "(`rediscope dev-pki`) if needed."))};

        // Protocol sets that differ between environments (where known).
        QMap<QString, QStringList> byProtocols;
        for (int index : members)
            if (targets.at(index).tlsEnabled && !targets.at(index).protocols.isEmpty())
                byProtocols[targets.at(index).protocols.join(QLatin1Char(' '))]
                    << describe(targets.at(index));
        if (byProtocols.size() > 1) {
            QStringList evidence;
            for (auto group = byProtocols.constBegin(); group != byProtocols.constEnd(); ++group)
                evidence << QStringLiteral("%1: %2").arg(group.value().join(QStringLiteral(", ")),
                                                         group.key());
            for (int index : members)
                if (targets.at(index).tlsEnabled && !targets.at(index).protocols.isEmpty())
                    out << TargetFinding{
                        index, finding("env.protocol_inconsistent", Severity::Low,
                                       QStringLiteral("The environments of service %1 accept "
                                                      "different TLS versions.")
                                           .arg(service),
                                       evidence.join(QStringLiteral("; ")),
                                       QStringLiteral("Configure the same tls-protocols (\"TLSv1.2 "
                                                      "TLSv1.3\") in every environment."))};
        }

        // One leaf certificate serving two environments.
        QHash<QString, QList<int>> byLeaf;
        for (int index : members)
            if (!targets.at(index).leafSha256.isEmpty())
                byLeaf[targets.at(index).leafSha256] << index;
        for (auto leaf = byLeaf.constBegin(); leaf != byLeaf.constEnd(); ++leaf) {
            QStringList environments;
            for (int index : leaf.value())
                if (!environments.contains(targets.at(index).environment))
                    environments << targets.at(index).environment;
            if (environments.size() < 2)
                continue;
            QStringList where;
            for (int index : leaf.value())
                where << describe(targets.at(index));
            for (int index : leaf.value())
                out << TargetFinding{
                    index, finding("cert.shared_across_envs", Severity::Medium,
                                   QStringLiteral("The same server certificate serves %1 of "
                                                  "service %2.")
                                       .arg(environments.join(QStringLiteral(" and ")), service),
                                   QStringLiteral("leaf sha256 %1 at %2")
                                       .arg(leaf.key().left(16), where.join(QStringLiteral(", "))),
                                   QStringLiteral("Issue a separate certificate and key for each "
                                                  "environment."))};
        }
    }
    return out;
}

} // namespace rediscope
