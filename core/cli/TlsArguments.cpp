#include "TlsArguments.h"

#include "tls/TlsOptions.h"

#include <cstring>
#include <utility>

namespace rediscope {

std::optional<TlsArgument> tlsArgumentNamed(const char* option)
{
    static constexpr std::pair<const char*, TlsArgument> Names[] = {
        {"--cacert", TlsArgument::CaCert},
        {"--cacertdir", TlsArgument::CaCertDir},
        {"--cert", TlsArgument::Cert},
        {"--key", TlsArgument::Key},
        {"--sni", TlsArgument::Sni},
        {"--insecure", TlsArgument::Insecure},
        {"--no-verify-hostname", TlsArgument::NoVerifyHostname},
        {"--tls-ciphers", TlsArgument::Ciphers},
        {"--tls-ciphersuites", TlsArgument::Ciphersuites},
        {"--tls-min", TlsArgument::Min},
        {"--tls-max", TlsArgument::Max},
    };
    for (const auto& [name, argument] : Names)
        if (std::strcmp(option, name) == 0)
            return argument;
    return std::nullopt;
}

bool hasSpaceOrControl(const QString& text)
{
    for (const QChar ch : text) {
        if (ch.isSpace() || ch.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

Result<QString> parseTlsVersion(const QString& option, const QString& value)
{
    const QString canonical = canonicalProtocolName(value.trimmed());
    if (canonical.isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("%1 \"%2\" is not a TLS version Rediscope knows: use 1.2 or "
                                   "1.3 (1.0 and 1.1, and spellings such as TLSv1.2, are also "
                                   "accepted).")
                        .arg(option, value.simplified().left(40)));
    return canonical;
}

} // namespace rediscope
