#include "EnvironmentStyle.h"

#include <QFontMetrics>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <algorithm>
#include <cmath>

namespace rediscope {

namespace {

double channel(double value)
{
    return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& colour)
{
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) +
           0.0722 * channel(rgb.blueF());
}

int builtInRank(const QString& environment)
{
    const QStringList order = EnvironmentStyle::builtInEnvironments();
    const qsizetype index = order.indexOf(environment);
    return index < 0 ? int(order.size()) : int(index);
}

QString requirementWord(Requirement requirement)
{
    switch (requirement) {
    case Requirement::Optional:
        return EnvironmentStyle::tr("optional");
    case Requirement::Recommended:
        return EnvironmentStyle::tr("recommended");
    case Requirement::Required:
        return EnvironmentStyle::tr("required");
    }
    return QString();
}

} // namespace

QStringList EnvironmentStyle::builtInEnvironments()
{
    return {policyKindName(PolicyKind::Development), policyKindName(PolicyKind::Staging),
            policyKindName(PolicyKind::Production)};
}

bool EnvironmentStyle::lessThan(const QString& a, const QString& b)
{
    const int rankA = builtInRank(a);
    const int rankB = builtInRank(b);
    if (rankA != rankB)
        return rankA < rankB;
    const int folded = a.compare(b, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a < b;
}

QString EnvironmentStyle::displayName(const QString& environment)
{
    if (environment == policyKindName(PolicyKind::Development))
        return tr("Development");
    if (environment == policyKindName(PolicyKind::Staging))
        return tr("Staging");
    if (environment == policyKindName(PolicyKind::Production))
        return tr("Production");
    return environment;
}

QString EnvironmentStyle::policySummary(const EnvironmentPolicy& policy)
{
    const QString kind = policyKindName(policy.kind);
    const QString rules =
        tr("TLS %1, verification %2, hostname check %3, at least %4")
            .arg(requirementWord(policy.tls), requirementWord(policy.verification),
                 requirementWord(policy.hostnameCheck), policy.minProtocol);
    if (policy.name.isEmpty() || policy.name == kind)
        return tr("%1 policy: %2").arg(displayName(kind), rules);
    return tr("%1 follows the %2 policy: %3").arg(policy.name, kind, rules);
}

QColor EnvironmentStyle::badgeColour(const EnvironmentPolicy& policy)
{
    const QColor colour = QColor::fromString(policy.colour);
    if (colour.isValid())
        return colour;
    return QColor::fromString(EnvironmentPolicy::builtIn(policy.kind).colour);
}

QColor EnvironmentStyle::textColourOn(const QColor& background)
{
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    return contrastRatio(background, black) >= contrastRatio(background, white) ? black : white;
}

QColor EnvironmentStyle::legibleTextColour(const EnvironmentPolicy& policy, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    QColor colour = badgeColour(policy).toHsl();
    const bool darkBase = luminance(base) < 0.5;
    // Walk the lightness away from the background until the text reads well.
    for (int step = 0; step < 40 && contrastRatio(colour, base) < 4.5; ++step) {
        const float lightness = colour.lightnessF();
        const float next =
            darkBase ? std::min(1.0f, lightness + 0.025f) : std::max(0.0f, lightness - 0.025f);
        colour.setHslF(colour.hslHueF(), colour.hslSaturationF(), next);
    }
    return colour.toRgb();
}

double EnvironmentStyle::contrastRatio(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QIcon EnvironmentStyle::swatchIcon(const EnvironmentPolicy& policy)
{
    const QColor fill = badgeColour(policy);
    // Views ask for it on every paint: draw each colour once.
    static QHash<QRgb, QIcon> cache;
    if (const auto found = cache.constFind(fill.rgba()); found != cache.constEnd())
        return *found;
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal margin = size / 8.0;
        const QRectF box(margin, margin, size - 2 * margin, size - 2 * margin);
        // A dark and a light ring: the swatch keeps its edge on any background.
        painter.setPen(QPen(QColor(0, 0, 0, 140), std::max(1.0, size / 16.0)));
        painter.setBrush(fill);
        painter.drawRoundedRect(box, size / 5.0, size / 5.0);
        painter.setPen(QPen(QColor(255, 255, 255, 110), std::max(1.0, size / 16.0)));
        painter.setBrush(Qt::NoBrush);
        const qreal inset = std::max(1.0, size / 16.0);
        painter.drawRoundedRect(box.adjusted(inset, inset, -inset, -inset), size / 6.0, size / 6.0);
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(fill.rgba(), icon);
    return icon;
}

QPixmap EnvironmentStyle::badge(const EnvironmentPolicy& policy, const QFont& font,
                                qreal devicePixelRatio)
{
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const QString text = displayName(policy.name);
    const int padding = metrics.height() / 2;
    const QSize size(metrics.horizontalAdvance(text) + 2 * padding, metrics.height() + 4);
    QPixmap pixmap(size * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor fill = badgeColour(policy);
    QPainterPath pill;
    pill.addRoundedRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1), size.height() / 2.0,
                        size.height() / 2.0);
    painter.fillPath(pill, fill);
    painter.setPen(QPen(QColor(0, 0, 0, 90), 1));
    painter.drawPath(pill);
    painter.setFont(bold);
    painter.setPen(textColourOn(fill));
    painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, text);
    painter.end();
    return pixmap;
}

} // namespace rediscope
