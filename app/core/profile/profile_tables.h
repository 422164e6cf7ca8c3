// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile_model.h"

#include <QObject>

#include <optional>

namespace fperf {

// One Q_NAMESPACE per namespace (moc), so the enums have their own.
namespace profile_table_meta {
Q_NAMESPACE

// The three tables of a profile, coarse to fine. Keys ("functions") are CLI and JSON words.
enum class ProfileLevel
{
    Files,
    Functions,
    Lines
};
Q_ENUM_NS(ProfileLevel)

// Every figure a row can show. Keys ("cpu_python") name columns in `show --format json`.
enum class ProfileColumn
{
    Cpu, // Python + native + system, % of the run's time
    CpuPython,
    CpuNative,
    CpuSystem,
    CoreUtilization,
    AvgMb,
    PeakMb,
    MallocMb,
    Mallocs,
    CopyMbPerSec,
    GpuPercent,
    AsyncAwaitPercent
};
Q_ENUM_NS(ProfileColumn)

} // namespace profile_table_meta
using profile_table_meta::ProfileColumn;
using profile_table_meta::ProfileLevel;

// A row of one table: a file, a function or a line, with its figures.
struct ProfileRow
{
    ProfileLevel level = ProfileLevel::Lines;
    QString file;
    QString name;   // the function's name, the line's source; empty for a file
    int lineno = 0; // the line, or the function's first line; 0 for a file
    SourceFigures figures;
    bool importTime = false; // a line at a module's top level (isImportTimeLine)
};

// A line outside any function of an imported module (2.x knows each line's function): it runs
// when the module is imported — imports, class bodies, decorators, constants. The program's
// own script is not imported, so its top level is not import time.
bool isImportTimeLine(const ScaleneProfile &profile, const QString &file, const LineProfile &line);

// Absent when Scalene did not measure it (memory off, no GPU, 1.5.x), never 0.
std::optional<double> columnValue(const ProfileRow &row, ProfileColumn column);

// Each column's highest figure over the rows at the indexes given, for the cells' bars.
QList<double> columnMaxima(const QList<ProfileRow> &rows, const QList<int> &indexes,
                           const QList<ProfileColumn> &columns);
// A figure's share of its column's highest, 0..1; absent with no figure or no highest.
std::optional<double> barFraction(const std::optional<double> &value, double columnMax);

// The columns this profile measured, in ProfileColumn order: memory ones only with memory
// profiling, GPU with a GPU, async with async profiling, core utilisation from 2.x.
QList<ProfileColumn> measuredColumns(const ScaleneProfile &profile);

// Every file, function or line with activity. A file's figures add up its lines' (peaks:
// the highest), so its share of the time is the sum of its lines'.
// withoutImportTime: leave import-time lines out (of a file's sums, too).
QList<ProfileRow> profileRows(const ScaleneProfile &profile, ProfileLevel level,
                              bool withoutImportTime = false);

struct RowQuery
{
    ProfileColumn sortBy = ProfileColumn::Cpu; // highest first; absent figures last
    int top = 0;                               // 0: every row
    QString search;                            // in file, name or source; any case
    bool filareOnly = false;                   // only Filare's own source (isFilareSource)
    bool ascending = false;                    // lowest first; absent figures still last
    bool hideImportTime = false;               // leave out import-time lines
};

// Filare's own code: a file in a folder named "filare" (site-packages/filare/..., or
// src/filare/... in an editable checkout), not its dependencies or the standard library.
// Under site-packages, only the filare package itself.
bool isFilareSource(const QString &path);

// Pure: filtered, sorted (ties by file and line, so the order is stable), cut to top.
QList<ProfileRow> selectRows(const QList<ProfileRow> &rows, const RowQuery &query);
// The same, as indexes into rows: what a view keeps, without copying a row.
QList<int> selectRowIndexes(const QList<ProfileRow> &rows, const RowQuery &query);

// Every line the profile lists for one file, in line order, for the annotated source.
// diskLines (the file as it is now, line 1 first) fill the lines the profile does not list
// (1.5.x lists only active ones); those carry no figures. Lines past the end of a shorter
// disk file keep the profile's text.
QList<ProfileRow> sourceRows(const ScaleneProfile &profile, const QString &file,
                             const QStringList &diskLines = {});

struct LeakRow
{
    QString file;
    int lineno = 0;
    QString text;
    double likelihood = 0;       // 0..1
    double velocityMbPerSec = 0; // growth
};

// Scalene's leak reports, most likely (then fastest) first.
QList<LeakRow> rankedLeaks(const ScaleneProfile &profile);

} // namespace fperf
