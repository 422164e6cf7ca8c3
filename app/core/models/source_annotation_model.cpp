// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/source_annotation_model.h"

#include "core/models/profile_table_model.h"

#include <algorithm>
#include <numeric>

namespace fperf {

SourceAnnotationModel::SourceAnnotationModel(QObject *parent) : QAbstractTableModel(parent) {}

void SourceAnnotationModel::setSource(const QString &file, const QList<ProfileRow> &rows,
                                      const QList<ProfileColumn> &columns)
{
    beginResetModel();
    m_file = file;
    m_rows = rows;
    m_columns = columns;
    QList<int> all(m_rows.size());
    std::iota(all.begin(), all.end(), 0);
    m_columnMax = columnMaxima(m_rows, all, m_columns);
    endResetModel();
}

int SourceAnnotationModel::rowOfLine(int lineno) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), lineno,
                                     [](const ProfileRow &r, int line) { return r.lineno < line; });
    return it != m_rows.cend() && it->lineno == lineno ? int(it - m_rows.cbegin()) : -1;
}

int SourceAnnotationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SourceAnnotationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2 + int(m_columns.size());
}

QVariant SourceAnnotationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= columnCount())
        return {};
    const ProfileRow &r = m_rows.at(index.row());
    if (role == LineRole)
        return r.lineno;
    const int c = index.column();
    if (c == 0 || c == sourceColumn()) {
        switch (role) {
        case Qt::DisplayRole:
            return c == 0 ? QVariant(r.lineno) : QVariant(r.name);
        case Qt::TextAlignmentRole:
            return c == 0 ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
        default:
            return {};
        }
    }
    const int figure = c - 1;
    const ProfileColumn column = m_columns.at(figure);
    // An idle line's figures stay blank: Scalene saw nothing there.
    const std::optional<double> v =
        r.figures.active() ? columnValue(r, column) : std::optional<double>();
    switch (role) {
    case Qt::DisplayRole:
        return v && *v > 0 ? ProfileTableModel::formatFigure(column, *v) : QString();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case BarFractionRole:
        if (const auto share = barFraction(v, m_columnMax.at(figure)))
            return *share;
        return {};
    default:
        return {};
    }
}

QVariant SourceAnnotationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return tr("Line");
    if (section == sourceColumn())
        return tr("Source");
    return ProfileTableModel::columnTitle(m_columns.at(section - 1));
}

} // namespace fperf
