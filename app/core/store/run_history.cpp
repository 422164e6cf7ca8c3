// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_history.h"

#include "core/process/proc_info.h"
#include "core/stats/significance.h"
#include "core/store/history_index_codec.h"
#include "core/store/run_group_codec.h"
#include "core/store/run_record_codec.h"
#include "core/util/commit_label.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <thread>
#include <vector>

namespace fperf {

QString RunSummary::projectName() const
{
    if (projectFiles.isEmpty())
        return {};
    const QFileInfo first(projectFiles.first());
    if (projectFiles.size() == 1)
        return first.fileName();
    // A document of several sheets is known by its folder, as the user opened it.
    return QStringLiteral("%1/ %2 +%3")
        .arg(first.absoluteDir().dirName(), first.fileName())
        .arg(projectFiles.size() - 1);
}

QString RunSummary::commitLabel() const
{
    return shortCommitLabel(filareCommit, filareDirty.value_or(false));
}

bool isLiveRun(qint64 appPid, qint64 appStartTicks, const QString &bootId)
{
    if (appPid <= 0)
        return false;
    if (!bootId.isEmpty() && bootId != currentBootId())
        return false;
    // Pid, start time and boot name one process.
    if (appStartTicks > 0)
        return processStartTicks(appPid) == appStartTicks;
    // Older records: the pid must exist and still be a filare-perf (or this very process).
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(appPid));
    if (!cmdline.open(QIODevice::ReadOnly))
        return false;
    if (appPid == QCoreApplication::applicationPid())
        return true;
    const QByteArray argv0 = cmdline.readAll().split('\0').value(0);
    return argv0.endsWith("filare-perf");
}

namespace {
struct Parsed
{
    QString name;
    std::optional<RunSummary> summary;
    QString error;
    bool final = false; // the file's own status is final (interrupted is, once written)
};

Parsed parseRecordFile(const QDir &dir, const QString &name)
{
    Parsed p{name, std::nullopt, {}, false};
    p.summary = loadRunSummary(dir.filePath(name), &p.error, &p.final);
    return p;
}

// Parsing is the cost of a cold scan: spread it over the cores.
QList<Parsed> parseAll(const QDir &dir, const QStringList &names)
{
    QList<Parsed> out(names.size());
    const int workers = qBound(1, QThread::idealThreadCount(), 8);
    if (names.size() < 64 || workers == 1) {
        for (qsizetype i = 0; i < names.size(); ++i)
            out[i] = parseRecordFile(dir, names.at(i));
        return out;
    }
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            for (qsizetype i = w; i < names.size(); i += workers)
                out[i] = parseRecordFile(dir, names.at(i));
        });
    }
    for (std::thread &t : threads)
        t.join();
    return out;
}

bool isCachedUnchanged(const HistoryIndex &index, const QFileInfo &info)
{
    const auto it = index.constFind(info.fileName());
    return it != index.constEnd() && it->size == info.size() &&
           it->mtimeMs == info.lastModified().toMSecsSinceEpoch();
}

// The folder's group files (small, and few): each names its repeats, which are marked with
// the group's label. A group file that cannot be read is skipped with a warning; its runs
// are still listed, each on its own.
void scanGroups(const QDir &dir, const QFileInfoList &files, HistoryScan &scan)
{
    if (files.isEmpty())
        return;
    const QString folder = dir.absolutePath();
    QHash<QString, QString> groupOf; // repeat label -> group label, in this folder
    for (const QFileInfo &info : files) {
        QString error;
        const auto group = readRunGroup(info.absoluteFilePath(), &error);
        if (!group) {
            scan.warnings << QStringLiteral("%1 skipped: %2").arg(info.absoluteFilePath(), error);
            continue;
        }
        scan.groups << RunGroupListing{group->label, info.absoluteFilePath(), group->requested,
                                       group->complete, group->repeats};
        for (const QString &repeat : group->repeats)
            groupOf.insert(repeat, group->label);
    }
    for (RunSummary &r : scan.runs) {
        if (QFileInfo(r.recordPath).absolutePath() == folder)
            r.group = groupOf.value(r.label, r.group);
    }
}

