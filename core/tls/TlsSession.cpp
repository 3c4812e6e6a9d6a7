#include "TlsSession.h"

#include "common/SecureBytes.h"
#include "net/SigpipeGuard.h"
#include "tls/TlsAlert.h"
#include "tls/X509Reader.h"

#include <QScopeGuard>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace rediscope {

namespace {

constexpr qsizetype FirstBytesLimit = 64;

QString groupDisplayName(const char* name)
{
    if (!name)
        return QString();
    const QByteArray text(name);
    if (text == "x25519")
        return QStringLiteral("X25519");
    if (text == "x448")
        return QStringLiteral("X448");
    if (text == "secp256r1" || text == "prime256v1")
        return QStringLiteral("P-256");
    if (text == "secp384r1")
        return QStringLiteral("P-384");
    if (text == "secp521r1")
        return QStringLiteral("P-521");
    return QString::fromLatin1(text);
}

} // namespace

struct TlsSession::Private
{
    std::unique_ptr<TcpSocket> socket;
    SSL_CTX* context = nullptr;
    SSL* ssl = nullptr;
    TlsFacts facts;
    QByteArray firstBytes;
    qint64 bytesReceived = 0; // during the handshake, for diagnosing a stalled server
    bool resetByPeer = false; // the last failure was a TCP reset
    int alertReceived = -1;   // TLS alert description the server sent, -1 for none
    int alertSent = -1;       // alert we sent
    bool haveClientCert = false;
    SecureBytes passphrase; // a private copy while the client key loads, wiped after

    ~Private()
    {
        if (ssl)
            SSL_free(ssl);
        if (context)
            SSL_CTX_free(context);
    }

    static Private* of(const SSL* ssl) { return static_cast<Private*>(SSL_get_app_data(ssl)); }

