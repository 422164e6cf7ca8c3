// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/run_history.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

namespace fperf {

// One row of History: a run of its own, or a group that expands to its runs: the repeats of
// a run group (run --repeat N), or the runs of one Filare commit.
struct HistoryRow
{
    enum class Kind
    {
        Run,
        RunGroup,
        Commit
    };
    Kind kind = Kind::Run;
    QString key;            // RunGroup: its label; Commit: the commit label, "" for no checkout
    QString path;           // RunGroup: LABEL-group.json
    QList<RunSummary> runs; // Run: the one; a group: its runs, newest first
    int requested = 0;      // RunGroup: the repeats asked for
    bool complete = true;   // RunGroup: all of them ran and succeeded

    bool isGroup() const { return kind != Kind::Run; }
    // A group's typical run: the median by duration (the lower of the middle two).
    const RunSummary &medianRun() const;
};

// How History groups runs: the repeats of each run group together (every other run on its
// own), or every run under the Filare commit it ran.
enum class HistoryGrouping
{
    RunGroups,
    Commits
};

// Newest first (a group by its newest run). A group's repeats that are not in `runs` (deleted)
// are left out; a group with none left is not a row.
QList<HistoryRow> groupHistory(const QList<RunSummary> &runs, const QList<RunGroupListing> &groups,
                               HistoryGrouping by);

// The runs list as a tree, for the GUI panel and tests: top-level rows are HistoryRows, a
// group's children its runs.
class RunHistoryModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        Label,
        Project,
        Started,
        Duration,
        Status,
        PeakMb,
        CpuRate,
        Memory,
        Commit,
        TopHotspot,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole,
        KeyRole,    // Status column: the machine key ("too_short") the filter matches
        IsGroupRole // Label column: true for a group's row
    };
    enum class Grouping
    {
        RunGroups = int(HistoryGrouping::RunGroups),
        Commits = int(HistoryGrouping::Commits)
    };
    Q_ENUM(Grouping)
    explicit RunHistoryModel(QObject *parent = nullptr);

    void setRuns(const QList<RunSummary> &runs, const QList<RunGroupListing> &groups = {});
    void setGrouping(Grouping grouping);
    Grouping grouping() const { return m_grouping; }
    // Every run, grouped or not, newest first.
    const QList<RunSummary> &runs() const { return m_runs; }
    const QList<HistoryRow> &rows() const { return m_rows; }
    // A top-level row.
    const HistoryRow &row(int r) const { return m_rows.at(r); }
    // The run at a top-level row of its own or a group's child; for a group's row, its
    // median run.
    const RunSummary &run(const QModelIndex &index) const;
    const RunSummary &run(int topLevelRow) const { return run(index(topLevelRow, 0)); }
    bool isGroup(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant runData(const RunSummary &r, int column, int role) const;
    QVariant groupData(const HistoryRow &g, int column, int role) const;
    void rebuild();

    QList<RunSummary> m_runs;
    QList<RunGroupListing> m_groups;
    QList<HistoryRow> m_rows;
    Grouping m_grouping = Grouping::RunGroups;
};

// Sorting (by each column's natural value, within each level) and filtering by project,
// status and text. A group stays while any of its runs is shown.
class RunHistoryFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RunHistoryFilterModel(QObject *parent = nullptr);
    void setProjectFilter(const QString &projectName); // empty: all
    void setStatusFilter(const QString &statusKey);    // runStatusName; empty: all
    void setTextFilter(const QString &text);           // label, group, project, hotspot, commit

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_project;
    QString m_status;
    QString m_text;
};

} // namespace fperf
