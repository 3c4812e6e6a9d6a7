#pragma once

// Internal to core: builds the public certificate model from OpenSSL objects.

#include "tls/CertificateInfo.h"

#include <openssl/x509.h>

namespace rediscope {

CertificateInfo certificateFromX509(X509* certificate);
QString sha256Hex(X509* certificate);
// The OpenSSL error queue as one line (and cleared), e.g. "error:0A000086:SSL routines::…".
QString drainOpenSslErrors();

} // namespace rediscope
