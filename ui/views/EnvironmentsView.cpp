#include "EnvironmentsView.h"

#include "models/EnvironmentMatrixModel.h"
#include "style/SeverityStyle.h"
#include "views/EnvironmentCellDelegate.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace rediscope {

namespace {

// One legend entry: an icon and its meaning.
QWidget* legendEntry(const QIcon& icon, const QString& text, QWidget* parent)
{
    auto* entry = new QWidget(parent);
    auto* layout = new QHBoxLayout(entry);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* iconLabel = new QLabel(entry);
    iconLabel->setPixmap(icon.pixmap(16, 16));
    layout->addWidget(iconLabel);
    layout->addWidget(new QLabel(text, entry));
    return entry;
}

} // namespace

EnvironmentsView::EnvironmentsView(QWidget* parent)
    : QWidget(parent)
    , m_model(new EnvironmentMatrixModel(this))
{
    auto* title = new QLabel(tr("Services × environments"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    title->setFont(titleFont);
    m_summaryIcon = new QLabel(this);
    m_summaryIcon->setFixedSize(16, 16);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("environmentsSummary"));
    m_summary->setWordWrap(true);
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addSpacing(12);
    header->addWidget(m_summaryIcon);
    header->addWidget(m_summary, 1);

    auto* legend = new QHBoxLayout;
    legend->addWidget(legendEntry(SeverityStyle::okIcon(), tr("meets the policy"), this));
    legend->addWidget(
        legendEntry(SeverityStyle::icon(Severity::High), tr("required, missing"), this));
    legend->addWidget(
        legendEntry(SeverityStyle::icon(Severity::Medium), tr("recommended, missing"), this));
    legend->addWidget(legendEntry(SeverityStyle::skippedIcon(), tr("optional / not known"), this));
    auto* driftNote =
        new QLabel(tr("<b>Drift</b>: differs from another environment of the same service"), this);
    legend->addWidget(driftNote);
    legend->addStretch(1);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("environmentMatrix"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new EnvironmentCellDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(true);
    m_table->setMouseTracking(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(250);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignTop);
    m_table->installEventFilter(this);

    m_empty = new QLabel(tr("No profiles yet. Add or import profiles, tag them with a service "
                            "and an environment, and this view compares each service's "
                            "environments."),
                         this);
    m_empty->setObjectName(QStringLiteral("environmentsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(legend);
    layout->addWidget(m_stack, 1);

    connect(m_table, &QTableView::clicked, this, &EnvironmentsView::activate);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EnvironmentsView::updateSummary);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &EnvironmentsView::updateSummary);
    updateSummary();
}

EnvironmentsView::~EnvironmentsView() = default;

void EnvironmentsView::setProfiles(const QList<Profile>& profiles,
                                   const EnvironmentPolicies& policies)
{
    m_model->setProfiles(profiles, policies);
}

void EnvironmentsView::setAuditResult(const QUuid& profileId, const AuditResult& result)
{
    m_model->setAuditResult(profileId, result);
    m_table->resizeRowsToContents();
}

void EnvironmentsView::selectProfile(const QUuid& profileId)
{
    const QModelIndex index = m_model->indexOf(profileId);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

bool EnvironmentsView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            activate(m_table->currentIndex());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void EnvironmentsView::activate(const QModelIndex& index)
{
    const QUuid id = index.data(EnvironmentMatrixModel::ProfileIdRole).value<QUuid>();
    if (!id.isNull())
        Q_EMIT profileActivated(id);
}

void EnvironmentsView::updateSummary()
{
    m_stack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget*>(m_table) : m_empty);
    const int drift = m_model->driftCount();
    QStringList lagging;
    for (int column = 0; column < m_model->columnCount(); ++column) {
        // The checks flag the weaker side for TLS and verification; protocol and certificate
        // drift concern every environment of the service alike.
        bool lags = false;
        for (int row = 0; row < m_model->rowCount() && !lags; ++row) {
            const QStringList ids =
                m_model->index(row, column).data(EnvironmentMatrixModel::DriftRole).toStringList();
            lags = ids.contains(QStringLiteral("env.tls_inconsistent")) ||
                   ids.contains(QStringLiteral("env.verify_inconsistent"));
        }
        if (lags)
            lagging << m_model->headerData(column, Qt::Horizontal).toString();
    }
    if (m_model->rowCount() == 0) {
        m_summaryIcon->clear();
        m_summary->clear();
    } else if (drift == 0) {
        m_summaryIcon->setPixmap(SeverityStyle::okIcon().pixmap(16, 16));
        m_summary->setText(tr("No drift: every service is configured alike in all its "
                              "environments."));
    } else {
        m_summaryIcon->setPixmap(SeverityStyle::icon(Severity::High).pixmap(16, 16));
        m_summary->setText(
            (drift == 1
                 ? tr("1 profile drifts from its service's other environments")
                 : tr("%1 profiles drift from their service's other environments").arg(drift)) +
            (lagging.isEmpty()
                 ? QString()
                 : QStringLiteral(" — ") +
                       tr("lagging behind: %1").arg(lagging.join(QStringLiteral(", ")))));
    }
    m_table->resizeRowsToContents();
}

} // namespace rediscope
