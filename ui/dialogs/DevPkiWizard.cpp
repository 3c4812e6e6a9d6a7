#include "DevPkiWizard.h"

#include "common/SecureBytes.h"
#include "controllers/AsyncTask.h"
#include "controllers/ProfilesController.h"
#include "pki/DevPki.h"
#include "pki/DevSetup.h"
#include "profile/ProfileExport.h"
#include "profile/import/ShellWords.h"
#include "style/EnvironmentStyle.h"
#include "style/SeverityStyle.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>
#include <functional>
#include <sys/stat.h>

namespace rediscope {

namespace {

enum class Level
{
    None,
    Ok,
    Info,
    Warning,
    Error,
};

QIcon levelIcon(Level level)
{
    switch (level) {
    case Level::None:
        return {};
    case Level::Ok:
        return SeverityStyle::okIcon();
    case Level::Info:
        return SeverityStyle::icon(Severity::Info);
    case Level::Warning:
        return SeverityStyle::icon(Severity::Medium);
    case Level::Error:
        return SeverityStyle::icon(Severity::High);
    }
    return {};
}

// A status line under an input: an icon of the level's shape and the message in words. The icon
// sits in the text label's left margin, so the label alone decides the line's height.
void setStatus(QLabel* icon, QLabel* text, Level level, const QString& message)
{
    const int size = text->fontMetrics().height();
    const bool showIcon = level != Level::None && !message.isEmpty();
    icon->setFixedSize(size, size);
    icon->setPixmap(showIcon ? levelIcon(level).pixmap(size, size) : QPixmap());
    icon->move(0, 0);
    icon->setVisible(showIcon);
    text->setContentsMargins(showIcon ? size + 6 : 0, 0, 0, 0);
    text->setText(message);
    text->setVisible(!message.isEmpty());
    text->setProperty("level", int(level));
}

// Word-wrapped text never takes more height than it needs: extra room stays below the form.
void keepCompact(QWidget* widget)
{
    QSizePolicy policy = widget->sizePolicy();
    policy.setVerticalPolicy(QSizePolicy::Maximum);
    widget->setSizePolicy(policy);
}

QLabel* statusRow(QLabel*& icon, QLabel*& text, const QString& objectName, QWidget* parent)
{
    text = new QLabel(parent);
    text->setObjectName(objectName);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    keepCompact(text);
    icon = new QLabel(text);
    icon->setObjectName(objectName + QStringLiteral("Icon"));
    icon->hide();
    return text;
}

QLabel* hint(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    keepCompact(label);
    return label;
}

// A two-column form on a grid. QFormLayout gives word-wrapped rows the height of their size
// hint, which leaves gaps under short messages; a grid gives them what they need at their width.
struct GridForm
{
    explicit GridForm(QGridLayout* layout)
        : grid(layout)
    {
        grid->setColumnStretch(1, 1);
    }

    void addRow(QWidget* label, QWidget* field)
    {
        if (label)
            grid->addWidget(label, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
        grid->addWidget(field, row++, 1);
    }
    void addRow(QWidget* label, QLayout* field)
    {
        grid->addWidget(label, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
        grid->addLayout(field, row++, 1);
    }
    void addRow(const QString& text, QWidget* field)
    {
        QLabel* label = nullptr;
        if (!text.isEmpty()) {
            label = new QLabel(text);
            label->setBuddy(field);
        }
        addRow(label, field);
    }
    // Across both columns.
    void addRow(QWidget* field) { grid->addWidget(field, row++, 0, 1, 2); }

    QGridLayout* grid;
    int row = 0;
};

// A page whose completeness, validation and initialisation are the wizard's.
class HookedPage : public QWizardPage
{
public:
    using QWizardPage::QWizardPage;

    std::function<bool()> complete;
    std::function<bool()> validate;
    std::function<void()> initialize;

    bool isComplete() const override { return complete ? complete() : true; }
    bool validatePage() override { return validate ? validate() : true; }
    void initializePage() override
    {
        if (initialize)
            initialize();
    }
};

// A read-only monospace box with a Copy button under it.
QWidget* codeBox(QPlainTextEdit*& edit, const QString& objectName, const QString& copyName,
                 QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    edit = new QPlainTextEdit(box);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(edit, 1);
    auto* copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")),
                                 DevPkiWizard::tr("&Copy"), box);
    copy->setObjectName(copyName);
    QPlainTextEdit* source = edit;
    QObject::connect(copy, &QPushButton::clicked, source,
                     [source] { QGuiApplication::clipboard()->setText(source->toPlainText()); });
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(copy);
    layout->addLayout(row);
    return box;
}

QString modeText(uint mode)
{
    QString letters;
    const char* const symbols = "rwxrwxrwx";
    for (int bit = 0; bit < 9; ++bit)
        letters += (mode & (0400u >> bit)) ? QLatin1Char(symbols[bit]) : QLatin1Char('-');
    return QStringLiteral("%1  %2").arg(mode, 4, 8, QLatin1Char('0')).arg(letters);
}

bool hasControl(const QString& text)
{
    for (const QChar ch : text)
        if (ch.category() == QChar::Other_Control)
            return true;
    return false;
}

bool isVariableName(const QString& text)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return identifier.match(text).hasMatch();
}

bool isEnvironmentName(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,63}$"));
    return pattern.match(text).hasMatch();
}

// What the worker hands back: the files written and their modes.
struct Outcome
{
    Result<QStringList> written;
    QList<uint> modes;
};

} // namespace

