#include "ConsoleView.h"

#include "cli/CommandTokenizer.h"
#include "cli/ReplyFormatter.h"
#include "style/EnvironmentStyle.h"
#include "style/PadlockIcon.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace rediscope {

namespace {

enum TextKind
{
    PromptText,
    ReplyText,
    ErrorText,
    NoteText,
};

// Lines of one reply shown at most; the rest is summarised.
constexpr int MaxReplyLines = 5000;

QColor blend(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t,
                            a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

} // namespace

ConsoleView::ConsoleView(QWidget* parent)
    : QWidget(parent)
    , m_controller(new ConsoleController(this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    // Banner for environments whose policy locks writes.
    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("writeLockBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    m_bannerIcon = new QLabel(m_banner);
    m_bannerIcon->setFixedSize(24, 24);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("writeLockText"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::RichText);
    m_lockButton = new QPushButton(m_banner);
    m_lockButton->setObjectName(QStringLiteral("writeLockButton"));
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 6, 8, 6);
    bannerLayout->addWidget(m_bannerIcon);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_lockButton);
    m_banner->hide();

    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("consoleOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(fixed);
    m_output->setMaximumBlockCount(20000);
    m_output->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_output->setPlaceholderText(tr("Replies appear here. Type a command below, e.g. PING or "
                                    "INFO server; Up and Down browse the history."));

    m_prompt = new QLabel(this);
    m_prompt->setObjectName(QStringLiteral("consolePrompt"));
    m_prompt->setFont(fixed);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("consoleInput"));
    m_input->setFont(fixed);
    m_input->setClearButtonEnabled(true);
    m_input->installEventFilter(this);

    m_completer = new QCompleter(new QStringListModel(CommandClass::commandNames(), this), this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_input->setCompleter(m_completer);

    m_runButton = new QPushButton(tr("Run"), this);
    m_runButton->setObjectName(QStringLiteral("consoleRun"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("consoleCancel"));
    m_cancelButton->setToolTip(tr("Stop the running command (Esc)"));
    m_cancelButton->setEnabled(false);
    m_clearButton = new QToolButton(this);
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Clear the transcript (Ctrl+L)"));

    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(m_prompt);
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_runButton);
    inputRow->addWidget(m_cancelButton);
    inputRow->addWidget(m_clearButton);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("consoleStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_output, 1);
    layout->addLayout(inputRow);
    layout->addWidget(m_status);

    connect(m_input, &QLineEdit::returnPressed, this, &ConsoleView::submit);
    connect(m_runButton, &QPushButton::clicked, this, &ConsoleView::submit);
    connect(m_cancelButton, &QPushButton::clicked, m_controller, &ConsoleController::cancel);
    connect(m_clearButton, &QToolButton::clicked, this, &ConsoleView::clear);
    connect(m_lockButton, &QPushButton::clicked, this, [this] {
        if (m_controller->writesLocked())
            askUnlock();
        else
            m_controller->lockWrites();
    });
    connect(m_controller, &ConsoleController::started, this, &ConsoleView::onStarted);
    connect(m_controller, &ConsoleController::finished, this, &ConsoleView::onFinished);
    connect(m_controller, &ConsoleController::confirmationRequested, this,
            &ConsoleView::askConfirmation);
    connect(m_controller, &ConsoleController::connected, this, &ConsoleView::onConnected);
    connect(m_controller, &ConsoleController::writesLockChanged, this, &ConsoleView::updateBanner);
    connect(m_controller, &ConsoleController::promptChanged, this, &ConsoleView::updatePrompt);
    connect(m_controller, &ConsoleController::busyChanged, this, &ConsoleView::updateBusy);

    updatePrompt();
    updateBanner();
}

ConsoleView::~ConsoleView() = default;

void ConsoleView::setTarget(const AuditTarget& target)
{
    if (m_controller->hasTarget())
        append(tr("— switched to %1 —").arg(target.profile.name), NoteText);
    m_controller->setTarget(target);
    m_status->setText(
        tr("Not connected yet: the first command connects to %1.").arg(m_controller->prompt()));
    updatePrompt();
    updateBanner();
}

void ConsoleView::run(const QString& line)
{
    m_input->setText(line);
    submit();
}

QString ConsoleView::transcript() const
{
    return m_output->toPlainText();
}

void ConsoleView::clear()
{
    m_output->clear();
}

void ConsoleView::submit()
{
    const QString line = m_input->text();
    if (line.trimmed().isEmpty())
        return;
    const auto arguments = CommandTokenizer::split(line);
    const bool secret = arguments && ConsoleController::carriesSecret(*arguments);
    if (!secret && (m_history.isEmpty() || m_history.constLast() != line))
        m_history.append(line);
    m_historyIndex = int(m_history.size());
    m_draft.clear();
    m_input->clear();
    if (m_completer->popup())
        m_completer->popup()->hide();
    m_controller->execute(line);
}

void ConsoleView::completeCommandName()
{
    const QString text = m_input->text();
    if (text.trimmed().isEmpty() || text.contains(QLatin1Char(' ')))
        return;
    const QStringList names = CommandClass::commandNames();
    QStringList matches;
    for (const QString& name : names)
        if (name.startsWith(text, Qt::CaseInsensitive))
            matches << name;
    if (matches.isEmpty())
        return;
    if (matches.size() == 1) {
        m_input->setText(matches.constFirst() + QLatin1Char(' '));
        return;
    }
    // The longest prefix they share, then the list to choose from.
    QString common = matches.constFirst();
    for (const QString& match : std::as_const(matches))
        while (!match.startsWith(common))
            common.chop(1);
    if (common.size() > text.size())
        m_input->setText(common);
    m_completer->setCompletionPrefix(m_input->text());
    m_completer->complete();
}

void ConsoleView::browseHistory(int step)
{
    if (m_history.isEmpty())
        return;
    if (m_historyIndex == m_history.size())
        m_draft = m_input->text();
    const int index = std::clamp(m_historyIndex + step, 0, int(m_history.size()));
    if (index == m_historyIndex)
        return;
    m_historyIndex = index;
    m_input->setText(index == m_history.size() ? m_draft : m_history.at(index));
}

bool ConsoleView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool popup = m_completer->popup() && m_completer->popup()->isVisible();
        if (!popup && key->key() == Qt::Key_Up) {
            browseHistory(-1);
            return true;
        }
        if (!popup && key->key() == Qt::Key_Down) {
            browseHistory(+1);
            return true;
        }
        if (!popup && key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier) {
            completeCommandName();
            return true; // Tab completes here; it never leaves the command line
        }
        if (!popup && key->key() == Qt::Key_Escape && m_controller->isBusy()) {
            m_controller->cancel();
            return true;
        }
        if (key->key() == Qt::Key_L && key->modifiers() == Qt::ControlModifier) {
            clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ConsoleView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateBanner();
}

void ConsoleView::askUnlock()
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Unlock writes"),
                                tr("Allow write commands on the %1 profile “%2” for this session?")
                                    .arg(m_controller->environment(), m_controller->profileName()),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("unlockWritesBox"));
    box->setInformativeText(tr("Commands that change data will run on %1 until you lock writes "
                               "again or close the profile. Dangerous commands (FLUSHALL, "
                               "CONFIG SET, SHUTDOWN, …) still ask each time.")
                                .arg(m_controller->prompt()));
    QPushButton* unlock = box->addButton(tr("Unlock writes"), QMessageBox::AcceptRole);
    unlock->setObjectName(QStringLiteral("unlockButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, unlock] {
        if (box->clickedButton() == unlock)
            m_controller->unlockWrites();
    });
    box->open();
}

void ConsoleView::askConfirmation(quint64 id, const QString& command, const QString& name,
                                  const QString& reason)
{
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Confirm %1").arg(name),
                                tr("%1 %2.").arg(name, reason), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmCommandBox"));
    box->setInformativeText(tr("Run this on “%1” (%2, %3)?\n\n%4")
                                .arg(m_controller->profileName(), m_controller->prompt(),
                                     m_controller->environment(), command));
    QPushButton* run = box->addButton(tr("Run %1").arg(name), QMessageBox::DestructiveRole);
    run->setObjectName(QStringLiteral("confirmRunButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this,
            [this, box, run, id] { m_controller->confirm(id, box->clickedButton() == run); });
    box->open();
}

void ConsoleView::onStarted(quint64, const QString& command)
{
    append(m_controller->prompt() + QStringLiteral("> ") + command, PromptText);
    m_status->setText(tr("Running…"));
}

void ConsoleView::onFinished(const ConsoleController::Outcome& outcome)
{
    using Status = ConsoleController::Status;
    switch (outcome.status) {
    case Status::Reply:
        append(ReplyFormatter::format(outcome.reply, MaxReplyLines),
               outcome.reply.isError() ? ErrorText : ReplyText);
        m_status->setText(tr("Reply in %1 ms").arg(outcome.ms, 0, 'f', outcome.ms < 10 ? 2 : 0));
        break;
    case Status::Refused:
        append(tr("(refused) %1").arg(outcome.message), ErrorText);
        m_status->setText(tr("Refused."));
        break;
    case Status::Failed:
        append(tr("(failed) %1").arg(outcome.message), ErrorText);
        m_status->setText(tr("Not connected: the next command reconnects."));
        break;
    case Status::Cancelled:
        append(tr("(cancelled) %1").arg(outcome.message), NoteText);
        m_status->setText(tr("Cancelled."));
        break;
    }
}

void ConsoleView::onConnected(const InspectResult& result)
{
    QStringList parts;
    parts
        << tr("Connected to %1").arg(result.peer.isEmpty() ? m_controller->prompt() : result.peer);
    if (result.server)
        parts << result.server->displayName();
    if (result.tls)
        parts << tr("%1, certificate %2")
                     .arg(result.tls->protocol,
                          result.tls->verified ? tr("verified") : tr("NOT verified"));
    else
        parts << tr("no TLS: plaintext");
    const QString line = parts.join(QStringLiteral(" · "));
    append(tr("— %1 —").arg(line), NoteText);
    m_status->setText(line);
}

void ConsoleView::updatePrompt()
{
    const bool ready = m_controller->hasTarget();
    m_prompt->setText(ready ? m_controller->prompt() + QStringLiteral(">") : QString());
    m_input->setEnabled(ready);
    m_runButton->setEnabled(ready);
    m_input->setPlaceholderText(
        ready ? tr("Command, e.g. GET key — Tab completes, Up/Down browse the history")
              : tr("Select a profile to use its console"));
}

void ConsoleView::updateBusy(bool busy)
{
    m_cancelButton->setEnabled(busy);
}

void ConsoleView::updateBanner()
{
    const bool applies = m_controller->hasTarget() && m_controller->writesLockedByPolicy();
    m_banner->setVisible(applies);
    if (!applies)
        return;
    const bool locked = m_controller->writesLocked();
    const QPalette base = palette();
    const QColor accent = EnvironmentStyle::badgeColour(m_controller->policy());
    QPalette tinted = base;
    tinted.setColor(QPalette::Window, blend(base.color(QPalette::Base), accent, 0.14));
    tinted.setColor(QPalette::WindowText, base.color(QPalette::Text));
    m_banner->setPalette(tinted);
    m_bannerIcon->setPixmap(PadlockIcon::icon(locked, base.color(QPalette::Text)).pixmap(24, 24));
    const QString environment = EnvironmentStyle::displayName(m_controller->environment());
    if (locked) {
        m_bannerText->setText(
            tr("<b>%1 — read-only.</b> Write commands are refused until you unlock writes for "
               "this session.")
                .arg(environment.toHtmlEscaped()));
        m_lockButton->setText(tr("Unlock writes…"));
        m_bannerIcon->setToolTip(tr("Writes locked"));
    } else {
        m_bannerText->setText(tr("<b>%1 — writes unlocked</b> for this session. Dangerous "
                                 "commands still ask before they run.")
                                  .arg(environment.toHtmlEscaped()));
        m_lockButton->setText(tr("Lock writes"));
        m_bannerIcon->setToolTip(tr("Writes unlocked"));
    }
}

void ConsoleView::append(const QString& text, int kind)
{
    QTextCharFormat format;
    const QPalette& pal = palette();
    switch (kind) {
    case PromptText:
        format.setFontWeight(QFont::Bold);
        format.setForeground(pal.color(QPalette::Link));
        break;
    case ErrorText: {
        const bool dark = pal.color(QPalette::Base).lightnessF() < 0.5;
        format.setForeground(dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c));
        break;
    }
    case NoteText:
        format.setFontItalic(true);
        format.setForeground(pal.color(QPalette::PlaceholderText));
        break;
    default:
        format.setForeground(pal.color(QPalette::Text));
        break;
    }
    QScrollBar* bar = m_output->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_output->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(text, format);
    if (atEnd)
        bar->setValue(bar->maximum());
}

} // namespace rediscope
