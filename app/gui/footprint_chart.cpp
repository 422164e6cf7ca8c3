// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/footprint_chart.h"

#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

namespace fperf {

FootprintChart::FootprintChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setTitle(tr("Memory footprint over the run"));
    m_line = new QLineSeries(chart);
    m_line->setName(tr("Footprint (MB)"));
    m_peak = new QScatterSeries(chart);
    m_peak->setName(tr("Peak"));
    m_peak->setMarkerSize(10);
    m_peak->setColor(QColor(0xd0, 0x3a, 0x2f));
    m_peak->setPointLabelsVisible(true);
    m_peak->setPointLabelsClipping(false);
    chart->addSeries(m_line);
    chart->addSeries(m_peak);
    auto *x = new QValueAxis(chart);
    x->setTitleText(tr("seconds since profiling started"));
    x->setLabelFormat(QStringLiteral("%.1f"));
    auto *y = new QValueAxis(chart);
    y->setTitleText(tr("MB"));
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(m_line), static_cast<QAbstractSeries *>(m_peak)}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    // setChart only releases the chart the view made for itself: delete it.
    QChart *placeholder = this->chart();
    setChart(chart);
    delete placeholder;
    setMinimumHeight(220);
}

void FootprintChart::setSeries(const QList<QPointF> &points, int peak)
{
    m_line->replace(points);
    m_peak->clear();
    double maxX = 0, maxY = 0;
    for (const QPointF &p : points) {
        maxX = qMax(maxX, p.x());
        maxY = qMax(maxY, p.y());
    }
    // The peak's label is drawn to its right: room for it when the peak comes late.
    double rightEdge = maxX;
    if (peak >= 0 && peak < points.size() && points.at(peak).x() > 0.7 * maxX)
        rightEdge = maxX * 1.25;
    if (peak >= 0 && peak < points.size()) {
        const QPointF p = points.at(peak);
        m_peak->append(p);
        m_peak->setPointLabelsFormat(
            tr("peak %1 MB at %2 s").arg(p.y(), 0, 'f', 1).arg(p.x(), 0, 'f', 1));
    }
    const auto axes = chart()->axes();
    for (QAbstractAxis *axis : axes) {
        auto *value = qobject_cast<QValueAxis *>(axis);
        if (!value)
            continue;
        // Room above the peak for its label.
        if (axis->orientation() == Qt::Horizontal)
            value->setRange(0, rightEdge > 0 ? rightEdge : 1);
        else
            value->setRange(0, maxY > 0 ? maxY * 1.15 : 1);
    }
}

int FootprintChart::pointCount() const
{
    return int(m_line->count());
}

QPointF FootprintChart::peakPoint() const
{
    return m_peak->count() > 0 ? m_peak->at(0) : QPointF();
}

} // namespace fperf