DevPkiWizard::DevPkiWizard(ProfilesController* profiles, QWidget* parent)
    : QWizard(parent)
    , m_profiles(profiles)
{
    setObjectName(QStringLiteral("devPkiWizard"));
    setWindowTitle(tr("Secure Dev Setup"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setSizeGripEnabled(true);

    setPage(OutputPage, createOutputPage());
    setPage(CertificatePage, createCertificatePage());
    setPage(ClientsPage, createClientsPage());
    setPage(SummaryPage, createSummaryPage());
    setPage(ResultPage, createResultPage());
    setStartId(OutputPage);
    setButtonText(QWizard::CommitButton, tr("&Generate"));

    connect(this, &QWizard::currentIdChanged, this, &DevPkiWizard::pageChanged);
    updateOutputStatus();
    updateHostsStatus();
    updateDaysNote();
    updateClientAuth();
    updatePasswordStatus();
    resize(920, 720);
}

DevPkiWizard::~DevPkiWizard() = default;

// ---------------------------------------------------------------------------------------------
// Pages

QWizardPage* DevPkiWizard::createOutputPage()
{
    auto* page = new HookedPage(this);
    page->setObjectName(QStringLiteral("outputPage"));
    page->setTitle(tr("Where the Files Go"));
    page->setSubTitle(tr("A local certificate authority, a server certificate and optionally a "
                         "client certificate, with the redis.conf and Dragonfly flags that use "
                         "them — what rediscope dev-pki writes."));
    page->complete = [this] {
        return directoryProblem().isEmpty();
    };

    m_directory = new QLineEdit(QDir::home().filePath(QStringLiteral("rediscope-dev-tls")), page);
    m_directory->setObjectName(QStringLiteral("outputDirectory"));
    m_directory->setClearButtonEnabled(true);
    auto* browse = new QPushButton(tr("&Browse…"), page);
    browse->setObjectName(QStringLiteral("browseDirectory"));
    connect(browse, &QPushButton::clicked, this, &DevPkiWizard::chooseDirectory);
    auto* row = new QHBoxLayout;
    row->addWidget(m_directory, 1);
    row->addWidget(browse);

    m_overwrite = new QCheckBox(tr("&Overwrite existing files (--force)"), page);
    m_overwrite->setObjectName(QStringLiteral("overwrite"));

    auto* outer = new QVBoxLayout(page);
    auto* grid = new QGridLayout;
    outer->addLayout(grid);
    GridForm form(grid);
    outer->addStretch(1);
    auto* label = new QLabel(tr("&Directory:"), page);
    label->setBuddy(m_directory);
    form.addRow(label, row);
    form.addRow(QString(), statusRow(m_directoryIcon, m_directoryStatus,
                                     QStringLiteral("directoryStatus"), page));
    form.addRow(QString(), m_overwrite);
    form.addRow(QString(), hint(tr("Private keys are written with mode 0600 and never readable "
                                   "by others, certificates 0644; a new directory is created "
                                   "with mode 0700. Files are written all or nothing."),
                                page));

    const auto changed = [this, page] {
        updateOutputStatus();
        Q_EMIT page->completeChanged();
    };
    connect(m_directory, &QLineEdit::textChanged, page, changed);
    connect(m_overwrite, &QCheckBox::toggled, page, changed);
    return page;
}

QWizardPage* DevPkiWizard::createCertificatePage()
{
    auto* page = new HookedPage(this);
    page->setObjectName(QStringLiteral("certificatePage"));
    page->setTitle(tr("Server Certificate"));
    page->setSubTitle(tr("The names clients reach the server by, how long the certificates are "
                         "valid and the key type of every key."));
    page->complete = [this] {
        return hostsProblem().isEmpty();
    };

    m_hosts = new QLineEdit(QStringLiteral("localhost, 127.0.0.1"), page);
    m_hosts->setObjectName(QStringLiteral("hosts"));
    m_hosts->setPlaceholderText(tr("localhost, 127.0.0.1, redis.dev.example.com"));

    m_days = new QSpinBox(page);
    m_days->setObjectName(QStringLiteral("days"));
    m_days->setRange(1, DevPki::MaxDays);
    m_days->setValue(365);
    m_days->setSuffix(tr(" day(s)", nullptr, m_days->value()));
    connect(m_days, &QSpinBox::valueChanged, m_days,
            [this](int days) { m_days->setSuffix(tr(" day(s)", nullptr, days)); });
    m_daysNote = hint(QString(), page);
    m_daysNote->setObjectName(QStringLiteral("daysNote"));

    m_keyType = new QComboBox(page);
    m_keyType->setObjectName(QStringLiteral("keyType"));
    m_keyType->addItem(tr("ECDSA P-256 (recommended)"), devKeyTypeName(DevKeyType::EcP256));
    m_keyType->addItem(tr("RSA 2048"), devKeyTypeName(DevKeyType::Rsa2048));
    m_keyType->addItem(tr("RSA 3072"), devKeyTypeName(DevKeyType::Rsa3072));

    auto* outer = new QVBoxLayout(page);
    auto* grid = new QGridLayout;
    outer->addLayout(grid);
    GridForm form(grid);
    outer->addStretch(1);
    form.addRow(tr("&Hosts:"), m_hosts);
    form.addRow(QString(),
                statusRow(m_hostsIcon, m_hostsStatus, QStringLiteral("hostsStatus"), page));
    form.addRow(QString(),
                hint(tr("Comma-separated host names and IP addresses: each becomes a "
                        "subjectAltName of the server certificate (extendedKeyUsage "
                        "serverAuth). Clients check the name they connect to against them."),
                     page));
    form.addRow(tr("&Validity:"), m_days);
    form.addRow(QString(), m_daysNote);
    form.addRow(tr("&Key type:"), m_keyType);

    connect(m_hosts, &QLineEdit::textChanged, page, [this, page] {
        updateHostsStatus();
        Q_EMIT page->completeChanged();
    });
    connect(m_days, &QSpinBox::valueChanged, this, &DevPkiWizard::updateDaysNote);
    return page;
}

QWizardPage* DevPkiWizard::createClientsPage()
{
    auto* page = new HookedPage(this);
    page->setObjectName(QStringLiteral("clientsPage"));
    page->setTitle(tr("Clients and Server"));
    page->setSubTitle(tr("Mutual TLS, the port, the password and TLS between servers."));
    page->complete = [this] {
        return passwordProblem().isEmpty();
    };

    auto* clients = new QGroupBox(tr("Clients"), page);
    m_clientCert = new QCheckBox(tr("Create a client &certificate for mutual TLS"), clients);
    m_clientCert->setObjectName(QStringLiteral("clientCertificate"));
    m_clientAuth = new QComboBox(clients);
    m_clientAuth->setObjectName(QStringLiteral("clientAuth"));
    m_clientAuth->addItem(tr("Required and verified (tls-auth-clients yes)"),
                          clientAuthModeName(ClientAuthMode::Yes));
    m_clientAuth->addItem(tr("Verified when sent (tls-auth-clients optional)"),
                          clientAuthModeName(ClientAuthMode::Optional));
    m_clientAuth->addItem(tr("Not asked for (tls-auth-clients no)"),
                          clientAuthModeName(ClientAuthMode::No));
    m_clientAuth->setCurrentIndex(2);
    GridForm clientForm(new QGridLayout(clients));
    clientForm.addRow(m_clientCert);
    clientForm.addRow(tr("Client certificates:"), m_clientAuth);
    clientForm.addRow(hint(tr("Requiring client certificates needs one from the new CA: tick "
                              "the box above. Dragonfly has no optional mode: it asks for one "
                              "only when required."),
                           clients));

    auto* server = new QGroupBox(tr("Server"), page);
    m_port = new QSpinBox(server);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(6380);
    m_passwordVariable = new QLineEdit(server);
    m_passwordVariable->setObjectName(QStringLiteral("passwordVariable"));
    m_passwordVariable->setPlaceholderText(tr("e.g. REDIS_PASSWORD (optional)"));
    m_tlsReplication = new QCheckBox(tr("&Replication over TLS (tls-replication)"), server);
    m_tlsReplication->setObjectName(QStringLiteral("tlsReplication"));
    m_tlsCluster = new QCheckBox(tr("C&luster bus over TLS (tls-cluster)"), server);
    m_tlsCluster->setObjectName(QStringLiteral("tlsCluster"));
    GridForm serverForm(new QGridLayout(server));
    serverForm.addRow(tr("TLS &port:"), m_port);
    serverForm.addRow(tr("Password &variable:"), m_passwordVariable);
    serverForm.addRow(QString(), statusRow(m_passwordIcon, m_passwordStatus,
                                           QStringLiteral("passwordStatus"), server));
    serverForm.addRow(QString(), m_tlsReplication);
    serverForm.addRow(QString(), m_tlsCluster);
    serverForm.addRow(QString(),
                      hint(tr("With either, the server certificate is also issued for TLS "
                              "clients: Redis presents it to its master and to the other "
                              "nodes."),
                           server));

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(clients);
    layout->addWidget(server);
    layout->addStretch(1);

    connect(m_clientCert, &QCheckBox::toggled, this, [this] {
        m_clientAuth->setCurrentIndex(m_clientCert->isChecked() ? 0 : 2);
        updateClientAuth();
    });
    connect(m_passwordVariable, &QLineEdit::textChanged, page, [this, page] {
        updatePasswordStatus();
        Q_EMIT page->completeChanged();
    });
    return page;
}

QWizardPage* DevPkiWizard::createSummaryPage()
{
    auto* page = new HookedPage(this);
    page->setObjectName(QStringLiteral("summaryPage"));
    page->setTitle(tr("Summary"));
    page->setSubTitle(tr("Generate writes these files. Key generation runs in the background."));
    page->setCommitPage(true);
    page->complete = [this] {
        return !m_generating && pageProblem(SummaryPage).isEmpty();
    };
    page->validate = [this] {
        // Generation runs in the background; once it is done, the wizard moves on by itself.
        if (m_generated)
            return true;
        startGeneration();
        return false;
    };
    page->initialize = [this] {
        updateSummary();
    };

    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("generateProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    layout->addWidget(m_progress);
    layout->addWidget(
        statusRow(m_generateIcon, m_generateStatus, QStringLiteral("generateStatus"), page));
    return page;
}

QWizardPage* DevPkiWizard::createResultPage()
{
    auto* page = new HookedPage(this);
    page->setObjectName(QStringLiteral("resultPage"));
    page->setTitle(tr("Done"));
    page->setFinalPage(true);

    m_resultHeading = new QLabel(page);
    m_resultHeading->setObjectName(QStringLiteral("resultHeading"));
    m_resultHeading->setTextFormat(Qt::PlainText);
    m_resultHeading->setWordWrap(true);
    m_resultHeading->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_files = new QTreeWidget(page);
    m_files->setObjectName(QStringLiteral("writtenFiles"));
    m_files->setHeaderLabels({tr("File"), tr("Permissions"), tr("What it is")});
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setSelectionMode(QAbstractItemView::NoSelection);
    m_files->setFocusPolicy(Qt::NoFocus);
    m_files->header()->setStretchLastSection(true);
    m_files->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto* tabs = new QTabWidget(page);
    tabs->setObjectName(QStringLiteral("configTabs"));
    tabs->addTab(
        codeBox(m_redisConf, QStringLiteral("redisConf"), QStringLiteral("copyRedisConf"), tabs),
        tr("redis.conf"));
    tabs->addTab(codeBox(m_dragonflyFlags, QStringLiteral("dragonflyFlags"),
                         QStringLiteral("copyDragonflyFlags"), tabs),
                 tr("Dragonfly flags"));
    tabs->addTab(
        codeBox(m_commands, QStringLiteral("commands"), QStringLiteral("copyCommands"), tabs),
        tr("Start && connect"));

    auto* profileBox = new QGroupBox(tr("Add a profile for this server"), page);
    profileBox->setObjectName(QStringLiteral("profileBox"));
    m_profileBox = profileBox;
    m_profileName = new QLineEdit(profileBox);
    m_profileName->setObjectName(QStringLiteral("profileName"));
    m_profileService = new QLineEdit(profileBox);
    m_profileService->setObjectName(QStringLiteral("profileService"));
    m_profileService->setPlaceholderText(tr("e.g. orders"));
    m_profileEnvironment = new QComboBox(profileBox);
    m_profileEnvironment->setObjectName(QStringLiteral("profileEnvironment"));
    m_profileEnvironment->setEditable(true);
    m_profileEnvironment->setInsertPolicy(QComboBox::NoInsert);
    QStringList environments = EnvironmentStyle::builtInEnvironments();
    if (ProfilesController* profiles = m_profiles.data())
        for (const QString& name : profiles->environments())
            if (!environments.contains(name))
                environments << name;
    std::sort(environments.begin(), environments.end(), EnvironmentStyle::lessThan);
    m_profileEnvironment->addItems(environments);
    m_profileEnvironment->setCurrentText(QStringLiteral("development"));
    m_addProfile = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add Profile"),
                                   profileBox);
    m_addProfile->setObjectName(QStringLiteral("addProfile"));
    connect(m_addProfile, &QPushButton::clicked, this, &DevPkiWizard::addProfile);

    auto* fields = new QHBoxLayout;
    const auto addField = [profileBox, fields](const QString& text, QWidget* field, int stretch) {
        auto* label = new QLabel(text, profileBox);
        label->setBuddy(field);
        fields->addWidget(label);
        fields->addWidget(field, stretch);
    };
    addField(tr("&Name:"), m_profileName, 3);
    addField(tr("&Service:"), m_profileService, 2);
    addField(tr("&Environment:"), m_profileEnvironment, 2);
    fields->addWidget(m_addProfile);
    auto* profileLayout = new QVBoxLayout(profileBox);
    profileLayout->addLayout(fields);
    profileLayout->addWidget(
        statusRow(m_profileIcon, m_profileStatus, QStringLiteral("profileStatus"), profileBox));
    profileBox->setVisible(!m_profiles.isNull());

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_resultHeading);
    layout->addWidget(m_files);
    layout->addWidget(tabs, 1);
    layout->addWidget(profileBox);
    return page;
}

// ---------------------------------------------------------------------------------------------
// Inputs

void DevPkiWizard::setEnvironment(const QProcessEnvironment& environment)
{
    m_environment = environment;
    updatePasswordStatus();
    if (QWizardPage* clients = page(ClientsPage))
        Q_EMIT clients->completeChanged();
}

QString DevPkiWizard::directoryPath() const
{
    QString text = m_directory->text().trimmed();
    if (text == QLatin1String("~"))
        text = QDir::homePath();
    else if (text.startsWith(QLatin1String("~/")))
        text = QDir::homePath() + text.mid(1);
    return text.isEmpty() ? QString() : QDir::cleanPath(text);
}

QStringList DevPkiWizard::hosts() const
{
    QStringList list;
    for (const QString& host : m_hosts->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = host.trimmed();
        if (!trimmed.isEmpty())
            list << trimmed;
    }
    return list;
}

DevPkiArguments DevPkiWizard::arguments() const
{
    DevPkiArguments arguments;
    arguments.pki.directory = directoryPath();
    arguments.pki.hosts = hosts();
    arguments.pki.days = m_days->value();
    arguments.pki.keyType =
        devKeyTypeFromName(m_keyType->currentData().toString()).value_or(DevKeyType::EcP256);
    arguments.pki.clientCertificate = m_clientCert->isChecked();
    arguments.pki.force = m_overwrite->isChecked();
    arguments.clientAuth =
        clientAuthModeFromName(m_clientAuth->currentData().toString()).value_or(ClientAuthMode::No);
    arguments.port = static_cast<quint16>(m_port->value());
    arguments.tlsReplication = m_tlsReplication->isChecked();
    arguments.tlsCluster = m_tlsCluster->isChecked();
    arguments.pki.serverAlsoClient = arguments.tlsReplication || arguments.tlsCluster;
    arguments.passwordVariable = m_passwordVariable->text().trimmed();
    arguments.addProfile = !m_profiles.isNull();
    arguments.profileName = m_profileName->text().trimmed();
    arguments.service = m_profileService->text().trimmed();
    arguments.environment = m_profileEnvironment->currentText().trimmed().toLower();
    return arguments;
}

QString DevPkiWizard::directoryProblem() const
{
    const QString raw = m_directory->text().trimmed();
    if (raw.isEmpty())
        return tr("Choose the directory the files go into.");
    if (hasControl(raw))
        return tr("The directory name contains a line break or a control character: server "
                  "configuration files cannot name it.");
    const QString path = directoryPath();
    if (QDir::isRelativePath(path))
        return tr("Give the directory's full path, e.g. %1.")
            .arg(QDir::toNativeSeparators(QDir::home().filePath(path)));
    const QFileInfo info(path);
    if (info.exists() && !info.isDir())
        return tr("%1 exists and is not a directory.").arg(QDir::toNativeSeparators(path));
    if (info.exists() && !info.isWritable())
        return tr("You cannot write to %1: choose another directory.")
            .arg(QDir::toNativeSeparators(path));
    if (!info.exists()) {
        QString ancestor = path;
        while (!QFileInfo::exists(ancestor) && ancestor != QDir::rootPath())
            ancestor = QFileInfo(ancestor).absolutePath();
        const QFileInfo parent(ancestor);
        if (!parent.isDir())
            return tr("%1 cannot be created: %2 is not a directory.")
                .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(ancestor));
        if (!parent.isWritable())
            return tr("%1 cannot be created: you cannot write to %2.")
                .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(ancestor));
        return QString();
    }
    if (!m_overwrite->isChecked()) {
        const Result<void> refused = DevPki::refuseExisting(path, DevSetup::fileNames(arguments()));
        if (!refused)
            return refused.error().message;
    }
    return QString();
}

