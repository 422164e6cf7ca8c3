// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/flame_graph_view.h"

#include <QFileInfo>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace fperf {

namespace {
constexpr double kMinBoxPixels = 2.0;

// A native frame Scalene could not name: its library, as perf and hotspot show it.
QString frameName(const FlameNode &n)
{
    if (!n.function.isEmpty())
        return n.function;
    if (!n.file.isEmpty())
        return QStringLiteral("[%1]").arg(QFileInfo(n.file).fileName());
    return FlameGraphView::tr("[unknown]");
}
} // namespace

FlameGraphView::FlameGraphView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
}

int FlameGraphView::rowHeight() const
{
    return fontMetrics().height() + 6;
}

void FlameGraphView::setGraph(const FlameGraph *graph, const QString &unit)
{
    m_diff = nullptr;
    m_graph = graph;
    m_unit = unit;
    m_zoom = 0;
    relayout();
    emit zoomChanged(m_zoom);
}

void FlameGraphView::setDiff(const ProfileDiff *diff)
{
    setGraph(diff ? &diff->flame.graph : nullptr, tr("s"));
    m_diff = diff;
    update();
}

void FlameGraphView::setSearch(const QString &text)
{
    m_search = text.trimmed();
    relayout();
}

void FlameGraphView::zoomTo(int node)
{
    if (!m_graph || node < 0 || node >= m_graph->nodes.size())
        return;
    m_zoom = node;
    relayout();
    emit zoomChanged(m_zoom);
}

bool FlameGraphView::matches(const FlameNode &node) const
{
    return !m_search.isEmpty() && (node.function.contains(m_search, Qt::CaseInsensitive) ||
                                   node.file.contains(m_search, Qt::CaseInsensitive));
}

void FlameGraphView::relayout()
{
    m_boxes.clear();
    m_rows = 0;
    m_matches = 0;
    if (m_graph && width() > 0)
        m_boxes = layoutFlameGraph(*m_graph, m_zoom, kMinBoxPixels / width());
    for (const FlameBox &b : std::as_const(m_boxes)) {
        m_rows = qMax(m_rows, b.depth + 1);
        if (matches(m_graph->nodes.at(b.node)))
            ++m_matches;
    }
    updateGeometry();
    update();
}

QSize FlameGraphView::sizeHint() const
{
    return {600, qMax(1, m_rows) * rowHeight()};
}

QSize FlameGraphView::minimumSizeHint() const
{
    return {200, qMax(1, m_rows) * rowHeight()};
}

void FlameGraphView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

QRect FlameGraphView::boxRect(int node) const
{
    for (const FlameBox &b : m_boxes) {
        if (b.node == node)
            return QRect(int(b.x * width()), b.depth * rowHeight(), qMax(1, int(b.width * width())),
                         rowHeight() - 1);
    }
    return {};
}

int FlameGraphView::nodeAt(const QPoint &pos) const
{
    const int depth = pos.y() / rowHeight();
    const double x = double(pos.x()) / qMax(1, width());
    for (const FlameBox &b : m_boxes) {
        if (b.depth == depth && x >= b.x && x < b.x + b.width)
            return b.node;
    }
    return -1;
}

QColor FlameGraphView::colourOf(int index) const
{
    const FlameNode &node = m_graph->nodes.at(index);
    QColor c;
    if (m_diff) {
        // Red slower, blue faster, the stronger the larger the change against the frame's
        // time; a change within noise stays pale.
        const DiffFrame f = m_diff->flameFrame(index);
        const double larger = qMax(f.secA, f.secB);
        const double relative = larger > 0 ? qMin(1.0, qAbs(f.delta()) / larger) : 0;
        const int hue = f.delta() > 0 ? 0 : 215;
        c = f.beyondNoise ? QColor::fromHsv(hue, 70 + int(185 * relative), 245)
                          : QColor::fromHsv(hue, f.delta() == 0 ? 0 : 25, 225);
    } else {
        // A stable colour per function: the same frame looks the same after a zoom.
        const uint h = qHash(node.function) ^ qHash(node.file);
        c = node.kind == StackFrame::Kind::Native
                ? QColor::fromHsv(200 + int(h % 30), 90 + int(h % 60), 230)
                : QColor::fromHsv(10 + int(h % 40), 120 + int(h % 80), 240);
    }
    if (!m_search.isEmpty() && !matches(node))
        c = QColor::fromHsv(c.hue(), 15, 220); // the rest fades
    return c;
}

