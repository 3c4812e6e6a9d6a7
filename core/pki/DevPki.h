#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace rediscope {

// The key type of every key a development PKI generates.
enum class DevKeyType
{
    EcP256,  // ECDSA on P-256 (the default)
    Rsa2048, //
    Rsa3072,
};

QString devKeyTypeName(DevKeyType type); // "ec", "rsa2048", "rsa3072"
std::optional<DevKeyType> devKeyTypeFromName(const QString& name);

// What `rediscope dev-pki` generates.
struct DevPkiOptions
{
    QString directory; // created (mode 0700) when missing
    // Host names and IP addresses the server certificate is for: each becomes a DNS or IP
    // subjectAltName entry; the first DNS name (else the first entry) is also its common name.
    QStringList hosts{QStringLiteral("localhost"), QStringLiteral("127.0.0.1"),
                      QStringLiteral("::1")};
    int days = 365; // validity of the server and client certificates
    DevKeyType keyType = DevKeyType::EcP256;
    bool clientCertificate = false; // also a client certificate (clientAuth) for mutual TLS
    // The server certificate is also good for TLS clients (extendedKeyUsage serverAuth and
    // clientAuth): Redis uses it to connect to its master (tls-replication) and to other
    // cluster nodes (tls-cluster).
    bool serverAlsoClient = false;
    bool force = false; // replace existing files instead of refusing
};

// A text file written with the certificates and keys, in the same all-or-nothing step.
struct DevPkiExtraFile
{
    QString name; // a file name in the directory, no slashes
    QByteArray content;
    bool secret = false; // mode 0600 instead of 0644
};

// A local development PKI, generated with the OpenSSL API: a root CA (ca.pem, ca.key), a server
// certificate (server.pem, server.key) with the hosts as subjectAltNames and extendedKeyUsage
// serverAuth, and optionally a client certificate for mutual TLS (client.pem, client.key).
//
// Files are written all or nothing: each to a temporary name in the directory first (private
// keys created with mode 0600, never readable by others at any moment; certificates 0644), then
// renamed into place. Existing files are never replaced unless `force` is set: without it a
// file that appears meanwhile makes the whole set roll back. Key material is freed with
// OpenSSL's clearing functions and never copied into Qt strings.
class DevPki
{
public:
    static constexpr int MaxDays = 3650;
    static constexpr int CaMinimumDays = 3650; // the CA outlives the certificates it issues

    static QString caCertName() { return QStringLiteral("ca.pem"); }
    static QString caKeyName() { return QStringLiteral("ca.key"); }
    static QString serverCertName() { return QStringLiteral("server.pem"); }
    static QString serverKeyName() { return QStringLiteral("server.key"); }
    static QString clientCertName() { return QStringLiteral("client.pem"); }
    static QString clientKeyName() { return QStringLiteral("client.key"); }

    // "DNS:name" for a host name, "IP:address" for an IPv4/IPv6 address (brackets allowed),
    // nullopt for anything else. Host names are lower-cased; "*.example.com" is allowed.
    static std::optional<QString> subjectAltName(const QString& host);
    // The hosts as subjectAltName entries, duplicates removed; InvalidArgument naming the first
    // host that is neither a host name nor an IP address, or when there is none.
    static Result<QStringList> subjectAltNames(const QStringList& hosts);
    static bool isIpAddress(const QString& host);
    static bool isLoopback(const QString& host); // localhost, 127.0.0.0/8, ::1

    // The files generate() writes for these options, in the order it writes them (names only,
    // the extra files not included).
    static QStringList fileNames(const DevPkiOptions& options);

    // FileError naming those of `names` that are already in `directory` (files or symbolic
    // links): the refusal generate() gives without force, word for word.
    static Result<void> refuseExisting(const QString& directory, const QStringList& names);

    // Generates the PKI and writes it, with `extra`, into options.directory. Returns the
    // absolute paths written. FileError when a file exists (without force), when the directory
    // cannot be created or written; InvalidArgument for bad options. Nothing is left behind on
    // failure (with force, files already replaced stay replaced and the message says so).
    static Result<QStringList> generate(const DevPkiOptions& options,
                                        const QList<DevPkiExtraFile>& extra = {});
};

} // namespace rediscope
