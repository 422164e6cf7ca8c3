// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A run group: the repeats of one profile (`filare-perf run --repeat N`), each a run of its
// own (LABEL-rK-run.json), and LABEL-group.json, written by the one codec of that format
// (its keys are spelled in run_group_codec.cpp only).

#include "core/store/run_history.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fperf {

// One figure over the repeats: each value, their median and half their range.
struct RunGroupFigure
{
    enum class Id
    {
        WallTime,     // s
        ProfiledTime, // s, Scalene's own
        PeakMemory    // MB
    };
    Id id = Id::WallTime;
    QList<double> values; // one per repeat that has the figure
    double median = 0;
    double spread = 0; // half the range
};

struct RunGroup
{
    QString label;
    QString outputDir;
    int requested = 0;     // repeats asked for
    QStringList repeats;   // the labels of the repeats that ran, in order
    bool complete = false; // every repeat asked for ran and succeeded
    QList<RunGroupFigure> figures;
};

QString runGroupFileName(const QString &label); // LABEL-group.json
// The label of a group's repeat: "LABEL-r2" (1-based).
QString repeatLabel(const QString &group, int index);
// The group's figures from its repeats' summaries; a figure absent from a repeat is left out
// of that figure's values (no 0 stands in for it).
RunGroup summariseRunGroup(const QString &label, const QString &outputDir, int requested,
                           const QList<RunSummary> &repeats);

// Written atomically (QSaveFile): a group file is whole or absent.
bool writeRunGroup(const RunGroup &group, QString *error);
std::optional<RunGroup> readRunGroup(const QString &path, QString *error);

// One side of a comparison found by name: a run (a label or a record path), a run group
// (its label or LABEL-group.json), or comma-separated runs. `name` is what was asked for.
struct RunSet
{
    QString name;
    QList<RunSummary> runs;
};
std::optional<RunSet> findRunGroup(const QString &nameOrList, const QString &outputDir,
                                   QString *error);

} // namespace fperf
