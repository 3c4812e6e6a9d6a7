// KeychainSecretStore against a real Secret Service: gnome-keyring in a private D-Bus session
// with a fresh HOME, never the user's keyring.
//
// Run as ctest does (no arguments), the binary supervises itself: it makes a temporary HOME
// (and XDG dirs), runs itself again as `dbus-run-session -- <self> <args>` with
// REDISCOPE_KEYRING_SESSION=1, and afterwards checks that no keyring daemon outlived the session
// before removing the HOME. Inside, initTestCase starts `gnome-keyring-daemon --unlock
// --components=secrets` with a password on stdin, which creates and unlocks a login keyring.
// A missing dbus-run-session, dbus-daemon, dbus-send, gnome-keyring-daemon or secret-tool is a
// failure, never a skip. `--store-child` is a helper mode: one store operation in a process whose
// D-Bus setup a test chose (no bus, a bus without a Secret Service).

#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <cstdio>
#include <signal.h>

using namespace rediscope;

namespace {

constexpr auto SessionVariable = "REDISCOPE_KEYRING_SESSION";
constexpr auto StoreTimeout = std::chrono::seconds(20);
const QByteArray KeyringPassword("pw");

// Every value is distinctive, so that a scan of HOME for it cannot match by accident.
const QByteArray AsciiSecret("rediscope-canary-ascii-7Hq2");
const QByteArray UnicodeSecret("rediscope-canary-\xc3\xbcnic\xc3\xb8" // "ünicø"
                               "de-\xe2\x82\xac-\xf0\x9f\x94\x91");   // "€-🔑"
const QByteArray BinarySecret("rediscope-canary-\x00\x01\xff\xfe\x80-bin\n\x00",
                              sizeof("rediscope-canary-\x00\x01\xff\xfe\x80-bin\n\x00") - 1);
const QByteArray OverwriteSecret("rediscope-canary-overwritten-9Zx");
const QByteArray ChildSecret("rediscope-canary-child-never-stored");

QString passwordField()
{
    return QStringLiteral("password");
}

QString passphraseField()
{
    return QStringLiteral("key_passphrase");
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& arguments, const QByteArray& input = {},
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
        int timeoutMs = 30000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return Run{-1, {}, process.errorString().toUtf8()};
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return Run{-1, process.readAllStandardOutput(), "timed out"};
    }
    const int code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return Run{code, process.readAllStandardOutput(), process.readAllStandardError()};
}

// One item as `secret-tool search --all` prints it: "label = …", "secret = …",
// "attribute.user = …" (schema shows as "schema = …").
using Item = QHash<QString, QString>;

QList<Item> searchItems(const QStringList& attributes)
{
    const Run result =
        run(QStringLiteral("secret-tool"),
            QStringList{QStringLiteral("search"), QStringLiteral("--all")} + attributes);
    QList<Item> items;
    for (const QByteArray& raw : result.out.split('\n') + result.err.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(QLatin1Char('['))) {
            items.append(Item());
            continue;
        }
        const qsizetype equals = line.indexOf(QStringLiteral(" = "));
        if (equals > 0 && !items.isEmpty())
            items.last().insert(line.left(equals), line.mid(equals + 3));
    }
    return items;
}

QList<Item> itemsFor(const QString& key)
{
    return searchItems({QStringLiteral("server"), KeychainSecretStore::serviceName(),
                        QStringLiteral("user"), key});
}

// The secret as the Secret Service holds it, looked up with secret-tool (not QtKeychain).
QByteArray lookup(const QString& key, const QString& type)
{
    return run(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("xdg:schema"),
                QStringLiteral("org.qt.keychain"), QStringLiteral("server"),
                KeychainSecretStore::serviceName(), QStringLiteral("user"), key,
                QStringLiteral("type"), type})
        .out;
}

QString keyOf(const QUuid& profile, const QString& field)
{
    return KeychainSecretStore::keyFor(profile, field).value_or(QString());
}