    static int verifyCallback(int ok, X509_STORE_CTX* store)
    {
        auto* ssl = static_cast<SSL*>(
            X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
        Private* self = ssl ? of(ssl) : nullptr;
        if (!ok && self) {
            VerifyIssue issue;
            issue.depth = X509_STORE_CTX_get_error_depth(store);
            issue.code = X509_STORE_CTX_get_error(store);
            issue.message = QString::fromLatin1(X509_verify_cert_error_string(issue.code));
            if (X509* current = X509_STORE_CTX_get_current_cert(store))
                issue.sha256 = sha256Hex(current);
            bool duplicate = false;
            for (const VerifyIssue& other : std::as_const(self->facts.verifyIssues))
                duplicate = duplicate || (other.code == issue.code && other.sha256 == issue.sha256);
            if (!duplicate)
                self->facts.verifyIssues.append(issue);
        }
        return 1; // keep going: the chain is recorded in full, the caller decides
    }

    static void infoCallback(const SSL* ssl, int where, int value)
    {
        Private* self = of(ssl);
        if (!self || !(where & SSL_CB_ALERT))
            return;
        if (where & SSL_CB_READ)
            self->alertReceived = value & 0xff;
        else if (self->alertSent < 0)
            self->alertSent = value & 0xff;
    }

    static void messageCallback(int writing, int, int contentType, const void* buffer,
                                size_t length, SSL* ssl, void*)
    {
        Private* self = of(ssl);
        if (!self || writing || contentType != SSL3_RT_HANDSHAKE || length < 1)
            return;
        if (static_cast<const unsigned char*>(buffer)[0] == SSL3_MT_CERTIFICATE_REQUEST)
            self->facts.clientCertRequested = true;
    }

    static long bioCallback(BIO* bio, int operation, const char* buffer, size_t, int, long,
                            int returned, size_t* processed)
    {
        if (operation == (BIO_CB_READ | BIO_CB_RETURN) && returned > 0 && processed) {
            auto* self = static_cast<Private*>(static_cast<void*>(BIO_get_callback_arg(bio)));
            self->bytesReceived += static_cast<qint64>(*processed);
            const qsizetype room = FirstBytesLimit - self->firstBytes.size();
            if (room > 0)
                self->firstBytes.append(buffer, std::min<qsizetype>(room, *processed));
        }
        return returned;
    }

    static int passphraseCallback(char* buffer, int size, int, void* user)
    {
        const auto* secret = static_cast<const SecureBytes*>(user);
        if (!secret)
            return -1;
        const int length = std::min<int>(size, static_cast<int>(secret->size()));
        std::memcpy(buffer, secret->constData(), static_cast<size_t>(length));
        return length;
    }

    Result<void> setUp(const QString& host, const TlsOptions& options);
    Error handshakeError(const Error& ioError) const;
    Error sslError(int status, const QString& action, int savedErrno);
    void collectFacts(const QString& host, const TlsOptions& options);
    // Runs one SSL_* call until it completes, waiting on the socket as OpenSSL asks.
    template <typename Call>
    Result<int> drive(Call call, const Deadline& deadline, const QString& action);
};

Result<void> TlsSession::Private::setUp(const QString& host, const TlsOptions& options)
{
    ERR_clear_error();
    context = SSL_CTX_new(TLS_client_method());
    if (!context)
        return fail(ErrorCode::TlsHandshakeFailed, Stage::Tls,
                    QStringLiteral("OpenSSL could not create a TLS context."),
                    drainOpenSslErrors());

    const int minimum = options.minProtocol.isEmpty()
                            ? TLS1_2_VERSION
                            : protocolVersionFromName(options.minProtocol);
    const int maximum =
        options.maxProtocol.isEmpty() ? 0 : protocolVersionFromName(options.maxProtocol);
    if (minimum == 0 || (!options.maxProtocol.isEmpty() && maximum == 0))
        return fail(ErrorCode::InvalidArgument, Stage::Tls,
                    QStringLiteral("Unknown TLS protocol version; use TLSv1, TLSv1.1, TLSv1.2 or "
                                   "TLSv1.3."));
    SSL_CTX_set_min_proto_version(context, minimum);
    SSL_CTX_set_max_proto_version(context, maximum);
    int level = options.securityLevel;
    if (level < 0 && minimum < TLS1_2_VERSION)
        level = 0; // OpenSSL 3 refuses TLS 1.0/1.1 above level 0
    if (level >= 0)
        SSL_CTX_set_security_level(context, level);

    if (!options.ciphers.isEmpty() &&
        SSL_CTX_set_cipher_list(context, options.ciphers.toLatin1().constData()) != 1)
        return fail(ErrorCode::InvalidArgument, Stage::Tls,
                    QStringLiteral("None of the TLS ciphers \"%1\" is known to OpenSSL.")
                        .arg(options.ciphers),
                    drainOpenSslErrors());
    if (!options.ciphersuites.isEmpty() &&
        SSL_CTX_set_ciphersuites(context, options.ciphersuites.toLatin1().constData()) != 1)
        return fail(ErrorCode::InvalidArgument, Stage::Tls,
                    QStringLiteral("The TLS 1.3 cipher suites \"%1\" are not valid.")
                        .arg(options.ciphersuites),
                    drainOpenSslErrors());

    if (!options.caFile.isEmpty() || !options.caDir.isEmpty()) {
        const QByteArray file = options.caFile.toLocal8Bit();
        const QByteArray dir = options.caDir.toLocal8Bit();
        if (SSL_CTX_load_verify_locations(context, file.isEmpty() ? nullptr : file.constData(),
                                          dir.isEmpty() ? nullptr : dir.constData()) != 1)
            return fail(ErrorCode::FileError, Stage::Tls,
                        QStringLiteral("Could not load the CA certificates from %1; check that "
                                       "the file exists and holds PEM certificates.")
                            .arg(options.caFile.isEmpty() ? options.caDir : options.caFile),
                        drainOpenSslErrors());
    } else {
        SSL_CTX_set_default_verify_paths(context);
    }
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, &Private::verifyCallback);

