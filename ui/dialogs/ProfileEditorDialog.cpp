#include "ProfileEditorDialog.h"

#include "audit/ProfileChecks.h"
#include "common/SecureBytes.h"
#include "controllers/AsyncTask.h"
#include "dialogs/SnippetDialog.h"
#include "inspect/Inspector.h"
#include "profile/ProfileJson.h"
#include "secrets/SecretResolver.h"
#include "secrets/SecretStore.h"
#include "style/EnvironmentStyle.h"
#include "style/SeverityStyle.h"
#include "widgets/LayoutMemory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rediscope {

namespace {

enum class Level
{
    None,
    Ok,
    Warning,
    Error,
};

struct FileCheck
{
    Level level = Level::None;
    QString message;
};

struct SecretOperation
{
    QString field;
    QByteArray value; // empty: remove the entry
};

struct TestOutcome
{
    InspectResult result;
    QStringList secretNotes;
};

const QString KeychainSource = QStringLiteral("keychain");
const QString EnvSource = QStringLiteral("env");
const QString PromptSource = QStringLiteral("prompt");
const QString NoneSource = QStringLiteral("none");

const QList<Stage>& allStages()
{
    static const QList<Stage> stages{Stage::Resolve,  Stage::Tcp,  Stage::Tls,  Stage::Verify,
                                     Stage::Hostname, Stage::Auth, Stage::Ping, Stage::Info};
    return stages;
}

bool isVariableName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return pattern.match(name).hasMatch();
}

QString modeString(QFileDevice::Permissions permissions)
{
    const unsigned mode = ((permissions & QFileDevice::ReadOwner) ? 0400u : 0u) |
                          ((permissions & QFileDevice::WriteOwner) ? 0200u : 0u) |
                          ((permissions & QFileDevice::ExeOwner) ? 0100u : 0u) |
                          ((permissions & QFileDevice::ReadGroup) ? 040u : 0u) |
                          ((permissions & QFileDevice::WriteGroup) ? 020u : 0u) |
                          ((permissions & QFileDevice::ExeGroup) ? 010u : 0u) |
                          ((permissions & QFileDevice::ReadOther) ? 04u : 0u) |
                          ((permissions & QFileDevice::WriteOther) ? 02u : 0u) |
                          ((permissions & QFileDevice::ExeOther) ? 01u : 0u);
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

QIcon levelIcon(Level level)
{
    switch (level) {
    case Level::None:
        return {};
    case Level::Ok:
        return SeverityStyle::okIcon();
    case Level::Warning:
        return SeverityStyle::icon(Severity::Medium);
    case Level::Error:
        return SeverityStyle::icon(Severity::High);
    }
    return {};
}

QString stageLabel(Stage stage)
{
    switch (stage) {
    case Stage::None:
        return QString();
    case Stage::Resolve:
        return ProfileEditorDialog::tr("Resolve");
    case Stage::Tcp:
        return ProfileEditorDialog::tr("TCP connect");
    case Stage::Tls:
        return ProfileEditorDialog::tr("TLS handshake");
    case Stage::Verify:
        return ProfileEditorDialog::tr("Chain verification");
    case Stage::Hostname:
        return ProfileEditorDialog::tr("Hostname check");
    case Stage::Auth:
        return ProfileEditorDialog::tr("Authentication");
    case Stage::Ping:
        return ProfileEditorDialog::tr("PING");
    case Stage::Info:
        return ProfileEditorDialog::tr("INFO");
    }
    return QString();
}

} // namespace

struct ProfileEditorDialog::FileField
{
    FileKind kind = FileKind::CaFile;
    QLineEdit* edit = nullptr;
    QToolButton* browse = nullptr;
    QLabel* icon = nullptr;
    QLabel* message = nullptr;
    QWidget* status = nullptr;
    QFormLayout* form = nullptr;
    Level level = Level::None;
};

namespace {

FileCheck checkFile(int kindValue, const QString& rawPath)
{
    enum
    {
        CaFile,
        CaDir,
        CertFile,
        KeyFile
    };
    const QString path = rawPath.trimmed();
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    if (kindValue == CaDir) {
        if (!info.exists())
            return {Level::Error, ProfileEditorDialog::tr("No such directory.")};
        if (!info.isDir())
            return {Level::Error, ProfileEditorDialog::tr("Not a directory: choose the folder "
                                                          "that holds the CA certificates.")};
        if (!info.isReadable() || !info.isExecutable())
            return {Level::Error, ProfileEditorDialog::tr("Not readable by you: check the "
                                                          "directory's permissions.")};
        const int count = int(QDir(path).entryList(QDir::Files).size());
        if (count == 0)
            return {Level::Warning, ProfileEditorDialog::tr("The directory is empty.")};
        return {Level::Ok, ProfileEditorDialog::tr("%n file(s) in the directory.", nullptr, count)};
    }
    if (!info.exists())
        return {Level::Error, ProfileEditorDialog::tr("No such file.")};
    if (info.isDir())
        return {Level::Error, ProfileEditorDialog::tr("This is a directory: choose a file.")};
    if (!info.isReadable())
        return {Level::Error,
                ProfileEditorDialog::tr("Not readable by you: check the file's permissions.")};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {Level::Error,
                ProfileEditorDialog::tr("Cannot be opened: %1").arg(file.errorString())};
    const QByteArray head = file.read(256 * 1024);
    if (kindValue == KeyFile) {
        static const QRegularExpression keyBlock(
            QStringLiteral("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----"));
        const auto match = keyBlock.match(QString::fromLatin1(head));
        if (!match.hasMatch())
            return {Level::Error, ProfileEditorDialog::tr("Not a PEM private key (no "
                                                          "\"-----BEGIN … PRIVATE KEY-----\" "
                                                          "block).")};
        const QFileDevice::Permissions permissions = info.permissions();
        if (permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                           QFileDevice::WriteGroup | QFileDevice::WriteOther))
            return {Level::Error, ProfileEditorDialog::tr("Other users can read this key (mode "
                                                          "%1): run chmod 600 on it.")
                                      .arg(modeString(permissions))};
        if (match.captured(1).contains(QLatin1String("ENCRYPTED")) ||
            head.contains("Proc-Type: 4,ENCRYPTED"))
            return {Level::Ok, ProfileEditorDialog::tr("Encrypted private key: set the key "
                                                       "passphrase below.")};
        return {Level::Ok, ProfileEditorDialog::tr("Private key (PEM), readable by you only.")};
    }
    const int certificates = int(head.count("-----BEGIN CERTIFICATE-----"));
    if (certificates == 0) {
        if (head.contains("-----BEGIN "))
            return {Level::Error, ProfileEditorDialog::tr("PEM file without a certificate in it.")};
        return {Level::Error, ProfileEditorDialog::tr("Not a PEM file (no \"-----BEGIN "
                                                      "CERTIFICATE-----\" block).")};
    }
    if (kindValue == CertFile)
        return {Level::Ok, certificates == 1
                               ? ProfileEditorDialog::tr("Client certificate (PEM).")
                               : ProfileEditorDialog::tr("Client certificate with %1 "
                                                         "certificates in its chain (PEM).")
                                     .arg(certificates)};
    return {Level::Ok,
            ProfileEditorDialog::tr("%n CA certificate(s) (PEM).", nullptr, certificates)};
}

} // namespace

