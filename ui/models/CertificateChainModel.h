#pragma once

#include "tls/TlsFacts.h"

#include <QAbstractItemModel>
#include <QDateTime>

namespace rediscope {

// A certificate chain as a tree: one row per certificate, leaf first, each with its fields as
// children (subject, issuer, serial, validity with days left, key, signature algorithm, SANs,
// SHA-256, verify errors, …). Two columns: the field's name and its value.
class CertificateChainModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        FieldColumn,
        ValueColumn,
        ColumnCount,
    };

    enum Role
    {
        CertificateRowRole = Qt::UserRole + 1, // int: the certificate's position in the chain
        FieldKeyRole,                          // QString: "subject", "validity", … (field rows)
        ProblemRole,                           // bool: this row shows a problem
    };

    explicit CertificateChainModel(QObject* parent = nullptr);

    // `issues` are the chain verification's errors; they are matched to certificates by
    // fingerprint (and the certificate's own verifyErrors are shown as well).
    void setChain(const QList<CertificateInfo>& chain, const QList<VerifyIssue>& issues = {});
    void clear();
    // The time expiry is measured against (now by default).
    void setReferenceTime(const QDateTime& now);

    int certificateCount() const { return static_cast<int>(m_certificates.size()); }
    const CertificateInfo* certificate(int row) const;
    // The certificate of a certificate row or of one of its field rows; nullptr otherwise.
    const CertificateInfo* certificate(const QModelIndex& index) const;
    QModelIndex certificateIndex(int row) const;
    // The verification errors that apply to one certificate.
    QStringList verifyErrors(int row) const;

    // "Leaf", "Intermediate", "Root", "Self-signed".
    static QString positionName(const CertificateInfo& certificate, int row, int count);
    // "Valid, 364 days left", "Expired 3 days ago", "Not yet valid (starts in 2 days)".
    static QString validityText(const CertificateInfo& certificate, const QDateTime& now);
    // "AB:CD:…" (upper case, colon separated).
    static QString fingerprintText(const QString& sha256);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Field
    {
        QString key;
        QString label;
        QString value;
        bool problem = false;
    };

    void rebuild();
    QList<Field> fieldsFor(int row) const;
    bool certificateHasProblem(int row) const;

    QList<CertificateInfo> m_certificates;
    QList<VerifyIssue> m_issues;
    QList<QList<Field>> m_fields; // per certificate
    QDateTime m_now;
};

} // namespace rediscope
