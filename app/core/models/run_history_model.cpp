// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/run_history_model.h"

#include <QFileInfo>

namespace fperf {

RunHistoryModel::RunHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunHistoryModel::setRuns(const QList<RunSummary> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size())
        return {};
    const RunSummary &r = m_runs.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Label:
            return r.label;
        case Project:
            return r.projectName();
        case Started:
            return r.started.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Duration:
            return QString::number(r.durationSec, 'f', 1);
        case Status:
            return runStatusLabel(r.status);
        case PeakMb:
            return r.peakMb ? QString::number(*r.peakMb, 'f', 1) : QString();
        case CpuRate:
            return QString::number(r.cpuRate, 'g', 4);
        case Memory:
            return r.memory ? QStringLiteral("on") : QStringLiteral("off");
        case TopHotspot:
            return r.topHotspot;
        default:
            return {};
        }
    }
    if (role == KeyRole && index.column() == Status)
        return runStatusName(r.status);
    if (role == SortRole) {
        switch (index.column()) {
        case Started:
            return r.started;
        case Duration:
            return r.durationSec;
        case PeakMb:
            return r.peakMb.value_or(-1);
        case CpuRate:
            return r.cpuRate;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole)
        return r.recordPath;
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Duration || index.column() == PeakMb || index.column() == CpuRate))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {"Label",   "Project",      "Started", "Duration (s)", "Status",
                                  "Peak MB", "CPU interval", "Memory",  "Top hotspot"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

RunHistoryFilterModel::RunHistoryFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RunHistoryModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void RunHistoryFilterModel::setProjectFilter(const QString &projectName)
{
    m_project = projectName;
    invalidateFilter();
}

void RunHistoryFilterModel::setStatusFilter(const QString &statusKey)
{
    m_status = statusKey;
    invalidateFilter();
}

void RunHistoryFilterModel::setTextFilter(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool RunHistoryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &parent) const
{
    const QAbstractItemModel *m = sourceModel();
    const auto cell = [&](int column) {
        return m->index(sourceRow, column, parent).data().toString();
    };
    if (!m_project.isEmpty() && cell(RunHistoryModel::Project) != m_project)
        return false;
    if (!m_status.isEmpty() && m->index(sourceRow, RunHistoryModel::Status, parent)
                                       .data(RunHistoryModel::KeyRole)
                                       .toString() != m_status)
        return false;
    if (!m_text.isEmpty()) {
        for (int c :
             {RunHistoryModel::Label, RunHistoryModel::Project, RunHistoryModel::TopHotspot}) {
            if (cell(c).contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }
    return true;
}

} // namespace fperf
