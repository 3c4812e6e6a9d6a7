#pragma once

#include "controllers/ConsoleController.h"

#include <QWidget>

class QCompleter;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace rediscope {

// The Console tab: a command line with history (Up/Down) and completion of command names,
// replies rendered like redis-cli (numbered, indented arrays; (nil); (integer); (error)), and
// for environments whose policy locks writes a banner that says so and unlocks them for the
// session after asking. Dangerous commands are confirmed in a message box. Owns its
// ConsoleController; give it a profile with setTarget().
class ConsoleView : public QWidget
{
    Q_OBJECT

public:
    explicit ConsoleView(QWidget* parent = nullptr);
    ~ConsoleView() override;

    ConsoleController* controller() const { return m_controller; }
    // The profile, its secrets and policy (see ConsoleController::setTarget). Clears nothing
    // of the transcript but notes the switch in it.
    void setTarget(const AuditTarget& target);

    // Runs a line as if typed and entered (it goes into the history).
    void run(const QString& line);
    // The transcript as plain text.
    QString transcript() const;
    QStringList history() const { return m_history; }

    QLineEdit* commandLine() const { return m_input; }

public Q_SLOTS:
    void clear();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void submit();
    void browseHistory(int step);
    void completeCommandName();
    void askUnlock();
    void askConfirmation(quint64 id, const QString& command, const QString& name,
                         const QString& reason);
    void onStarted(quint64 id, const QString& command);
    void onFinished(const ConsoleController::Outcome& outcome);
    void onConnected(const InspectResult& result);
    void updateBanner();
    void updatePrompt();
    void updateBusy(bool busy);
    void append(const QString& text, int kind);

    ConsoleController* m_controller = nullptr;
    QFrame* m_banner = nullptr;
    QLabel* m_bannerIcon = nullptr;
    QLabel* m_bannerText = nullptr;
    QPushButton* m_lockButton = nullptr;
    QPlainTextEdit* m_output = nullptr;
    QLabel* m_prompt = nullptr;
    QLineEdit* m_input = nullptr;
    QCompleter* m_completer = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QToolButton* m_clearButton = nullptr;
    QLabel* m_status = nullptr;

    QStringList m_history;
    int m_historyIndex = 0; // == m_history.size(): the line being typed
    QString m_draft;
};

} // namespace rediscope
