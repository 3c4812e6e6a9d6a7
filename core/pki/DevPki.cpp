#include "DevPki.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSysInfo>
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rediscope {

namespace {

struct KeyFree
{
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree
{
    void operator()(X509* certificate) const { X509_free(certificate); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

constexpr long Backdate = 60 * 60; // an hour, for clocks a little behind

QString opensslErrors()
{
    QStringList errors;
    while (const unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        errors << QString::fromLatin1(text);
    }
    return errors.join(QStringLiteral("; "));
}

std::unexpected<Error> sslFailure(const QString& what)
{
    return fail(ErrorCode::FileError, Stage::None, what, opensslErrors());
}

std::unexpected<Error> invalid(const QString& message)
{
    return fail(ErrorCode::InvalidArgument, Stage::None, message);
}

std::unexpected<Error> fileFailure(const QString& message, int error)
{
    return fail(ErrorCode::FileError, Stage::None, message,
                QString::fromLocal8Bit(std::strerror(error)));
}

Result<Key> generateKey(DevKeyType type)
{
    EVP_PKEY* key = nullptr;
    switch (type) {
    case DevKeyType::EcP256:
        key = EVP_EC_gen("P-256");
        break;
    case DevKeyType::Rsa2048:
        key = EVP_RSA_gen(2048);
        break;
    case DevKeyType::Rsa3072:
        key = EVP_RSA_gen(3072);
        break;
    }
    if (!key)
        return sslFailure(QStringLiteral("Could not generate a %1 key.").arg(devKeyTypeName(type)));
    return Key(key);
}

bool addExtension(X509* certificate, X509* issuer, int nid, const QString& value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    const QByteArray text = value.toUtf8();
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, text.constData());
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

bool addNameEntry(X509_NAME* name, const char* field, const QString& value)
{
    const QByteArray text = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(text.constData()),
                                      static_cast<int>(text.size()), -1, 0) == 1;
}

enum class Role
{
    Ca,
    Server,
    Client,
};

struct Spec
{
    Role role = Role::Server;
    QString commonName;
    QStringList subjectAltNames; // "DNS:…", "IP:…"
    long days = 365;
    bool alsoClient = false; // server certificate also for TLS clients
};

Result<Cert> issue(const Spec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuerKey)
{
    Cert certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
        return sslFailure(QStringLiteral("Could not create a certificate."));

    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return sslFailure(QStringLiteral("Could not draw a random serial number."));
    serial[0] &= 0x7f; // positive
    serial[0] |= 0x01; // and 16 bytes long
    BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serialSet =
        number && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate.get()));
    BN_free(number);
    if (!serialSet)
        return sslFailure(QStringLiteral("Could not set the serial number."));

    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -Backdate) ||
        !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), static_cast<int>(spec.days), 0,
                          nullptr) ||
        X509_set_pubkey(certificate.get(), key) != 1)
        return sslFailure(QStringLiteral("Could not set the validity or the public key."));

    X509_NAME* name = X509_get_subject_name(certificate.get());
    if (!addNameEntry(name, "O", QStringLiteral("Rediscope development")) ||
        !addNameEntry(name, "CN", spec.commonName))
        return sslFailure(QStringLiteral("Could not set the subject name."));
    X509* signer = issuer ? issuer : certificate.get();
    if (X509_set_issuer_name(certificate.get(), X509_get_subject_name(signer)) != 1)
        return sslFailure(QStringLiteral("Could not set the issuer name."));

    const bool rsa = EVP_PKEY_is_a(key, "RSA");
    bool ok = true;
    const auto add = [&](int nid, const QString& value) {
        ok = ok && addExtension(certificate.get(), signer, nid, value);
    };
    switch (spec.role) {
    case Role::Ca:
        add(NID_basic_constraints, QStringLiteral("critical,CA:TRUE,pathlen:0"));
        add(NID_key_usage, QStringLiteral("critical,keyCertSign,cRLSign"));
        break;
    case Role::Server:
        add(NID_basic_constraints, QStringLiteral("critical,CA:FALSE"));
        add(NID_key_usage, rsa ? QStringLiteral("critical,digitalSignature,keyEncipherment")
                               : QStringLiteral("critical,digitalSignature"));
        add(NID_ext_key_usage, spec.alsoClient ? QStringLiteral("serverAuth,clientAuth")
                                               : QStringLiteral("serverAuth"));
        break;
    case Role::Client:
        add(NID_basic_constraints, QStringLiteral("critical,CA:FALSE"));
        add(NID_key_usage, rsa ? QStringLiteral("critical,digitalSignature,keyEncipherment")
                               : QStringLiteral("critical,digitalSignature"));
        add(NID_ext_key_usage, QStringLiteral("clientAuth"));
        break;
    }
    add(NID_subject_key_identifier, QStringLiteral("hash"));
    if (issuer)
        add(NID_authority_key_identifier, QStringLiteral("keyid:always"));
    if (!spec.subjectAltNames.isEmpty())
        add(NID_subject_alt_name, spec.subjectAltNames.join(QLatin1Char(',')));
    if (!ok)
        return sslFailure(QStringLiteral("Could not add the certificate's extensions."));
    if (X509_sign(certificate.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        return sslFailure(
            QStringLiteral("Could not sign the certificate for %1.").arg(spec.commonName));
    return certificate;
}

// One file of the set: written under a temporary name, then renamed into place.
struct Pending
{
    QString finalPath;
    QString tempPath;
    bool placed = false;
};

// Creates `path` exclusively with `mode` (so a private key is never readable by others, not even
// for a moment) and hands the descriptor to `write`.
template <typename Writer>
Result<void> writeNew(const QString& path, mode_t mode, Writer write)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd =
        ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return fileFailure(QStringLiteral("Cannot create %1.").arg(path), errno);
    bool ok = ::fchmod(fd, mode) == 0; // exactly `mode`, whatever the umask
    ok = ok && write(fd);
    ok = ok && ::fsync(fd) == 0;
    const int error = errno;
    ok = (::close(fd) == 0) && ok;
    if (!ok) {
        ::unlink(native.constData());
        return fileFailure(QStringLiteral("Cannot write %1.").arg(path), error ? error : EIO);
    }
    return {};
}

