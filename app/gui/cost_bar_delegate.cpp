// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/cost_bar_delegate.h"

#include <QPainter>

namespace fperf {

void CostBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const QVariant fraction = index.data(BarFractionRole);
    if (fraction.isValid() && fraction.toDouble() > 0) {
        QRect bar = option.rect.adjusted(2, 3, -2, -3);
        bar.setWidth(qMax(1, int(bar.width() * fraction.toDouble())));
        QColor colour = option.palette.color(QPalette::Highlight);
        colour.setAlpha(option.state & QStyle::State_Selected ? 150 : 70);
        painter->fillRect(bar, colour);
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace fperf
