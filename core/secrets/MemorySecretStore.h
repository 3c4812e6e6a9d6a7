#pragma once

#include "secrets/SecretStore.h"

#include <QHash>
#include <QMutex>

namespace rediscope {

// A SecretStore in process memory, for tests and for "ask each session": nothing is persisted.
// Thread-safe. setUnavailable(true) makes every call fail the way an absent keychain does.
class MemorySecretStore final : public SecretStore
{
public:
    MemorySecretStore() = default;
    ~MemorySecretStore() override; // wipes the secrets it holds
    MemorySecretStore(const MemorySecretStore&) = delete;
    MemorySecretStore& operator=(const MemorySecretStore&) = delete;

    QString backendName() const override;
    Result<QByteArray> read(const QUuid& profile, const QString& field) override;
    Result<void> write(const QUuid& profile, const QString& field,
                       const QByteArray& secret) override;
    Result<void> remove(const QUuid& profile, const QString& field) override;

    void setUnavailable(bool unavailable);
    bool contains(const QUuid& profile, const QString& field) const;
    qsizetype size() const;
    void clear();

private:
    Result<QString> keyFor(const QUuid& profile, const QString& field) const;

    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_secrets;
    bool m_unavailable = false;
};

} // namespace rediscope
