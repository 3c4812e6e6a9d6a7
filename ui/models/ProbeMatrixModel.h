#pragma once

#include "tls/ProbeResult.h"

#include <QAbstractTableModel>
#include <optional>

namespace rediscope {

// What the active TLS probe found, as one of three tables:
//  - Protocols: one row per protocol version (accepted / refused / not testable, suites, order);
//  - Suites: the matrix of accepted cipher suites × protocol versions, with key exchange, forward
//    secrecy and AEAD markers (icon and word);
//  - Groups: the key-exchange groups the server accepted.
// A protocol the probe could not test (null) reads "not testable", never "refused"; its cells in
// the suites matrix read "n/t" (the tool tip says why).
class ProbeMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Content
    {
        Protocols,
        Suites,
        Groups,
    };

    enum ProtocolColumn
    {
        ProtocolNameColumn,
        ProtocolResultColumn,
        ProtocolSuitesColumn,
        ProtocolOrderColumn,
        ProtocolNoteColumn,
        ProtocolColumnCount,
    };

    static constexpr int ProtocolCount = 5; // SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3

    enum SuiteColumn
    {
        SuiteNameColumn,
        SuiteFirstProtocolColumn, // one column per protocol, SSLv3 … TLSv1.3
        SuiteKeyExchangeColumn = SuiteFirstProtocolColumn + ProtocolCount,
        SuiteForwardSecrecyColumn,
        SuiteAeadColumn,
        SuiteBitsColumn,
        SuiteColumnCount,
    };

    enum GroupColumn
    {
        GroupNameColumn,
        GroupKindColumn,
        GroupProtocolColumn,
        GroupBitsColumn,
        GroupColumnCount,
    };

    enum Role
    {
        // Protocol cells of the suites matrix and the result column of the protocols table:
        // bool accepted, or an invalid QVariant when the protocol was not testable.
        AcceptedRole = Qt::UserRole + 1,
        ProtocolRole, // QString: the protocol version a row or column is about
    };

    explicit ProbeMatrixModel(Content content, QObject* parent = nullptr);

    Content content() const { return m_content; }
    void setProbe(const ProbeResult& probe);
    void clear();
    bool hasProbe() const { return m_hasProbe; }

    // The suites matrix's protocol columns, in order.
    static QStringList protocolColumns() { return ProbeResult::protocolNames(); }
    // "accepted", "refused", "not testable".
    static QString acceptanceText(const std::optional<bool>& accepted);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct SuiteRow
    {
        CipherSuiteInfo info;
        QHash<QString, ProbedSuite> byProtocol; // protocols that accepted it
    };

    QVariant protocolData(const QModelIndex& index, int role) const;
    QVariant suiteData(const QModelIndex& index, int role) const;
    QVariant groupData(const QModelIndex& index, int role) const;
    const ProbedProtocol* protocolAt(int column) const;

    Content m_content;
    bool m_hasProbe = false;
    ProbeResult m_probe;
    QList<SuiteRow> m_suites;
};

} // namespace rediscope
