#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace rediscope {

// Reads a secret from the controlling terminal with echo off (redis-cli's --askpass).
// Returns nullopt when there is no terminal to ask.
std::optional<QByteArray> readPasswordFromTerminal(const QString& prompt);

} // namespace rediscope
