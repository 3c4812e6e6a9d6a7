#pragma once

// Helpers shared by the importers (not part of the public API).

#include "common/Error.h"
#include "profile/ProfileImport.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>

namespace rediscope::importsupport {

std::unexpected<Error> invalid(const QString& message);

// A new profile with a fresh id, environment "development" and TLS off (the source decides).
ImportedProfile newImportedProfile();

// Validates and normalises a host as RedisUrl does (lower-case names, IDN as ACE, IPv6 without
// brackets). Accepts a bracketed IPv6 address too.
Result<QString> normaliseHost(const QString& host);

// "host:port", with brackets for IPv6: the name of a profile whose source gave none.
QString defaultProfileName(const QString& host, quint16 port);

// Records a warning about one profile: in the profile, and prefixed with its name in the result.
void warn(ImportResult& result, ImportedProfile& imported, const QString& message);
// The form a profile warning takes in ImportResult::warnings.
QString profileWarning(const QString& profileName, const QString& message);

// Records a PEM object the source embedded, with its pending warning.
void addEmbeddedFile(ImportResult& result, ImportedProfile& imported, EmbeddedFile::Kind kind,
                     const QString& sourceName, const QByteArray& content);

bool isPem(const QByteArray& text);

// A valid environment name (as `--environment` accepts), lower-cased; nullopt otherwise.
std::optional<QString> environmentName(const QString& text);

// Timeout in whole seconds from milliseconds, rounded up and clamped to 1..3600.
int timeoutSecondsFromMilliseconds(double milliseconds);

// Seconds from "2.5", "500ms", "10s" or "1m30s" (Go and Lettuce durations; a bare number is
// seconds). nullopt for anything else, or a negative duration.
std::optional<double> durationSeconds(const QString& text);

// "line 3, column 7" for a byte offset into `data` (columns count characters).
QString lineColumn(const QByteArray& data, qsizetype offset);

// Offset of the first byte that is not valid UTF-8, or -1.
qsizetype invalidUtf8Offset(const QByteArray& data);

// Lenient JSON readers: the other tools write numbers as strings and booleans as strings at
// times. nullopt when the value is absent or of an unusable type.
std::optional<bool> jsonBool(const QJsonValue& value);
std::optional<qint64> jsonInteger(const QJsonValue& value);
std::optional<double> jsonNumber(const QJsonValue& value);
QString jsonString(const QJsonValue& value); // empty unless a string (or a number)

// A human description of a JSON value's type for warnings: "a number", "an object", ...
QString jsonTypeName(const QJsonValue& value);

// The port of an entry: 1..65535; `fallback` when absent.
Result<quint16> jsonPort(const QJsonValue& value, quint16 fallback);

// "entry 3" or "entry 3 (\"name\")" for messages about an entry of a JSON list.
QString entryLabel(qsizetype index, const QString& name);

// Reads host and port of a JSON entry into the profile (host normalised; an empty host is
// `defaultHost`, or an error when that is empty too). The error says why the entry is skipped.
std::optional<QString> readJsonEndpoint(const QJsonObject& entry, Profile& profile,
                                        const QString& defaultHost = QString());

// Records that an entry was skipped, and why: "RESP.app entry 2 ("x") was skipped: reason."
void warnSkipped(ImportResult& result, const QString& sourceTitle, const QString& label,
                 const QString& reason);

// One warning per key of `entry` that is neither mapped nor knowingly ignored.
void warnUnknownKeys(ImportResult& result, ImportedProfile& imported, const QJsonObject& entry,
                     const QStringList& knownKeys, const QString& sourceTitle);

} // namespace rediscope::importsupport
