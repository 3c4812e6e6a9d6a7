#include "TlsArguments.h"

#include "tls/TlsOptions.h"

namespace rediscope {

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
