// SecretResolver: each kind of reference (keychain, env:VAR, prompt, none) with and without an
// inline secret, the "ask each session" fallback when the keychain fails, and errors that name
// what is missing but never contain a secret. Also the in-memory store the tests rely on.

#include "profile/Profile.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretResolver.h"

#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::ResolvedSecret::Origin)
Q_DECLARE_METATYPE(rediscope::ErrorCode)

namespace {

enum class PromptMode
{
    Absent,  // no prompt callback at all (a CLI run without --askpass)
    Answers, // the user types `promptAnswer`
    Cancels, // the user closes the dialog
};

// Every secret value a row uses, so that a test can prove none of them leaks into an error.
const QByteArray StoredPassword("st0red-Pa55");
const QByteArray StoredPassphrase("st0red-key-phrase");
const QByteArray InlinePassword("inl1ne-Pa55");
const QByteArray InlinePassphrase("inl1ne-key-phrase");
const QByteArray EnvPassword("env-Pa55-\xc3\xa9\xe2\x82\xac"); // UTF-8 "é€"
const QByteArray PromptAnswer("typed-\xf0\x9f\x94\x91-Pa55");  // UTF-8 "🔑"

QList<QByteArray> allSecrets()
{
    return {StoredPassword,   StoredPassphrase, InlinePassword,
            InlinePassphrase, EnvPassword,      PromptAnswer};
}

} // namespace

Q_DECLARE_METATYPE(PromptMode)

class TestSecretResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data();
    void resolve();
    void promptGetsTheProfileAndField();
    void unknownFieldIsRejected();
    void keychainWithoutStoreAsksOrFails();
    void environmentValueIsTakenAsIs_data();
    void environmentValueIsTakenAsIs();
    void referenceOfMapsFields();

    void memoryStoreRoundTrip();
    void memoryStoreRejectsBadKeys_data();
    void memoryStoreRejectsBadKeys();
    void memoryStoreUnavailable();
};

