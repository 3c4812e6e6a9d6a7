#include "ProtocolsView.h"

#include "models/ProbeMatrixModel.h"
#include "widgets/LayoutMemory.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace rediscope {

namespace {

QTableView* makeTable(QAbstractItemModel* model, const char* name, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(QLatin1String(name));
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return table;
}

QWidget* titled(const QString& title, QWidget* child, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(child);
    if (child->sizePolicy().verticalPolicy() == QSizePolicy::Fixed)
        layout->addStretch(1);
    return box;
}

QString optionalBool(const std::optional<bool>& value, const QString& yes, const QString& no,
                     const QString& unknown)
{
    if (!value)
        return unknown;
    return *value ? yes : no;
}

} // namespace

ProtocolsView::ProtocolsView(QWidget* parent)
    : InspectionPane(tr("Audit this profile to probe which protocol versions, cipher suites and "
                        "key-exchange groups the server accepts."),
                     parent)
{
    m_protocols = new ProbeMatrixModel(ProbeMatrixModel::Content::Protocols, this);
    m_suites = new ProbeMatrixModel(ProbeMatrixModel::Content::Suites, this);
    m_groups = new ProbeMatrixModel(ProbeMatrixModel::Content::Groups, this);

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);

    auto* top = new QWidget;
    auto* topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_protocolTable = makeTable(m_protocols, "protocolTable", top);
    m_facts = new QLabel(top);
    m_facts->setObjectName(QStringLiteral("probeFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextFormat(Qt::PlainText);
    m_facts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The notes are long; they are listed with the probe's facts instead.
    m_protocolTable->setColumnHidden(ProbeMatrixModel::ProtocolNoteColumn, true);
    m_protocolTable->horizontalHeader()->setStretchLastSection(false);
    m_protocolTable->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_protocolTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_protocolTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_protocolTable->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    // The groups fill the height the other two give the row, scrolling when there are more.
    m_groupTable = makeTable(m_groups, "groupTable", top);
    m_groupTable->horizontalHeader()->setStretchLastSection(false);
    m_groupTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_groupTable->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Ignored);
    topLayout->addWidget(titled(tr("Protocol versions"), m_protocolTable, top));
    topLayout->addWidget(titled(tr("Key-exchange groups accepted"), m_groupTable, top));
    topLayout->addWidget(titled(tr("Probe"), m_facts, top), 1);

    // The matrix below, across the whole width.
    auto* splitter = new QSplitter(Qt::Vertical, content);
    splitter->setObjectName(QStringLiteral("protocolsSplitter"));
    m_suiteTable = makeTable(m_suites, "suiteMatrix", splitter);
    m_suiteTable->horizontalHeader()->setStretchLastSection(false);
    splitter->addWidget(top);
    splitter->addWidget(titled(tr("Cipher suites accepted"), m_suiteTable, splitter));
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
    LayoutMemory::remember(splitter, QStringLiteral("ProtocolsView/splitter"));

    setContent(content);
}

void ProtocolsView::clear()
{
    m_protocols->clear();
    m_suites->clear();
    m_groups->clear();
    m_facts->clear();
    resetEmptyText();
    showEmpty();
}

void ProtocolsView::setAuditResult(const AuditResult& result)
{
    if (result.probe) {
        setProbeResult(*result.probe);
        return;
    }
    m_protocols->clear();
    m_suites->clear();
    m_groups->clear();
    if (!result.profile.tls.enabled)
        setEmptyText(tr("TLS is off for this profile: there is nothing to probe."));
    else if (result.inspect.error && (result.inspect.error->stage == Stage::Resolve ||
                                      result.inspect.error->stage == Stage::Tcp))
        setEmptyText(tr("The probe did not run: the server could not be reached (%1).")
                         .arg(result.inspect.error->message));
    else
        setEmptyText(tr("The probe did not run or did not complete."));
    showEmpty();
}

void ProtocolsView::setProbeResult(const ProbeResult& probe)
{
    m_protocols->setProbe(probe);
    m_suites->setProbe(probe);
    m_groups->setProbe(probe);

    QStringList facts;
    facts << tr("Endpoint: %1")
                 .arg(probe.address.isEmpty()
                          ? probe.host + QLatin1Char(':') + QString::number(probe.port)
                          : probe.address);
    facts << tr("Server name sent: %1").arg(probe.sni.isEmpty() ? tr("none") : probe.sni);
    facts << tr("Suite order: %1")
                 .arg(optionalBool(probe.serverCipherOrder, tr("the server's preference"),
                                   tr("the client's preference"), tr("not determined")));
    facts << tr("Secure renegotiation: %1")
                 .arg(optionalBool(probe.secureRenegotiation, tr("supported"), tr("NOT supported"),
                                   tr("not applicable (TLS 1.3 only)")));
    facts << tr("Client certificate: %1")
                 .arg(!probe.clientCertRequested
                          ? tr("not requested")
                          : optionalBool(probe.clientCertRequired, tr("required"),
                                         tr("requested, optional"), tr("requested")));
    if (probe.minDheBits)
        facts << tr("Smallest DH group: %n bit(s)", nullptr, *probe.minDheBits);
    if (probe.minEcdheBits)
        facts << tr("Smallest ECDHE curve: %n bit(s)", nullptr, *probe.minEcdheBits);
    facts << tr("%n handshake(s) in %1 s", nullptr, probe.handshakes)
                 .arg(QString::number(probe.ms / 1000.0, 'f', 1));
    if (!probe.complete())
        facts << tr("Incomplete: %1").arg(probe.errors.join(QStringLiteral("; ")));
    for (const ProbedProtocol& protocol : probe.protocols)
        if (!protocol.note.isEmpty())
            facts << tr("%1: %2").arg(protocol.name, protocol.note);
    for (const QString& note : probe.notes)
        facts << tr("Note: %1").arg(note);
    m_facts->setText(facts.join(QLatin1Char('\n')));

    // A version the probe could not test (SSLv3, compiled out of OpenSSL) has no column in the
    // matrix: every cell would read "n/t". The protocol versions table and the facts say why.
    const QStringList versions = ProbeMatrixModel::protocolColumns();
    for (int i = 0; i < versions.size(); ++i) {
        const ProbedProtocol* protocol = probe.protocol(versions.at(i));
        m_suiteTable->setColumnHidden(ProbeMatrixModel::SuiteFirstProtocolColumn + i,
                                      protocol && !protocol->accepted);
    }
    fitTables();
    showContent();
}

void ProtocolsView::fitTables()
{
    for (QTableView* table : {m_protocolTable, m_suiteTable, m_groupTable}) {
        table->resizeColumnsToContents();
        table->resizeRowsToContents();
    }
    // The groups table is as wide as its columns, so none is cut.
    int groupsWidth =
        2 * m_groupTable->frameWidth() + m_groupTable->verticalScrollBar()->sizeHint().width();
    for (int column = 0; column < m_groups->columnCount(); ++column)
        groupsWidth += m_groupTable->columnWidth(column);
    m_groupTable->setFixedWidth(groupsWidth);
    // The protocol table is exactly as large as its contents (size policy Fixed, size adjusted
    // to the contents): five rows, no scrolling.
    m_protocolTable->updateGeometry();
}

} // namespace rediscope
