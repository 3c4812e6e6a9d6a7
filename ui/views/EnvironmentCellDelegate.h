#pragma once

#include <QStyledItemDelegate>

namespace rediscope {

// Paints one cell of the environment matrix: the profile's name and grade, a row each for TLS,
// chain verification and the hostname check (an icon and words, judged against the
// environment's policy), the negotiated protocol and the leaf's days left, and a highlighted
// band per drift finding (icon + "Drift: …"), so that the environment that lags behind stands
// out without relying on colour.
class EnvironmentCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace rediscope
