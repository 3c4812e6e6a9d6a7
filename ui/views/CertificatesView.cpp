#include "CertificatesView.h"

#include "audit/AuditResult.h"
#include "models/CertificateChainModel.h"
#include "style/SeverityStyle.h"
#include "widgets/LayoutMemory.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace rediscope {

CertificatesView::CertificatesView(QWidget* parent)
    : InspectionPane(tr("Connect to see the server's certificate chain."), parent)
{
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);

    auto* bar = new QHBoxLayout;
    auto* chainLabel = new QLabel(tr("&Chain:"), content);
    m_chainSelector = new QComboBox(content);
    m_chainSelector->setObjectName(QStringLiteral("chainSelector"));
    m_chainSelector->addItem(tr("As sent by the server"));
    m_chainSelector->addItem(tr("As verified (leaf → trust anchor)"));
    m_chainSelector->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    chainLabel->setBuddy(m_chainSelector);
    bar->addWidget(chainLabel);
    bar->addWidget(m_chainSelector);
    bar->addStretch(1);
    m_copyPem = new QPushButton(tr("Copy &PEM"), content);
    m_copyPem->setObjectName(QStringLiteral("copyPemButton"));
    m_exportPem = new QPushButton(tr("&Export PEM…"), content);
    m_exportPem->setObjectName(QStringLiteral("exportPemButton"));
    m_copyFingerprint = new QPushButton(tr("Copy &fingerprint"), content);
    m_copyFingerprint->setObjectName(QStringLiteral("copyFingerprintButton"));
    m_copyFingerprint->setToolTip(tr("Copies the SHA-256 fingerprint of the selected certificate"));
    bar->addWidget(m_copyPem);
    bar->addWidget(m_exportPem);
    bar->addWidget(m_copyFingerprint);
    layout->addLayout(bar);

    auto* splitter = new QSplitter(Qt::Vertical, content);
    splitter->setObjectName(QStringLiteral("certificatesSplitter"));
    m_model = new CertificateChainModel(this);
    m_tree = new QTreeView(splitter);
    m_tree->setObjectName(QStringLiteral("certificateTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);

    // Below the tree: the selected certificate in words on the left, its PEM on the right.
    auto* detail = new QWidget(splitter);
    auto* detailLayout = new QHBoxLayout(detail);
    detailLayout->setContentsMargins(0, 4, 0, 0);
    auto* words = new QVBoxLayout;
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setObjectName(QStringLiteral("certificateTitle"));
    m_detailTitle->setWordWrap(true);
    m_detailTitle->setTextFormat(Qt::PlainText);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_detailTitle->font();
    titleFont.setBold(true);
    m_detailTitle->setFont(titleFont);
    m_detailStatus = new QLabel(detail);
    m_detailStatus->setObjectName(QStringLiteral("certificateStatus"));
    m_detailStatus->setWordWrap(true);
    m_detailStatus->setTextFormat(Qt::PlainText);
    m_detailStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    words->addWidget(m_detailTitle);
    words->addWidget(m_detailStatus);
    words->addStretch(1);
    m_pem = new QPlainTextEdit(detail);
    m_pem->setObjectName(QStringLiteral("pemText"));
    m_pem->setReadOnly(true);
    m_pem->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_pem->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pem->setMinimumWidth(
        QFontMetrics(m_pem->font()).horizontalAdvance(QString(72, QLatin1Char('M'))));
    detailLayout->addLayout(words, 1);
    detailLayout->addWidget(m_pem);
    splitter->addWidget(m_tree);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    LayoutMemory::remember(splitter, QStringLiteral("CertificatesView/splitter"));
    m_fitColumns =
        !LayoutMemory::remember(m_tree->header(), QStringLiteral("CertificatesView/columns"));
    layout->addWidget(splitter, 1);

    connect(m_chainSelector, &QComboBox::currentIndexChanged, this, [this] { showChain(); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { updateDetail(); });
    connect(m_copyPem, &QPushButton::clicked, this, &CertificatesView::copyPem);
    connect(m_exportPem, &QPushButton::clicked, this, &CertificatesView::exportPemInteractively);
    connect(m_copyFingerprint, &QPushButton::clicked, this, &CertificatesView::copyFingerprint);

    setContent(content);
    updateDetail();
}

void CertificatesView::clear()
{
    m_tls.reset();
    m_model->clear();
    updateDetail();
    resetEmptyText();
    showEmpty();
}

void CertificatesView::setInspectResult(const InspectResult& result)
{
    if (!result.tls || result.tls->chainSent.isEmpty()) {
        m_tls.reset();
        m_model->clear();
        updateDetail();
        if (!result.endpoint.tls)
            setEmptyText(tr("TLS is off for this profile: the server presents no certificate."));
        else
            setEmptyText(tr("No certificate was received: the connection stopped before the "
                            "TLS handshake completed."));
        showEmpty();
        return;
    }
    m_tls = result.tls;
    {
        const QSignalBlocker blocker(m_chainSelector);
        m_chainSelector->setItemText(0, tr("As sent by the server (%n certificate(s))", nullptr,
                                           static_cast<int>(m_tls->chainSent.size())));
        m_chainSelector->setItemText(
            1, m_tls->chainVerified.isEmpty()
                   ? tr("As verified: no chain was built")
                   : tr("As verified, leaf → trust anchor (%n certificate(s))", nullptr,
                        static_cast<int>(m_tls->chainVerified.size())));
    }
    showChain();
    showContent();
}

void CertificatesView::setAuditResult(const AuditResult& result)
{
    setInspectResult(result.inspect);
}

void CertificatesView::setChain(Chain chain)
{
    m_chainSelector->setCurrentIndex(chain == Chain::Sent ? 0 : 1);
}

CertificatesView::Chain CertificatesView::chain() const
{
    return m_chainSelector->currentIndex() == 1 ? Chain::Verified : Chain::Sent;
}

void CertificatesView::showChain()
{
    if (!m_tls) {
        m_model->clear();
        updateDetail();
        return;
    }
    const bool verified = chain() == Chain::Verified;
    m_model->setChain(verified ? m_tls->chainVerified : m_tls->chainSent, m_tls->verifyIssues);
    m_tree->expandAll();
    if (m_fitColumns)
        m_tree->resizeColumnToContents(CertificateChainModel::FieldColumn);
    selectCertificate(0);
}

void CertificatesView::selectCertificate(int row)
{
    const QModelIndex index = m_model->certificateIndex(row);
    if (index.isValid())
        m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
    updateDetail();
}

const CertificateInfo* CertificatesView::selectedCertificate() const
{
    return m_model->certificate(m_tree->selectionModel()->currentIndex());
}

void CertificatesView::updateDetail()
{
    const CertificateInfo* info = selectedCertificate();
    m_copyPem->setEnabled(info && !info->der.isEmpty());
    m_exportPem->setEnabled(info && !info->der.isEmpty());
    m_copyFingerprint->setEnabled(info && !info->sha256.isEmpty());
    if (!info) {
        m_detailTitle->setText(m_model->certificateCount() == 0
                                   ? tr("No certificate in this chain.")
                                   : tr("Select a certificate."));
        m_detailStatus->clear();
        m_pem->clear();
        return;
    }
    const QModelIndex current = m_tree->selectionModel()->currentIndex();
    const int row = current.data(CertificateChainModel::CertificateRowRole).toInt();
    m_detailTitle->setText(QStringLiteral("%1: %2").arg(
        CertificateChainModel::positionName(*info, row, m_model->certificateCount()),
        info->subject));
    QStringList status{CertificateChainModel::validityText(*info, QDateTime::currentDateTimeUtc())};
    const QStringList errors = m_model->verifyErrors(row);
    if (!errors.isEmpty())
        status << tr("Verification: %1").arg(errors.join(QStringLiteral("; ")));
    status << tr("SHA-256: %1").arg(CertificateChainModel::fingerprintText(info->sha256));
    m_detailStatus->setText(status.join(QLatin1Char('\n')));
    m_pem->setPlainText(QString::fromLatin1(info->pem()));
}

void CertificatesView::copyPem()
{
    if (const CertificateInfo* info = selectedCertificate())
        QApplication::clipboard()->setText(QString::fromLatin1(info->pem()));
}

void CertificatesView::copyFingerprint()
{
    if (const CertificateInfo* info = selectedCertificate())
        QApplication::clipboard()->setText(CertificateChainModel::fingerprintText(info->sha256));
}

void CertificatesView::exportPemInteractively()
{
    const CertificateInfo* info = selectedCertificate();
    if (!info)
        return;
    QString name = info->commonName.isEmpty() ? QStringLiteral("certificate") : info->commonName;
    for (QChar& c : name)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('.'))
            c = QLatin1Char('_');
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export certificate"), QDir::home().filePath(name + QStringLiteral(".pem")),
        tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (path.isEmpty())
        return;
    if (!exportPem(path))
        QMessageBox::warning(
            this, tr("Export certificate"),
            tr("The certificate could not be written to %1.").arg(QDir::toNativeSeparators(path)));
}

bool CertificatesView::exportPem(const QString& path)
{
    const CertificateInfo* info = selectedCertificate();
    if (!info || info->der.isEmpty())
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(info->pem());
    return file.commit();
}

} // namespace rediscope
