// The profiles file survives the process dying at any point of a save, a full disk and a
// read-only folder: a separate process (rediscope-profile-saver) saves through ProfileStore and is
// killed with SIGKILL at random points during 1,000 saves; it also runs with a small
// RLIMIT_FSIZE, and as a user that cannot write the folder.

#include "StoreVersions.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <sys/stat.h>
#include <unistd.h>

using namespace rediscope;

namespace {

constexpr int TotalVersions = 1000;
constexpr int ProcessTimeoutMs = 60 * 1000; // a safety net against a hung saver, not a timing

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.write(bytes) == bytes.size();
}

// The version a profiles file holds; -1 when it does not parse or holds no counter.
int versionIn(const QString& path)
{
    auto store = ProfileStore::open(path);
    return store ? storeversions::versionOf(*store) : -1;
}

struct SaverRun
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray errorOutput;
};

// Runs the saver to its end, no kill.
SaverRun runSaver(const QStringList& arguments)
{
    QProcess saver;
    saver.start(QStringLiteral(REDISCOPE_PROFILE_SAVER), arguments);
    SaverRun run;
    if (!saver.waitForStarted(ProcessTimeoutMs) || !saver.waitForFinished(ProcessTimeoutMs))
        return run;
    run.exitCode = saver.exitCode();
    run.crashed = saver.exitStatus() != QProcess::NormalExit;
    run.errorOutput = saver.readAllStandardError();
    return run;
}

} // namespace

class TestStoreCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void versionsAreDistinct();
    void killedAtRandomPointsNeverTearsTheFile();
    void emptyLockFileOfAKilledSaverDoesNotBlockSaving();
    void fileSizeLimitKeepsTheOldFile_data();
    void fileSizeLimitKeepsTheOldFile();
    void readOnlyFolderKeepsTheOldFile();
};

void TestStoreCrashSafety::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(REDISCOPE_PROFILE_SAVER)), REDISCOPE_PROFILE_SAVER);
}

void TestStoreCrashSafety::versionsAreDistinct()
{
    // The check below tells versions apart by their bytes: no two may be equal, and the set of
    // profiles must really change size.
    QSet<QByteArray> seen;
    QSet<int> sizes;
    for (int version = 1; version <= 60; ++version) {
        const QByteArray bytes = storeversions::bytesOf(version);
        QVERIFY(!seen.contains(bytes));
        seen.insert(bytes);
        ProfileStore store{QString()};
        storeversions::applyVersion(store, version);
        QCOMPARE(storeversions::versionOf(store), version);
        sizes.insert(static_cast<int>(store.profiles().size()));
    }
    QVERIFY(sizes.size() > 30);
}

void TestStoreCrashSafety::killedAtRandomPointsNeverTearsTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("rediscope-profiles.json"));
    const QString backup = path + QStringLiteral(".bak");
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    QRandomGenerator random(seed);

    int onDisk = 0; // the version the file holds
    int rounds = 0;
    int kills = 0;
    bool finished = false;
    while (!finished) {
        QVERIFY2(++rounds <= 2 * TotalVersions, "the saver makes no progress");
        QProcess saver;
        saver.start(QStringLiteral(REDISCOPE_PROFILE_SAVER),
                    {path, QStringLiteral("--until"), QString::number(TotalVersions)});
        QVERIFY(saver.waitForStarted(ProcessTimeoutMs));

        // Let it save 1..30 times, then kill it somewhere inside one of the next saves.
        const int savesBeforeKill = static_cast<int>(random.bounded(1, 31));
        int acknowledged = onDisk;
        const auto readLines = [&] {
            while (saver.canReadLine()) {
                const QByteArray line = saver.readLine().trimmed();
                QVERIFY2(line.startsWith("saved "), line.constData());
                const int version = line.mid(6).toInt();
                QCOMPARE(version, acknowledged + 1);
                acknowledged = version;
            }
        };
        while (acknowledged - onDisk < savesBeforeKill && saver.state() == QProcess::Running) {
            if (!saver.canReadLine() && !saver.waitForReadyRead(ProcessTimeoutMs))
                break; // it exited (the last version is written) or hung (checked below)
            readLines();
        }
        if (saver.state() == QProcess::Running) {
            // A random point: somewhere in the lock, the backup, the write or the rename.
            QThread::usleep(random.bounded(4000u));
            saver.kill(); // SIGKILL
            ++kills;
        }
        if (saver.state() != QProcess::NotRunning)
            QVERIFY(saver.waitForFinished(ProcessTimeoutMs));
        readLines();
        if (saver.exitStatus() == QProcess::NormalExit) {
            QVERIFY2(saver.exitCode() == 0, saver.readAllStandardError().constData());
            finished = true;
        }

        // The file parses and is exactly the version last acknowledged or the one being saved.
        const int version = versionIn(path);
        QVERIFY2(version == acknowledged || version == acknowledged + 1,
                 qPrintable(QStringLiteral("round %1: the file holds version %2, the saver had "
                                           "acknowledged %3")
                                .arg(rounds)
                                .arg(version)
                                .arg(acknowledged)));
        QCOMPARE(readAll(path), storeversions::bytesOf(version));
        // The backup is a complete earlier version: the previous one, or the current one when
        // the kill came between writing the backup and replacing the file.
        if (version >= 2) {
            const int previous = versionIn(backup);
            QVERIFY2(previous == version - 1 || previous == version,
                     qPrintable(QStringLiteral("round %1: file at version %2, backup at %3")
                                    .arg(rounds)
                                    .arg(version)
                                    .arg(previous)));
            QCOMPARE(readAll(backup), storeversions::bytesOf(previous));
        }
        onDisk = version;
    }
    QCOMPARE(versionIn(path), TotalVersions);
    QVERIFY2(kills >= 20, qPrintable(QStringLiteral("only %1 kills").arg(kills)));
    qInfo("%d versions saved in %d runs of the saver, %d of them killed", TotalVersions, rounds,
          kills);
}

