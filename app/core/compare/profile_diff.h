// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/flame_graph.h"
#include "core/profile/scalene_profile.h"
#include "core/store/run_group_codec.h"
#include "core/store/run_history.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <optional>

namespace fperf {

// The figures a diff compares. Their keys are in `diff --json` and behind --fail-if-*:
// users' CI scripts read them, so they never change (tst_history_diff pins them).
enum class DiffFigureId
{
    WallTime,
    ProfiledTime,
    PeakMemory,
    CpuSamples,
    OverheadRatio,
    CpuPythonTime, // the CPU split, in seconds: share x profiled time, summed over the lines
    CpuNativeTime,
    CpuSystemTime,
    AllocatedMemory // MB Scalene saw allocated, summed over the lines; memory profiling only
};
QString diffFigureKey(DiffFigureId id);   // "profiled time (s)": stable, for machines
QString diffFigureLabel(DiffFigureId id); // translated, for people

// A line, function or file changed "beyond noise" when its Benjamini-Hochberg q-value among
// all of its level is below this (and its own repeats agree).
inline constexpr double kFalseDiscoveryRate = 0.05;
// A whole-run figure (wall time, profiled time, ...) changed beyond noise when its p-value is
// below this: the gates rest on it, and a gate that fails a build must not cry wolf (nine
// figures are tested at once, and runs drift with the machine's load).
inline constexpr double kFigureSignificance = 0.01;

// One figure of two runs: A, B, B - A and (B - A) / A, and how much of B - A noise explains.
struct DiffFigure
{
    DiffFigureId id = DiffFigureId::WallTime;
    std::optional<double> a;
    std::optional<double> b;
    int decimals = 2;
    // One standard error of B - A, in the figure's unit; absent when nothing tells the noise
    // (a single run of each side gives no spread of wall time or peak memory).
    std::optional<double> noise;
    std::optional<double> pValue; // two-sided, of "no change"

    std::optional<double> delta() const;
    std::optional<double> deltaPercent() const;
    // Known to be beyond noise; false when within it or when the noise is unknown.
    bool beyondNoise() const { return pValue && *pValue < kFigureSignificance; }
};

// One source line, function or file present in either profile (absent means 0 for that run).
// Times are compared in seconds: a share of the run moves whenever anything else moves.
struct DiffLine
{
    QString file;
    int lineno = 0; // a file: 0
    QString text;   // a line: its code; a function: its name; a file: empty
    bool inA = false;
    bool inB = false;
    double cpuA = 0; // Python + native + system, % of run time
    double cpuB = 0;
    double secA = 0; // the same as CPU seconds: share x profiled time
    double secB = 0;
    double peakA = 0; // MB
    double peakB = 0;
    double copyA = 0; // MB/s
    double copyB = 0;
    double noiseSec = 0; // one standard error of secDelta()
    double pValue = 1;   // two-sided, of "no change"
    double qValue = 1;   // pValue after false-discovery control over the level
    bool beyondNoise = false;

