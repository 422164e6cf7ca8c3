// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile.h"
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
    OverheadRatio
};
QString diffFigureKey(DiffFigureId id);   // "profiled time (s)": stable, for machines
QString diffFigureLabel(DiffFigureId id); // translated, for people

// One figure of two runs: A, B, B - A and (B - A) / A.
struct DiffFigure
{
    DiffFigureId id = DiffFigureId::WallTime;
    std::optional<double> a;
    std::optional<double> b;
    int decimals = 2;

    std::optional<double> delta() const;
    std::optional<double> deltaPercent() const;
};

// One source line present in either profile (absent means 0 for that run).
struct DiffLine
{
    QString file;
    int lineno = 0;
    QString text;
    bool inA = false;
    bool inB = false;
    double cpuA = 0; // Python + native + system, % of run time
    double cpuB = 0;
    double peakA = 0; // MB
    double peakB = 0;
    double copyA = 0; // MB/s
    double copyB = 0;

    double cpuDelta() const { return cpuB - cpuA; }
    double peakDelta() const { return peakB - peakA; }
    double copyDelta() const { return copyB - copyA; }
    // How much the line changed, for sorting: CPU points plus peak MB.
    double changeSize() const;
};

struct ProfileDiff
{
    RunSummary a;
    RunSummary b;
    QList<DiffFigure> summary; // wall time, profiled time, peak MB, CPU samples, overhead
    QList<DiffLine> lines;     // largest change first
    QStringList warnings;      // e.g. different settings make the comparison weaker

    const DiffFigure *figure(DiffFigureId id) const;
};

// Lines with any activity in either profile; identical inactive lines are left out.
ProfileDiff diffProfiles(const RunSummary &a, const ScaleneProfileRead &profileA,
                         const RunSummary &b, const ScaleneProfileRead &profileB);

// Reads both profiles (the JSON kept next to each record) and diffs them.
std::optional<ProfileDiff> diffRuns(const RunSummary &a, const RunSummary &b, QString *error);

// "+1.5" / "-1.5": a change with its sign, as the diffs print it.
QString signedNumber(double v, int decimals = 2);

QString formatDiffText(const ProfileDiff &diff, int maxLines = 20);
QString formatDiffMarkdown(const ProfileDiff &diff, int maxLines = 20);
QJsonObject diffToJson(const ProfileDiff &diff);

} // namespace fperf