void TestSecretResolver::resolve_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reference"); // as in the profiles file
    QTest::addColumn<bool>("hasInline");    // the file held the secret inline
    QTest::addColumn<bool>("stored");       // the store holds password and passphrase
    QTest::addColumn<bool>("storeFails");   // the store answers like an absent keychain
    QTest::addColumn<QStringList>("env");   // NAME=value
    QTest::addColumn<PromptMode>("prompt");
    // expected
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<ResolvedSecret::Origin>("origin");
    QTest::addColumn<bool>("prompted");
    QTest::addColumn<bool>("keychainError");
    QTest::addColumn<ErrorCode>("errorCode");
    QTest::addColumn<QString>("errorText");

    const QString password = SecretResolver::passwordField();
    const QString passphrase = SecretResolver::keyPassphraseField();
    const QStringList noEnv;
    const QStringList prodEnv{QStringLiteral("REDIS_PASS_PROD=") + QString::fromUtf8(EnvPassword),
                              QStringLiteral("UNRELATED=x")};
    const QStringList emptyEnv{QStringLiteral("REDIS_PASS_PROD=")};
    using O = ResolvedSecret::Origin;
    const ErrorCode noError = ErrorCode::IoError; // unused when ok
    const QByteArray none;

    // none
    QTest::newRow("none: empty, never prompts")
        << password << QStringLiteral("none") << false << true << false << noEnv
        << PromptMode::Answers << true << none << O::None << false << false << noError << QString();
    QTest::newRow("none + inline: the inline secret")
        << password << QStringLiteral("none") << true << true << false << noEnv
        << PromptMode::Answers << true << InlinePassword << O::Inline << false << false << noError
        << QString();
    QTest::newRow("none + inline passphrase")
        << passphrase << QStringLiteral("none") << true << false << false << noEnv
        << PromptMode::Absent << true << InlinePassphrase << O::Inline << false << false << noError
        << QString();

    // prompt
    QTest::newRow("prompt: asks") << password << QStringLiteral("prompt") << false << true << false
                                  << noEnv << PromptMode::Answers << true << PromptAnswer
                                  << O::Prompt << true << false << noError << QString();
    QTest::newRow("prompt + inline: inline, no question")
        << password << QStringLiteral("prompt") << true << false << false << noEnv
        << PromptMode::Answers << true << InlinePassword << O::Inline << false << false << noError
        << QString();
    QTest::newRow("prompt, cancelled")
        << password << QStringLiteral("prompt") << false << false << false << noEnv
        << PromptMode::Cancels << false << none << O::None << true << false << ErrorCode::Cancelled
        << QStringLiteral("No password was entered for profile “prod cache”");
    QTest::newRow("prompt, nothing can ask")
        << password << QStringLiteral("prompt") << false << false << false << noEnv
        << PromptMode::Absent << false << none << O::None << false << false
        << ErrorCode::InvalidArgument
        << QStringLiteral("asks for the password each session, but nothing can ask");
    QTest::newRow("prompt passphrase, cancelled")
        << passphrase << QStringLiteral("prompt") << false << false << false << noEnv
        << PromptMode::Cancels << false << none << O::None << true << false << ErrorCode::Cancelled
        << QStringLiteral("No key passphrase was entered");

    // keychain
    QTest::newRow("keychain: stored password")
        << password << QStringLiteral("keychain") << false << true << false << noEnv
        << PromptMode::Answers << true << StoredPassword << O::Keychain << false << false << noError
        << QString();
    QTest::newRow("keychain: stored passphrase is its own entry")
        << passphrase << QStringLiteral("keychain") << false << true << false << noEnv
        << PromptMode::Absent << true << StoredPassphrase << O::Keychain << false << false
        << noError << QString();
    QTest::newRow("keychain + inline: the keychain wins")
        << password << QStringLiteral("keychain") << true << true << false << noEnv
        << PromptMode::Absent << true << StoredPassword << O::Keychain << false << false << noError
        << QString();
    QTest::newRow("keychain, nothing stored, no prompt: empty")
        << password << QStringLiteral("keychain") << false << false << false << noEnv
        << PromptMode::Absent << true << none << O::None << false << false << noError << QString();
    QTest::newRow("keychain, nothing stored: asks")
        << password << QStringLiteral("keychain") << false << false << false << noEnv
        << PromptMode::Answers << true << PromptAnswer << O::Prompt << true << false << noError
        << QString();
    QTest::newRow("keychain unavailable: asks each session and says why")
        << password << QStringLiteral("keychain") << false << true << true << noEnv
        << PromptMode::Answers << true << PromptAnswer << O::Prompt << true << true << noError
        << QString();
    QTest::newRow("keychain unavailable, no prompt: the store's error")
        << password << QStringLiteral("keychain") << false << true << true << noEnv
        << PromptMode::Absent << false << none << O::None << false << false << ErrorCode::FileError
        << QStringLiteral("asked each session");
    QTest::newRow("keychain unavailable, cancelled")
        << password << QStringLiteral("keychain") << false << true << true << noEnv
        << PromptMode::Cancels << false << none << O::None << true << false << ErrorCode::Cancelled
        << QStringLiteral("No password was entered");

    // env:VAR
    QTest::newRow("env: the variable")
        << password << QStringLiteral("env:REDIS_PASS_PROD") << false << true << false << prodEnv
        << PromptMode::Answers << true << EnvPassword << O::Environment << false << false << noError
        << QString();
    QTest::newRow("env + inline: the variable wins")
        << password << QStringLiteral("env:REDIS_PASS_PROD") << true << false << false << prodEnv
        << PromptMode::Absent << true << EnvPassword << O::Environment << false << false << noError
        << QString();
    QTest::newRow("env passphrase")
        << passphrase << QStringLiteral("env:REDIS_PASS_PROD") << false << false << false << prodEnv
        << PromptMode::Absent << true << EnvPassword << O::Environment << false << false << noError
        << QString();
    QTest::newRow("env unset: names the variable, never prompts")
        << password << QStringLiteral("env:REDIS_PASS_PROD") << true << true << false << noEnv
        << PromptMode::Answers << false << none << O::None << false << false
        << ErrorCode::InvalidArgument
        << QStringLiteral("environment variable REDIS_PASS_PROD is not set");
    QTest::newRow("env unset, other variables set")
        << password << QStringLiteral("env:REDIS_PASS_STAGING") << false << false << false
        << prodEnv << PromptMode::Absent << false << none << O::None << false << false
        << ErrorCode::InvalidArgument
        << QStringLiteral("environment variable REDIS_PASS_STAGING is not set");
    QTest::newRow("env set but empty")
        << password << QStringLiteral("env:REDIS_PASS_PROD") << false << false << false << emptyEnv
        << PromptMode::Answers << false << none << O::None << false << false
        << ErrorCode::InvalidArgument
        << QStringLiteral("environment variable REDIS_PASS_PROD is empty");
}