ProfileEditorDialog::ProfileEditorDialog(const Profile& profile,
                                         const EnvironmentPolicies& policies,
                                         std::shared_ptr<SecretStore> secrets, QWidget* parent)
    : QDialog(parent)
    , m_original(profile)
    , m_policies(policies)
    , m_secrets(std::move(secrets))
{
    if (m_original.id.isNull())
        m_original.id = QUuid::createUuid();
    setObjectName(QStringLiteral("profileEditor"));
    setWindowTitle(profile.name.isEmpty() ? tr("New Profile")
                                          : tr("Edit Profile — %1").arg(profile.name));
    setSizeGripEnabled(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("sections"));
    m_tabs->addTab(buildConnectionPage(), tr("Connection"));
    m_tabs->addTab(buildAuthenticationPage(), tr("Authentication"));
    m_tabs->addTab(buildTlsPage(), tr("TLS"));
    m_tabs->addTab(buildEnvironmentPage(), tr("Environment && Service"));
    m_tabs->addTab(buildNotesPage(), tr("Notes"));

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(buildFindingsPanel(), 3);
    sideLayout->addWidget(buildTestPanel(), 2);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("editorSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_tabs);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 6);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("validationMessage"));
    m_errorLabel->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ProfileEditorDialog::reject);
    QPushButton* snippet =
        m_buttons->addButton(tr("Client S&nippet…"), QDialogButtonBox::ActionRole);
    snippet->setObjectName(QStringLiteral("showClientSnippet"));
    snippet->setToolTip(tr("A verifying TLS configuration of this profile for redis-cli, "
                           "redis-py, node-redis, ioredis, go-redis, Jedis, Lettuce or hiredis"));
    connect(snippet, &QPushButton::clicked, this, [this] {
        auto* dialog = new SnippetDialog(this->profile(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_errorLabel, 1);
    bottom->addWidget(m_buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    populate(m_original);
    connectChanges();
    onChanged();
    resize(1040, 660);
    splitter->setSizes({470, 570});
    LayoutMemory::rememberGeometry(this, QStringLiteral("ProfileEditorDialog/geometry"));
    LayoutMemory::remember(splitter, QStringLiteral("ProfileEditorDialog/splitter"));
    m_name->setFocus();
}

ProfileEditorDialog::~ProfileEditorDialog()
{
    m_testCancel.cancel();
    qDeleteAll(m_files);
}

// --- Pages -------------------------------------------------------------------------------------

QWidget* ProfileEditorDialog::buildConnectionPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Orders cache (production)"));
    form->addRow(tr("&Name:"), m_name);

    m_host = new QLineEdit(page);
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setPlaceholderText(tr("host name or IP address"));
    form->addRow(tr("&Host:"), m_host);

    m_port = new QSpinBox(page);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    form->addRow(tr("&Port:"), m_port);

    m_db = new QSpinBox(page);
    m_db->setObjectName(QStringLiteral("dbSpin"));
    m_db->setRange(0, 100000);
    m_db->setToolTip(tr("The logical database selected after connecting (SELECT)"));
    form->addRow(tr("&Database:"), m_db);

    m_timeout = new QSpinBox(page);
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("For the whole connection: every stage together"));
    form->addRow(tr("&Timeout:"), m_timeout);
    // The numbers line up at the width the longest one needs.
    const int width = std::max(
        {m_port->sizeHint().width(), m_db->sizeHint().width(), m_timeout->sizeHint().width()});
    for (QSpinBox* spin : {m_port, m_db, m_timeout})
        spin->setMinimumWidth(width);
    return page;
}

QWidget* ProfileEditorDialog::buildAuthenticationPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_username = new QLineEdit(page);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setPlaceholderText(tr("empty: the default user"));
    form->addRow(tr("&Username:"), m_username);

    m_passwordSource = new QComboBox(page);
    m_passwordSource->setObjectName(QStringLiteral("passwordSource"));
    m_passwordSource->addItem(tr("Keychain"), KeychainSource);
    m_passwordSource->addItem(tr("Environment variable"), EnvSource);
    m_passwordSource->addItem(tr("Ask each session"), PromptSource);
    m_passwordSource->addItem(tr("No password"), NoneSource);
    form->addRow(tr("Password &kept in:"), m_passwordSource);

    m_password = new QLineEdit(page);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setClearButtonEnabled(true);
    form->addRow(tr("&Password:"), m_password);

    m_passwordVariable = new QLineEdit(page);
    m_passwordVariable->setObjectName(QStringLiteral("passwordVariable"));
    m_passwordVariable->setPlaceholderText(tr("e.g. REDIS_PASSWORD"));
    form->addRow(tr("&Variable:"), m_passwordVariable);

    m_passwordStatus = new QLabel(page);
    m_passwordStatus->setObjectName(QStringLiteral("passwordStatus"));
    m_passwordStatus->setWordWrap(true);
    form->addRow(QString(), m_passwordStatus);
    return page;
}

ProfileEditorDialog::FileField* ProfileEditorDialog::addFileField(FileKind kind,
                                                                  const QString& objectName)
{
    auto* field = new FileField;
    field->kind = kind;
    field->edit = new QLineEdit;
    field->edit->setObjectName(objectName + QStringLiteral("Edit"));
    field->edit->setClearButtonEnabled(true);
    field->browse = new QToolButton;
    field->browse->setObjectName(objectName + QStringLiteral("Browse"));
    field->browse->setText(tr("Browse…"));
    field->browse->setToolTip(kind == FileKind::CaDir ? tr("Choose a directory")
                                                      : tr("Choose a file"));
    field->icon = new QLabel;
    field->icon->setObjectName(objectName + QStringLiteral("StatusIcon"));
    field->message = new QLabel;
    field->message->setObjectName(objectName + QStringLiteral("Status"));
    field->message->setWordWrap(true);
    field->message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(field->browse, &QToolButton::clicked, this, [this, field] { browseFile(*field); });
    m_files << field;
    return field;
}

QWidget* ProfileEditorDialog::buildTlsPage()
{
    auto* page = new QWidget;
    auto* outer = new QVBoxLayout(page);

    m_tlsEnabled = new QCheckBox(tr("Use &TLS (rediss://)"), page);
    m_tlsEnabled->setObjectName(QStringLiteral("tlsEnabledCheck"));
    outer->addWidget(m_tlsEnabled);

    m_tlsDetails = new QWidget(page);
    auto* form = new QFormLayout(m_tlsDetails);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_verifyPeer = new QCheckBox(tr("&Verify the certificate chain"), m_tlsDetails);
    m_verifyPeer->setObjectName(QStringLiteral("verifyPeerCheck"));
    m_verifyHostname = new QCheckBox(tr("Check the &host name"), m_tlsDetails);
    m_verifyHostname->setObjectName(QStringLiteral("verifyHostnameCheck"));
    auto* checks = new QHBoxLayout;
    checks->addWidget(m_verifyPeer);
    checks->addWidget(m_verifyHostname);
    checks->addStretch(1);
    form->addRow(tr("Verification:"), checks);

    m_sni = new QLineEdit(m_tlsDetails);
    m_sni->setObjectName(QStringLiteral("sniEdit"));
    m_sni->setPlaceholderText(tr("empty: the host name"));
    form->addRow(tr("&SNI name:"), m_sni);

    const auto addFileRow = [&](FileKind kind, const QString& name, const QString& label,
                                const QString& placeholder) {
        FileField* field = addFileField(kind, name);
        field->edit->setParent(m_tlsDetails);
        field->edit->setPlaceholderText(placeholder);
        auto* row = new QHBoxLayout;
        row->setSpacing(4);
        row->addWidget(field->edit, 1);
        row->addWidget(field->browse);
        auto* buddy = new QLabel(label, m_tlsDetails);
        buddy->setBuddy(field->edit);
        form->addRow(buddy, row);
        field->status = new QWidget(m_tlsDetails);
        auto* status = new QHBoxLayout(field->status);
        status->setContentsMargins(0, 0, 0, 0);
        status->setSpacing(4);
        status->addWidget(field->icon, 0, Qt::AlignTop);
        status->addWidget(field->message, 1);
        field->message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        field->message->installEventFilter(this);
        form->addRow(QString(), field->status);
        field->form = form;
    };
    addFileRow(FileKind::CaFile, QStringLiteral("caFile"), tr("CA &file:"),
               tr("empty: the system's trusted CAs"));
    addFileRow(FileKind::CaDir, QStringLiteral("caDir"), tr("CA &directory:"), tr("optional"));
    addFileRow(FileKind::CertFile, QStringLiteral("certFile"), tr("Client &certificate:"),
               tr("for mutual TLS"));
    addFileRow(FileKind::KeyFile, QStringLiteral("keyFile"), tr("Client &key:"),
               tr("for mutual TLS"));

    m_passphraseSource = new QComboBox(m_tlsDetails);
    m_passphraseSource->setObjectName(QStringLiteral("passphraseSource"));
    m_passphraseSource->addItem(tr("No passphrase"), NoneSource);
    m_passphraseSource->addItem(tr("Keychain"), KeychainSource);
    m_passphraseSource->addItem(tr("Environment variable"), EnvSource);
    m_passphraseSource->addItem(tr("Ask each session"), PromptSource);
    m_passphrase = new QLineEdit(m_tlsDetails);
    m_passphrase->setObjectName(QStringLiteral("passphraseEdit"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setClearButtonEnabled(true);
    m_passphraseVariable = new QLineEdit(m_tlsDetails);
    m_passphraseVariable->setObjectName(QStringLiteral("passphraseVariable"));
    m_passphraseVariable->setPlaceholderText(tr("variable name"));
    auto* passphraseRow = new QHBoxLayout;
    passphraseRow->setSpacing(4);
    passphraseRow->addWidget(m_passphraseSource);
    passphraseRow->addWidget(m_passphrase, 1);
    passphraseRow->addWidget(m_passphraseVariable, 1);
    auto* passphraseLabel = new QLabel(tr("Key &passphrase:"), m_tlsDetails);
    passphraseLabel->setBuddy(m_passphraseSource);
    form->addRow(passphraseLabel, passphraseRow);
    m_passphraseStatus = new QLabel(m_tlsDetails);
    m_passphraseStatus->setObjectName(QStringLiteral("passphraseStatus"));
    m_passphraseStatus->setWordWrap(true);
    form->addRow(QString(), m_passphraseStatus);

    m_minProtocol = new QComboBox(m_tlsDetails);
    m_minProtocol->setObjectName(QStringLiteral("minProtocolCombo"));
    for (const char* protocol : {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"})
        m_minProtocol->addItem(QString::fromLatin1(protocol), QString::fromLatin1(protocol));
    form->addRow(tr("&Minimum version:"), m_minProtocol);

    m_ciphers = new QLineEdit(m_tlsDetails);
    m_ciphers->setObjectName(QStringLiteral("ciphersEdit"));
    m_ciphers->setPlaceholderText(tr("empty: OpenSSL's defaults"));
    m_ciphers->setToolTip(tr("OpenSSL cipher list for TLS 1.2 and below"));
    form->addRow(tr("C&iphers (≤ 1.2):"), m_ciphers);

    m_ciphersuites = new QLineEdit(m_tlsDetails);
    m_ciphersuites->setObjectName(QStringLiteral("ciphersuitesEdit"));
    m_ciphersuites->setPlaceholderText(tr("empty: OpenSSL's defaults"));
    m_ciphersuites->setToolTip(tr("TLS 1.3 cipher suites, colon-separated"));
    form->addRow(tr("Cipher s&uites (1.3):"), m_ciphersuites);

    outer->addWidget(m_tlsDetails);
    outer->addStretch(1);
    return page;
}

QWidget* ProfileEditorDialog::buildEnvironmentPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_environment = new QComboBox(page);
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environment->setEditable(true);
    m_environment->setInsertPolicy(QComboBox::NoInsert);
    m_environment->setToolTip(tr("Pick a built-in environment or type the name of your own "
                                 "(e.g. qa, uat, prod-eu)"));
    for (const QString& name : EnvironmentStyle::builtInEnvironments())
        m_environment->addItem(EnvironmentStyle::swatchIcon(m_policies.forEnvironment(name)),
                               EnvironmentStyle::displayName(name), name);
    const auto overrides = m_policies.overrides();
    QStringList custom;
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it)
        if (m_environment->findData(it.key()) < 0)
            custom << it.key();
    std::sort(custom.begin(), custom.end(), EnvironmentStyle::lessThan);
    for (const QString& name : std::as_const(custom))
        m_environment->addItem(EnvironmentStyle::swatchIcon(m_policies.forEnvironment(name)), name,
                               name);
    form->addRow(tr("&Environment:"), m_environment);

    m_policySummary = new QLabel(page);
    m_policySummary->setObjectName(QStringLiteral("policySummary"));
    m_policySummary->setWordWrap(true);
    form->addRow(QString(), m_policySummary);

    m_service = new QLineEdit(page);
    m_service->setObjectName(QStringLiteral("serviceEdit"));
    m_service->setPlaceholderText(tr("e.g. orders-cache"));
    m_service->setToolTip(tr("The logical database its development, staging and production "
                             "profiles share; the environment view lines them up by it"));
    form->addRow(tr("&Service:"), m_service);

    m_tags = new QLineEdit(page);
    m_tags->setObjectName(QStringLiteral("tagsEdit"));
    m_tags->setPlaceholderText(tr("comma-separated, e.g. eu, sessions"));
    form->addRow(tr("&Tags:"), m_tags);

    m_expectedServer = new QComboBox(page);
    m_expectedServer->setObjectName(QStringLiteral("expectedServerCombo"));
    m_expectedServer->addItem(tr("Any"), QString());
    m_expectedServer->addItem(QStringLiteral("Redis"), QStringLiteral("redis"));
    m_expectedServer->addItem(QStringLiteral("Valkey"), QStringLiteral("valkey"));
    m_expectedServer->addItem(QStringLiteral("Dragonfly"), QStringLiteral("dragonfly"));
    m_expectedServer->addItem(QStringLiteral("KeyDB"), QStringLiteral("keydb"));
    m_expectedServer->setToolTip(tr("The server this profile should reach; the audit reports "
                                    "another kind of server"));
    form->addRow(tr("E&xpected server:"), m_expectedServer);
    return page;
}

QWidget* ProfileEditorDialog::buildNotesPage()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    m_notes = new QPlainTextEdit(page);
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(tr("Anything worth knowing about this connection. Saved in the "
                                   "profiles file: never put a secret here."));
    layout->addWidget(m_notes);
    return page;
}

QWidget* ProfileEditorDialog::buildFindingsPanel()
{
    auto* box = new QGroupBox(tr("Profile Findings"));
    box->setObjectName(QStringLiteral("findingsPanel"));
    auto* layout = new QVBoxLayout(box);

    auto* title = new QHBoxLayout;
    m_environmentBadge = new QLabel(box);
    m_environmentBadge->setObjectName(QStringLiteral("environmentBadge"));
    m_findingsTitle = new QLabel(box);
    m_findingsTitle->setObjectName(QStringLiteral("findingsTitle"));
    m_findingsTitle->setWordWrap(true);
    title->addWidget(m_environmentBadge, 0, Qt::AlignVCenter);
    title->addWidget(m_findingsTitle, 1);
    layout->addLayout(title);

    m_findingsList = new QTreeWidget(box);
    m_findingsList->setObjectName(QStringLiteral("findingsList"));
    m_findingsList->setColumnCount(2);
    m_findingsList->setHeaderLabels({tr("Severity"), tr("Finding")});
    m_findingsList->setRootIsDecorated(false);
    m_findingsList->setUniformRowHeights(true);
    m_findingsList->setAllColumnsShowFocus(true);
    m_findingsList->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_findingsList->header()->setStretchLastSection(true);
    m_findingsList->setAccessibleName(tr("Profile findings"));
    layout->addWidget(m_findingsList, 1);

    m_findingDetail = new QLabel(box);
    m_findingDetail->setObjectName(QStringLiteral("findingDetail"));
    m_findingDetail->setWordWrap(true);
    m_findingDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findingDetail->setTextFormat(Qt::PlainText);
    m_findingDetail->setMinimumHeight(m_findingDetail->fontMetrics().lineSpacing() * 4);
    m_findingDetail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_findingDetail);

    connect(
        m_findingsList, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* current) {
            const int row = current ? m_findingsList->indexOfTopLevelItem(current) : -1;
            if (row < 0 || row >= m_findings.size()) {
                m_findingDetail->setText(
                    m_findings.isEmpty() ? tr("Nothing to fix in this environment.") : QString());
                return;
            }
            const Finding& finding = m_findings.at(row);
            m_findingDetail->setText(finding.detail + QLatin1Char('\n') +
                                     tr("Fix: %1").arg(finding.remediation));
        });
    return box;
}

