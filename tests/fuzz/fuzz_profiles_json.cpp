// The profiles file loader (ProfileStore, schema rediscope-profiles/1) from bytes. What it loads
// it writes back in a form that loads again to the same bytes.

#include "FuzzSupport.h"
#include "profile/ProfileStore.h"

using namespace rediscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool quiet = (fuzz::quietQt(), true);
    Q_UNUSED(quiet);
    const QString path = QStringLiteral("/nonexistent/rediscope-profiles.json");
    auto store = ProfileStore::fromBytes(path, fuzz::bytes(data, size));
    if (!store)
        return 0;
    (void)store->inlineSecretsFound();
    (void)store->isModified();
    for (const Profile& profile : store->profiles())
        (void)store->policies().forEnvironment(profile.environment);
    if (store->isReadOnly())
        return 0; // a newer schema: kept as it is, never rewritten
    const QByteArray written = store->toBytes();
    auto again = ProfileStore::fromBytes(path, written);
    if (!again || again->toBytes() != written ||
        again->profiles().size() != store->profiles().size())
        __builtin_trap();
    return 0;
}
