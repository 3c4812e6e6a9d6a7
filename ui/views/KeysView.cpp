#include "KeysView.h"

#include "models/KeysModel.h"
#include "style/PadlockIcon.h"
#include "widgets/LayoutMemory.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QStyle>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rediscope {

namespace {

QString lengthText(const KeyPreview& preview)
{
    if (preview.type == QLatin1String("string"))
        return preview.length == 1 ? KeysView::tr("1 byte")
                                   : KeysView::tr("%L1 bytes").arg(preview.length);
    return preview.length == 1 ? KeysView::tr("1 element")
                               : KeysView::tr("%L1 elements").arg(preview.length);
}

QString keyCount(int keys)
{
    return keys == 1 ? KeysView::tr("1 key") : KeysView::tr("%L1 keys").arg(keys);
}

} // namespace

KeysView::KeysView(QWidget* parent)
    : QWidget(parent)
    , m_controller(new KeysController(this))
    , m_model(new KeysModel(this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName(QStringLiteral("keysPattern"));
    m_pattern->setPlaceholderText(tr("Pattern, e.g. user:* (empty: every key)"));
    m_pattern->setClearButtonEnabled(true);
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("keysType"));
    m_type->addItem(tr("All types"), QString());
    for (const char* type : {"string", "hash", "list", "set", "zset", "stream"})
        m_type->addItem(QString::fromLatin1(type), QString::fromLatin1(type));
    m_scanButton = new QPushButton(tr("Scan"), this);
    m_scanButton->setObjectName(QStringLiteral("keysScan"));
    m_scanButton->setDefault(true);
    m_moreButton = new QPushButton(tr("Load more"), this);
    m_moreButton->setObjectName(QStringLiteral("keysMore"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("keysCancel"));
    m_readOnly = new QWidget(this);
    m_readOnly->setObjectName(QStringLiteral("keysReadOnly"));
    m_readOnly->setToolTip(tr("The environment's policy locks writes: keys can be browsed but "
                              "not changed."));
    m_readOnlyIcon = new QLabel(m_readOnly);
    auto* readOnlyText = new QLabel(tr("Read-only in this environment"), m_readOnly);
    auto* readOnlyLayout = new QHBoxLayout(m_readOnly);
    readOnlyLayout->setContentsMargins(0, 0, 0, 0);
    readOnlyLayout->addWidget(m_readOnlyIcon);
    readOnlyLayout->addWidget(readOnlyText);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Pattern:"), this));
    filterRow->addWidget(m_pattern, 1);
    filterRow->addWidget(new QLabel(tr("Type:"), this));
    filterRow->addWidget(m_type);
    filterRow->addWidget(m_scanButton);
    filterRow->addWidget(m_moreButton);
    filterRow->addWidget(m_cancelButton);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("keysTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(KeysModel::KeyColumn, QHeaderView::Stretch);
    // Fixed widths that fit every type name and TTL text: no jumping as pages arrive.
    const QFontMetrics metrics = m_table->fontMetrics();
    const int padding = 3 * m_table->style()->pixelMetric(QStyle::PM_HeaderMargin) + 8;
    m_table->horizontalHeader()->setSectionResizeMode(KeysModel::TypeColumn, QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(KeysModel::TtlColumn, QHeaderView::Fixed);
    m_table->setColumnWidth(KeysModel::TypeColumn,
                            metrics.horizontalAdvance(QStringLiteral("stream")) + padding);
    m_table->setColumnWidth(KeysModel::TtlColumn,
                            metrics.horizontalAdvance(KeysModel::ttlText(86399999)) + padding);
    m_table->setAlternatingRowColors(true);

    // The preview pane.
    auto* previewPane = new QWidget(this);
    m_previewTitle = new QLabel(previewPane);
    m_previewTitle->setObjectName(QStringLiteral("previewTitle"));
    m_previewTitle->setFont(fixed);
    m_previewTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewTitle->setWordWrap(true);
    QFont bold = fixed;
    bold.setBold(true);
    m_previewTitle->setFont(bold);
    m_previewFacts = new QLabel(previewPane);
    m_previewFacts->setObjectName(QStringLiteral("previewFacts"));
    m_previewFacts->setWordWrap(true);
    m_deleteButton = new QPushButton(tr("Delete key…"), previewPane);
    m_deleteButton->setObjectName(QStringLiteral("keysDelete"));
    m_previewStack = new QStackedWidget(previewPane);
    m_previewMessage = new QLabel(previewPane);
    m_previewMessage->setObjectName(QStringLiteral("previewMessage"));
    m_previewMessage->setAlignment(Qt::AlignCenter);
    m_previewMessage->setWordWrap(true);
    m_previewText = new QPlainTextEdit(previewPane);
    m_previewText->setObjectName(QStringLiteral("previewText"));
    m_previewText->setReadOnly(true);
    m_previewText->setFont(fixed);
    m_previewTable = new QTreeWidget(previewPane);
    m_previewTable->setObjectName(QStringLiteral("previewTable"));
    m_previewTable->setRootIsDecorated(false);
    m_previewTable->setUniformRowHeights(true);
    m_previewTable->setAlternatingRowColors(true);
    m_previewTable->setFont(fixed);
    m_previewTable->setTextElideMode(Qt::ElideRight);
    m_previewStack->addWidget(m_previewMessage);
    m_previewStack->addWidget(m_previewText);
    m_previewStack->addWidget(m_previewTable);
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_previewTitle, 1);
    titleRow->addWidget(m_deleteButton, 0, Qt::AlignTop);
    auto* previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addLayout(titleRow);
    previewLayout->addWidget(m_previewFacts);
    previewLayout->addWidget(m_previewStack, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("keysSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(previewPane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    LayoutMemory::remember(m_splitter, QStringLiteral("KeysView/splitter"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("keysStatus"));

    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_readOnly);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_splitter, 1);
    layout->addLayout(statusRow);

    connect(m_pattern, &QLineEdit::returnPressed, this, &KeysView::scan);
    connect(m_scanButton, &QPushButton::clicked, this, &KeysView::scan);
    connect(m_moreButton, &QPushButton::clicked, m_controller, &KeysController::fetchMore);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_controller->cancel();
        m_model->setMoreAvailable(m_controller->canFetchMore());
        updateState();
    });
    connect(m_deleteButton, &QPushButton::clicked, this, &KeysView::askDelete);
    connect(m_model, &KeysModel::fetchMoreRequested, m_controller, &KeysController::fetchMore);
    connect(m_controller, &KeysController::pageLoaded, this, &KeysView::onPage);
    connect(m_controller, &KeysController::previewLoaded, this, &KeysView::onPreview);
    connect(m_controller, &KeysController::failed, this, &KeysView::onFailed);
    connect(m_controller, &KeysController::deleted, this, [this](const QByteArray& key) {
        m_model->removeKey(key);
        if (m_preview.key == key) {
            m_preview = KeyPreview{};
            showPreviewMessage(tr("Deleted."));
        }
        updateState();
    });
    connect(m_controller, &KeysController::busyChanged, this, &KeysView::updateState);
    connect(m_controller, &KeysController::writesLockChanged, this, &KeysView::updateState);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &KeysView::onSelection);

    showPreviewMessage(tr("Select a key to see its value."));
    updateState();
}

