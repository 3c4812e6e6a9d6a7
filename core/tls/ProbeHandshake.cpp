#include "ProbeHandshake.h"

#include "net/TcpSocket.h"
#include "tls/ClientHelloEditor.h"
#include "tls/ProbeResult.h"
#include "tls/ServerFlightParser.h"
#include "tls/TlsAlert.h"
#include "tls/X509Reader.h"

#include <QHash>
#include <algorithm>
#include <cstring>
#include <mutex>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

namespace rediscope::probe {

namespace {

constexpr char Tls13Suites[] = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
                               "TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:"
                               "TLS_AES_128_CCM_8_SHA256";
constexpr qsizetype FirstBytesLimit = 16;
constexpr std::chrono::milliseconds VerdictWait{1000};

// RFC 8446 4.1.3: a ServerHello with this random is a HelloRetryRequest.
constexpr unsigned char HelloRetryRandom[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

int allowEverything(const SSL*, const SSL_CTX*, int, int, int, void*, void*)
{
    return 1;
}

// What the message callback saw during one handshake.
struct Observed
{
    bool serverHello = false; // final ServerHello
    int version = 0;
    unsigned char cipher[2] = {0, 0};
    bool certificateRequest = false;
    bool ticket = false;
    int alertReceived = -1;
    QByteArray firstBytes;
    std::chrono::steady_clock::time_point firstByteAt{};
};

void parseServerHello(Observed& seen, const unsigned char* message, size_t length)
{
    // type(1) length(3) legacy_version(2) random(32) session_id<0..32> cipher_suite(2)
    // compression(1) extensions<0..2^16-1>
    size_t at = 4;
    if (length < at + 2 + 32 + 1)
        return;
    int version = (message[at] << 8) | message[at + 1];
    at += 2;
    const bool retry = std::memcmp(message + at, HelloRetryRandom, sizeof HelloRetryRandom) == 0;
    at += 32;
    at += 1 + message[at];
    if (length < at + 3)
        return;
    const unsigned char cipher[2] = {message[at], message[at + 1]};
    at += 3;
    if (length >= at + 2) {
        const size_t end = std::min(length, at + 2 + ((message[at] << 8) | message[at + 1]));
        at += 2;
        while (at + 4 <= end) {
            const int type = (message[at] << 8) | message[at + 1];
            const size_t size = (message[at + 2] << 8) | message[at + 3];
            at += 4;
            if (type == 43 && size == 2 && at + 2 <= end) // supported_versions
                version = (message[at] << 8) | message[at + 1];
            at += size;
        }
    }
    if (retry)
        return;
    seen.serverHello = true;
    seen.version = version;
    seen.cipher[0] = cipher[0];
    seen.cipher[1] = cipher[1];
}

void messageCallback(int writing, int, int contentType, const void* buffer, size_t length, SSL*,
                     void* argument)
{
    auto* seen = static_cast<Observed*>(argument);
    if (!seen || writing || length < 1)
        return;
    const auto* bytes = static_cast<const unsigned char*>(buffer);
    if (contentType == SSL3_RT_ALERT && length >= 2) {
        seen->alertReceived = bytes[1];
    } else if (contentType == SSL3_RT_HANDSHAKE) {
        switch (bytes[0]) {
        case SSL3_MT_SERVER_HELLO:
            parseServerHello(*seen, bytes, length);
            break;
        case SSL3_MT_CERTIFICATE_REQUEST:
            seen->certificateRequest = true;
            break;
        case SSL3_MT_NEWSESSION_TICKET:
            seen->ticket = true;
            break;
        default:
            break;
        }
    }
}

long bioCallback(BIO* bio, int operation, const char* buffer, size_t, int, long, int returned,
                 size_t* processed)
{
    auto* seen = static_cast<Observed*>(static_cast<void*>(BIO_get_callback_arg(bio)));
    if (operation == (BIO_CB_READ | BIO_CB_RETURN) && returned > 0 && processed) {
        if (seen->firstBytes.isEmpty() && *processed > 0)
            seen->firstByteAt = std::chrono::steady_clock::now();
        const qsizetype room = FirstBytesLimit - seen->firstBytes.size();
        if (room > 0)
            seen->firstBytes.append(buffer, std::min<qsizetype>(room, *processed));
    }
    return returned;
}

struct SslDeleter
{
    void operator()(SSL* ssl) const { SSL_free(ssl); }
};

void readKeyExchange(SSL* ssl, HandshakeOutcome& outcome)
{
    if (const int group = SSL_get_negotiated_group(ssl); group != 0)
        if (const char* name = SSL_group_to_name(ssl, group))
            outcome.group = tlsGroupDisplayName(QString::fromLatin1(name));
    EVP_PKEY* key = nullptr;
    if (SSL_get_peer_tmp_key(ssl, &key) != 1 || !key)
        return;
    outcome.keyBits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_DH:
    case EVP_PKEY_DHX:
        outcome.keyKind = HandshakeOutcome::KeyKind::Dh;
        if (outcome.group.isEmpty())
            outcome.group = QStringLiteral("DH");
        break;
    case EVP_PKEY_EC: {
        outcome.keyKind = HandshakeOutcome::KeyKind::Ec;
        char curve[80] = {};
        size_t size = 0;
        if (outcome.group.isEmpty() &&
            EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof curve, &size) == 1)
            outcome.group = tlsGroupDisplayName(QString::fromLatin1(curve));
        break;
    }
    case EVP_PKEY_X25519:
        outcome.keyKind = HandshakeOutcome::KeyKind::Ec;
        if (outcome.group.isEmpty())
            outcome.group = QStringLiteral("X25519");
        break;
    case EVP_PKEY_X448:
        outcome.keyKind = HandshakeOutcome::KeyKind::Ec;
        if (outcome.group.isEmpty())
            outcome.group = QStringLiteral("X448");
        break;
    default:
        break;
    }
    EVP_PKEY_free(key);
}

// The size OpenSSL reports for an ephemeral key of this group (EVP_PKEY_get_bits): the order of
// an elliptic curve, the modulus of a finite field. Cached: the group table is small.
int groupKeyBits(const QString& name)
{
    static std::mutex mutex;
    static QHash<QString, int> cache;
    std::lock_guard lock(mutex);
    if (const auto found = cache.constFind(name); found != cache.constEnd())
        return *found;
    int bits = 0;
    const QString lower = name.toLower();
    if (lower == QLatin1String("x25519")) {
        bits = 253;
    } else if (lower == QLatin1String("x448")) {
        bits = 448;
    } else if (lower.startsWith(QLatin1String("ffdhe"))) {
        bits = lower.mid(5).toInt();
    } else {
        const QByteArray latin = name.toLatin1();
        int nid = OBJ_sn2nid(latin.constData());
        if (nid == NID_undef && lower.startsWith(QLatin1String("secp")) &&
            lower.endsWith(QLatin1String("r1")))
            nid = EC_curve_nist2nid(QByteArray("P-" + latin.mid(4, latin.size() - 6)).constData());
        if (nid != NID_undef) {
            if (EC_GROUP* group = EC_GROUP_new_by_curve_name(nid)) {
                bits = EC_GROUP_order_bits(group);
                EC_GROUP_free(group);
            }
        }
        ERR_clear_error();
    }
    cache.insert(name, bits);
    return bits;
}

void setGroup(int id, HandshakeOutcome& outcome)
{
    const QString name = tlsGroupName(id);
    outcome.group = tlsGroupDisplayName(name);
    outcome.keyBits = groupKeyBits(name);
    outcome.keyKind = name.startsWith(QLatin1String("ffdhe")) ? HandshakeOutcome::KeyKind::Dh
                                                              : HandshakeOutcome::KeyKind::Ec;
}

// TLS <= 1.2: the server's ephemeral key from its ServerKeyExchange, for an (EC)DHE suite.
void readServerKeyExchange(const SSL_CIPHER* cipher, const QByteArray& message,
                           HandshakeOutcome& outcome)
{
    const auto byteAt = [&](qsizetype at) {
        return static_cast<unsigned char>(message.at(at));
    };
    const int kx = SSL_CIPHER_get_kx_nid(cipher);
    if (kx == NID_kx_ecdhe && message.size() >= 3 && byteAt(0) == 3) { // named_curve
        setGroup((byteAt(1) << 8) | byteAt(2), outcome);
    } else if (kx == NID_kx_dhe && message.size() >= 2) {
        const qsizetype length = (byteAt(0) << 8) | byteAt(1);
        qsizetype at = 2;
        while (at < 2 + length && at < message.size() && byteAt(at) == 0)
            ++at;
        if (at < 2 + length && at < message.size()) {
            int top = 0;
            for (int value = byteAt(at); value; value >>= 1)
                ++top;
            outcome.keyBits = static_cast<int>((2 + length - at - 1) * 8 + top);
            outcome.keyKind = HandshakeOutcome::KeyKind::Dh;
            outcome.group = QStringLiteral("DH");
        }
    }
}

// The ClientHello OpenSSL would send for `ssl`, as it wrote it (one record).
std::optional<QByteArray> clientHello(SSL* ssl)
{
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    if (!in || !out) {
        BIO_free(in);
        BIO_free(out);
        return std::nullopt;
    }
    SSL_set_bio(ssl, in, out);
    ERR_clear_error();
    SSL_connect(ssl);
    char* data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    if (size <= 0 || !data)
        return std::nullopt;
    return QByteArray(data, static_cast<qsizetype>(size));
}

// The same ClientHello offering only the spec's groups and no key share at all.
std::optional<QByteArray> withoutKeyShare(const QByteArray& record, const HandshakeSpec& spec)
{
    ClientHelloEditor editor(record);
    const auto offered = editor.extension(ClientHelloEditor::SupportedGroups);
    if (!editor.isValid() || !offered || offered->size() < 2 ||
        !editor.setExtension(ClientHelloEditor::KeyShare, QByteArray(2, '\0')))
        return std::nullopt;
    if (spec.groups.isEmpty())
        return editor.record();
    // x25519 (29) went first only for the share OpenSSL insists on making: drop it unless the
    // spec names it.
    const bool wanted = spec.groups.toLower().split(':').contains("x25519");
    QByteArray kept;
    for (qsizetype at = 2; at + 1 < offered->size(); at += 2) {
        const int id = (static_cast<unsigned char>(offered->at(at)) << 8) |
                       static_cast<unsigned char>(offered->at(at + 1));
        if (id != 29 || at > 2 || wanted)
            kept += offered->mid(at, 2);
    }
    if (kept.isEmpty())
        return std::nullopt;
    QByteArray list;
    list.append(static_cast<char>((kept.size() >> 8) & 0xff));
    list.append(static_cast<char>(kept.size() & 0xff));
    list.append(kept);
    editor.setExtension(ClientHelloEditor::SupportedGroups, list);
    return editor.record();
}

// A handshake that ends with the server's first flight: OpenSSL builds the ClientHello, the probe
// sends it and reads the answer itself, and never answers back. No key exchange, no signature
// check, no certificate parsing on our side; the verdict is the ServerHello (or
// HelloRetryRequest), the alert, or the silence.
Result<HandshakeOutcome> helloOnly(SSL* ssl, TcpSocket& socket, const HandshakeSpec& spec,
                                   const Deadline& deadline,
                                   std::chrono::steady_clock::time_point started,
                                   HandshakeOutcome outcome)
{
    using Status = HandshakeOutcome::Status;
    if (spec.emptyKeyShare) {
        // OpenSSL makes a key share for the first group it offers: make that a cheap one; the
        // share is dropped before the ClientHello goes out.
        const bool named = spec.groups.toLower().split(':').contains("x25519");
        const QByteArray groups = spec.groups.isEmpty() ? QByteArray("x25519")
                                  : named               ? spec.groups
                                                        : QByteArray("x25519:" + spec.groups);
        if (SSL_set1_groups_list(ssl, groups.constData()) != 1) {
            outcome.status = Status::NotTestable;
            outcome.detail = QStringLiteral("this OpenSSL does not know the group %1")
                                 .arg(QString::fromLatin1(spec.groups));
            return outcome;
        }
    }
    auto hello = clientHello(ssl);
    if (hello && spec.emptyKeyShare)
        hello = withoutKeyShare(*hello, spec);
    if (!hello || hello->isEmpty()) {
        outcome.status = Status::NotTestable;
        outcome.detail =
            QStringLiteral("OpenSSL could not build a ClientHello: ") + drainOpenSslErrors();
        return outcome;
    }
    ERR_clear_error();

    ServerFlightParser parser;
    std::optional<Error> ioError;
    if (auto written = socket.writeAll(hello->constData(), hello->size(), deadline); !written)
        ioError = written.error();
    char buffer[16384];
    while (!ioError && parser.state() == ServerFlightParser::State::NeedMore) {
        auto got = socket.readSome(buffer, sizeof buffer, deadline);
        if (!got) {
            ioError = got.error();
            break;
        }
        if (*got > 0 && outcome.firstAnswer.count() < 0)
            outcome.firstAnswer = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - started);
        parser.feed(QByteArrayView(buffer, *got));
    }
    if (ioError && ioError->code == ErrorCode::Cancelled)
        return std::unexpected(*ioError);