QString DevPkiWizard::hostsProblem() const
{
    const QStringList list = hosts();
    if (list.isEmpty())
        return tr("Enter at least one host name or IP address.");
    for (const QString& host : list)
        if (!DevPki::subjectAltName(host))
            return tr("“%1” is neither a host name nor an IP address (e.g. localhost, 127.0.0.1, "
                      "redis.dev.example.com).")
                .arg(host.simplified().left(80));
    return QString();
}

QString DevPkiWizard::passwordProblem() const
{
    const QString variable = m_passwordVariable->text().trimmed();
    if (variable.isEmpty())
        return QString();
    // Never echo the text: someone may have typed the password itself.
    if (!isVariableName(variable))
        return tr("Give the name of an environment variable (letters, digits and '_', e.g. "
                  "REDIS_PASSWORD), not the password.");
    if (m_environment.value(variable).isEmpty())
        return tr("%1 is not set or empty in Rediscope's environment. Set it before starting "
                  "Rediscope, e.g. export %1=\"$(openssl rand -base64 32)\", or leave the field "
                  "empty for no password.")
            .arg(variable);
    return QString();
}

QString DevPkiWizard::pageProblem(int pageId) const
{
    switch (pageId) {
    case OutputPage:
        return directoryProblem();
    case CertificatePage:
        return hostsProblem();
    case ClientsPage:
        return passwordProblem();
    case SummaryPage:
        for (const QString& problem : {directoryProblem(), hostsProblem(), passwordProblem()})
            if (!problem.isEmpty())
                return problem;
        return QString();
    default:
        return QString();
    }
}

