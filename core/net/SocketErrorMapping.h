#pragma once

#include "common/Error.h"
#include "net/SocketAddress.h"

namespace rediscope {

// What a failed connect(2) to `address` means (`error` is the errno of socket(2), of connect(2)
// or the SO_ERROR read once the connection attempt ended): always the TCP stage, a code, a
// message in words that names the address, and the system's text as the detail.
Error socketConnectError(int error, const SocketAddress& address);

// What a failed recv(2) (`sending` false) or send(2) on an established connection means. The
// stage is left to the caller (Stage::None): the same read fails the handshake or a command.
Error socketTransferError(int error, bool sending);

} // namespace rediscope