    const ServerFlight& flight = parser.flight();
    outcome.firstBytes = flight.firstBytes;
    outcome.alertReceived = flight.alert;
    outcome.certificateRequested = flight.certificateRequest;
    outcome.serverHello = flight.serverHello;
    if (ioError && ioError->code == ErrorCode::Timeout) {
        outcome.status = Status::Unknown;
        outcome.detail = ioError->message;
        return outcome;
    }
    if (parser.state() == ServerFlightParser::State::NotTls) {
        outcome.status = Status::Rejected;
        outcome.detail = QStringLiteral("the answer is not TLS");
        return outcome;
    }
    if (!flight.serverHello) {
        outcome.status = Status::Rejected;
        outcome.detail = flight.alert >= 0
                             ? QStringLiteral("alert \"%1\"").arg(TlsAlert{flight.alert}.name())
                         : parser.state() == ServerFlightParser::State::Malformed
                             ? QStringLiteral("the handshake failed: %1").arg(parser.problem())
                         : flight.firstBytes.isEmpty()
                             ? QStringLiteral("the server closed the connection")
                             : QStringLiteral("the server closed the connection mid-handshake");
        return outcome;
    }

    outcome.version = flight.version;
    const unsigned char id[2] = {static_cast<unsigned char>(flight.cipher >> 8),
                                 static_cast<unsigned char>(flight.cipher & 0xff)};
    const SSL_CIPHER* cipher = SSL_CIPHER_find(ssl, id);
    outcome.cipher = cipher ? QString::fromLatin1(SSL_CIPHER_get_name(cipher))
                            : QStringLiteral("0x%1").arg(flight.cipher, 4, 16, QLatin1Char('0'));
    const auto selectedThenFailed = [&](const QString& why) {
        outcome.status = Status::Rejected;
        outcome.selectedThenFailed = true;
        outcome.detail = QStringLiteral("the server selected %1, then %2").arg(outcome.cipher, why);
        return outcome;
    };
    // What OpenSSL would refuse, the probe refuses too: another version than the one offered, a
    // suite that was not offered.
    if (flight.version != spec.version)
        return selectedThenFailed(QStringLiteral("answered with version 0x%1")
                                      .arg(flight.version, 4, 16, QLatin1Char('0')));
    bool offered = false;
    if (STACK_OF(SSL_CIPHER)* list = SSL_get1_supported_ciphers(ssl)) {
        for (int i = 0; i < sk_SSL_CIPHER_num(list) && !offered; ++i)
            offered = SSL_CIPHER_get_protocol_id(sk_SSL_CIPHER_value(list, i)) == flight.cipher;
        sk_SSL_CIPHER_free(list);
    }
    ERR_clear_error();
    if (!offered)
        return selectedThenFailed(QStringLiteral("that suite was not offered"));
    if (flight.alert >= 0)
        return selectedThenFailed(
            QStringLiteral("sent the alert \"%1\"").arg(TlsAlert{flight.alert}.name()));
    if (spec.version < TLS1_3_VERSION && !flight.serverHelloDone)
        return selectedThenFailed(parser.state() == ServerFlightParser::State::Malformed
                                      ? parser.problem()
                                      : QStringLiteral("closed the connection"));

