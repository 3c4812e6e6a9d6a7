#pragma once

#include "profile/ClientSnippets.h"
#include "profile/Profile.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace rediscope {

// The TLS client configuration of a profile for one of the common Redis clients (every client
// ClientSnippets knows): pick the client, read the snippet, copy it. The snippet verifies the
// certificate chain and, where the client can, the host name, and reads the password from an
// environment variable: it never holds a secret, whatever the profile keeps where. Below it,
// where the password (and key passphrase) come from and what the snippet does differently from
// the profile, as ClientSnippets says.
class SnippetDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SnippetDialog(const Profile& profile, QWidget* parent = nullptr);

    ClientSnippets::Client client() const;
    void setClient(ClientSnippets::Client client);
    // The snippet shown; empty when the profile has none (no TLS).
    QString snippet() const { return m_snippet; }

public Q_SLOTS:
    // Puts the snippet on the clipboard.
    void copy();

private:
    void updateSnippet();
    void addNote(const QIcon& icon, const QString& text);

    Profile m_profile;
    QString m_snippet;
    QComboBox* m_clients = nullptr;
    QPlainTextEdit* m_view = nullptr;
    QPushButton* m_copy = nullptr;
    QLabel* m_status = nullptr;
    QWidget* m_notes = nullptr;
    QVBoxLayout* m_notesLayout = nullptr;
};

} // namespace rediscope
