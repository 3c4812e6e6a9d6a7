#pragma once

#include "common/Error.h"
#include "profile/Profile.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace rediscope {

// Importing connection profiles from other tools.
//
// Formats (the `formatHint` of importProfiles, and ImportResult::format):
//   "url"          redis:// and rediss:// URLs, one per line, with the query options of redis-py,
//                  go-redis and Lettuce (see UrlImporter.h for the list)
//   "redis-cli"    redis-cli command lines, one per line (shell quoting, `\` continuations)
//   "respapp"      RESP.app / RedisDesktopManager connections.json
//   "ardm"         Another Redis Desktop Manager export (connections.ano = base64 JSON, or JSON)
//   "redisinsight" RedisInsight database export (JSON, with or without secrets)
//   "auto"         detect from the content
//
// Secrets found in the input (passwords, key passphrases, private keys) go into the transient
// fields of ImportedProfile only: never into Profile, a warning, a note or an error. The caller
// moves them to the secret store and then sets `profile.password = SecretRef::keychain()` (and
// `profile.tls.keyPassphrase`). A password given as a reference (redis-cli --askpass, or
// `REDISCLI_AUTH="$VAR"`) is mapped to SecretRef::prompt() / SecretRef::env() directly.
//
// Settings that only describe how the *source* application behaved (RESP.app ignoring host name
// mismatches, Another Redis Desktop Manager never verifying certificates) are not copied: the
// profile keeps Rediscope's secure defaults and a note says what changed. Settings the source
// states explicitly ("ignore all SSL errors", ssl_cert_reqs=none, --insecure) are mapped
// faithfully, so the audit can flag them.

enum class ImportFormat
{
    Auto,
    Url,
    RedisCli,
    RespApp,
    Ardm,
    RedisInsight,
};

QString importFormatName(ImportFormat format);  // "auto", "url", "redis-cli", ...
QString importFormatTitle(ImportFormat format); // "RESP.app connections.json", ... for people
std::optional<ImportFormat> importFormatFromName(const QString& name);
QStringList importFormatNames(); // every accepted hint, "auto" first

// A PEM object embedded in an export instead of a file path (RedisInsight's caCert/clientCert,
// redis-py's ssl_ca_data). Importers never write files: saveEmbeddedFiles() does, on request.
struct EmbeddedFile
{
    enum class Kind
    {
        CaCertificate,
        ClientCertificate,
        ClientKey, // a secret: never logged or shown
    };

    Kind kind = Kind::CaCertificate;
    QString sourceName; // the name the source gave it ("prod-ca"), may be empty
    QByteArray content; // PEM text
    QString warning;    // the pending warning in ImportResult::warnings, until the file is saved
};

struct ImportedProfile
{
    Profile profile; // fresh id, environment "development" unless the source says otherwise

    QByteArray password;      // secret found in the input; empty when none
    QByteArray keyPassphrase; // secret found in the input; empty when none
    QList<EmbeddedFile> embeddedFiles;

    QStringList notes;    // remarks about this profile, for people (never a secret)
    QStringList warnings; // what could not be mapped for this profile (also in ImportResult)
};

struct ImportResult
{
    ImportFormat format = ImportFormat::Auto; // the format actually read
    QList<ImportedProfile> profiles;
    // What could not be mapped, in words: `Profile "name": ...` for one profile, or about the
    // input as a whole. Never holds a secret.
    QStringList warnings;
};

// The format the data looks like, or nullopt when it is none of them.
std::optional<ImportFormat> detectImportFormat(const QByteArray& data);

// Reads profiles from `data` (a file's bytes, or pasted text). Errors are
// ErrorCode::InvalidArgument with a message that names the line (and column) where the input
// is broken, and never contains a secret. An input that holds no connection is an error too.
Result<ImportResult> importProfiles(const QByteArray& data,
                                    const QString& formatHint = QStringLiteral("auto"));

// Writes every embedded PEM object of `result` into `directory` (created if missing) as
// "<profile-name>-ca.pem", "-client.crt.pem", "-client.key.pem" (a numeric suffix is added
// instead of ever replacing a file), sets the profile's ca_file / cert_file / key_file to the
// absolute paths, removes the now resolved warnings and clears `embeddedFiles`. Key files are
// created with mode 0600, certificates 0644. Returns the paths written. On error, the files
// written so far are removed and `result` is left unchanged.
Result<QStringList> saveEmbeddedFiles(ImportResult& result, const QString& directory);

} // namespace rediscope
