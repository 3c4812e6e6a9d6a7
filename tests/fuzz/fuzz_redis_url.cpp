// The URL parser (RedisUrl) and the URL importer built on it. A URL that parses has a canonical
// form that parses back to the same endpoint, and never shows the password.

#include "FuzzSupport.h"
#include "profile/ProfileImport.h"
#include "profile/RedisUrl.h"

using namespace rediscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool quiet = (fuzz::quietQt(), true);
    Q_UNUSED(quiet);
    const QByteArray input = fuzz::bytes(data, size);
    const QString text = QString::fromUtf8(input);

    if (auto url = RedisUrl::parse(text)) {
        const QString canonical = url->toString();
        auto again = RedisUrl::parse(canonical);
        if (!again || again->tls != url->tls || again->host != url->host ||
            again->port != url->port || again->db != url->db || again->username != url->username)
            __builtin_trap();
        // The canonical form does not depend on the password at all.
        RedisUrl other = *url;
        other.password = url->password + "x";
        other.hasPassword = true;
        if (other.toString() != canonical)
            __builtin_trap();
    }
    (void)importProfiles(input, QStringLiteral("url"));
    return 0;
}