void FlameGraphView::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.fillRect(event->rect(), palette().color(QPalette::Base));
    if (!m_graph || m_boxes.isEmpty())
        return;
    const int rh = rowHeight();
    const double total = m_graph->total();
    for (const FlameBox &b : std::as_const(m_boxes)) {
        const QRectF r(b.x * width(), b.depth * rh, b.width * width(), rh - 1);
        if (!r.intersects(event->rect()))
            continue;
        const FlameNode &n = m_graph->nodes.at(b.node);
        p.fillRect(r.adjusted(0, 0, -1, 0), colourOf(b.node));
        // A frame that ran in one side only is hatched.
        if (m_diff && b.node > 0) {
            const DiffFrame f = m_diff->flameFrame(b.node);
            if (f.onlyInA() || f.onlyInB())
                p.fillRect(r.adjusted(0, 0, -1, 0), QBrush(QColor(0, 0, 0, 70), Qt::BDiagPattern));
        }
        if (matches(n)) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 2));
            p.drawRect(r.adjusted(1, 1, -2, -1));
        }
        if (r.width() < 24)
            continue;
        QString label;
        if (b.node == 0 && m_diff) {
            const DiffFrame f = m_diff->flameFrame(0);
            label = tr("all: A %1 s, B %2 s (%3 s)")
                        .arg(f.secA, 0, 'f', 2)
                        .arg(f.secB, 0, 'f', 2)
                        .arg(signedNumber(f.delta(), 2));
        } else {
            label =
                b.node == 0 ? tr("all (%1 %2)").arg(total, 0, 'f', 0).arg(m_unit) : frameName(n);
        }
        p.setPen(Qt::black); // on the light box colours, in any palette
        p.drawText(r.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   fontMetrics().elidedText(label, Qt::ElideRight, int(r.width()) - 6));
    }
}

QString FlameGraphView::toolTipFor(int node) const
{
    if (!m_graph || node < 0 || node >= m_graph->nodes.size())
        return {};
    const FlameNode &n = m_graph->nodes.at(node);
    const double total = m_graph->total();
    const double share = total > 0 ? 100.0 * n.weight / total : 0;
    QString where;
    if (node > 0)
        where = n.line ? QStringLiteral("%1:%2").arg(n.file).arg(*n.line) : n.file;
    const QString kind = node == 0                            ? tr("all stacks")
                         : n.kind == StackFrame::Kind::Native ? tr("native frame")
                                                              : tr("Python frame");
    QString tip = QStringLiteral("<b>%1</b><br>%2<br>%3")
                      .arg((node == 0 ? tr("all") : frameName(n)).toHtmlEscaped(),
                           where.toHtmlEscaped(), kind);
    if (m_diff) {
        const DiffFrame f = m_diff->flameFrame(node);
        tip += QStringLiteral("<br>") +
               tr("A %1 s, B %2 s: %3 s (± %4 s, %5)")
                   .arg(f.secA, 0, 'f', 3)
                   .arg(f.secB, 0, 'f', 3)
                   .arg(signedNumber(f.delta(), 3))
                   .arg(f.noiseSec, 0, 'f', 3)
                   .arg(f.beyondNoise ? tr("beyond noise") : tr("within noise"));
        if (f.onlyInA())
            tip += QStringLiteral("<br>") + tr("only in A: B never reached this frame");
        else if (f.onlyInB())
            tip += QStringLiteral("<br>") + tr("only in B: A never reached this frame");
        return tip;
    }
    tip += QStringLiteral("<br>") + tr("%1 %2 (%3 % of all), %4 %2 in the frame itself")
                                        .arg(n.weight, 0, 'f', n.weight < 10 ? 2 : 0)
                                        .arg(m_unit)
                                        .arg(share, 0, 'f', 1)
                                        .arg(n.self, 0, 'f', n.self < 10 ? 2 : 0);
    return tip;
}

bool FlameGraphView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // Esc and Backspace zoom out here, before the window's shortcuts see them.
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (m_zoom != 0 && (key == Qt::Key_Escape || key == Qt::Key_Backspace)) {
            event->accept();
            return true;
        }
    }
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int node = nodeAt(help->pos());
        if (node >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(node), this, boxRect(node));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void FlameGraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_graph)
        return QWidget::mousePressEvent(event);
    const int node = nodeAt(event->position().toPoint());
    if (node < 0)
        return;
    // The top box is the zoomed frame: clicking it goes one level out.
    if (node == m_zoom)
        zoomTo(m_zoom > 0 ? m_graph->nodes.at(m_zoom).parent : 0);
    else
        zoomTo(node);
}

void FlameGraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int node = nodeAt(event->position().toPoint());
    if (!m_graph || node <= 0)
        return;
    const FlameNode &n = m_graph->nodes.at(node);
    if (n.kind == StackFrame::Kind::Python && n.line)
        emit frameActivated(n.file, *n.line);
}

void FlameGraphView::keyPressEvent(QKeyEvent *event)
{
    if (m_graph && event->key() == Qt::Key_Escape && m_zoom != 0) {
        zoomTo(0);
        return;
    }
    if (m_graph && event->key() == Qt::Key_Backspace && m_zoom > 0) {
        zoomTo(m_graph->nodes.at(m_zoom).parent);
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace fperf
