// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/profile_overview.h"

#include <algorithm>

namespace fperf {

ProfileOverview profileOverview(const ScaleneProfile &p)
{
    ProfileOverview o;
    o.format = p.format;
    o.elapsedSec = p.elapsedSec;
    o.memory = p.memory;
    o.memoryNotMeasured = p.memoryNotMeasured;
    o.peakMb = p.maxFootprintMb;
    o.peakFile = p.maxFootprintFile;
    o.peakLine = p.maxFootprintLine;
    o.growthRate = p.memory ? p.growthRate : std::nullopt;
    o.allocSamples = p.allocSamples;
    const bool samplesKnown = p.cpuSampleTimesKnown();
    int samples = 0;
    for (const FileProfile &file : p.files) {
        bool active = false;
        for (const LineProfile &line : file.lines) {
            o.cpuPythonPercent += line.cpuPython;
            o.cpuNativePercent += line.cpuNative;
            o.cpuSystemPercent += line.cpuSystem;
            if (line.cpuSampleTimes)
                samples += int(line.cpuSampleTimes->size());
            if (line.active()) {
                ++o.activeLines;
                active = true;
            }
        }
        if (active)
            ++o.fileCount;
        o.leakCount += int(file.leaks.size());
    }
    if (samplesKnown)
        o.cpuSamples = samples;
    return o;
}

QList<QPointF> footprintSeries(const ScaleneProfile &p)
{
    QList<MemoryPoint> points = p.footprint;
    std::stable_sort(points.begin(), points.end(),
                     [](const MemoryPoint &a, const MemoryPoint &b) { return a.time < b.time; });
    QList<QPointF> series;
    series.reserve(points.size());
    for (const MemoryPoint &m : points)
        series.append({m.time / 1e9, m.mb}); // Scalene writes ns since profiling started
    return series;
}

int peakPointIndex(const QList<QPointF> &series)
{
    int peak = -1;
    for (int i = 0; i < series.size(); ++i) {
        if (peak < 0 || series.at(i).y() > series.at(peak).y())
            peak = i;
    }
    return peak;
}

} // namespace fperf