void TestSecretResolver::resolve()
{
    QFETCH(QString, field);
    QFETCH(QString, reference);
    QFETCH(bool, hasInline);
    QFETCH(bool, stored);
    QFETCH(bool, storeFails);
    QFETCH(QStringList, env);
    QFETCH(PromptMode, prompt);
    QFETCH(bool, ok);
    QFETCH(QByteArray, value);
    QFETCH(ResolvedSecret::Origin, origin);
    QFETCH(bool, prompted);
    QFETCH(bool, keychainError);
    QFETCH(ErrorCode, errorCode);
    QFETCH(QString, errorText);

    Profile profile = Profile::create(QStringLiteral("prod cache"));
    const std::optional<SecretRef> ref = SecretRef::fromString(reference);
    QVERIFY(ref);
    if (field == SecretResolver::passwordField())
        profile.password = *ref;
    else
        profile.tls.keyPassphrase = *ref;
    if (hasInline) {
        profile.inlinePassword = InlinePassword;
        profile.inlineKeyPassphrase = InlinePassphrase;
    }

    MemorySecretStore store;
    if (stored) {
        QVERIFY(store.write(profile.id, SecretResolver::passwordField(), StoredPassword));
        QVERIFY(store.write(profile.id, SecretResolver::keyPassphraseField(), StoredPassphrase));
    }
    // Another profile's entries must never be picked up.
    const QUuid other = QUuid::createUuid();
    QVERIFY(store.write(other, SecretResolver::passwordField(), QByteArray("other-profile")));
    store.setUnavailable(storeFails);

    QProcessEnvironment environment;
    for (const QString& entry : env)
        environment.insert(entry.section(QLatin1Char('='), 0, 0),
                           entry.section(QLatin1Char('='), 1));

    int promptCalls = 0;
    SecretPrompt callback;
    if (prompt != PromptMode::Absent) {
        callback = [&promptCalls, prompt](const Profile&,
                                          const QString&) -> std::optional<QByteArray> {
            ++promptCalls;
            if (prompt == PromptMode::Cancels)
                return std::nullopt;
            return PromptAnswer;
        };
    }

    const SecretResolver resolver(&store, environment, callback);
    const Result<ResolvedSecret> result = resolver.resolve(profile, field);

    QCOMPARE(promptCalls, prompted ? 1 : 0);
    QCOMPARE(result.has_value(), ok);
    if (ok) {
        QCOMPARE(result->value, value);
        QCOMPARE(result->origin, origin);
        QCOMPARE(result->keychainError.has_value(), keychainError);
        if (keychainError) {
            QCOMPARE(result->keychainError->code, ErrorCode::FileError);
            for (const QByteArray& secret : allSecrets())
                QVERIFY(!result->keychainError->toString().toUtf8().contains(secret));
        }
        return;
    }
    QCOMPARE(result.error().code, errorCode);
    QVERIFY2(result.error().message.contains(errorText, Qt::CaseInsensitive),
             qPrintable(result.error().message));
    const QByteArray text = result.error().toString().toUtf8();
    for (const QByteArray& secret : allSecrets())
        QVERIFY2(!text.contains(secret), text.constData());
}

