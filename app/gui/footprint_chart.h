// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QList>
#include <QPointF>

class QLineSeries;
class QScatterSeries;

namespace fperf {

// The process's memory over the run (the profile's footprint samples), the peak marked.
class FootprintChart : public QChartView
{
    Q_OBJECT
public:
    explicit FootprintChart(QWidget *parent = nullptr);
    // points: footprintSeries(); peak: peakPointIndex(points), or -1.
    void setSeries(const QList<QPointF> &points, int peak);
    int pointCount() const;
    QPointF peakPoint() const;

private:
    QLineSeries *m_line = nullptr;
    QScatterSeries *m_peak = nullptr;
};

} // namespace fperf