// Files under `root` holding any of `needles`; the needles are searched raw and base64-encoded.
QStringList filesContaining(const QString& root, const QList<QByteArray>& needles)
{
    QList<QByteArray> forms;
    for (const QByteArray& needle : needles)
        forms << needle << needle.toBase64();
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        for (const QByteArray& form : forms) {
            if (content.contains(form)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

// ---- helper process: one store operation, result on stdout ----

int runStoreChild(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    KeychainSecretStore store(std::chrono::seconds(20));
    const QUuid id = QUuid::createUuid();
    auto print = [](const char* operation, const Error* error) {
        if (!error) {
            std::printf("%s\tok\n", operation);
            return;
        }
        std::printf("%s\t%d\t%s\t%s\n", operation, static_cast<int>(error->code),
                    error->message.toUtf8().constData(), error->detail.toUtf8().constData());
    };
    const Result<void> probe = KeychainSecretStore::probe(std::chrono::seconds(20));
    print("probe", probe ? nullptr : &probe.error());
    const Result<void> written = store.write(id, passwordField(), ChildSecret);
    print("write", written ? nullptr : &written.error());
    const Result<QByteArray> read = store.read(id, passwordField());
    print("read", read ? nullptr : &read.error());
    const Result<void> removed = store.remove(id, passwordField());
    print("remove", removed ? nullptr : &removed.error());
    std::printf("available\t%d\n", KeychainSecretStore::isAvailable() ? 1 : 0);
    std::fflush(stdout);
    return 0;
}

// ---- supervisor: a fresh HOME and a private D-Bus session ----

void failOutside(const QString& message)
{
    std::fprintf(stderr, "FAIL!  : tst_KeychainSecretStore: %s\n", message.toUtf8().constData());
}

QList<qint64> processesWithHome(const QString& home)
{
    QList<qint64> pids;
    const QByteArray needle = QByteArray("HOME=") + home.toUtf8() + QByteArray(1, '\0');
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == QCoreApplication::applicationPid())
            continue;
        QFile environ(QStringLiteral("/proc/%1/environ").arg(entry));
        if (!environ.open(QIODevice::ReadOnly))
            continue;
        const QByteArray variables = QByteArray(1, '\0') + environ.readAll();
        if (variables.contains(QByteArray(QByteArray(1, '\0') + needle)))
            pids << pid;
    }
    return pids;
}

int runInPrivateSession(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    for (const char* tool :
         {"dbus-run-session", "dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
            failOutside(QStringLiteral("%1 not found: the keychain test needs a real Secret "
                                       "Service. Install the Debian packages dbus, gnome-keyring "
                                       "and libsecret-tools (scripts/install-deps.sh).")
                            .arg(QString::fromLatin1(tool)));
            return 1;
        }
    }

    QTemporaryDir home(QDir::tempPath() + QStringLiteral("/rediscope-keyring-XXXXXX"));
    if (!home.isValid()) {
        failOutside(QStringLiteral("cannot create a temporary HOME: %1").arg(home.errorString()));
        return 1;
    }
    const QString runtime = home.filePath(QStringLiteral("run"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
                             "GNOME_KEYRING_CONTROL", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
                             "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID", "QT_NO_GLIB"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"),
                       home.filePath(QStringLiteral(".local/share")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    environment.insert(QString::fromLatin1(SessionVariable), QStringLiteral("1"));

    QStringList arguments{QStringLiteral("--"), QCoreApplication::applicationFilePath()};
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QProcess session;
    session.setProcessChannelMode(QProcess::ForwardedChannels);
    session.setInputChannelMode(QProcess::ForwardedInputChannel);
    session.setProcessEnvironment(environment);
    session.start(QStringLiteral("dbus-run-session"), arguments);
    if (!session.waitForStarted(10000)) {
        failOutside(QStringLiteral("cannot start dbus-run-session: %1").arg(session.errorString()));
        return 1;
    }
    session.waitForFinished(-1);
    int status = session.exitStatus() == QProcess::NormalExit ? session.exitCode() : 1;
    if (session.exitStatus() != QProcess::NormalExit)
        failOutside(QStringLiteral("the test crashed inside the D-Bus session"));

    // The keyring daemon must end with its session bus.
    QList<qint64> left = processesWithHome(home.path());
    for (int i = 0; i < 50 && !left.isEmpty(); ++i) {
        QThread::msleep(100);
        left = processesWithHome(home.path());
    }
    if (!left.isEmpty()) {
        for (const qint64 pid : left)
            ::kill(static_cast<pid_t>(pid), SIGTERM);
        QStringList ids;
        for (const qint64 pid : left)
            ids << QString::number(pid);
        failOutside(QStringLiteral("processes outlived the D-Bus session (killed): %1")
                        .arg(ids.join(QLatin1Char(' '))));
        status = 1;
    }
    return status;
}

} // namespace

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyFormat();
    void roundTripTwoProfilesTwoFields();
    void storesInTheSecretService_data();
    void storesInTheSecretService();
    void overwriteBetweenTextAndBinaryLeavesOneItem();
    void readsAnEntryStoredByAnotherClient();
    void emptySecretRemovesTheEntry();
    void rejectsBadKeys();
    void operationsFromSuccessiveShortLivedThreads();
    void operationsFromAThreadWithItsOwnEventLoop();
    void concurrentOperationsFromTwoThreads();
    void noBackend_data();
    void noBackend();
    void fileScanFindsAPlantedSecret();
    void noSecretWrittenInPlaintextUnderHome(); // keep last: it scans what the others left

private:
    QString m_home;
};

void TestKeychainSecretStore::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet(SessionVariable), "run without REDISCOPE_KEYRING_SESSION");
    m_home = qEnvironmentVariable("HOME");
    QVERIFY2(m_home.contains(QStringLiteral("rediscope-keyring-")),
             "HOME is not the temporary one: refusing to touch a real keyring");
    QVERIFY2(!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty(),
             "no private session bus (dbus-run-session did not set DBUS_SESSION_BUS_ADDRESS)");

    QProcess daemon;
    daemon.setStandardOutputFile(QProcess::nullDevice());
    daemon.start(QStringLiteral("gnome-keyring-daemon"),
                 {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    QVERIFY2(daemon.waitForStarted(10000), qPrintable(daemon.errorString()));
    daemon.write(KeyringPassword);
    daemon.closeWriteChannel();
    QVERIFY2(daemon.waitForFinished(20000), "gnome-keyring-daemon --unlock did not return");
    QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
    QVERIFY2(daemon.exitCode() == 0, daemon.readAllStandardError().constData());

    // The daemon claims org.freedesktop.secrets shortly after --unlock returns. Ask before that
    // and the bus would start a second daemon by activation, racing the unlocked one.
    bool owned = false;
    for (int i = 0; i < 100 && !owned; ++i) {
        const Run reply = run(QStringLiteral("dbus-send"),
                              {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                               QStringLiteral("--dest=org.freedesktop.DBus"),
                               QStringLiteral("/org/freedesktop/DBus"),
                               QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                               QStringLiteral("string:org.freedesktop.secrets")});
        owned = reply.out.contains("boolean true");
        if (!owned)
            QThread::msleep(100);
    }
    QVERIFY2(owned, "gnome-keyring-daemon did not take org.freedesktop.secrets on the bus");

    const Result<void> probe = KeychainSecretStore::probe(StoreTimeout);
    QVERIFY2(probe, qPrintable(probe ? QString() : probe.error().toString()));
    QVERIFY(KeychainSecretStore::isAvailable());
    QVERIFY2(QFile::exists(m_home + QStringLiteral("/.local/share/keyrings/login.keyring")),
             "the login keyring was not created in the temporary HOME");
}

void TestKeychainSecretStore::keyFormat()
{
    const QUuid id = QUuid::fromString(QStringLiteral("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}"));
    QCOMPARE(KeychainSecretStore::keyFor(id, passwordField()).value(),
             QStringLiteral("3f2504e0-4f89-11d3-9a0c-0305e82c3301/password"));
    QCOMPARE(KeychainSecretStore::keyFor(id, passphraseField()).value(),
             QStringLiteral("3f2504e0-4f89-11d3-9a0c-0305e82c3301/key_passphrase"));
    QCOMPARE(KeychainSecretStore::serviceName(), QStringLiteral("rediscope"));
    KeychainSecretStore store;
    QCOMPARE(store.backendName(), QStringLiteral("keychain"));
}

void TestKeychainSecretStore::roundTripTwoProfilesTwoFields()
{
    KeychainSecretStore store(StoreTimeout);
    const QUuid a = QUuid::createUuid();
    const QUuid b = QUuid::createUuid();

    for (const QUuid& id : {a, b})
        for (const QString& field : {passwordField(), passphraseField()}) {
            const Result<QByteArray> missing = store.read(id, field);
            QVERIFY2(missing, qPrintable(missing ? QString() : missing.error().toString()));
            QCOMPARE(*missing, QByteArray());
        }

    QVERIFY(store.write(a, passwordField(), AsciiSecret));
    QVERIFY(store.write(a, passphraseField(), UnicodeSecret));
    QVERIFY(store.write(b, passwordField(), BinarySecret));
    QVERIFY(store.write(b, passphraseField(), AsciiSecret + "-b"));

    QCOMPARE(store.read(a, passwordField()).value(), AsciiSecret);
    QCOMPARE(store.read(a, passphraseField()).value(), UnicodeSecret);
    QCOMPARE(store.read(b, passwordField()).value(), BinarySecret);
    QCOMPARE(store.read(b, passphraseField()).value(), AsciiSecret + "-b");

    // A second instance sees the same entries: they live in the Secret Service, not the object.
    KeychainSecretStore second(StoreTimeout);
    QCOMPARE(second.read(a, passphraseField()).value(), UnicodeSecret);
    QCOMPARE(second.read(b, passwordField()).value(), BinarySecret);

    QVERIFY(store.write(a, passwordField(), OverwriteSecret));
    QCOMPARE(store.read(a, passwordField()).value(), OverwriteSecret);
    QCOMPARE(store.read(a, passphraseField()).value(), UnicodeSecret);
    QCOMPARE(itemsFor(keyOf(a, passwordField())).size(), 1);

    QVERIFY(store.remove(a, passwordField()));
    QCOMPARE(store.read(a, passwordField()).value(), QByteArray());
    QCOMPARE(itemsFor(keyOf(a, passwordField())).size(), 0);
    QCOMPARE(store.read(a, passphraseField()).value(), UnicodeSecret); // the other field stays
    QCOMPARE(store.read(b, passwordField()).value(), BinarySecret);    // the other profile too
    QVERIFY(store.remove(a, passwordField()));                         // already gone: fine

    for (const QUuid& id : {a, b})
        for (const QString& field : {passwordField(), passphraseField()})
            QVERIFY(store.remove(id, field));
    QCOMPARE(store.read(b, passwordField()).value(), QByteArray());
    QCOMPARE(itemsFor(keyOf(b, passwordField())).size(), 0);
}

void TestKeychainSecretStore::storesInTheSecretService_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("type");    // QtKeychain's "type" attribute
    QTest::addColumn<QByteArray>("held"); // what the Secret Service holds
    QTest::newRow("ascii as text") << AsciiSecret << QStringLiteral("plaintext") << AsciiSecret;
    QTest::newRow("unicode as text")
        << UnicodeSecret << QStringLiteral("plaintext") << UnicodeSecret;
    QTest::newRow("binary as base64")
        << BinarySecret << QStringLiteral("base64") << BinarySecret.toBase64();
    QTest::newRow("invalid UTF-8 as base64")
        << QByteArray("rediscope-\xc3\x28-latin1-\xe9") << QStringLiteral("base64")
        << QByteArray("rediscope-\xc3\x28-latin1-\xe9").toBase64();
    const QByteArray longSecret = QByteArray("rediscope-long-").repeated(300);
    QTest::newRow("4 KiB") << longSecret << QStringLiteral("plaintext") << longSecret;
}

void TestKeychainSecretStore::storesInTheSecretService()
{
    QFETCH(QByteArray, secret);
    QFETCH(QString, type);
    QFETCH(QByteArray, held);

    KeychainSecretStore store(StoreTimeout);
    const QUuid id = QUuid::createUuid();
    const QString key = keyOf(id, passwordField());
    QVERIFY(store.write(id, passwordField(), secret));

    const QList<Item> items = itemsFor(key);
    QCOMPARE(items.size(), 1);
    const Item& item = items.first();
    QCOMPARE(item.value(QStringLiteral("schema")), QStringLiteral("org.qt.keychain"));
    QCOMPARE(item.value(QStringLiteral("attribute.server")), QStringLiteral("rediscope"));
    QCOMPARE(item.value(QStringLiteral("attribute.user")), key);
    QCOMPARE(item.value(QStringLiteral("attribute.type")), type);
    QCOMPARE(item.value(QStringLiteral("label")), QStringLiteral("rediscope"));
    QCOMPARE(lookup(key, type), held);

    QCOMPARE(store.read(id, passwordField()).value(), secret);
    QVERIFY(store.remove(id, passwordField()));
    QCOMPARE(itemsFor(key).size(), 0);
    QCOMPARE(lookup(key, type), QByteArray());
}

void TestKeychainSecretStore::overwriteBetweenTextAndBinaryLeavesOneItem()
{
    // QtKeychain keys text and binary values apart (type=plaintext / type=base64) and reads the
    // text one first: a binary value written over a text one must not leave the text one behind.
    KeychainSecretStore store(StoreTimeout);
    const QUuid id = QUuid::createUuid();
    const QString key = keyOf(id, passwordField());
    const QList<QByteArray> sequence{AsciiSecret, BinarySecret, UnicodeSecret, BinarySecret + "2",
                                     OverwriteSecret};
    for (const QByteArray& secret : sequence) {
        QVERIFY(store.write(id, passwordField(), secret));
        QCOMPARE(store.read(id, passwordField()).value(), secret);
        QCOMPARE(itemsFor(key).size(), 1);
    }
    QVERIFY(store.remove(id, passwordField()));
    QCOMPARE(itemsFor(key).size(), 0);
}

void TestKeychainSecretStore::readsAnEntryStoredByAnotherClient()
{
    const QUuid id = QUuid::createUuid();
    const QString key = keyOf(id, passphraseField());
    const Run stored = run(
        QStringLiteral("secret-tool"),
        {QStringLiteral("store"), QStringLiteral("--label=rediscope"), QStringLiteral("xdg:schema"),
         QStringLiteral("org.qt.keychain"), QStringLiteral("server"), QStringLiteral("rediscope"),
         QStringLiteral("user"), key, QStringLiteral("type"), QStringLiteral("plaintext")},
        UnicodeSecret);
    QVERIFY2(stored.exitCode == 0, stored.err.constData());

    KeychainSecretStore store(StoreTimeout);
    QCOMPARE(store.read(id, passphraseField()).value(), UnicodeSecret);
    QCOMPARE(store.read(id, passwordField()).value(), QByteArray());
    QVERIFY(store.remove(id, passphraseField()));
    QCOMPARE(itemsFor(key).size(), 0);
}

void TestKeychainSecretStore::emptySecretRemovesTheEntry()
{
    KeychainSecretStore store(StoreTimeout);
    const QUuid id = QUuid::createUuid();
    QVERIFY(store.write(id, passwordField(), AsciiSecret));
    QCOMPARE(itemsFor(keyOf(id, passwordField())).size(), 1);
    QVERIFY(store.write(id, passwordField(), QByteArray()));
    QCOMPARE(itemsFor(keyOf(id, passwordField())).size(), 0);
    QCOMPARE(store.read(id, passwordField()).value(), QByteArray());
}

void TestKeychainSecretStore::rejectsBadKeys()
{
    KeychainSecretStore store(StoreTimeout);
    const Result<void> nullId = store.write(QUuid(), passwordField(), AsciiSecret);
    QVERIFY(!nullId);
    QCOMPARE(nullId.error().code, ErrorCode::InvalidArgument);
    const Result<QByteArray> slash = store.read(QUuid::createUuid(), QStringLiteral("a/b"));
    QVERIFY(!slash);
    QCOMPARE(slash.error().code, ErrorCode::InvalidArgument);
    const Result<void> empty = store.remove(QUuid::createUuid(), QString());
    QVERIFY(!empty);
    QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
}

namespace {

// write, read back, remove, read again; an empty string when all went as expected.
QString cycle(KeychainSecretStore& store, const QByteArray& secret)
{
    const QUuid id = QUuid::createUuid();
    if (const Result<void> written = store.write(id, passwordField(), secret); !written)
        return written.error().toString();
    const Result<QByteArray> read = store.read(id, passwordField());
    if (!read)
        return read.error().toString();
    if (*read != secret)
        return QStringLiteral("read back a different value");
    if (const Result<void> removed = store.remove(id, passwordField()); !removed)
        return removed.error().toString();
    const Result<QByteArray> gone = store.read(id, passwordField());
    if (!gone)
        return gone.error().toString();
    if (!gone->isEmpty())
        return QStringLiteral("still there after remove");
    return {};
}

} // namespace

void TestKeychainSecretStore::operationsFromSuccessiveShortLivedThreads()
{
    // Like QThreadPool threads that expire: each thread is gone before the next one runs, and
    // the main thread blocks in wait() meanwhile (no event loop anywhere but the store's own).
    KeychainSecretStore store(StoreTimeout);
    for (int i = 0; i < 3; ++i) {
        QString failure = QStringLiteral("not run");
        std::unique_ptr<QThread> thread(
            QThread::create([&] { failure = cycle(store, i % 2 ? BinarySecret : UnicodeSecret); }));
        thread->start();
        QVERIFY(thread->wait(QDeadlineTimer(60000)));
        QVERIFY2(failure.isEmpty(),
                 qPrintable(QStringLiteral("thread %1: %2").arg(i).arg(failure)));
    }
    const QString onMain = cycle(store, AsciiSecret);
    QVERIFY2(onMain.isEmpty(), qPrintable(onMain));
}

void TestKeychainSecretStore::operationsFromAThreadWithItsOwnEventLoop()
{
    QThread thread;
    auto* worker = new QObject;
    worker->moveToThread(&thread);
    connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    thread.start();
    KeychainSecretStore store(StoreTimeout);
    QString failure = QStringLiteral("not run");
    bool onWorkerThread = false;
    QVERIFY(QMetaObject::invokeMethod(
        worker,
        [&] {
            onWorkerThread = QThread::currentThread() == &thread;
            failure = cycle(store, UnicodeSecret);
            if (failure.isEmpty())
                failure = cycle(store, BinarySecret);
        },
        Qt::BlockingQueuedConnection));
    thread.quit();
    QVERIFY(thread.wait(QDeadlineTimer(10000)));
    QVERIFY(onWorkerThread);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestKeychainSecretStore::concurrentOperationsFromTwoThreads()
{
    KeychainSecretStore store(StoreTimeout);
    std::atomic<int> cycles{0};
    QString failures[2];
    auto body = [&](int index) {
        for (int i = 0; i < 5; ++i) {
            const QString failure = cycle(store, index ? BinarySecret : AsciiSecret);
            if (!failure.isEmpty()) {
                failures[index] = failure;
                return;
            }
            ++cycles;
        }
    };
    std::unique_ptr<QThread> first(QThread::create(body, 0));
    std::unique_ptr<QThread> second(QThread::create(body, 1));
    first->start();
    second->start();
    QVERIFY(first->wait(QDeadlineTimer(120000)));
    QVERIFY(second->wait(QDeadlineTimer(120000)));
    QVERIFY2(failures[0].isEmpty(), qPrintable(failures[0]));
    QVERIFY2(failures[1].isEmpty(), qPrintable(failures[1]));
    QCOMPARE(cycles.load(), 10);
}

void TestKeychainSecretStore::noBackend_data()
{
    QTest::addColumn<QString>("bus"); // what the child sees as its session bus
    QTest::newRow("bus address points nowhere") << QStringLiteral("nowhere");
    QTest::newRow("no bus address, empty runtime dir") << QStringLiteral("unset");
    QTest::newRow("a bus without a Secret Service") << QStringLiteral("bare");
    // The real, unlocked keyring, but libsecret's replies need Qt's GLib event loop.
    QTest::newRow("Qt without its GLib event loop") << QStringLiteral("noglib");
    // The real, unlocked keyring, but Rediscope's keychain module cannot be loaded.
    QTest::newRow("keychain module missing") << QStringLiteral("nomodule");
}

void TestKeychainSecretStore::noBackend()
{
    QFETCH(QString, bus);
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), scratch.path());

    QProcess bareBus;
    if (bus == QLatin1String("nowhere")) {
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + scratch.filePath(QStringLiteral("none")));
    } else if (bus == QLatin1String("unset")) {
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    } else if (bus == QLatin1String("noglib")) {
        environment.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1"));
    } else if (bus == QLatin1String("nomodule")) {
        environment.insert(QStringLiteral("REDISCOPE_KEYCHAIN_MODULE"),
                           scratch.filePath(QStringLiteral("librediscope-keychain.so")));
    } else {
        // A session bus with no service files: nothing can be activated as the Secret Service.
        QFile config(scratch.filePath(QStringLiteral("bus.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            "<busconfig><type>session</type><listen>unix:path=" +
            scratch.filePath(QStringLiteral("bus")).toUtf8() +
            "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
            "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
            "<allow own=\"*\"/></policy></busconfig>\n");
        config.close();
        bareBus.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        bareBus.start(QStringLiteral("dbus-daemon"),
                      {QStringLiteral("--config-file=") + config.fileName(),
                       QStringLiteral("--nofork"), QStringLiteral("--print-address")});
        QVERIFY2(bareBus.waitForStarted(10000), qPrintable(bareBus.errorString()));
        QVERIFY(bareBus.waitForReadyRead(10000));
        const QString address = QString::fromUtf8(bareBus.readLine().trimmed());
        QVERIFY2(address.startsWith(QStringLiteral("unix:")), qPrintable(address));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
    }

    const Run child = run(QCoreApplication::applicationFilePath(),
                          {QStringLiteral("--store-child")}, {}, environment, 120000);
    if (bareBus.state() != QProcess::NotRunning) {
        bareBus.terminate();
        QVERIFY(bareBus.waitForFinished(10000));
    }
    QVERIFY2(child.exitCode == 0, child.err.constData());
    QVERIFY2(!child.out.contains(ChildSecret) && !child.err.contains(ChildSecret),
             "the secret appears in the output");

    QHash<QString, QStringList> lines;
    for (const QByteArray& line : child.out.split('\n')) {
        const QStringList fields = QString::fromUtf8(line).split(QLatin1Char('\t'));
        if (fields.size() >= 2)
            lines.insert(fields.first(), fields.mid(1));
    }
    for (const char* operation : {"probe", "write", "read", "remove"}) {
        const QStringList result = lines.value(QString::fromLatin1(operation));
        QVERIFY2(result.size() >= 2,
                 qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(operation),
                                                         QString::fromUtf8(child.out))));
        QCOMPARE(result.at(0).toInt(), static_cast<int>(ErrorCode::FileError));
        const QString message = result.at(1);
        QVERIFY2(message.contains(QStringLiteral("keychain")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("asked each session")), qPrintable(message));
    }
    QVERIFY2(lines.value(QStringLiteral("write"))
                 .at(1)
                 .startsWith(QStringLiteral("Could not store the password in the keychain")),
             qPrintable(lines.value(QStringLiteral("write")).at(1)));
    QCOMPARE(lines.value(QStringLiteral("available")), QStringList{QStringLiteral("0")});
    if (bus == QLatin1String("nomodule"))
        QVERIFY2(lines.value(QStringLiteral("write"))
                     .at(1)
                     .contains(QStringLiteral("keychain module could not be loaded (") +
                               scratch.filePath(QStringLiteral("librediscope-keychain.so")) +
                               QStringLiteral(": no such file)")),
                 qPrintable(lines.value(QStringLiteral("write")).at(1)));
}

