#pragma once

#include "common/Error.h"

#include <QString>
#include <optional>

namespace rediscope {

// The TLS options `inspect`/`audit` and `profiles add` share (redis-cli's names where it has
// them: --cacert, --cacertdir, --cert, --key, --sni, --insecure, --no-verify-hostname,
// --tls-ciphers, --tls-ciphersuites, --tls-min, --tls-max), checked and applied to a block of TLS
// settings: TlsOptions (one connection) or ProfileTls (a profile, which has no maximum).
enum class TlsArgument
{
    CaCert,
    CaCertDir,
    Cert,
    Key,
    Sni,
    Insecure,
    NoVerifyHostname,
    Ciphers,
    Ciphersuites,
    Min,
    Max,
};

// The TLS setting an option of that name (its canonical spelling, "--cacert") sets; none for
// every other option.
std::optional<TlsArgument> tlsArgumentNamed(const char* option);

// Whitespace or a control character: never part of a server, host or user name.
bool hasSpaceOrControl(const QString& text);

// The canonical name ("TLSv1.2") of the version `value` given to `option`; a clear error for
// anything else.
Result<QString> parseTlsVersion(const QString& option, const QString& value);

// Checks `value` (given to the option named `name`) and sets it in `tls`.
template <typename TlsBlock>
Result<void> applyTlsArgument(TlsBlock& tls, TlsArgument which, const QString& name,
                              const QString& value)
{
    switch (which) {
    case TlsArgument::CaCert:
        tls.caFile = value;
        break;
    case TlsArgument::CaCertDir:
        tls.caDir = value;
        break;
    case TlsArgument::Cert:
        tls.certFile = value;
        break;
    case TlsArgument::Key:
        tls.keyFile = value;
        break;
    case TlsArgument::Sni:
        if (hasSpaceOrControl(value))
            return fail(ErrorCode::InvalidArgument, Stage::None,
                        QStringLiteral("%1 \"%2\" is not a server name: it contains whitespace or "
                                       "a control character.")
                            .arg(name, value.simplified().left(80)));
        tls.sni = value;
        break;
    case TlsArgument::Insecure:
        tls.verifyPeer = false;
        break;
    case TlsArgument::NoVerifyHostname:
        tls.verifyHostname = false;
        break;
    case TlsArgument::Ciphers:
        tls.ciphers = value;
        break;
    case TlsArgument::Ciphersuites:
        tls.ciphersuites = value;
        break;
    case TlsArgument::Min:
    case TlsArgument::Max: {
        const Result<QString> version = parseTlsVersion(name, value);
        if (!version)
            return std::unexpected(version.error());
        if (which == TlsArgument::Min) {
            tls.minProtocol = *version;
        } else {
            if constexpr (requires { tls.maxProtocol; })
                tls.maxProtocol = *version;
            else
                return fail(ErrorCode::InvalidArgument, Stage::None,
                            QStringLiteral("%1 does not apply here.").arg(name));
        }
        break;
    }
    }
    return {};
}

} // namespace rediscope
