// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/run_status.h"

#include <QDateTime>
#include <QStringList>
#include <optional>

namespace fperf {

// What the runs list shows of one record; read from LABEL-run.json only (never the profile).
struct RunSummary
{
    QString recordPath;
    QString label;
    QString outputDir;
    QStringList projectFiles;
    QDateTime started;
    double durationSec = 0;
    RunStatus status = RunStatus::Failed;
    std::optional<double> peakMb;
    // As in the record: profiled_elapsed_s, Scalene's own time (nullopt without a usable
    // profile), and profiled_s, the main command's wall time (nullopt if it did not end).
    std::optional<double> profiledElapsedSec;
    std::optional<double> profiledSec;
    double cpuRate = 0;
    bool memory = true;
    int cpuSamples = 0;
    std::optional<double> overheadRatio;
    QString topHotspot; // "file:line code" of the top CPU line
    QString profilePath;
    qint64 appPid = 0;

    QString projectName() const;
};

struct HistoryScan
{
    QList<RunSummary> runs; // newest first
    QStringList warnings;   // corrupt or foreign files, skipped
};

// A record still "running" whose filare-perf is gone was interrupted (killed, crashed).
// appStartTicks and bootId (0 and empty in older records) tell a reused pid from the app.
bool isLiveRun(qint64 appPid, qint64 appStartTicks = 0, const QString &bootId = {});

// Records in dir that the history index does not know as finished: those still running, or
// left running by a filare-perf that died, and new ones. Cheap: no finished record is read.
QStringList unfinishedRunRecords(const QString &dir);

HistoryScan scanRunRecords(const QStringList &outputDirs);

// Reads one run: a path to a record, or a label in outputDir.
std::optional<RunSummary> findRun(const QString &labelOrPath, const QString &outputDir,
                                  QString *error);

// One point of a project's trend: a run's duration and peak memory, and whether its settings
// differ from the run before it (the chart marks those).
struct TrendPoint
{
    QDateTime started;
    double durationSec = 0;
    std::optional<double> peakMb;
    bool settingsChanged = false;
    QString settingsKey; // "0.01 s, memory on"
    QString recordPath;
    QString label;
};

// Succeeded runs of the given project files, oldest first.
QList<TrendPoint> trendPoints(const QList<RunSummary> &runs, const QStringList &projectFiles);

} // namespace fperf
