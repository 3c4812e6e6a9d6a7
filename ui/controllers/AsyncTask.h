#pragma once

#include "BackgroundPriority.h"
#include "tls/OpenSslThreadState.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QScopeGuard>
#include <QtConcurrent/QtConcurrentRun>
#include <type_traits>
#include <utility>

namespace rediscope {

// Runs `work` on the global QThreadPool, at a lower CPU priority than the GUI thread
// (lowerThisThreadPriority), and calls `done(result)` on `context`'s thread once it
// finishes — unless `context` is gone by then, in which case the result is dropped. The watcher
// is parented to `context`, so nothing outlives it and no nested event loop ever runs.
//
// Blocking core calls (connect, audit, console commands) go through this and nothing else; the
// caller tags each request with an id and ignores results whose id is stale.
template <typename Work, typename Done>
void runAsync(QObject* context, Work&& work, Done&& done)
{
    using Result = std::invoke_result_t<Work>;
    auto* watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         if (watcher->future().isValid() && watcher->future().resultCount() > 0)
                             done(watcher->future().result());
                     });
    watcher->setFuture(QtConcurrent::run([work = std::forward<Work>(work)]() mutable {
        lowerThisThreadPriority();
        // The pool thread outlives the task: its OpenSSL state goes with the task, not with a
        // thread exit that may only come while the process exits.
        const auto release = qScopeGuard([] { releaseOpenSslThreadState(); });
        return work();
    }));
}

} // namespace rediscope
