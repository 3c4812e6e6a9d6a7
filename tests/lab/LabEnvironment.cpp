#include "LabEnvironment.h"

#include <QDir>

namespace rediscope::lab {

LabEnvironment& LabEnvironment::shared()
{
    static LabEnvironment environment;
    return environment;
}

LabEnvironment::LabEnvironment()
    : m_directory(QDir::tempPath() + QStringLiteral("/rediscope-lab-XXXXXX"))
{
    if (!m_directory.isValid()) {
        m_error = QStringLiteral("Cannot create a temporary directory: %1")
                      .arg(m_directory.errorString());
        return;
    }
    auto pki = LabPki::generate(m_directory.path() + QStringLiteral("/pki"));
    if (!pki) {
        m_error = pki.error().toString();
        return;
    }
    m_pki = *pki;
}

LabServer* LabEnvironment::server(const QString& scenarioName, QString* error)
{
    if (auto found = m_servers.constFind(scenarioName); found != m_servers.constEnd())
        return found->get();
    auto report = [error](const QString& text) {
        if (error)
            *error = text;
        return nullptr;
    };
    if (!m_error.isEmpty())
        return report(m_error);
    const auto scenario = labScenario(scenarioName);
    if (!scenario)
        return report(QStringLiteral("No lab scenario named %1.").arg(scenarioName));
    auto started = LabServer::start(m_pki, *scenario, m_directory.path());
    if (!started)
        return report(started.error().toString());
    auto server = std::shared_ptr<LabServer>(std::move(*started));
    m_servers.insert(scenarioName, server);
    return server.get();
}

} // namespace rediscope::lab