void TestSecretResolver::promptGetsTheProfileAndField()
{
    Profile profile = Profile::create(QStringLiteral("staging"));
    profile.password = SecretRef::prompt();
    profile.tls.keyPassphrase = SecretRef::prompt();

    QList<std::pair<QUuid, QString>> calls;
    const SecretResolver resolver(nullptr, QProcessEnvironment(),
                                  [&calls](const Profile& asked, const QString& field) {
                                      calls.append({asked.id, field});
                                      return std::optional<QByteArray>(field.toUtf8());
                                  });
    const Result<ResolvedSecret> password =
        resolver.resolve(profile, SecretResolver::passwordField());
    const Result<ResolvedSecret> passphrase =
        resolver.resolve(profile, SecretResolver::keyPassphraseField());
    QVERIFY(password);
    QVERIFY(passphrase);
    QCOMPARE(password->value, QByteArray("password"));
    QCOMPARE(passphrase->value, QByteArray("key_passphrase"));
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0).first, profile.id);
    QCOMPARE(calls.at(0).second, QStringLiteral("password"));
    QCOMPARE(calls.at(1).second, QStringLiteral("key_passphrase"));
}

void TestSecretResolver::unknownFieldIsRejected()
{
    MemorySecretStore store;
    const Profile profile = Profile::create(QStringLiteral("x"));
    const SecretResolver resolver(&store, QProcessEnvironment());
    const Result<ResolvedSecret> result = resolver.resolve(profile, QStringLiteral("pasword"));
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QVERIFY(result.error().message.contains(QStringLiteral("pasword")));
}

void TestSecretResolver::keychainWithoutStoreAsksOrFails()
{
    Profile profile = Profile::create(QStringLiteral("no keychain"));
    profile.password = SecretRef::keychain();

    const SecretResolver silent(nullptr, QProcessEnvironment());
    const Result<ResolvedSecret> failed = silent.resolve(profile, SecretResolver::passwordField());
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::FileError);
    QVERIFY(failed.error().message.contains(QStringLiteral("asked each session")));

    const SecretResolver asking(nullptr, QProcessEnvironment(), [](const Profile&, const QString&) {
        return std::optional<QByteArray>(PromptAnswer);
    });
    const Result<ResolvedSecret> asked = asking.resolve(profile, SecretResolver::passwordField());
    QVERIFY(asked);
    QCOMPARE(asked->value, PromptAnswer);
    QCOMPARE(asked->origin, ResolvedSecret::Origin::Prompt);
    QVERIFY(asked->keychainError);
}

void TestSecretResolver::environmentValueIsTakenAsIs_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("ascii") << QStringLiteral("s3cret");
    QTest::newRow("spaces kept") << QStringLiteral("  padded value  ");
    QTest::newRow("equals and quotes") << QStringLiteral("a=b\"c'd");
    QTest::newRow("unicode") << QStringLiteral("pässwörd-€-🔑");
}

void TestSecretResolver::environmentValueIsTakenAsIs()
{
    QFETCH(QString, value);
    Profile profile = Profile::create(QStringLiteral("env"));
    profile.password = SecretRef::env(QStringLiteral("REDIS_PASS"));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("REDIS_PASS"), value);
    const SecretResolver resolver(nullptr, environment);
    const Result<ResolvedSecret> result =
        resolver.resolve(profile, SecretResolver::passwordField());
    QVERIFY(result);
    QCOMPARE(result->value, value.toLocal8Bit());
    QCOMPARE(QString::fromLocal8Bit(result->value), value);
}