void DevPkiWizard::updateOutputStatus()
{
    const QString problem = directoryProblem();
    if (!problem.isEmpty()) {
        setStatus(m_directoryIcon, m_directoryStatus,
                  m_directory->text().trimmed().isEmpty() ? Level::Info : Level::Error, problem);
        return;
    }
    const QString path = directoryPath();
    if (!QFileInfo::exists(path)) {
        setStatus(m_directoryIcon, m_directoryStatus, Level::Ok,
                  tr("%1 is created (mode 0700).").arg(QDir::toNativeSeparators(path)));
        return;
    }
    QStringList existing;
    for (const QString& name : DevSetup::fileNames(arguments()))
        if (QFileInfo::exists(path + QLatin1Char('/') + name))
            existing << name;
    if (!existing.isEmpty())
        setStatus(m_directoryIcon, m_directoryStatus, Level::Warning,
                  tr("Replaces %1 in %2.")
                      .arg(existing.join(QStringLiteral(", ")), QDir::toNativeSeparators(path)));
    else
        setStatus(m_directoryIcon, m_directoryStatus, Level::Ok,
                  tr("The files go into %1.").arg(QDir::toNativeSeparators(path)));
}

void DevPkiWizard::updateHostsStatus()
{
    const QString problem = hostsProblem();
    if (!problem.isEmpty()) {
        setStatus(m_hostsIcon, m_hostsStatus, Level::Error, problem);
        return;
    }
    const Result<QStringList> names = DevPki::subjectAltNames(hosts());
    QString text =
        tr("Certificate names: %1.").arg(names ? names->join(QStringLiteral(", ")) : QString());
    bool loopback = true;
    for (const QString& host : hosts())
        loopback = loopback && DevPki::isLoopback(host);
    if (!loopback)
        text += QLatin1Char(' ') + tr("Not only this machine: the server listens on every "
                                      "interface.");
    setStatus(m_hostsIcon, m_hostsStatus, Level::Ok, text);
}

