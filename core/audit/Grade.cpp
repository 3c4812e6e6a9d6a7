#include "Grade.h"

namespace rediscope {

namespace {

// Higher is better; T and M sit between F and C as SSL Labs places them.
int rank(const QString& grade)
{
    static const QStringList order{QStringLiteral("F"), QStringLiteral("T"),  QStringLiteral("M"),
                                   QStringLiteral("E"), QStringLiteral("D"),  QStringLiteral("C"),
                                   QStringLiteral("B"), QStringLiteral("A-"), QStringLiteral("A"),
                                   QStringLiteral("A+")};
    return static_cast<int>(order.indexOf(grade));
}

struct Cap
{
    QString grade;
    QString reason;
};

std::optional<Cap> capFor(const Finding& finding, const GradeInputs& inputs)
{
    const QString& id = finding.id;
    const auto cap = [&finding](const char* grade) {
        return Cap{QString::fromLatin1(grade), finding.id + QStringLiteral(": ") + finding.title};
    };
    if (id == QLatin1String("tls.cipher.null_anon_export") ||
        (id == QLatin1String("tls.cipher.low") && inputs.suiteUnder112Bits) ||
        id == QLatin1String("tls.reneg.insecure") ||
        (id == QLatin1String("cert.weak_signature") && finding.severity == Severity::Critical))
        return cap("F");
    if (id == QLatin1String("cert.untrusted") || id == QLatin1String("cert.expired") ||
        id == QLatin1String("cert.not_yet_valid") || id == QLatin1String("cert.self_signed"))
        return cap("T");
    if (id == QLatin1String("cert.hostname_mismatch"))
        return cap("M");
    if (id == QLatin1String("tls.proto.no_tls12plus"))
        return cap("C");
    if (id == QLatin1String("tls.proto.tls10") || id == QLatin1String("tls.proto.tls11") ||
        id == QLatin1String("tls.cipher.no_fs") || id == QLatin1String("tls.cipher.no_aead") ||
        // RC4, 3DES, IDEA: at least 112 bits, yet broken or too small a block: weak crypto, as
        // no FS or no AEAD.
        id == QLatin1String("tls.cipher.low") ||
        (id == QLatin1String("cert.weak_key") && inputs.rsaKeyUnder2048) ||
        id == QLatin1String("cert.weak_signature"))
        return cap("B");
    if (finding.severity >= Severity::Medium)
        return cap("A-");
    return std::nullopt;
}

} // namespace

bool isGraded(const Finding& finding)
{
    return finding.id.startsWith(QLatin1String("tls.")) ||
           finding.id.startsWith(QLatin1String("cert."));
}

GradeResult computeGrade(const QList<Finding>& findings, const GradeInputs& inputs)
{
    GradeResult result;
    if (!inputs.tlsObserved) {
        if (inputs.plaintextObserved) {
            result.grade = QStringLiteral("F");
            result.reasons << QStringLiteral("no TLS: the connection is not protected");
        }
        return result;
    }

    QList<Cap> caps;
    bool aboveLow = false;
    for (const Finding& finding : findings) {
        if (!isGraded(finding))
            continue;
        aboveLow = aboveLow || finding.severity > Severity::Low;
        // A self-signed leaf that the profile pins (its chain verifies) is not a trust cap.
        if (finding.id == QLatin1String("cert.self_signed") && inputs.chainVerified)
            continue;
        if (auto cap = capFor(finding, inputs))
            caps << *cap;
    }

    const auto lowest = [](const QList<Cap>& list, bool skipTrust) {
        QString grade = QStringLiteral("A");
        for (const Cap& cap : list)
            if (!(skipTrust && cap.grade == QLatin1String("T")) && rank(cap.grade) < rank(grade))
                grade = cap.grade;
        return grade;
    };
    result.grade = lowest(caps, false);
    for (const Cap& cap : std::as_const(caps))
        if (rank(cap.grade) < rank(QStringLiteral("A")))
            result.reasons << QStringLiteral("%1 — %2").arg(cap.grade, cap.reason);

    if (result.grade == QLatin1String("T")) {
        // Only trust caps: say what the grade would be with trust fixed.
        bool onlyTrust = true;
        for (const Cap& cap : std::as_const(caps))
            onlyTrust = onlyTrust && cap.grade == QLatin1String("T");
        if (onlyTrust)
            result.ifTrustFixed = lowest(caps, true);
    }

    const bool exemplary =
        result.grade == QLatin1String("A") && !aboveLow && inputs.onlyTls12Plus.value_or(false) &&
        inputs.onlyForwardSecret.value_or(false) && inputs.onlyAead.value_or(false) &&
        inputs.chainVerified && inputs.hostnameMatch;
    if (exemplary)
        result.grade = QStringLiteral("A+");
    return result;
}

} // namespace rediscope
