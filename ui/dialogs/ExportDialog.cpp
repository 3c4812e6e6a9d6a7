#include "ExportDialog.h"

#include "profile/ProfileExport.h"
#include "profile/ProfileStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace rediscope {

namespace {

QWidget* copyRow(QLineEdit* edit, const QString& objectName, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")),
                                 ExportDialog::tr("Copy"), row);
    copy->setObjectName(objectName);
    QObject::connect(copy, &QPushButton::clicked, edit,
                     [edit] { QApplication::clipboard()->setText(edit->text()); });
    layout->addWidget(copy);
    return row;
}

} // namespace

ExportDialog::ExportDialog(const std::optional<Profile>& current, const QList<Profile>& all,
                           const EnvironmentPolicies& policies, QWidget* parent)
    : QDialog(parent)
    , m_current(current)
    , m_all(all)
    , m_policies(policies)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(current ? tr("Export %1").arg(current->name) : tr("Export Profiles"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    auto* layout = new QVBoxLayout(this);
    if (current) {
        auto* box = new QGroupBox(tr("Connect with other tools"), this);
        auto* form = new QFormLayout(box);
        m_url = new QLineEdit(exportUrl(*current), box);
        m_url->setObjectName(QStringLiteral("exportUrl"));
        m_redisCli = new QLineEdit(exportRedisCli(*current), box);
        m_redisCli->setObjectName(QStringLiteral("exportRedisCli"));
        for (QLineEdit* edit : {m_url, m_redisCli}) {
            edit->setReadOnly(true);
            edit->setFont(fixed);
            edit->setCursorPosition(0);
            edit->setMinimumWidth(480);
        }
        form->addRow(tr("URL:"), copyRow(m_url, QStringLiteral("copyUrl"), box));
        form->addRow(tr("redis-cli:"), copyRow(m_redisCli, QStringLiteral("copyRedisCli"), box));
        auto* note = new QLabel(tr("Neither holds a secret: the password is asked or read from "
                                   "its variable. TLS settings a URL cannot carry are left out."),
                                box);
        note->setWordWrap(true);
        note->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(note);
        layout->addWidget(box);
    }

    auto* fileBox = new QGroupBox(tr("Profiles file"), this);
    auto* fileLayout = new QVBoxLayout(fileBox);
    m_scopeAll = new QCheckBox(tr("All %n profiles", nullptr, int(all.size())), fileBox);
    m_scopeAll->setObjectName(QStringLiteral("exportAll"));
    m_scopeAll->setChecked(!current);
    m_scopeAll->setEnabled(current.has_value() && all.size() > 1);
    auto* save = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save-as")),
                                 tr("Save as Profiles File…"), fileBox);
    save->setObjectName(QStringLiteral("exportSave"));
    save->setEnabled(current || !all.isEmpty());
    connect(save, &QPushButton::clicked, this, &ExportDialog::chooseFile);
    auto* note = new QLabel(tr("A Rediscope profiles file with secret references only (keychain, "
                               "prompt, env:VAR), safe to share or commit."),
                            fileBox);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto* row = new QHBoxLayout;
    row->addWidget(m_scopeAll);
    row->addStretch();
    row->addWidget(save);
    fileLayout->addLayout(row);
    fileLayout->addWidget(note);
    layout->addWidget(fileBox);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString ExportDialog::url() const
{
    return m_url ? m_url->text() : QString();
}

QString ExportDialog::redisCliCommand() const
{
    return m_redisCli ? m_redisCli->text() : QString();
}

bool ExportDialog::exportsAll() const
{
    return !m_current || m_scopeAll->isChecked();
}

QByteArray ExportDialog::profilesFileBytes() const
{
    ProfileStore store(QString{});
    const QList<Profile> profiles = exportsAll() ? m_all : QList<Profile>{*m_current};
    for (Profile profile : profiles) {
        profile.inlinePassword.clear();
        profile.inlineKeyPassphrase.clear();
        (void)store.upsert(profile);
    }
    store.setPolicies(m_policies);
    return store.toBytes();
}

Result<void> ExportDialog::writeProfilesFile(const QString& path) const
{
    const QByteArray bytes = profilesFileBytes();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(ErrorCode::FileError, Stage::None,
                    tr("Cannot write %1.").arg(QDir::toNativeSeparators(path)), file.errorString());
    return {};
}

void ExportDialog::chooseFile()
{
    auto* dialog = new QFileDialog(this, tr("Save Profiles File"));
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("Rediscope profiles (*.json)"));
    dialog->setDefaultSuffix(QStringLiteral("json"));
    dialog->selectFile(exportsAll() || !m_current ? QStringLiteral("rediscope-profiles.json")
                                                  : m_current->name + QStringLiteral(".json"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        const Result<void> written = writeProfilesFile(path);
        m_status->setText(written ? tr("Saved %1.").arg(QDir::toNativeSeparators(path))
                                  : written.error().message);
    });
    dialog->open();
}

} // namespace rediscope
