#include "ProfilesController.h"

#include "audit/AuditTargets.h"
#include "common/SecureBytes.h"
#include "controllers/AsyncTask.h"
#include "secrets/SecretResolver.h"
#include "secrets/SecretStore.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace rediscope {

namespace {

bool usesKeychain(const Profile& profile)
{
    return profile.password.source == SecretRef::Source::Keychain ||
           profile.tls.keyPassphrase.source == SecretRef::Source::Keychain;
}

QStringList secretFields()
{
    return {SecretResolver::passwordField(), SecretResolver::keyPassphraseField()};
}

} // namespace

ProfilesController::ProfilesController(std::shared_ptr<SecretStore> secrets, QObject* parent)
    : QObject(parent)
    , m_secrets(std::move(secrets))
    , m_store(QString())
{}

ProfilesController::~ProfilesController() = default;

void ProfilesController::open(const QString& path)
{
    auto opened = ProfileStore::open(path);
    if (opened) {
        m_store = std::move(*opened);
        m_loadError.reset();
    } else {
        // Nothing is shown from a broken file and nothing is ever written to it.
        m_store = ProfileStore(path);
        m_loadError = opened.error();
    }
    readFileBytes();
    Q_EMIT storeStateChanged();
    Q_EMIT profilesChanged();
}

void ProfilesController::readFileBytes()
{
    QFile file(m_store.path());
    m_fileBytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString ProfilesController::readOnlyReason() const
{
    if (m_loadError)
        return m_loadError->message;
    return m_store.readOnlyReason();
}

QStringList ProfilesController::environments() const
{
    QStringList names;
    QSet<QString> seen;
    for (const Profile& profile : profiles())
        if (!seen.contains(profile.environment)) {
            seen.insert(profile.environment);
            names << profile.environment;
        }
    for (const QString& name : policies().overrides().keys())
        if (!seen.contains(name)) {
            seen.insert(name);
            names << name;
        }
    return names;
}

QStringList ProfilesController::services() const
{
    QStringList names;
    QSet<QString> seen;
    for (const Profile& profile : profiles())
        if (!profile.service.isEmpty() && !seen.contains(profile.service)) {
            seen.insert(profile.service);
            names << profile.service;
        }
    return names;
}

AuditTarget ProfilesController::target(const Profile& profile) const
{
    AuditTarget target;
    target.profile = profile;
    target.policy = policies().forEnvironment(profile.environment);
    if (!m_fileBytes.isEmpty()) {
        target.sourceFile = QFileInfo(m_store.path()).absoluteFilePath();
        target.sourceLine = profileLineInFile(m_fileBytes, profile.id);
    }
    return target;
}

Result<void> ProfilesController::commit(const ProfileStore& before)
{
    if (isReadOnly()) {
        m_store = before;
        return fail(ErrorCode::FileError, Stage::None, readOnlyReason());
    }
    Result<void> saved = m_store.save();
    if (!saved) {
        m_store = before;
        return saved;
    }
    readFileBytes();
    Q_EMIT profilesChanged();
    return {};
}

Result<QUuid> ProfilesController::save(const Profile& profile)
{
    const ProfileStore before = m_store;
    Result<QUuid> id = m_store.upsert(profile);
    if (!id) {
        m_store = before;
        return id;
    }
    if (Result<void> saved = commit(before); !saved)
        return std::unexpected(saved.error());
    return id;
}

Result<void> ProfilesController::saveAll(const QList<Profile>& profiles)
{
    const ProfileStore before = m_store;
    for (const Profile& profile : profiles) {
        if (Result<QUuid> id = m_store.upsert(profile); !id) {
            m_store = before;
            return std::unexpected(id.error());
        }
    }
    return commit(before);
}

Result<void> ProfilesController::remove(const QUuid& id)
{
    const ProfileStore before = m_store;
    if (!m_store.remove(id))
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    tr("The profile is no longer in the profiles file."));
    return commit(before);
}

void ProfilesController::runSecretOperation(std::function<QStringList(SecretStore&)> work)
{
    if (!m_secrets)
        return;
    ++m_pendingSecretOperations;
    runAsync(
        this, [store = m_secrets, work = std::move(work)] { return work(*store); },
        [this](const QStringList& errors) {
            --m_pendingSecretOperations;
            for (const QString& error : errors)
                Q_EMIT secretOperationFailed(error);
            if (m_pendingSecretOperations == 0)
                Q_EMIT secretOperationsFinished();
        });
}

void ProfilesController::removeSecrets(const Profile& profile)
{
    if (!usesKeychain(profile))
        return;
    const QUuid id = profile.id;
    const QString name = profile.name;
    runSecretOperation([id, name](SecretStore& store) {
        QStringList errors;
        for (const QString& field : secretFields())
            if (Result<void> removed = store.remove(id, field); !removed)
                errors << tr("The keychain entry of the deleted profile “%1” could not be "
                             "removed: %2")
                              .arg(name, removed.error().message);
        return errors;
    });
}

void ProfilesController::copySecrets(const Profile& from, const QUuid& to)
{
    if (!usesKeychain(from))
        return;
    const QUuid id = from.id;
    const QString name = from.name;
    runSecretOperation([id, to, name](SecretStore& store) {
        QStringList errors;
        for (const QString& field : secretFields()) {
            Result<QByteArray> secret = store.read(id, field);
            if (!secret) {
                errors << tr("The keychain entry of “%1” could not be copied to its duplicate: "
                             "%2")
                              .arg(name, secret.error().message);
                continue;
            }
            if (secret->isEmpty())
                continue;
            if (Result<void> written = store.write(to, field, *secret); !written)
                errors << tr("The keychain entry of “%1” could not be copied to its duplicate: "
                             "%2")
                              .arg(name, written.error().message);
            secureWipe(*secret);
        }
        return errors;
    });
}

void ProfilesController::writeSecrets(const QList<Secret>& secrets)
{
    if (secrets.isEmpty())
        return;
    runSecretOperation([secrets](SecretStore& store) {
        QStringList errors;
        for (const Secret& secret : secrets) {
            if (Result<void> written = store.write(secret.profileId, secret.field, secret.value);
                !written)
                errors << tr("A secret could not be written to the keychain: %1")
                              .arg(written.error().message);
        }
        return errors;
    });
}

} // namespace rediscope
