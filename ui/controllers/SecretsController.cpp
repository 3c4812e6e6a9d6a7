#include "SecretsController.h"

#include "common/SecureBytes.h"
#include "controllers/AsyncTask.h"
#include "secrets/SecretResolver.h"
#include "secrets/SecretStore.h"
#include "style/EnvironmentStyle.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMutex>
#include <QMutexLocker>

namespace rediscope {

namespace {

QString cacheKey(const QUuid& id, const QString& field)
{
    return id.toString(QUuid::WithoutBraces) + QLatin1Char('/') + field;
}

void wipe(QByteArray& secret)
{
    secureWipe(secret);
    secret.clear();
}

// The store as the resolver sees it, remembering why the keychain could not be read.
class RecordingStore final : public SecretStore
{
public:
    explicit RecordingStore(SecretStore* inner)
        : m_inner(inner)
    {}

    QString backendName() const override
    {
        return m_inner ? m_inner->backendName() : QStringLiteral("none");
    }
    Result<QByteArray> read(const QUuid& profile, const QString& field) override
    {
        if (!m_inner) {
            lastError = SecretsController::tr("No keychain is available.");
            return fail(ErrorCode::FileError, Stage::None, lastError);
        }
        Result<QByteArray> value = m_inner->read(profile, field);
        lastError = value ? QString() : value.error().message;
        return value;
    }
    Result<void> write(const QUuid& profile, const QString& field,
                       const QByteArray& secret) override
    {
        return m_inner ? m_inner->write(profile, field, secret)
                       : fail(ErrorCode::FileError, Stage::None, QString());
    }
    Result<void> remove(const QUuid& profile, const QString& field) override
    {
        return m_inner ? m_inner->remove(profile, field)
                       : fail(ErrorCode::FileError, Stage::None, QString());
    }

    QString lastError;

private:
    SecretStore* m_inner;
};

} // namespace

// Secrets asked in this session; read by workers, written on the GUI thread.
struct SecretsController::Cache
{
    mutable QMutex mutex;
    QHash<QString, QByteArray> values;