// One folder: summaries come from the folder's index when a record's size and time are
// unchanged, so only new or changed records are parsed.
void scanFolder(const QDir &dir, HistoryScan &scan)
{
    const HistoryIndex index = readHistoryIndex(dir);
    // One pass over the folder for the records and the group files: listing a folder of
    // 10,000 records twice costs as much as reading their index.
    QFileInfoList files;
    QFileInfoList groupFiles;
    for (const QFileInfo &info :
         dir.entryInfoList({QStringLiteral("*-run.json"), QStringLiteral("*-group.json")},
                           QDir::Files, QDir::NoSort)) {
        (info.fileName().endsWith(QLatin1String("-group.json")) ? groupFiles : files) << info;
    }
    HistoryIndex newIndex;
    bool changed = false;
    QStringList toParse;
    QHash<QString, QFileInfo> infos;
    for (const QFileInfo &info : files) {
        const QString name = info.fileName();
        infos.insert(name, info);
        if (isCachedUnchanged(index, info)) {
            const HistoryIndexEntry &cached = index[name];
            RunSummary summary = cached.summary;
            summary.recordPath = info.absoluteFilePath();
            scan.runs << summary;
            newIndex.insert(name, cached);
        } else {
            toParse << name;
        }
    }
    // Rewritten only when its entries change (not for runs still going, which are never
    // cached): writing it wakes the folder watchers.
    changed = newIndex.size() != index.size();
    for (const Parsed &p : parseAll(dir, toParse)) {
        if (!p.summary) {
            scan.warnings << QStringLiteral("%1 skipped: %2")
                                 .arg(dir.filePath(p.name), p.error.isEmpty()
                                                                ? QStringLiteral("not a run record")
                                                                : p.error);
            continue;
        }
        scan.runs << *p.summary;
        // Runs still going change again soon: only finished ones are worth keeping.
        if (p.final) {
            changed = true;
            const QFileInfo &info = infos[p.name];
            HistoryIndexEntry entry{info.size(), info.lastModified().toMSecsSinceEpoch(),
                                    *p.summary};
            entry.summary.recordPath.clear();
            newIndex.insert(p.name, entry);
        }
    }
    if (changed)
        writeHistoryIndex(dir, newIndex);
    std::sort(groupFiles.begin(), groupFiles.end(),
              [](const QFileInfo &a, const QFileInfo &b) { return a.fileName() < b.fileName(); });
    scanGroups(dir, groupFiles, scan);
}
} // namespace

QStringList unfinishedRunRecords(const QString &dirPath)
{
    const QDir dir(dirPath);
    const HistoryIndex index = readHistoryIndex(dir);
    QStringList out;
    for (const QFileInfo &info :
         dir.entryInfoList({QStringLiteral("*-run.json")}, QDir::Files, QDir::Name)) {
        if (!isCachedUnchanged(index, info))
            out << info.absoluteFilePath();
    }
    return out;
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
        scanFolder(dir, scan);
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
    const auto json = readRunRecordJson(path, &readError);
    if (!json) {
        if (error)
            *error =
                QFileInfo::exists(path)
                    ? QStringLiteral("%1 is not a readable run record (%2)").arg(path, readError)
                    : QStringLiteral("no run \"%1\": %2 does not exist; see `filare-perf "
                                     "history --output-dir %3`")
                          .arg(labelOrPath, path, outputDir);
        return std::nullopt;
    }
    auto summary = runSummaryFromJson(*json, path);
    if (!summary && error)
        *error = QStringLiteral("%1 is not a run record").arg(path);
    return summary;
}

QList<TrendPoint> trendPoints(const QList<RunSummary> &runs, const QStringList &projectFiles)
{
    // The repeats of a group are one point; a run of its own is a point.
    QList<QList<RunSummary>> points;
    QHash<QString, qsizetype> groupAt; // "folder/group" -> index in points
    for (const RunSummary &r : runs) {
        if (r.projectFiles != projectFiles || r.status != RunStatus::Succeeded)
            continue;
        if (r.group.isEmpty()) {
            points.append({r});
            continue;
        }
        const QString key = QFileInfo(r.recordPath).absolutePath() + u'/' + r.group;
        const auto found = groupAt.constFind(key);
        if (found == groupAt.constEnd()) {
            groupAt.insert(key, points.size());
            points.append({r});
        } else {
            points[*found].append(r);
        }
    }
    for (QList<RunSummary> &members : points) {
        std::stable_sort(
            members.begin(), members.end(),
            [](const RunSummary &a, const RunSummary &b) { return a.durationSec < b.durationSec; });
    }
    std::stable_sort(points.begin(), points.end(),
                     [](const QList<RunSummary> &a, const QList<RunSummary> &b) {
                         const auto first = [](const QList<RunSummary> &m) {
                             QDateTime t = m.first().started;
                             for (const RunSummary &r : m)
                                 t = qMin(t, r.started);
                             return t;
                         };
                         return first(a) < first(b);
                     });
    QList<TrendPoint> out;
    for (const QList<RunSummary> &members : std::as_const(points)) {
        // The run shown for a group is its median repeat (the lower of the middle two).
        const RunSummary &r = members.at((members.size() - 1) / 2);
        TrendPoint p;
        p.started = members.first().started;
        QList<double> durations, peaks;
        for (const RunSummary &m : members) {
            p.started = qMin(p.started, m.started);
            durations << m.durationSec;
            if (m.peakMb)
                peaks << *m.peakMb;
        }
        p.durationSec = stats::median(durations);
        p.durationLow = members.first().durationSec;
        p.durationHigh = members.last().durationSec;
        if (!peaks.isEmpty())
            p.peakMb = stats::median(peaks);
        p.repeats = int(members.size());
        p.settingsKey = QStringLiteral("%1 s, memory %2")
                            .arg(r.cpuRate)
                            .arg(r.memory ? QStringLiteral("on") : QStringLiteral("off"));
        p.settingsChanged = !out.isEmpty() && out.last().settingsKey != p.settingsKey;
        p.commitLabel = r.commitLabel();
        p.commitChanged = !out.isEmpty() && out.last().commitLabel != p.commitLabel;
        p.recordPath = r.recordPath;
        p.label = r.group.isEmpty() ? r.label : r.group;
        out << p;
    }
    return out;
}

} // namespace fperf