void DevPkiWizard::updateDaysNote()
{
    m_daysNote->setText(
        m_days->value() > 398
            ? tr("Over 398 days: audits report a certificate valid this long as a finding.")
            : tr("The CA is valid for at least %1 days; the server and client certificates for "
                 "this long.")
                  .arg(DevPki::CaMinimumDays));
}

void DevPkiWizard::updateClientAuth()
{
    // "Required" needs a client certificate from the new CA.
    const bool clientCert = m_clientCert->isChecked();
    if (auto* model = qobject_cast<QStandardItemModel*>(m_clientAuth->model()))
        if (QStandardItem* required = model->item(0))
            required->setEnabled(clientCert);
    if (!clientCert && m_clientAuth->currentIndex() == 0)
        m_clientAuth->setCurrentIndex(2);
}

void DevPkiWizard::updatePasswordStatus()
{
    if (!m_passwordVariable)
        return;
    const QString problem = passwordProblem();
    const QString variable = m_passwordVariable->text().trimmed();
    if (!problem.isEmpty())
        setStatus(m_passwordIcon, m_passwordStatus, Level::Error, problem);
    else if (variable.isEmpty())
        setStatus(m_passwordIcon, m_passwordStatus, Level::Warning,
                  tr("No password: anyone who reaches the port can use the server "
                     "(lint-config reports server.nopass)."));
    else
        setStatus(m_passwordIcon, m_passwordStatus, Level::Ok,
                  tr("The server requires the password in $%1: only its SHA-256 is written, and "
                     "the profile reads it from the variable.")
                      .arg(variable));
}

