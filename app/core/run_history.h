// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run_outcome.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonObject>
#include <QSortFilterProxyModel>
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
    std::optional<double> profiledSec; // Scalene's elapsed time, else the main command's
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

std::optional<RunSummary> runSummaryFromRecord(const QJsonObject &record, const QString &path);
HistoryScan scanRunRecords(const QStringList &outputDirs);

// Reads one run: a path to a record, or a label in outputDir.
std::optional<RunSummary> findRun(const QString &labelOrPath, const QString &outputDir,
                                  QString *error);

// The runs list as a table, for the GUI panel and tests.
class RunHistoryModel : public QAbstractTableModel
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
        TopHotspot,
        ColumnCount
    };
    explicit RunHistoryModel(QObject *parent = nullptr);

    void setRuns(const QList<RunSummary> &runs);
    const RunSummary &run(int row) const { return m_runs.at(row); }
    const QList<RunSummary> &runs() const { return m_runs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<RunSummary> m_runs;
};

// Sorting (by each column's natural value) and filtering by project, status and text.
class RunHistoryFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RunHistoryFilterModel(QObject *parent = nullptr);
    void setProjectFilter(const QString &projectName); // empty: all
    void setStatusFilter(const QString &status);       // empty: all
    void setTextFilter(const QString &text);           // label, project, hotspot

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_project;
    QString m_status;
    QString m_text;
};

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
