#include "ProfileStore.h"

#include "profile/ProfileJson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStorageInfo>
#include <algorithm>
#include <array>
#include <iterator>
#include <sys/resource.h>

namespace rediscope {

namespace {

const QString SchemaKey = QStringLiteral("schema");
const QString EnvironmentsKey = QStringLiteral("environments");
const QString ProfilesKey = QStringLiteral("profiles");

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions OwnerOnlyDir = OwnerOnly | QFileDevice::ExeOwner;

QByteArray hashOf(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// The byte offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or -1.
qsizetype invalidUtf8Offset(const QByteArray& bytes)
{
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = data[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            if (lead == 0xe0)
                low = 0xa0;
            else if (lead == 0xed)
                high = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            if (lead == 0xf0)
                low = 0x90;
            else if (lead == 0xf4)
                high = 0x8f;
        } else {
            return i;
        }
        for (int k = 1; k < length; ++k) {
            if (i + k >= size)
                return i;
            const unsigned char next = data[i + k];
            const unsigned char min = k == 1 ? low : 0x80;
            const unsigned char max = k == 1 ? high : 0xbf;
            if (next < min || next > max)
                return i;
        }
        i += length;
    }
    return -1;
}

// "line 3, column 7" for a byte offset; the column counts characters (code points).
QString positionOf(const QByteArray& bytes, qsizetype offset)
{
    return textPositionOf(bytes, offset).toString();
}

// "line 3, column 7: " for the value at `path` of the file, or "" when it cannot be found.
QString valuePositionPrefix(const QByteArray& bytes, const QString& path)
{
    const auto position = jsonValuePosition(bytes, path);
    return position ? position->toString() + QStringLiteral(": ") : QString();
}

std::unexpected<Error> unreadable(const QString& path, const QString& problem,
                                  const QString& detail = {})
{
    return fail(ErrorCode::FileError, Stage::None,
                QStringLiteral("Cannot read the profiles file %1: %2 Fix or move the file; "
                               "Rediscope will not overwrite it.")
                    .arg(QDir::toNativeSeparators(path), problem),
                detail);
}

// JSON with 2-space indentation, sorted keys (QJsonObject iterates in key order), "{}" / "[]"
// for empty containers. Scalars are encoded by Qt.
void writeJson(QByteArray& out, const QJsonValue& value, int depth)
{
    const auto indent = [&out](int level) {
        out.append(QByteArray(level * 2, ' '));
    };
    const auto scalar = [](const QJsonValue& scalarValue) {
        QByteArray text = QJsonDocument(QJsonArray{scalarValue}).toJson(QJsonDocument::Compact);
        return text.mid(1, text.size() - 2); // strip "[" and "]"
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            indent(depth + 1);
            out.append(scalar(QJsonValue(it.key())));
            out.append(": ");
            writeJson(out, it.value(), depth + 1);
            if (std::next(it) != object.constEnd())
                out.append(',');
            out.append('\n');
        }
        indent(depth);
        out.append('}');
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (qsizetype i = 0; i < array.size(); ++i) {
            indent(depth + 1);
            writeJson(out, array.at(i), depth + 1);
            if (i + 1 < array.size())
                out.append(',');
            out.append('\n');
        }
        indent(depth);
        out.append(']');
    } else {
        out.append(scalar(value));
    }
}

// Why writing `size` bytes to `path` failed, in words: Qt's error text often loses errno ("Unknown
// error"), so the usual causes are looked for directly.
QString writeFailure(const QString& path, qint64 size)
{
    const QString file = QDir::toNativeSeparators(path);
    rlimit limit{};
    if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
        static_cast<qint64>(limit.rlim_cur) < size)
        return QStringLiteral("writing %1 failed: the file size limit of this process (ulimit "
                              "-f) is %2 bytes, and the file needs %3 bytes.")
            .arg(file)
            .arg(static_cast<qint64>(limit.rlim_cur))
            .arg(size);
    const QStorageInfo storage(QFileInfo(path).absolutePath());
    if (storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < size)
        return QStringLiteral("writing %1 failed: the disk is full (%2 bytes free on %3, %4 "
                              "needed).")
            .arg(file)
            .arg(storage.bytesAvailable())
            .arg(QDir::toNativeSeparators(storage.rootPath()))
            .arg(size);
    return QStringLiteral("writing %1 failed (is the disk full?).").arg(file);
}

