#pragma once

#include "audit/AuditResult.h"
#include "views/InspectionPane.h"

class QLabel;
class QTableView;

namespace rediscope {

class ProbeMatrixModel;

// What the active TLS probe found: the protocol versions (accepted, refused or not testable), the
// matrix of accepted cipher suites × versions with forward secrecy and AEAD markers, the
// accepted key-exchange groups, and the probe's own facts (renegotiation, client certificates,
// smallest DH/ECDHE keys, handshakes, caveats).
class ProtocolsView : public InspectionPane
{
    Q_OBJECT

public:
    explicit ProtocolsView(QWidget* parent = nullptr);

    void setAuditResult(const AuditResult& result);
    void setProbeResult(const ProbeResult& probe);
    void clear();

    ProbeMatrixModel* protocolsModel() const { return m_protocols; }
    ProbeMatrixModel* suitesModel() const { return m_suites; }
    ProbeMatrixModel* groupsModel() const { return m_groups; }

private:
    void fitTables();

    ProbeMatrixModel* m_protocols = nullptr;
    ProbeMatrixModel* m_suites = nullptr;
    ProbeMatrixModel* m_groups = nullptr;
    QTableView* m_protocolTable = nullptr;
    QTableView* m_suiteTable = nullptr;
    QTableView* m_groupTable = nullptr;
    QLabel* m_facts = nullptr;
};

} // namespace rediscope
