#pragma once

#include "inspect/InspectRequest.h"
#include "profile/SecretRef.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <QUuid>

namespace rediscope {

// The TLS block of a profile. Secure defaults: TLS on, chain and hostname verified, TLS 1.2+.
struct ProfileTls
{
    bool enabled = true;
    bool verifyPeer = true;
    bool verifyHostname = true;
    QString sni;
    QString caFile;
    QString caDir;
    QString certFile;
    QString keyFile;
    SecretRef keyPassphrase; // reference only
    QString minProtocol = QStringLiteral("TLSv1.2");
    QString ciphers;
    QString ciphersuites;

    QJsonObject unknownFields; // fields of the "tls" object this version does not know

    bool operator==(const ProfileTls&) const = default;
};

// One connection profile: an endpoint + auth + TLS settings, in an environment of a service.
// A plain value; holds secret *references* only. A secret found inline in a file is kept in
// `inlinePassword` / `inlineKeyPassphrase` for the session (and flagged), never written back.
struct Profile
{
    QUuid id;
    QString name;
    QString service; // the logical database shared by its dev/staging/prod profiles
    QString environment = QStringLiteral("development"); // built-in or custom name
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    int db = 0;
    QString username;
    SecretRef password;
    ProfileTls tls;
    QString expectedServerKind; // empty, redis, valkey, dragonfly, keydb
    QStringList tags;
    QString notes;
    int timeoutSeconds = 10;

    QJsonObject unknownFields; // fields of the profile object this version does not know

    QByteArray inlinePassword;      // secret found inline in the file: honoured, never saved
    QByteArray inlineKeyPassphrase; // same for the key passphrase

    // A new profile with a fresh id and the secure defaults.
    static Profile create(const QString& name = QString());

    // What to connect with, given the secrets resolved by the caller.
    InspectRequest toRequest(const QByteArray& password = {},
                             const QByteArray& keyPassphrase = {}) const;

    bool operator==(const Profile&) const = default;
};

} // namespace rediscope
