#pragma once

#include "inspect/InspectResult.h"

#include <QDateTime>
#include <QString>

namespace rediscope {

// The terminal report of one inspection (`rediscope inspect --format text`): the endpoint as a
// URL (never with credentials) and the environment policy, each stage with its status word and
// time, a diagnosis when the connection failed, what TLS negotiated, the certificate chain from
// leaf to root, and the server's identity. Lines stay within 100 columns where the content
// allows; text that came from the network is stripped of control characters, so a hostile
// server cannot inject terminal escapes. With `colour`, status words and verdicts are also
// coloured with ANSI escapes (the words always carry the meaning on their own).
// `now` is the reference time for certificate validity.
QString inspectToText(const InspectResult& result, bool colour,
                      const QDateTime& now = QDateTime::currentDateTimeUtc());

// "rediss://host:6380/0": the endpoint as a URL without user information. IPv6 literals are
// bracketed.
QString endpointUrl(const Endpoint& endpoint);

// "AB:CD:…": a hex fingerprint as colon-separated upper-case byte pairs.
QString colonFingerprint(const QString& hex);

} // namespace rediscope