    if (spec.version == TLS1_3_VERSION) {
        if (flight.group != 0)
            setGroup(flight.group, outcome);
    } else {
        outcome.secureRenegotiation = flight.renegotiationInfo;
        if (cipher && !flight.serverKeyExchange.isEmpty())
            readServerKeyExchange(cipher, flight.serverKeyExchange, outcome);
    }
    outcome.status = Status::Accepted;
    outcome.stoppedEarly = true;
    return outcome;
}

} // namespace

QString versionName(int version)
{
    switch (version) {
    case SSL3_VERSION:
        return QStringLiteral("SSLv3");
    case TLS1_VERSION:
        return QStringLiteral("TLSv1");
    case TLS1_1_VERSION:
        return QStringLiteral("TLSv1.1");
    case TLS1_2_VERSION:
        return QStringLiteral("TLSv1.2");
    case TLS1_3_VERSION:
        return QStringLiteral("TLSv1.3");
    default:
        return QStringLiteral("0x%1").arg(version, 4, 16, QLatin1Char('0'));
    }
}

QByteArray allTls13Suites()
{
    return QByteArray(Tls13Suites);
}

ContextPtr newProbeContext(int version, const QByteArray& groups, QString* error)
{
    ERR_clear_error();
    ContextPtr context(SSL_CTX_new(TLS_client_method()));
    const auto failed = [&](const QString& what) {
        if (error)
            *error = what + QStringLiteral(": ") + drainOpenSslErrors();
        return ContextPtr();
    };
    if (!context)
        return failed(QStringLiteral("cannot create an OpenSSL context"));
    SSL_CTX* ctx = context.get();
    if (SSL_CTX_set_min_proto_version(ctx, version) != 1 ||
        SSL_CTX_set_max_proto_version(ctx, version) != 1)
        return failed(QStringLiteral("this OpenSSL cannot speak %1").arg(versionName(version)));
    SSL_CTX_set_security_level(ctx, 0);
    SSL_CTX_set_security_callback(ctx, &allowEverything);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_options(ctx, SSL_OP_LEGACY_SERVER_CONNECT);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    if (SSL_CTX_set_cipher_list(ctx, "ALL:COMPLEMENTOFALL") != 1)
        return failed(QStringLiteral("cannot set the TLS <= 1.2 suites"));
    if (SSL_CTX_set_ciphersuites(ctx, Tls13Suites) != 1)
        return failed(QStringLiteral("cannot set the TLS 1.3 suites"));
    if (!groups.isEmpty() && SSL_CTX_set1_groups_list(ctx, groups.constData()) != 1)
        return failed(QStringLiteral("cannot set the groups"));
    return context;
}

