// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/compare/profile_diff.h"

#include <QAbstractTableModel>

namespace fperf {

// The per-line comparison as a table for the compare view: CPU in seconds first, each
// change with its noise; a line within noise says so (BeyondNoiseRole) and is shown greyed.
class DiffLineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Location,
        SecondsA,
        SecondsB,
        SecondsDelta,
        Noise, // one standard error of the change in seconds
        CpuA,
        CpuB,
        CpuDelta,
        PeakA,
        PeakB,
        PeakDelta,
        CopyA,
        CopyB,
        Code,
        ColumnCount
    };
    // +1 when the line got worse (more CPU or memory), -1 when better, 0 when even.
    static constexpr int ChangeDirectionRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int BeyondNoiseRole = Qt::UserRole + 2; // bool

    explicit DiffLineModel(QObject *parent = nullptr);
    void setDiff(const ProfileDiff &diff);
    const DiffLine &line(int row) const { return m_lines.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<DiffLine> m_lines;
};

} // namespace fperf
