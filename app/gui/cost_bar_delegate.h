// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace fperf {

// Paints a figure's share of its column's highest as a bar behind the text, as hotspot and
// Scalene's viewer do: the costly rows stand out without reading every number. The share
// comes from the model's BarFractionRole (Qt::UserRole + 1); no value, no bar.
class CostBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int BarFractionRole = Qt::UserRole + 1;
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace fperf