QWidget* ProfileEditorDialog::buildTestPanel()
{
    auto* box = new QGroupBox(tr("Test Connection"));
    box->setObjectName(QStringLiteral("testPanel"));
    auto* layout = new QVBoxLayout(box);

    auto* row = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test Connection"), box);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testButton->setAutoDefault(false);
    m_testButton->setToolTip(tr("Connect with the values in the form: resolve, TCP, TLS, "
                                "verification, host name, authentication, PING, INFO"));
    m_cancelTestButton = new QPushButton(tr("Ca&ncel Test"), box);
    m_cancelTestButton->setObjectName(QStringLiteral("cancelTestButton"));
    m_cancelTestButton->setAutoDefault(false);
    m_cancelTestButton->setEnabled(false);
    m_testStatus = new QLabel(tr("Not tested yet."), box);
    m_testStatus->setObjectName(QStringLiteral("testStatus"));
    m_testStatus->setWordWrap(true);
    m_testStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_testButton);
    row->addWidget(m_cancelTestButton);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addWidget(m_testStatus);

    m_stages = new QTreeWidget(box);
    m_stages->setObjectName(QStringLiteral("testStages"));
    m_stages->setColumnCount(4);
    m_stages->setHeaderLabels({tr("Stage"), tr("Result"), tr("Time"), tr("Details")});
    m_stages->setRootIsDecorated(false);
    m_stages->setUniformRowHeights(true);
    m_stages->setAllColumnsShowFocus(true);
    m_stages->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_stages->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_stages->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_stages->header()->setStretchLastSection(true);
    m_stages->setAccessibleName(tr("Connection stages"));
    layout->addWidget(m_stages, 1);

    connect(m_testButton, &QPushButton::clicked, this, &ProfileEditorDialog::testConnection);
    connect(m_cancelTestButton, &QPushButton::clicked, this, &ProfileEditorDialog::cancelTest);
    return box;
}

