#pragma once

#include "audit/AuditResult.h"
#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

#include <QUuid>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTableView;

namespace rediscope {

class EnvironmentMatrixModel;

// The Environments view: every service against every environment, one cell per profile with its
// transport security at a glance (TLS, verification, hostname check, protocol, days until the
// leaf expires, grade) and the drift between a service's environments highlighted with an icon
// and words; tooltips explain each drift and how to fix it. Clicking a cell (or Enter on it)
// emits profileActivated().
class EnvironmentsView : public QWidget
{
    Q_OBJECT

public:
    explicit EnvironmentsView(QWidget* parent = nullptr);
    ~EnvironmentsView() override;

    EnvironmentMatrixModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

    void setProfiles(const QList<Profile>& profiles,
                     const EnvironmentPolicies& policies = EnvironmentPolicies());
    void setAuditResult(const QUuid& profileId, const AuditResult& result);
    // Selects (and scrolls to) a profile's cell, e.g. to follow the selection elsewhere.
    void selectProfile(const QUuid& profileId);

Q_SIGNALS:
    void profileActivated(const QUuid& profileId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateSummary();
    void activate(const QModelIndex& index);

    EnvironmentMatrixModel* m_model = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_summaryIcon = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace rediscope