bool writeAll(int fd, const QByteArray& data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t written =
            ::write(fd, data.constData() + done, static_cast<size_t>(data.size() - done));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += written;
    }
    return true;
}

// PEM straight to the descriptor: the key never passes through a buffer of ours.
bool writeKey(int fd, EVP_PKEY* key)
{
    BIO* bio = BIO_new_fd(fd, BIO_NOCLOSE);
    if (!bio)
        return false;
    const bool ok =
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1 &&
        BIO_flush(bio) == 1;
    BIO_free(bio);
    return ok;
}

bool writeCertificates(int fd, std::initializer_list<X509*> certificates)
{
    BIO* bio = BIO_new_fd(fd, BIO_NOCLOSE);
    if (!bio)
        return false;
    bool ok = true;
    for (X509* certificate : certificates)
        ok = ok && PEM_write_bio_X509(bio, certificate) == 1;
    ok = ok && BIO_flush(bio) == 1;
    BIO_free(bio);
    return ok;
}

QString randomSuffix()
{
    unsigned char bytes[6];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return QString::number(::getpid());
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(bytes), sizeof bytes).toHex());
}

// Moves a written file into place: without `replace`, never over an existing file.
int place(const QString& from, const QString& to, bool replace)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (replace)
        return ::rename(source.constData(), target.constData()) == 0 ? 0 : errno;
    if (::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), RENAME_NOREPLACE) ==
        0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return errno;
    // A file system without RENAME_NOREPLACE: link() never replaces either.
    if (::link(source.constData(), target.constData()) != 0)
        return errno;
    ::unlink(source.constData());
    return 0;
}