// --- Values ------------------------------------------------------------------------------------

void ProfileEditorDialog::setKnownEnvironments(const QStringList& environments)
{
    m_populating = true;
    const QString current = selectedEnvironment();
    QStringList custom;
    for (const QString& name : environments)
        if (!name.trimmed().isEmpty() && m_environment->findData(name) < 0)
            custom << name;
    std::sort(custom.begin(), custom.end(), EnvironmentStyle::lessThan);
    for (const QString& name : std::as_const(custom))
        m_environment->addItem(EnvironmentStyle::swatchIcon(m_policies.forEnvironment(name)), name,
                               name);
    const int index = m_environment->findData(current);
    if (index >= 0)
        m_environment->setCurrentIndex(index);
    m_populating = false;
    onChanged();
}

void ProfileEditorDialog::setKnownServices(const QStringList& services)
{
    auto* completer = new QCompleter(services, m_service);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_service->setCompleter(completer);
}

void ProfileEditorDialog::populate(const Profile& profile)
{
    m_populating = true;
    m_name->setText(profile.name);
    m_host->setText(profile.host);
    m_port->setValue(profile.port);
    m_db->setValue(profile.db);
    m_timeout->setValue(profile.timeoutSeconds > 0 ? profile.timeoutSeconds : 10);

    m_username->setText(profile.username);
    const auto selectSource = [](QComboBox* combo, QLineEdit* variable, const SecretRef& ref) {
        QString source = NoneSource;
        switch (ref.source) {
        case SecretRef::Source::None:
            source = NoneSource;
            break;
        case SecretRef::Source::Keychain:
            source = KeychainSource;
            break;
        case SecretRef::Source::Env:
            source = EnvSource;
            variable->setText(ref.variable);
            break;
        case SecretRef::Source::Prompt:
            source = PromptSource;
            break;
        }
        combo->setCurrentIndex(combo->findData(source));
    };
    selectSource(m_passwordSource, m_passwordVariable, profile.password);
    m_password->clear(); // a stored secret is never shown

    m_tlsEnabled->setChecked(profile.tls.enabled);
    m_verifyPeer->setChecked(profile.tls.verifyPeer);
    m_verifyHostname->setChecked(profile.tls.verifyHostname);
    m_sni->setText(profile.tls.sni);
    for (FileField* field : std::as_const(m_files)) {
        switch (field->kind) {
        case FileKind::CaFile:
            field->edit->setText(profile.tls.caFile);
            break;
        case FileKind::CaDir:
            field->edit->setText(profile.tls.caDir);
            break;
        case FileKind::CertFile:
            field->edit->setText(profile.tls.certFile);
            break;
        case FileKind::KeyFile:
            field->edit->setText(profile.tls.keyFile);
            break;
        }
    }
    selectSource(m_passphraseSource, m_passphraseVariable, profile.tls.keyPassphrase);
    m_passphrase->clear();
    const QString minimum =
        profile.tls.minProtocol.isEmpty() ? QStringLiteral("TLSv1.2") : profile.tls.minProtocol;
    int protocolIndex = m_minProtocol->findData(minimum);
    if (protocolIndex < 0) {
        m_minProtocol->addItem(minimum, minimum);
        protocolIndex = m_minProtocol->count() - 1;
    }
    m_minProtocol->setCurrentIndex(protocolIndex);
    m_ciphers->setText(profile.tls.ciphers);
    m_ciphersuites->setText(profile.tls.ciphersuites);

    int environmentIndex = m_environment->findData(profile.environment);
    if (environmentIndex < 0) {
        m_environment->addItem(
            EnvironmentStyle::swatchIcon(m_policies.forEnvironment(profile.environment)),
            profile.environment, profile.environment);
        environmentIndex = m_environment->count() - 1;
    }
    m_environment->setCurrentIndex(environmentIndex);
    m_service->setText(profile.service);
    m_tags->setText(profile.tags.join(QStringLiteral(", ")));
    int kindIndex = m_expectedServer->findData(profile.expectedServerKind);
    if (kindIndex < 0) {
        m_expectedServer->addItem(profile.expectedServerKind, profile.expectedServerKind);
        kindIndex = m_expectedServer->count() - 1;
    }
    m_expectedServer->setCurrentIndex(kindIndex);
    m_notes->setPlainText(profile.notes);
    m_populating = false;
}

