// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/trend_chart.h"

#include <QAreaSeries>
#include <QCategoryAxis>
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
    // The spread of a group's repeats: a band around the duration line.
    m_high = new QLineSeries(chart);
    m_low = new QLineSeries(chart);
    m_spread = new QAreaSeries(m_high, m_low);
    m_spread->setName(tr("spread of repeats"));
    chart->addSeries(m_spread);
    chart->addSeries(m_duration);
    chart->addSeries(m_peak);
    chart->addSeries(m_changes);
    // The theme gives each series its colour when added: the band is the duration's, faint.
    QColor band = m_duration->color();
    band.setAlpha(80);
    m_spread->setBrush(band);
    m_spread->setPen(Qt::NoPen);
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
    // Which Filare commit each stretch of runs ran (a checkout's runs only).
    m_commits = new QCategoryAxis(chart);
    m_commits->setTitleText(tr("Filare commit"));
    m_commits->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    m_commits->setGridLineVisible(false);
    chart->addAxis(m_commits, Qt::AlignTop);
    m_commits->setVisible(false);
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(m_duration), static_cast<QAbstractSeries *>(m_changes),
          static_cast<QAbstractSeries *>(m_spread)}) {
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
    QList<QPointF> duration, peak, changes, high, low;
    double maxSeconds = 1, maxMb = 1;
    bool anyCommit = false;
    for (int i = 0; i < points.size(); ++i) {
        const TrendPoint &p = points.at(i);
        duration << QPointF(i + 1, p.durationSec);
        high << QPointF(i + 1, p.durationHigh);
        low << QPointF(i + 1, p.durationLow);
        maxSeconds = qMax(maxSeconds, qMax(p.durationSec, p.durationHigh));
        if (p.peakMb) {
            peak << QPointF(i + 1, *p.peakMb);
            maxMb = qMax(maxMb, *p.peakMb);
        }
        if (p.settingsChanged)
            changes << QPointF(i + 1, p.durationSec);
        anyCommit = anyCommit || !p.commitLabel.isEmpty();
    }
    m_duration->replace(duration);
    m_peak->replace(peak);
    m_changes->replace(changes);
    m_high->replace(high);
    m_low->replace(low);
    auto *x = qobject_cast<QValueAxis *>(chart()->axes(Qt::Horizontal).value(0));
    const int n = qMax(1, int(points.size()));
    x->setRange(0.5, n + 0.5);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(1);
    x->setTickInterval(qMax(1, n / 10));
    // One category per stretch of runs of the same commit.
    for (const QString &label : m_commits->categoriesLabels())
        m_commits->remove(label);
    m_commits->setRange(0.5, n + 0.5);
    m_commits->setStartValue(0.5);
    for (int i = 0; i < points.size(); ++i) {
        const bool last =
            i + 1 == points.size() || points.at(i + 1).commitLabel != points.at(i).commitLabel;
        if (!last)
            continue;
        QString label =
            points.at(i).commitLabel.isEmpty() ? tr("not a checkout") : points.at(i).commitLabel;
        // Category labels must be unique: a commit seen again gets a zero-width space.
        while (m_commits->categoriesLabels().contains(label))
            label += QChar(0x200B);
        m_commits->append(label, i + 1.5);
    }
    m_commits->setVisible(anyCommit);
    const auto vertical = chart()->axes(Qt::Vertical);
    qobject_cast<QValueAxis *>(vertical.value(0))->setRange(0, maxSeconds * 1.15);
    qobject_cast<QValueAxis *>(vertical.value(1))->setRange(0, maxMb * 1.15);
    chart()->setTitle(points.isEmpty()
                          ? tr("No finished runs of this project yet")
                          : tr("Trend of this project (%1 runs or groups; band: spread of "
                               "repeats; squares: settings changed)")
                                .arg(points.size()));
}

QStringList TrendChart::commitLabels() const
{
    return m_commits->isVisible() ? m_commits->categoriesLabels() : QStringList{};
}

QList<QPointF> TrendChart::spreadHigh() const
{
    return m_high->points();
}

QList<QPointF> TrendChart::spreadLow() const
{
    return m_low->points();
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