QStringList offerableSuites(SSL_CTX* context)
{
    QStringList names;
    std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(context));
    if (!ssl)
        return names;
    STACK_OF(SSL_CIPHER)* ciphers = SSL_get1_supported_ciphers(ssl.get());
    for (int i = 0; ciphers && i < sk_SSL_CIPHER_num(ciphers); ++i) {
        const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(ciphers, i);
        if (qstrcmp(SSL_CIPHER_get_version(cipher), "TLSv1.3") == 0)
            continue;
        names << QString::fromLatin1(SSL_CIPHER_get_name(cipher));
    }
    sk_SSL_CIPHER_free(ciphers);
    ERR_clear_error();
    return names;
}

Result<HandshakeOutcome> runHandshake(SSL_CTX* context, const QList<SocketAddress>& addresses,
                                      const QString& sni, const HandshakeSpec& spec,
                                      const Deadline& deadline, const CancelToken& cancel)
{
    HandshakeOutcome outcome;
    const auto cancelled = [] {
        return fail(ErrorCode::Cancelled, Stage::Tls,
                    QStringLiteral("The TLS probe was cancelled."));
    };
    if (cancel.isCancelled())
        return cancelled();

    const auto started = std::chrono::steady_clock::now();
    TcpSocket socket(cancel);
    if (auto connected = socket.connect(addresses, deadline); !connected) {
        if (connected.error().code == ErrorCode::Cancelled)
            return cancelled();
        outcome.tcpError = connected.error();
        outcome.detail = connected.error().message;
        return outcome;
    }
    outcome.peer = socket.peer();

    ERR_clear_error();
    std::unique_ptr<SSL, SslDeleter> holder(SSL_new(context));
    SSL* ssl = holder.get();
    if (!ssl) {
        outcome.status = HandshakeOutcome::Status::NotTestable;
        outcome.detail = drainOpenSslErrors();
        return outcome;
    }
    const auto notTestable = [&](const QString& why) {
        outcome.status = HandshakeOutcome::Status::NotTestable;
        outcome.detail = why + QStringLiteral(" (") + drainOpenSslErrors() + QLatin1Char(')');
        return outcome;
    };
    SSL_set_min_proto_version(ssl, spec.version);
    SSL_set_max_proto_version(ssl, spec.version);
    if (!spec.cipherList.isEmpty() && SSL_set_cipher_list(ssl, spec.cipherList.constData()) != 1)
        return notTestable(QStringLiteral("this OpenSSL cannot offer %1")
                               .arg(QString::fromLatin1(spec.cipherList)));
    if (!spec.cipherSuites.isEmpty() &&
        SSL_set_ciphersuites(ssl, spec.cipherSuites.constData()) != 1)
        return notTestable(QStringLiteral("this OpenSSL cannot offer %1")
                               .arg(QString::fromLatin1(spec.cipherSuites)));
    if (!spec.groups.isEmpty() && SSL_set1_groups_list(ssl, spec.groups.constData()) != 1)
        return notTestable(QStringLiteral("this OpenSSL does not know the group %1")
                               .arg(QString::fromLatin1(spec.groups)));

    if (!sni.isEmpty()) {
        QByteArray name = sni.toUtf8();
        SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, name.data());
    }
    if (spec.stopAfterServerFlight)
        return helloOnly(ssl, socket, spec, deadline, started, std::move(outcome));

    Observed seen;
    SSL_set_msg_callback(ssl, &messageCallback);
    SSL_set_msg_callback_arg(ssl, &seen);
    BIO* bio = BIO_new_socket(socket.fd(), BIO_NOCLOSE);
    BIO_set_callback_arg(bio, static_cast<char*>(static_cast<void*>(&seen)));
    BIO_set_callback_ex(bio, &bioCallback);
    SSL_set_bio(ssl, bio, bio);

    bool timedOut = false;
    for (;;) {
        ERR_clear_error();
        const int status = SSL_connect(ssl);
        if (status == 1) {
            outcome.completed = true;
            break;
        }
        const int error = SSL_get_error(ssl, status);
        if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE)
            break;
        if (auto waited = socket.waitFor(error == SSL_ERROR_WANT_WRITE, deadline); !waited) {
            if (waited.error().code == ErrorCode::Cancelled)
                return cancelled();
            timedOut = waited.error().code == ErrorCode::Timeout;
            outcome.detail = waited.error().message;
            break;
        }
    }
    const QString queue = drainOpenSslErrors();
    outcome.firstBytes = seen.firstBytes;
    if (!seen.firstBytes.isEmpty())
        outcome.firstAnswer =
            std::chrono::duration_cast<std::chrono::microseconds>(seen.firstByteAt - started);
    outcome.alertReceived = seen.alertReceived;
    outcome.certificateRequested = seen.certificateRequest;
    outcome.serverHello = seen.serverHello;

    if (!outcome.completed && BIO_number_written(bio) == 0) {
        outcome.status = HandshakeOutcome::Status::NotTestable;
        outcome.detail = QStringLiteral("OpenSSL could not build a ClientHello: ") + queue;
        return outcome;
    }
    if (seen.serverHello) {
        outcome.version = seen.version;
        if (const SSL_CIPHER* cipher = SSL_CIPHER_find(ssl, seen.cipher))
            outcome.cipher = QString::fromLatin1(SSL_CIPHER_get_name(cipher));
        else
            outcome.cipher = QStringLiteral("0x%1%2")
                                 .arg(seen.cipher[0], 2, 16, QLatin1Char('0'))
                                 .arg(seen.cipher[1], 2, 16, QLatin1Char('0'));
        readKeyExchange(ssl, outcome);
        if (X509* certificate = SSL_get0_peer_certificate(ssl))
            if (EVP_PKEY* key = X509_get0_pubkey(certificate))
                outcome.certificateKey = EVP_PKEY_get_base_id(key);
        if (seen.version < TLS1_3_VERSION)
            outcome.secureRenegotiation = SSL_get_secure_renegotiation_support(ssl) == 1;
    }

    if (outcome.completed) {
        outcome.status = HandshakeOutcome::Status::Accepted;
        if (seen.version == TLS1_3_VERSION && seen.certificateRequest &&
            spec.awaitClientAuthVerdict) {
            const Deadline wait = deadline.capped(VerdictWait);
            for (;;) {
                if (seen.ticket) {
                    outcome.clientAuthVerdict = false;
                    break;
                }
                ERR_clear_error();
                char byte = 0;
                const int peeked = SSL_peek(ssl, &byte, 1);
                if (peeked > 0 || seen.ticket) {
                    outcome.clientAuthVerdict = false;
                    break;
                }
                const int error = SSL_get_error(ssl, peeked);
                if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
                    auto waited = socket.waitFor(error == SSL_ERROR_WANT_WRITE, wait);
                    if (waited)
                        continue;
                    if (waited.error().code == ErrorCode::Cancelled)
                        return cancelled();
                    break; // no verdict within the wait
                }
                if (seen.alertReceived >= 0 &&
                    TlsAlert{seen.alertReceived}.meansClientCertificateProblem()) {
                    outcome.clientAuthVerdict = true;
                    outcome.clientCertRequired = true;
                    outcome.alertReceived = seen.alertReceived;
                }
                break;
            }
            ERR_clear_error();
        }
        if (seen.alertReceived < 0) {
            SSL_shutdown(ssl); // best effort close_notify; never waits
            ERR_clear_error();
        }
        return outcome;
    }

    if (timedOut) {
        outcome.status = HandshakeOutcome::Status::Unknown;
        if (outcome.detail.isEmpty())
            outcome.detail = QStringLiteral("timed out");
        return outcome;
    }
    if (seen.serverHello) {
        if (seen.certificateRequest && seen.alertReceived >= 0 &&
            TlsAlert{seen.alertReceived}.meansClientCertificateProblem()) {
            outcome.status = HandshakeOutcome::Status::Accepted;
            outcome.clientCertRequired = true;
            outcome.detail = QStringLiteral("the server requires a client certificate (alert %1)")
                                 .arg(TlsAlert{seen.alertReceived}.name());
            return outcome;
        }
        outcome.status = HandshakeOutcome::Status::Rejected;
        outcome.selectedThenFailed = true;
        outcome.detail =
            seen.alertReceived >= 0
                ? QStringLiteral("the server selected %1, then sent the alert \"%2\"")
                      .arg(outcome.cipher, TlsAlert{seen.alertReceived}.name())
                : QStringLiteral("the server selected %1, then the handshake failed: %2")
                      .arg(outcome.cipher, queue);
        return outcome;
    }
    outcome.status = HandshakeOutcome::Status::Rejected;
    outcome.detail = seen.alertReceived >= 0
                         ? QStringLiteral("alert \"%1\"").arg(TlsAlert{seen.alertReceived}.name())
                     : seen.firstBytes.isEmpty()
                         ? QStringLiteral("the server closed the connection")
                         : QStringLiteral("the handshake failed: %1").arg(queue);
    return outcome;
}

} // namespace rediscope::probe
