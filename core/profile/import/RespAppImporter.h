#pragma once

#include "common/Error.h"
#include "profile/ProfileImport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace rediscope {

// RESP.app (formerly RedisDesktopManager) connections.json, as written by
// ConnectionsManager::saveConnectionsConfigToFile (RedisInsight/RedisDesktopManager,
// src/app/models/connectionsmanager.cpp): a JSON list of connection objects and of groups
// {"type": "group", "name": ..., "connections": [...]}. The keys of a connection are those of
// qredisclient's ConnectionConfig (uglide/qredisclient, src/qredisclient/connectionconfig.cpp)
// and RESP.app's ServerConfig (src/app/models/connectionconf.cpp):
//   name, host, port, username, auth (password, secret)   -> name, host, port, username, password
//   ssl                                                    -> tls.enabled
//   ssl_ca_cert_path, ssl_local_cert_path, ssl_private_key_path -> ca_file, cert_file, key_file
//   ssl_ignore_all_errors: true                            -> verify_peer and verify_hostname off
//   timeout_connect (ms)                                   -> timeout (s, rounded up)
//   group name                                             -> a tag
//   ssh_* / use_ssh_tunnel                                 -> warning (no SSH tunnels)
//   keys_pattern, namespace_separator, db_scan_limit, timeout_execute, cluster_host_override,
//   filter_history, default_formatter, icon_color, id      -> ignored (browser settings)
// qredisclient silently accepts a certificate whose name does not match the host (see
// DefaultTransporter::sslError); Rediscope keeps the host name check on and says so in a note.
Result<ImportResult> importRespApp(const QJsonDocument& document);

// How strongly one JSON object looks like a RESP.app connection (0: not at all).
int respAppScore(const QJsonObject& entry);

} // namespace rediscope