void TestKeychainSecretStore::fileScanFindsAPlantedSecret()
{
    // The scan below must be able to fail: plant a value the way a plaintext store would.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QDir().mkpath(dir.filePath(QStringLiteral(".config/Unknown Organization")));
    QFile file(dir.filePath(QStringLiteral(".config/Unknown Organization/app.conf")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[rediscope]\nkey=@ByteArray(" + BinarySecret.toBase64() + ")\n");
    file.close();
    QCOMPARE(filesContaining(dir.path(), {AsciiSecret}).size(), 0);
    QCOMPARE(filesContaining(dir.path(), {BinarySecret}).size(), 1);
}

void TestKeychainSecretStore::noSecretWrittenInPlaintextUnderHome()
{
    // insecureFallback is off: whatever the tests above stored lives only in the keyring file,
    // which gnome-keyring encrypts with the login password.
    QVERIFY(!m_home.isEmpty());
    const QStringList hits = filesContaining(
        m_home, {AsciiSecret, UnicodeSecret, BinarySecret, OverwriteSecret, ChildSecret});
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QStringLiteral(", "))));
    QVERIFY(QFile::exists(m_home + QStringLiteral("/.local/share/keyrings/login.keyring")));
}

int main(int argc, char* argv[])
{
    if (argc >= 2 && qstrcmp(argv[1], "--store-child") == 0)
        return runStoreChild(argc, argv);
    if (!qEnvironmentVariableIsSet(SessionVariable))
        return runInPrivateSession(argc, argv);
    QCoreApplication app(argc, argv);
    TestKeychainSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_KeychainSecretStore.moc"
