#pragma once

#include "audit/Finding.h"
#include "profile/EnvironmentPolicy.h"
#include "server/ServerConfig.h"

#include <optional>

namespace rediscope {

// What a live audit observed on the server beyond its configuration values. Filled by the audit
// engine; every field is optional: "not observed" never counts as "safe" or "unsafe" on its own.
struct RuntimeFacts
{
    // INFO replication: connected_slaves. Replicas → server.replication_plaintext applies.
    std::optional<int> connectedReplicas;
    // INFO replication: role:slave (this server replicates from a master).
    std::optional<bool> isReplica;
    // INFO cluster: cluster_enabled:1.
    std::optional<bool> clusterEnabled;
    // A plaintext PING to the configured plaintext port (`plaintextPort`): answered (true), or
    // refused / not answered (false); nullopt when not tried.
    std::optional<bool> plaintextPingAnswered;
    int plaintextPort = 0;
    // A command (other than AUTH/HELLO) worked on a connection that never authenticated.
    std::optional<bool> commandsWithoutAuth;
    // CONFIG GET was refused (NOPERM, renamed CONFIG, ...): the config-based checks are skipped
    // and server.config_unreadable says so.
    bool configUnreadable = false;
    QString configUnreadableReason; // the server's reply, e.g. "NOPERM ..."
    // CONFIG GET enable-debug-command / enable-module-command (Redis 7), or what the audit
    // learnt otherwise: true when the command can be run.
    std::optional<bool> debugCommandEnabled;
    std::optional<bool> moduleCommandEnabled;

    bool operator==(const RuntimeFacts&) const = default;
};

// The server.* checks (CHECKS.md) for a Redis or Dragonfly configuration, read from a file
// (lint-config; pass RuntimeFacts{}) or from a live server (the audit engine). Pure: no I/O.
// Findings from a file carry its file and line (line 1 of the main file when the finding is
// about a directive that is absent). Evidence shows settings, never a secret's value.
// Remediation names the Redis directive and the Dragonfly flag.
//
// Facts beat configuration: an observation in `facts` (PING answered or not, AUTH needed or
// not, DEBUG/MODULE allowed, replicas, cluster) decides over what the configuration implies.
// server.nopass is inferred from the configuration only when it came from a file: a live
// server's requirepass is never read. With `facts.configUnreadable` only
// server.config_unreadable and the fact-based findings are reported. Checks that have no
// counterpart on a server kind stay silent there (Dragonfly: no protected mode, tls-protocols
// or cluster bus; Redis: no admin port).
QList<Finding> checkServer(const ServerConfig& config, const RuntimeFacts& facts,
                           const EnvironmentPolicy& policy);

// Redis's default user as the configuration leaves it: true when it is on with nopass, so
// clients need no password; nullopt when an aclfile decides. `user default ...` lines win over
// requirepass (redis-server loads configured ACL users after the configuration, starting the
// default user from `reset`); without such a line the default user is `on nopass` unless
// requirepass is set.
std::optional<bool> redisDefaultUserOpen(const ServerConfig& config);

} // namespace rediscope
