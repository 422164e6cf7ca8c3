// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/run_history_model.h"

#include "core/stats/significance.h"

#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace fperf {

namespace {
// internalId of a top-level index; a child's is its parent's row + 1.
constexpr quintptr kTopLevel = 0;

QDateTime earliestStart(const HistoryRow &row)
{
    QDateTime t;
    for (const RunSummary &r : row.runs)
        t = t.isValid() ? qMin(t, r.started) : r.started;
    return t;
}
} // namespace

const RunSummary &HistoryRow::medianRun() const
{
    QList<qsizetype> order(runs.size());
    for (qsizetype i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) {
        return runs.at(a).durationSec < runs.at(b).durationSec;
    });
    return runs.at(order.at((order.size() - 1) / 2));
}

QList<HistoryRow> groupHistory(const QList<RunSummary> &runs, const QList<RunGroupListing> &groups,
                               HistoryGrouping by)
{
    QList<HistoryRow> rows;
    QHash<QString, qsizetype> at; // group key -> row
    QHash<QString, const RunGroupListing *> listing;
    for (const RunGroupListing &g : groups)
        listing.insert(QFileInfo(g.path).absolutePath() + u'/' + g.label, &g);
    for (const RunSummary &r : runs) {
        QString key;
        HistoryRow::Kind kind = HistoryRow::Kind::Run;
        if (by == HistoryGrouping::Commits) {
            kind = HistoryRow::Kind::Commit;
            key = r.commitLabel();
        } else if (!r.group.isEmpty()) {
            kind = HistoryRow::Kind::RunGroup;
            key = QFileInfo(r.recordPath).absolutePath() + u'/' + r.group;
        }
        if (kind == HistoryRow::Kind::Run) {
            rows.append(HistoryRow{kind, {}, {}, {r}, 0, true});
            continue;
        }
        const auto found = at.constFind(key);
        if (found != at.constEnd()) {
            rows[*found].runs.append(r);
            continue;
        }
        HistoryRow row{kind, key, {}, {r}, 0, true};
        if (kind == HistoryRow::Kind::RunGroup) {
            row.key = r.group;
            if (const RunGroupListing *g = listing.value(key)) {
                row.path = g->path;
                row.requested = g->requested;
                row.complete = g->complete;
            }
        }
        at.insert(key, rows.size());
        rows.append(row);
    }
    for (HistoryRow &row : rows) {
        if (row.runs.size() > 1) {
            std::stable_sort(
                row.runs.begin(), row.runs.end(),
                [](const RunSummary &a, const RunSummary &b) { return a.started > b.started; });
        }
    }
    // A group by its newest run, which its sorted runs put first.
    std::stable_sort(rows.begin(), rows.end(), [](const HistoryRow &a, const HistoryRow &b) {
        return a.runs.first().started > b.runs.first().started;
    });
    return rows;
}

RunHistoryModel::RunHistoryModel(QObject *parent) : QAbstractItemModel(parent) {}

void RunHistoryModel::setRuns(const QList<RunSummary> &runs, const QList<RunGroupListing> &groups)
{
    beginResetModel();
    m_runs = runs;
    m_groups = groups;
    rebuild();
    endResetModel();
}

void RunHistoryModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    rebuild();
    endResetModel();
}

void RunHistoryModel::rebuild()
{
    m_rows = groupHistory(m_runs, m_groups, HistoryGrouping(int(m_grouping)));
}

bool RunHistoryModel::isGroup(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() == kTopLevel && index.row() < m_rows.size() &&
           m_rows.at(index.row()).isGroup();
}

const RunSummary &RunHistoryModel::run(const QModelIndex &index) const
{
    Q_ASSERT(index.isValid());
    if (index.internalId() == kTopLevel) {
        const HistoryRow &row = m_rows.at(index.row());
        return row.isGroup() ? row.medianRun() : row.runs.first();
    }
    return m_rows.at(qsizetype(index.internalId() - 1)).runs.at(index.row());
}

