#include "FindingsView.h"

#include "audit/CheckRegistry.h"
#include "models/FindingsModel.h"
#include "report/AuditMarkdownWriter.h"
#include "report/AuditReportSupport.h"
#include "style/SeverityStyle.h"
#include "widgets/LayoutMemory.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace rediscope {

namespace {

QString severityImageUrl(Severity severity)
{
    return QStringLiteral("rediscope-severity:") + severityName(severity);
}

} // namespace

FindingsView::FindingsView(QWidget* parent)
    : InspectionPane(tr("Audit this profile to see its findings."), parent)
{
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);

    auto* bar = new QHBoxLayout;
    m_filter = new QLineEdit(content);
    m_filter->setObjectName(QStringLiteral("findingsFilter"));
    m_filter->setPlaceholderText(tr("Filter findings"));
    m_filter->setClearButtonEnabled(true);
    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("findingsSummary"));
    m_copyMarkdown = new QPushButton(tr("Copy as &Markdown"), content);
    m_copyMarkdown->setObjectName(QStringLiteral("copyMarkdownButton"));
    m_copyMarkdown->setToolTip(tr("Copies the audit of this profile as a Markdown report"));
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_summary);
    bar->addWidget(m_copyMarkdown);
    layout->addLayout(bar);

    m_model = new FindingsModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FindingsModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    auto* splitter = new QSplitter(Qt::Vertical, content);
    splitter->setObjectName(QStringLiteral("findingsSplitter"));
    m_table = new QTreeView(splitter);
    m_table->setObjectName(QStringLiteral("findingsTable"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setAllColumnsShowFocus(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    m_table->header()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* copyOne = new QAction(tr("Copy finding as Markdown"), m_table);
    m_table->addAction(copyOne);

    m_detail = new QTextBrowser(splitter);
    m_detail->setObjectName(QStringLiteral("findingDetail"));
    m_detail->setOpenLinks(false);
    for (Severity severity : SeverityCounts::allWorstFirst())
        m_detail->document()->addResource(QTextDocument::ImageResource,
                                          QUrl(severityImageUrl(severity)),
                                          SeverityStyle::icon(severity).pixmap(16, 16).toImage());
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    LayoutMemory::remember(splitter, QStringLiteral("FindingsView/splitter"));
    m_fitColumns =
        !LayoutMemory::remember(m_table->header(), QStringLiteral("FindingsView/columns"));
    m_table->sortByColumn(m_table->header()->sortIndicatorSection(),
                          m_table->header()->sortIndicatorOrder());

    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { updateDetail(); });
    connect(m_copyMarkdown, &QPushButton::clicked, this, &FindingsView::copyMarkdown);
    connect(copyOne, &QAction::triggered, this, &FindingsView::copyCurrentFindingMarkdown);

    setContent(content);
}

void FindingsView::clear()
{
    m_result.reset();
    m_model->clear();
    m_filter->clear();
    updateSummary();
    updateDetail();
    resetEmptyText();
    showEmpty();
}

void FindingsView::setAuditResult(const AuditResult& result)
{
    m_result = result;
    m_model->setFindings(result.findings);
    updateSummary();
    if (m_proxy->rowCount() > 0)
        m_table->selectionModel()->setCurrentIndex(
            m_proxy->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (m_fitColumns)
        for (int column = 0; column < FindingsModel::TitleColumn; ++column)
            m_table->resizeColumnToContents(column);
    updateDetail();
    showContent();
}

const Finding* FindingsView::currentFinding() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return nullptr;
    return m_model->finding(m_proxy->mapToSource(current).row());
}

bool FindingsView::selectFinding(const QString& id)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(FindingsModel::IdRole).toString() == id) {
            m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                  QItemSelectionModel::Rows);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

