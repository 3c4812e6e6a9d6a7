#include "ProbeMatrixModel.h"

#include "style/SeverityStyle.h"

#include <QGuiApplication>

namespace rediscope {

namespace {

bool legacyProtocol(const QString& name)
{
    return name == QLatin1String("SSLv3") || name == QLatin1String("TLSv1") ||
           name == QLatin1String("TLSv1.1");
}

} // namespace

ProbeMatrixModel::ProbeMatrixModel(Content content, QObject* parent)
    : QAbstractTableModel(parent)
    , m_content(content)
{
    Q_ASSERT(protocolColumns().size() == ProtocolCount);
}

void ProbeMatrixModel::setProbe(const ProbeResult& probe)
{
    beginResetModel();
    m_probe = probe;
    m_hasProbe = true;
    m_suites.clear();
    QHash<QString, qsizetype> rowOf;
    for (const ProbedSuite& suite : probe.allSuites()) {
        auto it = rowOf.find(suite.info.name);
        if (it == rowOf.end()) {
            it = rowOf.insert(suite.info.name, m_suites.size());
            m_suites.append(SuiteRow{suite.info, {}});
        }
        m_suites[*it].byProtocol.insert(suite.protocol, suite);
    }
    endResetModel();
}

void ProbeMatrixModel::clear()
{
    beginResetModel();
    m_probe = ProbeResult();
    m_hasProbe = false;
    m_suites.clear();
    endResetModel();
}

QString ProbeMatrixModel::acceptanceText(const std::optional<bool>& accepted)
{
    if (!accepted)
        return tr("not testable");
    return *accepted ? tr("accepted") : tr("refused");
}

const ProbedProtocol* ProbeMatrixModel::protocolAt(int column) const
{
    const QStringList names = protocolColumns();
    const int position = column - SuiteFirstProtocolColumn;
    if (position < 0 || position >= names.size() || column >= SuiteKeyExchangeColumn)
        return nullptr;
    return m_probe.protocol(names.at(position));
}

int ProbeMatrixModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_hasProbe)
        return 0;
    switch (m_content) {
    case Content::Protocols:
        return static_cast<int>(m_probe.protocols.size());
    case Content::Suites:
        return static_cast<int>(m_suites.size());
    case Content::Groups:
        return static_cast<int>(m_probe.groups.size());
    }
    return 0;
}

int ProbeMatrixModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    switch (m_content) {
    case Content::Protocols:
        return ProtocolColumnCount;
    case Content::Suites:
        return SuiteColumnCount;
    case Content::Groups:
        return GroupColumnCount;
    }
    return 0;
}

QVariant ProbeMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (m_content) {
    case Content::Protocols:
        return protocolData(index, role);
    case Content::Suites:
        return suiteData(index, role);
    case Content::Groups:
        return groupData(index, role);
    }
    return {};
}

QVariant ProbeMatrixModel::protocolData(const QModelIndex& index, int role) const
{
    const ProbedProtocol& protocol = m_probe.protocols.at(index.row());
    if (role == ProtocolRole)
        return protocol.name;
    if (role == AcceptedRole) {
        if (!protocol.accepted)
            return {};
        return *protocol.accepted;
    }
    switch (index.column()) {
    case ProtocolNameColumn:
        if (role == Qt::DisplayRole)
            return protocol.name;
        break;
    case ProtocolResultColumn:
        if (role == Qt::DisplayRole)
            return acceptanceText(protocol.accepted);
        if (role == Qt::DecorationRole) {
            if (!protocol.accepted)
                return SeverityStyle::skippedIcon();
            if (!*protocol.accepted)
                return {};
            if (protocol.name == QLatin1String("SSLv3"))
                return SeverityStyle::icon(Severity::Critical);
            return legacyProtocol(protocol.name) ? SeverityStyle::icon(Severity::Medium)
                                                 : SeverityStyle::okIcon();
        }
        if (role == Qt::ToolTipRole && !protocol.note.isEmpty())
            return protocol.note;
        break;
    case ProtocolSuitesColumn:
        if (role == Qt::DisplayRole)
            return protocol.accepted.value_or(false) ? QString::number(protocol.suites.size())
                                                     : QStringLiteral("—");
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ProtocolOrderColumn:
        if (role == Qt::DisplayRole) {
            if (!protocol.accepted.value_or(false) || !protocol.serverOrder)
                return QStringLiteral("—");
            return *protocol.serverOrder ? tr("server's preference") : tr("client's preference");
        }
        break;
    case ProtocolNoteColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return protocol.note;
        break;
    default:
        break;
    }
    return {};
}

