// rediscope-profile-saver: saves a profiles file again and again through ProfileStore, for
// tst_StoreCrashSafety (which kills it at random points).
//
//   rediscope-profile-saver FILE --until N [--fsize-limit BYTES] [--as-nobody]
//
// Opens FILE, reads the version it holds (see StoreVersions.h) and saves every next version up to
// N, each one on a fresh open of the file, as separate runs of the application would. After each
// save it writes "saved <version>" on standard output. --fsize-limit sets RLIMIT_FSIZE (with
// SIGXFSZ ignored, so an oversized write fails instead of killing the process); --as-nobody drops
// root to uid/gid 65534 first. Exit status: 0 when N was reached, 1 with the store's error on
// standard error, 2 for bad usage.

#include "StoreVersions.h"

#include <QCoreApplication>
#include <QStringList>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace rediscope;

namespace {

void say(const QByteArray& line)
{
    const QByteArray text = line + '\n';
    (void)!::write(STDOUT_FILENO, text.constData(), static_cast<size_t>(text.size()));
}

int usage()
{
    std::fputs(
        "usage: rediscope-profile-saver FILE --until N [--fsize-limit BYTES] [--as-nobody]\n",
        stderr);
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    QString path;
    int until = -1;
    qint64 fsizeLimit = -1;
    bool asNobody = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--until") && i + 1 < arguments.size())
            until = arguments.at(++i).toInt();
        else if (argument == QLatin1String("--fsize-limit") && i + 1 < arguments.size())
            fsizeLimit = arguments.at(++i).toLongLong();
        else if (argument == QLatin1String("--as-nobody"))
            asNobody = true;
        else if (path.isEmpty() && !argument.startsWith(QLatin1Char('-')))
            path = argument;
        else
            return usage();
    }
    if (path.isEmpty() || until < 0)
        return usage();

    if (asNobody && ::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
        std::perror("setuid");
        return 2;
    }
    if (fsizeLimit >= 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{static_cast<rlim_t>(fsizeLimit), static_cast<rlim_t>(fsizeLimit)};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) {
            std::perror("setrlimit");
            return 2;
        }
    }

    for (;;) {
        auto store = ProfileStore::open(path);
        if (!store) {
            std::fprintf(stderr, "%s\n", qPrintable(store.error().toString()));
            return 1;
        }
        const int version = storeversions::versionOf(*store);
        if (version < 0) {
            std::fprintf(stderr, "%s holds no version counter\n", qPrintable(path));
            return 1;
        }
        if (version >= until)
            return 0;
        storeversions::applyVersion(*store, version + 1);
        if (auto saved = store->save(); !saved) {
            std::fprintf(stderr, "%s\n", qPrintable(saved.error().toString()));
            return 1;
        }
        say("saved " + QByteArray::number(version + 1));
    }
}
