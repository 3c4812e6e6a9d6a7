#include "LabScenario.h"

namespace rediscope::lab {

QList<LabScenario> labScenarios()
{
    QList<LabScenario> list;
    auto add = [&list](QString name, QString description) -> LabScenario& {
        LabScenario scenario;
        scenario.name = std::move(name);
        scenario.description = std::move(description);
        list.append(scenario);
        return list.last();
    };
    add(QStringLiteral("good"),
        QStringLiteral("TLS 1.2+1.3, chain via an intermediate, password, no plaintext port"));
    {
        LabScenario& s =
            add(QStringLiteral("legacy"),
                QStringLiteral("accepts TLS 1.0-1.3, server ciphers at security level 0"));
        s.protocols = QStringLiteral("TLSv1 TLSv1.1 TLSv1.2 TLSv1.3");
        s.ciphers = QStringLiteral("ALL:@SECLEVEL=0");
        s.securityLevel0 = true;
    }
    add(QStringLiteral("tls13-only"), QStringLiteral("TLS 1.3 only")).protocols =
        QStringLiteral("TLSv1.3");
    add(QStringLiteral("expired"), QStringLiteral("leaf certificate expired 30 days ago"))
        .certificate = QStringLiteral("expired");
    add(QStringLiteral("wrong-host"), QStringLiteral("certificate for wrong.example.net"))
        .certificate = QStringLiteral("wrong-host");
    add(QStringLiteral("self-signed"), QStringLiteral("self-signed leaf certificate")).certificate =
        QStringLiteral("self-signed");
    // OpenSSL 3 refuses to load such certificates above security level 0, on the server too.
    for (const auto& [name, description] :
         {std::pair{QStringLiteral("weak-key"), QStringLiteral("RSA-1024 leaf key")},
          std::pair{QStringLiteral("sha1"), QStringLiteral("leaf signed with SHA-1")}}) {
        LabScenario& s = add(name, description);
        s.certificate = name;
        s.ciphers = QStringLiteral("DEFAULT:@SECLEVEL=0");
        s.securityLevel0 = true;
    }
    add(QStringLiteral("no-san"), QStringLiteral("leaf without subjectAltName")).certificate =
        QStringLiteral("no-san");
    add(QStringLiteral("not-yet-valid"), QStringLiteral("leaf valid only from 30 days on"))
        .certificate = QStringLiteral("not-yet-valid");
    add(QStringLiteral("mtls"), QStringLiteral("client certificate required")).clientAuth = true;
    add(QStringLiteral("plaintext-too"), QStringLiteral("TLS port and plaintext port both open"))
        .plaintextPort = true;
    add(QStringLiteral("nopass"), QStringLiteral("TLS without a password")).password = false;
    {
        LabScenario& s = add(QStringLiteral("plaintext"), QStringLiteral("no TLS at all"));
        s.tls = false;
        s.plaintextPort = true;
    }
    {
        LabScenario& s =
            add(QStringLiteral("no-fs"), QStringLiteral("TLS 1.2, static-RSA CBC suites only"));
        s.protocols = QStringLiteral("TLSv1.2");
        s.ciphers = QStringLiteral("AES128-SHA:AES256-SHA:AES128-SHA256:AES256-SHA256");
    }
    return list;
}

std::optional<LabScenario> labScenario(const QString& name)
{
    for (const LabScenario& scenario : labScenarios())
        if (scenario.name == name)
            return scenario;
    return std::nullopt;
}

} // namespace rediscope::lab