void ProfileEditorDialog::connectChanges()
{
    for (QLineEdit* edit :
         {m_name, m_host, m_username, m_password, m_passwordVariable, m_sni, m_passphrase,
          m_passphraseVariable, m_ciphers, m_ciphersuites, m_service, m_tags})
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditorDialog::onChanged);
    for (FileField* field : std::as_const(m_files))
        connect(field->edit, &QLineEdit::textChanged, this, &ProfileEditorDialog::onChanged);
    for (QSpinBox* spin : {m_port, m_db, m_timeout})
        connect(spin, &QSpinBox::valueChanged, this, &ProfileEditorDialog::onChanged);
    for (QCheckBox* check : {m_tlsEnabled, m_verifyPeer, m_verifyHostname})
        connect(check, &QCheckBox::toggled, this, &ProfileEditorDialog::onChanged);
    for (QComboBox* combo :
         {m_passwordSource, m_passphraseSource, m_minProtocol, m_expectedServer, m_environment})
        connect(combo, &QComboBox::currentIndexChanged, this, &ProfileEditorDialog::onChanged);
    connect(m_environment, &QComboBox::currentTextChanged, this, &ProfileEditorDialog::onChanged);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &ProfileEditorDialog::onChanged);
}

QString ProfileEditorDialog::selectedEnvironment() const
{
    const QString text = m_environment->currentText().trimmed();
    for (int i = 0; i < m_environment->count(); ++i)
        if (m_environment->itemText(i).compare(text, Qt::CaseInsensitive) == 0 ||
            m_environment->itemData(i).toString() == text)
            return m_environment->itemData(i).toString();
    return text;
}

SecretRef ProfileEditorDialog::selectedReference(const QComboBox* source,
                                                 const QLineEdit* variable) const
{
    const QString kind = source->currentData().toString();
    if (kind == KeychainSource)
        return SecretRef::keychain();
    if (kind == EnvSource)
        return SecretRef::env(variable->text().trimmed());
    if (kind == PromptSource)
        return SecretRef::prompt();
    return SecretRef::none();
}

