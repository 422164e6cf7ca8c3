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
    case SecondsA:
        value = l.secA;
        break;
    case SecondsB:
        value = l.secB;
        break;
    case SecondsDelta:
        value = l.secDelta();
        break;
    case Noise:
        value = l.noiseSec;
        break;
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
    const bool isDelta =
        index.column() == CpuDelta || index.column() == PeakDelta || index.column() == SecondsDelta;
    const bool isSeconds = index.column() >= SecondsA && index.column() <= Noise;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Location)
            return QStringLiteral("%1:%2%3")
                .arg(shortSourcePath(l.file))
                .arg(l.lineno)
                .arg(!l.inA ? tr(" (only B)") : (!l.inB ? tr(" (only A)") : QString()));
        if (index.column() == Code)
            return l.text;
        if (index.column() == Noise)
            return QStringLiteral("± %1").arg(value, 0, 'f', 3);
        return isDelta ? signedNumber(value, isSeconds ? 3 : 1)
                       : QString::number(value, 'f', isSeconds ? 3 : 1);
    case SortRole:
        if (index.column() == Location)
            return QStringLiteral("%1:%2").arg(l.file).arg(l.lineno, 8, 10, QLatin1Char('0'));
        if (index.column() == Code)
            return l.text;
        return isDelta ? std::abs(value) : value; // deltas sort by the size of the change
    case ChangeDirectionRole: {
        if (index.column() == PeakDelta) {
            const double d = l.peakDelta();
            return d > 0.05 ? 1 : (d < -0.05 ? -1 : 0);
        }
        // Time: a direction only when the change is beyond noise.
        if (!l.beyondNoise)
            return 0;
        return l.secDelta() > 0 ? 1 : (l.secDelta() < 0 ? -1 : 0);
    }
    case BeyondNoiseRole:
        return l.beyondNoise;
    case Qt::TextAlignmentRole:
        return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        return l.beyondNoise ? tr("%1:%2\nChanged by %3 s, beyond noise (± %4 s, q = %5)")
                                   .arg(l.file)
                                   .arg(l.lineno)
                                   .arg(signedNumber(l.secDelta(), 3))
                                   .arg(l.noiseSec, 0, 'f', 3)
                                   .arg(l.qValue, 0, 'g', 2)
                             : tr("%1:%2\nWithin noise: %3 s ± %4 s (sampling noise)")
                                   .arg(l.file)
                                   .arg(l.lineno)
                                   .arg(signedNumber(l.secDelta(), 3))
                                   .arg(l.noiseSec, 0, 'f', 3);
    default:
        return {};
    }
}

QVariant DiffLineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Location:
        return tr("File:line");
    case SecondsA:
        return tr("CPU s A");
    case SecondsB:
        return tr("CPU s B");
    case SecondsDelta:
        return tr("Δ s");
    case Noise:
        return tr("Noise");
    case CpuA:
        return tr("CPU % A");
    case CpuB:
        return tr("CPU % B");
    case CpuDelta:
        return tr("Δ CPU %");
    case PeakA:
        return tr("Peak MB A");
    case PeakB:
        return tr("Peak MB B");
    case PeakDelta:
        return tr("Δ peak");
    case CopyA:
        return tr("Copy MB/s A");
    case CopyB:
        return tr("Copy MB/s B");
    case Code:
        return tr("Code");
    default:
        return {};
    }
}

} // namespace fperf
