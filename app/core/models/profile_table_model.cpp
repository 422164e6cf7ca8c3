// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/profile_table_model.h"

#include "core/profile/scalene_profile.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace fperf {

ProfileTableModel::ProfileTableModel(QObject *parent) : QAbstractTableModel(parent) {}

ProfileTableModel::Selection ProfileTableModel::select(const QList<ProfileRow> &rows,
                                                       const QList<ProfileColumn> &columns,
                                                       const RowQuery &query)
{
    Selection s{query, selectRowIndexes(rows, query), {}};
    s.columnMax = columnMaxima(rows, s.shown, columns);
    return s;
}

void ProfileTableModel::apply(const Selection &selection)
{
    m_query = selection.query;
    m_shown = selection.shown;
    m_columnMax = selection.columnMax;
    m_columnMax.resize(m_columns.size(), 0);
}

void ProfileTableModel::setRows(ProfileLevel level, const QList<ProfileRow> &rows,
                                const QList<ProfileColumn> &columns, const Selection &selection)
{
    beginResetModel();
    m_level = level;
    m_all = rows;
    m_columns = columns;
    apply(selection);
    endResetModel();
}

void ProfileTableModel::setRows(ProfileLevel level, const QList<ProfileRow> &rows,
                                const QList<ProfileColumn> &columns)
{
    setRows(level, rows, columns, select(rows, columns, m_query));
}

void ProfileTableModel::setRows(ProfileLevel level, const QList<ProfileRow> &rows,
                                const QList<ProfileColumn> &columns, const RowQuery &query)
{
    setRows(level, rows, columns, select(rows, columns, query));
}

void ProfileTableModel::setSelection(const Selection &selection)
{
    beginResetModel();
    apply(selection);
    endResetModel();
}

void ProfileTableModel::setQuery(const RowQuery &query)
{
    setSelection(select(m_all, m_columns, query));
}

int ProfileTableModel::columnOf(ProfileColumn column) const
{
    const qsizetype at = m_columns.indexOf(column);
    return at < 0 ? -1 : placeColumns() + int(at);
}

int ProfileTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int ProfileTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : placeColumns() + int(m_columns.size());
}

QString ProfileTableModel::formatFigure(ProfileColumn column, double value)
{
    switch (column) {
    case ProfileColumn::Cpu:
    case ProfileColumn::CpuPython:
    case ProfileColumn::CpuNative:
    case ProfileColumn::CpuSystem:
    case ProfileColumn::GpuPercent:
    case ProfileColumn::AsyncAwaitPercent:
        return tr("%1 %").arg(value, 0, 'f', 1);
    case ProfileColumn::CoreUtilization:
        return tr("%1 %").arg(value * 100, 0, 'f', 0);
    case ProfileColumn::AvgMb:
    case ProfileColumn::PeakMb:
    case ProfileColumn::MallocMb:
        return tr("%1 MB").arg(value, 0, 'f', 1);
    case ProfileColumn::Mallocs:
        return QString::number(value, 'f', 0);
    case ProfileColumn::CopyMbPerSec:
        return tr("%1 MB/s").arg(value, 0, 'f', 1);
    }
    return QString::number(value);
}

QString ProfileTableModel::columnTitle(ProfileColumn column)
{
    switch (column) {
    case ProfileColumn::Cpu:
        return tr("CPU");
    case ProfileColumn::CpuPython:
        return tr("Python");
    case ProfileColumn::CpuNative:
        return tr("Native");
    case ProfileColumn::CpuSystem:
        return tr("System");
    case ProfileColumn::CoreUtilization:
        return tr("Core use");
    case ProfileColumn::AvgMb:
        return tr("Avg MB");
    case ProfileColumn::PeakMb:
        return tr("Peak MB");
    case ProfileColumn::MallocMb:
        return tr("Alloc MB");
    case ProfileColumn::Mallocs:
        return tr("Allocs");
    case ProfileColumn::CopyMbPerSec:
        return tr("Copy MB/s");
    case ProfileColumn::GpuPercent:
        return tr("GPU");
    case ProfileColumn::AsyncAwaitPercent:
        return tr("Await");
    }
    return {};
}

QVariant ProfileTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_shown.size() || index.column() >= columnCount())
        return {};
    const ProfileRow &r = rowAt(index.row());
    if (role == FileRole)
        return r.file;
    if (role == LineRole)
        return r.lineno;
    const int c = index.column();
    if (c < placeColumns()) {
        const bool location = c == 0;
        switch (role) {
        case Qt::DisplayRole:
            if (!location)
                return r.name;
            return r.lineno > 0 ? QStringLiteral("%1:%2").arg(shortSourcePath(r.file)).arg(r.lineno)
                                : shortSourcePath(r.file);
        case Qt::ToolTipRole:
            return location ? r.file : r.name;
        case SortValueRole:
            return location ? QVariant(r.file) : QVariant(r.name);
        default:
            return {};
        }
    }
    const int figure = c - placeColumns();
    const ProfileColumn column = m_columns.at(figure);
    const std::optional<double> v = columnValue(r, column);
    switch (role) {
    case Qt::DisplayRole:
        return v ? formatFigure(column, *v) : QStringLiteral("—");
    case Qt::ToolTipRole:
        return v ? QVariant()
                 : QVariant(tr("Not measured: Scalene recorded no %1 figure here.")
                                .arg(columnTitle(column)));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case SortValueRole:
        return v ? QVariant(*v) : QVariant();
    case BarFractionRole:
        if (const auto share = barFraction(v, m_columnMax.at(figure)))
            return *share;
        return {};
    default:
        return {};
    }
}

