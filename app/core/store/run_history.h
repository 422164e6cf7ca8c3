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
    bool memory = true;        // memory profiling was asked for
    QString memoryNotMeasured; // ...and not measured: why (the record's memory_not_measured)
    // The profile covers only part of the run (the record's profile_state "partial").
    bool profilePartial = false;
    int cpuSamples = 0;
    std::optional<double> overheadRatio;
    QString topHotspot; // "file:line code" of the top CPU line
    QString profilePath;
    qint64 appPid = 0;
    // The Filare that ran, when it was a git checkout: its commit, and whether it had local
    // changes (empty and nullopt otherwise).
    QString filareCommit;
    std::optional<bool> filareDirty;
    // The run group (run --repeat N) this run is a repeat of, from the group files of its
    // folder; empty for a run of its own.
    QString group;

    QString projectName() const;
    // "0123456789ab+changes"; empty when not a checkout.
    QString commitLabel() const;
};

// A group file as History reads it: which runs are its repeats.
struct RunGroupListing
{
    QString label;
    QString path; // LABEL-group.json
    int requested = 0;
    bool complete = false;
    QStringList repeats; // labels, in the order they ran
};

struct HistoryScan
{
    QList<RunSummary> runs;        // newest first
    QList<RunGroupListing> groups; // of the folders scanned
    QStringList warnings;          // corrupt or foreign files, skipped
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
    double durationSec = 0; // a group: the median of its repeats
    std::optional<double> peakMb;
    // A group's repeats span these (both durationSec for a single run): the chart's band.
    double durationLow = 0;
    double durationHigh = 0;
    int repeats = 1;
    QString commitLabel;        // the Filare checkout's commit, or empty
    bool commitChanged = false; // from the point before
    bool settingsChanged = false;
    QString settingsKey; // "0.01 s, memory on"
    QString recordPath;
    QString label;
};

// Succeeded runs of the given project files, oldest first; the repeats of a group are one
// point (their median, and their range as the band).
QList<TrendPoint> trendPoints(const QList<RunSummary> &runs, const QStringList &projectFiles);

} // namespace fperf
