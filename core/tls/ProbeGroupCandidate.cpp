#include "ProbeGroupCandidate.h"

#include "tls/ProbeHandshake.h"

#include <openssl/ssl.h>

namespace rediscope::probe {

QList<GroupCandidate> knownGroups()
{
    QList<GroupCandidate> known;
    ContextPtr scratch(SSL_CTX_new(TLS_client_method()));
    for (const GroupCandidate& candidate : GroupCandidates)
        if (scratch && SSL_CTX_set1_groups_list(scratch.get(), candidate.name) == 1)
            known.append(candidate);
    return known;
}

} // namespace rediscope::probe
