#include "AppSettings.h"

#include <QSettings>
#include <algorithm>

namespace rediscope {

AppSettings AppSettings::load()
{
    const AppSettings defaults;
    const QSettings settings;
    AppSettings loaded;
    loaded.probe = settings.value(QStringLiteral("settings/probe"), defaults.probe).toBool();
    // "settings/probeConnections" since Automatic (0) became the default. An older
    // "settings/probeParallelism" of 8 was that version's default, not a choice: Automatic.
    QVariant connections = settings.value(QStringLiteral("settings/probeConnections"));
    if (!connections.isValid()) {
        connections = settings.value(QStringLiteral("settings/probeParallelism"));
        if (connections.toInt() == 8)
            connections = 0;
    }
    loaded.probeParallelism = std::clamp(
        connections.isValid() ? connections.toInt() : defaults.probeParallelism, 0, MaxParallelism);
    loaded.targetConcurrency = std::clamp(
        settings.value(QStringLiteral("settings/targetConcurrency"), defaults.targetConcurrency)
            .toInt(),
        1, MaxParallelism);
    loaded.defaultTimeoutSeconds = std::clamp(
        settings
            .value(QStringLiteral("settings/defaultTimeoutSeconds"), defaults.defaultTimeoutSeconds)
            .toInt(),
        1, MaxTimeoutSeconds);
    return loaded;
}

void AppSettings::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("settings/probe"), probe);
    settings.setValue(QStringLiteral("settings/probeConnections"), probeParallelism);
    settings.remove(QStringLiteral("settings/probeParallelism"));
    settings.setValue(QStringLiteral("settings/targetConcurrency"), targetConcurrency);
    settings.setValue(QStringLiteral("settings/defaultTimeoutSeconds"), defaultTimeoutSeconds);
}

AuditOptions AppSettings::auditOptions() const
{
    AuditOptions options;
    options.probe = probe;
    options.probeParallelism = probeParallelism;
    options.targetConcurrency = targetConcurrency;
    return options;
}

} // namespace rediscope