    if (!options.certFile.isEmpty() || !options.keyFile.isEmpty()) {
        if (options.certFile.isEmpty() || options.keyFile.isEmpty())
            return fail(ErrorCode::ClientCertInvalid, Stage::Tls,
                        QStringLiteral("A client certificate needs both a certificate file and "
                                       "a key file."));
        passphrase = SecureBytes::copyOf(options.keyPassphrase);
        SSL_CTX_set_default_passwd_cb(context, &Private::passphraseCallback);
        SSL_CTX_set_default_passwd_cb_userdata(context, &passphrase);
        // However the key loading ends, the passphrase goes with it.
        const auto forget = qScopeGuard([this] {
            SSL_CTX_set_default_passwd_cb_userdata(context, nullptr);
            passphrase.wipe();
        });
        if (SSL_CTX_use_certificate_chain_file(context,
                                               options.certFile.toLocal8Bit().constData()) != 1)
            return fail(ErrorCode::ClientCertInvalid, Stage::Tls,
                        QStringLiteral("Could not load the client certificate %1; check that the "
                                       "file exists and holds a PEM certificate.")
                            .arg(options.certFile),
                        drainOpenSslErrors());
        if (SSL_CTX_use_PrivateKey_file(context, options.keyFile.toLocal8Bit().constData(),
                                        SSL_FILETYPE_PEM) != 1)
            return fail(ErrorCode::ClientCertInvalid, Stage::Tls,
                        QStringLiteral("Could not load the client key %1: the file is missing, "
                                       "not a PEM key, or the passphrase is wrong.")
                            .arg(options.keyFile),
                        drainOpenSslErrors());
        if (SSL_CTX_check_private_key(context) != 1)
            return fail(ErrorCode::ClientCertInvalid, Stage::Tls,
                        QStringLiteral("The client key %1 does not belong to the certificate %2.")
                            .arg(options.keyFile, options.certFile),
                        drainOpenSslErrors());
        haveClientCert = true;
    }

    ssl = SSL_new(context);
    if (!ssl)
        return fail(ErrorCode::TlsHandshakeFailed, Stage::Tls,
                    QStringLiteral("OpenSSL could not create a TLS session."),
                    drainOpenSslErrors());
    SSL_set_app_data(ssl, this);
    SSL_set_info_callback(ssl, &Private::infoCallback);
    SSL_set_msg_callback(ssl, &Private::messageCallback);
    SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp);

    BIO* bio = BIO_new_socket(socket->fd(), BIO_NOCLOSE);
    BIO_set_callback_arg(bio, static_cast<char*>(static_cast<void*>(this)));
    BIO_set_callback_ex(bio, &Private::bioCallback);
    SSL_set_bio(ssl, bio, bio);

    const QString serverName = !options.sni.isEmpty() ? options.sni
                               : isIpLiteral(host)    ? QString()
                                                      : host;
    if (!serverName.isEmpty()) {
        QByteArray name = serverName.toUtf8();
        SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, name.data());
        facts.sniSent = serverName;
    }
    return {};
}

template <typename Call>
Result<int> TlsSession::Private::drive(Call call, const Deadline& deadline, const QString& action)
{
    const SigpipeGuard noSigpipe; // OpenSSL may write (records, alerts) to a dead peer
    for (;;) {
        ERR_clear_error();
        errno = 0;
        const int status = call();
        const int savedErrno = errno;
        if (status > 0)
            return status;
        const int error = SSL_get_error(ssl, status);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            auto waited = socket->waitFor(error == SSL_ERROR_WANT_WRITE, deadline);
            if (!waited)
                return std::unexpected(waited.error());
            continue;
        }
        return std::unexpected(sslError(error, action, savedErrno));
    }
}

