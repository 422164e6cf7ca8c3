// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run_history.h"

#include "core/run_record.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <csignal>

namespace fperf {

QString RunSummary::projectName() const
{
    if (projectFiles.isEmpty())
        return {};
    QString name = QFileInfo(projectFiles.first()).fileName();
    if (projectFiles.size() > 1)
        name += QStringLiteral(" +%1").arg(projectFiles.size() - 1);
    return name;
}

bool isLiveRun(qint64 appPid)
{
    if (appPid <= 0)
        return false;
    // The pid must exist and still be a filare-perf (or this very process): pids are reused.
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(appPid));
    if (!cmdline.open(QIODevice::ReadOnly))
        return false;
    if (appPid == QCoreApplication::applicationPid())
        return true;
    const QByteArray argv0 = cmdline.readAll().split('\0').value(0);
    return argv0.endsWith("filare-perf");
}

std::optional<RunSummary> runSummaryFromRecord(const QJsonObject &o, const QString &path)
{
    if (o.value(QStringLiteral("format")).toString() != u"filare-perf-run")
        return std::nullopt;
    bool ok = false;
    RunSummary s;
    s.status = runStatusFromName(o.value(QStringLiteral("status")).toString(), &ok);
    if (!ok)
        return std::nullopt;
    s.recordPath = path;
    s.label = o.value(QStringLiteral("label")).toString();
    s.outputDir = o.value(QStringLiteral("output_dir")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("project_files")).toArray())
        s.projectFiles << v.toString();
    s.started =
        QDateTime::fromString(o.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
    s.durationSec = o.value(QStringLiteral("duration_s")).toDouble();
    if (o.value(QStringLiteral("peak_mb")).isDouble())
        s.peakMb = o.value(QStringLiteral("peak_mb")).toDouble();
    if (o.value(QStringLiteral("profiled_elapsed_s")).isDouble())
        s.profiledSec = o.value(QStringLiteral("profiled_elapsed_s")).toDouble();
    else if (o.value(QStringLiteral("profiled_s")).isDouble())
        s.profiledSec = o.value(QStringLiteral("profiled_s")).toDouble();
    if (o.value(QStringLiteral("overhead_ratio")).isDouble())
        s.overheadRatio = o.value(QStringLiteral("overhead_ratio")).toDouble();
    const QJsonObject settings = o.value(QStringLiteral("settings")).toObject();
    s.cpuRate = settings.value(QStringLiteral("scalene.cpu_rate"))
                    .toObject()
                    .value(QStringLiteral("value"))
                    .toString()
                    .toDouble();
    s.memory = settings.value(QStringLiteral("scalene.memory"))
                   .toObject()
                   .value(QStringLiteral("value"))
                   .toString() != u"0";
    s.cpuSamples = o.value(QStringLiteral("cpu_samples")).toInt();
    const QJsonObject top = o.value(QStringLiteral("top_cpu")).toArray().first().toObject();
    if (!top.isEmpty()) {
        QString file = top.value(QStringLiteral("file")).toString();
        const qsizetype at = file.indexOf(QLatin1String("/site-packages/"));
        if (at >= 0)
            file = file.mid(at + 15);
        s.topHotspot = QStringLiteral("%1:%2 %3")
                           .arg(file)
                           .arg(top.value(QStringLiteral("lineno")).toInt())
                           .arg(top.value(QStringLiteral("line")).toString());
    }
    s.profilePath =
        o.value(QStringLiteral("reports")).toObject().value(QStringLiteral("json")).toString();
    s.appPid = o.value(QStringLiteral("app_pid")).toInteger();
    if (s.status == RunStatus::Running && !isLiveRun(s.appPid))
        s.status = RunStatus::Interrupted;
    return s;
}

HistoryScan scanRunRecords(const QStringList &outputDirs)
{
    HistoryScan scan;
    QStringList seen;
    for (const QString &dirPath : outputDirs) {
        const QDir dir(dirPath);
        const QString canonical = dir.canonicalPath();
        if (canonical.isEmpty() || seen.contains(canonical))
            continue;
        seen << canonical;
        for (const QString &name : dir.entryList({QStringLiteral("*-run.json")}, QDir::Files)) {
            const QString path = dir.filePath(name);
            QString error;
            const auto stored = readRunRecord(path, &error);
            std::optional<RunSummary> summary;
            if (stored)
                summary = runSummaryFromRecord(stored->json, path);
            if (!summary) {
                scan.warnings << QStringLiteral("%1 skipped: %2")
                                     .arg(path, error.isEmpty() ? QStringLiteral("not a run record")
                                                                : error);
                continue;
            }
            scan.runs << *summary;
        }
    }
    std::stable_sort(
        scan.runs.begin(), scan.runs.end(),
        [](const RunSummary &a, const RunSummary &b) { return a.started > b.started; });
    return scan;
}

std::optional<RunSummary> findRun(const QString &labelOrPath, const QString &outputDir,
                                  QString *error)
{
    QString path = labelOrPath;
    if (!labelOrPath.endsWith(QLatin1String(".json")))
        path = QDir(outputDir).filePath(labelOrPath + QStringLiteral("-run.json"));
    QString readError;
    const auto stored = readRunRecord(path, &readError);
    if (!stored) {
        if (error)
            *error =
                QFileInfo::exists(path)
                    ? QStringLiteral("%1 is not a readable run record (%2)").arg(path, readError)
                    : QStringLiteral("no run \"%1\": %2 does not exist; see `filare-perf "
                                     "history --output-dir %3`")
                          .arg(labelOrPath, path, outputDir);
        return std::nullopt;
    }
    auto summary = runSummaryFromRecord(stored->json, path);
    if (!summary && error)
        *error = QStringLiteral("%1 is not a run record").arg(path);
    return summary;
}

RunHistoryFilterModel::RunHistoryFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::UserRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void RunHistoryFilterModel::setProjectFilter(const QString &projectName)
{
    m_project = projectName;
    invalidateFilter();
}

void RunHistoryFilterModel::setStatusFilter(const QString &status)
{
    m_status = status;
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
    if (!m_status.isEmpty() && cell(RunHistoryModel::Status) != m_status)
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

QList<TrendPoint> trendPoints(const QList<RunSummary> &runs, const QStringList &projectFiles)
{
    QList<RunSummary> matching;
    for (const RunSummary &r : runs) {
        if (r.projectFiles == projectFiles && r.status == RunStatus::Succeeded)
            matching << r;
    }
    std::stable_sort(
        matching.begin(), matching.end(),
        [](const RunSummary &a, const RunSummary &b) { return a.started < b.started; });
    QList<TrendPoint> points;
    for (const RunSummary &r : matching) {
        TrendPoint p;
        p.started = r.started;
        p.durationSec = r.durationSec;
        p.peakMb = r.peakMb;
        p.settingsKey = QStringLiteral("%1 s, memory %2")
                            .arg(r.cpuRate)
                            .arg(r.memory ? QStringLiteral("on") : QStringLiteral("off"));
        p.settingsChanged = !points.isEmpty() && points.last().settingsKey != p.settingsKey;
        p.recordPath = r.recordPath;
        p.label = r.label;
        points << p;
    }
    return points;
}

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
            return runStatusName(r.status);
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
    if (role == Qt::UserRole) { // sort keys
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

} // namespace fperf
