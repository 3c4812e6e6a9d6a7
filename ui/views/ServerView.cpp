#include "ServerView.h"

#include "widgets/LayoutMemory.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace rediscope {

namespace {

QTreeView* makeTable(QAbstractItemModel* model, const char* name, QWidget* parent)
{
    auto* table = new QTreeView(parent);
    table->setObjectName(QLatin1String(name));
    table->setModel(model);
    table->setRootIsDecorated(false);
    table->setUniformRowHeights(true);
    table->setAlternatingRowColors(true);
    table->setAllColumnsShowFocus(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->header()->setStretchLastSection(true);
    return table;
}

QStandardItem* item(const QString& text)
{
    auto* cell = new QStandardItem(text);
    cell->setEditable(false);
    cell->setToolTip(text);
    return cell;
}

bool tlsRelated(const QString& name)
{
    return name.contains(QLatin1String("tls")) || name == QLatin1String("port");
}

QString yesNo(bool value)
{
    return value ? ServerView::tr("yes") : ServerView::tr("no");
}

} // namespace

ServerView::ServerView(QWidget* parent)
    : InspectionPane(tr("Connect to see what the server reports about itself (INFO); audit it to "
                        "see its TLS configuration."),
                     parent)
{
    m_infoModel = new QStandardItemModel(0, 3, this);
    m_infoModel->setHorizontalHeaderLabels({tr("Section"), tr("Field"), tr("Value")});
    m_infoProxy = new QSortFilterProxyModel(this);
    m_infoProxy->setSourceModel(m_infoModel);
    m_infoProxy->setFilterKeyColumn(-1);
    m_infoProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_configModel = new QStandardItemModel(0, 2, this);
    m_configModel->setHorizontalHeaderLabels({tr("Setting"), tr("Value")});

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    m_identity = new QLabel(content);
    m_identity->setObjectName(QStringLiteral("serverTitle"));
    m_identity->setTextFormat(Qt::PlainText);
    m_identity->setWordWrap(true);
    QFont font = m_identity->font();
    font.setBold(true);
    m_identity->setFont(font);
    layout->addWidget(m_identity);

    auto* splitter = new QSplitter(Qt::Horizontal, content);
    splitter->setObjectName(QStringLiteral("serverSplitter"));

    auto* infoBox = new QGroupBox(tr("INFO"), splitter);
    auto* infoLayout = new QVBoxLayout(infoBox);
    infoLayout->setContentsMargins(4, 4, 4, 4);
    m_filter = new QLineEdit(infoBox);
    m_filter->setObjectName(QStringLiteral("infoFilter"));
    m_filter->setPlaceholderText(tr("Search INFO fields and values"));
    m_filter->setClearButtonEnabled(true);
    m_infoTable = makeTable(m_infoProxy, "infoTable", infoBox);
    infoLayout->addWidget(m_filter);
    infoLayout->addWidget(m_infoTable, 1);

    auto* configBox = new QGroupBox(tr("Configuration read by the audit"), splitter);
    auto* configLayout = new QVBoxLayout(configBox);
    configLayout->setContentsMargins(4, 4, 4, 4);
    m_configTable = makeTable(m_configModel, "configTable", configBox);
    m_configNote = new QLabel(configBox);
    m_configNote->setObjectName(QStringLiteral("configNote"));
    m_configNote->setWordWrap(true);
    m_configNote->setTextFormat(Qt::PlainText);
    configLayout->addWidget(m_configNote);
    configLayout->addWidget(m_configTable, 1);

    splitter->addWidget(infoBox);
    splitter->addWidget(configBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    LayoutMemory::remember(splitter, QStringLiteral("ServerView/splitter"));
    m_fitInfoColumns =
        !LayoutMemory::remember(m_infoTable->header(), QStringLiteral("ServerView/infoColumns"));
    m_fitConfigColumns = !LayoutMemory::remember(m_configTable->header(),
                                                 QStringLiteral("ServerView/configColumns"));

    connect(m_filter, &QLineEdit::textChanged, m_infoProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    setContent(content);
}

void ServerView::clear()
{
    m_infoModel->removeRows(0, m_infoModel->rowCount());
    m_configModel->removeRows(0, m_configModel->rowCount());
    m_filter->clear();
    resetEmptyText();
    showEmpty();
}

void ServerView::setFilterText(const QString& text)
{
    m_filter->setText(text);
}

void ServerView::setInspectResult(const InspectResult& result)
{
    showInfo(result);
    showConfig(nullptr);
}

void ServerView::setAuditResult(const AuditResult& result)
{
    showInfo(result.inspect);
    showConfig(&result);
}

void ServerView::showInfo(const InspectResult& result)
{
    m_infoModel->removeRows(0, m_infoModel->rowCount());
    if (!result.server) {
        const QString where = result.error ? stageTitle(result.error->stage) : QString();
        setEmptyText(
            where.isEmpty()
                ? tr("The server did not answer INFO.")
                : tr("The server did not answer INFO: the connection stopped at %1.").arg(where));
        showEmpty();
        return;
    }
    const ServerIdentity& server = *result.server;
    m_identity->setText(server.displayName());
    for (const InfoField& field : server.infoFields)
        m_infoModel->appendRow({item(field.section), item(field.name), item(field.value)});
    if (m_fitInfoColumns) {
        m_infoTable->resizeColumnToContents(0);
        m_infoTable->resizeColumnToContents(1);
    }
    showContent();
}

void ServerView::showConfig(const AuditResult* result)
{
    m_configModel->removeRows(0, m_configModel->rowCount());
    if (!result) {
        m_configNote->setText(tr("Audit this profile to read its TLS configuration."));
        return;
    }
    const RuntimeFacts& runtime = result->runtime;
    QStringList notes;
    if (runtime.configUnreadable)
        notes << tr("CONFIG GET was refused (%1): the configuration could not be read.")
                     .arg(runtime.configUnreadableReason);
    else if (!result->serverConfig)
        notes << tr("The configuration was not read (the connection did not get that far).");
    else
        notes << tr("Read with targeted CONFIG GET calls; secret settings are never read.");
    m_configNote->setText(notes.join(QLatin1Char(' ')));

    if (result->serverConfig) {
        QList<ConfigEntry> entries = result->serverConfig->all();
        std::stable_sort(entries.begin(), entries.end(),
                         [](const ConfigEntry& a, const ConfigEntry& b) {
                             return tlsRelated(a.name) && !tlsRelated(b.name);
                         });
        for (const ConfigEntry& entry : std::as_const(entries)) {
            const QString value = entry.values.join(QLatin1Char(' '));
            QStandardItem* cell = item(value.isEmpty() ? tr("(empty)") : value);
            if (value.isEmpty())
                cell->setForeground(m_configTable->palette().brush(QPalette::PlaceholderText));
            m_configModel->appendRow({item(entry.name), cell});
        }
    }
    const int observedFrom = m_configModel->rowCount();
    // What the audit observed, next to what the configuration says.
    if (runtime.plaintextPingAnswered)
        m_configModel->appendRow(
            {item(tr("Plaintext port %1 answers PING").arg(runtime.plaintextPort)),
             item(yesNo(*runtime.plaintextPingAnswered))});
    if (runtime.commandsWithoutAuth)
        m_configModel->appendRow(
            {item(tr("Commands work without AUTH")), item(yesNo(*runtime.commandsWithoutAuth))});
    if (runtime.connectedReplicas)
        m_configModel->appendRow(
            {item(tr("Connected replicas")), item(QString::number(*runtime.connectedReplicas))});
    if (runtime.debugCommandEnabled)
        m_configModel->appendRow(
            {item(tr("DEBUG command allowed")), item(yesNo(*runtime.debugCommandEnabled))});
    if (runtime.moduleCommandEnabled)
        m_configModel->appendRow(
            {item(tr("MODULE command allowed")), item(yesNo(*runtime.moduleCommandEnabled))});
    // What the audit observed reads in italics, apart from the configuration values.
    for (int row = observedFrom; row < m_configModel->rowCount(); ++row)
        for (int column = 0; column < 2; ++column) {
            QStandardItem* cell = m_configModel->item(row, column);
            QFont font = cell->font();
            font.setItalic(true);
            cell->setFont(font);
            cell->setToolTip(tr("Observed by the audit"));
        }
    if (m_fitConfigColumns)
        m_configTable->resizeColumnToContents(0);
}

} // namespace rediscope
