#pragma once

#include "common/Error.h"

#include <optional>

namespace rediscope {

// Stable lower_snake names for error codes, as machine-readable output (audit JSON) spells them:
// ErrorCode::PlaintextOnTlsPort → "plaintext_on_tls_port". Never change a published name.
QString errorCodeName(ErrorCode code);

// The code a name stands for, or nothing when the name is unknown.
std::optional<ErrorCode> errorCodeFromName(const QString& name);

} // namespace rediscope
