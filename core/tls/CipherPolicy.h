#pragma once

#include <QStringList>

namespace rediscope {

// What an OpenSSL cipher string lets through, judged with OpenSSL's own cipher table.
struct WeakCipherReport
{
    QStringList admitted; // weak suites this OpenSSL would offer with the list (security level 0)
    QStringList tokens;   // weak families named without "!" or "-" (e.g. "RC4", "3DES")
    bool invalid = false; // OpenSSL accepts no cipher at all from the list

    bool isWeak() const { return !admitted.isEmpty() || !tokens.isEmpty(); }
};

// NULL, aNULL, EXPORT, RC4, DES, 3DES and MD5-MAC suites admitted by a TLS <= 1.2 cipher list.
WeakCipherReport weakCiphersIn(const QString& cipherList);

} // namespace rediscope
