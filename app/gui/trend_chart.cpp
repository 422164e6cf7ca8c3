// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/trend_chart.h"

#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>

namespace fperf {

TrendChart::TrendChart(QWidget *parent) : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Trend of this project"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_duration = new QLineSeries(chart);
    m_duration->setName(tr("duration (s)"));
    m_duration->setPointsVisible(true);
    m_peak = new QLineSeries(chart);
    m_peak->setName(tr("peak memory (MB)"));
    m_peak->setPointsVisible(true);
    m_changes = new QScatterSeries(chart);
    m_changes->setName(tr("settings changed"));
    m_changes->setMarkerSize(14);
    m_changes->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    chart->addSeries(m_duration);
    chart->addSeries(m_peak);
    chart->addSeries(m_changes);
    auto *x = new QValueAxis(chart);
    x->setTitleText(tr("run"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto *seconds = new QValueAxis(chart);
    seconds->setTitleText(tr("seconds"));
    auto *mb = new QValueAxis(chart);
    mb->setTitleText(tr("MB"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(seconds, Qt::AlignLeft);
    chart->addAxis(mb, Qt::AlignRight);
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(m_duration), static_cast<QAbstractSeries *>(m_changes)}) {
        s->attachAxis(x);
        s->attachAxis(seconds);
    }
    m_peak->attachAxis(x);
    m_peak->attachAxis(mb);
    // setChart only releases the chart the view made for itself: delete it.
    QChart *placeholder = this->chart();
    setChart(chart);
    delete placeholder;
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
    for (QXYSeries *s : {static_cast<QXYSeries *>(m_duration), static_cast<QXYSeries *>(m_peak),
                         static_cast<QXYSeries *>(m_changes)})
        connect(s, &QXYSeries::clicked, this, &TrendChart::openPointNear);
}

void TrendChart::setPoints(const QList<TrendPoint> &points)
{
    m_points = points;
    QList<QPointF> duration, peak, changes;
    double maxSeconds = 1, maxMb = 1;
    for (int i = 0; i < points.size(); ++i) {
        const TrendPoint &p = points.at(i);
        duration << QPointF(i + 1, p.durationSec);
        maxSeconds = qMax(maxSeconds, p.durationSec);
        if (p.peakMb) {
            peak << QPointF(i + 1, *p.peakMb);
            maxMb = qMax(maxMb, *p.peakMb);
        }
        if (p.settingsChanged)
            changes << QPointF(i + 1, p.durationSec);
    }
    m_duration->replace(duration);
    m_peak->replace(peak);
    m_changes->replace(changes);
    auto *x = qobject_cast<QValueAxis *>(chart()->axes(Qt::Horizontal).value(0));
    const int n = qMax(1, int(points.size()));
    x->setRange(0.5, n + 0.5);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(1);
    x->setTickInterval(qMax(1, n / 10));
    const auto vertical = chart()->axes(Qt::Vertical);
    qobject_cast<QValueAxis *>(vertical.value(0))->setRange(0, maxSeconds * 1.15);
    qobject_cast<QValueAxis *>(vertical.value(1))->setRange(0, maxMb * 1.15);
    chart()->setTitle(points.isEmpty()
                          ? tr("No finished runs of this project yet")
                          : tr("Trend of this project (%n runs; squares: settings changed)",
                               nullptr, int(points.size())));
}

int TrendChart::markedCount() const
{
    return int(m_changes->count());
}

void TrendChart::openPointNear(const QPointF &value)
{
    const int index = int(std::lround(value.x())) - 1;
    if (index >= 0 && index < m_points.size())
        emit openRunRequested(m_points.at(index).recordPath);
}

} // namespace fperf