QString describeProfile(const Profile& profile)
{
    const QString id = profile.id.toString(QUuid::WithoutBraces);
    if (profile.name.isEmpty())
        return QStringLiteral("profile %1").arg(id);
    return QStringLiteral("\"%1\" (%2)").arg(profile.name, id);
}

// Three-way merge of keyed values: changes on one side win over the unchanged other side;
// changes on both sides to different values are conflicts (returned, nothing merged for them).
template <typename Key, typename Value, typename Equal>
QList<Key> mergeThreeWay(const QHash<Key, Value>& base, const QHash<Key, Value>& mine,
                         const QHash<Key, Value>& theirs, Equal equal, QHash<Key, Value>& merged)
{
    QList<Key> conflicts;
    QList<Key> keys = mine.keys();
    for (const Key& key : theirs.keys())
        if (!mine.contains(key))
            keys.append(key);
    for (const Key& key : keys) {
        const bool inBase = base.contains(key);
        const bool inMine = mine.contains(key);
        const bool inTheirs = theirs.contains(key);
        if (inMine && inTheirs) {
            const Value& m = mine[key];
            const Value& t = theirs[key];
            if (equal(m, t) || (inBase && equal(t, base[key])))
                merged.insert(key, m);
            else if (inBase && equal(m, base[key]))
                merged.insert(key, t);
            else
                conflicts.append(key);
        } else if (inMine) {
            if (!inBase)
                merged.insert(key, mine[key]); // added here
            else if (!equal(mine[key], base[key]))
                conflicts.append(key); // changed here, deleted there
            // else: deleted there, unchanged here
        } else {
            if (!inBase)
                merged.insert(key, theirs[key]); // added there
            else if (!equal(theirs[key], base[key]))
                conflicts.append(key); // changed there, deleted here
            // else: deleted here, unchanged there
        }
    }
    return conflicts;
}

QHash<QString, QJsonValue> toHash(const QJsonObject& object)
{
    QHash<QString, QJsonValue> hash;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        hash.insert(it.key(), it.value());
    return hash;
}

QJsonObject toObject(const QHash<QString, QJsonValue>& hash)
{
    QJsonObject object;
    for (auto it = hash.constBegin(); it != hash.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QHash<QUuid, Profile> byId(const QList<Profile>& profiles)
{
    QHash<QUuid, Profile> hash;
    for (const Profile& profile : profiles)
        hash.insert(profile.id, profile);
    return hash;
}

} // namespace

QString ProfileStore::schemaName()
{
    return QStringLiteral("rediscope-profiles/%1").arg(SchemaVersion);
}

QString ProfileStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/rediscope/rediscope-profiles.json");
}

ProfileStore::ProfileStore(QString path)
    : m_path(std::move(path))
{}

Result<ProfileStore> ProfileStore::open(const QString& path)
{
    ProfileStore store(path);
    const QFileInfo info(path);
    if (!info.exists())
        return store;
    if (info.isDir())
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("The profiles file %1 is a directory.")
                        .arg(QDir::toNativeSeparators(path)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot open the profiles file %1 for reading.")
                        .arg(QDir::toNativeSeparators(path)),
                    file.errorString());
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(
            ErrorCode::FileError, Stage::None,
            QStringLiteral("Cannot read the profiles file %1.").arg(QDir::toNativeSeparators(path)),
            file.errorString());
    return fromBytes(path, bytes);
}

Result<ProfileStore> ProfileStore::fromBytes(const QString& path, const QByteArray& bytes)
{
    ProfileStore store(path);
    auto loaded = parse(path, bytes);
    if (!loaded)
        return std::unexpected(loaded.error());
    store.m_content = loaded->content;
    store.m_readOnlyReason = loaded->readOnlyReason;
    store.m_warnings = loaded->warnings;
    store.setBaseline(true, bytes, loaded->content);
    return store;
}

