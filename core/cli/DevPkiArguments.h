#pragma once

#include "common/Error.h"
#include "pki/DevPki.h"
#include "pki/ServerConfigEmitter.h"

#include <QString>
#include <QStringList>

namespace rediscope {

// The arguments of `rediscope dev-pki`:
//
//     rediscope dev-pki --out DIR [--hosts LIST]... [--days N] [--key ec|rsa2048|rsa3072]
//                       [--client-cert] [--client-auth yes|optional|no] [--port PORT]
//                       [--tls-replication] [--tls-cluster] [--password-env VARIABLE] [--force]
//                       [--profiles FILE] [--name NAME] [--service NAME] [--env ENV]
//
// Options may be written "--option value" or "--option=value". --hosts takes a comma-separated
// list and may be repeated; it replaces the default (localhost,127.0.0.1,::1). tls-auth-clients
// defaults to yes with --client-cert and to no without. A profile is added when --profiles or
// --name is given. A password is never an argument: --password-env names the environment
// variable that holds it. Errors are ErrorCode::InvalidArgument (exit status 2).
struct DevPkiArguments
{
    bool help = false;

    DevPkiOptions pki; // directory, hosts, days, key type, client certificate, force
    ClientAuthMode clientAuth = ClientAuthMode::No;
    quint16 port = 6380;
    bool tlsReplication = false;
    bool tlsCluster = false;
    QString passwordVariable; // --password-env; empty: none given
    // Neither --password-env nor --no-password: dev-pki generates the password and writes it to
    // DevSetup::passwordName() (mode 0600), the configuration only its SHA-256.
    bool generatePassword = false;

    bool addProfile = false;
    QString profilesFile; // empty: ProfileStore::defaultPath()
    QString profileName;  // empty: HOST:PORT
    QString service;
    QString environment = QStringLiteral("development");

    static Result<DevPkiArguments> parse(const QStringList& arguments);
    static QString usage();
};

} // namespace rediscope