Error TlsSession::Private::sslError(int error, const QString& action, int savedErrno)
{
    const QString queue = drainOpenSslErrors();
    resetByPeer = error == SSL_ERROR_SYSCALL && savedErrno == ECONNRESET;
    if (error == SSL_ERROR_ZERO_RETURN)
        return Error{ErrorCode::ConnectionClosed, Stage::None,
                     QStringLiteral("The server closed the TLS session."), queue};
    if (alertReceived >= 0) {
        const TlsAlert alert{alertReceived};
        if (alert.meansClientCertificateProblem() &&
            (facts.clientCertRequested || alertReceived == TlsAlert::CertificateRequired)) {
            return Error{ErrorCode::ClientCertRequired, Stage::None,
                         haveClientCert
                             ? QStringLiteral("The server rejected the client certificate "
                                              "(alert \"%1\"); check that it is signed by a CA "
                                              "the server trusts and has not expired.")
                                   .arg(alert.name())
                             : QStringLiteral("The server requires a client certificate (mutual "
                                              "TLS) and none is configured; set a certificate "
                                              "and key in the profile."),
                         QStringLiteral("alert %1 (%2)").arg(alert.name()).arg(alertReceived)};
        }
        return Error{ErrorCode::TlsHandshakeFailed, Stage::None,
                     QStringLiteral("The server ended the handshake with the alert \"%1\": %2")
                         .arg(alert.name(), alert.likelyCause()),
                     queue};
    }
    if (resetByPeer)
        return Error{ErrorCode::ConnectionClosed, Stage::None,
                     QStringLiteral("The server reset the connection while %1.").arg(action),
                     queue.isEmpty() ? QString::fromLocal8Bit(strerror(savedErrno)) : queue};
    if (error == SSL_ERROR_SYSCALL || queue.contains(QLatin1String("unexpected eof"))) {
        return Error{ErrorCode::ConnectionClosed, Stage::None,
                     QStringLiteral("The server closed the connection while %1.").arg(action),
                     queue};
    }
    // OpenSSL refuses a handshake message above its limit (a certificate chain of 100 KiB).
    if (queue.contains(QLatin1String("excessive message size")))
        return Error{ErrorCode::TlsHandshakeFailed, Stage::None,
                     QStringLiteral("The server sent a TLS handshake message larger than this "
                                    "client accepts (a certificate chain of more than 100 KiB); "
                                    "refusing to read it."),
                     queue};
    QString message = QStringLiteral("The TLS handshake failed.");
    if (alertSent >= 0)
        message = QStringLiteral("The handshake was aborted on our side with the alert \"%1\".")
                      .arg(TlsAlert{alertSent}.name());
    return Error{ErrorCode::TlsHandshakeFailed, Stage::None, message, queue};
}

Error TlsSession::Private::handshakeError(const Error& ioError) const
{
    Error error = ioError;
    error.stage = Stage::Tls;
    const bool plaintextReply =
        !firstBytes.isEmpty() && QByteArrayView("+-$*:").contains(firstBytes.at(0));
    if (plaintextReply) {
        QByteArray line = firstBytes.left(firstBytes.indexOf('\r') >= 0 ? firstBytes.indexOf('\r')
                                                                        : FirstBytesLimit);
        for (char& c : line)
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
                c = '?';
        error.code = ErrorCode::PlaintextOnTlsPort;
        error.message = QStringLiteral("The server answered in plaintext RESP, not TLS: this port "
                                       "does not speak TLS. Use the server's tls-port, or turn "
                                       "TLS off in the profile if the server has none.");
        error.detail = QStringLiteral("server sent: %1").arg(QString::fromLatin1(line));
        return error;
    }
    if (error.code == ErrorCode::Timeout) {
        error.message = firstBytes.isEmpty()
                            ? QStringLiteral("The server accepted the TCP connection but did not "
                                             "answer the TLS handshake within the timeout: it may "
                                             "not speak TLS on this port, or it is overloaded.")
                            : QStringLiteral("The server began the TLS handshake but sent only "
                                             "%1 bytes of it within the timeout: it stalls or "
                                             "trickles.")
                                  .arg(bytesReceived);
    } else if (error.code == ErrorCode::ConnectionClosed && alertReceived < 0 && resetByPeer) {
        error.message = QStringLiteral("The server reset the connection (TCP RST) during the TLS "
                                       "handshake, without a TLS alert: it may not speak TLS on "
                                       "this port, or something on the way cuts TLS connections.");
    } else if (error.code == ErrorCode::ConnectionClosed && alertReceived < 0) {
        error.message = firstBytes.isEmpty()
                            ? QStringLiteral("The server closed the connection during the TLS "
                                             "handshake without a TLS alert: it may not speak "
                                             "TLS on this port, or it dropped our ClientHello.")
                            : QStringLiteral("The server closed the connection during the TLS "
                                             "handshake.");
    } else if (error.code == ErrorCode::TlsHandshakeFailed && !firstBytes.isEmpty() &&
               firstBytes.at(0) != 0x15 && firstBytes.at(0) != 0x16) {
        error.message = QStringLiteral("The server's answer is not TLS: this port speaks another "
                                       "protocol.");
        error.detail = QStringLiteral("first bytes: %1")
                           .arg(QString::fromLatin1(firstBytes.left(16).toHex(' ')));
    }
    return error;
}

