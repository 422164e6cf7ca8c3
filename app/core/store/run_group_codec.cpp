// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_group_codec.h"

#include "core/stats/significance.h"
#include "core/store/json_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace fperf {

namespace key {
// group keys: begin
constexpr QLatin1StringView format("format");
constexpr QLatin1StringView formatName("filare-perf-group");
constexpr QLatin1StringView formatVersion("format_version");
constexpr QLatin1StringView label("label");
constexpr QLatin1StringView requested("requested_repeats");
constexpr QLatin1StringView repeats("repeats");
constexpr QLatin1StringView complete("complete");
constexpr QLatin1StringView figures("figures");
constexpr QLatin1StringView values("values");
constexpr QLatin1StringView median("median");
constexpr QLatin1StringView spread("spread");
constexpr QLatin1StringView wallTime("wall_time_s");
constexpr QLatin1StringView profiledTime("profiled_time_s");
constexpr QLatin1StringView peakMemory("peak_mb");
// group keys: end
} // namespace key

namespace {
constexpr int kFormatVersion = 1;

QLatin1StringView figureKey(RunGroupFigure::Id id)
{
    switch (id) {
    case RunGroupFigure::Id::WallTime:
        return key::wallTime;
    case RunGroupFigure::Id::ProfiledTime:
        return key::profiledTime;
    case RunGroupFigure::Id::PeakMemory:
        return key::peakMemory;
    }
    return key::wallTime;
}

RunGroupFigure figureOf(RunGroupFigure::Id id, const QList<double> &values)
{
    RunGroupFigure f;
    f.id = id;
    f.values = values;
    if (values.isEmpty())
        return f;
    f.median = stats::median(values);
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    f.spread = (*high - *low) / 2;
    return f;
}
} // namespace

QString runGroupFileName(const QString &label)
{
    return label + QStringLiteral("-group.json");
}

QString repeatLabel(const QString &group, int index)
{
    return QStringLiteral("%1-r%2").arg(group).arg(index);
}

RunGroup summariseRunGroup(const QString &label, const QString &outputDir, int requested,
                           const QList<RunSummary> &repeats)
{
    RunGroup g;
    g.label = label;
    g.outputDir = outputDir;
    g.requested = requested;
    QList<double> wall, profiled, peak;
    bool allSucceeded = true;
    for (const RunSummary &r : repeats) {
        g.repeats << r.label;
        allSucceeded = allSucceeded && r.status == RunStatus::Succeeded;
        wall << r.durationSec;
        if (r.profiledElapsedSec)
            profiled << *r.profiledElapsedSec;
        if (r.peakMb)
            peak << *r.peakMb;
    }
    g.complete = allSucceeded && repeats.size() == requested;
    g.figures = {figureOf(RunGroupFigure::Id::WallTime, wall),
                 figureOf(RunGroupFigure::Id::ProfiledTime, profiled),
                 figureOf(RunGroupFigure::Id::PeakMemory, peak)};
    return g;
}

bool writeRunGroup(const RunGroup &g, QString *error)
{
    QJsonObject figures;
    for (const RunGroupFigure &f : g.figures) {
        if (f.values.isEmpty())
            continue; // not measured: absent, not 0
        QJsonArray values;
        for (double v : f.values)
            values.append(v);
        figures.insert(
            figureKey(f.id),
            QJsonObject{{key::values, values}, {key::median, f.median}, {key::spread, f.spread}});
    }
    const QJsonObject json{{key::format, key::formatName},
                           {key::formatVersion, kFormatVersion},
                           {key::label, g.label},
                           {key::requested, g.requested},
                           {key::repeats, QJsonArray::fromStringList(g.repeats)},
                           {key::complete, g.complete},
                           {key::figures, figures}};
    return writeJsonAtomically(json, QDir(g.outputDir).filePath(runGroupFileName(g.label)), error);
}

std::optional<RunGroup> readRunGroup(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll(), &parse).object();
    if (parse.error != QJsonParseError::NoError ||
        o.value(key::format).toString() != key::formatName) {
        if (error)
            *error = parse.error != QJsonParseError::NoError ? parse.errorString()
                                                             : QStringLiteral("not a run group");
        return std::nullopt;
    }
    if (o.value(key::formatVersion).toInt() > kFormatVersion) {
        if (error)
            *error = QStringLiteral("written by a newer filare-perf (format version %1)")
                         .arg(o.value(key::formatVersion).toInt());
        return std::nullopt;
    }
    RunGroup g;
    g.label = o.value(key::label).toString();
    g.outputDir = QFileInfo(path).absolutePath();
    g.requested = o.value(key::requested).toInt();
    for (const QJsonValue &v : o.value(key::repeats).toArray())
        g.repeats << v.toString();
    g.complete = o.value(key::complete).toBool();
    const QJsonObject figures = o.value(key::figures).toObject();
    for (const RunGroupFigure::Id id :
         {RunGroupFigure::Id::WallTime, RunGroupFigure::Id::ProfiledTime,
          RunGroupFigure::Id::PeakMemory}) {
        QList<double> values;
        for (const QJsonValue &v :
             figures.value(figureKey(id)).toObject().value(key::values).toArray())
            values << v.toDouble();
        g.figures << figureOf(id, values);
    }
    if (g.label.isEmpty() || g.repeats.isEmpty()) {
        if (error)
            *error = QStringLiteral("the group names no repeats");
        return std::nullopt;
    }
    return g;
}

std::optional<RunSet> findRunGroup(const QString &nameOrList, const QString &outputDir,
                                   QString *error)
{
    RunSet set;
    set.name = nameOrList;
    QStringList names;
    QString dir = outputDir;
    const QString groupPath = nameOrList.endsWith(QLatin1String("-group.json"))
                                  ? nameOrList
                                  : QDir(outputDir).filePath(runGroupFileName(nameOrList));
    if (nameOrList.contains(u',')) {
        names = nameOrList.split(u',', Qt::SkipEmptyParts);
    } else if (!nameOrList.endsWith(QLatin1String("-run.json")) && QFileInfo::exists(groupPath)) {
        QString groupError;
        const auto group = readRunGroup(groupPath, &groupError);
        if (!group) {
            if (error)
                *error = QStringLiteral("%1 is not a readable run group (%2)")
                             .arg(groupPath, groupError);
            return std::nullopt;
        }
        names = group->repeats;
        dir = group->outputDir;
        set.name = group->label;
    } else {
        names = {nameOrList};
    }
    for (const QString &name : std::as_const(names)) {
        const auto run = findRun(name.trimmed(), dir, error);
        if (!run)
            return std::nullopt;
        set.runs << *run;
    }
    return set;
}

} // namespace fperf
