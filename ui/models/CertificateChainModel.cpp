#include "CertificateChainModel.h"

#include "style/SeverityStyle.h"

#include <QLocale>

namespace rediscope {

namespace {

constexpr quintptr TopLevel = 0; // internal id of certificate rows; field rows: certificate + 1

QString utcText(const QDateTime& time)
{
    if (!time.isValid())
        return QString();
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

} // namespace

CertificateChainModel::CertificateChainModel(QObject* parent)
    : QAbstractItemModel(parent)
{}

void CertificateChainModel::setChain(const QList<CertificateInfo>& chain,
                                     const QList<VerifyIssue>& issues)
{
    beginResetModel();
    m_certificates = chain;
    m_issues = issues;
    rebuild();
    endResetModel();
}

void CertificateChainModel::clear()
{
    setChain({}, {});
}

void CertificateChainModel::setReferenceTime(const QDateTime& now)
{
    beginResetModel();
    m_now = now;
    rebuild();
    endResetModel();
}

void CertificateChainModel::rebuild()
{
    m_fields.clear();
    for (int row = 0; row < m_certificates.size(); ++row)
        m_fields.append(fieldsFor(row));
}

const CertificateInfo* CertificateChainModel::certificate(int row) const
{
    if (row < 0 || row >= m_certificates.size())
        return nullptr;
    return &m_certificates.at(row);
}

const CertificateInfo* CertificateChainModel::certificate(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const int row =
        index.internalId() == TopLevel ? index.row() : static_cast<int>(index.internalId() - 1);
    return certificate(row);
}

QModelIndex CertificateChainModel::certificateIndex(int row) const
{
    return index(row, FieldColumn);
}

QStringList CertificateChainModel::verifyErrors(int row) const
{
    const CertificateInfo* info = certificate(row);
    if (!info)
        return {};
    // The TLS session already attached the issues it could match by fingerprint, as
    // "message (code)"; add the ones it could not, in the same form.
    QStringList errors = info->verifyErrors;
    for (const VerifyIssue& issue : m_issues)
        if ((!issue.sha256.isEmpty() && issue.sha256 == info->sha256) ||
            (issue.sha256.isEmpty() && issue.depth == row))
            errors << QStringLiteral("%1 (%2)").arg(issue.message).arg(issue.code);
    errors.removeDuplicates();
    return errors;
}

QString CertificateChainModel::positionName(const CertificateInfo& certificate, int row, int count)
{
    if (count == 1 && certificate.selfSigned)
        return tr("Self-signed");
    if (row == 0)
        return tr("Leaf");
    if (certificate.selfSigned)
        return tr("Root");
    return tr("Intermediate");
}

QString CertificateChainModel::validityText(const CertificateInfo& certificate,
                                            const QDateTime& now)
{
    if (!certificate.notAfter.isValid())
        return tr("Validity unknown");
    if (certificate.notBefore.isValid() && now < certificate.notBefore) {
        const qint64 days = (now.secsTo(certificate.notBefore) + 86399) / 86400;
        return tr("Not yet valid (starts in %n day(s))", nullptr, static_cast<int>(days));
    }
    const int days = certificate.daysLeft(now);
    if (now > certificate.notAfter)
        return tr("Expired %n day(s) ago", nullptr, std::max(1, -days));
    return tr("Valid, %n day(s) left", nullptr, days);
}

QString CertificateChainModel::fingerprintText(const QString& sha256)
{
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < sha256.size(); i += 2)
        pairs << sha256.mid(i, 2).toUpper();
    return pairs.join(QLatin1Char(':'));
}

bool CertificateChainModel::certificateHasProblem(int row) const
{
    const CertificateInfo& info = m_certificates.at(row);
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    const bool outOfDate = (info.notAfter.isValid() && now > info.notAfter) ||
                           (info.notBefore.isValid() && now < info.notBefore);
    return outOfDate || !verifyErrors(row).isEmpty();
}

QList<CertificateChainModel::Field> CertificateChainModel::fieldsFor(int row) const
{
    const CertificateInfo& info = m_certificates.at(row);
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    QList<Field> fields;
    fields.append({QStringLiteral("subject"), tr("Subject"), info.subject});
    fields.append({QStringLiteral("issuer"), tr("Issuer"), info.issuer});
    fields.append({QStringLiteral("serial"), tr("Serial number"), info.serial});

    const bool outOfDate = (info.notAfter.isValid() && now > info.notAfter) ||
                           (info.notBefore.isValid() && now < info.notBefore);
    fields.append(
        {QStringLiteral("validity"), tr("Validity"),
         tr("%1 → %2 — %3")
             .arg(utcText(info.notBefore), utcText(info.notAfter), validityText(info, now)),
         outOfDate});

    QString key = info.keyType;
    if (info.keyBits > 0)
        key += QLatin1Char(' ') + tr("%n bit(s)", nullptr, info.keyBits);
    if (!info.curve.isEmpty())
        key += QStringLiteral(" (%1)").arg(info.curve);
    fields.append({QStringLiteral("key"), tr("Public key"), key});
    fields.append(
        {QStringLiteral("signature"), tr("Signature algorithm"), info.signatureAlgorithm});

    QString sans;
    if (!info.hasSanExtension)
        sans = tr("none (no subjectAltName extension)");
    else
        sans = info.san.join(QStringLiteral(", "));
    fields.append({QStringLiteral("san"), tr("Subject alternative names"), sans,
                   row == 0 && !info.hasSanExtension});

    QString constraints = info.isCa ? tr("CA") : tr("Not a CA");
    if (info.isCa && info.pathLength >= 0)
        constraints += QStringLiteral(", ") + tr("path length %1").arg(info.pathLength);
    fields.append({QStringLiteral("constraints"), tr("Basic constraints"), constraints});
    if (!info.keyUsage.isEmpty())
        fields.append({QStringLiteral("key-usage"), tr("Key usage"),
                       info.keyUsage.join(QStringLiteral(", "))});
    if (info.hasExtendedKeyUsage)
        fields.append({QStringLiteral("extended-key-usage"), tr("Extended key usage"),
                       info.extendedKeyUsage.join(QStringLiteral(", "))});
    fields.append(
        {QStringLiteral("sha256"), tr("SHA-256 fingerprint"), fingerprintText(info.sha256)});

    const QStringList errors = verifyErrors(row);
    fields.append({QStringLiteral("verify-errors"), tr("Verification errors"),
                   errors.isEmpty() ? tr("none") : errors.join(QStringLiteral("; ")),
                   !errors.isEmpty()});
    return fields;
}

QModelIndex CertificateChainModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid()) {
        if (row >= m_certificates.size())
            return {};
        return createIndex(row, column, TopLevel);
    }
    if (parent.internalId() != TopLevel || parent.column() != 0 ||
        parent.row() >= m_fields.size() || row >= m_fields.at(parent.row()).size())
        return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex CertificateChainModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, TopLevel);
}

int CertificateChainModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_certificates.size());
    if (parent.internalId() != TopLevel || parent.column() != 0)
        return 0;
    return static_cast<int>(m_fields.value(parent.row()).size());
}

int CertificateChainModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant CertificateChainModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    if (index.internalId() == TopLevel) {
        const int row = index.row();
        if (row >= m_certificates.size())
            return {};
        const CertificateInfo& info = m_certificates.at(row);
        const bool problem = certificateHasProblem(row);
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == FieldColumn) {
                const QString name = info.commonName.isEmpty() ? info.subject : info.commonName;
                return QStringLiteral("%1 — %2").arg(
                    positionName(info, row, static_cast<int>(m_certificates.size())), name);
            } else {
                QString text = validityText(info, now);
                const QStringList errors = verifyErrors(row);
                if (!errors.isEmpty())
                    text += QStringLiteral("; ") + errors.join(QStringLiteral("; "));
                return text;
            }
        case Qt::DecorationRole:
            if (index.column() == FieldColumn)
                return problem ? SeverityStyle::icon(Severity::Critical) : SeverityStyle::okIcon();
            return {};
        case Qt::ToolTipRole:
            return info.subject;
        case CertificateRowRole:
            return row;
        case ProblemRole:
            return problem;
        default:
            return {};
        }
    }

    const int certificateRow = static_cast<int>(index.internalId() - 1);
    if (certificateRow >= m_fields.size() || index.row() >= m_fields.at(certificateRow).size())
        return {};
    const Field& field = m_fields.at(certificateRow).at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == FieldColumn ? field.label : field.value;
    case Qt::ToolTipRole:
        return index.column() == ValueColumn ? field.value : QVariant();
    case Qt::DecorationRole:
        if (index.column() == FieldColumn && field.problem)
            return SeverityStyle::icon(Severity::High);
        return {};
    case CertificateRowRole:
        return certificateRow;
    case FieldKeyRole:
        return field.key;
    case ProblemRole:
        return field.problem;
    default:
        return {};
    }
}

QVariant CertificateChainModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FieldColumn:
        return tr("Certificate");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

} // namespace rediscope
