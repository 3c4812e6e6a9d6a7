#pragma once

#include "common/Error.h"
#include "profile/ProfileImport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace rediscope {

// RedisInsight's database export: a JSON list of ExportDatabase objects
// (RedisInsight/RedisInsight, redisinsight/api/src/modules/database/models/export-database.ts
// and database.ts; written with or without "Export passwords and certificate bodies"):
//   name, host, port, db, username, password (secret)   -> the same profile fields
//   tls (or ssl)                                        -> tls.enabled
//   tlsServername                                       -> sni
//   verifyServerCert (RedisInsight's default: false)    -> verify_peer (and verify_hostname)
//   caCert {name, certificate}      certificate as PEM  -> EmbeddedFile (CA); as a path -> ca_file
//   clientCert {name, certificate, key}                 -> EmbeddedFile (client cert / key, the
//                                                          key is a secret) or cert_file/key_file
//   timeout (ms)                                        -> timeout (s, rounded up)
//   tags [{key, value}]                                 -> tags "key:value"; a tag "environment"
//                                                          (or "env") sets the environment
//   connectionType CLUSTER / SENTINEL, sentinelMaster   -> warnings (seed node / Sentinel only)
//   ssh, sshOptions                                     -> warning (no SSH tunnels)
//   compressor other than NONE                          -> warning
//   id, provider, nameFromProvider, lastConnection, modules, forceStandalone -> ignored
// RedisInsight never checks the host name (its checkServerIdentity does nothing); Rediscope
// does, and says so in a note.
Result<ImportResult> importRedisInsight(const QJsonDocument& document);

// How strongly one JSON object looks like a RedisInsight database (0: not at all).
int redisInsightScore(const QJsonObject& entry);

} // namespace rediscope
