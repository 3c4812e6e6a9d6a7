#pragma once

#include "audit/Finding.h"
#include "common/CancelToken.h"
#include "inspect/InspectResult.h"
#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

#include <QDialog>
#include <QStringList>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QToolButton;
class QTreeWidget;

namespace rediscope {

class SecretStore;

// Creates or edits one profile, in five sections: Connection, Authentication, TLS,
// Environment & service, Notes.
//
// Beside the form, the profile.* findings of the profile as it stands are listed and updated on
// every change, judged by the policy of the environment chosen — switching verification off
// shows at once what it costs in this environment. "Test Connection" runs the staged
// connection (Inspector) off the GUI thread with the values in the form and lists the stages;
// it can be cancelled, a newer test or Cancel drops an older result, and closing the dialog
// mid-test is safe.
//
// Secrets: the password and the key passphrase are typed into password fields that always
// start empty — a stored secret is never read back into a widget. On Save, a typed secret
// whose reference is "keychain" is written to the SecretStore (off the GUI thread) before the
// dialog accepts; a secret found inline in the profiles file moves there too, and a keychain
// entry the profile no longer references is removed. If the store fails, the dialog stays open
// and says why next to the field.
class ProfileEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // `secrets` may be null: then only references that need no store can be saved. It is shared
    // with the workers the dialog starts, so it outlives them.
    ProfileEditorDialog(const Profile& profile, const EnvironmentPolicies& policies,
                        std::shared_ptr<SecretStore> secrets, QWidget* parent = nullptr);
    ~ProfileEditorDialog() override;

    // Custom environments and services to offer besides the built-ins (e.g. from the store).
    void setKnownEnvironments(const QStringList& environments);
    void setKnownServices(const QStringList& services);

    // The profile as the form describes it. After the dialog was accepted: what to save (an
    // inline secret that moved to the keychain is gone from it).
    Profile profile() const;
    // The live profile.* findings, worst first.
    QList<Finding> findings() const { return m_findings; }
    // Problems that keep Save disabled (missing name or host, bad variable name, …).
    QStringList validationErrors() const { return m_errors; }

    bool isTesting() const { return m_testing; }
    // The last connection test that completed (not cancelled, not stale).
    const std::optional<InspectResult>& lastTestResult() const { return m_lastTest; }

public Q_SLOTS:
    void testConnection();
    void cancelTest();
    void accept() override;
    void done(int result) override;

Q_SIGNALS:
    void findingsChanged();
    // A connection test finished and its stages are shown.
    void connectionTestFinished(bool allStagesOk);
    // Saving secrets to the store failed; the dialog stays open and shows `message`.
    void secretSaveFailed(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct FileField;
    enum class FileKind
    {
        CaFile,
        CaDir,
        CertFile,
        KeyFile,
    };

    QWidget* buildConnectionPage();
    QWidget* buildAuthenticationPage();
    QWidget* buildTlsPage();
    QWidget* buildEnvironmentPage();
    QWidget* buildNotesPage();
    QWidget* buildFindingsPanel();
    QWidget* buildTestPanel();
    FileField* addFileField(FileKind kind, const QString& objectName);
    void populate(const Profile& profile);
    void connectChanges();

    void onChanged();
    void updateEnabledState();
    void updateFindings();
    void validate();
    void validateFile(FileField& field);
    QString selectedEnvironment() const;
    SecretRef selectedReference(const QComboBox* source, const QLineEdit* variable) const;
    Profile buildProfile() const;
    void browseFile(FileField& field);
    void showTestResult(const InspectResult& result, const QString& secretNote);
    void setTestRunning(bool running, const QString& status);
    void setSaving(bool saving);
    static void fitHeight(QLabel* label);

    Profile m_original;
    EnvironmentPolicies m_policies;
    std::shared_ptr<SecretStore> m_secrets;
    QList<Finding> m_findings;
    QStringList m_errors;
    Profile m_accepted;
    bool m_hasAccepted = false;

    // Connection
    QLineEdit* m_name = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QSpinBox* m_db = nullptr;
    QSpinBox* m_timeout = nullptr;
    // Authentication
    QLineEdit* m_username = nullptr;
    QComboBox* m_passwordSource = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_passwordVariable = nullptr;
    QLabel* m_passwordStatus = nullptr;
    // TLS
    QCheckBox* m_tlsEnabled = nullptr;
    QCheckBox* m_verifyPeer = nullptr;
    QCheckBox* m_verifyHostname = nullptr;
    QLineEdit* m_sni = nullptr;
    QList<FileField*> m_files;
    QComboBox* m_passphraseSource = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QLineEdit* m_passphraseVariable = nullptr;
    QLabel* m_passphraseStatus = nullptr;
    QComboBox* m_minProtocol = nullptr;
    QLineEdit* m_ciphers = nullptr;
    QLineEdit* m_ciphersuites = nullptr;
    QWidget* m_tlsDetails = nullptr;
    // Environment & service
    QComboBox* m_environment = nullptr;
    QLabel* m_policySummary = nullptr;
    QLineEdit* m_service = nullptr;
    QLineEdit* m_tags = nullptr;
    QComboBox* m_expectedServer = nullptr;
    // Notes
    QPlainTextEdit* m_notes = nullptr;

    QTabWidget* m_tabs = nullptr;
    QLabel* m_findingsTitle = nullptr;
    QLabel* m_environmentBadge = nullptr;
    QTreeWidget* m_findingsList = nullptr;
    QLabel* m_findingDetail = nullptr;
    QPushButton* m_testButton = nullptr;
    QPushButton* m_cancelTestButton = nullptr;
    QLabel* m_testStatus = nullptr;
    QTreeWidget* m_stages = nullptr;
    QLabel* m_errorLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;

    bool m_populating = false;
    bool m_saving = false;
    bool m_testing = false;
    quint64 m_testRequest = 0;
    quint64 m_saveRequest = 0;
    CancelToken m_testCancel;
    std::optional<InspectResult> m_lastTest;
};

} // namespace rediscope
