// rediscope-keychain: the only code that calls QtKeychain, in a module of its own that the engine
// loads on first use (core/secrets/KeychainModule).

#include "secrets/KeychainModuleApi.h"

#include <qt6keychain/keychain.h>

using namespace rediscope::keychain;

extern "C" Q_DECL_EXPORT void rediscopeKeychainStartJob(const JobRequest& request, JobDone done)
{
    QKeychain::Job* job = nullptr;
    switch (request.kind) {
    case JobKind::Read:
        job = new QKeychain::ReadPasswordJob(request.service);
        break;
    case JobKind::Write: {
        auto* write = new QKeychain::WritePasswordJob(request.service);
        if (request.asText)
            write->setTextData(request.text);
        else
            write->setBinaryData(request.binary);
        job = write;
        break;
    }
    case JobKind::Remove:
        job = new QKeychain::DeletePasswordJob(request.service);
        break;
    }
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(request.key);
    const JobKind kind = request.kind;
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [kind, done = std::move(done)](QKeychain::Job* finished) {
                         QByteArray data;
                         if (kind == JobKind::Read && finished->error() == QKeychain::NoError)
                             data =
                                 static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData();
                         done(int(finished->error()), finished->errorString(), data);
                         finished->deleteLater();
                     });
    job->start();
}
