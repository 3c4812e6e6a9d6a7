#pragma once

#include "cli/DevPkiArguments.h"
#include "pki/DevPki.h"
#include "pki/ServerConfigEmitter.h"
#include "profile/Profile.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rediscope {

// What a development setup is made of, from the inputs of `rediscope dev-pki` (its command line,
// or the GUI's "Secure Dev Setup" wizard filling the same DevPkiArguments): the server settings
// the configuration files are emitted from, the files written next to the PKI, the profile added
// to the store and a line about each file. Both front ends build everything here, so the same
// inputs always give the same files and the same profile.
class DevSetup
{
public:
    static QString redisConfName() { return QStringLiteral("redis.conf"); }
    static QString dragonflyFlagsName() { return QStringLiteral("dragonfly.flags"); }
    static QString aclName() { return QStringLiteral("users.acl"); }
    // The generated password (without --password-env), for the clients: mode 0600.
    static QString passwordName() { return QStringLiteral("password"); }

    // The output directory, absolute and clean.
    static QString directory(const DevPkiArguments& arguments);
    // The settings for the files in directory(): absolute paths, hosts, port, client
    // authentication, replication and cluster over TLS, the password's variable and hash
    // (empty without a password).
    static DevServerSettings serverSettings(const DevPkiArguments& arguments,
                                            const QString& passwordHash);
    // redis.conf and dragonfly.flags, and users.acl with a password; all mode 0600.
    static QList<DevPkiExtraFile> extraFiles(const DevServerSettings& settings);
    // Every file a setup with these arguments writes (the PKI's, then the extra files), names
    // only: users.acl when a password variable is named.
    static QStringList fileNames(const DevPkiArguments& arguments);

    // The profile's name: arguments.profileName, else HOST:PORT ([HOST]:PORT for an IPv6
    // address) of the first host.
    static QString profileName(const DevPkiArguments& arguments);
    // The profile for this server (ServerConfigEmitter::profile), named profileName(), with
    // the arguments' service and environment.
    static Profile profile(const DevPkiArguments& arguments, const DevServerSettings& settings);

    // One line about a written file, e.g. "server key (0600)"; empty for an unknown name.
    static QString describe(const QString& fileName, const DevPkiArguments& arguments);
};

} // namespace rediscope
