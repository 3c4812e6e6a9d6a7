#include "SnippetDialog.h"

#include "style/SeverityStyle.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rediscope {

SnippetDialog::SnippetDialog(const Profile& profile, QWidget* parent)
    : QDialog(parent)
    , m_profile(profile)
{
    setObjectName(QStringLiteral("snippetDialog"));
    setWindowTitle(profile.name.isEmpty() ? tr("Client Snippet")
                                          : tr("Client Snippet — %1").arg(profile.name));
    setSizeGripEnabled(true);

    auto* clientLabel = new QLabel(tr("&Client:"), this);
    m_clients = new QComboBox(this);
    m_clients->setObjectName(QStringLiteral("snippetClient"));
    for (const ClientSnippets::Client client : ClientSnippets::clients())
        m_clients->addItem(ClientSnippets::title(client), int(client));
    m_clients->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    clientLabel->setBuddy(m_clients);

    m_copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copySnippet"));
    m_copy->setToolTip(tr("Copy the snippet to the clipboard"));
    connect(m_copy, &QPushButton::clicked, this, &SnippetDialog::copy);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("snippetStatus"));
    m_status->setTextFormat(Qt::PlainText);

    auto* top = new QHBoxLayout;
    top->addWidget(clientLabel);
    top->addWidget(m_clients);
    top->addStretch(1);
    top->addWidget(m_status);
    top->addWidget(m_copy);

    m_view = new QPlainTextEdit(this);
    m_view->setObjectName(QStringLiteral("snippetText"));
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_view->setAccessibleName(tr("Snippet"));
    // Room for the 96 columns the snippets' comments are wrapped at.
    const QFontMetrics metrics(m_view->font());
    m_view->setMinimumWidth(metrics.horizontalAdvance(QString(100, QLatin1Char('M'))) + 24);
    m_view->setMinimumHeight(metrics.lineSpacing() * 18);

    auto* notesBox = new QGroupBox(tr("Notes"), this);
    notesBox->setObjectName(QStringLiteral("snippetNotes"));
    m_notesLayout = new QVBoxLayout(notesBox);
    m_notes = notesBox;

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(notesBox);
    layout->addWidget(buttons);

    connect(m_clients, &QComboBox::currentIndexChanged, this, &SnippetDialog::updateSnippet);
    updateSnippet();
}

ClientSnippets::Client SnippetDialog::client() const
{
    return static_cast<ClientSnippets::Client>(m_clients->currentData().toInt());
}

void SnippetDialog::setClient(ClientSnippets::Client client)
{
    const int index = m_clients->findData(int(client));
    if (index >= 0)
        m_clients->setCurrentIndex(index);
}

void SnippetDialog::copy()
{
    if (m_snippet.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_snippet);
    m_status->setText(tr("Copied."));
}

void SnippetDialog::addNote(const QIcon& icon, const QString& text)
{
    auto* row = new QWidget(m_notes);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* iconLabel = new QLabel(row);
    const int size = fontMetrics().height();
    iconLabel->setPixmap(icon.pixmap(size, size));
    iconLabel->setFixedSize(size, size);
    iconLabel->setAlignment(Qt::AlignTop);
    auto* textLabel = new QLabel(text, row);
    textLabel->setObjectName(QStringLiteral("snippetNote"));
    textLabel->setTextFormat(Qt::PlainText);
    textLabel->setWordWrap(true);
    textLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(iconLabel, 0, Qt::AlignTop);
    layout->addWidget(textLabel, 1);
    m_notesLayout->addWidget(row);
}

void SnippetDialog::updateSnippet()
{
    const ClientSnippets::Client client = this->client();
    m_status->clear();
    const Result<QString> text = ClientSnippets::snippet(m_profile, client);
    m_snippet = text ? *text : QString();
    if (text) {
        m_view->setPlainText(*text);
        m_view->setEnabled(true);
    } else {
        m_view->setPlainText(text.error().message);
        m_view->setEnabled(false);
    }
    m_copy->setEnabled(!m_snippet.isEmpty());

    while (QLayoutItem* item = m_notesLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!text) {
        addNote(SeverityStyle::icon(Severity::High), text.error().message);
        return;
    }

    const QString host = m_profile.tls.sni.isEmpty() ? m_profile.host : m_profile.tls.sni;
    if (ClientSnippets::checksHostname(client))
        addNote(SeverityStyle::okIcon(),
                tr("Verifies the server's certificate chain and that it was issued for “%1”.")
                    .arg(host));
    else
        addNote(SeverityStyle::icon(Severity::Medium),
                tr("%1 verifies the certificate chain but cannot check the host name: for that "
                   "check too, use one of the other clients or rediscope inspect.")
                    .arg(ClientSnippets::name(client)));

    const QString password = ClientSnippets::passwordVariable(m_profile);
    if (password.isEmpty())
        addNote(SeverityStyle::icon(Severity::Info),
                tr("The profile has no password: the snippet sends none."));
    else
        addNote(SeverityStyle::icon(Severity::Info),
                tr("The password is read from the environment variable %1 when the client "
                   "runs: it is never part of the snippet.")
                    .arg(password));
    const QString passphrase = ClientSnippets::keyPassphraseVariable(m_profile);
    if (!m_profile.tls.keyFile.isEmpty() && !passphrase.isEmpty())
        addNote(SeverityStyle::icon(Severity::Info),
                tr("The client key's passphrase is read from the environment variable %1.")
                    .arg(passphrase));
    for (const QString& note : ClientSnippets::notes(m_profile))
        addNote(SeverityStyle::icon(Severity::Low), note);
}

} // namespace rediscope
