// rediscope-lab: start, stop and list the lab's redis-server scenarios for the demo, benchmarks
// and manual runs. Tests use LabEnvironment directly.

#include "LabDemoProfiles.h"
#include "LabManifest.h"
#include "LabPki.h"
#include "LabScenario.h"
#include "LabServer.h"
#include "profile/ProfileStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>
#include <QThread>
#include <csignal>

using namespace rediscope::lab;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString defaultDirectory()
{
    const QString configured = qEnvironmentVariable("REDISCOPE_LAB_DIR");
    if (!configured.isEmpty())
        return configured;
    return QDir::tempPath() + QStringLiteral("/rediscope-lab");
}

std::optional<QJsonObject> readManifest(const QString& directory)
{
    QFile file(manifestPath(directory));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool alive(qint64 pid)
{
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0)
        return false;
    // A server that exited stays a zombie until its new parent (init) reaps it, which some
    // init processes do only every few seconds: it is gone all the same.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray text = stat.readAll();
        const qsizetype end = text.lastIndexOf(')');
        if (end >= 0 && end + 2 < text.size() && text.at(end + 2) == 'Z')
            return false;
    }
    return true;
}

void stopPid(qint64 pid)
{
    if (!alive(pid))
        return;
    ::kill(static_cast<pid_t>(pid), SIGTERM);
    for (int i = 0; i < 100 && alive(pid); ++i)
        QThread::msleep(20);
    if (alive(pid))
        ::kill(static_cast<pid_t>(pid), SIGKILL);
}

int down(const QString& directory, bool quiet = false)
{
    const auto manifest = readManifest(directory);
    if (!manifest) {
        if (!quiet)
            out() << "The lab is not running (no manifest in " << directory << ").\n";
        return 0;
    }
    const QJsonArray scenarios = manifest->value(QStringLiteral("scenarios")).toArray();
    for (const QJsonValue& value : scenarios)
        stopPid(value.toObject().value(QStringLiteral("pid")).toInteger());
    QFile::remove(manifestPath(directory));
    if (!quiet)
        out() << "Stopped " << scenarios.size() << " lab server(s).\n";
    return 0;
}

int status(const QString& directory)
{
    const auto manifest = readManifest(directory);
    if (!manifest) {
        out() << "The lab is not running (no manifest in " << directory << ").\n";
        return 1;
    }
    int running = 0;
    const QJsonArray scenarios = manifest->value(QStringLiteral("scenarios")).toArray();
    for (const QJsonValue& value : scenarios) {
        const QJsonObject entry = value.toObject();
        const bool up = alive(entry.value(QStringLiteral("pid")).toInteger());
        running += up ? 1 : 0;
        out() << QStringLiteral("  %1 %2 %3  %4\n")
                     .arg(up ? QStringLiteral("up  ") : QStringLiteral("DOWN"))
                     .arg(entry.value(QStringLiteral("name")).toString(), -14)
                     .arg(entry.value(QStringLiteral("url")).toString(), -26)
                     .arg(entry.value(QStringLiteral("description")).toString());
    }
    out() << running << " of " << scenarios.size() << " running; manifest "
          << manifestPath(directory) << "\n";
    return running == scenarios.size() ? 0 : 1;
}

int up(const QString& directory, const QStringList& names)
{
    down(directory, true);
    QList<LabScenario> scenarios;
    for (const QString& name : names) {
        const auto scenario = labScenario(name);
        if (!scenario) {
            err() << "Unknown scenario " << name << ". Known: ";
            for (const LabScenario& known : labScenarios())
                err() << known.name << ' ';
            err() << "\n";
            return 2;
        }
        scenarios << *scenario;
    }
    if (scenarios.isEmpty())
        scenarios = labScenarios();

    auto pki = LabPki::generate(directory + QStringLiteral("/pki"));
    if (!pki) {
        err() << "Cannot generate the lab PKI: " << pki.error().toString() << "\n";
        return 1;
    }
    std::vector<std::unique_ptr<LabServer>> servers;
    for (const LabScenario& scenario : std::as_const(scenarios)) {
        auto server = LabServer::start(*pki, scenario, directory, LabServer::Lifetime::Detached);
        if (!server) {
            err() << server.error().toString() << "\n";
            return 1; // the servers started so far are stopped by their destructors
        }
        servers.push_back(std::move(*server));
    }
    QList<const LabServer*> list;
    for (const auto& server : servers)
        list << server.get();
    QSaveFile file(manifestPath(directory));
    if (!file.open(QIODevice::WriteOnly)) {
        err() << "Cannot write the manifest: " << file.errorString() << "\n";
        return 1;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(manifestFor(*pki, list)).toJson());
    if (!file.commit()) {
        err() << "Cannot write the manifest: " << file.errorString() << "\n";
        return 1;
    }
    for (auto& server : servers)
        server->release(); // keep running after we exit
    out() << "Lab up: " << servers.size()
          << (servers.size() == 1 ? " redis-server" : " redis-servers") << ", CA " << pki->rootCa()
          << ", password \"" << LabPassword << "\" (a throwaway lab credential).\n";
    return status(directory);
}