Result<ProfileStore::Loaded> ProfileStore::parse(const QString& path, const QByteArray& bytes)
{
    Loaded loaded;
    if (bytes.trimmed().isEmpty())
        return loaded; // an empty file holds nothing that could be lost

    if (const qsizetype bad = invalidUtf8Offset(bytes); bad >= 0)
        return unreadable(path, QStringLiteral("%1 (byte %2): the file is not valid UTF-8.")
                                    .arg(positionOf(bytes, bad))
                                    .arg(bad));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return unreadable(path,
                          QStringLiteral("%1: the JSON is broken (%2).")
                              .arg(positionOf(bytes, parseError.offset), parseError.errorString()));
    if (!document.isObject())
        return unreadable(path, QStringLiteral("the file must hold a JSON object "
                                               "({\"schema\": \"%1\", …}).")
                                    .arg(schemaName()));
    const QJsonObject root = document.object();

    const QJsonValue schemaValue = root.value(SchemaKey);
    if (!schemaValue.isString())
        return unreadable(path, QStringLiteral("%1it has no \"schema\" string; a Rediscope "
                                               "profiles file starts with {\"schema\": \"%2\"}.")
                                    .arg(valuePositionPrefix(bytes, SchemaKey), schemaName()));
    static const QRegularExpression schemaPattern(
        QStringLiteral("^rediscope-profiles/([1-9][0-9]{0,8})$"));
    const QString schema = schemaValue.toString();
    const QRegularExpressionMatch match = schemaPattern.match(schema);
    if (!match.hasMatch())
        return unreadable(path,
                          QStringLiteral("%1its schema \"%2\" is not a Rediscope profiles "
                                         "schema (expected \"%3\").")
                              .arg(valuePositionPrefix(bytes, SchemaKey), schema, schemaName()));
    const int version = match.captured(1).toInt();
    const bool newer = version > SchemaVersion;
    if (newer)
        loaded.readOnlyReason =
            QStringLiteral("%1 was written by a newer Rediscope (schema \"%2\"; this version "
                           "writes \"%3\"). It is open read-only so nothing in it is lost; "
                           "update Rediscope to edit it.")
                .arg(QDir::toNativeSeparators(path), schema, schemaName());

    // In a newer file, what this version cannot read is skipped (with a warning), not fatal:
    // the store is read-only and never writes it back.
    const QJsonValue environmentsValue = root.value(EnvironmentsKey);
    if (!environmentsValue.isUndefined() && !environmentsValue.isNull()) {
        QString problem;
        QString problemPath = EnvironmentsKey;
        std::optional<EnvironmentPolicies> policies;
        if (!environmentsValue.isObject()) {
            problem = QStringLiteral("\"environments\" must be an object");
        } else {
            const QJsonObject environments = environmentsValue.toObject();
            policies = EnvironmentPolicies::fromJson(environments, &problem);
            // The entry at fault: the one that does not read on its own.
            for (auto it = environments.constBegin(); !policies && it != environments.constEnd();
                 ++it)
                if (!EnvironmentPolicies::fromJson(QJsonObject{{it.key(), it.value()}}, nullptr))
                    problemPath = EnvironmentsKey + QLatin1Char('.') + it.key();
        }
        if (policies)
            loaded.content.policies = *policies;
        else if (newer)
            loaded.warnings.append(problem);
        else
            return unreadable(path,
                              valuePositionPrefix(bytes, problemPath) + problem + QLatin1Char('.'));
    }

    const QJsonValue profilesValue = root.value(ProfilesKey);
    if (!profilesValue.isUndefined() && !profilesValue.isNull()) {
        if (!profilesValue.isArray()) {
            if (!newer)
                return unreadable(path, valuePositionPrefix(bytes, ProfilesKey) +
                                            QStringLiteral("\"profiles\" must be a list."));
            loaded.warnings.append(QStringLiteral("\"profiles\" is not a list"));
        }
        const QJsonArray array = profilesValue.toArray();
        QHash<QUuid, int> seen;
        for (qsizetype i = 0; i < array.size(); ++i) {
            QString errorPath;
            auto read = profileFromJson(array.at(i), static_cast<int>(i), &errorPath);
            if (!read) {
                if (!newer) {
                    const QString element = QStringLiteral("profiles[%1]").arg(i);
                    return unreadable(
                        path,
                        valuePositionPrefix(bytes, errorPath.isEmpty()
                                                       ? element
                                                       : element + QLatin1Char('.') + errorPath) +
                            read.error().message);
                }
                loaded.warnings.append(read.error().message);
                continue;
            }
            const Profile& profile = read->profile;
            if (const auto previous = seen.constFind(profile.id); previous != seen.constEnd()) {
                const QString problem =
                    QStringLiteral("%1 and %2 have the same id %3; every profile needs its own.")
                        .arg(profileLabel(*previous, loaded.content.profiles.at(*previous).name),
                             profileLabel(static_cast<int>(i), profile.name),
                             profile.id.toString(QUuid::WithoutBraces));
                if (!newer)
                    return unreadable(
                        path, valuePositionPrefix(bytes, QStringLiteral("profiles[%1].id").arg(i)) +
                                  problem);
                loaded.warnings.append(problem);
                continue;
            }
            if (read->idGenerated)
                loaded.warnings.append(
                    QStringLiteral("%1 had no id; it was given %2, written on the next save.")
                        .arg(profileLabel(static_cast<int>(i), profile.name),
                             profile.id.toString(QUuid::WithoutBraces)));
            seen.insert(profile.id, static_cast<int>(loaded.content.profiles.size()));
            loaded.content.profiles.append(profile);
        }
    }
    sortProfiles(loaded.content.profiles);

    QJsonObject unknown = root;
    for (const QString& key : {SchemaKey, EnvironmentsKey, ProfilesKey})
        unknown.remove(key);
    loaded.content.unknown = unknown;
    return loaded;
}

