#pragma once

#include "audit/AuditResult.h"
#include "views/InspectionPane.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTextBrowser;
class QTreeView;

namespace rediscope {

class FindingsModel;

// The findings of an audit: a table sortable by severity, id and title (worst first), a filter,
// and a detail pane with the finding's detail, evidence, remediation and why the check matters.
// "Copy as Markdown" copies the target's Markdown report (as `rediscope audit --format
// markdown` writes it); the context menu copies one finding.
class FindingsView : public InspectionPane
{
    Q_OBJECT

public:
    explicit FindingsView(QWidget* parent = nullptr);

    void setAuditResult(const AuditResult& result);
    void clear();

    FindingsModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    // The finding shown in the detail pane; nullptr when none.
    const Finding* currentFinding() const;
    // Selects the finding with this id (the first, if it occurs more than once).
    bool selectFinding(const QString& id);

    // The Markdown report of the current audit; empty when there is none.
    QString markdown() const;
    // One finding as Markdown (heading, detail, evidence, location, remediation).
    static QString findingMarkdown(const Finding& finding);
    // The HTML the detail pane shows for a finding.
    static QString findingHtml(const Finding& finding, const QPalette& palette);

public Q_SLOTS:
    void copyMarkdown();
    void copyCurrentFindingMarkdown();

private:
    void updateDetail();
    void updateSummary();

    std::optional<AuditResult> m_result;
    FindingsModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_copyMarkdown = nullptr;
    QTreeView* m_table = nullptr;
    QTextBrowser* m_detail = nullptr;
    bool m_fitColumns = true; // no column widths of an earlier session
};

} // namespace rediscope