void TestStoreCrashSafety::emptyLockFileOfAKilledSaverDoesNotBlockSaving()
{
    // A kill between creating the lock file and writing the owner into it leaves it empty.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("rediscope-profiles.json"));
    QVERIFY(writeAll(path, storeversions::bytesOf(1)));
    QVERIFY(writeAll(path + QStringLiteral(".lock"), QByteArray()));

    const SaverRun run = runSaver({path, QStringLiteral("--until"), QStringLiteral("2")});
    QVERIFY2(run.exitCode == 0, run.errorOutput.constData());
    QCOMPARE(readAll(path), storeversions::bytesOf(2));
    QVERIFY(!QFile::exists(path + QStringLiteral(".lock")));
}

void TestStoreCrashSafety::fileSizeLimitKeepsTheOldFile_data()
{
    QTest::addColumn<bool>("backupFits");
    QTest::newRow("the backup does not fit") << false;
    QTest::newRow("the backup fits, the new version does not") << true;
}

void TestStoreCrashSafety::fileSizeLimitKeepsTheOldFile()
{
    QFETCH(bool, backupFits);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("rediscope-profiles.json"));
    const QString backup = path + QStringLiteral(".bak");
    // Version 4 holds 29 profiles, version 5 holds 36: the next save grows the file.
    const QByteArray old = storeversions::bytesOf(4);
    const QByteArray next = storeversions::bytesOf(5);
    QVERIFY(next.size() > old.size() + 1000);
    QVERIFY(writeAll(path, old));
    const qint64 limit = backupFits ? (old.size() + next.size()) / 2 : old.size() / 2;

    const SaverRun run = runSaver({path, QStringLiteral("--until"), QStringLiteral("5"),
                                   QStringLiteral("--fsize-limit"), QString::number(limit)});
    QVERIFY(!run.crashed);
    QCOMPARE(run.exitCode, 1);
    const QString message = QString::fromUtf8(run.errorOutput);
    const QString failedFile = backupFits ? path : backup;
    QVERIFY2(message.contains(QStringLiteral("Could not save the profiles to %1").arg(path)),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("writing %1 failed").arg(failedFile)),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("the file size limit of this process (ulimit -f) is "
                                             "%1 bytes")
                                  .arg(limit)),
             qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("The file was not changed")), qPrintable(message));

    // The old file is intact; the backup is the old version too, or was never written; no
    // temporary file is left behind.
    QCOMPARE(readAll(path), old);
    QStringList expected = {QStringLiteral("rediscope-profiles.json")};
    if (backupFits) {
        QCOMPARE(readAll(backup), old);
        expected.append(QStringLiteral("rediscope-profiles.json.bak"));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name), expected);

    // Room again: the same saver saves.
    const SaverRun again = runSaver({path, QStringLiteral("--until"), QStringLiteral("5")});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(readAll(path), next);
    QCOMPARE(readAll(backup), old);
}

void TestStoreCrashSafety::readOnlyFolderKeepsTheOldFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/rediscope-profiles.json");
    const QByteArray old = storeversions::bytesOf(7);
    QVERIFY(writeAll(path, old));

    // Root ignores permissions: the saver drops to "nobody", who owns the file but not the folder.
    QStringList arguments = {path, QStringLiteral("--until"), QStringLiteral("8")};
    if (::geteuid() == 0) {
        QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
        QVERIFY(::chown(QFile::encodeName(path).constData(), 65534, 65534) == 0);
        arguments.append(QStringLiteral("--as-nobody"));
    }
    QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0555) == 0);
    const SaverRun run = runSaver(arguments);
    QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0755) == 0);

    QVERIFY(!run.crashed);
    QCOMPARE(run.exitCode, 1);
    const QString message = QString::fromUtf8(run.errorOutput);
    QVERIFY2(message.contains(QStringLiteral("Could not save the profiles to %1").arg(path)),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("the folder %1 is not writable").arg(folder)),
             qPrintable(message));
    QCOMPARE(readAll(path), old);
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("rediscope-profiles.json")});
}

QTEST_GUILESS_MAIN(TestStoreCrashSafety)
#include "tst_StoreCrashSafety.moc"
