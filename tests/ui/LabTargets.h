#pragma once

// Profiles for lab servers, as the GUI gets them (profile + secrets + policy), and a direct
// connection for seeding and cleaning the test's own database.

#include "LabEnvironment.h"
#include "audit/AuditTarget.h"
#include "inspect/Inspector.h"
#include "net/Session.h"

#include <QDir>
#include <QTest>

namespace rediscope::testing {

inline AuditTarget labTarget(const QString& scenario, const QString& environment, int db = 0,
                             const QString& name = QString())
{
    auto& lab = lab::LabEnvironment::shared();
    QString error;
    lab::LabServer* server = lab.server(scenario, &error);
    if (!server)
        qFatal("lab scenario %s: %s", qPrintable(scenario), qPrintable(error));
    AuditTarget target;
    target.profile =
        Profile::create(name.isEmpty() ? scenario + QLatin1Char('-') + environment : name);
    target.profile.environment = environment;
    target.profile.host = QStringLiteral("127.0.0.1");
    target.profile.tls.enabled = server->scenario().tls;
    target.profile.port = server->scenario().tls ? server->tlsPort() : server->plaintextPort();
    target.profile.tls.caFile = lab.pki().rootCa();
    target.profile.db = db;
    target.profile.timeoutSeconds = 5;
    if (server->scenario().password) {
        target.profile.password = SecretRef::env(QStringLiteral("LAB_PASSWORD"));
        target.password = QByteArray(lab::LabPassword);
    }
    target.policy = EnvironmentPolicies().forEnvironment(environment);
    return target;
}

// A direct connection to the target's server and database (for seeding and checking).
inline std::unique_ptr<Session> openDirect(const AuditTarget& target)
{
    std::unique_ptr<Session> session;
    const InspectResult result = Inspector::open(
        target.profile.toRequest(target.password, target.keyPassphrase), {}, &session);
    if (result.error)
        qWarning("direct connection failed: %s", qPrintable(result.error->toString()));
    return session;
}

inline RespValue directCommand(Session& session, const QList<QByteArray>& arguments)
{
    auto reply = session.command(arguments, Deadline::in(std::chrono::seconds(5)));
    if (!reply)
        qWarning("direct command failed: %s", qPrintable(reply.error().toString()));
    return reply ? *reply : RespValue{};
}

// Where screenshots go: REDISCOPE_TEST_OUTPUT, or the temporary directory.
inline QString screenshotPath(const QString& name)
{
    const QString directory = qEnvironmentVariable("REDISCOPE_TEST_OUTPUT", QDir::tempPath());
    QDir().mkpath(directory);
    return directory + QLatin1Char('/') + name;
}

} // namespace rediscope::testing
