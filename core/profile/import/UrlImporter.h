#pragma once

#include "common/Error.h"
#include "profile/ProfileImport.h"

#include <QString>

namespace rediscope {

// redis:// and rediss:// URLs, one per line; empty lines and lines starting with '#' are skipped.
// A line that is not a valid URL is an error naming the line.
//
// Query options, as the common clients read them (everything else is a warning, not an error):
//   db, database          database number; wins over the path, as in redis-py (database: Lettuce)
//   username, password    redis-py; the user/password in the URL itself win; password: secret
//   ssl_cert_reqs         redis-py: none turns verification off; required; optional (which
//                         Python treats as required on a client)
//   ssl_check_hostname    redis-py boolean (0, f, false, n, no are false)
//   ssl_ca_certs          CA file           ssl_ca_path    CA directory
//   ssl_certfile          client cert       ssl_keyfile    client key
//   ssl_password          key passphrase (secret)
//   ssl_ciphers           cipher list       ssl_min_version  771/772 (Python's TLSVersion) or
//                                                            TLSv1.2 / 1.3
//   ssl_ca_data           CA certificate as PEM text: becomes an EmbeddedFile
//   skip_verify           go-redis boolean: true turns verification off
//   verifyPeer            Lettuce: NONE/false (off), CA (chain only), FULL/true
//   insecure              boolean; also redis-rs's "#insecure" fragment
//   sni                   Rediscope's own: redis-py, go-redis and node-redis have no URL option
//                         for the SNI name (they send the host)
//   socket_connect_timeout, dial_timeout, connect_timeout, timeout, socket_timeout
//                         seconds (redis-py) or Go/Lettuce durations ("5s", "500ms"); the
//                         connect timeouts win over the others
// TLS options on a plain redis:// URL are ignored with a warning (redis-py rejects them too).
// Pool, retry and encoding settings of the clients have no equivalent and become warnings.
Result<ImportResult> importUrls(const QString& text);

} // namespace rediscope