QByteArray ProfileStore::serialize(const Content& content)
{
    QList<Profile> profiles = content.profiles;
    sortProfiles(profiles);
    QJsonArray array;
    for (const Profile& profile : profiles)
        array.append(profileToJson(profile)); // references only: inline secrets never written

    QJsonObject root = content.unknown;
    root.insert(SchemaKey, schemaName());
    root.insert(EnvironmentsKey, content.policies.toJson());
    root.insert(ProfilesKey, array);

    QByteArray out;
    writeJson(out, root, 0);
    out.append('\n');
    return out;
}

void ProfileStore::sortProfiles(QList<Profile>& profiles)
{
    // Case-insensitive on all three fields first, then case as a tie-breaker, then the id.
    std::stable_sort(profiles.begin(), profiles.end(), [](const Profile& a, const Profile& b) {
        const std::array<const QString*, 3> left = {&a.service, &a.environment, &a.name};
        const std::array<const QString*, 3> right = {&b.service, &b.environment, &b.name};
        for (Qt::CaseSensitivity sensitivity : {Qt::CaseInsensitive, Qt::CaseSensitive})
            for (std::size_t i = 0; i < left.size(); ++i)
                if (const int c = left[i]->compare(*right[i], sensitivity); c != 0)
                    return c < 0;
        return a.id.toString(QUuid::WithoutBraces) < b.id.toString(QUuid::WithoutBraces);
    });
}

bool ProfileStore::hasInlineSecrets(const Content& content)
{
    return std::ranges::any_of(content.profiles, [](const Profile& profile) {
        return !profile.inlinePassword.isEmpty() || !profile.inlineKeyPassphrase.isEmpty();
    });
}

void ProfileStore::setBaseline(bool exists, const QByteArray& bytes, const Content& content)
{
    m_baseExists = exists;
    m_baseHash = exists ? hashOf(bytes) : QByteArray();
    m_base = content;
}

bool ProfileStore::isModified() const
{
    return serialize(m_content) != serialize(m_base);
}

std::optional<Profile> ProfileStore::find(const QUuid& id) const
{
    for (const Profile& profile : m_content.profiles)
        if (profile.id == id)
            return profile;
    return std::nullopt;
}

Result<Profile> ProfileStore::findByName(const QString& name) const
{
    QList<Profile> matches;
    for (const Profile& profile : m_content.profiles)
        if (profile.name == name)
            matches.append(profile);
    if (matches.isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("There is no profile named \"%1\".").arg(name));
    if (matches.size() > 1) {
        QStringList ids;
        for (const Profile& profile : matches)
            ids.append(profile.id.toString(QUuid::WithoutBraces));
        return fail(
            ErrorCode::InvalidArgument, Stage::None,
            QStringLiteral("%1 profiles are named \"%2\"; use the id instead (%3).")
                .arg(QString::number(matches.size()), name, ids.join(QStringLiteral(", "))));
    }
    return matches.first();
}