void syncDirectory(const QString& directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool hasControl(const QString& text)
{
    for (const QChar ch : text)
        if (ch.category() == QChar::Other_Control)
            return true;
    return false;
}

} // namespace

QString devKeyTypeName(DevKeyType type)
{
    switch (type) {
    case DevKeyType::EcP256:
        return QStringLiteral("ec");
    case DevKeyType::Rsa2048:
        return QStringLiteral("rsa2048");
    case DevKeyType::Rsa3072:
        return QStringLiteral("rsa3072");
    }
    return QString();
}

std::optional<DevKeyType> devKeyTypeFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("ec") || lower == QLatin1String("ecdsa") ||
        lower == QLatin1String("p-256") || lower == QLatin1String("p256"))
        return DevKeyType::EcP256;
    if (lower == QLatin1String("rsa2048") || lower == QLatin1String("rsa"))
        return DevKeyType::Rsa2048;
    if (lower == QLatin1String("rsa3072"))
        return DevKeyType::Rsa3072;
    return std::nullopt;
}

bool DevPki::isIpAddress(const QString& host)
{
    QString text = host.trimmed();
    if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
        text = text.mid(1, text.size() - 2);
    const QByteArray latin = text.toLatin1();
    unsigned char buffer[16];
    return ::inet_pton(AF_INET, latin.constData(), buffer) == 1 ||
           ::inet_pton(AF_INET6, latin.constData(), buffer) == 1;
}

bool DevPki::isLoopback(const QString& host)
{
    QString text = host.trimmed().toLower();
    if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
        text = text.mid(1, text.size() - 2);
    if (text == QLatin1String("localhost") || text.endsWith(QLatin1String(".localhost")))
        return true;
    const QByteArray latin = text.toLatin1();
    unsigned char v4[4];
    if (::inet_pton(AF_INET, latin.constData(), v4) == 1)
        return v4[0] == 127;
    unsigned char v6[16];
    if (::inet_pton(AF_INET6, latin.constData(), v6) == 1) {
        static const unsigned char loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return std::memcmp(v6, loopback, sizeof loopback) == 0;
    }
    return false;
}

std::optional<QString> DevPki::subjectAltName(const QString& host)
{
    QString text = host.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (isIpAddress(text)) {
        if (text.startsWith(QLatin1Char('[')))
            text = text.mid(1, text.size() - 2);
        // The canonical spelling, as OpenSSL prints it back.
        const QByteArray latin = text.toLatin1();
        unsigned char buffer[16];
        char canonical[INET6_ADDRSTRLEN];
        const int family =
            ::inet_pton(AF_INET, latin.constData(), buffer) == 1 ? AF_INET : AF_INET6;
        ::inet_pton(family, latin.constData(), buffer);
        if (!::inet_ntop(family, buffer, canonical, sizeof canonical))
            return std::nullopt;
        return QStringLiteral("IP:") + QString::fromLatin1(canonical);
    }
    text = text.toLower();
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    if (text.size() > 253)
        return std::nullopt;
    const QStringList labels = text.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QString& part = labels.at(i);
        if (i == 0 && part == QLatin1String("*") && labels.size() > 2)
            continue; // a wildcard, only as the whole first label of a name with 3+ labels
        if (!label.match(part).hasMatch())
            return std::nullopt;
    }
    return QStringLiteral("DNS:") + text;
}

Result<QStringList> DevPki::subjectAltNames(const QStringList& hosts)
{
    QStringList entries;
    for (const QString& host : hosts) {
        const std::optional<QString> entry = subjectAltName(host);
        if (!entry)
            return invalid(QStringLiteral("\"%1\" is neither a host name nor an IP address: give "
                                          "names such as localhost or redis.dev.example.com, and "
                                          "addresses such as 127.0.0.1 or ::1.")
                               .arg(host.simplified().left(80)));
        if (!entries.contains(*entry))
            entries << *entry;
    }
    if (entries.isEmpty())
        return invalid(QStringLiteral("The server certificate needs at least one host name or "
                                      "IP address (--hosts localhost,127.0.0.1)."));
    return entries;
}