void FindingsView::updateSummary()
{
    if (!m_result) {
        m_summary->clear();
        m_copyMarkdown->setEnabled(false);
        return;
    }
    m_copyMarkdown->setEnabled(true);
    m_summary->setText(SeverityCounts(m_result->findings).shortSummary());
}

QString FindingsView::findingHtml(const Finding& finding, const QPalette& palette)
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(finding.title.toHtmlEscaped());
    html +=
        QStringLiteral("<p><img src=\"%1\" width=\"16\" height=\"16\"> "
                       "<b style=\"color:%2\">%3</b> &nbsp;·&nbsp; <code>%4</code>")
            .arg(severityImageUrl(finding.severity),
                 SeverityStyle::colour(finding.severity, palette).name(),
                 SeverityStyle::word(finding.severity).toHtmlEscaped(), finding.id.toHtmlEscaped());
    const QString location = FindingsModel::locationText(finding);
    if (!location.isEmpty())
        html += QStringLiteral(" &nbsp;·&nbsp; <code>%1</code>").arg(location.toHtmlEscaped());
    html += QStringLiteral("</p>");
    if (!finding.detail.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(finding.detail.toHtmlEscaped());
    if (!finding.evidence.isEmpty())
        html += QStringLiteral("<h4>%1</h4><p style=\"font-family: monospace; white-space: "
                               "pre-wrap\">%2</p>")
                    .arg(tr("Evidence").toHtmlEscaped(), finding.evidence.toHtmlEscaped());
    if (!finding.remediation.isEmpty())
        html += QStringLiteral("<h4>%1</h4><p>%2</p>")
                    .arg(tr("Remediation").toHtmlEscaped(), finding.remediation.toHtmlEscaped());
    if (const CheckDefinition* check = findCheck(finding.id); check && !check->help.isEmpty())
        html += QStringLiteral("<h4>%1</h4><p>%2</p>")
                    .arg(tr("Why it matters").toHtmlEscaped(), check->help.toHtmlEscaped());
    return html;
}

void FindingsView::updateDetail()
{
    const Finding* finding = currentFinding();
    if (finding) {
        m_detail->setHtml(findingHtml(*finding, palette()));
        return;
    }
    if (m_result && m_result->findings.isEmpty())
        m_detail->setHtml(QStringLiteral("<p>%1</p>")
                              .arg(tr("No findings: nothing insecure was seen.").toHtmlEscaped()));
    else if (m_result && m_proxy->rowCount() == 0)
        m_detail->setHtml(
            QStringLiteral("<p>%1</p>").arg(tr("No finding matches the filter.").toHtmlEscaped()));
    else
        m_detail->setHtml(
            QStringLiteral("<p>%1</p>")
                .arg(tr("Select a finding to see its evidence and remediation.").toHtmlEscaped()));
}

QString FindingsView::markdown() const
{
    if (!m_result)
        return QString();
    return auditToMarkdown({*m_result});
}

QString FindingsView::findingMarkdown(const Finding& finding)
{
    QStringList out;
    out << QStringLiteral("#### %1 %2 — %3")
               .arg(severityWord(finding.severity), markdownCode(finding.id),
                    markdownText(finding.title))
        << QString();
    if (!finding.detail.isEmpty())
        out << QStringLiteral("- **Detail:** ") + markdownText(finding.detail);
    if (!finding.evidence.isEmpty())
        out << QStringLiteral("- **Evidence:** ") + markdownCode(finding.evidence);
    const QString location = FindingsModel::locationText(finding);
    if (!location.isEmpty())
        out << QStringLiteral("- **Location:** ") + markdownCode(location);
    if (!finding.remediation.isEmpty())
        out << QStringLiteral("- **Remediation:** ") + markdownText(finding.remediation);
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void FindingsView::copyMarkdown()
{
    const QString text = markdown();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void FindingsView::copyCurrentFindingMarkdown()
{
    if (const Finding* finding = currentFinding())
        QApplication::clipboard()->setText(findingMarkdown(*finding));
}

} // namespace rediscope
