#pragma once

#include "profile/Profile.h"

#include <QString>

namespace rediscope {

// Exports of one profile for other tools. Neither ever contains a secret: not the password, not
// the key passphrase, not an inline secret of a hand-edited file.

// redis://[user@]host:port[/db] or rediss://... (TLS on). No query options: the TLS settings
// have no portable URL form (go-redis even rejects unknown options), so the URL carries the
// endpoint and the user only. IPv6 hosts are bracketed.
QString exportUrl(const Profile& profile);

// A redis-cli command line that connects as the profile does, with every word shell-quoted:
//   redis-cli -h HOST -p PORT [-n DB] [--user NAME] [--askpass]
//             [--tls [--sni NAME] [--cacert FILE] [--cacertdir DIR] [--cert FILE --key FILE]
//                    [--tls-ciphers LIST] [--tls-ciphersuites LIST] [--insecure]]
// A password kept in an environment variable becomes REDISCLI_AUTH="$VAR" in front of the
// command; any other referenced password (keychain, prompt, inline) becomes --askpass.
// --insecure when chain verification is off. redis-cli has no options for the minimum TLS
// version, the key passphrase or the host name check (it never checks host names): those
// settings are not expressible and are left out.
QString exportRedisCli(const Profile& profile);

} // namespace rediscope