void DevPkiWizard::updateSummary()
{
    const DevPkiArguments arguments = this->arguments();
    const auto yesNo = [](bool value) {
        return value ? tr("yes") : tr("no");
    };
    QString keyType = m_keyType->currentText();
    const QList<QPair<QString, QString>> rows{
        {tr("Directory"), QDir::toNativeSeparators(DevSetup::directory(arguments))},
        {tr("Files"), DevSetup::fileNames(arguments).join(QStringLiteral(", "))},
        {tr("Hosts"), arguments.pki.hosts.join(QStringLiteral(", "))},
        {tr("Validity"),
         arguments.pki.days == 1 ? tr("1 day") : tr("%1 days").arg(arguments.pki.days)},
        {tr("Key type"), keyType},
        {tr("Client certificate"), yesNo(arguments.pki.clientCertificate)},
        {tr("tls-auth-clients"), clientAuthModeName(arguments.clientAuth)},
        {tr("TLS port"), QString::number(arguments.port)},
        {tr("Password"), arguments.passwordVariable.isEmpty()
                             ? tr("none")
                             : tr("from $%1 (its SHA-256 only)").arg(arguments.passwordVariable)},
        {tr("Replication over TLS"), yesNo(arguments.tlsReplication)},
        {tr("Cluster bus over TLS"), yesNo(arguments.tlsCluster)},
        {tr("Existing files"), arguments.pki.force ? tr("replaced") : tr("refused")},
    };
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    for (const auto& [name, value] : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_summary->setText(html);

    const QString problem = pageProblem(SummaryPage);
    if (!problem.isEmpty())
        setStatus(m_generateIcon, m_generateStatus, Level::Error, problem);
    else if (!m_generating)
        setStatus(m_generateIcon, m_generateStatus, Level::None, QString());
}

void DevPkiWizard::chooseDirectory()
{
    auto* dialog = new QFileDialog(this, tr("Directory for the Development PKI"));
    dialog->setObjectName(QStringLiteral("directoryDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly, true);
    QString start = directoryPath();
    while (!start.isEmpty() && !QFileInfo(start).isDir() && start != QDir::rootPath())
        start = QFileInfo(start).absolutePath();
    dialog->setDirectory(start.isEmpty() ? QDir::homePath() : start);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        if (!path.isEmpty())
            m_directory->setText(QDir::toNativeSeparators(path));
    });
    dialog->open();
}

void DevPkiWizard::pageChanged(int pageId)
{
    // Inputs of later pages change the set of files: check the directory again.
    updateOutputStatus();
    if (pageId == SummaryPage)
        updateSummary();
}

// ---------------------------------------------------------------------------------------------
// Generation

bool DevPkiWizard::startGeneration()
{
    if (m_generating || m_generated)
        return false;
    QWizardPage* summary = page(SummaryPage);
    const QString problem = pageProblem(SummaryPage);
    if (!problem.isEmpty()) {
        setStatus(m_generateIcon, m_generateStatus, Level::Error, problem);
        return false;
    }

    const DevPkiArguments arguments = this->arguments();
    // The password, only to hash it: never shown, never written.
    QString passwordHash;
    if (!arguments.passwordVariable.isEmpty()) {
        QByteArray password = m_environment.value(arguments.passwordVariable).toLocal8Bit();
        passwordHash = ServerConfigEmitter::aclPasswordHash(password);
        secureWipe(password);
        if (passwordHash.isEmpty()) {
            setStatus(m_generateIcon, m_generateStatus, Level::Error,
                      tr("Could not hash the password."));
            return false;
        }
    }
    const DevServerSettings settings = DevSetup::serverSettings(arguments, passwordHash);
    const QList<DevPkiExtraFile> extra = DevSetup::extraFiles(settings);
    DevPkiOptions options = arguments.pki;
    options.directory = DevSetup::directory(arguments);

    m_generating = true;
    const quint64 request = ++m_request;
    m_progress->show();
    setStatus(m_generateIcon, m_generateStatus, Level::Info,
              tr("Generating keys and certificates…"));
    Q_EMIT summary->completeChanged();
    if (QAbstractButton* back = button(QWizard::BackButton))
        back->setEnabled(false);
    if (QAbstractButton* cancel = button(QWizard::CancelButton))
        cancel->setEnabled(false);

    runAsync(
        this,
        [options, extra] {
            Outcome outcome;
            outcome.written = DevPki::generate(options, extra);
            if (outcome.written)
                for (const QString& path : std::as_const(*outcome.written)) {
                    struct stat info
                    {};
                    const bool found = ::stat(QFile::encodeName(path).constData(), &info) == 0;
                    outcome.modes << (found ? uint(info.st_mode & 07777) : 0u);
                }
            return outcome;
        },
        [this, request, arguments, settings, extra](const Outcome& outcome) {
            if (request != m_request)
                return;
            m_generating = false;
            m_progress->hide();
            if (QAbstractButton* cancel = button(QWizard::CancelButton))
                cancel->setEnabled(true);
            if (!outcome.written) {
                QString message = outcome.written.error().message;
                if (!outcome.written.error().detail.isEmpty())
                    message += QStringLiteral(" (%1)").arg(outcome.written.error().detail);
                setStatus(m_generateIcon, m_generateStatus, Level::Error, message);
                if (QWizardPage* summaryPage = page(SummaryPage))
                    Q_EMIT summaryPage->completeChanged();
                Q_EMIT generationFinished(false);
                return;
            }
            m_generated = true;
            m_generatedArguments = arguments;
            m_settings = settings;
            m_written = *outcome.written;
            m_modes = outcome.modes;
            for (const DevPkiExtraFile& file : extra) {
                if (file.name == DevSetup::redisConfName())
                    m_redisConfBytes = file.content;
                else if (file.name == DevSetup::dragonflyFlagsName())
                    m_dragonflyBytes = file.content;
            }
            setStatus(m_generateIcon, m_generateStatus, Level::None, QString());
            showResult();
            next();
            Q_EMIT generationFinished(true);
        });
    return true;
}

void DevPkiWizard::showResult()
{
    const QString directory = DevSetup::directory(m_generatedArguments);
    m_resultHeading->setText(tr("Wrote these files to %1. The keys are readable by you only.")
                                 .arg(QDir::toNativeSeparators(directory)));
    m_files->clear();
    for (qsizetype i = 0; i < m_written.size(); ++i) {
        const QString name = QFileInfo(m_written.at(i)).fileName();
        auto* item = new QTreeWidgetItem(m_files, {name, modeText(m_modes.value(i)),
                                                   DevSetup::describe(name, m_generatedArguments)});
        item->setFont(1, QFontDatabase::systemFont(QFontDatabase::FixedFont));
        item->setToolTip(0, QDir::toNativeSeparators(m_written.at(i)));
    }
    // Show every row without scrolling.
    const int rows = int(m_written.size());
    const int rowHeight = m_files->sizeHintForRow(0) > 0 ? m_files->sizeHintForRow(0)
                                                         : fontMetrics().lineSpacing() + 4;
    m_files->setFixedHeight(m_files->header()->sizeHint().height() + rows * rowHeight +
                            2 * m_files->frameWidth() + 2);

    m_redisConf->setPlainText(QString::fromUtf8(m_redisConfBytes));
    m_dragonflyFlags->setPlainText(QString::fromUtf8(m_dragonflyBytes));

    const Profile profile =
        ServerConfigEmitter::profile(m_settings, QString(), QString(), QString());
    const auto pathOf = [&directory](const QString& name) {
        return QDir::toNativeSeparators(directory + QLatin1Char('/') + name);
    };
    QStringList commands{
        QStringLiteral("# Start the server (Redis or Valkey):"),
        QStringLiteral("redis-server %1").arg(shellQuote(pathOf(DevSetup::redisConfName()))),
        QStringLiteral("# or Dragonfly:"),
        QStringLiteral("dragonfly --flagfile=%1")
            .arg(shellQuote(pathOf(DevSetup::dragonflyFlagsName()))),
        QString(),
        QStringLiteral("# Connect with verification on:"),
        exportRedisCli(profile) + QStringLiteral(" PING"),
    };
    if (!m_settings.passwordVariable.isEmpty())
        commands << QString()
                 << QStringLiteral("# The server requires the password in $%1 (only its SHA-256 "
                                   "is in the files).")
                        .arg(m_settings.passwordVariable);
    m_commands->setPlainText(commands.join(QLatin1Char('\n')) + QLatin1Char('\n'));

    DevPkiArguments naming = m_generatedArguments;
    naming.profileName.clear();
    m_profileName->setText(DevSetup::profileName(naming));
    m_addProfile->setEnabled(true);
    setStatus(m_profileIcon, m_profileStatus, Level::None, QString());
    if (ProfilesController* profiles = m_profiles.data()) {
        if (profiles->isReadOnly()) {
            m_addProfile->setEnabled(false);
            setStatus(m_profileIcon, m_profileStatus, Level::Warning,
                      tr("The profiles file is read-only: %1").arg(profiles->readOnlyReason()));
        }
    }
}

QString DevPkiWizard::redisConfText() const
{
    return m_redisConf->toPlainText();
}

QString DevPkiWizard::dragonflyFlagsText() const
{
    return m_dragonflyFlags->toPlainText();
}

QString DevPkiWizard::generationError() const
{
    return m_generateStatus->property("level").toInt() == int(Level::Error)
               ? m_generateStatus->text()
               : QString();
}

void DevPkiWizard::setProfileStatus(bool ok, const QString& text)
{
    setStatus(m_profileIcon, m_profileStatus, ok ? Level::Ok : Level::Error, text);
}

bool DevPkiWizard::addProfile()
{
    ProfilesController* profiles = m_profiles.data();
    if (!profiles || !m_generated || !m_addedProfile.isNull())
        return false;
    if (profiles->isReadOnly()) {
        setProfileStatus(false,
                         tr("The profiles file is read-only: %1").arg(profiles->readOnlyReason()));
        return false;
    }
    DevPkiArguments arguments = m_generatedArguments;
    arguments.profileName = m_profileName->text().trimmed();
    arguments.service = m_profileService->text().trimmed();
    arguments.environment = m_profileEnvironment->currentText().trimmed().toLower();
    if (arguments.profileName.isEmpty()) {
        setProfileStatus(false, tr("Give the profile a name."));
        return false;
    }
    if (hasControl(arguments.profileName) || arguments.profileName.size() > 200) {
        setProfileStatus(false, tr("A name has no line breaks, tabs or control characters and "
                                   "is under 200 characters."));
        return false;
    }
    if (!QUuid::fromString(arguments.profileName).isNull()) {
        setProfileStatus(false, tr("“%1” looks like a profile id: choose a name that cannot be "
                                   "mistaken for one.")
                                    .arg(arguments.profileName));
        return false;
    }
    if (hasControl(arguments.service)) {
        setProfileStatus(false, tr("A service name cannot contain line breaks or control "
                                   "characters."));
        return false;
    }
    if (!isEnvironmentName(arguments.environment)) {
        setProfileStatus(false,
                         tr("“%1” is not a valid environment name: use development, "
                            "staging, production, or a name of letters, digits, '-', '_' "
                            "and '.'.")
                             .arg(m_profileEnvironment->currentText().simplified().left(80)));
        return false;
    }
    for (const Profile& existing : profiles->profiles())
        if (existing.name == arguments.profileName) {
            setProfileStatus(false, tr("The profiles file already has a profile named “%1”: "
                                       "choose another name.")
                                        .arg(arguments.profileName));
            return false;
        }

    const Profile profile = DevSetup::profile(arguments, m_settings);
    const Result<QUuid> saved = profiles->save(profile);
    if (!saved) {
        setProfileStatus(false, saved.error().message);
        return false;
    }
    m_addedProfile = *saved;
    for (QWidget* field :
         {static_cast<QWidget*>(m_profileName), static_cast<QWidget*>(m_profileService),
          static_cast<QWidget*>(m_profileEnvironment), static_cast<QWidget*>(m_addProfile)})
        field->setEnabled(false);
    setProfileStatus(true, tr("Added the profile “%1” to %2.")
                               .arg(profile.name, QDir::toNativeSeparators(profiles->path())));
    Q_EMIT profileAdded(m_addedProfile);
    return true;
}

void DevPkiWizard::done(int result)
{
    // Keys are being written: closing now would hide where they went.
    if (m_generating)
        return;
    QWizard::done(result);
}

} // namespace rediscope
