#pragma once

#include "audit/AuditResult.h"
#include "views/InspectionPane.h"

#include <QDateTime>

class QGridLayout;
class QVBoxLayout;

namespace rediscope {

// The first thing a user reads about a profile: the connection stages with their times and
// results, the server's identity, the negotiated protocol, cipher and group, certificate
// verification and the hostname check in words, the grade and the worst findings with what to
// do about them.
class OverviewView : public InspectionPane
{
    Q_OBJECT

public:
    explicit OverviewView(QWidget* parent = nullptr);

    // A connection without an audit: stages, identity, session; no grade, no findings.
    void setInspectResult(const InspectResult& result);
    void setAuditResult(const AuditResult& result);
    void clear();

    // How many findings the overview lists at most.
    static constexpr int TopFindings = 5;

    // Verification and hostname results in words, for this view and others.
    static QString verificationText(const InspectResult& result);
    static QString hostnameText(const InspectResult& result);
    static QString stageStatusText(StageResult::Status status);

Q_SIGNALS:
    // The user asked to see every finding (the "All findings" link).
    void showFindingsRequested();

private:
    void build(const InspectResult& inspect, const AuditResult* audit);
    QWidget* headerSection(const InspectResult& inspect, const AuditResult* audit);
    QWidget* stagesSection(const InspectResult& inspect);
    QWidget* sessionSection(const InspectResult& inspect, const AuditResult* audit);
    QWidget* findingsSection(const AuditResult& audit);
};

} // namespace rediscope