KeysView::~KeysView() = default;

void KeysView::setTarget(const AuditTarget& target)
{
    m_controller->setTarget(target);
    m_model->reset();
    m_model->setMoreAvailable(false);
    m_preview = KeyPreview{};
    m_lastError.clear();
    m_scanned = false;
    m_db = target.profile.db;
    showPreviewMessage(tr("Select a key to see its value."));
    updateState();
}

void KeysView::setFilter(const QString& pattern, const QString& type)
{
    m_pattern->setText(pattern);
    const int index = m_type->findData(type);
    m_type->setCurrentIndex(index < 0 ? 0 : index);
}

void KeysView::scan()
{
    if (!m_controller->hasTarget())
        return;
    m_lastError.clear();
    m_scanned = true;
    m_model->reset();
    m_controller->scan(m_pattern->text(), m_type->currentData().toString());
    updateState();
}

void KeysView::onPage(const QList<KeyEntry>& keys, bool more)
{
    m_model->appendPage(keys, more);
    updateState();
    // A filter that matches little may leave the first pages short, and a page may bring nothing
    // at all (nothing to scroll for): keep going until the view is filled or the scan ends.
    if (more && (keys.isEmpty() || m_model->rowCount() < 50) && m_model->canFetchMore({}))
        m_model->fetchMore({});
}

void KeysView::onSelection()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const QByteArray key = current.siblingAtColumn(0).data(KeysModel::KeyRole).toByteArray();
    m_previewTitle->setText(KeysModel::displayBytes(key));
    m_previewFacts->setText(tr("Loading…"));
    m_controller->loadPreview(key);
}