QVariant ProfileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool place = section < placeColumns();
    if (role == ColumnKeyRole)
        return place ? -1 : int(m_columns.at(section - placeColumns()));
    // A first click on a figure's header puts the costliest rows first.
    if (role == Qt::InitialSortOrderRole)
        return place ? QVariant() : QVariant(int(Qt::DescendingOrder));
    if (role != Qt::DisplayRole)
        return {};
    if (place) {
        if (section == 1)
            return m_level == ProfileLevel::Functions ? tr("Function") : tr("Source");
        return m_level == ProfileLevel::Files ? tr("File") : tr("Location");
    }
    return columnTitle(m_columns.at(section - placeColumns()));
}

std::optional<RowQuery> ProfileTableModel::sortedQuery(int column, Qt::SortOrder order) const
{
    if (column < placeColumns() || column >= columnCount())
        return std::nullopt; // the core's order: file, then line
    RowQuery q = m_query;
    q.sortBy = m_columns.at(column - placeColumns());
    q.ascending = order == Qt::AscendingOrder;
    return q;
}

void ProfileTableModel::sort(int column, Qt::SortOrder order)
{
    if (const std::optional<RowQuery> q = sortedQuery(column, order))
        setSortedSelection(select(m_all, m_columns, *q));
}

void ProfileTableModel::setSortedSelection(const Selection &selection)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // A selected row stays selected: persistent indexes follow their row to its new place.
    const QModelIndexList from = persistentIndexList();
    QList<int> before; // the rows (indexes into m_all) they point at
    for (const QModelIndex &i : from)
        before << m_shown.at(i.row());
    apply(selection);
    QHash<int, int> placeOf; // m_all index -> shown row
    placeOf.reserve(m_shown.size());
    for (int r = 0; r < m_shown.size(); ++r)
        placeOf.insert(m_shown.at(r), r);
    QModelIndexList to;
    for (qsizetype k = 0; k < from.size(); ++k) {
        const int row = placeOf.value(before.at(k), -1);
        to << (row < 0 ? QModelIndex() : index(row, from.at(k).column()));
    }
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QString ProfileTableModel::rowsAsText(const QList<int> &rows, QChar separator) const
{
    const auto cell = [separator](QString s) {
        if (separator == u',' && (s.contains(u',') || s.contains(u'"') || s.contains(u'\n')))
            s = u'"' + s.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
        return s;
    };
    QStringList lines;
    QStringList header;
    for (int c = 0; c < columnCount(); ++c)
        header << cell(headerData(c, Qt::Horizontal).toString());
    lines << header.join(separator);
    for (int row : rows) {
        if (row < 0 || row >= m_shown.size())
            continue;
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c) {
            // CSV keeps the full path and plain numbers; the clipboard what is shown.
            const QModelIndex i = index(row, c);
            QString text = data(i).toString();
            if (separator == u',') {
                if (c == 0)
                    text = rowAt(row).lineno > 0
                               ? QStringLiteral("%1:%2").arg(rowAt(row).file).arg(rowAt(row).lineno)
                               : rowAt(row).file;
                else if (c >= placeColumns()) {
                    const QVariant v = data(i, SortValueRole);
                    text = v.isValid() ? QString::number(v.toDouble(), 'g', 10) : QString();
                }
            }
            cells << cell(text);
        }
        lines << cells.join(separator);
    }
    return lines.join(u'\n') + u'\n';
}

LeakTableModel::LeakTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void LeakTableModel::setLeaks(const QList<LeakRow> &leaks)
{
    beginResetModel();
    m_leaks = leaks;
    endResetModel();
}

int LeakTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_leaks.size());
}

int LeakTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeakTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_leaks.size() || index.column() >= ColumnCount)
        return {};
    const LeakRow &l = m_leaks.at(index.row());
    if (role == FileRole)
        return l.file;
    if (role == LineRole)
        return l.lineno;
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Likelihood || index.column() == Velocity))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Location)
        return l.file;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Location:
        return QStringLiteral("%1:%2").arg(shortSourcePath(l.file)).arg(l.lineno);
    case Likelihood:
        return tr("%1 %").arg(l.likelihood * 100, 0, 'f', 0);
    case Velocity:
        return tr("%1 MB/s").arg(l.velocityMbPerSec, 0, 'f', 2);
    case Source:
        return l.text;
    }
    return {};
}

QVariant LeakTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Location:
        return tr("Location");
    case Likelihood:
        return tr("Likelihood");
    case Velocity:
        return tr("Growth");
    case Source:
        return tr("Source");
    }
    return {};
}

} // namespace fperf