Result<QUuid> ProfileStore::upsert(Profile profile)
{
    if (profile.id.isNull())
        profile.id = QUuid::createUuid();
    // Only what the file can hold back is accepted: write it and read it again.
    if (auto check = profileFromJson(profileToJson(profile)); !check)
        return std::unexpected(check.error());
    const auto existing = std::ranges::find_if(
        m_content.profiles, [&](const Profile& p) { return p.id == profile.id; });
    if (existing != m_content.profiles.end())
        *existing = profile;
    else
        m_content.profiles.append(profile);
    sortProfiles(m_content.profiles);
    return profile.id;
}

bool ProfileStore::remove(const QUuid& id)
{
    return m_content.profiles.removeIf([&](const Profile& profile) { return profile.id == id; }) >
           0;
}

QList<InlineSecretNote> ProfileStore::inlineSecretsFound() const
{
    QList<InlineSecretNote> notes;
    for (const Profile& profile : m_content.profiles) {
        if (profile.inlinePassword.isEmpty() && profile.inlineKeyPassphrase.isEmpty())
            continue;
        notes.append({profile.id, profile.name, !profile.inlinePassword.isEmpty(),
                      !profile.inlineKeyPassphrase.isEmpty()});
    }
    return notes;
}

QByteArray ProfileStore::toBytes() const
{
    return serialize(m_content);
}

Result<ProfileStore::Content> ProfileStore::merge(const Content& theirs) const
{
    Content merged;
    QStringList conflicts;

    const QHash<QUuid, Profile> base = byId(m_base.profiles);
    const QHash<QUuid, Profile> mine = byId(m_content.profiles);
    const QHash<QUuid, Profile> other = byId(theirs.profiles);
    QHash<QUuid, Profile> profiles;
    const auto sameProfile = [](const Profile& a, const Profile& b) {
        return profileToJson(a) == profileToJson(b); // as written; inline secrets do not count
    };
    for (const QUuid& id : mergeThreeWay(base, mine, other, sameProfile, profiles))
        conflicts.append(describeProfile(mine.contains(id) ? mine[id] : other[id]));
    merged.profiles = profiles.values();
    sortProfiles(merged.profiles);

    const auto sameValue = [](const QJsonValue& a, const QJsonValue& b) {
        return a == b;
    };
    QHash<QString, QJsonValue> environments;
    for (const QString& name :
         mergeThreeWay(toHash(m_base.policies.toJson()), toHash(m_content.policies.toJson()),
                       toHash(theirs.policies.toJson()), sameValue, environments))
        conflicts.append(QStringLiteral("environment \"%1\"").arg(name));
    QString problem;
    const auto policies = EnvironmentPolicies::fromJson(toObject(environments), &problem);
    if (!policies) // cannot happen: every entry was written by toJson()
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot merge the environments of %1: %2.")
                        .arg(QDir::toNativeSeparators(m_path), problem));
    merged.policies = *policies;

    QHash<QString, QJsonValue> unknown;
    for (const QString& key : mergeThreeWay(toHash(m_base.unknown), toHash(m_content.unknown),
                                            toHash(theirs.unknown), sameValue, unknown))
        conflicts.append(QStringLiteral("top-level key \"%1\"").arg(key));
    merged.unknown = toObject(unknown);

    if (!conflicts.isEmpty()) {
        conflicts.sort();
        return fail(
            ErrorCode::FileError, Stage::None,
            QStringLiteral("Another program changed %1 after Rediscope loaded it, and "
                           "these were changed both there and here: %2. Nothing was "
                           "saved; reload the file and make your changes again.")
                .arg(QDir::toNativeSeparators(m_path), conflicts.join(QStringLiteral(", "))));
    }
    return merged;
}

