#pragma once

// The profile sets written by rediscope-profile-saver and checked by tst_StoreCrashSafety: the
// content of version N is a function of N alone (a set that grows and shrinks, fields that
// change), so the bytes the file must hold for any version can be computed.

#include "profile/Profile.h"
#include "profile/ProfileStore.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QUuid>

namespace rediscope::storeversions {

// The profile whose notes hold the version ("version 17").
inline QUuid counterId()
{
    return QUuid(QStringLiteral("6c1b1d9e-4b5e-4f0a-9d43-0c1f8c1f0001"));
}

inline QUuid profileId(int index)
{
    return QUuid::createUuidV5(counterId(), QString::number(index));
}

inline QList<Profile> profilesOf(int version)
{
    QList<Profile> profiles;
    Profile counter = Profile::create(QStringLiteral("version counter"));
    counter.id = counterId();
    counter.host = QStringLiteral("counter.example.com");
    counter.notes = QStringLiteral("version %1").arg(version);
    profiles.append(counter);
    // 0..40 more profiles, the number going up and down from one version to the next.
    const int extra = (version * 7) % 41;
    for (int i = 0; i < extra; ++i) {
        Profile profile = Profile::create(QStringLiteral("cache %1").arg(i));
        profile.id = profileId(i);
        profile.service = QStringLiteral("service-%1").arg(i % 4);
        profile.environment = i % 3 == 0 ? QStringLiteral("production") : QStringLiteral("staging");
        profile.host = QStringLiteral("cache-%1.example.com").arg(i);
        profile.port = static_cast<quint16>(6379 + (version + i) % 100);
        profile.db = (version + i) % 16;
        profile.tls.sni = QStringLiteral("sni-%1-%2.example.com").arg(i).arg(version % 7);
        profile.tags = {QStringLiteral("round:%1").arg(version % 5),
                        QStringLiteral("index:%1").arg(i)};
        profile.notes = QString((version + i) % 300, QLatin1Char('n')); // sizes change too
        profiles.append(profile);
    }
    return profiles;
}

// Makes `store` hold exactly the profiles of `version`.
inline void applyVersion(ProfileStore& store, int version)
{
    const QList<Profile> wanted = profilesOf(version);
    QSet<QUuid> ids;
    for (const Profile& profile : wanted)
        ids.insert(profile.id);
    const QList<Profile> current = store.profiles();
    for (const Profile& profile : current)
        if (!ids.contains(profile.id))
            store.remove(profile.id);
    for (const Profile& profile : wanted)
        (void)store.upsert(profile);
}

// The bytes of the profiles file at `version`.
inline QByteArray bytesOf(int version)
{
    ProfileStore store{QString()};
    applyVersion(store, version);
    return store.toBytes();
}

// The version a store holds: 0 for an empty store, -1 when it holds no counter.
inline int versionOf(const ProfileStore& store)
{
    if (store.profiles().isEmpty())
        return 0;
    const auto counter = store.find(counterId());
    if (!counter || !counter->notes.startsWith(QLatin1String("version ")))
        return -1;
    bool ok = false;
    const int version = counter->notes.mid(8).toInt(&ok);
    return ok ? version : -1;
}

} // namespace rediscope::storeversions
