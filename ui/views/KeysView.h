#pragma once

#include "controllers/KeysController.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTreeWidget;

namespace rediscope {

class KeysModel;

// The Keys tab: SCAN with a glob pattern and a type filter, keys listed with their type and TTL
// and loaded page by page as the list scrolls, and a bounded preview of the selected key's value
// (strings, hashes, lists, sets, sorted sets, streams). Read-only where the environment's policy
// locks writes; elsewhere a key can be deleted after a confirmation. Owns its KeysController
// and KeysModel; give it a profile with setTarget(), then scan().
class KeysView : public QWidget
{
    Q_OBJECT

public:
    explicit KeysView(QWidget* parent = nullptr);
    ~KeysView() override;

    KeysController* controller() const { return m_controller; }
    KeysModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

    void setTarget(const AuditTarget& target);
    // Sets the filter fields (type: a Redis type name, empty for all).
    void setFilter(const QString& pattern, const QString& type = QString());
    // The preview currently shown (empty key before the first).
    const KeyPreview& preview() const { return m_preview; }

public Q_SLOTS:
    // Scans with the pattern and type in the filter fields.
    void scan();

private:
    void onPage(const QList<KeyEntry>& keys, bool more);
    void onPreview(const KeyPreview& preview);
    void onSelection();
    void onFailed(const QString& message);
    void askDelete();
    void updateState();
    void showPreviewMessage(const QString& message);

    KeysController* m_controller = nullptr;
    KeysModel* m_model = nullptr;
    QLineEdit* m_pattern = nullptr;
    QComboBox* m_type = nullptr;
    QPushButton* m_scanButton = nullptr;
    QPushButton* m_moreButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QWidget* m_readOnly = nullptr;
    QLabel* m_readOnlyIcon = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_status = nullptr;

    QLabel* m_previewTitle = nullptr;
    QLabel* m_previewFacts = nullptr;
    QStackedWidget* m_previewStack = nullptr;
    QLabel* m_previewMessage = nullptr;
    QPlainTextEdit* m_previewText = nullptr;
    QTreeWidget* m_previewTable = nullptr;
    QPushButton* m_deleteButton = nullptr;
    KeyPreview m_preview;
    QString m_lastError;
    bool m_scanned = false;
    int m_db = 0;
};

} // namespace rediscope