void TlsSession::Private::collectFacts(const QString& host, const TlsOptions& options)
{
    facts.protocol = QString::fromLatin1(SSL_get_version(ssl));
    if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl)) {
        facts.cipherOpenssl = QString::fromLatin1(SSL_CIPHER_get_name(cipher));
        facts.cipherIana = QString::fromLatin1(SSL_CIPHER_standard_name(cipher));
        facts.cipherBits = SSL_CIPHER_get_bits(cipher, nullptr);
    }
    if (const int group = SSL_get_negotiated_group(ssl); group != 0)
        facts.group = groupDisplayName(SSL_group_to_name(ssl, group));
    EVP_PKEY* temp = nullptr;
    if (SSL_get_peer_tmp_key(ssl, &temp) == 1 && temp) {
        const int bits = EVP_PKEY_get_bits(temp);
        QString name = QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(temp)));
        if (EVP_PKEY_get_base_id(temp) == EVP_PKEY_EC) {
            char curve[80] = {};
            size_t length = 0;
            if (EVP_PKEY_get_utf8_string_param(temp, "group", curve, sizeof curve, &length) == 1)
                name = QStringLiteral("ECDH ") + groupDisplayName(curve);
            if (facts.group.isEmpty())
                facts.group = groupDisplayName(curve);
        } else if (EVP_PKEY_get_base_id(temp) == EVP_PKEY_DH) {
            name = QStringLiteral("DH");
            if (facts.group.isEmpty())
                facts.group = QStringLiteral("DH %1").arg(bits);
        }
        facts.peerTempKey = QStringLiteral("%1, %2 bits").arg(name).arg(bits);
        EVP_PKEY_free(temp);
    }
    facts.resumed = SSL_session_reused(ssl) == 1;
    const unsigned char* ocsp = nullptr;
    facts.ocspStapled = SSL_get_tlsext_status_ocsp_resp(ssl, &ocsp) > 0 && ocsp;
    facts.clientCertSent = haveClientCert && facts.clientCertRequested;

    if (STACK_OF(X509)* sent = SSL_get_peer_cert_chain(ssl))
        for (int i = 0; i < sk_X509_num(sent); ++i)
            facts.chainSent.append(certificateFromX509(sk_X509_value(sent, i)));
    if (STACK_OF(X509)* verified = SSL_get0_verified_chain(ssl))
        for (int i = 0; i < sk_X509_num(verified); ++i)
            facts.chainVerified.append(certificateFromX509(sk_X509_value(verified, i)));
    for (const VerifyIssue& issue : std::as_const(facts.verifyIssues)) {
        const QString text = QStringLiteral("%1 (%2)").arg(issue.message).arg(issue.code);
        for (QList<CertificateInfo>* chain : {&facts.chainSent, &facts.chainVerified})
            for (CertificateInfo& certificate : *chain)
                if (certificate.sha256 == issue.sha256 && !certificate.verifyErrors.contains(text))
                    certificate.verifyErrors.append(text);
    }
    const long result = SSL_get_verify_result(ssl);
    facts.verified = result == X509_V_OK && facts.verifyIssues.isEmpty();
    if (!facts.verifyIssues.isEmpty()) {
        // Report the error nearest the leaf: the one a user fixes first.
        const auto first = std::min_element(
            facts.verifyIssues.cbegin(), facts.verifyIssues.cend(),
            [](const VerifyIssue& a, const VerifyIssue& b) { return a.depth < b.depth; });
        facts.verifyError = first->message;
    } else if (result != X509_V_OK) {
        facts.verifyError = QString::fromLatin1(X509_verify_cert_error_string(result));
    }

    facts.hostnameChecked = !options.sni.isEmpty() ? options.sni : host;
    if (X509* leaf = SSL_get0_peer_certificate(ssl)) {
        const QByteArray name = facts.hostnameChecked.toUtf8();
        facts.hostnameMatch =
            isIpLiteral(facts.hostnameChecked)
                ? X509_check_ip_asc(leaf, name.constData(), 0) == 1
                : X509_check_host(leaf, name.constData(), static_cast<size_t>(name.size()),
                                  X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr) == 1;
    }
    ERR_clear_error();
}

