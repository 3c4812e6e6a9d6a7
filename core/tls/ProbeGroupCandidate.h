#pragma once

#include <QList>

namespace rediscope::probe {

// The groups the probe tries, OpenSSL's default client list first. `tls13`: usable in TLS 1.3
// (OpenSSL 3.0 allows only these there); `ec`: an elliptic curve, testable in TLS <= 1.2.
struct GroupCandidate
{
    const char* name;
    bool tls13;
    bool ec;
};
inline constexpr GroupCandidate GroupCandidates[] = {
    {"x25519", true, true},
    {"secp256r1", true, true},
    {"x448", true, true},
    {"secp521r1", true, true},
    {"secp384r1", true, true},
    {"ffdhe2048", true, false},
    {"ffdhe3072", true, false},
    {"ffdhe4096", true, false},
    {"ffdhe6144", true, false},
    {"ffdhe8192", true, false},
    {"secp224r1", false, true},
    {"secp192r1", false, true},
    {"secp256k1", false, true},
    {"secp224k1", false, true},
    {"secp192k1", false, true},
    {"secp160k1", false, true},
    {"secp160r1", false, true},
    {"secp160r2", false, true},
    {"brainpoolP512r1", false, true},
    {"brainpoolP384r1", false, true},
    {"brainpoolP256r1", false, true},
    {"sect571r1", false, true},
    {"sect571k1", false, true},
    {"sect409r1", false, true},
    {"sect409k1", false, true},
    {"sect283r1", false, true},
    {"sect283k1", false, true},
    {"sect239k1", false, true},
    {"sect233r1", false, true},
    {"sect233k1", false, true},
    {"sect193r2", false, true},
    {"sect193r1", false, true},
    {"sect163r2", false, true},
    {"sect163r1", false, true},
    {"sect163k1", false, true},
};

// The candidates this OpenSSL knows, tested one by one on a scratch context.
QList<GroupCandidate> knownGroups();

} // namespace rediscope::probe
