// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fperf {

// Which Scalene wrote the JSON: 1.5.x lists only lines with activity and has no sample
// times, core utilisation, async figures or stacks.
enum class ScaleneFormat
{
    Scalene15,
    Scalene2
};

// A point of a memory timeline: [time, MB] as Scalene writes it (time in ns since start).
struct MemoryPoint
{
    double time = 0;
    double mb = 0;
};

// Every per-line (or per-function) figure Scalene writes. A figure Scalene did not measure
// (memory profiling off, no GPU, a key 1.5.x does not write) is absent, never 0.
struct SourceFigures
{
    int lineno = 0;
    QString text; // the source line; for a function, its name

    double cpuPython = 0; // % of the run's elapsed time
    double cpuNative = 0;
    double cpuSystem = 0;
    std::optional<double> coreUtilization; // 0..1, 2.x only
    std::optional<double> avgMb;           // memory: absent without memory profiling
    std::optional<double> peakMb;
    std::optional<double> mallocMb;
    std::optional<double> growthMb;
    std::optional<double> mallocs;
    std::optional<double> pythonFraction; // share of allocations by Python code
    std::optional<double> usageFraction;  // share of all allocations
    std::optional<double> copyMbPerSec;
    std::optional<double> gpuPercent; // GPU: absent when Scalene saw no GPU
    std::optional<double> gpuAvgMb;
    std::optional<double> gpuPeakMb;
    std::optional<double> asyncAwaitPercent; // async: 2.x only
    std::optional<double> asyncConcurrencyMean;
    std::optional<double> asyncConcurrencyPeak;
    QStringList asyncTaskNames;
    bool coroutine = false;
    std::optional<QList<double>> cpuSampleTimes; // seconds (perf counter); absent in 1.5.x
    QList<MemoryPoint> memorySamples;

    double cpuPercent() const { return cpuPython + cpuNative + cpuSystem; }
    bool active() const
    {
        return cpuPercent() > 0 || peakMb.value_or(0) > 0 || mallocMb.value_or(0) > 0 ||
               copyMbPerSec.value_or(0) > 0;
    }
};

// A source line, with the code region Scalene assigns it (2.x; 0 when absent).
struct LineProfile : SourceFigures
{
    int startFunctionLine = 0;
    int endFunctionLine = 0;
    int startOutermostLoop = 0;
    int endOutermostLoop = 0;
    int startRegionLine = 0;
    int endRegionLine = 0;
};

// Scalene's guess that a line leaks: how likely, and how fast it grows.
struct LeakProfile
{
    int lineno = 0;
    double likelihood = 0;
    double velocityMbPerSec = 0;
};

struct FileProfile
{
    QString path;
    double percentCpuTime = 0;
    QList<LineProfile> lines;
    QList<SourceFigures> functions;
    QList<LeakProfile> leaks;
    std::optional<QStringList> imports; // 2.x only
};

// A frame of a call stack. Python frames have a line; native ones an address.
struct StackFrame
{
    enum class Kind
    {
        Python,
        Native
    };
    Kind kind = Kind::Python;
    QString function;
    QString file; // file name, or the native module
    std::optional<int> line;
    std::optional<quint64> ip;
    std::optional<quint64> offset;
};

// `stacks`: Python stacks, outermost first, with the CPU time sampled in them.
struct CpuStack
{
    QList<StackFrame> frames;
    double pythonSec = 0;
    double nativeSec = 0;
    double cpuSamples = 0;
    int count = 0;
};

// `combined_stacks` (hits) and `memory_stacks` (MB): Python and native frames stitched.
struct WeightedStack
{
    QList<StackFrame> frames;
    double weight = 0;
};

// One run of consecutive samples of the same combined stack.
struct StackTimelineEvent
{
    double timeSec = 0;
    int stackIndex = 0;
    int count = 0;
    std::optional<qint64> threadId;
};

// The whole of a Scalene JSON profile, read once (see scalene_profile_reader.h).
struct ScaleneProfile
{
    ScaleneFormat format = ScaleneFormat::Scalene2;
    double elapsedSec = 0;
    bool memory = false; // memory profiling was on and measured: memory figures exist
    // Memory profiling was asked for but measured nothing (the profile says "memory" and has
    // no allocation sample and no footprint): why its figures are absent, never 0.
    QString memoryNotMeasured;
    bool gpu = false;
    QString gpuDevice;
    bool asyncProfile = false;
    std::optional<double> maxFootprintMb; // absent without memory profiling
    QString maxFootprintFile;
    std::optional<int> maxFootprintLine;
    std::optional<double> maxFootprintPythonFraction;
    std::optional<double> growthRate;
    std::optional<double> nativeAllocationsMb;
    int allocSamples = 0;
    QString program;
    QStringList args;
    QString entrypointDir;
    std::optional<double> startTimeAbsolute;
    std::optional<qint64> mainThreadId;
    QList<MemoryPoint> footprint; // `samples`: the process's memory over time
    QList<FileProfile> files;
    QList<CpuStack> stacks;
    QList<WeightedStack> combinedStacks;
    QList<WeightedStack> memoryStacks;
    QList<StackTimelineEvent> stackTimeline;

    // Sample times are known when any line carries them (2.x always writes them).
    bool cpuSampleTimesKnown() const;
};

} // namespace fperf
