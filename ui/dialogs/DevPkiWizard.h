#pragma once

#include "cli/DevPkiArguments.h"
#include "pki/ServerConfigEmitter.h"

#include <QPointer>
#include <QProcessEnvironment>
#include <QUuid>
#include <QWizard>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace rediscope {

class ProfilesController;

// "Secure Dev Setup": the GUI of `rediscope dev-pki`. Pages: where the files go (existing
// files are refused unless Overwrite is ticked, in the command's words), the certificate
// (hosts, validity, key type), clients and server (client certificate and authentication, port,
// password variable, replication and cluster over TLS), a summary, and the result.
//
// Every input is checked as it is typed and the problem shown next to it; Next stays disabled
// until the page is right. Generate runs DevPki::generate off the GUI thread with the files
// DevSetup emits for the same inputs as the command line; a failure (a directory that cannot be
// written, a file that appeared meanwhile) is shown on the summary page with every input kept.
// The result page lists the files written with their permissions, the redis.conf block, the
// Dragonfly flags and the commands to start and reach the server (each with Copy), and adds the
// matching profile (DevSetup::profile, as `dev-pki --name` does) through the ProfilesController.
//
// The password is never typed here: the server's password is read from the named environment
// variable only to hash it for an ACL line, and the profile refers to that variable.
class DevPkiWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        OutputPage,
        CertificatePage,
        ClientsPage,
        SummaryPage,
        ResultPage,
    };

    // `profiles` may be null: then no profile is offered.
    explicit DevPkiWizard(ProfilesController* profiles, QWidget* parent = nullptr);
    ~DevPkiWizard() override;

    // The environment the password variable is read from (default: the process's).
    void setEnvironment(const QProcessEnvironment& environment);

    // The inputs as the pages describe them (the profile's name, service and environment as the
    // result page does).
    DevPkiArguments arguments() const;
    // The problem that keeps a page from going on; empty when it is complete.
    QString pageProblem(int pageId) const;

    bool isGenerating() const { return m_generating; }
    bool isGenerated() const { return m_generated; }
    // After generation: the absolute paths written, and the settings the files were emitted
    // from.
    QStringList writtenFiles() const { return m_written; }
    const DevServerSettings& serverSettings() const { return m_settings; }
    // The configuration shown on the result page (the bytes written).
    QString redisConfText() const;
    QString dragonflyFlagsText() const;
    // The last generation's failure, as shown on the summary page; empty when none.
    QString generationError() const;

    // The profile added from the result page; null until then.
    QUuid addedProfileId() const { return m_addedProfile; }

public Q_SLOTS:
    // Adds the profile for this server with the name, service and environment on the result
    // page. False (and the reason on the page) when it cannot be added.
    bool addProfile();

Q_SIGNALS:
    // Generation finished; `ok` false when it failed (the summary page says why).
    void generationFinished(bool ok);
    void profileAdded(const QUuid& profileId);

protected:
    void done(int result) override;

private:
    QWizardPage* createOutputPage();
    QWizardPage* createCertificatePage();
    QWizardPage* createClientsPage();
    QWizardPage* createSummaryPage();
    QWizardPage* createResultPage();

    void updateOutputStatus();
    void updateHostsStatus();
    void updateDaysNote();
    void updateClientAuth();
    void updatePasswordStatus();
    void updateSummary();
    void chooseDirectory();
    bool startGeneration();
    void showResult();
    void setProfileStatus(bool ok, const QString& text);
    void pageChanged(int pageId);

    QStringList hosts() const;
    QString directoryPath() const;
    QString directoryProblem() const;
    QString hostsProblem() const;
    QString passwordProblem() const;

    QPointer<ProfilesController> m_profiles;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();

    // Output
    QLineEdit* m_directory = nullptr;
    QCheckBox* m_overwrite = nullptr;
    QLabel* m_directoryIcon = nullptr;
    QLabel* m_directoryStatus = nullptr;
    // Certificate
    QLineEdit* m_hosts = nullptr;
    QLabel* m_hostsIcon = nullptr;
    QLabel* m_hostsStatus = nullptr;
    QSpinBox* m_days = nullptr;
    QLabel* m_daysNote = nullptr;
    QComboBox* m_keyType = nullptr;
    // Clients and server
    QCheckBox* m_clientCert = nullptr;
    QComboBox* m_clientAuth = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_passwordVariable = nullptr;
    QLabel* m_passwordIcon = nullptr;
    QLabel* m_passwordStatus = nullptr;
    QCheckBox* m_tlsReplication = nullptr;
    QCheckBox* m_tlsCluster = nullptr;
    // Summary
    QLabel* m_summary = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_generateIcon = nullptr;
    QLabel* m_generateStatus = nullptr;
    // Result
    QLabel* m_resultHeading = nullptr;
    QTreeWidget* m_files = nullptr;
    QPlainTextEdit* m_redisConf = nullptr;
    QPlainTextEdit* m_dragonflyFlags = nullptr;
    QPlainTextEdit* m_commands = nullptr;
    QWidget* m_profileBox = nullptr;
    QLineEdit* m_profileName = nullptr;
    QLineEdit* m_profileService = nullptr;
    QComboBox* m_profileEnvironment = nullptr;
    QPushButton* m_addProfile = nullptr;
    QLabel* m_profileIcon = nullptr;
    QLabel* m_profileStatus = nullptr;

    bool m_generating = false;
    bool m_generated = false;
    quint64 m_request = 0;
    DevPkiArguments m_generatedArguments;
    DevServerSettings m_settings;
    QStringList m_written;
    QList<uint> m_modes; // of m_written
    QByteArray m_redisConfBytes;
    QByteArray m_dragonflyBytes;
    QUuid m_addedProfile;
};

} // namespace rediscope