Profile ProfileEditorDialog::buildProfile() const
{
    Profile profile = m_original;
    profile.name = m_name->text().trimmed();
    profile.host = m_host->text().trimmed();
    profile.port = quint16(m_port->value());
    profile.db = m_db->value();
    profile.timeoutSeconds = m_timeout->value();
    profile.username = m_username->text();
    profile.password = selectedReference(m_passwordSource, m_passwordVariable);

    profile.tls.enabled = m_tlsEnabled->isChecked();
    profile.tls.verifyPeer = m_verifyPeer->isChecked();
    profile.tls.verifyHostname = m_verifyHostname->isChecked();
    profile.tls.sni = m_sni->text().trimmed();
    for (const FileField* field : m_files) {
        const QString path = field->edit->text().trimmed();
        switch (field->kind) {
        case FileKind::CaFile:
            profile.tls.caFile = path;
            break;
        case FileKind::CaDir:
            profile.tls.caDir = path;
            break;
        case FileKind::CertFile:
            profile.tls.certFile = path;
            break;
        case FileKind::KeyFile:
            profile.tls.keyFile = path;
            break;
        }
    }
    profile.tls.keyPassphrase = selectedReference(m_passphraseSource, m_passphraseVariable);
    profile.tls.minProtocol = m_minProtocol->currentData().toString();
    profile.tls.ciphers = m_ciphers->text().trimmed();
    profile.tls.ciphersuites = m_ciphersuites->text().trimmed();

    const QString environment = selectedEnvironment();
    profile.environment =
        environment.isEmpty() ? policyKindName(PolicyKind::Development) : environment;
    profile.service = m_service->text().trimmed();
    QStringList tags;
    for (const QString& tag : m_tags->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString trimmed = tag.trimmed(); !trimmed.isEmpty() && !tags.contains(trimmed))
            tags << trimmed;
    profile.tags = tags;
    profile.expectedServerKind = m_expectedServer->currentData().toString();
    profile.notes = m_notes->toPlainText();

    // A secret found inline in the file moves to the keychain on Save.
    if (profile.password.source == SecretRef::Source::Keychain)
        profile.inlinePassword.clear();
    if (profile.tls.keyPassphrase.source == SecretRef::Source::Keychain)
        profile.inlineKeyPassphrase.clear();
    return profile;
}

Profile ProfileEditorDialog::profile() const
{
    return m_hasAccepted ? m_accepted : buildProfile();
}

// --- Live state --------------------------------------------------------------------------------

void ProfileEditorDialog::onChanged()
{
    if (m_populating)
        return;
    updateEnabledState();
    for (FileField* field : std::as_const(m_files))
        validateFile(*field);
    validate();
    updateFindings();
}

void ProfileEditorDialog::updateEnabledState()
{
    const bool tls = m_tlsEnabled->isChecked();
    m_tlsDetails->setEnabled(tls);

    const auto secretWidgets = [](const QComboBox* source, QLineEdit* secret, QLineEdit* variable) {
        const QString kind = source->currentData().toString();
        secret->setVisible(kind == KeychainSource || kind == PromptSource);
        variable->setVisible(kind == EnvSource);
    };
    secretWidgets(m_passwordSource, m_password, m_passwordVariable);
    secretWidgets(m_passphraseSource, m_passphrase, m_passphraseVariable);
    // The form rows of the password and the variable follow their fields.
    if (auto* form = qobject_cast<QFormLayout*>(m_password->parentWidget()->layout())) {
        form->setRowVisible(m_password, m_password->isVisibleTo(m_password->parentWidget()));
        form->setRowVisible(m_passwordVariable,
                            m_passwordVariable->isVisibleTo(m_passwordVariable->parentWidget()));
    }

    const QString kind = m_passwordSource->currentData().toString();
    const bool wasKeychain = m_original.password.source == SecretRef::Source::Keychain;
    QString status;
    if (kind == KeychainSource) {
        m_password->setPlaceholderText(wasKeychain ? tr("unchanged") : tr("password"));
        if (!m_original.inlinePassword.isEmpty() && m_password->text().isEmpty())
            status = tr("The profiles file holds this password in clear text. Save moves it to "
                        "the keychain and the file keeps only a reference.");
        else if (wasKeychain)
            status = tr("The password is kept in the keychain and not shown. Leave the field "
                        "empty to keep it, or type a new one.");
        else
            status = tr("Save stores the password in the keychain; the profiles file keeps "
                        "only a reference.");
    } else if (kind == EnvSource) {
        status = tr("Read from this environment variable when connecting.");
    } else if (kind == PromptSource) {
        m_password->setPlaceholderText(tr("for Test Connection only"));
        status = tr("Asked each session and never stored. A password typed here is used for "
                    "Test Connection only.");
    } else {
        status = tr("Connects without a password.");
    }
    if (wasKeychain && kind != KeychainSource)
        status += QLatin1Char(' ') + tr("Save removes the password stored in the keychain.");
    m_passwordStatus->setText(status);

    const QString passphraseKind = m_passphraseSource->currentData().toString();
    QString passphraseStatus;
    if (passphraseKind == KeychainSource)
        passphraseStatus = m_original.tls.keyPassphrase.source == SecretRef::Source::Keychain
                               ? tr("Kept in the keychain and not shown; type to replace it.")
                               : tr("Save stores the passphrase in the keychain.");
    else if (passphraseKind == PromptSource)
        passphraseStatus = tr("Asked each session; a passphrase typed here is used for Test "
                              "Connection only.");
    m_passphrase->setPlaceholderText(passphraseKind == KeychainSource &&
                                             m_original.tls.keyPassphrase.source ==
                                                 SecretRef::Source::Keychain
                                         ? tr("unchanged")
                                         : tr("passphrase"));
    m_passphraseStatus->setText(passphraseStatus);
    m_passphraseStatus->setVisible(!passphraseStatus.isEmpty());
}

void ProfileEditorDialog::validateFile(FileField& field)
{
    const FileCheck check = checkFile(int(field.kind), field.edit->text());
    field.level = check.level;
    const int size = field.message->fontMetrics().height();
    field.icon->setFixedSize(size, size);
    field.icon->setPixmap(check.level == Level::None ? QPixmap()
                                                     : levelIcon(check.level).pixmap(size, size));
    field.icon->setVisible(check.level != Level::None);
    field.message->setText(check.message);
    fitHeight(field.message);
    field.message->setVisible(check.level != Level::None);
    field.edit->setToolTip(check.message);
    if (field.form && field.status)
        field.form->setRowVisible(field.status, check.level != Level::None);
}

void ProfileEditorDialog::validate()
{
    QStringList errors;
    if (m_name->text().trimmed().isEmpty())
        errors << tr("Give the profile a name.");
    if (m_host->text().trimmed().isEmpty())
        errors << tr("Enter the server's host name or IP address.");
    if (selectedEnvironment().isEmpty())
        errors << tr("Choose an environment.");
    if (m_passwordSource->currentData().toString() == EnvSource &&
        !isVariableName(m_passwordVariable->text().trimmed()))
        errors << tr("The password's environment variable needs a name made of letters, digits "
                     "and underscores.");
    if (m_passphraseSource->currentData().toString() == EnvSource &&
        !isVariableName(m_passphraseVariable->text().trimmed()))
        errors << tr("The key passphrase's environment variable needs a name made of letters, "
                     "digits and underscores.");
    if (errors.isEmpty()) {
        // Only what the profiles file can hold is accepted.
        if (auto check = profileFromJson(profileToJson(buildProfile())); !check)
            errors << check.error().message;
    }
    m_errors = errors;
    m_errorLabel->setText(errors.value(0));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(errors.isEmpty() && !m_saving);
}

