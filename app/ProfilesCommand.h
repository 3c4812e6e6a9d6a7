#pragma once

#include <QStringList>

namespace rediscope {

// `rediscope profiles list|show|add|remove|import|export ...`: returns the process exit status
// (0 done, 1 could not be done, 2 bad usage or unreadable input). Passwords and key passphrases
// go to the system keychain (KeychainSecretStore); without one, a secret is refused rather than
// stored anywhere else.
int runProfiles(const QStringList& arguments);

} // namespace rediscope
