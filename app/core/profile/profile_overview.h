// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile_model.h"

#include <QList>
#include <QPointF>

#include <optional>

namespace fperf {

// The figures at the top of the native view. CPU shares are of the run's elapsed time, as
// Scalene reports them; a figure Scalene did not measure is absent, never 0.
struct ProfileOverview
{
    ScaleneFormat format = ScaleneFormat::Scalene2;
    double elapsedSec = 0;
    double cpuPythonPercent = 0; // sums over every line
    double cpuNativePercent = 0;
    double cpuSystemPercent = 0;
    bool memory = false;
    QString memoryNotMeasured;    // asked for, not measured: why
    std::optional<double> peakMb; // memory profiling only
    QString peakFile;
    std::optional<int> peakLine;
    std::optional<double> growthRate; // Scalene's growth_rate, % over the run
    int allocSamples = 0;
    std::optional<int> cpuSamples; // absent in 1.5.x, which does not count them
    int fileCount = 0;
    int activeLines = 0;
    int leakCount = 0;

    double cpuPercent() const { return cpuPythonPercent + cpuNativePercent + cpuSystemPercent; }
};

ProfileOverview profileOverview(const ScaleneProfile &profile);

// The process's memory over time for a chart: x in seconds since profiling started, y in MB,
// in time order. Empty without memory profiling.
QList<QPointF> footprintSeries(const ScaleneProfile &profile);

// The point of the highest footprint (the first one on a tie), or -1 for an empty series.
int peakPointIndex(const QList<QPointF> &series);

} // namespace fperf
