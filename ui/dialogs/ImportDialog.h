#pragma once

#include "profile/ProfileImport.h"

#include <QByteArray>
#include <QDialog>
#include <QList>
#include <QPair>
#include <QUuid>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace rediscope {

// A secret found in the imported input, to be written to the SecretStore under the profile's id
// and field ("password", "key_passphrase"). The profile already references the keychain.
struct ImportedSecret
{
    QUuid profileId;
    QString field;
    QByteArray value;
};

// Imports connection profiles: pasted redis:// / rediss:// URLs or redis-cli command lines, or
// a file exported by RESP.app, Another Redis Desktop Manager or RedisInsight, or another
// Rediscope profiles file. The input is read as it is typed or chosen; a preview lists the
// profiles that will be created (each can be left out) and everything that could not be mapped.
//
// Secrets never show: a password pasted in a URL or a command line is replaced in the text box
// by a mask as soon as it is read (the dialog keeps the original to read the text again), and
// the preview names where a secret goes, never its value. Undo is off in the text box so the
// original cannot come back.
//
// On Import, PEM objects embedded in an export (RedisInsight) are written to
// embeddedFilesDirectory(), then profiles() and secrets() hold what the caller stores.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(QWidget* parent = nullptr);
    ~ImportDialog() override;

    // Custom environment names to offer besides the built-ins.
    void setKnownEnvironments(const QStringList& environments);
    QString embeddedFilesDirectory() const { return m_embeddedDirectory; }
    void setEmbeddedFilesDirectory(const QString& directory) { m_embeddedDirectory = directory; }

    // Puts text into the paste box as if it had been pasted.
    void setText(const QString& text);
    // Reads a file as if it had been chosen; false (and the reason shown) when it cannot.
    bool loadFile(const QString& path);

    // The profiles to create (the checked ones), with the secret references set.
    QList<Profile> profiles() const;
    // The secrets of those profiles, for the SecretStore.
    QList<ImportedSecret> secrets() const;
    // What could not be mapped, in words.
    QStringList unmapped() const;
    // Why the input could not be read; empty when it could.
    QString errorMessage() const { return m_error; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void previewChanged();

private:
    void onPasteChanged();
    void chooseFile();
    void reparse();
    void parseBytes(const QByteArray& input, bool fromFile);
    std::optional<ImportResult> readRediscopeFile(const QString& path, QString* error) const;
    void updatePreview();
    void updateImportButton();
    void clearSecrets();
    QString unmask(const QString& text) const;
    QString mask(const QString& raw);
    QString markerFor(const QString& raw);
    QString overrideEnvironment() const;

    QPlainTextEdit* m_paste = nullptr;
    QLineEdit* m_file = nullptr;
    QPushButton* m_chooseFile = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_environment = nullptr;
    QTreeWidget* m_preview = nullptr;
    QListWidget* m_unmapped = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_summary = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_importButton = nullptr;

    QString m_embeddedDirectory;
    QByteArray m_fileBytes; // the chosen file's content, when the file is the source
    QString m_filePath;
    std::optional<ImportResult> m_result;
    QString m_error;
    QList<QPair<QString, QString>> m_markers; // mask shown → original text
    bool m_masking = false;
};

} // namespace rediscope
