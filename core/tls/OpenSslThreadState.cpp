#include "OpenSslThreadState.h"

#include <openssl/crypto.h>

namespace rediscope {

void releaseOpenSslThreadState()
{
    OPENSSL_thread_stop();
}

} // namespace rediscope
