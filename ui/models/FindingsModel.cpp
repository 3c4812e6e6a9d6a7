#include "FindingsModel.h"

#include "style/SeverityStyle.h"

#include <QGuiApplication>

namespace rediscope {

FindingsModel::FindingsModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void FindingsModel::setFindings(const QList<Finding>& findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

void FindingsModel::clear()
{
    setFindings({});
}

const Finding* FindingsModel::finding(int row) const
{
    if (row < 0 || row >= m_findings.size())
        return nullptr;
    return &m_findings.at(row);
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindingsModel::locationText(const Finding& finding)
{
    if (finding.file.isEmpty())
        return QString();
    return finding.line > 0 ? finding.file + QLatin1Char(':') + QString::number(finding.line)
                            : finding.file;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Finding& item = m_findings.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return SeverityStyle::word(item.severity);
        case IdColumn:
            return item.id;
        case TitleColumn:
            return item.title;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return SeverityStyle::icon(item.severity);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn)
            return SeverityStyle::colour(item.severity, QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn && !item.detail.isEmpty())
            return item.detail;
        return {};
    case SortRole:
        switch (index.column()) {
        case SeverityColumn:
            // By rank; among equals, sorted worst first, the model's own order is kept.
            return SeverityStyle::rank(item.severity) * (1 << 20) - index.row();
        case IdColumn:
            return item.id;
        case TitleColumn:
            return item.title;
        default:
            return {};
        }
    case SeverityRankRole:
        return SeverityStyle::rank(item.severity);
    case IdRole:
        return item.id;
    case TitleRole:
        return item.title;
    case DetailRole:
        return item.detail;
    case EvidenceRole:
        return item.evidence;
    case RemediationRole:
        return item.remediation;
    case LocationRole:
        return locationText(item);
    default:
        return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case IdColumn:
        return tr("Check");
    case TitleColumn:
        return tr("Title");
    default:
        return {};
    }
}

} // namespace rediscope