Result<void> ProfileStore::save()
{
    const QString nativePath = QDir::toNativeSeparators(m_path);
    const auto notSaved = [&](const QString& why, const QString& detail = {}) {
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Could not save the profiles to %1: %2 The file was not "
                                   "changed.")
                        .arg(nativePath, why),
                    detail);
    };
    if (isReadOnly())
        return notSaved(m_readOnlyReason);
    if (m_path.isEmpty())
        return notSaved(QStringLiteral("no file name was given."));

    const QFileInfo info(m_path);
    const QString directory = info.absolutePath();
    if (!QFileInfo::exists(directory)) {
        if (!QDir().mkpath(directory))
            return notSaved(QStringLiteral("the folder %1 cannot be created.")
                                .arg(QDir::toNativeSeparators(directory)));
        QFile::setPermissions(directory, OwnerOnlyDir);
    }

    // Two Rediscope processes saving at once take turns; the merge below handles the rest.
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.setStaleLockTime(30 * 1000);
    bool locked = lock.tryLock(5 * 1000);
    // A lock file without its owner's details is what a process killed while creating it leaves
    // (a live owner writes them at once, and this one waited 5 s): it goes, instead of blocking
    // every save until it is 30 s old.
    if (!locked && lock.error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString application;
        if (!lock.getLockInfo(&pid, &host, &application) && lock.removeStaleLockFile())
            locked = lock.tryLock(5 * 1000);
    }
    if (!locked) {
        switch (lock.error()) {
        case QLockFile::LockFailedError:
            return notSaved(QStringLiteral("another program is saving it right now; try again."));
        case QLockFile::PermissionError:
            return notSaved(QStringLiteral("the folder %1 is not writable.")
                                .arg(QDir::toNativeSeparators(directory)),
                            QStringLiteral("cannot create %1.lock").arg(nativePath));
        case QLockFile::NoError:
        case QLockFile::UnknownError:
            break;
        }
        return notSaved(QStringLiteral("its lock file %1.lock cannot be created.").arg(nativePath));
    }

    // What is on disk now, and whether someone else changed it since we loaded it.
    QFile current(m_path);
    const bool exists = current.exists();
    QByteArray previousBytes;
    if (exists) {
        if (!current.open(QIODevice::ReadOnly))
            return notSaved(QStringLiteral("the current file cannot be read."),
                            current.errorString());
        previousBytes = current.readAll();
        current.close();
    }
    Content previous = m_base;
    // A file that disappeared is re-created from what we have, not read as "all deleted".
    if (exists && (!m_baseExists || hashOf(previousBytes) != m_baseHash)) {
        auto theirs = parse(m_path, previousBytes);
        if (!theirs)
            return notSaved(QStringLiteral("another program changed it since it was loaded and "
                                           "it can no longer be read. %1")
                                .arg(theirs.error().message));
        if (!theirs->readOnlyReason.isEmpty())
            return notSaved(QStringLiteral("another program changed it since it was loaded. %1")
                                .arg(theirs->readOnlyReason));
        auto merged = merge(theirs->content);
        if (!merged)
            return std::unexpected(merged.error());
        // Adopt the merge and its base even if writing fails below: a retry then starts from
        // the file as it is now.
        m_content = *merged;
        setBaseline(true, previousBytes, theirs->content);
        previous = theirs->content;
    }

    const QByteArray bytes = serialize(m_content);
    if (exists && bytes == previousBytes) {
        QFile::setPermissions(m_path, OwnerOnly); // nothing to write, but keep it private
        return {};
    }

    const auto writeAtomically = [&](const QString& target,
                                     const QByteArray& data) -> Result<void> {
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly))
            return notSaved(QStringLiteral("%1 cannot be written (is the folder writable?).")
                                .arg(QDir::toNativeSeparators(target)),
                            file.errorString());
        file.setPermissions(OwnerOnly); // before any byte is written
        if (file.write(data) != data.size()) {
            const QString error = file.errorString();
            file.cancelWriting();
            return notSaved(writeFailure(target, data.size()), error);
        }
        if (!file.commit())
            return notSaved(writeFailure(target, data.size()), file.errorString());
        QFile::setPermissions(target, OwnerOnly);
        return {};
    };

    // The previous good version; re-written without its inline secrets if it had any, so the
    // secret does not linger in the backup either.
    if (exists) {
        const QByteArray backup = hasInlineSecrets(previous) ? serialize(previous) : previousBytes;
        if (auto written = writeAtomically(m_path + QStringLiteral(".bak"), backup); !written)
            return written;
    }
    if (auto written = writeAtomically(m_path, bytes); !written)
        return written;

    // The file now holds references only: the profiles' inline secrets stay in memory for this
    // session, but the baseline no longer has them.
    Content written = m_content;
    for (Profile& profile : written.profiles) {
        profile.inlinePassword.clear();
        profile.inlineKeyPassphrase.clear();
    }
    setBaseline(true, bytes, written);
    return {};
}

} // namespace rediscope
