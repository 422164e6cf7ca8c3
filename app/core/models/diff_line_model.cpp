// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/diff_line_model.h"

namespace fperf {

DiffLineModel::DiffLineModel(QObject *parent) : QAbstractTableModel(parent) {}

void DiffLineModel::setDiff(const ProfileDiff &diff)
{
    beginResetModel();
    m_lines = diff.lines;
    endResetModel();
}

int DiffLineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int DiffLineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiffLineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const DiffLine &l = m_lines.at(index.row());
    double value = 0;
    bool numeric = true;
    switch (index.column()) {
    case CpuA:
        value = l.cpuA;
        break;
    case CpuB:
        value = l.cpuB;
        break;
    case CpuDelta:
        value = l.cpuDelta();
        break;
    case PeakA:
        value = l.peakA;
        break;
    case PeakB:
        value = l.peakB;
        break;
    case PeakDelta:
        value = l.peakDelta();
        break;
    case CopyA:
        value = l.copyA;
        break;
    case CopyB:
        value = l.copyB;
        break;
    default:
        numeric = false;
        break;
    }
    const bool isDelta = index.column() == CpuDelta || index.column() == PeakDelta;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Location)
            return QStringLiteral("%1:%2%3")
                .arg(shortSourcePath(l.file))
                .arg(l.lineno)
                .arg(!l.inA ? QStringLiteral(" (only B)")
                            : (!l.inB ? QStringLiteral(" (only A)") : QString()));
        if (index.column() == Code)
            return l.text;
        return isDelta ? signedNumber(value, 1) : QString::number(value, 'f', 1);
    case SortRole:
        if (index.column() == Location)
            return QStringLiteral("%1:%2").arg(l.file).arg(l.lineno, 8, 10, QLatin1Char('0'));
        if (index.column() == Code)
            return l.text;
        return isDelta ? std::abs(value) : value; // deltas sort by the size of the change
    case ChangeDirectionRole: {
        const double d = index.column() == PeakDelta  ? l.peakDelta()
                         : index.column() == CpuDelta ? l.cpuDelta()
                                                      : l.cpuDelta() + l.peakDelta();
        return d > 0.05 ? 1 : (d < -0.05 ? -1 : 0);
    }
    case Qt::TextAlignmentRole:
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        return QStringLiteral("%1:%2").arg(l.file).arg(l.lineno);
    default:
        return {};
    }
}

QVariant DiffLineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {"File:line", "CPU % A", "CPU % B",     "Δ CPU",       "Peak MB A",
                                  "Peak MB B", "Δ peak",  "Copy MB/s A", "Copy MB/s B", "Code"};
    return section >= 0 && section < ColumnCount ? QString::fromUtf8(names[section]) : QVariant();
}

} // namespace fperf
