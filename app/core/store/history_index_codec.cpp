// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/history_index_codec.h"

#include "core/util/json_number.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace fperf {

namespace {
// Version 2: profiled_s means what it means in the record (the main command's wall time);
// version 1 stored Scalene's time under it. Version 3 adds the Filare checkout's commit,
// version 4 why memory was not measured, version 5 whether the profile is partial.
// Indexes of other versions are rebuilt once.
constexpr int kIndexVersion = 5;

// Every key of the index, and only here (tests/format/record_keys.cmake reads this block).
namespace key {
// index keys: begin
constexpr QLatin1StringView version("version");
constexpr QLatin1StringView records("records");
constexpr QLatin1StringView size("size");
constexpr QLatin1StringView mtime("mtime");
constexpr QLatin1StringView summary("summary");
constexpr QLatin1StringView label("label");
constexpr QLatin1StringView outputDir("output_dir");
constexpr QLatin1StringView projectFiles("project_files");
constexpr QLatin1StringView startedMs("started_ms");
constexpr QLatin1StringView durationS("duration_s");
constexpr QLatin1StringView status("status");
constexpr QLatin1StringView peakMb("peak_mb");
constexpr QLatin1StringView profiledS("profiled_s");
constexpr QLatin1StringView profiledElapsedS("profiled_elapsed_s");
constexpr QLatin1StringView cpuRate("cpu_rate");
constexpr QLatin1StringView memory("memory");
constexpr QLatin1StringView cpuSamples("cpu_samples");
constexpr QLatin1StringView overheadRatio("overhead_ratio");
constexpr QLatin1StringView topHotspot("top_hotspot");
constexpr QLatin1StringView profile("profile");
constexpr QLatin1StringView filareCommit("filare_commit");
constexpr QLatin1StringView filareDirty("filare_dirty");
constexpr QLatin1StringView memoryNotMeasured("memory_not_measured");
constexpr QLatin1StringView profilePartial("profile_partial");
// index keys: end
} // namespace key

QJsonObject summaryToJson(const RunSummary &r)
{
    return QJsonObject{
        {key::label, r.label},
        {key::outputDir, r.outputDir},
        {key::projectFiles, QJsonArray::fromStringList(r.projectFiles)},
        {key::startedMs, r.started.toMSecsSinceEpoch()},
        {key::durationS, r.durationSec},
        {key::status, runStatusName(r.status)},
        {key::peakMb, jsonNumberOrNull(r.peakMb)},
        {key::profiledS, jsonNumberOrNull(r.profiledSec)},
        {key::profiledElapsedS, jsonNumberOrNull(r.profiledElapsedSec)},
        {key::cpuRate, r.cpuRate},
        {key::memory, r.memory},
        {key::memoryNotMeasured,
         r.memoryNotMeasured.isEmpty() ? QJsonValue() : QJsonValue(r.memoryNotMeasured)},
        {key::profilePartial, r.profilePartial},
        {key::cpuSamples, r.cpuSamples},
        {key::overheadRatio, jsonNumberOrNull(r.overheadRatio)},
        {key::topHotspot, r.topHotspot},
        {key::profile, r.profilePath},
        {key::filareCommit, r.filareCommit},
        {key::filareDirty, r.filareDirty ? QJsonValue(*r.filareDirty) : QJsonValue()}};
}

std::optional<double> optionalNumber(const QCborValue &v)
{
    return v.isDouble() || v.isInteger() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

// Read straight from the CBOR map: converting 10,000 summaries to JSON objects first took
// as long as the rest of the listing.
RunSummary summaryFromCbor(const QCborMap &o)
{
    RunSummary r;
    r.label = o.value(key::label).toString();
    r.outputDir = o.value(key::outputDir).toString();
    for (const QCborValue &v : o.value(key::projectFiles).toArray())
        r.projectFiles << v.toString();
    r.started = QDateTime::fromMSecsSinceEpoch(o.value(key::startedMs).toInteger());
    r.durationSec = o.value(key::durationS).toDouble();
    r.status = runStatusFromName(o.value(key::status).toString());
    r.peakMb = optionalNumber(o.value(key::peakMb));
    r.profiledSec = optionalNumber(o.value(key::profiledS));
    r.profiledElapsedSec = optionalNumber(o.value(key::profiledElapsedS));
    r.cpuRate = o.value(key::cpuRate).toDouble();
    r.memory = o.value(key::memory).toBool();
    r.memoryNotMeasured = o.value(key::memoryNotMeasured).toString();
    r.profilePartial = o.value(key::profilePartial).toBool();
    r.cpuSamples = int(o.value(key::cpuSamples).toInteger());
    r.overheadRatio = optionalNumber(o.value(key::overheadRatio));
    r.topHotspot = o.value(key::topHotspot).toString();
    r.profilePath = o.value(key::profile).toString();
    r.filareCommit = o.value(key::filareCommit).toString();
    if (o.value(key::filareDirty).isBool())
        r.filareDirty = o.value(key::filareDirty).toBool();
    return r;
}
} // namespace

QString historyIndexFileName()
{
    return QStringLiteral(".filare-perf-history.cbor");
}

HistoryIndex readHistoryIndex(const QDir &dir)
{
    HistoryIndex index;
    QFile f(dir.filePath(historyIndexFileName()));
    if (!f.open(QIODevice::ReadOnly))
        return index;
    // CBOR: several times faster to read back than the same data as JSON text.
    const QCborMap o = QCborValue::fromCbor(f.readAll()).toMap();
    if (o.value(key::version).toInteger() != kIndexVersion)
        return index;
    const QCborMap records = o.value(key::records).toMap();
    index.reserve(records.size());
    for (auto it = records.constBegin(); it != records.constEnd(); ++it) {
        const QCborMap e = it.value().toMap();
        if (e.isEmpty())
            continue;
        index.insert(it.key().toString(),
                     {e.value(key::size).toInteger(), e.value(key::mtime).toInteger(),
                      summaryFromCbor(e.value(key::summary).toMap())});
    }
    return index;
}

void writeHistoryIndex(const QDir &dir, const HistoryIndex &index)
{
    QJsonObject records;
    for (auto it = index.begin(); it != index.end(); ++it) {
        records.insert(it.key(), QJsonObject{{key::size, it->size},
                                             {key::mtime, it->mtimeMs},
                                             {key::summary, summaryToJson(it->summary)}});
    }
    QSaveFile out(dir.filePath(historyIndexFileName()));
    if (out.open(QIODevice::WriteOnly)) {
        out.write(QCborValue::fromJsonValue(
                      QJsonObject{{key::version, kIndexVersion}, {key::records, records}})
                      .toCbor());
        out.commit();
    }
}

} // namespace fperf