void KeysView::onPreview(const KeyPreview& preview)
{
    m_preview = preview;
    m_previewTitle->setText(KeysModel::displayBytes(preview.key));
    if (!preview.message.isEmpty() && preview.type.isEmpty()) {
        m_previewFacts->clear();
        showPreviewMessage(preview.message);
        updateState();
        return;
    }
    QStringList facts{preview.type, KeysModel::ttlText(preview.ttlMs)};
    if (preview.message.isEmpty())
        facts << lengthText(preview);
    if (preview.truncated) {
        facts << (preview.type == QLatin1String("string")
                      ? tr("first %L1 bytes shown").arg(preview.text.size())
                      : tr("first %L1 shown").arg(preview.rows.size()));
    }
    m_previewFacts->setText(facts.join(QStringLiteral(" · ")));

    if (!preview.message.isEmpty()) {
        showPreviewMessage(preview.message);
    } else if (preview.type == QLatin1String("string")) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder.decode(preview.text);
        if (decoder.hasError())
            text = KeysModel::displayBytes(preview.text);
        m_previewText->setPlainText(text);
        m_previewStack->setCurrentWidget(m_previewText);
    } else {
        m_previewTable->clear();
        m_previewTable->setColumnCount(int(preview.columns.size()));
        m_previewTable->setHeaderLabels(preview.columns);
        QList<QTreeWidgetItem*> items;
        for (const QList<QByteArray>& row : preview.rows) {
            QStringList cells;
            for (const QByteArray& cell : row)
                cells << KeysModel::displayBytes(cell);
            items << new QTreeWidgetItem(cells);
        }
        m_previewTable->addTopLevelItems(items);
        for (int column = 0; column + 1 < m_previewTable->columnCount(); ++column)
            m_previewTable->resizeColumnToContents(column);
        m_previewStack->setCurrentWidget(m_previewTable);
    }
    updateState();
}

void KeysView::onFailed(const QString& message)
{
    m_lastError = message;
    m_model->setMoreAvailable(m_controller->canFetchMore());
    updateState();
}

void KeysView::askDelete()
{
    if (m_preview.key.isEmpty() || m_controller->writesLocked())
        return;
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Delete key"),
                        tr("Delete the key %1?").arg(KeysModel::displayBytes(m_preview.key)),
                        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteKeyBox"));
    box->setInformativeText(tr("Its value is removed from the server (UNLINK). This cannot be "
                               "undone."));
    QPushButton* remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("deleteButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QByteArray key = m_preview.key;
    connect(box, &QMessageBox::finished, this, [this, box, remove, key] {
        if (box->clickedButton() == remove)
            m_controller->deleteKey(key);
    });
    box->open();
}

void KeysView::updateState()
{
    const bool ready = m_controller->hasTarget();
    const bool busy = m_controller->isBusy();
    m_scanButton->setEnabled(ready);
    m_cancelButton->setEnabled(busy);
    m_moreButton->setEnabled(ready && m_controller->canFetchMore());

    const bool locked = ready && m_controller->writesLocked();
    m_readOnly->setVisible(locked);
    m_readOnlyIcon->setPixmap(
        PadlockIcon::icon(true, palette().color(QPalette::WindowText)).pixmap(16, 16));
    m_deleteButton->setVisible(ready && !m_preview.key.isEmpty() && !m_preview.type.isEmpty() &&
                               m_preview.type != QLatin1String("none"));
    m_deleteButton->setEnabled(!locked);
    m_deleteButton->setToolTip(locked ? tr("Read-only: the environment's policy locks writes.")
                                      : tr("Delete this key from the server"));

    if (!ready) {
        m_status->setText(tr("Select a profile to browse its keys."));
    } else if (!m_lastError.isEmpty()) {
        m_status->setText(tr("Error: %1").arg(m_lastError));
    } else if (!m_scanned) {
        m_status->setText(tr("Press Scan to list the keys of database %1.").arg(m_db));
    } else if (m_controller->isScanning()) {
        m_status->setText(tr("Scanning… %1 so far").arg(keyCount(m_model->rowCount())));
    } else if (m_model->moreAvailable()) {
        m_status->setText(tr("%1 loaded; scroll down or Load more for the rest.")
                              .arg(keyCount(m_model->rowCount())));
    } else {
        m_status->setText(tr("%1, scan complete.").arg(keyCount(m_model->rowCount())));
    }
}

void KeysView::showPreviewMessage(const QString& message)
{
    m_previewMessage->setText(message);
    m_previewStack->setCurrentWidget(m_previewMessage);
    if (m_preview.key.isEmpty()) {
        m_previewTitle->clear();
        m_previewFacts->clear();
    }
}

} // namespace rediscope
