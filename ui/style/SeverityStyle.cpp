#include "SeverityStyle.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QtMath>

namespace rediscope {

namespace {

enum class Shape
{
    Octagon,
    Triangle,
    Diamond,
    Square,
    Circle,
};

enum class Glyph
{
    Exclamation,
    Info,
    Tick,
    Dash,
};

struct IconSpec
{
    Shape shape;
    Glyph glyph;
    QColor fill;
    QColor ink; // glyph colour
};

QPainterPath shapePath(Shape shape, const QRectF& r)
{
    QPainterPath path;
    switch (shape) {
    case Shape::Octagon: {
        const qreal c = r.width() * 0.29;
        QPolygonF polygon;
        polygon << QPointF(r.left() + c, r.top()) << QPointF(r.right() - c, r.top())
                << QPointF(r.right(), r.top() + c) << QPointF(r.right(), r.bottom() - c)
                << QPointF(r.right() - c, r.bottom()) << QPointF(r.left() + c, r.bottom())
                << QPointF(r.left(), r.bottom() - c) << QPointF(r.left(), r.top() + c);
        path.addPolygon(polygon);
        path.closeSubpath();
        break;
    }
    case Shape::Triangle: {
        QPolygonF polygon;
        polygon << QPointF(r.center().x(), r.top()) << QPointF(r.right(), r.bottom())
                << QPointF(r.left(), r.bottom());
        path.addPolygon(polygon);
        path.closeSubpath();
        break;
    }
    case Shape::Diamond: {
        QPolygonF polygon;
        polygon << QPointF(r.center().x(), r.top()) << QPointF(r.right(), r.center().y())
                << QPointF(r.center().x(), r.bottom()) << QPointF(r.left(), r.center().y());
        path.addPolygon(polygon);
        path.closeSubpath();
        break;
    }
    case Shape::Square:
        path.addRoundedRect(
            r.adjusted(r.width() * 0.06, r.height() * 0.06, -r.width() * 0.06, -r.height() * 0.06),
            r.width() * 0.18, r.height() * 0.18);
        break;
    case Shape::Circle:
        path.addEllipse(r);
        break;
    }
    return path;
}

QPixmap drawIcon(const IconSpec& spec, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    const qreal margin = s * 0.06;
    const QRectF box(margin, margin, s - 2 * margin, s - 2 * margin);
    painter.setPen(QPen(spec.fill.darker(150), std::max<qreal>(1.0, s / 16.0)));
    painter.setBrush(spec.fill);
    painter.drawPath(shapePath(spec.shape, box));

    // The glyph sits lower in a triangle, whose centre of mass is low.
    const qreal cx = box.center().x();
    const qreal top = spec.shape == Shape::Triangle ? box.top() + box.height() * 0.36
                                                    : box.top() + box.height() * 0.22;
    const qreal bottom = spec.shape == Shape::Triangle ? box.bottom() - box.height() * 0.12
                                                       : box.bottom() - box.height() * 0.22;
    const qreal stroke = std::max<qreal>(1.5, s * 0.13);
    QPen pen(spec.ink, stroke, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    const qreal height = bottom - top;
    switch (spec.glyph) {
    case Glyph::Exclamation:
        painter.drawLine(QPointF(cx, top), QPointF(cx, top + height * 0.55));
        painter.drawPoint(QPointF(cx, bottom));
        break;
    case Glyph::Info:
        painter.drawPoint(QPointF(cx, top));
        painter.drawLine(QPointF(cx, top + height * 0.42), QPointF(cx, bottom));
        break;
    case Glyph::Tick: {
        QPolygonF tick;
        tick << QPointF(box.left() + box.width() * 0.27, box.top() + box.height() * 0.52)
             << QPointF(box.left() + box.width() * 0.44, box.top() + box.height() * 0.69)
             << QPointF(box.left() + box.width() * 0.74, box.top() + box.height() * 0.34);
        painter.drawPolyline(tick);
        break;
    }
    case Glyph::Dash:
        painter.drawLine(QPointF(box.left() + box.width() * 0.3, box.center().y()),
                         QPointF(box.right() - box.width() * 0.3, box.center().y()));
        break;
    }
    return pixmap;
}

QIcon makeIcon(const IconSpec& spec)
{
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48, 64})
        icon.addPixmap(drawIcon(spec, size));
    return icon;
}

IconSpec severitySpec(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return {Shape::Octagon, Glyph::Exclamation, QColor(0xd3, 0x2f, 0x2f), Qt::white};
    case Severity::High:
        return {Shape::Triangle, Glyph::Exclamation, QColor(0xf5, 0x7c, 0x00), Qt::white};
    case Severity::Medium:
        return {Shape::Diamond, Glyph::Exclamation, QColor(0xfb, 0xc0, 0x2d),
                QColor(0x3e, 0x27, 0x23)};
    case Severity::Low:
        return {Shape::Square, Glyph::Info, QColor(0x1e, 0x88, 0xe5), Qt::white};
    case Severity::Info:
        break;
    }
    return {Shape::Circle, Glyph::Info, QColor(0x90, 0xa4, 0xae), Qt::white};
}

} // namespace

bool SeverityStyle::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QString SeverityStyle::word(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return tr("Critical");
    case Severity::High:
        return tr("High");
    case Severity::Medium:
        return tr("Medium");
    case Severity::Low:
        return tr("Low");
    case Severity::Info:
        break;
    }
    return tr("Info");
}

QIcon SeverityStyle::icon(Severity severity)
{
    static QHash<int, QIcon> cache;
    const int key = static_cast<int>(severity);
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.insert(key, makeIcon(severitySpec(severity)));
    return *it;
}

QIcon SeverityStyle::okIcon()
{
    static const QIcon icon =
        makeIcon({Shape::Circle, Glyph::Tick, QColor(0x2e, 0x7d, 0x32), Qt::white});
    return icon;
}

QIcon SeverityStyle::skippedIcon()
{
    static const QIcon icon =
        makeIcon({Shape::Circle, Glyph::Dash, QColor(0x9e, 0x9e, 0x9e), Qt::white});
    return icon;
}

QColor SeverityStyle::colour(Severity severity, const QPalette& palette)
{
    const bool dark = isDark(palette);
    switch (severity) {
    case Severity::Critical:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
    case Severity::High:
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xbf, 0x36, 0x0c);
    case Severity::Medium:
        return dark ? QColor(0xff, 0xe0, 0x82) : QColor(0x8d, 0x65, 0x00);
    case Severity::Low:
        return dark ? QColor(0x90, 0xca, 0xf9) : QColor(0x15, 0x65, 0xc0);
    case Severity::Info:
        break;
    }
    return palette.color(QPalette::Text);
}

QColor SeverityStyle::okColour(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x2e, 0x7d, 0x32);
}

std::optional<Severity> SeverityStyle::gradeSeverity(const QString& grade)
{
    if (grade.isEmpty() || grade == QLatin1String("A+") || grade == QLatin1String("A"))
        return std::nullopt;
    if (grade == QLatin1String("A-") || grade == QLatin1String("B"))
        return Severity::Low;
    if (grade == QLatin1String("C"))
        return Severity::Medium;
    if (grade == QLatin1String("D") || grade == QLatin1String("E"))
        return Severity::High;
    return Severity::Critical;
}

QColor SeverityStyle::gradeColour(const QString& grade, const QPalette& palette)
{
    if (grade.isEmpty())
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    const auto severity = gradeSeverity(grade);
    return severity ? colour(*severity, palette) : okColour(palette);
}

} // namespace rediscope