void ProfileEditorDialog::updateFindings()
{
    const Profile profile = buildProfile();
    const EnvironmentPolicy policy = m_policies.forEnvironment(profile.environment);
    m_findings = lintProfile(profile, policy);

    m_environmentBadge->setPixmap(EnvironmentStyle::badge(policy, font(), devicePixelRatioF()));
    m_findingsTitle->setText(m_findings.isEmpty()
                                 ? tr("No findings for this profile in this environment.")
                                 : tr("%n finding(s) for this profile in this environment.",
                                      nullptr, int(m_findings.size())));
    m_policySummary->setText(EnvironmentStyle::policySummary(policy));

    const QString previous = m_findingsList->currentItem()
                                 ? m_findingsList->currentItem()->data(1, Qt::UserRole).toString()
                                 : QString();
    m_findingsList->clear();
    QTreeWidgetItem* select = nullptr;
    for (const Finding& finding : std::as_const(m_findings)) {
        auto* item = new QTreeWidgetItem(m_findingsList);
        item->setIcon(0, SeverityStyle::icon(finding.severity));
        item->setText(0, SeverityStyle::word(finding.severity));
        item->setText(1, finding.title);
        item->setData(1, Qt::UserRole, finding.id);
        const QString tip = finding.detail + QLatin1Char('\n') +
                            tr("Fix: %1").arg(finding.remediation) + QLatin1Char('\n') + finding.id;
        item->setToolTip(0, tip);
        item->setToolTip(1, tip);
        if (finding.id == previous && !select)
            select = item;
    }
    if (m_findings.isEmpty()) {
        auto* item = new QTreeWidgetItem(m_findingsList);
        item->setIcon(0, SeverityStyle::okIcon());
        item->setText(0, tr("None"));
        item->setText(
            1, tr("Nothing to fix in %1").arg(EnvironmentStyle::displayName(profile.environment)));
        item->setFlags(Qt::ItemIsEnabled);
    }
    if (!select && !m_findings.isEmpty())
        select = m_findingsList->topLevelItem(0);
    m_findingsList->setCurrentItem(select);
    if (!select)
        m_findingDetail->setText(tr("Nothing to fix in this environment."));
    Q_EMIT findingsChanged();
}

void ProfileEditorDialog::browseFile(FileField& field)
{
    const QString current = field.edit->text().trimmed();
    const QString start = current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath();
    QString chosen;
    if (field.kind == FileKind::CaDir)
        chosen = QFileDialog::getExistingDirectory(this, tr("CA Directory"), start);
    else
        chosen = QFileDialog::getOpenFileName(
            this,
            field.kind == FileKind::KeyFile    ? tr("Client Key")
            : field.kind == FileKind::CertFile ? tr("Client Certificate")
                                               : tr("CA Certificates"),
            start,
            field.kind == FileKind::KeyFile ? tr("PEM keys (*.pem *.key);;All files (*)")
                                            : tr("PEM certificates (*.pem *.crt *.cer);;All "
                                                 "files (*)"));
    if (!chosen.isEmpty())
        field.edit->setText(chosen);
}

// A word-wrapped label in a form row would otherwise get the height of its size hint, which
// assumes a narrow width: it takes exactly the lines its text needs at its width.
void ProfileEditorDialog::fitHeight(QLabel* label)
{
    const int height = label->heightForWidth(label->width());
    if (height > 0 && height != label->height())
        label->setFixedHeight(height);
}

bool ProfileEditorDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Resize)
        if (auto* label = qobject_cast<QLabel*>(watched))
            fitHeight(label);
    return QDialog::eventFilter(watched, event);
}

// --- Test connection ---------------------------------------------------------------------------

void ProfileEditorDialog::testConnection()
{
    m_testCancel.cancel(); // a newer test replaces an older one
    m_testCancel = CancelToken();
    const quint64 request = ++m_testRequest;

    Profile profile = buildProfile();
    // The test may use a secret still held inline (it moves to the keychain only on Save).
    profile.inlinePassword = m_original.inlinePassword;
    profile.inlineKeyPassphrase = m_original.inlineKeyPassphrase;
    const auto typed = [](const QComboBox* source, const QLineEdit* edit) {
        const QString kind = source->currentData().toString();
        return kind == KeychainSource || kind == PromptSource ? edit->text().toUtf8()
                                                              : QByteArray();
    };
    const QByteArray password = typed(m_passwordSource, m_password);
    const QByteArray passphrase = typed(m_passphraseSource, m_passphrase);

    setTestRunning(true, tr("Connecting to %1:%2…").arg(profile.host).arg(profile.port));
    m_stages->clear();
    for (Stage stage : allStages()) {
        auto* item = new QTreeWidgetItem(m_stages);
        item->setText(0, stageLabel(stage));
        item->setText(1, tr("…"));
    }

    runAsync(
        this,
        [profile, password, passphrase, store = m_secrets, cancel = m_testCancel]() {
            TestOutcome outcome;
            const SecretResolver resolver(store.get(), QProcessEnvironment::systemEnvironment());
            const auto secret = [&](const QString& field, const QByteArray& given,
                                    const QByteArray& inlineValue,
                                    const QString& what) -> QByteArray {
                if (!given.isEmpty())
                    return given;
                const SecretRef ref =
                    SecretResolver::referenceOf(profile, field).value_or(SecretRef::none());
                if (ref.source == SecretRef::Source::Keychain && !inlineValue.isEmpty())
                    return inlineValue;
                if (ref.source == SecretRef::Source::Prompt ||
                    (ref.source == SecretRef::Source::Keychain && !store)) {
                    if (inlineValue.isEmpty())
                        outcome.secretNotes
                            << ProfileEditorDialog::tr("No %1 was typed: testing without one.")
                                   .arg(what);
                    return inlineValue;
                }
                auto resolved = resolver.resolve(profile, field);
                if (!resolved) {
                    outcome.secretNotes << resolved.error().message;
                    return {};
                }
                return resolved->value;
            };
            if (cancel.isCancelled())
                return outcome;
            QByteArray pw = secret(SecretResolver::passwordField(), password,
                                   profile.inlinePassword, ProfileEditorDialog::tr("password"));
            QByteArray pp =
                profile.tls.enabled && !profile.tls.keyFile.isEmpty()
                    ? secret(SecretResolver::keyPassphraseField(), passphrase,
                             profile.inlineKeyPassphrase, ProfileEditorDialog::tr("key passphrase"))
                    : QByteArray();
            outcome.result = Inspector::run(profile.toRequest(pw, pp), cancel);
            secureWipe(pw);
            secureWipe(pp);
            return outcome;
        },
        [this, request](const TestOutcome& outcome) {
            if (request != m_testRequest)
                return; // cancelled, or a newer test started
            showTestResult(outcome.result, outcome.secretNotes.join(QLatin1Char(' ')));
        });
}

