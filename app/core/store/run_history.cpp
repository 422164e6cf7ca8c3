// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_history.h"

#include "core/process/proc_info.h"
#include "core/store/run_record.h"

#include <QCborMap>
#include <QCborValue>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
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
    QString name = QFileInfo(projectFiles.first()).fileName();
    if (projectFiles.size() > 1)
        name += QStringLiteral(" +%1").arg(projectFiles.size() - 1);
    return name;
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
        const QString file = shortSourcePath(top.value(QStringLiteral("file")).toString());
        s.topHotspot = QStringLiteral("%1:%2 %3")
                           .arg(file)
                           .arg(top.value(QStringLiteral("lineno")).toInt())
                           .arg(top.value(QStringLiteral("line")).toString());
    }
    s.profilePath =
        o.value(QStringLiteral("reports")).toObject().value(QStringLiteral("json")).toString();
    s.appPid = o.value(QStringLiteral("app_pid")).toInteger();
    if (s.status == RunStatus::Running &&
        !isLiveRun(s.appPid, o.value(QStringLiteral("app_start_ticks")).toInteger(),
                   o.value(QStringLiteral("boot_id")).toString()))
        s.status = RunStatus::Interrupted;
    return s;
}

namespace {
// CBOR: several times faster to read back than the same data as JSON text.
const QString kIndexName = QStringLiteral(".filare-perf-history.cbor");
constexpr int kIndexVersion = 1;

QJsonObject summaryToJson(const RunSummary &r)
{
    const auto opt = [](const std::optional<double> &v) {
        return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
    };
    return QJsonObject{
        {QStringLiteral("label"), r.label},
        {QStringLiteral("output_dir"), r.outputDir},
        {QStringLiteral("project_files"), QJsonArray::fromStringList(r.projectFiles)},
        {QStringLiteral("started_ms"), r.started.toMSecsSinceEpoch()},
        {QStringLiteral("duration_s"), r.durationSec},
        {QStringLiteral("status"), runStatusName(r.status)},
        {QStringLiteral("peak_mb"), opt(r.peakMb)},
        {QStringLiteral("profiled_s"), opt(r.profiledSec)},
        {QStringLiteral("cpu_rate"), r.cpuRate},
        {QStringLiteral("memory"), r.memory},
        {QStringLiteral("cpu_samples"), r.cpuSamples},
        {QStringLiteral("overhead_ratio"), opt(r.overheadRatio)},
        {QStringLiteral("top_hotspot"), r.topHotspot},
        {QStringLiteral("profile"), r.profilePath}};
}

RunSummary summaryFromJson(const QJsonObject &o, const QString &path)
{
    const auto opt = [&o](const char *key) {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
    };
    RunSummary r;
    r.recordPath = path;
    r.label = o.value(QStringLiteral("label")).toString();
    r.outputDir = o.value(QStringLiteral("output_dir")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("project_files")).toArray())
        r.projectFiles << v.toString();
    r.started = QDateTime::fromMSecsSinceEpoch(o.value(QStringLiteral("started_ms")).toInteger());
    r.durationSec = o.value(QStringLiteral("duration_s")).toDouble();
    r.status = runStatusFromName(o.value(QStringLiteral("status")).toString());
    r.peakMb = opt("peak_mb");
    r.profiledSec = opt("profiled_s");
    r.cpuRate = o.value(QStringLiteral("cpu_rate")).toDouble();
    r.memory = o.value(QStringLiteral("memory")).toBool();
    r.cpuSamples = o.value(QStringLiteral("cpu_samples")).toInt();
    r.overheadRatio = opt("overhead_ratio");
    r.topHotspot = o.value(QStringLiteral("top_hotspot")).toString();
    r.profilePath = o.value(QStringLiteral("profile")).toString();
    return r;
}

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
    const auto stored = readRunRecord(dir.filePath(name), &p.error);
    if (stored) {
        p.summary = runSummaryFromRecord(stored->json, dir.filePath(name));
        p.final = stored->status != RunStatus::Running;
    }
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

QJsonObject readIndex(const QDir &dir)
{
    QFile f(dir.filePath(kIndexName));
    if (f.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QCborValue::fromCbor(f.readAll()).toMap().toJsonObject();
        if (o.value(QStringLiteral("version")).toInt() == kIndexVersion)
            return o.value(QStringLiteral("records")).toObject();
    }
    return {};
}

bool isCachedUnchanged(const QJsonObject &cached, const QFileInfo &info)
{
    return !cached.isEmpty() && cached.value(QStringLiteral("size")).toInteger() == info.size() &&
           cached.value(QStringLiteral("mtime")).toInteger() ==
               info.lastModified().toMSecsSinceEpoch();
}

// One folder: summaries come from the folder's index when a record's size and time are
// unchanged, so only new or changed records are parsed.
void scanFolder(const QDir &dir, HistoryScan &scan)
{
    const QJsonObject index = readIndex(dir);
    const QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*-run.json")}, QDir::Files, QDir::NoSort);
    QJsonObject newIndex;
    bool changed = false;
    QStringList toParse;
    QHash<QString, QFileInfo> infos;
    for (const QFileInfo &info : files) {
        const QString name = info.fileName();
        infos.insert(name, info);
        const QJsonObject cached = index.value(name).toObject();
        if (isCachedUnchanged(cached, info)) {
            scan.runs << summaryFromJson(cached.value(QStringLiteral("summary")).toObject(),
                                         info.absoluteFilePath());
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
            newIndex.insert(
                p.name,
                QJsonObject{{QStringLiteral("size"), info.size()},
                            {QStringLiteral("mtime"), info.lastModified().toMSecsSinceEpoch()},
                            {QStringLiteral("summary"), summaryToJson(*p.summary)}});
        }
    }
    if (changed) {
        // A cache: a folder we cannot write to just stays slower.
        QSaveFile out(dir.filePath(kIndexName));
        if (out.open(QIODevice::WriteOnly)) {
            out.write(
                QCborValue::fromJsonValue(QJsonObject{{QStringLiteral("version"), kIndexVersion},
                                                      {QStringLiteral("records"), newIndex}})
                    .toCbor());
            out.commit();
        }
    }
}
} // namespace

QStringList unfinishedRunRecords(const QString &dirPath)
{
    const QDir dir(dirPath);
    const QJsonObject index = readIndex(dir);
    QStringList out;
    for (const QFileInfo &info :
         dir.entryInfoList({QStringLiteral("*-run.json")}, QDir::Files, QDir::Name)) {
        if (!isCachedUnchanged(index.value(info.fileName()).toObject(), info))
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

} // namespace fperf
