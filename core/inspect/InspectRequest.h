#pragma once

#include "tls/TlsOptions.h"

#include <QByteArray>
#include <QString>
#include <chrono>

namespace rediscope {

// Where to connect.
struct Endpoint
{
    QString host;
    quint16 port = 6379;
    int db = 0;
    bool tls = true;
};

// Everything one inspection needs. `password` is a secret: it is only ever sent to the server
// (after the chain and hostname checks pass when they are required) and never printed.
struct InspectRequest
{
    Endpoint endpoint;
    QString username; // empty: the default user
    QByteArray password;
    TlsOptions tls;
    std::chrono::milliseconds timeout{10000}; // for the whole connection, all stages together
    QString environment = QStringLiteral("production"); // the policy to judge findings by
};

} // namespace rediscope
