#pragma once

// The import fuzz targets: one format each, and what the application does with the result
// (export it again, store it, write it as the profiles file would).

#include "FuzzSupport.h"
#include "profile/ProfileExport.h"
#include "profile/ProfileImport.h"
#include "profile/ProfileJson.h"
#include "profile/ProfileStore.h"

namespace rediscope::fuzz {

inline int importOne(const uint8_t* data, size_t size, const QString& format)
{
    static const bool quiet = (quietQt(), true);
    Q_UNUSED(quiet);
    const QByteArray input = bytes(data, size);
    (void)detectImportFormat(input);
    auto result = importProfiles(input, format);
    if (!result)
        return 0;
    ProfileStore store(QString{});
    for (const ImportedProfile& imported : result->profiles) {
        (void)exportUrl(imported.profile);
        (void)exportRedisCli(imported.profile);
        if (store.upsert(imported.profile)) {
            // A profile the store accepts reads back from its JSON form.
            if (!profileFromJson(profileToJson(imported.profile)))
                __builtin_trap();
        }
    }
    // The file the store would write parses again.
    if (!ProfileStore::fromBytes(QStringLiteral("fuzz.json"), store.toBytes()))
        __builtin_trap();
    return 0;
}

} // namespace rediscope::fuzz
