#pragma once

#include "tls/CertificateInfo.h"

namespace rediscope {

// One error the chain verification reported, at one depth (0 = leaf).
struct VerifyIssue
{
    int depth = 0;
    int code = 0;    // X509_V_ERR_*
    QString message; // OpenSSL's text, e.g. "certificate has expired"
    QString sha256;  // fingerprint of the certificate it is about
};

// What a completed TLS handshake negotiated and presented.
struct TlsFacts
{
    QString protocol;      // TLSv1.3
    QString cipherOpenssl; // ECDHE-RSA-AES128-GCM-SHA256 / TLS_AES_256_GCM_SHA384
    QString cipherIana;    // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
    int cipherBits = 0;
    QString group;       // X25519, P-256, ffdhe2048, … (empty when none was negotiated)
    QString peerTempKey; // "X25519, 253 bits"
    QString sniSent;     // empty when none was sent
    bool resumed = false;
    bool ocspStapled = false;
    bool clientCertRequested = false;
    bool clientCertSent = false;

    bool verified = false; // the chain verified against the trust anchors, with no error at all
    QString verifyError;   // the first error in words, empty when verified
    QList<VerifyIssue> verifyIssues;

    QString hostnameChecked; // the name or IP the leaf was checked against
    bool hostnameMatch = false;

    QList<CertificateInfo> chainSent;     // as the server sent it (leaf first)
    QList<CertificateInfo> chainVerified; // as verification built it (leaf → trust anchor)
};

} // namespace rediscope