void TestSecretResolver::referenceOfMapsFields()
{
    Profile profile = Profile::create();
    profile.password = SecretRef::env(QStringLiteral("A"));
    profile.tls.keyPassphrase = SecretRef::keychain();
    QCOMPARE(SecretResolver::referenceOf(profile, QStringLiteral("password")),
             std::optional<SecretRef>(SecretRef::env(QStringLiteral("A"))));
    QCOMPARE(SecretResolver::referenceOf(profile, QStringLiteral("key_passphrase")),
             std::optional<SecretRef>(SecretRef::keychain()));
    QVERIFY(!SecretResolver::referenceOf(profile, QStringLiteral("username")));
}

void TestSecretResolver::memoryStoreRoundTrip()
{
    MemorySecretStore store;
    QCOMPARE(store.backendName(), QStringLiteral("memory"));
    const QUuid a = QUuid::createUuid();
    const QUuid b = QUuid::createUuid();
    const QString pw = SecretResolver::passwordField();
    const QString kp = SecretResolver::keyPassphraseField();
    const QByteArray binary("\x00\x01\xff\xfe-bin\x00", 9);

    QCOMPARE(store.read(a, pw).value(), QByteArray()); // missing: empty, not an error
    QVERIFY(store.write(a, pw, QByteArray("one")));
    QVERIFY(store.write(a, kp, binary));
    QVERIFY(store.write(b, pw, QByteArray("two")));
    QCOMPARE(store.read(a, pw).value(), QByteArray("one"));
    QCOMPARE(store.read(a, kp).value(), binary);
    QCOMPARE(store.read(b, pw).value(), QByteArray("two"));
    QCOMPARE(store.read(b, kp).value(), QByteArray());
    QCOMPARE(store.size(), 3);

    QVERIFY(store.write(a, pw, QByteArray("one again")));
    QCOMPARE(store.read(a, pw).value(), QByteArray("one again"));

    QVERIFY(store.remove(a, pw));
    QVERIFY(!store.contains(a, pw));
    QCOMPARE(store.read(a, pw).value(), QByteArray());
    QVERIFY(store.remove(a, pw)); // removing a missing entry succeeds
    QCOMPARE(store.read(b, pw).value(), QByteArray("two"));

    QVERIFY(store.write(b, pw, QByteArray())); // an empty secret removes the entry
    QVERIFY(!store.contains(b, pw));
    QCOMPARE(store.size(), 1);
}

void TestSecretResolver::memoryStoreRejectsBadKeys_data()
{
    QTest::addColumn<QUuid>("profile");
    QTest::addColumn<QString>("field");
    QTest::newRow("null profile id") << QUuid() << QStringLiteral("password");
    QTest::newRow("empty field") << QUuid::createUuid() << QString();
    QTest::newRow("slash in field") << QUuid::createUuid() << QStringLiteral("a/b");
}

void TestSecretResolver::memoryStoreRejectsBadKeys()
{
    QFETCH(QUuid, profile);
    QFETCH(QString, field);
    MemorySecretStore store;
    const Result<void> written = store.write(profile, field, QByteArray("s3cret"));
    QVERIFY(!written);
    QCOMPARE(written.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!written.error().toString().contains(QStringLiteral("s3cret")));
    QVERIFY(!store.read(profile, field));
    QVERIFY(!store.remove(profile, field));
    QCOMPARE(store.size(), 0);
}

void TestSecretResolver::memoryStoreUnavailable()
{
    MemorySecretStore store;
    const QUuid id = QUuid::createUuid();
    QVERIFY(store.write(id, QStringLiteral("password"), QByteArray("kept")));
    store.setUnavailable(true);
    for (const Result<void>& result :
         {store.write(id, QStringLiteral("password"), QByteArray("new")),
          store.remove(id, QStringLiteral("password"))}) {
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::FileError);
    }
    const Result<QByteArray> read = store.read(id, QStringLiteral("password"));
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::FileError);
    QVERIFY(read.error().message.contains(QStringLiteral("asked each session")));
    store.setUnavailable(false);
    QCOMPARE(store.read(id, QStringLiteral("password")).value(), QByteArray("kept"));
}

QTEST_GUILESS_MAIN(TestSecretResolver)

#include "tst_SecretResolver.moc"
