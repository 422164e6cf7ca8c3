// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/profile_tables.h"

#include <QAbstractTableModel>

#include <optional>

namespace fperf {

// One level of a profile (files, functions or lines) as a sortable table for the native
// view. The rows and the query are the core's (profileRows, selectRows); this only shows
// them. A figure Scalene did not measure shows as "—" with the reason, never as 0.
class ProfileTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int SortValueRole = Qt::UserRole;       // double; invalid when absent
    static constexpr int BarFractionRole = Qt::UserRole + 1; // 0..1 of the column's highest
    static constexpr int FileRole = Qt::UserRole + 2;
    static constexpr int LineRole = Qt::UserRole + 3;
    static constexpr int ColumnKeyRole = Qt::UserRole + 4; // header: ProfileColumn, or -1

    explicit ProfileTableModel(QObject *parent = nullptr);

    // rows: profileRows(profile, level), built on a worker; columns: measuredColumns().
    void setRows(ProfileLevel level, const QList<ProfileRow> &rows,
                 const QList<ProfileColumn> &columns);
    // The rows and the query at once: one selection, not two (a large profile's lines take
    // tens of milliseconds each).
    void setRows(ProfileLevel level, const QList<ProfileRow> &rows,
                 const QList<ProfileColumn> &columns, const RowQuery &query);
    void setQuery(const RowQuery &query);
    // A query's result, which a worker can make for a large table: the rows shown (indexes)
    // and each figure column's highest (for the bars).
    struct Selection
    {
        RowQuery query;
        QList<int> shown;
        QList<double> columnMax;
    };
    static Selection select(const QList<ProfileRow> &rows, const QList<ProfileColumn> &columns,
                            const RowQuery &query);
    void setRows(ProfileLevel level, const QList<ProfileRow> &rows,
                 const QList<ProfileColumn> &columns, const Selection &selection);
    void setSelection(const Selection &selection); // made from allRows() and these columns
    const QList<ProfileRow> &allRows() const { return m_all; }
    const RowQuery &query() const { return m_query; }
    ProfileLevel level() const { return m_level; }
    int totalRows() const { return int(m_all.size()); }
    const ProfileRow &rowAt(int row) const { return m_all.at(m_shown.at(row)); }
    // The column of a figure, or -1 when this profile did not measure it.
    int columnOf(ProfileColumn column) const;
    // Tab-separated header and rows as shown, for the clipboard and CSV export.
    QString rowsAsText(const QList<int> &rows, QChar separator) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // A figure column sorts by it (highest first by default); the place columns keep the
    // core's order by file and line.
    void sort(int column, Qt::SortOrder order = Qt::DescendingOrder) override;
    // The query that sort() would select with, so that a worker can select a large table;
    // none for the place columns.
    std::optional<RowQuery> sortedQuery(int column, Qt::SortOrder order) const;
    // A selection of the same rows in another order: selected rows stay selected.
    void setSortedSelection(const Selection &selection);

    // "12.5 %", "340.2 MB", …: the figure as the tables show it.
    static QString formatFigure(ProfileColumn column, double value);
    static QString columnTitle(ProfileColumn column);

private:
    int placeColumns() const { return m_level == ProfileLevel::Files ? 1 : 2; }
    void apply(const Selection &selection);

    ProfileLevel m_level = ProfileLevel::Lines;
    QList<ProfileRow> m_all;
    QList<int> m_shown; // indexes into m_all, in the order shown
    QList<ProfileColumn> m_columns;
    QList<double> m_columnMax; // per figure column, over the shown rows
    RowQuery m_query;
};

// Scalene's likely leaks, most likely first, for the Leaks view.
class LeakTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int FileRole = ProfileTableModel::FileRole;
    static constexpr int LineRole = ProfileTableModel::LineRole;
    enum Column
    {
        Location,
        Likelihood,
        Velocity,
        Source,
        ColumnCount
    };

    explicit LeakTableModel(QObject *parent = nullptr);
    void setLeaks(const QList<LeakRow> &leaks); // rankedLeaks()
    const LeakRow &leakAt(int row) const { return m_leaks.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<LeakRow> m_leaks;
};

} // namespace fperf