QVariant ProbeMatrixModel::suiteData(const QModelIndex& index, int role) const
{
    const SuiteRow& row = m_suites.at(index.row());
    const CipherSuiteInfo& info = row.info;
    const int column = index.column();
    if (column >= SuiteFirstProtocolColumn && column < SuiteKeyExchangeColumn) {
        const ProbedProtocol* protocol = protocolAt(column);
        if (!protocol)
            return {};
        const auto accepted = row.byProtocol.constFind(protocol->name);
        const bool testable = protocol->accepted.has_value();
        switch (role) {
        case Qt::DisplayRole:
            if (!testable)
                return tr("n/t", "not testable");
            return accepted != row.byProtocol.cend() ? QStringLiteral("✓") : QString();
        case Qt::TextAlignmentRole:
            return Qt::AlignCenter;
        case Qt::ToolTipRole:
            if (!testable)
                return tr("%1 could not be tested: %2").arg(protocol->name, protocol->note);
            if (accepted == row.byProtocol.cend())
                return tr("Not accepted at %1").arg(protocol->name);
            if (accepted->group.isEmpty())
                return tr("Accepted at %1").arg(protocol->name);
            return accepted->keyExchangeBits > 0
                       ? tr("Accepted at %1 (group %2, %3 bits)")
                             .arg(protocol->name, accepted->group)
                             .arg(accepted->keyExchangeBits)
                       : tr("Accepted at %1 (group %2)").arg(protocol->name, accepted->group);
        case AcceptedRole:
            if (!testable)
                return {};
            return accepted != row.byProtocol.cend();
        case ProtocolRole:
            return protocol->name;
        default:
            return {};
        }
    }

    switch (column) {
    case SuiteNameColumn:
        switch (role) {
        case Qt::DisplayRole:
            return info.name;
        case Qt::ToolTipRole:
            return info.ianaName.isEmpty() ? info.summary()
                                           : info.ianaName + QLatin1Char('\n') + info.summary();
        case Qt::DecorationRole:
            if (info.nullAnonOrExport())
                return SeverityStyle::icon(Severity::Critical);
            if (info.low())
                return SeverityStyle::icon(Severity::High);
            return {};
        default:
            return {};
        }
    case SuiteKeyExchangeColumn:
        if (role == Qt::DisplayRole)
            return info.isTls13() ? tr("any (TLS 1.3)") : keyExchangeName(info.keyExchange);
        return {};
    case SuiteForwardSecrecyColumn:
        if (role == Qt::DisplayRole)
            return info.forwardSecrecy() ? tr("FS") : tr("no FS");
        if (role == Qt::DecorationRole)
            return info.forwardSecrecy() ? SeverityStyle::okIcon()
                                         : SeverityStyle::icon(Severity::Medium);
        if (role == Qt::ToolTipRole)
            return info.forwardSecrecy()
                       ? tr("Forward secrecy: an ephemeral key exchange")
                       : tr("No forward secrecy: recorded traffic can be decrypted later with "
                            "the server's key");
        return {};
    case SuiteAeadColumn:
        if (role == Qt::DisplayRole)
            return info.aead() ? tr("AEAD") : (info.cbc() ? tr("CBC") : tr("no AEAD"));
        if (role == Qt::DecorationRole)
            return info.aead() ? SeverityStyle::okIcon() : SeverityStyle::icon(Severity::Low);
        if (role == Qt::ToolTipRole)
            return tr("Encryption: %1, MAC: %2").arg(info.encryption, info.mac);
        return {};
    case SuiteBitsColumn:
        if (role == Qt::DisplayRole)
            return info.bits;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ProbeMatrixModel::groupData(const QModelIndex& index, int role) const
{
    const ProbedGroup& group = m_probe.groups.at(index.row());
    if (role == ProtocolRole)
        return group.protocol;
    switch (index.column()) {
    case GroupNameColumn:
        if (role == Qt::DisplayRole)
            return group.name;
        break;
    case GroupKindColumn:
        if (role == Qt::DisplayRole)
            return group.kind == ProbedGroup::Kind::Ecdhe ? tr("ECDHE") : tr("DHE");
        break;
    case GroupProtocolColumn:
        if (role == Qt::DisplayRole)
            return group.protocol;
        break;
    case GroupBitsColumn:
        if (role == Qt::DisplayRole)
            return group.bits > 0 ? QVariant(group.bits) : QVariant(QStringLiteral("—"));
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant ProbeMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    switch (m_content) {
    case Content::Protocols:
        if (role != Qt::DisplayRole)
            return {};
        switch (section) {
        case ProtocolNameColumn:
            return tr("Protocol");
        case ProtocolResultColumn:
            return tr("Result");
        case ProtocolSuitesColumn:
            return tr("Suites");
        case ProtocolOrderColumn:
            return tr("Suite order");
        case ProtocolNoteColumn:
            return tr("Note");
        default:
            return {};
        }
    case Content::Suites:
        if (section >= SuiteFirstProtocolColumn && section < SuiteKeyExchangeColumn) {
            const QStringList names = protocolColumns();
            const int position = section - SuiteFirstProtocolColumn;
            if (position >= names.size())
                return {};
            const ProbedProtocol* protocol = m_hasProbe ? protocolAt(section) : nullptr;
            if (role == Qt::DisplayRole)
                return protocol ? names.at(position) + QLatin1Char('\n') +
                                      acceptanceText(protocol->accepted)
                                : names.at(position);
            if (role == Qt::ToolTipRole && protocol && !protocol->note.isEmpty())
                return protocol->note;
            if (role == ProtocolRole)
                return names.at(position);
            return {};
        }
        if (role != Qt::DisplayRole)
            return {};
        switch (section) {
        case SuiteNameColumn:
            return tr("Cipher suite");
        case SuiteKeyExchangeColumn:
            return tr("Key exchange");
        case SuiteForwardSecrecyColumn:
            return tr("Forward\nsecrecy");
        case SuiteAeadColumn:
            return tr("AEAD");
        case SuiteBitsColumn:
            return tr("Bits");
        default:
            return {};
        }
    case Content::Groups:
        if (role != Qt::DisplayRole)
            return {};
        switch (section) {
        case GroupNameColumn:
            return tr("Group");
        case GroupKindColumn:
            return tr("Kind");
        case GroupProtocolColumn:
            return tr("Tested at");
        case GroupBitsColumn:
            return tr("Bits");
        default:
            return {};
        }
    }
    return {};
}

} // namespace rediscope
