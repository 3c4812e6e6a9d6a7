#pragma once

// sslscan (2.0, Debian package) run on one lab server, its XML report read into the names the
// probe uses: the reference the probe's accuracy is measured against.

#include "tls/ProbeResult.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QStringList>
#include <QXmlStreamReader>
#include <optional>

namespace rediscope::sslscan {

// What sslscan printed for one server.
struct SslscanReport
{
    QHash<QString, bool> protocols;          // TLSv1 … TLSv1.3 (and SSLv2/SSLv3) → enabled
    QHash<QString, QStringList> ciphers;     // per version, in sslscan's order (preferred first)
    QHash<QString, int> keyBits;             // "TLSv1.2 ECDHE-RSA-AES128-SHA" → dhebits/ecdhebits
    QHash<QString, QStringList> groups;      // per version, Rediscope's group names
    std::optional<bool> secureRenegotiation; // from <renegotiation secure=…>
    double ms = 0;
    QString error;
};

// sslscan spells TLS 1.0 "TLSv1.0" and "1.0"; OpenSSL (and Rediscope) "TLSv1".
inline QString protocolName(QStringView sslscanVersion)
{
    QString version = sslscanVersion.toString();
    if (version.startsWith(QLatin1String("TLSv")))
        version = version.mid(4);
    if (version == QLatin1String("1.0"))
        return QStringLiteral("TLSv1");
    return QStringLiteral("TLSv") + version;
}

// "secp256r1 (NIST P-256)" → "P-256", "x25519" → "X25519", "ffdhe2048" → "ffdhe2048".
inline QString groupName(QStringView sslscanName)
{
    return tlsGroupDisplayName(sslscanName.toString().section(QLatin1Char(' '), 0, 0));
}

inline SslscanReport runSslscan(const QString& program, quint16 port, const QStringList& extra)
{
    SslscanReport report;
    QProcess process;
    QStringList arguments{QStringLiteral("--no-colour"), QStringLiteral("--xml=-")};
    arguments << extra << QStringLiteral("127.0.0.1:%1").arg(port);
    QElapsedTimer clock;
    clock.start();
    process.start(program, arguments);
    if (!process.waitForFinished(180000)) {
        process.kill();
        process.waitForFinished();
        report.error = QStringLiteral("sslscan did not finish within 3 minutes");
        return report;
    }
    report.ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    const QByteArray output = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        report.error = QStringLiteral("sslscan failed (%1): %2")
                           .arg(process.exitCode())
                           .arg(QString::fromLocal8Bit(process.readAllStandardError()));
        return report;
    }
    QXmlStreamReader xml(output);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes attributes = xml.attributes();
        const auto attribute = [&attributes](const char* name) {
            return attributes.value(QLatin1String(name));
        };
        if (xml.name() == QLatin1String("protocol")) {
            const QString version = attribute("type") == QLatin1String("ssl")
                                        ? QStringLiteral("SSLv") + attribute("version")
                                        : protocolName(attribute("version"));
            report.protocols.insert(version, attribute("enabled") == QLatin1String("1"));
        } else if (xml.name() == QLatin1String("cipher")) {
            const QString version = protocolName(attribute("sslversion"));
            const QString cipher = attribute("cipher").toString();
            report.ciphers[version].append(cipher);
            const QStringView bits =
                !attribute("dhebits").isEmpty() ? attribute("dhebits") : attribute("ecdhebits");
            if (!bits.isEmpty())
                report.keyBits.insert(version + QLatin1Char(' ') + cipher, bits.toInt());
        } else if (xml.name() == QLatin1String("group")) {
            report.groups[protocolName(attribute("sslversion"))].append(
                groupName(attribute("name")));
        } else if (xml.name() == QLatin1String("renegotiation")) {
            report.secureRenegotiation = attribute("secure") == QLatin1String("1");
        }
    }
    if (xml.hasError())
        report.error = QStringLiteral("cannot parse sslscan's XML: %1").arg(xml.errorString());
    return report;
}

} // namespace rediscope::sslscan
