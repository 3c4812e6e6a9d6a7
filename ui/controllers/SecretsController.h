#pragma once

#include "profile/Profile.h"

#include <QHash>
#include <QInputDialog>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>
class QWidget;

namespace rediscope {

class SecretStore;

// Gets the secrets of profiles before a connection or an audit, without blocking the GUI
// thread: the keychain and environment variables are read by SecretResolver in a worker; a
// secret the profile asks for each session ("prompt"), or a keychain secret when no keychain is
// available (or it holds nothing), is asked in a password dialog opened with open() — one at a
// time — and kept in memory for the session only, never written anywhere. When the keychain is
// unavailable, keychainUnavailable() is emitted once per session.
//
// Secrets reach the caller's callback and nothing else: never a widget's text (the dialog's field
// is cleared as soon as it closes), never a signal, never a log.
class SecretsController : public QObject
{
    Q_OBJECT

public:
    struct Secrets
    {
        QByteArray password;
        QByteArray keyPassphrase;
    };
    struct Outcome
    {
        QUuid profileId;
        std::optional<Secrets> secrets; // nullopt: `error` says why
        QString error;
    };
    using Done = std::function<void(QList<Outcome>)>;

    // `store` may be null (no keychain: keychain references are asked). Dialogs open over
    // `dialogParent`.
    SecretsController(std::shared_ptr<SecretStore> store, QWidget* dialogParent);
    ~SecretsController() override;

    // Where env:VAR references are looked up (default: the process environment).
    void setEnvironment(const QProcessEnvironment& environment) { m_environment = environment; }

    // Resolves the secrets of `profiles`; `done` gets one outcome per profile, in order, on the
    // GUI thread (not at all when this controller is destroyed first).
    void resolve(const QList<Profile>& profiles, Done done);

    // Forgets the secrets asked for a profile in this session (after it was edited or deleted).
    void forget(const QUuid& profileId);
    void forgetAll();
    bool remembers(const QUuid& profileId, const QString& field) const;

    // The password dialog on screen, if any.
    QInputDialog* currentPrompt() const { return m_dialog; }
    bool isBusy() const { return m_running > 0 || m_dialog; }

Q_SIGNALS:
    void promptOpened(QInputDialog* dialog);
    void keychainUnavailable(const QString& message);

private:
    struct Cache;
    struct Batch;
    struct PendingPrompt
    {
        QUuid profileId;
        QString field;
        QString profileName;
        QString environment;
        QString keychainProblem;
        QList<std::shared_ptr<Batch>> waiting;
    };

    void start(const std::shared_ptr<Batch>& batch);
    void ask(const std::shared_ptr<Batch>& batch, const Profile& profile, const QString& field,
             const QString& keychainProblem);
    void showNextPrompt();
    void promptFinished(bool accepted);
    void reportKeychainProblem(const QString& message);

    std::shared_ptr<SecretStore> m_store;
    QPointer<QWidget> m_dialogParent;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    std::shared_ptr<Cache> m_cache;
    QList<PendingPrompt> m_prompts;
    QPointer<QInputDialog> m_dialog;
    int m_running = 0;
    quint64 m_generation = 0;             // resolve() calls so far
    QHash<QString, quint64> m_declinedAt; // prompt → the last resolve() it was declined for
    bool m_keychainProblemReported = false;
};

} // namespace rediscope
