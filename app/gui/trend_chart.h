// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/run_history.h"

#include <QChartView>

class QAreaSeries;
class QCategoryAxis;
class QLineSeries;
class QScatterSeries;

namespace fperf {

// Duration and peak memory of a project's runs, oldest to newest; runs whose settings changed
// are marked. A run group is one point, its median, with the range of its repeats as a band.
// When runs come from a Filare checkout, the top axis names the commit of each stretch of
// runs. Clicking a point asks to open that run.
class TrendChart : public QChartView
{
    Q_OBJECT
public:
    explicit TrendChart(QWidget *parent = nullptr);
    void setPoints(const QList<TrendPoint> &points);
    const QList<TrendPoint> &points() const { return m_points; }
    int markedCount() const;
    // The commit labels along the top axis, oldest first ("" when no run is a checkout).
    QStringList commitLabels() const;
    // The band's upper and lower bounds, one per point.
    QList<QPointF> spreadHigh() const;
    QList<QPointF> spreadLow() const;

public slots:
    void openPointNear(const QPointF &value); // x is the run's index

signals:
    void openRunRequested(const QString &recordPath);

private:
    QList<TrendPoint> m_points;
    QLineSeries *m_duration = nullptr;
    QLineSeries *m_peak = nullptr;
    QScatterSeries *m_changes = nullptr;
    QLineSeries *m_high = nullptr;
    QLineSeries *m_low = nullptr;
    QAreaSeries *m_spread = nullptr;
    QCategoryAxis *m_commits = nullptr;
};

} // namespace fperf
