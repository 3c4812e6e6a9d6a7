// Secrets before a connection: environment variables and the keychain read off the GUI thread,
// "prompt" secrets asked in a non-blocking password dialog once per session (one dialog for
// requests that need the same secret), declined prompts, an unavailable keychain reported once,
// and nothing asked ever stored.

#include "controllers/SecretsController.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretResolver.h"

#include <QInputDialog>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

using namespace rediscope;

namespace {

using Outcomes = QList<SecretsController::Outcome>;

Profile profileWith(const SecretRef& password, const QString& name = QStringLiteral("orders-prod"))
{
    Profile profile = Profile::create(name);
    profile.environment = QStringLiteral("production");
    profile.password = password;
    return profile;
}

// Collects the outcomes of one resolve() call.
struct Collector
{
    std::shared_ptr<std::optional<Outcomes>> result = std::make_shared<std::optional<Outcomes>>();
    SecretsController::Done done()
    {
        return [result = result](Outcomes outcomes) {
            *result = std::move(outcomes);
        };
    }
    bool ready() const { return result->has_value(); }
    const SecretsController::Outcome& first() const { return result->value().constFirst(); }
};

} // namespace

class tst_SecretsController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void environmentVariablesNeedNoDialog()
    {
        QWidget parent;
        SecretsController secrets(std::make_shared<MemorySecretStore>(), &parent);
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("ORDERS_PASSWORD"), QStringLiteral("from-env"));
        secrets.setEnvironment(environment);
        QSignalSpy prompts(&secrets, &SecretsController::promptOpened);

        Collector set;
        secrets.resolve({profileWith(SecretRef::env(QStringLiteral("ORDERS_PASSWORD")))},
                        set.done());
        Collector unset;
        secrets.resolve({profileWith(SecretRef::env(QStringLiteral("NOT_SET_ANYWHERE")))},
                        unset.done());
        QTRY_VERIFY(set.ready() && unset.ready());
        QCOMPARE(set.first().secrets->password, QByteArray("from-env"));
        QVERIFY(!unset.first().secrets);
        QVERIFY(unset.first().error.contains(QLatin1String("NOT_SET_ANYWHERE")));
        QCOMPARE(prompts.count(), 0);
    }

    void promptIsAskedOnceForConcurrentRequestsAndRemembered()
    {
        QWidget parent;
        auto store = std::make_shared<MemorySecretStore>();
        SecretsController secrets(store, &parent);
        QSignalSpy prompts(&secrets, &SecretsController::promptOpened);
        const Profile profile = profileWith(SecretRef::prompt());

        Collector first;
        Collector second;
        secrets.resolve({profile}, first.done());
        secrets.resolve({profile}, second.done());
        QTRY_VERIFY(secrets.currentPrompt());
        QInputDialog* dialog = secrets.currentPrompt();
        QCOMPARE(dialog->textEchoMode(), QLineEdit::Password);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->windowModality(), Qt::WindowModal); // open(), not exec()
        dialog->setTextValue(QStringLiteral("typed-secret"));
        dialog->accept();
        QCOMPARE(dialog->textValue(), QString()); // emptied as it closes

        QTRY_VERIFY(first.ready() && second.ready());
        QCOMPARE(prompts.count(), 1);
        QCOMPARE(first.first().secrets->password, QByteArray("typed-secret"));
        QCOMPARE(second.first().secrets->password, QByteArray("typed-secret"));
        QVERIFY(secrets.remembers(profile.id, SecretResolver::passwordField()));
        QCOMPARE(store->size(), 0); // never stored

        // Remembered for the session: no dialog the next time.
        Collector third;
        secrets.resolve({profile}, third.done());
        QTRY_VERIFY(third.ready());
        QCOMPARE(prompts.count(), 1);

        // Forgotten (the profile was edited): asked again.
        secrets.forget(profile.id);
        QVERIFY(!secrets.remembers(profile.id, SecretResolver::passwordField()));
        Collector fourth;
        secrets.resolve({profile}, fourth.done());
        QTRY_VERIFY(secrets.currentPrompt());
        QCOMPARE(prompts.count(), 2);
        secrets.currentPrompt()->reject();
        QTRY_VERIFY(fourth.ready());
    }

    void declinedPromptIsAnErrorForEveryWaitingRequest()
    {
        QWidget parent;
        SecretsController secrets(std::make_shared<MemorySecretStore>(), &parent);
        QSignalSpy prompts(&secrets, &SecretsController::promptOpened);
        const Profile profile = profileWith(SecretRef::prompt(), QStringLiteral("catalog-prod"));
        Collector first;
        secrets.resolve({profile}, first.done());
        QTRY_VERIFY(secrets.currentPrompt());
        // A second request arrives while the dialog is open, then the user cancels.
        Collector second;
        secrets.resolve({profile}, second.done());
        secrets.currentPrompt()->reject();
        QTRY_VERIFY(first.ready() && second.ready());
        QCOMPARE(prompts.count(), 1);
        for (const Collector* collector : {&first, &second}) {
            QVERIFY(!collector->first().secrets);
            QVERIFY(collector->first().error.contains(profile.name));
        }
        QVERIFY(!secrets.remembers(profile.id, SecretResolver::passwordField()));

        // A new request after the refusal asks again.
        Collector third;
        secrets.resolve({profile}, third.done());
        QTRY_VERIFY(secrets.currentPrompt());
        QCOMPARE(prompts.count(), 2);
        secrets.currentPrompt()->reject();
        QTRY_VERIFY(third.ready());
    }

    void severalProfilesAreAskedOneAfterAnother()
    {
        QWidget parent;
        SecretsController secrets(std::make_shared<MemorySecretStore>(), &parent);
        const Profile a = profileWith(SecretRef::prompt(), QStringLiteral("a"));
        const Profile b = profileWith(SecretRef::prompt(), QStringLiteral("b"));
        const Profile none = profileWith(SecretRef::none(), QStringLiteral("none"));
        Collector all;
        secrets.resolve({a, none, b}, all.done());
        for (const QByteArray& answer : {QByteArray("first"), QByteArray("second")}) {
            QTRY_VERIFY(secrets.currentPrompt());
            QInputDialog* dialog = secrets.currentPrompt();
            dialog->setTextValue(QString::fromLatin1(answer));
            dialog->accept();
            QTRY_VERIFY(secrets.currentPrompt() != dialog);
        }
        QTRY_VERIFY(all.ready());
        const Outcomes& outcomes = all.result->value();
        QCOMPARE(outcomes.size(), 3);
        QCOMPARE(outcomes.at(0).profileId, a.id);
        QCOMPARE(outcomes.at(1).secrets->password, QByteArray());
        QCOMPARE(outcomes.at(2).profileId, b.id);
        QSet<QByteArray> answers{outcomes.at(0).secrets->password,
                                 outcomes.at(2).secrets->password};
        QCOMPARE(answers, (QSet<QByteArray>{"first", "second"}));
    }

    void keychainIsReadAndAnUnavailableOneIsReportedOnce()
    {
        QWidget parent;
        auto store = std::make_shared<MemorySecretStore>();
        const Profile stored = profileWith(SecretRef::keychain(), QStringLiteral("stored"));
        QVERIFY(store->write(stored.id, SecretResolver::passwordField(), "from-keychain"));
        SecretsController secrets(store, &parent);
        QSignalSpy unavailable(&secrets, &SecretsController::keychainUnavailable);
        Collector read;
        secrets.resolve({stored}, read.done());
        QTRY_VERIFY(read.ready());
        QCOMPARE(read.first().secrets->password, QByteArray("from-keychain"));
        QCOMPARE(unavailable.count(), 0);

        store->setUnavailable(true);
        const Profile other = profileWith(SecretRef::keychain(), QStringLiteral("other"));
        for (const Profile& profile : {stored, other}) {
            Collector asked;
            secrets.resolve({profile}, asked.done());
            QTRY_VERIFY(secrets.currentPrompt());
            QVERIFY(secrets.currentPrompt()->labelText().contains(profile.name));
            secrets.currentPrompt()->setTextValue(QStringLiteral("typed"));
            secrets.currentPrompt()->accept();
            QTRY_VERIFY(asked.ready());
            QCOMPARE(asked.first().secrets->password, QByteArray("typed"));
        }
        QCOMPARE(unavailable.count(), 1);
        store->setUnavailable(false);
        QVERIFY(!store->contains(other.id, SecretResolver::passwordField()));
    }

    void destroyedControllerDropsPendingRequests()
    {
        QWidget parent;
        auto secrets =
            std::make_unique<SecretsController>(std::make_shared<MemorySecretStore>(), &parent);
        Collector pending;
        secrets->resolve({profileWith(SecretRef::prompt())}, pending.done());
        QTRY_VERIFY(secrets->currentPrompt());
        QPointer<QInputDialog> dialog = secrets->currentPrompt();
        secrets.reset();
        QVERIFY(!dialog);
        QTest::qWait(0);
        QVERIFY(!pending.ready());
    }
};

QTEST_MAIN(tst_SecretsController)
#include "tst_SecretsController.moc"