    double cpuDelta() const { return cpuB - cpuA; }
    double secDelta() const { return secB - secA; }
    double peakDelta() const { return peakB - peakA; }
    double copyDelta() const { return copyB - copyA; }
    // How much the item changed, for sorting: seconds first, then peak MB.
    double changeSize() const;
};

// What the noise statement rests on, and what it found among the lines.
struct DiffNoise
{
    enum class Basis
    {
        Sampling, // one run per side: only the sampling error of each sampled time is known
        Repeats   // repeats on a side: the spread of the repeats (t-tests)
    };
    Basis basis = Basis::Sampling;
    double intervalA = 0; // seconds between CPU samples
    double intervalB = 0;
    // Repeats: the lines' run-to-run variance over what sampling explains (at least 1).
    double dispersion = 1;
    int linesCompared = 0;
    int linesBeyond = 0;
    int slowerBeyond = 0; // of linesBeyond
    int fasterBeyond = 0;
};
QString diffNoiseBasisKey(DiffNoise::Basis basis); // "sampling": stable, for machines

// One frame of the differential flame graph: each side's seconds there, and whether the change
// is beyond the sampling noise (times the repeats' dispersion) at p < kFigureSignificance:
// there are many frames and no false-discovery control over them, so the bar is higher.
struct DiffFrame
{
    double secA = 0;
    double secB = 0;
    double noiseSec = 0;
    bool beyondNoise = false;
    double delta() const { return secB - secA; }
    bool onlyInA() const { return secA > 0 && secB <= 0; }
    bool onlyInB() const { return secB > 0 && secA <= 0; }
};

struct ProfileDiff
{
    RunSummary a; // the first run of each side, labelled with the side's name
    RunSummary b;
    QList<RunSummary> runsA; // every repeat of each side
    QList<RunSummary> runsB;
    QList<DiffFigure> summary; // wall time, profiled time, peak MB, CPU samples, overhead
    QList<DiffLine> lines;     // largest change first
    QList<DiffLine> functions; // likewise, per function (lineno: its first line)
    QList<DiffLine> files;     // likewise, per file
    DiffNoise noise;
    // Both sides' CPU stacks in one tree, in seconds (each side the mean of its runs); empty
    // when neither profile has stacks.
    DiffFlameGraph flame;
    QStringList warnings; // e.g. different settings make the comparison weaker

    const DiffFigure *figure(DiffFigureId id) const;
    // The line that changed most beyond noise, or none.
    const DiffLine *largestBeyondNoise() const;
    // "2 of 812 lines changed beyond noise (…)": the statement the views print.
    QString noiseStatement() const;
    bool repeated() const { return noise.basis == DiffNoise::Basis::Repeats; }
    // A node of `flame`.
    DiffFrame flameFrame(int node) const;
};

// CI gates over a diff: each fails only when its limit is crossed and the change is beyond
// noise (where the noise is known; the result says when it is not).
struct DiffGates
{
    std::optional<double> slowerPercent;   // --fail-if-slower: profiled time, %
    std::optional<double> peakOverPercent; // --fail-if-peak-over: peak memory, %
    std::optional<double> peakHigherMb;    // --fail-if-peak-higher: peak memory, MB
    std::optional<double> lineSlowerSec;   // --fail-if-line-slower: any line, seconds
};
struct GateResult
{
    QString option;       // "fail-if-slower": stable, the JUnit test case's name
    bool checked = false; // false: a run lacks the figure
    bool failed = false;
    QString message;
};
QList<GateResult> evaluateGates(const ProfileDiff &diff, const DiffGates &gates);

// Lines with any activity in either profile; identical inactive lines are left out.
ProfileDiff diffProfiles(const RunSummary &a, const ScaleneProfileRead &profileA,
                         const RunSummary &b, const ScaleneProfileRead &profileB);

// One side of a comparison: a run, or the repeats of a run group, under one name.
// A side: a run, or the repeats of a run group (RunSet: a name and its runs).
using DiffSide = RunSet;
// Repeats are compared by their means, with the noise their spread shows.
ProfileDiff diffProfileGroups(const DiffSide &a, const QList<ScaleneProfileRead> &readsA,
                              const DiffSide &b, const QList<ScaleneProfileRead> &readsB);

// Reads both profiles (the JSON kept next to each record) and diffs them.
std::optional<ProfileDiff> diffRuns(const RunSummary &a, const RunSummary &b, QString *error);
std::optional<ProfileDiff> diffRunGroups(const DiffSide &a, const DiffSide &b, QString *error);

// "+1.5" / "-1.5": a change with its sign, as the diffs print it.
QString signedNumber(double v, int decimals = 2);

QString formatDiffText(const ProfileDiff &diff, int maxLines = 20);
QString formatDiffMarkdown(const ProfileDiff &diff, int maxLines = 20,
                           const QList<GateResult> &gates = {});
QJsonObject diffToJson(const ProfileDiff &diff, const QList<GateResult> &gates = {});
// One test case per gate, for CI systems that read JUnit XML.
QString formatGatesJunit(const ProfileDiff &diff, const QList<GateResult> &gates);

} // namespace fperf