    std::optional<QByteArray> value(const QString& key) const
    {
        const QMutexLocker locker(&mutex);
        const auto found = values.constFind(key);
        return found == values.constEnd() ? std::nullopt : std::optional<QByteArray>(*found);
    }
    void insert(const QString& key, const QByteArray& value)
    {
        const QMutexLocker locker(&mutex);
        values.insert(key, value);
    }
    void removeIf(const std::function<bool(const QString&)>& match)
    {
        const QMutexLocker locker(&mutex);
        for (auto it = values.begin(); it != values.end();) {
            if (match(it.key())) {
                wipe(it.value());
                it = values.erase(it);
            } else {
                ++it;
            }
        }
    }
};

struct SecretsController::Batch
{
    QList<Profile> profiles;
    Done done;
    QSet<QString> declined; // asked and cancelled in this batch: not asked again
    int waiting = 0;        // prompts this batch waits for
    quint64 generation = 0; // when it was asked for
};

namespace {

struct Needed
{
    int index = 0;
    QString field;
    QString keychainProblem;
};

struct WorkResult
{
    QList<SecretsController::Outcome> outcomes;
    QList<Needed> needed;
    QString keychainProblem;
};

} // namespace

SecretsController::SecretsController(std::shared_ptr<SecretStore> store, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_store(std::move(store))
    , m_dialogParent(dialogParent)
    , m_cache(std::make_shared<Cache>())
{}

SecretsController::~SecretsController()
{
    if (m_dialog) {
        m_dialog->setTextValue(QString());
        delete m_dialog;
    }
    forgetAll();
}

void SecretsController::resolve(const QList<Profile>& profiles, Done done)
{
    auto batch = std::make_shared<Batch>();
    batch->profiles = profiles;
    batch->done = std::move(done);
    batch->generation = ++m_generation;
    start(batch);
}

void SecretsController::start(const std::shared_ptr<Batch>& batch)
{
    ++m_running;
    runAsync(
        this,
        [profiles = batch->profiles, declined = batch->declined, store = m_store,
         environment = m_environment, cache = m_cache] {
            WorkResult result;
            RecordingStore recording(store.get());
            for (int index = 0; index < profiles.size(); ++index) {
                const Profile& profile = profiles.at(index);
                Outcome outcome;
                outcome.profileId = profile.id;
                Secrets secrets;
                bool waiting = false;
                for (const QString& field :
                     {SecretResolver::passwordField(), SecretResolver::keyPassphraseField()}) {
                    bool needsPrompt = false;
                    const SecretPrompt prompt =
                        [&](const Profile& asked,
                            const QString& askedField) -> std::optional<QByteArray> {
                        const QString key = cacheKey(asked.id, askedField);
                        if (auto known = cache->value(key))
                            return known;
                        if (!declined.contains(key))
                            needsPrompt = true;
                        return std::nullopt;
                    };
                    recording.lastError.clear();
                    const SecretResolver resolver(&recording, environment, prompt);
                    Result<ResolvedSecret> resolved = resolver.resolve(profile, field);
                    const QString keychainProblem = recording.lastError;
                    if (needsPrompt) {
                        result.needed.append({index, field, keychainProblem});
                        waiting = true;
                        continue;
                    }
                    if (!resolved) {
                        outcome.error = resolved.error().message;
                        break;
                    }
                    if (resolved->keychainError && result.keychainProblem.isEmpty())
                        result.keychainProblem = resolved->keychainError->message;
                    if (field == SecretResolver::passwordField())
                        secrets.password = std::move(resolved->value);
                    else
                        secrets.keyPassphrase = std::move(resolved->value);
                }
                if (!waiting && outcome.error.isEmpty())
                    outcome.secrets = std::move(secrets);
                result.outcomes << std::move(outcome);
            }
            return result;
        },
        [this, batch](WorkResult result) {
            --m_running;
            if (!result.keychainProblem.isEmpty())
                reportKeychainProblem(result.keychainProblem);
            if (result.needed.isEmpty()) {
                const Done done = batch->done;
                if (done)
                    done(std::move(result.outcomes));
                return;
            }
            for (Outcome& outcome : result.outcomes)
                if (outcome.secrets) {
                    wipe(outcome.secrets->password);
                    wipe(outcome.secrets->keyPassphrase);
                }
            // A prompt answered or declined while this worker ran needs no new dialog.
            bool asked = false;
            for (const Needed& needed : std::as_const(result.needed)) {
                const Profile& profile = batch->profiles.at(needed.index);
                const QString key = cacheKey(profile.id, needed.field);
                if (m_cache->value(key))
                    continue;
                if (m_declinedAt.value(key, 0) >= batch->generation) {
                    batch->declined.insert(key);
                    continue;
                }
                ask(batch, profile, needed.field, needed.keychainProblem);
                asked = true;
            }
            if (!asked)
                start(batch);
        });
}

void SecretsController::ask(const std::shared_ptr<Batch>& batch, const Profile& profile,
                            const QString& field, const QString& keychainProblem)
{
    if (!keychainProblem.isEmpty())
        reportKeychainProblem(keychainProblem);
    ++batch->waiting;
    for (PendingPrompt& pending : m_prompts)
        if (pending.profileId == profile.id && pending.field == field) {
            pending.waiting << batch;
            return;
        }
    PendingPrompt pending;
    pending.profileId = profile.id;
    pending.field = field;
    pending.profileName = profile.name;
    pending.environment = profile.environment;
    pending.keychainProblem = keychainProblem;
    pending.waiting << batch;
    m_prompts << pending;
    showNextPrompt();
}

void SecretsController::showNextPrompt()
{
    if (m_dialog || m_prompts.isEmpty())
        return;
    const PendingPrompt& pending = m_prompts.constFirst();
    const bool password = pending.field == SecretResolver::passwordField();
    auto* dialog = new QInputDialog(m_dialogParent);
    dialog->setObjectName(QStringLiteral("secretPrompt"));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextEchoMode(QLineEdit::Password);
    dialog->setWindowTitle(password ? tr("Password for %1").arg(pending.profileName)
                                    : tr("Key Passphrase for %1").arg(pending.profileName));
    QString text =
        password
            ? tr("Password for profile “%1” (%2):")
                  .arg(pending.profileName, EnvironmentStyle::displayName(pending.environment))
            : tr("Passphrase of the client key of profile “%1” (%2):")
                  .arg(pending.profileName, EnvironmentStyle::displayName(pending.environment));
    text += QLatin1Char('\n') + tr("It is kept in memory for this session only and never saved.");
    if (!pending.keychainProblem.isEmpty())
        text = pending.keychainProblem + QLatin1Char('\n') + text;
    dialog->setLabelText(text);
    dialog->setOkButtonText(tr("Use"));
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this,
            [this](int result) { promptFinished(result == QDialog::Accepted); });
    dialog->open();
    Q_EMIT promptOpened(dialog);
}

void SecretsController::promptFinished(bool accepted)
{
    if (!m_dialog || m_prompts.isEmpty())
        return;
    QByteArray value = m_dialog->textValue().toUtf8();
    m_dialog->setTextValue(QString());
    m_dialog->deleteLater();
    m_dialog = nullptr;

    const PendingPrompt pending = m_prompts.takeFirst();
    const QString key = cacheKey(pending.profileId, pending.field);
    if (accepted)
        m_cache->insert(key, value);
    else
        m_declinedAt.insert(key, m_generation); // also for requests already under way
    wipe(value);
    for (const std::shared_ptr<Batch>& batch : pending.waiting) {
        if (!accepted)
            batch->declined.insert(key);
        if (--batch->waiting == 0)
            start(batch); // resolves again; what was asked is now known (or declined)
    }
    showNextPrompt();
}

void SecretsController::reportKeychainProblem(const QString& message)
{
    if (m_keychainProblemReported)
        return;
    m_keychainProblemReported = true;
    Q_EMIT keychainUnavailable(message);
}

void SecretsController::forget(const QUuid& profileId)
{
    const QString prefix = profileId.toString(QUuid::WithoutBraces) + QLatin1Char('/');
    m_cache->removeIf([&prefix](const QString& key) { return key.startsWith(prefix); });
}

void SecretsController::forgetAll()
{
    m_cache->removeIf([](const QString&) { return true; });
}

bool SecretsController::remembers(const QUuid& profileId, const QString& field) const
{
    return m_cache->value(cacheKey(profileId, field)).has_value();
}

} // namespace rediscope