TlsSession::TlsSession(std::unique_ptr<TcpSocket> socket)
    : d(std::make_unique<Private>())
{
    d->socket = std::move(socket);
}

TlsSession::~TlsSession() = default;

const TlsFacts& TlsSession::facts() const
{
    return d->facts;
}

QByteArray TlsSession::firstBytesReceived() const
{
    return d->firstBytes;
}

Result<void> TlsSession::handshake(const QString& host, const TlsOptions& options,
                                   const Deadline& deadline, const SilenceProbe& onSilence,
                                   std::chrono::milliseconds silence)
{
    if (auto ready = d->setUp(host, options); !ready)
        return ready;
    const auto connect = [this] {
        return SSL_connect(d->ssl);
    };
    auto connected =
        onSilence ? d->drive(connect, deadline.capped(silence), QStringLiteral("negotiating TLS"))
                  : d->drive(connect, deadline, QStringLiteral("negotiating TLS"));
    // The silence period is over: a server that said nothing gets the probe; one that is merely
    // slow gets the rest of the time.
    if (onSilence && !connected && connected.error().code == ErrorCode::Timeout &&
        !deadline.expired()) {
        if (d->firstBytes.isEmpty()) {
            if (std::optional<Error> diagnosis = onSilence()) {
                diagnosis->stage = Stage::Tls;
                return std::unexpected(*diagnosis);
            }
        }
        connected = d->drive(connect, deadline, QStringLiteral("negotiating TLS"));
    }
    if (!connected)
        return std::unexpected(d->handshakeError(connected.error()));
    d->collectFacts(host, options);

    // In TLS 1.3 the server judges the client certificate (or its absence) after the handshake
    // has completed on our side; its verdict arrives as an alert. When we had none to send, wait
    // briefly for that alert so the failure is reported here, not as a mystery on the first
    // command. (A certificate we did send and the server refuses shows up on the first read,
    // diagnosed the same way.)
    if (d->facts.clientCertRequested && !d->haveClientCert &&
        d->facts.protocol == QLatin1String("TLSv1.3")) {
        char byte = 0;
        auto peeked = d->drive([this, &byte] { return SSL_peek(d->ssl, &byte, 1); },
                               deadline.capped(std::chrono::milliseconds(300)),
                               QStringLiteral("waiting for the server to accept the certificate"));
        if (!peeked && peeked.error().code != ErrorCode::Timeout) {
            Error error = peeked.error();
            error.stage = Stage::Tls;
            return std::unexpected(error);
        }
    }
    return {};
}

Result<qsizetype> TlsSession::readSome(char* buffer, qsizetype capacity, const Deadline& deadline)
{
    if (!d->ssl)
        return fail(ErrorCode::IoError, Stage::None, QStringLiteral("No TLS session."));
    auto read = d->drive(
        [this, buffer, capacity] {
            return SSL_read(d->ssl, buffer,
                            static_cast<int>(std::min<qsizetype>(capacity, INT_MAX)));
        },
        deadline, QStringLiteral("reading"));
    if (!read)
        return std::unexpected(read.error());
    return static_cast<qsizetype>(*read);
}

Result<void> TlsSession::writeAll(const char* data, qsizetype size, const Deadline& deadline)
{
    if (!d->ssl)
        return fail(ErrorCode::IoError, Stage::None, QStringLiteral("No TLS session."));
    qsizetype written = 0;
    while (written < size) {
        auto sent = d->drive(
            [this, data, written, size] {
                return SSL_write(d->ssl, data + written,
                                 static_cast<int>(std::min<qsizetype>(size - written, INT_MAX)));
            },
            deadline, QStringLiteral("sending"));
        if (!sent)
            return std::unexpected(sent.error());
        written += *sent;
    }
    return {};
}

void TlsSession::close()
{
    if (d->ssl && d->socket && d->socket->isOpen()) {
        const SigpipeGuard noSigpipe;
        SSL_shutdown(d->ssl); // best effort close_notify; never waits
        ERR_clear_error();
    }
    if (d->socket)
        d->socket->close();
}

} // namespace rediscope