QStringList DevPki::fileNames(const DevPkiOptions& options)
{
    QStringList names{caCertName(), caKeyName(), serverCertName(), serverKeyName()};
    if (options.clientCertificate)
        names << clientCertName() << clientKeyName();
    return names;
}

Result<void> DevPki::refuseExisting(const QString& directory, const QStringList& names)
{
    const QString absolute = QDir(directory).absolutePath();
    QStringList existing;
    for (const QString& name : names)
        if (QFileInfo::exists(absolute + QLatin1Char('/') + name) ||
            QFileInfo(absolute + QLatin1Char('/') + name).isSymLink())
            existing << name;
    if (!existing.isEmpty())
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("%1 already holds %2: nothing was written. Choose another "
                                   "directory, or add --force to replace them.")
                        .arg(absolute, existing.join(QStringLiteral(", "))));
    return {};
}

Result<QStringList> DevPki::generate(const DevPkiOptions& options,
                                     const QList<DevPkiExtraFile>& extra)
{
    if (options.directory.trimmed().isEmpty())
        return invalid(QStringLiteral("Name the directory to write the PKI to (--out DIR)."));
    if (hasControl(options.directory))
        return invalid(QStringLiteral("The directory name contains a line break or a control "
                                      "character: server configuration files cannot name it."));
    if (options.days < 1 || options.days > MaxDays)
        return invalid(QStringLiteral("Certificates can be valid for 1 to %1 days, not %2.")
                           .arg(MaxDays)
                           .arg(options.days));
    const Result<QStringList> sans = subjectAltNames(options.hosts);
    if (!sans)
        return std::unexpected(sans.error());

    // Every name in the set, checked before anything is generated or written.
    QStringList names = fileNames(options);
    for (const DevPkiExtraFile& file : extra) {
        if (file.name.isEmpty() || file.name.contains(QLatin1Char('/')) ||
            file.name.startsWith(QLatin1Char('.')) || names.contains(file.name))
            return invalid(QStringLiteral("\"%1\" cannot be written with the PKI.").arg(file.name));
        names << file.name;
    }

    const QString directory = QDir(options.directory).absolutePath();
    const QFileInfo directoryInfo(directory);
    if (directoryInfo.exists() && !directoryInfo.isDir())
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("%1 exists and is not a directory.").arg(directory));
    if (!directoryInfo.exists()) {
        if (!QDir().mkpath(directory))
            return fail(ErrorCode::FileError, Stage::None,
                        QStringLiteral("Cannot create the directory %1.").arg(directory));
        ::chmod(QFile::encodeName(directory).constData(), 0700);
    }

    if (!options.force)
        if (auto refused = refuseExisting(directory, names); !refused)
            return std::unexpected(refused.error());

    // Keys and certificates.
    auto caKey = generateKey(options.keyType);
    if (!caKey)
        return std::unexpected(caKey.error());
    auto serverKey = generateKey(options.keyType);
    if (!serverKey)
        return std::unexpected(serverKey.error());
    Key clientKey;
    if (options.clientCertificate) {
        auto key = generateKey(options.keyType);
        if (!key)
            return std::unexpected(key.error());
        clientKey = std::move(*key);
    }

    QString commonName;
    for (const QString& entry : *sans)
        if (commonName.isEmpty() && entry.startsWith(QLatin1String("DNS:")))
            commonName = entry.mid(4);
    if (commonName.isEmpty())
        commonName = sans->first().section(QLatin1Char(':'), 1);
    const QString machine = QSysInfo::machineHostName();
    const QString caName =
        QStringLiteral("Rediscope development CA%1 %2")
            .arg(machine.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(machine.left(40)),
                 QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));

    Spec caSpec{Role::Ca, caName, {}, std::max<long>(options.days, CaMinimumDays), false};
    auto ca = issue(caSpec, caKey->get(), nullptr, nullptr);
    if (!ca)
        return std::unexpected(ca.error());
    Spec serverSpec{Role::Server, commonName, *sans, options.days, options.serverAlsoClient};
    auto server = issue(serverSpec, serverKey->get(), ca->get(), caKey->get());
    if (!server)
        return std::unexpected(server.error());
    Cert client;
    if (clientKey) {
        Spec clientSpec{
            Role::Client, QStringLiteral("rediscope-dev-client"), {}, options.days, false};
        auto issued = issue(clientSpec, clientKey.get(), ca->get(), caKey->get());
        if (!issued)
            return std::unexpected(issued.error());
        client = std::move(*issued);
    }

    // Write every file under a temporary name.
    const QString suffix = randomSuffix();
    QList<Pending> pending;
    const auto cleanUp = [&pending]() {
        for (const Pending& file : std::as_const(pending)) {
            if (file.placed)
                ::unlink(QFile::encodeName(file.finalPath).constData());
            else
                ::unlink(QFile::encodeName(file.tempPath).constData());
        }
    };
    const auto stage = [&](const QString& name, mode_t mode,
                           const std::function<bool(int)>& writer) -> Result<void> {
        Pending file{directory + QLatin1Char('/') + name,
                     directory + QStringLiteral("/.") + name + QStringLiteral(".tmp-") + suffix};
        auto written = writeNew(file.tempPath, mode, writer);
        if (!written)
            return written;
        pending << file;
        return {};
    };

    struct Item
    {
        QString name;
        mode_t mode;
        std::function<bool(int)> writer;
    };
    QList<Item> items{
        {caCertName(), 0644,
         [&](int fd) {
             return writeCertificates(fd, {ca->get()});
         }},
        {caKeyName(), 0600,
         [&](int fd) {
             return writeKey(fd, caKey->get());
         }},
        // The server sends its certificate alone: the CA is the trust anchor clients hold.
        {serverCertName(), 0644,
         [&](int fd) {
             return writeCertificates(fd, {server->get()});
         }},
        {serverKeyName(), 0600,
         [&](int fd) {
             return writeKey(fd, serverKey->get());
         }},
    };
    if (client) {
        items << Item{clientCertName(), 0644,
                      [&](int fd) {
                          return writeCertificates(fd, {client.get()});
                      }}
              << Item{clientKeyName(), 0600, [&](int fd) {
                          return writeKey(fd, clientKey.get());
                      }};
    }
    for (const DevPkiExtraFile& file : extra)
        items << Item{file.name, static_cast<mode_t>(file.secret ? 0600 : 0644), [&file](int fd) {
                          return writeAll(fd, file.content);
                      }};

    for (const Item& item : std::as_const(items)) {
        if (auto staged = stage(item.name, item.mode, item.writer); !staged) {
            cleanUp();
            return std::unexpected(staged.error());
        }
    }

    // Then rename them into place.
    QStringList written;
    for (Pending& file : pending) {
        const int error = place(file.tempPath, file.finalPath, options.force);
        if (error != 0) {
            QStringList replaced;
            if (options.force)
                for (const Pending& other : std::as_const(pending))
                    if (other.placed)
                        replaced << QFileInfo(other.finalPath).fileName();
            if (options.force) // replaced files cannot be brought back: keep what is in place
                for (Pending& other : pending)
                    other.placed = false;
            cleanUp();
            QString message =
                error == EEXIST ? QStringLiteral("%1 appeared while the PKI was being written: "
                                                 "nothing was written.")
                                      .arg(file.finalPath)
                                : QStringLiteral("Cannot move %1 into place.").arg(file.finalPath);
            if (!replaced.isEmpty())
                message += QStringLiteral(" Already replaced: %1.")
                               .arg(replaced.join(QStringLiteral(", ")));
            return fileFailure(message, error);
        }
        file.placed = true;
        written << file.finalPath;
    }
    syncDirectory(directory);
    return written;
}

} // namespace rediscope