// Machine-readable list for scripts: "#ca<TAB>path" lines, then "name<TAB>url<TAB>description".
int list(const QString& directory)
{
    const auto manifest = readManifest(directory);
    if (!manifest) {
        err() << "The lab is not running (no manifest in " << directory << ").\n";
        return 1;
    }
    out() << "#ca\t" << manifest->value(QStringLiteral("ca_file")).toString() << "\n"
          << "#client-cert\t" << manifest->value(QStringLiteral("client_cert")).toString() << "\n"
          << "#client-key\t" << manifest->value(QStringLiteral("client_key")).toString() << "\n"
          << "#password\t" << manifest->value(QStringLiteral("password")).toString() << "\n";
    for (const QJsonValue& value : manifest->value(QStringLiteral("scenarios")).toArray()) {
        const QJsonObject entry = value.toObject();
        out() << entry.value(QStringLiteral("name")).toString() << '\t'
              << entry.value(QStringLiteral("url")).toString() << '\t'
              << entry.value(QStringLiteral("description")).toString() << "\n";
    }
    return 0;
}

// The demo's profiles file for the running lab (three services × three environments); the
// passwords are env:REDISCOPE_LAB_PASSWORD references.
int profiles(const QString& directory, const QStringList& arguments)
{
    const auto manifest = readManifest(directory);
    if (!manifest) {
        err() << "The lab is not running (no manifest in " << directory << ").\n";
        return 1;
    }
    QString path = directory + QStringLiteral("/demo-profiles.json");
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--out")); at >= 0) {
        if (at + 1 >= arguments.size()) {
            err() << "--out needs a file.\n";
            return 2;
        }
        path = QDir(arguments.at(at + 1)).absolutePath();
    }
    QFile::remove(path); // the demo's own file: rewritten for the lab's current ports
    rediscope::ProfileStore store(path);
    for (const rediscope::Profile& profile : demoProfiles(*manifest))
        if (auto added = store.upsert(profile); !added) {
            err() << "Cannot add " << profile.name << ": " << added.error().message << "\n";
            return 1;
        }
    if (auto saved = store.save(); !saved) {
        err() << saved.error().message << "\n";
        return 1;
    }
    out() << path << "\n";
    return 0;
}

void usage()
{
    out() << "Usage: rediscope-lab up [SCENARIO...] | down | status | list | manifest |\n"
             "                     profiles [--out FILE]  [--dir DIR]\n"
             "Starts the lab's redis-server scenarios on 127.0.0.1 with generated certificates.\n"
             "DIR defaults to $REDISCOPE_LAB_DIR or "
          << QDir::tempPath() << "/rediscope-lab.\nScenarios:\n";
    for (const LabScenario& scenario : labScenarios())
        out() << QStringLiteral("  %1 %2\n").arg(scenario.name, -14).arg(scenario.description);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments().mid(1);
    QString directory = defaultDirectory();
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--dir")); at >= 0) {
        if (at + 1 >= arguments.size()) {
            err() << "--dir needs a directory.\n";
            return 2;
        }
        directory = QDir(arguments.at(at + 1)).absolutePath();
        arguments.remove(at, 2);
    }
    const QString command = arguments.value(0);
    arguments = arguments.mid(1);
    if (command == QLatin1String("up"))
        return up(directory, arguments);
    if (command == QLatin1String("down"))
        return down(directory);
    if (command == QLatin1String("status"))
        return status(directory);
    if (command == QLatin1String("list"))
        return list(directory);
    if (command == QLatin1String("profiles"))
        return profiles(directory, arguments);
    if (command == QLatin1String("manifest")) {
        out() << manifestPath(directory) << "\n";
        return readManifest(directory) ? 0 : 1;
    }
    usage();
    return command.isEmpty() || command == QLatin1String("--help") ? 0 : 2;
}
