#include "ProbeResult.h"

namespace rediscope {

QStringList ProbedProtocol::suiteNames() const
{
    QStringList names;
    for (const ProbedSuite& suite : suites)
        names << suite.info.name;
    return names;
}

QStringList ProbeResult::protocolNames()
{
    return {QStringLiteral("SSLv3"), QStringLiteral("TLSv1"), QStringLiteral("TLSv1.1"),
            QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")};
}

ProbeResult ProbeResult::empty()
{
    ProbeResult result;
    for (const QString& name : protocolNames()) {
        ProbedProtocol protocol;
        protocol.name = name;
        result.protocols.append(protocol);
    }
    return result;
}

const ProbedProtocol* ProbeResult::protocol(QStringView name) const
{
    for (const ProbedProtocol& protocol : protocols)
        if (protocol.name == name)
            return &protocol;
    return nullptr;
}

std::optional<bool> ProbeResult::accepts(QStringView name) const
{
    const ProbedProtocol* found = protocol(name);
    return found ? found->accepted : std::nullopt;
}

QStringList ProbeResult::acceptedProtocols() const
{
    QStringList names;
    for (const ProbedProtocol& protocol : protocols)
        if (protocol.accepted.value_or(false))
            names << protocol.name;
    return names;
}

QStringList ProbeResult::cipherNames(QStringView name) const
{
    const ProbedProtocol* found = protocol(name);
    return found ? found->suiteNames() : QStringList();
}

QList<ProbedSuite> ProbeResult::allSuites() const
{
    QList<ProbedSuite> all;
    for (auto it = protocols.crbegin(); it != protocols.crend(); ++it)
        all.append(it->suites);
    return all;
}

bool ProbeResult::anySuite(const std::function<bool(const CipherSuiteInfo&)>& predicate) const
{
    for (const ProbedProtocol& protocol : protocols)
        for (const ProbedSuite& suite : protocol.suites)
            if (predicate(suite.info))
                return true;
    return false;
}

QList<ProbedSuite>
ProbeResult::suitesWhere(const std::function<bool(const CipherSuiteInfo&)>& predicate) const
{
    QList<ProbedSuite> matching;
    for (const ProbedSuite& suite : allSuites())
        if (predicate(suite.info))
            matching.append(suite);
    return matching;
}

QStringList ProbeResult::groupNames() const
{
    QStringList names;
    for (const ProbedGroup& group : groups)
        if (!names.contains(group.name))
            names << group.name;
    return names;
}

QStringList ProbeResult::groupNames(QStringView protocol) const
{
    QStringList names;
    for (const ProbedGroup& group : groups)
        if (group.protocol == protocol)
            names << group.name;
    return names;
}

QString tlsGroupDisplayName(const QString& openSslName)
{
    const QString lower = openSslName.toLower();
    if (lower == QLatin1String("x25519"))
        return QStringLiteral("X25519");
    if (lower == QLatin1String("x448"))
        return QStringLiteral("X448");
    if (lower == QLatin1String("secp256r1") || lower == QLatin1String("prime256v1") ||
        lower == QLatin1String("p-256"))
        return QStringLiteral("P-256");
    if (lower == QLatin1String("secp384r1") || lower == QLatin1String("p-384"))
        return QStringLiteral("P-384");
    if (lower == QLatin1String("secp521r1") || lower == QLatin1String("p-521"))
        return QStringLiteral("P-521");
    if (lower == QLatin1String("secp224r1") || lower == QLatin1String("p-224"))
        return QStringLiteral("P-224");
    if (lower == QLatin1String("secp192r1") || lower == QLatin1String("prime192v1") ||
        lower == QLatin1String("p-192"))
        return QStringLiteral("P-192");
    return openSslName;
}

QString tlsGroupName(int ianaId)
{
    static constexpr const char* Curves[] = {
        "sect163k1",       "sect163r1",       "sect163r2",       "sect193r1", "sect193r2",
        "sect233k1",       "sect233r1",       "sect239k1",       "sect283k1", "sect283r1",
        "sect409k1",       "sect409r1",       "sect571k1",       "sect571r1", "secp160k1",
        "secp160r1",       "secp160r2",       "secp192k1",       "secp192r1", "secp224k1",
        "secp224r1",       "secp256k1",       "secp256r1",       "secp384r1", "secp521r1",
        "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "x25519",    "x448"};
    static constexpr const char* FiniteFields[] = {"ffdhe2048", "ffdhe3072", "ffdhe4096",
                                                   "ffdhe6144", "ffdhe8192"};
    if (ianaId >= 1 && ianaId <= static_cast<int>(std::size(Curves)))
        return QString::fromLatin1(Curves[ianaId - 1]);
    if (ianaId >= 256 && ianaId < 256 + static_cast<int>(std::size(FiniteFields)))
        return QString::fromLatin1(FiniteFields[ianaId - 256]);
    return QStringLiteral("0x%1").arg(ianaId, 4, 16, QLatin1Char('0'));
}

} // namespace rediscope
