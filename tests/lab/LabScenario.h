#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace rediscope::lab {

// One lab server configuration. The lab's password is a throwaway credential for servers bound
// to loopback; it is public by design.
inline constexpr char LabPassword[] = "rediscope-lab";

struct LabScenario
{
    QString name;
    QString description;
    bool tls = true;            // a TLS port
    bool plaintextPort = false; // a plaintext port (alone when tls is false, or next to TLS)
    QString certificate = QStringLiteral("good"); // LabPki server certificate kind
    QString protocols = QStringLiteral("TLSv1.2 TLSv1.3");
    QString ciphers;             // tls-ciphers; empty: the server's default
    QString ciphersuites;        // tls-ciphersuites; empty: default
    bool securityLevel0 = false; // run the server's OpenSSL at security level 0 (weak certificates
                                 // are refused at load time otherwise)
    bool clientAuth = false;     // tls-auth-clients yes
    bool password = true;        // requirepass LabPassword
};

QList<LabScenario> labScenarios();
std::optional<LabScenario> labScenario(const QString& name);

} // namespace rediscope::lab
