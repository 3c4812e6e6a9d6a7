#include "EnvironmentCellDelegate.h"

#include "models/EnvironmentMatrixModel.h"
#include "style/EnvironmentStyle.h"
#include "style/SeverityStyle.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace rediscope {

namespace {

constexpr int Padding = 8;
constexpr int IconSize = 16;
constexpr int Spacing = 4;

struct Line
{
    QIcon icon;
    QString text;
};

// The icon for a setting that is on (ok) or off, judged by what the policy asks of it.
QIcon judged(bool ok, Requirement requirement)
{
    if (ok)
        return SeverityStyle::okIcon();
    switch (requirement) {
    case Requirement::Required:
        return SeverityStyle::icon(Severity::High);
    case Requirement::Recommended:
        return SeverityStyle::icon(Severity::Medium);
    case Requirement::Optional:
        break;
    }
    return SeverityStyle::skippedIcon();
}

QList<Line> statusLines(const EnvironmentMatrixModel::Cell& cell)
{
    using M = EnvironmentMatrixModel;
    QList<Line> lines;
    lines << Line{judged(cell.tls, cell.policy.tls),
                  cell.tls ? M::tr("TLS on") : M::tr("TLS off — plaintext")};
    if (cell.tls) {
        if (cell.verifyPeer && cell.chainVerified == false)
            lines << Line{SeverityStyle::icon(Severity::High), M::tr("Chain does not verify")};
        else if (cell.verifyPeer)
            lines << Line{SeverityStyle::okIcon(),
                          cell.chainVerified ? M::tr("Chain verified") : M::tr("Verification on")};
        else
            lines << Line{judged(false, cell.policy.verification),
                          cell.chainVerified == false ? M::tr("Verification off (chain would fail)")
                                                      : M::tr("Verification off")};
        if (cell.verifyHostname && cell.hostnameMatch == false)
            lines << Line{SeverityStyle::icon(Severity::High), M::tr("Hostname mismatch")};
        else if (cell.verifyHostname)
            lines << Line{SeverityStyle::okIcon(), M::tr("Hostname checked")};
        else
            lines << Line{judged(false, cell.policy.hostnameCheck),
                          cell.hostnameMatch == false ? M::tr("Hostname check off (mismatch)")
                                                      : M::tr("Hostname check off")};
    }
    if (!cell.audited) {
        lines << Line{SeverityStyle::skippedIcon(), M::tr("Not audited yet")};
    } else if (!cell.connectError.isEmpty() && cell.protocol.isEmpty()) {
        lines << Line{SeverityStyle::icon(Severity::High), M::tr("Could not connect")};
    } else if (cell.tls || cell.protocol.isEmpty()) {
        // (Without TLS the TLS line above already says it all.)
        QString text = cell.protocol.isEmpty() ? M::tr("no protocol seen") : cell.protocol;
        QIcon icon = SeverityStyle::okIcon();
        if (cell.leafDaysLeft) {
            const int days = *cell.leafDaysLeft;
            text += QStringLiteral(" · ") + (days < 0 ? M::tr("leaf expired %1 d ago").arg(-days)
                                                      : M::tr("leaf %1 d left").arg(days));
            if (days < 0)
                icon = SeverityStyle::icon(Severity::Critical);
            else if (days < cell.policy.expiryWarningDays)
                icon = SeverityStyle::icon(Severity::Medium);
        } else if (!cell.tls) {
            icon = judged(false, cell.policy.tls);
        }
        lines << Line{icon, text};
    }
    return lines;
}

Severity worstDrift(const EnvironmentMatrixModel::Cell& cell)
{
    Severity worst = Severity::Info;
    for (const Finding& finding : cell.drift)
        worst = std::max(worst, finding.severity);
    return worst;
}

QColor mix(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t,
                            a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

} // namespace

void EnvironmentCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const
{
    const auto* model = qobject_cast<const EnvironmentMatrixModel*>(index.model());
    const EnvironmentMatrixModel::Cell* cell = model ? model->cell(index) : nullptr;
    const QPalette& palette = option.palette;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect area = option.rect.adjusted(3, 3, -3, -3);

    if (!cell) {
        painter->setPen(QPen(palette.color(QPalette::Mid), 1, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(area).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        painter->setPen(palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(area, Qt::AlignCenter, tr("no profile"));
        painter->restore();
        return;
    }

    const bool drift = !cell->drift.isEmpty();
    const QColor base = palette.color(QPalette::Base);
    const QColor driftColour = SeverityStyle::colour(worstDrift(*cell), palette);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(QPen(selected ? palette.color(QPalette::Highlight)
                         : drift  ? driftColour
                                  : palette.color(QPalette::Mid),
                         selected || drift ? 2 : 1));
    painter->setBrush(drift ? mix(base, driftColour, 0.06) : base);
    painter->drawRoundedRect(QRectF(area).adjusted(1, 1, -1, -1), 6, 6);

    const QRect inner = area.adjusted(Padding, Padding, -Padding, -Padding);
    const QFontMetrics metrics(option.font);
    const int lineHeight = std::max(metrics.height(), IconSize) + 2;
    int y = inner.top();

    // Name and grade.
    QFont bold = option.font;
    bold.setBold(true);
    const QString grade = cell->grade.isEmpty() ? QString() : cell->grade;
    int gradeWidth = 0;
    if (!grade.isEmpty()) {
        const QString label = tr("Grade %1").arg(grade);
        gradeWidth = QFontMetrics(bold).horizontalAdvance(label) + 12;
        const QRect badge(inner.right() - gradeWidth + 1, y, gradeWidth, lineHeight);
        const QColor fill = SeverityStyle::gradeColour(grade, palette);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(badge, lineHeight / 2.0, lineHeight / 2.0);
        painter->setPen(EnvironmentStyle::textColourOn(fill));
        painter->setFont(bold);
        painter->drawText(badge, Qt::AlignCenter, label);
    }
    painter->setFont(bold);
    painter->setPen(palette.color(QPalette::Text));
    const QRect nameRect(inner.left(), y, inner.width() - gradeWidth - Spacing, lineHeight);
    painter->drawText(
        nameRect, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(bold).elidedText(cell->profileName, Qt::ElideRight, nameRect.width()));
    y += lineHeight;
    painter->setFont(option.font);
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(QRect(inner.left(), y, inner.width(), lineHeight),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(cell->endpoint, Qt::ElideMiddle, inner.width()));
    y += lineHeight + Spacing;

    // Status lines.
    painter->setPen(palette.color(QPalette::Text));
    for (const Line& line : statusLines(*cell)) {
        line.icon.paint(painter,
                        QRect(inner.left(), y + (lineHeight - IconSize) / 2, IconSize, IconSize));
        const QRect text(inner.left() + IconSize + Spacing, y, inner.width() - IconSize - Spacing,
                         lineHeight);
        painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(line.text, Qt::ElideRight, text.width()));
        y += lineHeight;
    }

    // Drift bands.
    for (qsizetype i = 0; i < cell->drift.size(); ++i) {
        y += Spacing;
        const Finding& finding = cell->drift.at(i);
        const QColor colour = SeverityStyle::colour(finding.severity, palette);
        const QString text = tr("Drift: %1").arg(cell->driftShort.value(i, finding.title));
        const QRect textRect(inner.left() + IconSize + 2 * Spacing, y,
                             inner.width() - IconSize - 3 * Spacing, 10000);
        const QRect bounds = QFontMetrics(bold).boundingRect(
            textRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
        const int height = std::max(bounds.height(), IconSize) + 6;
        const QRect band(inner.left() - 2, y, inner.width() + 4, height);
        painter->setPen(Qt::NoPen);
        painter->setBrush(mix(base, colour, 0.16));
        painter->drawRoundedRect(band, 4, 4);
        SeverityStyle::icon(finding.severity)
            .paint(painter, QRect(inner.left() + Spacing, y + 3, IconSize, IconSize));
        painter->setPen(palette.color(QPalette::Text));
        painter->setFont(bold);
        painter->drawText(QRect(textRect.left(), y + 3, textRect.width(), height - 6),
                          Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
        painter->setFont(option.font);
        y += height;
    }

    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(area).adjusted(3, 3, -3, -3), 4, 4);
    }
    painter->restore();
}

QSize EnvironmentCellDelegate::sizeHint(const QStyleOptionViewItem& option,
                                        const QModelIndex& index) const
{
    const auto* model = qobject_cast<const EnvironmentMatrixModel*>(index.model());
    const EnvironmentMatrixModel::Cell* cell = model ? model->cell(index) : nullptr;
    const QFontMetrics metrics(option.font);
    const int lineHeight = std::max(metrics.height(), IconSize) + 2;
    const int width = std::max(250, metrics.horizontalAdvance(QLatin1Char('x')) * 36);
    if (!cell)
        return QSize(width, 2 * Padding + 6 * lineHeight);
    int height =
        2 * Padding + 6 + 2 * lineHeight + Spacing + int(statusLines(*cell).size()) * lineHeight;
    QFont bold = option.font;
    bold.setBold(true);
    const int textWidth = width - 6 - 2 * Padding - IconSize - 3 * Spacing;
    for (qsizetype i = 0; i < cell->drift.size(); ++i) {
        const QString text =
            tr("Drift: %1").arg(cell->driftShort.value(i, cell->drift.at(i).title));
        const QRect bounds = QFontMetrics(bold).boundingRect(
            QRect(0, 0, textWidth, 10000), Qt::AlignLeft | Qt::TextWordWrap, text);
        height += Spacing + std::max(bounds.height(), IconSize) + 6;
    }
    return QSize(width, height);
}

} // namespace rediscope
