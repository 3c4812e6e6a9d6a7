#pragma once

#include "audit/AuditTarget.h"
#include "common/Error.h"
#include "profile/ProfileStore.h"

#include <QObject>
#include <memory>
#include <optional>

namespace rediscope {

class SecretStore;

// The profiles file and the secret store behind the application.
//
// open() never refuses: a file that cannot be read (broken JSON, wrong types, …) leaves an empty
// store that is read-only — loadError() says where the file is broken — and the file is never
// written; a file of a newer schema opens read-only with its profiles. Every change is saved at
// once through ProfileStore::save (atomic, 0600, .bak); when saving fails (a conflict with
// another program's change, a disk error) nothing changes in memory and the error says why.
//
// Secrets are never read here; removing or copying a profile's keychain entries runs off the
// GUI thread.
class ProfilesController : public QObject
{
    Q_OBJECT

public:
    struct Secret
    {
        QUuid profileId;
        QString field; // SecretResolver::passwordField() / keyPassphraseField()
        QByteArray value;
    };

    explicit ProfilesController(std::shared_ptr<SecretStore> secrets, QObject* parent = nullptr);
    ~ProfilesController() override;

    void open(const QString& path);
    // Reads the file again (after a conflict, or when it was fixed).
    void reload() { open(m_store.path()); }

    QString path() const { return m_store.path(); }
    bool isReadOnly() const { return m_loadError.has_value() || m_store.isReadOnly(); }
    // Why the file is read-only, in words (names the file, and the line and column of a
    // syntax error); empty when it is writable.
    QString readOnlyReason() const;
    const std::optional<Error>& loadError() const { return m_loadError; }
    QStringList warnings() const { return m_store.warnings(); }

    const QList<Profile>& profiles() const { return m_store.profiles(); }
    std::optional<Profile> find(const QUuid& id) const { return m_store.find(id); }
    const EnvironmentPolicies& policies() const { return m_store.policies(); }
    // Environments and services in use (and environments the file configures).
    QStringList environments() const;
    QStringList services() const;

    // What to connect to or audit, without secrets: the profile, its environment's policy and
    // where it is written in the profiles file.
    AuditTarget target(const Profile& profile) const;

    // Adds or replaces a profile and saves.
    Result<QUuid> save(const Profile& profile);
    // Adds or replaces several profiles and saves once.
    Result<void> saveAll(const QList<Profile>& profiles);
    Result<void> remove(const QUuid& id);

    std::shared_ptr<SecretStore> secretStore() const { return m_secrets; }
    // Removes the keychain entries of a (deleted) profile, off the GUI thread.
    void removeSecrets(const Profile& profile);
    // Copies the keychain entries of `from` to the profile `to` (a duplicate), off the GUI thread.
    void copySecrets(const Profile& from, const QUuid& to);
    // Writes secrets (e.g. found by an import) to the store, off the GUI thread.
    void writeSecrets(const QList<Secret>& secrets);
    // Secret operations still running.
    int pendingSecretOperations() const { return m_pendingSecretOperations; }

Q_SIGNALS:
    void profilesChanged();
    void storeStateChanged(); // opened, reloaded, read-only or not
    // A keychain operation failed; in words, without the secret.
    void secretOperationFailed(const QString& message);
    void secretOperationsFinished();

private:
    Result<void> commit(const ProfileStore& before);
    void runSecretOperation(std::function<QStringList(SecretStore&)> work);
    void readFileBytes();

    std::shared_ptr<SecretStore> m_secrets;
    ProfileStore m_store;
    std::optional<Error> m_loadError;
    QByteArray m_fileBytes; // for the profiles' line numbers
    int m_pendingSecretOperations = 0;
};

} // namespace rediscope
