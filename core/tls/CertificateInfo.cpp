#include "CertificateInfo.h"

#include "tls/X509Reader.h"

#include <openssl/pem.h>

namespace rediscope {

QByteArray CertificateInfo::pem() const
{
    QByteArray text = "-----BEGIN CERTIFICATE-----\n";
    const QByteArray base64 = der.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64)
        text += base64.mid(i, 64) + '\n';
    text += "-----END CERTIFICATE-----\n";
    return text;
}

int CertificateInfo::daysLeft(const QDateTime& now) const
{
    if (!notAfter.isValid())
        return 0;
    const qint64 seconds = now.secsTo(notAfter);
    return static_cast<int>(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

Result<CertificateInfo> CertificateInfo::fromDer(const QByteArray& der)
{
    const auto* data = reinterpret_cast<const unsigned char*>(der.constData());
    X509* certificate = d2i_X509(nullptr, &data, der.size());
    if (!certificate)
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("The data is not a DER-encoded X.509 certificate."),
                    drainOpenSslErrors());
    CertificateInfo info = certificateFromX509(certificate);
    X509_free(certificate);
    return info;
}

Result<QList<CertificateInfo>> CertificateInfo::fromPem(const QByteArray& pem)
{
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    QList<CertificateInfo> list;
    while (X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        list.append(certificateFromX509(certificate));
        X509_free(certificate);
    }
    BIO_free(bio);
    const QString errors = drainOpenSslErrors();
    if (list.isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("No PEM certificate found in the data."), errors);
    return list;
}

} // namespace rediscope
