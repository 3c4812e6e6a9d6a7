#pragma once

#include "common/Error.h"
#include "profile/ProfileImport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace rediscope {

// Another Redis Desktop Manager: the "Export" of its settings writes connections.ano, the
// base64 of a JSON list of connections (qishibo/AnotherRedisDesktopManager, src/components/
// Setting.vue exportConnection, src/util.js base64Encode); the dispatcher decodes the base64.
// Its local storage form, an object of connections keyed by their "key", is read too.
// Connection keys (src/components/NewConnectionDialog.vue, src/redisClient.js):
//   name, host, port, username, auth (password, secret), db  -> the same profile fields
//   sslOptions {ca, cert, key, servername}   -> tls on; ca_file, cert_file, key_file, sni
//   sslOptions.rejectUnauthorized: false     -> verification off (forks that offer the switch)
//   sshOptions {host, port, username, ...}   -> warning (no SSH tunnels)
//   sentinelOptions {masterName, nodePassword} -> warning (the node password is not imported)
//   cluster: true, connectionReadOnly: true  -> warnings
//   key, order, separator, *bookmark         -> ignored (UI state)
// ARDM itself connects with rejectUnauthorized: false and no host name check (getTLSOptions);
// Rediscope keeps both checks on and says so in a note.
Result<ImportResult> importArdm(const QJsonDocument& document);

// How strongly one JSON object looks like an ARDM connection (0: not at all).
int ardmScore(const QJsonObject& entry);

} // namespace rediscope
