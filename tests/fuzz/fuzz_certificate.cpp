// The certificate model: CertificateInfo from DER and from PEM (one or several certificates), as
// the TLS session, the inspector and the certificate views build it from what a server sends.

#include "FuzzSupport.h"
#include "tls/CertificateInfo.h"

#include <QDateTime>

using namespace rediscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool quiet = (fuzz::quietQt(), true);
    Q_UNUSED(quiet);
    const QByteArray input = fuzz::bytes(data, size);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);

    if (auto info = CertificateInfo::fromDer(input)) {
        // What the views and reports do with it.
        (void)info->pem();
        (void)info->daysLeft(now);
        // The DER it keeps reads back into the same certificate.
        auto again = CertificateInfo::fromDer(info->der);
        if (!again || again->sha256 != info->sha256 || again->subject != info->subject)
            __builtin_trap();
    }
    if (auto list = CertificateInfo::fromPem(input)) {
        for (const CertificateInfo& info : *list) {
            (void)info.daysLeft(now);
            auto again = CertificateInfo::fromPem(info.pem());
            if (!again || again->size() != 1 || again->first().sha256 != info.sha256)
                __builtin_trap();
        }
    }
    return 0;
}
