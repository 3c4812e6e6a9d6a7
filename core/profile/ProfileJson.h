#pragma once

#include "common/Error.h"
#include "profile/Profile.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QUuid>
#include <optional>

namespace rediscope {

// One profile object of the profiles file (schema `rediscope-profiles/1`), read and written.
//
// Keys (snake_case): id, name, service, environment, host, port, db, username, password,
// tls {enabled, verify_peer, verify_hostname, sni, ca_file, ca_dir, cert_file, key_file,
// key_passphrase, min_protocol, ciphers, ciphersuites}, expected_server, tags, notes, timeout.
//
// Reading rules:
// - A missing key (or JSON null) takes the Profile default; a present key of the wrong type or
//   out of range is an error naming the profile (1-based position and name) and the key path.
// - A missing id is given a fresh one (reported as `idGenerated`: the next save writes it); a
//   present id that is not a UUID is an error.
// - A secret reference is {"source": "keychain" | "prompt" | "none" | "env:VAR"}. A secret
//   written inline — "password": "text" or {"value": "text", …} — is honoured into
//   Profile::inlinePassword (key_passphrase → inlineKeyPassphrase) and reported; the reference
//   becomes the object's explicit non-"none" source, otherwise "prompt". Other keys inside a
//   secret object are dropped (they might hold secret material). An empty inline string means
//   no secret.
// - Unknown keys of the profile object and of "tls" are kept in the unknownFields members.
//
// Writing never includes an inline secret: only the reference. Empty optional strings, empty
// tags and a "none" key passphrase are omitted; everything else is always written.
struct ProfileJsonRead
{
    Profile profile;
    bool inlinePassword = false;      // "password" held the secret itself
    bool inlineKeyPassphrase = false; // "tls.key_passphrase" held the secret itself
    bool idGenerated = false;         // the object had no id; profile.id is new

    bool hasInlineSecret() const { return inlinePassword || inlineKeyPassphrase; }
};

// `index` is the 0-based position in the "profiles" array, used in error messages ("Profile 3
// (\"prod cache\"): …"); pass -1 for a profile read on its own. Errors are
// ErrorCode::InvalidArgument and never quote a value (it could be a secret). On an error,
// `errorPath` (when given) is set to the path of the offending value inside the profile object
// ("port", "tls.verify_peer", "tags[2]"), or to "" when the value itself is not an object.
Result<ProfileJsonRead> profileFromJson(const QJsonValue& value, int index = -1,
                                        QString* errorPath = nullptr);

QJsonObject profileToJson(const Profile& profile);

// How messages name a profile: "Profile 3 (\"prod cache\")", "Profile 3", "Profile \"prod
// cache\"", "The profile". `index` is 0-based; -1 for none.
QString profileLabel(int index, const QString& name);

// A place in the text of a profiles file: 1-based line, and 1-based column counted in characters
// (code points), as editors show it.
struct TextPosition
{
    int line = 0;
    int column = 0;

    QString toString() const; // "line 3, column 7"
    bool operator==(const TextPosition&) const = default;
};

// The position of byte `offset` of `text` (clamped to the text).
TextPosition textPositionOf(const QByteArray& text, qsizetype offset);

// Where the JSON value at `path` starts in `text`: object keys joined by dots, array indices in
// brackets ("profiles[2].tls.verify_peer", "environments"). A key written twice counts as its
// last occurrence, as the JSON reader keeps it. std::nullopt when the text does not hold that
// value, or is not well-formed JSON on the way to it. Reads the raw bytes: no JSON is parsed.
std::optional<TextPosition> jsonValuePosition(const QByteArray& text, const QString& path);

// Where the profile with `id` writes `field` in the profiles file `fileBytes` (a path inside
// the profile object as for jsonValuePosition; its "id" by default). std::nullopt when no
// profile of the file has that id, or it does not write the field.
std::optional<TextPosition> profileFieldPosition(const QByteArray& fileBytes, const QUuid& id,
                                                 const QString& field = QStringLiteral("id"));

} // namespace rediscope
