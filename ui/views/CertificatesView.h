#pragma once

#include "inspect/InspectResult.h"
#include "views/InspectionPane.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeView;

namespace rediscope {

struct AuditResult;
class CertificateChainModel;

// The server's certificate chain, as it was sent and as verification built it (leaf → root):
// each certificate's fields, validity with days left and its verification errors, with the
// selected certificate's PEM next to it. Copy PEM, export PEM and copy the fingerprint.
class CertificatesView : public InspectionPane
{
    Q_OBJECT

public:
    enum class Chain
    {
        Sent,     // as the server sent it
        Verified, // as verification built it, up to the trust anchor
    };

    explicit CertificatesView(QWidget* parent = nullptr);

    void setInspectResult(const InspectResult& result);
    void setAuditResult(const AuditResult& result);
    void clear();

    void setChain(Chain chain);
    Chain chain() const;
    // The certificate selected in the tree (the leaf after a new result); nullptr when none.
    const CertificateInfo* selectedCertificate() const;
    // Selects the certificate at `row` of the shown chain.
    void selectCertificate(int row);
    CertificateChainModel* model() const { return m_model; }

public Q_SLOTS:
    void copyPem();
    void copyFingerprint();
    // Asks for a file name, then exportPem(path).
    void exportPemInteractively();
    // Writes the selected certificate's PEM to `path`; false (with a message box in
    // interactive use) when it cannot.
    bool exportPem(const QString& path);

private:
    void showChain();
    void updateDetail();

    std::optional<TlsFacts> m_tls;
    CertificateChainModel* m_model = nullptr;
    QComboBox* m_chainSelector = nullptr;
    QTreeView* m_tree = nullptr;
    QLabel* m_detailTitle = nullptr;
    QLabel* m_detailStatus = nullptr;
    QPlainTextEdit* m_pem = nullptr;
    QPushButton* m_copyPem = nullptr;
    QPushButton* m_exportPem = nullptr;
    QPushButton* m_copyFingerprint = nullptr;
    bool m_fitColumns = true; // no column widths of an earlier session
};

} // namespace rediscope