void ProfileEditorDialog::cancelTest()
{
    if (!m_testing)
        return;
    m_testCancel.cancel();
    ++m_testRequest; // whatever arrives now is stale
    for (int i = 0; i < m_stages->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_stages->topLevelItem(i);
        if (item->text(1) == tr("…")) {
            item->setIcon(1, SeverityStyle::skippedIcon());
            item->setText(1, tr("Cancelled"));
        }
    }
    setTestRunning(false, tr("Test cancelled."));
}

void ProfileEditorDialog::setTestRunning(bool running, const QString& status)
{
    m_testing = running;
    m_testButton->setEnabled(!running);
    m_cancelTestButton->setEnabled(running);
    m_testStatus->setText(status);
    if (running)
        m_cancelTestButton->setFocus(Qt::OtherFocusReason);
}

void ProfileEditorDialog::showTestResult(const InspectResult& result, const QString& secretNote)
{
    m_lastTest = result;
    m_stages->clear();
    for (Stage stage : allStages()) {
        auto* item = new QTreeWidgetItem(m_stages);
        item->setText(0, stageLabel(stage));
        item->setData(0, Qt::UserRole, stageName(stage));
        const StageResult* ran = result.stage(stage);
        if (!ran) {
            item->setIcon(1, SeverityStyle::skippedIcon());
            item->setText(1, tr("Not reached"));
            continue;
        }
        switch (ran->status) {
        case StageResult::Status::Ok:
            item->setIcon(1, SeverityStyle::okIcon());
            item->setText(1, tr("OK"));
            break;
        case StageResult::Status::Warning:
            item->setIcon(1, SeverityStyle::icon(Severity::Medium));
            item->setText(1, tr("Warning"));
            break;
        case StageResult::Status::Failed:
            item->setIcon(1, SeverityStyle::icon(Severity::Critical));
            item->setText(1, tr("Failed"));
            break;
        case StageResult::Status::Skipped:
            item->setIcon(1, SeverityStyle::skippedIcon());
            item->setText(1, tr("Skipped"));
            break;
        }
        item->setText(2, tr("%1 ms").arg(ran->ms, 0, 'f', ran->ms < 10 ? 1 : 0));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(3, ran->message);
        item->setToolTip(3, ran->message);
    }

    QString status;
    if (result.error) {
        const Error& error = *result.error;
        status = error.stage == Stage::None
                     ? error.message
                     : tr("%1 failed: %2").arg(stageLabel(error.stage), error.message);
    } else {
        QStringList parts;
        if (result.server)
            parts << tr("Connected to %1").arg(result.server->displayName());
        else
            parts << tr("Connected");
        if (result.tls)
            parts << tr("over %1 (%2)").arg(result.tls->protocol, result.tls->cipherOpenssl);
        else
            parts << tr("without TLS");
        status = parts.join(QLatin1Char(' ')) + tr(" in %1 ms.").arg(result.totalMs, 0, 'f', 0);
        if (!result.allStagesOk())
            status += QLatin1Char(' ') + tr("Some stages only passed because the profile "
                                            "allows it.");
    }
    if (!secretNote.isEmpty())
        status += QLatin1Char('\n') + secretNote;
    setTestRunning(false, status);
    m_testButton->setFocus(Qt::OtherFocusReason);
    Q_EMIT connectionTestFinished(result.allStagesOk());
}

// --- Save --------------------------------------------------------------------------------------

void ProfileEditorDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_tabs->setEnabled(!saving);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!saving && m_errors.isEmpty());
    if (saving)
        m_errorLabel->setText(tr("Saving secrets to the keychain…"));
}

void ProfileEditorDialog::accept()
{
    if (m_saving)
        return;
    onChanged();
    if (!m_errors.isEmpty())
        return;

    QList<SecretOperation> operations;
    const auto plan = [&](const QString& field, const QComboBox* source, QLineEdit* edit,
                          const SecretRef& original, const QByteArray& inlineValue) {
        const bool keychain = source->currentData().toString() == KeychainSource;
        if (keychain) {
            const QByteArray typed = edit->text().toUtf8();
            if (!typed.isEmpty())
                operations << SecretOperation{field, typed};
            else if (!inlineValue.isEmpty())
                operations << SecretOperation{field, inlineValue};
        } else if (original.source == SecretRef::Source::Keychain) {
            operations << SecretOperation{field, QByteArray()};
        }
    };
    plan(SecretResolver::passwordField(), m_passwordSource, m_password, m_original.password,
         m_original.inlinePassword);
    plan(SecretResolver::keyPassphraseField(), m_passphraseSource, m_passphrase,
         m_original.tls.keyPassphrase, m_original.inlineKeyPassphrase);

    const auto finish = [this] {
        m_accepted = buildProfile();
        m_hasAccepted = true;
        m_password->clear();
        m_passphrase->clear();
        QDialog::accept();
    };
    if (operations.isEmpty()) {
        finish();
        return;
    }
    if (!m_secrets) {
        const QString message = tr("No keychain is available to keep the secret. Choose "
                                   "\"Ask each session\" or an environment variable instead.");
        m_errorLabel->setText(message);
        m_tabs->setCurrentIndex(1);
        Q_EMIT secretSaveFailed(message);
        return;
    }

    setSaving(true);
    const quint64 request = ++m_saveRequest;
    runAsync(
        this,
        [operations, store = m_secrets, id = m_original.id]() mutable -> QString {
            QString failure;
            for (SecretOperation& operation : operations) {
                const Result<void> done = operation.value.isEmpty()
                                              ? store->remove(id, operation.field)
                                              : store->write(id, operation.field, operation.value);
                secureWipe(operation.value);
                if (!done && failure.isEmpty())
                    failure = done.error().message;
            }
            return failure;
        },
        [this, request, finish](const QString& failure) {
            if (request != m_saveRequest)
                return;
            setSaving(false);
            if (failure.isEmpty()) {
                finish();
                return;
            }
            const QString message = tr("The secret could not be saved: %1").arg(failure);
            m_errorLabel->setText(message);
            m_tabs->setCurrentIndex(1);
            Q_EMIT secretSaveFailed(message);
        });
}

void ProfileEditorDialog::done(int result)
{
    // Whatever still runs finishes on its own; its result is dropped.
    m_testCancel.cancel();
    ++m_testRequest;
    if (result != QDialog::Accepted)
        ++m_saveRequest;
    m_testing = false;
    m_saving = false;
    QDialog::done(result);
}

} // namespace rediscope
