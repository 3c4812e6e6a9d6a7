#include "PadlockIcon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace rediscope {

QIcon PadlockIcon::icon(bool locked, const QColor& colour)
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(colour, 5);
    pen.setCapStyle(Qt::RoundCap);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    // The shackle: closed, both legs in the body; open, raised with its right leg free.
    const qreal lift = locked ? 0 : 8;
    QPainterPath shackle;
    shackle.moveTo(20, 34);
    shackle.lineTo(20, 24 - lift);
    shackle.arcTo(QRectF(20, 12 - lift, 24, 24), 180, -180);
    shackle.lineTo(44, locked ? 34 : 22 - lift);
    painter.drawPath(shackle);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(12, 34, 40, 26), 5, 5);
    painter.setCompositionMode(QPainter::CompositionMode_Clear);
    painter.drawEllipse(QPointF(32, 44), 4, 4);
    painter.drawRect(QRectF(30, 44, 4, 9));
    painter.end();
    return QIcon(pixmap);
}

} // namespace rediscope
