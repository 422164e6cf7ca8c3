// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/run_history.h"

#include <QChartView>

class QLineSeries;
class QScatterSeries;

namespace fperf {

// Duration and peak memory of a project's runs, oldest to newest; runs whose settings changed
// are marked. Clicking a point asks to open that run.
class TrendChart : public QChartView
{
    Q_OBJECT
public:
    explicit TrendChart(QWidget *parent = nullptr);
    void setPoints(const QList<TrendPoint> &points);
    const QList<TrendPoint> &points() const { return m_points; }
    int markedCount() const;

public slots:
    void openPointNear(const QPointF &value); // x is the run's index

signals:
    void openRunRequested(const QString &recordPath);

private:
    QList<TrendPoint> m_points;
    QLineSeries *m_duration = nullptr;
    QLineSeries *m_peak = nullptr;
    QScatterSeries *m_changes = nullptr;
};

} // namespace fperf
