#include "MemorySecretStore.h"

#include "common/SecureBytes.h"

#include <QMutexLocker>

namespace rediscope {

namespace {

std::unexpected<Error> unavailableError()
{
    return fail(ErrorCode::FileError, Stage::None,
                QStringLiteral("The secret store is not available; the secret will be asked "
                               "each session."));
}

} // namespace

QString MemorySecretStore::backendName() const
{
    return QStringLiteral("memory");
}

Result<QString> MemorySecretStore::keyFor(const QUuid& profile, const QString& field) const
{
    if (profile.isNull())
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("A secret needs a profile id."));
    if (field.isEmpty() || field.contains(QLatin1Char('/')))
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("“%1” is not a secret field name.").arg(field));
    return profile.toString(QUuid::WithoutBraces) + QLatin1Char('/') + field;
}

Result<QByteArray> MemorySecretStore::read(const QUuid& profile, const QString& field)
{
    const Result<QString> key = keyFor(profile, field);
    if (!key)
        return std::unexpected(key.error());
    QMutexLocker lock(&m_mutex);
    if (m_unavailable)
        return unavailableError();
    return m_secrets.value(*key);
}

Result<void> MemorySecretStore::write(const QUuid& profile, const QString& field,
                                      const QByteArray& secret)
{
    const Result<QString> key = keyFor(profile, field);
    if (!key)
        return std::unexpected(key.error());
    QMutexLocker lock(&m_mutex);
    if (m_unavailable)
        return unavailableError();
    QByteArray previous = m_secrets.take(*key);
    secureWipe(previous);
    if (!secret.isEmpty())
        m_secrets.insert(*key, secret);
    return {};
}

Result<void> MemorySecretStore::remove(const QUuid& profile, const QString& field)
{
    const Result<QString> key = keyFor(profile, field);
    if (!key)
        return std::unexpected(key.error());
    QMutexLocker lock(&m_mutex);
    if (m_unavailable)
        return unavailableError();
    QByteArray previous = m_secrets.take(*key);
    secureWipe(previous);
    return {};
}

void MemorySecretStore::setUnavailable(bool unavailable)
{
    QMutexLocker lock(&m_mutex);
    m_unavailable = unavailable;
}

bool MemorySecretStore::contains(const QUuid& profile, const QString& field) const
{
    const Result<QString> key = keyFor(profile, field);
    QMutexLocker lock(&m_mutex);
    return key && m_secrets.contains(*key);
}

qsizetype MemorySecretStore::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_secrets.size();
}

void MemorySecretStore::clear()
{
    QMutexLocker lock(&m_mutex);
    for (QByteArray& secret : m_secrets)
        secureWipe(secret);
    m_secrets.clear();
}

MemorySecretStore::~MemorySecretStore()
{
    clear();
}

} // namespace rediscope