QModelIndex RunHistoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_rows.size() ? createIndex(row, column, kTopLevel) : QModelIndex();
    if (parent.internalId() != kTopLevel || parent.row() >= m_rows.size())
        return {};
    const HistoryRow &g = m_rows.at(parent.row());
    if (!g.isGroup() || row >= g.runs.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex RunHistoryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTopLevel);
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.column() > 0 || parent.internalId() != kTopLevel)
        return 0;
    const HistoryRow &g = m_rows.at(parent.row());
    return g.isGroup() ? int(g.runs.size()) : 0;
}

int RunHistoryModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kTopLevel) {
        if (index.row() >= m_rows.size())
            return {};
        const HistoryRow &row = m_rows.at(index.row());
        if (role == IsGroupRole)
            return row.isGroup();
        return row.isGroup() ? groupData(row, index.column(), role)
                             : runData(row.runs.first(), index.column(), role);
    }
    if (role == IsGroupRole)
        return false;
    return runData(run(index), index.column(), role);
}

QVariant RunHistoryModel::runData(const RunSummary &r, int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Label:
            return r.label;
        case Project:
            return r.projectName();
        case Started:
            return r.started.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Duration:
            return QString::number(r.durationSec, 'f', 1);
        case Status:
            // A profile of part of the run is never shown as if it were of all of it.
            return r.profilePartial ? tr("%1 · partial profile").arg(runStatusLabel(r.status))
                                    : runStatusLabel(r.status);
        case PeakMb:
            return r.peakMb ? QString::number(*r.peakMb, 'f', 1) : QString();
        case CpuRate:
            return QString::number(r.cpuRate, 'g', 4);
        case Memory:
            // Asked for and not measured: never shown as if it were.
            return !r.memory                       ? tr("off")
                   : r.memoryNotMeasured.isEmpty() ? tr("on")
                                                   : tr("not measured");
        case Commit:
            return r.commitLabel();
        case TopHotspot:
            return r.topHotspot;
        default:
            return {};
        }
    }
    if (role == KeyRole && column == Status)
        return runStatusName(r.status);
    if (role == SortRole) {
        switch (column) {
        case Started:
            return r.started;
        case Duration:
            return r.durationSec;
        case PeakMb:
            return r.peakMb.value_or(-1);
        case CpuRate:
            return r.cpuRate;
        default:
            return runData(r, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == Commit && !r.filareCommit.isEmpty())
            return r.filareDirty.value_or(false)
                       ? tr("Filare checkout at %1, with local changes").arg(r.filareCommit)
                       : tr("Filare checkout at %1").arg(r.filareCommit);
        if (column == Status && r.profilePartial)
            return r.profiledElapsedSec && r.profiledSec
                       ? tr("The profile covers %1 s of the %2 s run (the record's warnings say "
                            "why)")
                             .arg(*r.profiledElapsedSec, 0, 'f', 1)
                             .arg(*r.profiledSec, 0, 'f', 1)
                       : tr("The profile covers only part of the run (the record's warnings say "
                            "why)");
        if ((column == Memory || column == PeakMb) && !r.memoryNotMeasured.isEmpty())
            return tr("Memory was not measured: %1").arg(r.memoryNotMeasured);
        return r.recordPath;
    }
    if (role == Qt::TextAlignmentRole &&
        (column == Duration || column == PeakMb || column == CpuRate))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunHistoryModel::groupData(const HistoryRow &g, int column, int role) const
{
    const RunSummary &typical = g.medianRun();
    const auto common = [&g](auto field) {
        for (const RunSummary &r : g.runs) {
            if (field(r) != field(g.runs.first()))
                return false;
        }
        return true;
    };
    QList<double> durations, peaks;
    int succeeded = 0;
    for (const RunSummary &r : g.runs) {
        durations << r.durationSec;
        if (r.peakMb)
            peaks << *r.peakMb;
        succeeded += r.status == RunStatus::Succeeded ? 1 : 0;
    }
    const double median = stats::median(durations);
    const auto [low, high] = std::minmax_element(durations.begin(), durations.end());
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Label:
            if (g.kind == HistoryRow::Kind::RunGroup)
                return tr("%1 (repeats: %2)").arg(g.key).arg(g.runs.size());
            return g.key.isEmpty() ? tr("Filare not from a checkout (runs: %1)").arg(g.runs.size())
                                   : tr("%1 (runs: %2)").arg(g.key).arg(g.runs.size());
        case Project:
            return common([](const RunSummary &r) { return r.projectName(); })
                       ? typical.projectName()
                       : tr("several projects");
        case Started:
            return earliestStart(g).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Duration:
            // The median, and half the range: the spread the repeats show.
            return g.runs.size() > 1 ? QStringLiteral("%1 ± %2")
                                           .arg(median, 0, 'f', 1)
                                           .arg((*high - *low) / 2, 0, 'f', 1)
                                     : QString::number(median, 'f', 1);
        case Status: {
            const int total = g.kind == HistoryRow::Kind::RunGroup && g.requested > 0
                                  ? g.requested
                                  : int(g.runs.size());
            return g.kind == HistoryRow::Kind::RunGroup && !g.complete
                       ? tr("partial: %1 of %2 succeeded").arg(succeeded).arg(total)
                       : tr("%1 of %2 succeeded").arg(succeeded).arg(total);
        }
        case PeakMb:
            return peaks.isEmpty() ? QString() : QString::number(stats::median(peaks), 'f', 1);
        case CpuRate:
            return common([](const RunSummary &r) { return r.cpuRate; })
                       ? runData(typical, column, role)
                       : tr("mixed");
        case Memory:
            return common([](const RunSummary &r) { return r.memory; })
                       ? runData(typical, column, role)
                       : tr("mixed");
        case Commit:
            if (g.kind == HistoryRow::Kind::Commit)
                return g.key;
            return common([](const RunSummary &r) { return r.commitLabel(); })
                       ? typical.commitLabel()
                       : tr("mixed");
        case TopHotspot:
            return typical.topHotspot;
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case Started:
            return earliestStart(g);
        case Duration:
            return median;
        case PeakMb:
            return peaks.isEmpty() ? -1.0 : stats::median(peaks);
        case CpuRate:
            return typical.cpuRate;
        default:
            return groupData(g, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (g.kind == HistoryRow::Kind::RunGroup)
            return g.path.isEmpty() ? g.key : g.path;
        return g.key.isEmpty() ? tr("Runs of a Filare that is not a git checkout")
                               : tr("Runs of the Filare checkout at %1").arg(g.key);
    }
    if (role == Qt::TextAlignmentRole &&
        (column == Duration || column == PeakMb || column == CpuRate))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Label:
        return tr("Label");
    case Project:
        return tr("Project");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration (s)");
    case Status:
        return tr("Status");
    case PeakMb:
        return tr("Peak MB");
    case CpuRate:
        return tr("CPU interval");
    case Memory:
        return tr("Memory");
    case Commit:
        return tr("Filare commit");
    case TopHotspot:
        return tr("Top hotspot");
    default:
        return {};
    }
}

RunHistoryFilterModel::RunHistoryFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RunHistoryModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    // A group is kept while one of its runs passes.
    setRecursiveFilteringEnabled(true);
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
    // A group's own row passes only through its runs (recursive filtering), unless no filter
    // is set at all.
    if (m->index(sourceRow, 0, parent).data(RunHistoryModel::IsGroupRole).toBool())
        return m_project.isEmpty() && m_status.isEmpty() && m_text.isEmpty();
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
        // A run's group's name matches it too.
        if (parent.isValid() && m->index(parent.row(), RunHistoryModel::Label)
                                    .data()
                                    .toString()
                                    .contains(m_text, Qt::CaseInsensitive))
            return true;
        for (int c : {RunHistoryModel::Label, RunHistoryModel::Project, RunHistoryModel::TopHotspot,
                      RunHistoryModel::Commit}) {
            if (cell(c).contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }
    return true;
}

} // namespace fperf
