#pragma once

#include "audit/Finding.h"

#include <optional>

namespace rediscope {

// What the grade needs besides the findings.
struct GradeInputs
{
    bool tlsObserved = false;       // a TLS handshake happened (inspect or probe)
    bool plaintextObserved = false; // the server was reached without TLS (no transport security)
    // From the probe; empty when it did not run (then A+ cannot be awarded).
    std::optional<bool> onlyTls12Plus;
    std::optional<bool> onlyForwardSecret;
    std::optional<bool> onlyAead;
    bool chainVerified = false;
    bool hostnameMatch = false;
    // What tells the caps apart within one finding id: a weak suite under 112 bits of strength
    // (DES; F) rather than RC4/3DES/IDEA (B), a weak RSA key (B) rather than EC/DSA (A-).
    bool suiteUnder112Bits = false;
    bool rsaKeyUnder2048 = false;
};

struct GradeResult
{
    QString grade;        // A+, A, A-, B, C, D, E, F, T, M; empty when nothing could be graded
    QString ifTrustFixed; // the grade without the trust cap, when T is the only cap; else empty
    QStringList reasons;  // why the grade is capped, one line per cap
};

// Whether the grade rates this finding: the TLS posture (tls.* and cert.*); access, profile,
// connection and environment findings are listed, not graded.
bool isGraded(const Finding& finding);

// The grade of one target (CHECKS.md "Grade"): TLS posture only — tls.* and cert.* findings.
// Start at A; the lowest cap wins: F, T, M, C, B, A-; A+ when everything is exemplary.
GradeResult computeGrade(const QList<Finding>& findings, const GradeInputs& inputs);

} // namespace rediscope
