// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/run_history.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace fperf {

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
    enum Role
    {
        SortRole = Qt::UserRole,
        KeyRole // Status column: the machine key ("too_short") the filter matches
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
    void setStatusFilter(const QString &statusKey);    // runStatusName; empty: all
    void setTextFilter(const QString &text);           // label, project, hotspot

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_project;
    QString m_status;
    QString m_text;
};

} // namespace fperf
