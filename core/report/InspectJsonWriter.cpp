#include "InspectJsonWriter.h"

#include "common/ErrorNames.h"

#include <QJsonArray>
#include <QSet>
#include <cmath>

namespace rediscope {

namespace {

// A string, or null when it is empty: the audit JSON never uses "" for "absent".
QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// The contract names the values a field may take; anything else a server reports is null.
QJsonValue oneOfOrNull(const QString& text, std::initializer_list<QStringView> allowed)
{
    for (const QStringView value : allowed)
        if (text == value)
            return QJsonValue(text);
    return QJsonValue(QJsonValue::Null);
}

QJsonValue timeOrNull(const QDateTime& time)
{
    return stringOrNull(rfc3339Utc(time));
}

double roundedMs(double ms)
{
    return std::round(ms * 100.0) / 100.0;
}

QJsonObject endpointToJson(const InspectResult& result)
{
    return QJsonObject{
        {QStringLiteral("host"), result.endpoint.host},
        {QStringLiteral("port"), static_cast<int>(result.endpoint.port)},
        {QStringLiteral("tls"), result.endpoint.tls},
        {QStringLiteral("sni"), stringOrNull(result.sni)},
    };
}

QJsonArray stagesToJson(const QList<StageResult>& stages)
{
    QJsonArray array;
    for (const StageResult& stage : stages)
        array.append(QJsonObject{
            {QStringLiteral("name"), stageName(stage.stage)},
            {QStringLiteral("ok"), stage.ok()},
            {QStringLiteral("status"), stageStatusName(stage.status)},
            {QStringLiteral("ms"), roundedMs(stage.ms)},
            {QStringLiteral("message"), stage.message},
        });
    return array;
}

QJsonObject certificateToJson(const CertificateInfo& certificate, bool sentByServer,
                              const QDateTime& now)
{
    return QJsonObject{
        {QStringLiteral("subject"), certificate.subject},
        {QStringLiteral("issuer"), certificate.issuer},
        {QStringLiteral("serial"), certificate.serial},
        {QStringLiteral("not_before"), timeOrNull(certificate.notBefore)},
        {QStringLiteral("not_after"), timeOrNull(certificate.notAfter)},
        {QStringLiteral("sha256"), certificate.sha256},
        {QStringLiteral("key_type"), certificate.keyType},
        {QStringLiteral("key_bits"), certificate.keyBits},
        {QStringLiteral("signature_algorithm"), certificate.signatureAlgorithm},
        {QStringLiteral("san"), QJsonArray::fromStringList(certificate.san)},
        {QStringLiteral("is_ca"), certificate.isCa},
        {QStringLiteral("self_signed"), certificate.selfSigned},
        {QStringLiteral("verify_errors"), QJsonArray::fromStringList(certificate.verifyErrors)},
        {QStringLiteral("sent_by_server"), sentByServer},
        {QStringLiteral("key_usage"), QJsonArray::fromStringList(certificate.keyUsage)},
        {QStringLiteral("extended_key_usage"),
         QJsonArray::fromStringList(certificate.extendedKeyUsage)},
        {QStringLiteral("days_left"), certificate.notAfter.isValid()
                                          ? QJsonValue(certificate.daysLeft(now))
                                          : QJsonValue(QJsonValue::Null)},
    };
}

QJsonObject tlsToJson(const TlsFacts& facts, const QDateTime& now)
{
    QSet<QString> sent;
    for (const CertificateInfo& certificate : facts.chainSent)
        sent.insert(certificate.sha256);

    const QList<CertificateInfo>& chain =
        facts.chainVerified.isEmpty() ? facts.chainSent : facts.chainVerified;
    QJsonArray chainArray;
    for (const CertificateInfo& certificate : chain)
        chainArray.append(certificateToJson(
            certificate, !certificate.sha256.isEmpty() && sent.contains(certificate.sha256), now));

    return QJsonObject{
        {QStringLiteral("protocol"), stringOrNull(facts.protocol)},
        {QStringLiteral("cipher"), stringOrNull(facts.cipherIana)},
        {QStringLiteral("cipher_openssl"), stringOrNull(facts.cipherOpenssl)},
        {QStringLiteral("group"), stringOrNull(facts.group)},
        {QStringLiteral("peer_temp_key"), stringOrNull(facts.peerTempKey)},
        {QStringLiteral("verified"), facts.verified},
        {QStringLiteral("verify_error"), stringOrNull(facts.verifyError)},
        {QStringLiteral("hostname_match"), facts.hostnameMatch},
        {QStringLiteral("hostname_checked"), stringOrNull(facts.hostnameChecked)},
        {QStringLiteral("resumed"), facts.resumed},
        {QStringLiteral("ocsp_stapled"), facts.ocspStapled},
        {QStringLiteral("client_cert_requested"), facts.clientCertRequested},
        {QStringLiteral("client_cert_sent"), facts.clientCertSent},
        {QStringLiteral("chain"), chainArray},
        {QStringLiteral("chain_sent_count"), static_cast<int>(facts.chainSent.size())},
    };
}

QJsonObject serverToJson(const ServerIdentity& server)
{
    // Only the identity: `info` holds every INFO field and is no part of the contract.
    return QJsonObject{
        {QStringLiteral("kind"), server.kind},
        {QStringLiteral("version"), stringOrNull(server.version)},
        {QStringLiteral("mode"),
         oneOfOrNull(server.mode, {u"standalone", u"cluster", u"sentinel"})},
        {QStringLiteral("role"), oneOfOrNull(server.role, {u"master", u"replica"})},
    };
}

QJsonObject errorToJson(const Error& error)
{
    return QJsonObject{
        {QStringLiteral("stage"), stringOrNull(stageName(error.stage))},
        {QStringLiteral("code"), errorCodeName(error.code)},
        {QStringLiteral("message"), error.message},
        {QStringLiteral("detail"), stringOrNull(error.detail)},
    };
}

} // namespace

QString stageStatusName(StageResult::Status status)
{
    switch (status) {
    case StageResult::Status::Ok:
        return QStringLiteral("ok");
    case StageResult::Status::Warning:
        return QStringLiteral("warning");
    case StageResult::Status::Failed:
        return QStringLiteral("failed");
    case StageResult::Status::Skipped:
        return QStringLiteral("skipped");
    }
    return QStringLiteral("failed");
}

QString rfc3339Utc(const QDateTime& time)
{
    if (!time.isValid())
        return QString();
    // A UTC QDateTime formats with a trailing "Z" in Qt::ISODate.
    return time.toUTC().toString(Qt::ISODate);
}

QJsonObject inspectTargetToJson(const InspectResult& result, const QDateTime& now)
{
    const QJsonValue null(QJsonValue::Null);
    return QJsonObject{
        {QStringLiteral("profile"), null},
        {QStringLiteral("environment"), stringOrNull(result.environment)},
        {QStringLiteral("service"), null},
        {QStringLiteral("endpoint"), endpointToJson(result)},
        {QStringLiteral("stages"), stagesToJson(result.stages)},
        {QStringLiteral("tls"), result.tls ? QJsonValue(tlsToJson(*result.tls, now)) : null},
        {QStringLiteral("probe"), null},
        {QStringLiteral("server"), result.server ? QJsonValue(serverToJson(*result.server)) : null},
        {QStringLiteral("findings"), QJsonArray()},
        {QStringLiteral("grade"), null},
        {QStringLiteral("error"), result.error ? QJsonValue(errorToJson(*result.error)) : null},
    };
}

QJsonObject inspectDocument(const QList<InspectResult>& results, const QDateTime& generatedAt)
{
    QJsonArray targets;
    for (const InspectResult& result : results)
        targets.append(inspectTargetToJson(result, generatedAt));
    return QJsonObject{
        {QStringLiteral("schema"), QStringLiteral("rediscope-audit/1")},
        {QStringLiteral("tool"),
         QJsonObject{
             {QStringLiteral("name"), QStringLiteral("rediscope")},
             {QStringLiteral("version"), QStringLiteral(REDISCOPE_VERSION)},
         }},
        {QStringLiteral("generated_at"), rfc3339Utc(generatedAt)},
        {QStringLiteral("targets"), targets},
    };
}

} // namespace rediscope
