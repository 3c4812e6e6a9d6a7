#pragma once

#include "LabPki.h"
#include "LabServer.h"

#include <QJsonObject>

namespace rediscope::lab {

// The lab's manifest (schema rediscope-lab/1): where each scenario listens, for the demo,
// benchmarks and manual runs.
QJsonObject manifestFor(const LabPki& pki, const QList<const LabServer*>& servers);
QString manifestPath(const QString& directory);

} // namespace rediscope::lab
