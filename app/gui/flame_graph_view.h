// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/compare/profile_diff.h"
#include "core/profile/flame_graph.h"

#include <QWidget>

namespace fperf {

// A flame graph drawn top-down (callers above their callees), as hotspot draws its
// top-down view: click a frame to zoom to it, click the top frame or press Backspace to
// zoom out, Esc to reset; hover for the figures; a search highlights matching frames.
// Python frames are warm colours, native frames blue (or, for a comparison, red slower and
// blue faster). Only boxes at least a couple of
// pixels wide are laid out, so a graph of any size draws quickly.
class FlameGraphView : public QWidget
{
    Q_OBJECT
public:
    explicit FlameGraphView(QWidget *parent = nullptr);

    // graph must outlive the view's use of it (the view keeps a pointer). unit: "samples"
    // or "MB", for the tooltips.
    void setGraph(const FlameGraph *graph, const QString &unit);
    // A differential graph: widths are A and B together, red frames got slower in B, blue
    // ones faster (beyond noise; pale within it), and hatched frames ran in one side only.
    // diff must outlive the view's use of it.
    void setDiff(const ProfileDiff *diff);
    const ProfileDiff *diff() const { return m_diff; }
    const FlameGraph *graph() const { return m_graph; }
    void setSearch(const QString &text);
    void zoomTo(int node);
    int zoomNode() const { return m_zoom; }
    int matchCount() const { return m_matches; }
    int boxCount() const { return int(m_boxes.size()); }
    // The node drawn at a point of the widget, or -1.
    int nodeAt(const QPoint &pos) const;
    QRect boxRect(int node) const; // empty when not drawn
    QString toolTipFor(int node) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void zoomChanged(int node);
    void frameActivated(const QString &file, int line); // double-click on a Python frame

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    void relayout();
    QColor colourOf(int node) const;
    bool matches(const FlameNode &node) const;
    int rowHeight() const;

    const FlameGraph *m_graph = nullptr;
    const ProfileDiff *m_diff = nullptr;
    QString m_unit;
    QString m_search;
    int m_zoom = 0;
    int m_matches = 0;
    int m_rows = 0;
    QList<FlameBox> m_boxes;
};

} // namespace fperf
