#pragma once

#include "common/Error.h"
#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <optional>

namespace rediscope {

// A profile whose secret was found written inline in the file (profile.secret_plaintext).
struct InlineSecretNote
{
    QUuid id;
    QString name;
    bool password = false;
    bool keyPassphrase = false;

    bool operator==(const InlineSecretNote&) const = default;
};

// The profiles file (`rediscope-profiles.json`, schema `rediscope-profiles/1`):
//
//   {"schema": "rediscope-profiles/1", "environments": {…}, "profiles": […], <unknown keys>}
//
// A plain value: open() reads the file, the accessors edit the copy in memory, save() writes it
// back. Written with sorted keys, profiles sorted by service, environment, name and id, 2-space
// indentation and a trailing newline, so the file diffs well and is safe to commit: it holds
// secret references only, never a secret.
//
// save() is atomic (QSaveFile), leaves the file and its `.bak` (the previous version) at mode
// 0600, and never overwrites a file it cannot parse. If another program changed the file since
// it was loaded, the two versions are merged by profile id (environments and unknown top-level
// keys by key); a profile changed on both sides is a conflict and nothing is written.
class ProfileStore
{
public:
    static constexpr int SchemaVersion = 1;
    static QString schemaName(); // "rediscope-profiles/1"

    // An empty store for `path` that has read nothing; as if the file did not exist. save()
    // still refuses to overwrite an existing file it cannot parse.
    explicit ProfileStore(QString path = defaultPath());

    // A missing or empty file is an empty store. Unparsable JSON, invalid UTF-8 (both with line
    // and column), wrong types (naming profile and field), duplicate ids and a missing or foreign
    // schema are errors (ErrorCode::FileError). A newer schema opens read-only.
    static Result<ProfileStore> open(const QString& path);
    // open() on bytes already read (the fuzzer and tests use it): the same rules and errors;
    // `path` names the file in messages and is where save() writes.
    static Result<ProfileStore> fromBytes(const QString& path, const QByteArray& bytes);

    // ~/.config/rediscope/rediscope-profiles.json (GenericConfigLocation, so it does not depend
    // on the application name).
    static QString defaultPath();

    QString path() const { return m_path; }
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    QStringList warnings() const { return m_warnings; } // e.g. ids given to id-less profiles
    bool isModified() const;                            // differs from what was loaded/saved

    // Sorted by service, environment, name (case-insensitive, then by case), then id.
    const QList<Profile>& profiles() const { return m_content.profiles; }
    std::optional<Profile> find(const QUuid& id) const;
    // The one profile with exactly this name; InvalidArgument when there is none or several.
    Result<Profile> findByName(const QString& name) const;
    // Adds or replaces (by id) a profile; a null id is given a fresh one. InvalidArgument if the
    // profile could not be read back from the file (port 0, unknown server kind, bad env name…).
    Result<QUuid> upsert(Profile profile);
    bool remove(const QUuid& id);

    const EnvironmentPolicies& policies() const { return m_content.policies; }
    void setPolicies(const EnvironmentPolicies& policies) { m_content.policies = policies; }

    // Top-level keys this version does not know; written back unchanged.
    QJsonObject unknownFields() const { return m_content.unknown; }

    // Profiles currently holding a secret that was found inline in the file. The secret is used
    // for this session only; save() writes the reference ("prompt" unless changed) in its place.
    QList<InlineSecretNote> inlineSecretsFound() const;

    // The bytes save() would write.
    QByteArray toBytes() const;

    // Refuses (FileError) when read-only, when the file on disk cannot be parsed, or when
    // another program's changes conflict with ours; a write failure leaves the old file intact.
    // Afterwards the written file is the new baseline.
    Result<void> save();

private:
    struct Content
    {
        QList<Profile> profiles;
        EnvironmentPolicies policies;
        QJsonObject unknown;
    };
    struct Loaded
    {
        Content content;
        QString readOnlyReason;
        QStringList warnings;
    };

    static Result<Loaded> parse(const QString& path, const QByteArray& bytes);
    static QByteArray serialize(const Content& content);
    static void sortProfiles(QList<Profile>& profiles);
    static bool hasInlineSecrets(const Content& content);
    Result<Content> merge(const Content& theirs) const;
    void setBaseline(bool exists, const QByteArray& bytes, const Content& content);

    QString m_path;
    Content m_content;
    QString m_readOnlyReason;
    QStringList m_warnings;

    // What the file held when loaded or last saved.
    bool m_baseExists = false;
    QByteArray m_baseHash;
    Content m_base;
};

} // namespace rediscope
