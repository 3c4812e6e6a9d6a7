#include "AuditTargets.h"

#include "profile/ProfileJson.h"
#include "profile/ProfileStore.h"

#include <cmath>

namespace rediscope {

AuditTarget auditTargetFromRequest(const InspectRequest& request,
                                   const EnvironmentPolicies& policies)
{
    AuditTarget target;
    Profile& profile = target.profile;
    profile = Profile::create();
    profile.environment = request.environment;
    profile.host = request.endpoint.host;
    profile.port = request.endpoint.port;
    profile.db = request.endpoint.db;
    profile.username = request.username;
    profile.password = request.password.isEmpty() ? SecretRef::none() : SecretRef::prompt();
    profile.timeoutSeconds = std::max(
        1, static_cast<int>(std::ceil(static_cast<double>(request.timeout.count()) / 1000.0)));
    profile.tls.enabled = request.endpoint.tls;
    profile.tls.verifyPeer = request.tls.verifyPeer;
    profile.tls.verifyHostname = request.tls.verifyHostname;
    profile.tls.sni = request.tls.sni;
    profile.tls.caFile = request.tls.caFile;
    profile.tls.caDir = request.tls.caDir;
    profile.tls.certFile = request.tls.certFile;
    profile.tls.keyFile = request.tls.keyFile;
    profile.tls.keyPassphrase =
        request.tls.keyPassphrase.isEmpty() ? SecretRef::none() : SecretRef::prompt();
    profile.tls.minProtocol = request.tls.minProtocol;
    profile.tls.ciphers = request.tls.ciphers;
    profile.tls.ciphersuites = request.tls.ciphersuites;

    target.password = request.password;
    target.keyPassphrase = request.tls.keyPassphrase;
    target.policy = policies.forEnvironment(request.environment);
    target.fromUrl = true;
    return target;
}

Result<QList<Profile>> selectProfiles(const ProfileStore& store, const QStringList& names,
                                      const QStringList& environments)
{
    const QList<Profile>& all = store.profiles();
    for (const QString& name : names) {
        const bool known = std::any_of(all.cbegin(), all.cend(), [&](const Profile& profile) {
            return profile.name == name || profile.id == QUuid::fromString(name);
        });
        if (!known) {
            QStringList available;
            for (const Profile& profile : all)
                available << profile.name;
            return fail(ErrorCode::InvalidArgument, Stage::None,
                        QStringLiteral("No profile named \"%1\" in %2 (it holds: %3).")
                            .arg(name, store.path(),
                                 available.isEmpty() ? QStringLiteral("no profiles")
                                                     : available.join(QStringLiteral(", "))));
        }
    }
    QList<Profile> selected;
    for (const Profile& profile : all) {
        const bool nameOk =
            names.isEmpty() || names.contains(profile.name) ||
            std::any_of(names.cbegin(), names.cend(), [&](const QString& name) {
                return !profile.id.isNull() && profile.id == QUuid::fromString(name);
            });
        const bool environmentOk =
            environments.isEmpty() || environments.contains(profile.environment.toLower());
        if (nameOk && environmentOk)
            selected << profile;
    }
    if (selected.isEmpty()) {
        if (all.isEmpty())
            return fail(ErrorCode::InvalidArgument, Stage::None,
                        QStringLiteral("%1 holds no profiles to audit.").arg(store.path()));
        return fail(
            ErrorCode::InvalidArgument, Stage::None,
            QStringLiteral("No profile in %1 matches %2.")
                .arg(
                    store.path(),
                    QStringLiteral("--env %1").arg(environments.join(QStringLiteral(", --env ")))));
    }
    return selected;
}

int profileLineInFile(const QByteArray& fileBytes, const QUuid& id)
{
    const auto position = profileFieldPosition(fileBytes, id);
    return position ? position->line : 0;
}

} // namespace rediscope
