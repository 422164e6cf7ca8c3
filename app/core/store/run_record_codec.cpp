// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_record_codec.h"

#include "core/store/json_file.h"
#include "core/util/json_number.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace fperf {

namespace {
// Every key of LABEL-run.json and of `history --json`, and only here: the test
// tests/format/record_keys.cmake reads this block and fails on a literal "key" elsewhere.
namespace key {
// record keys: begin
constexpr QLatin1StringView format("format");
constexpr QLatin1StringView formatName("filare-perf-run");
constexpr QLatin1StringView formatVersion("format_version");
constexpr QLatin1StringView label("label");
constexpr QLatin1StringView status("status");
constexpr QLatin1StringView projectFiles("project_files");
constexpr QLatin1StringView outputDir("output_dir");
constexpr QLatin1StringView settings("settings");
constexpr QLatin1StringView settingEnv("env");
constexpr QLatin1StringView settingValue("value");
constexpr QLatin1StringView settingSource("source");
constexpr QLatin1StringView settingLocation("location");
constexpr QLatin1StringView exitCode("exit_code");
constexpr QLatin1StringView started("started");
constexpr QLatin1StringView ended("ended");
constexpr QLatin1StringView durationS("duration_s");
constexpr QLatin1StringView interpreter("interpreter");
constexpr QLatin1StringView tools("tools");
constexpr QLatin1StringView toolPython("python");
constexpr QLatin1StringView toolScalene("scalene");
constexpr QLatin1StringView toolFilare("filare");
constexpr QLatin1StringView toolGraphviz("graphviz");
constexpr QLatin1StringView toolFilareCommit("filare_commit");
constexpr QLatin1StringView group("group");
constexpr QLatin1StringView toolFilareDirty("filare_dirty");
constexpr QLatin1StringView appPid("app_pid");
constexpr QLatin1StringView appStartTicks("app_start_ticks");
constexpr QLatin1StringView bootId("boot_id");
constexpr QLatin1StringView runToken("run_token");
constexpr QLatin1StringView processGroup("process_group");
constexpr QLatin1StringView pgid("pgid");
constexpr QLatin1StringView leaderStartTicks("leader_start_ticks");
constexpr QLatin1StringView commands("commands");
constexpr QLatin1StringView role("role");
constexpr QLatin1StringView argv("argv");
constexpr QLatin1StringView cwd("cwd");
constexpr QLatin1StringView envChanges("env_changes");
constexpr QLatin1StringView envRemoved("env_removed");
constexpr QLatin1StringView stdoutFile("stdout_file");
constexpr QLatin1StringView cleanup("cleanup");
constexpr QLatin1StringView container("container");
constexpr QLatin1StringView containerEngine("engine");
constexpr QLatin1StringView containerEngineProgram("engine_program");
constexpr QLatin1StringView containerEngineVersion("engine_version");
constexpr QLatin1StringView containerImage("image");
constexpr QLatin1StringView containerImageId("image_id");
constexpr QLatin1StringView containerPackageDir("package_dir");
constexpr QLatin1StringView containerPackageCopy("package_copy");
constexpr QLatin1StringView moves("moves");
constexpr QLatin1StringView moveFrom("from");
constexpr QLatin1StringView moveTo("to");
constexpr QLatin1StringView reports("reports");
constexpr QLatin1StringView reportLog("log");
constexpr QLatin1StringView reportJson("json");
constexpr QLatin1StringView reportHtml("html");
constexpr QLatin1StringView reportText("text");
constexpr QLatin1StringView filareOutputs("filare_outputs");
constexpr QLatin1StringView profileState("profile_state");
constexpr QLatin1StringView profileStatePartial("partial");
constexpr QLatin1StringView profilePartial("profile_partial"); // history --json
constexpr QLatin1StringView peakMb("peak_mb");
constexpr QLatin1StringView memoryNotMeasured("memory_not_measured");
constexpr QLatin1StringView profiledElapsedS("profiled_elapsed_s");
constexpr QLatin1StringView cpuSamples("cpu_samples");
constexpr QLatin1StringView topCpu("top_cpu");
constexpr QLatin1StringView topMemory("top_memory");
constexpr QLatin1StringView lineFile("file");
constexpr QLatin1StringView lineNo("lineno");
constexpr QLatin1StringView lineText("line");
constexpr QLatin1StringView cpuPercent("cpu_percent");
constexpr QLatin1StringView cpuPythonPercent("cpu_python_percent");
constexpr QLatin1StringView cpuNativePercent("cpu_native_percent");
constexpr QLatin1StringView cpuSystemPercent("cpu_system_percent");
constexpr QLatin1StringView mallocMb("malloc_mb");
constexpr QLatin1StringView copyMbS("copy_mb_s");
constexpr QLatin1StringView overheadRatio("overhead_ratio");
constexpr QLatin1StringView baselineS("baseline_s");
constexpr QLatin1StringView profiledS("profiled_s");
constexpr QLatin1StringView warnings("warnings");
// `history --json` only
constexpr QLatin1StringView runs("runs");
constexpr QLatin1StringView cpuRate("cpu_rate");
constexpr QLatin1StringView memory("memory");
constexpr QLatin1StringView topHotspot("top_hotspot");
constexpr QLatin1StringView record("record");
// record keys: end
} // namespace key

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

QDateTime dateTime(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QJsonObject profileLineToJson(const ProfileLine &line)
{
    return QJsonObject{{key::lineFile, line.file},
                       {key::lineNo, line.lineno},
                       {key::lineText, line.text},
                       {key::cpuPercent, line.cpuPercent()},
                       {key::cpuPythonPercent, line.cpuPython},
                       {key::cpuNativePercent, line.cpuNative},
                       {key::cpuSystemPercent, line.cpuSystem},
                       {key::peakMb, line.peakMb},
                       {key::mallocMb, line.mallocMb},
                       {key::copyMbS, line.copyMbPerSec}};
}

QJsonArray linesToJson(const QList<ProfileLine> &lines)
{
    QJsonArray a;
    for (const ProfileLine &l : lines)
        a.append(profileLineToJson(l));
    return a;
}

QList<ProfileLine> linesFromJson(const QJsonArray &array)
{
    QList<ProfileLine> out;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        ProfileLine l;
        l.file = o.value(key::lineFile).toString();
        l.lineno = o.value(key::lineNo).toInt();
        l.text = o.value(key::lineText).toString();
        l.cpuPython = o.value(key::cpuPythonPercent).toDouble();
        l.cpuNative = o.value(key::cpuNativePercent).toDouble();
        l.cpuSystem = o.value(key::cpuSystemPercent).toDouble();
        l.peakMb = o.value(key::peakMb).toDouble();
        l.mallocMb = o.value(key::mallocMb).toDouble();
        l.copyMbPerSec = o.value(key::copyMbS).toDouble();
        out << l;
    }
    return out;
}

// null for a local run.
QJsonValue containerToJson(const std::optional<ContainerTarget> &c)
{
    if (!c)
        return QJsonValue();
    return QJsonObject{{key::containerEngine, containerEngineName(c->engine)},
                       {key::containerEngineProgram, c->engineProgram},
                       {key::containerEngineVersion, c->engineVersion},
                       {key::containerImage, c->image},
                       {key::containerImageId, c->imageId},
                       {key::containerPackageDir, c->packageDirInImage},
                       {key::containerPackageCopy, c->packageCopy}};
}

std::optional<ContainerTarget> containerFromJson(const QJsonValue &v)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    ContainerTarget c;
    c.engine = containerEngineFromName(o.value(key::containerEngine).toString())
                   .value_or(ContainerEngine::Podman);
    c.engineProgram = o.value(key::containerEngineProgram).toString();
    c.engineVersion = o.value(key::containerEngineVersion).toString();
    c.image = o.value(key::containerImage).toString();
    c.imageId = o.value(key::containerImageId).toString();
    c.packageDirInImage = o.value(key::containerPackageDir).toString();
    c.packageCopy = o.value(key::containerPackageCopy).toString();
    return c;
}

QJsonObject commandToJson(const ExecutedCommand &c)
{
    QJsonObject env;
    for (auto it = c.spec.envChanges.begin(); it != c.spec.envChanges.end(); ++it)
        env.insert(it.key(), it.value());
    QJsonObject o{{key::role, commandRoleName(c.spec.role)},
                  {key::argv, QJsonArray::fromStringList(c.spec.argv)},
                  {key::cwd, c.spec.cwd},
                  {key::envChanges, env},
                  {key::envRemoved, QJsonArray::fromStringList(c.spec.envRemoved)},
                  {key::exitCode, c.exitCode ? QJsonValue(*c.exitCode) : QJsonValue()},
                  {key::durationS, c.durationSec}};
    if (!c.spec.stdoutFile.isEmpty())
        o.insert(key::stdoutFile, c.spec.stdoutFile);
    if (!c.spec.cleanupArgv.isEmpty())
        o.insert(key::cleanup, QJsonArray::fromStringList(c.spec.cleanupArgv));
    if (!c.spec.renameTo.isEmpty())
        o.insert(key::moves,
                 QJsonObject{{key::moveFrom, c.spec.renameFrom}, {key::moveTo, c.spec.renameTo}});
    return o;
}

ExecutedCommand commandFromJson(const QJsonObject &c)
{
    ExecutedCommand e;
    const QString role = c.value(key::role).toString();
    if (const std::optional<CommandRole> cr = commandRoleFromName(role))
        e.spec.role = *cr;
    e.spec.argv = stringList(c.value(key::argv));
    e.spec.cwd = c.value(key::cwd).toString();
    const QJsonObject env = c.value(key::envChanges).toObject();
    for (auto it = env.begin(); it != env.end(); ++it)
        e.spec.envChanges.insert(it.key(), it.value().toString());
    e.spec.envRemoved = stringList(c.value(key::envRemoved));
    e.spec.stdoutFile = c.value(key::stdoutFile).toString();
    e.spec.cleanupArgv = stringList(c.value(key::cleanup));
    const QJsonObject moves = c.value(key::moves).toObject();
    e.spec.renameFrom = moves.value(key::moveFrom).toString();
    e.spec.renameTo = moves.value(key::moveTo).toString();
    if (c.value(key::exitCode).isDouble())
        e.exitCode = c.value(key::exitCode).toInt();
    e.durationSec = c.value(key::durationS).toDouble();
    return e;
}

// The recorded text of a setting; empty when the record has none.
QString settingText(const QJsonObject &settings, const QString &id)
{
    return settings.value(id).toObject().value(key::settingValue).toString();
}

} // namespace

QJsonObject runRecordToJson(const RunRecord &r)
{
    QJsonObject settingsJson;
    for (const SettingField &f : settingFields()) {
        const SettingOrigin o = r.settings.origins.value(f.key);
        settingsJson.insert(f.key,
                            QJsonObject{{key::settingEnv, f.envName},
                                        {key::settingValue, fieldValueText(r.settings.values, f)},
                                        {key::settingSource, settingSourceName(o.source)},
                                        {key::settingLocation, o.location}});
    }
    QJsonArray commandsJson;
    for (const ExecutedCommand &c : r.commands)
        commandsJson.append(commandToJson(c));

    QJsonObject reports{{key::reportLog, r.paths.log}, {key::filareOutputs, r.paths.filareOut}};
    const auto addIfExists = [&reports](QLatin1StringView name, const QString &path) {
        if (!path.isEmpty() && QFile::exists(path))
            reports.insert(name, path);
    };
    addIfExists(key::reportJson, r.paths.json);
    addIfExists(key::reportHtml, r.paths.html);
    addIfExists(key::reportText, r.paths.text);

    // Only while a command runs.
    const QJsonValue group =
        r.processGroup > 0
            ? QJsonValue(QJsonObject{{key::pgid, r.processGroup},
                                     {key::leaderStartTicks, r.processGroupStartTicks}})
            : QJsonValue();
    const ProfileSummary &p = r.profile;
    return QJsonObject{
        {key::format, key::formatName},
        {key::formatVersion, RunRecord::kFormatVersion},
        {key::label, r.label},
        {key::status, runStatusName(r.status)},
        {key::projectFiles, QJsonArray::fromStringList(r.projectFiles)},
        {key::outputDir, r.outputDir},
        {key::settings, settingsJson},
        {key::exitCode, r.exitCode ? QJsonValue(*r.exitCode) : QJsonValue()},
        {key::started, r.started.toString(Qt::ISODateWithMs)},
        {key::ended,
         r.ended.isValid() ? QJsonValue(r.ended.toString(Qt::ISODateWithMs)) : QJsonValue()},
        {key::durationS, r.durationSec},
        {key::interpreter, r.interpreter},
        {key::tools,
         QJsonObject{
             {key::toolPython, r.pythonVersion},
             {key::toolScalene, r.scaleneVersion},
             {key::toolFilare, r.filareVersion},
             {key::toolGraphviz, r.dotVersion},
             // null: not a checkout, or not known
             {key::toolFilareCommit,
              r.filareCommit.isEmpty() ? QJsonValue() : QJsonValue(r.filareCommit)},
             {key::toolFilareDirty, r.filareDirty ? QJsonValue(*r.filareDirty) : QJsonValue()}}},
        {key::container, containerToJson(r.container)},
        {key::appPid, r.appPid},
        {key::appStartTicks, r.appStartTicks},
        {key::bootId, r.bootId},
        {key::runToken, r.runToken},
        {key::processGroup, group},
        {key::commands, commandsJson},
        {key::reports, reports},
        // "partial": a whole file of part of the run (stopped, timed out, failed).
        {key::profileState,
         p.usable() && p.partial ? QString(key::profileStatePartial) : profileStateName(p.state)},
        {key::peakMb, p.usable() && p.memory ? QJsonValue(p.maxFootprintMb) : QJsonValue()},
        // Asked for and not measured: why, so that no reader takes the absent peak for 0.
        {key::memoryNotMeasured,
         p.memoryNotMeasured.isEmpty() ? QJsonValue() : QJsonValue(p.memoryNotMeasured)},
        {key::profiledElapsedS, p.usable() ? QJsonValue(p.elapsedSec) : QJsonValue()},
        {key::cpuSamples, p.cpuSamplesKnown ? QJsonValue(p.cpuSamples) : QJsonValue()},
        {key::topCpu, linesToJson(p.topCpu)},
        {key::topMemory, linesToJson(p.topMemory)},
        {key::overheadRatio, jsonNumberOrNull(r.overheadRatio)},
        {key::baselineS, jsonNumberOrNull(r.baselineSec)},
        {key::profiledS, jsonNumberOrNull(r.profiledSec)},
        {key::warnings, QJsonArray::fromStringList(r.warnings)},
    };
}

RunRecord runRecordFromJson(const QJsonObject &o, const QString &path)
{
    RunRecord r;
    r.label = o.value(key::label).toString();
    r.status = runStatusFromName(o.value(key::status).toString());
    r.projectFiles = stringList(o.value(key::projectFiles));
    r.outputDir = o.value(key::outputDir).toString();
    const QJsonObject settings = o.value(key::settings).toObject();
    r.settings = resolveSettings({});
    for (const SettingField &f : settingFields()) {
        const QJsonObject s = settings.value(f.key).toObject();
        if (s.isEmpty())
            continue;
        const QString value = s.value(key::settingValue).toString();
        setFieldValue(r.settings.values, f, value, {});
        r.settings.origins.insert(f.key,
                                  {settingSourceFromName(s.value(key::settingSource).toString())
                                       .value_or(SettingSource::Default),
                                   s.value(key::settingLocation).toString(), value});
    }
    if (o.value(key::exitCode).isDouble())
        r.exitCode = o.value(key::exitCode).toInt();
    r.started = dateTime(o.value(key::started));
    r.ended = dateTime(o.value(key::ended));
    r.durationSec = o.value(key::durationS).toDouble();
    r.interpreter = o.value(key::interpreter).toString();
    const QJsonObject tools = o.value(key::tools).toObject();
    r.pythonVersion = tools.value(key::toolPython).toString();
    r.scaleneVersion = tools.value(key::toolScalene).toString();
    r.filareVersion = tools.value(key::toolFilare).toString();
    r.dotVersion = tools.value(key::toolGraphviz).toString();
    r.filareCommit = tools.value(key::toolFilareCommit).toString();
    if (tools.value(key::toolFilareDirty).isBool())
        r.filareDirty = tools.value(key::toolFilareDirty).toBool();
    r.container = containerFromJson(o.value(key::container));
    r.appPid = o.value(key::appPid).toInteger();
    r.appStartTicks = o.value(key::appStartTicks).toInteger();
    r.bootId = o.value(key::bootId).toString();
    r.runToken = o.value(key::runToken).toString();
    const QJsonObject group = o.value(key::processGroup).toObject();
    r.processGroup = group.value(key::pgid).toInteger();
    r.processGroupStartTicks = group.value(key::leaderStartTicks).toInteger();
    r.paths =
        runPaths(r.outputDir.isEmpty() ? QFileInfo(path).absolutePath() : r.outputDir, r.label);
    const QString state = o.value(key::profileState).toString();
    r.profile.partial = state == key::profileStatePartial;
    r.profile.state = state == u"valid" || r.profile.partial ? ProfileState::Valid
                      : state == u"empty"                    ? ProfileState::Empty
                      : state == u"unreadable"               ? ProfileState::Unreadable
                                                             : ProfileState::Missing;
    r.profile.maxFootprintMb = o.value(key::peakMb).toDouble();
    r.profile.elapsedSec = o.value(key::profiledElapsedS).toDouble();
    r.profile.cpuSamples = o.value(key::cpuSamples).toInt();
    r.profile.cpuSamplesKnown = !o.value(key::cpuSamples).isNull();
    r.profile.memoryNotMeasured = o.value(key::memoryNotMeasured).toString();
    r.profile.memory = r.settings.values.scalene.memory && r.profile.memoryNotMeasured.isEmpty();
    r.profile.topCpu = linesFromJson(o.value(key::topCpu).toArray());
    r.profile.topMemory = linesFromJson(o.value(key::topMemory).toArray());
    r.overheadRatio = optionalNumberFromJson(o.value(key::overheadRatio));
    r.baselineSec = optionalNumberFromJson(o.value(key::baselineS));
    r.profiledSec = optionalNumberFromJson(o.value(key::profiledS));
    r.warnings = stringList(o.value(key::warnings));
    for (const QJsonValue &v : o.value(key::commands).toArray())
        r.commands << commandFromJson(v.toObject());
    return r;
}

std::optional<QJsonObject> readRunRecordJson(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject o = doc.object();
    if (parseError.error != QJsonParseError::NoError ||
        o.value(key::format).toString() != key::formatName) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                         ? parseError.errorString()
                         : QStringLiteral("not a Filare Perf run record");
        return std::nullopt;
    }
    bool ok = false;
    runStatusFromName(o.value(key::status).toString(), &ok);
    if (!ok) {
        if (error)
            *error = QStringLiteral("unknown status");
        return std::nullopt;
    }
    return o;
}

bool writeRunRecord(const RunRecord &record, const QString &path, QString *error)
{
    return writeJsonAtomically(runRecordToJson(record), path, error);
}

bool claimRunRecord(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (error)
            *error = QFile::exists(path) ? QStringLiteral("already exists") : file.errorString();
        return false;
    }
    return true;
}

std::optional<RunRecord> loadRunRecord(const QString &path, QString *error)
{
    const auto json = readRunRecordJson(path, error);
    if (!json)
        return std::nullopt;
    return runRecordFromJson(*json, path);
}

std::optional<RunSummary> runSummaryFromJson(const QJsonObject &o, const QString &path)
{
    if (o.value(key::format).toString() != key::formatName)
        return std::nullopt;
    bool ok = false;
    RunSummary s;
    s.status = runStatusFromName(o.value(key::status).toString(), &ok);
    if (!ok)
        return std::nullopt;
    s.recordPath = path;
    s.label = o.value(key::label).toString();
    s.outputDir = o.value(key::outputDir).toString();
    s.projectFiles = stringList(o.value(key::projectFiles));
    s.started = dateTime(o.value(key::started));
    s.durationSec = o.value(key::durationS).toDouble();
    s.peakMb = optionalNumberFromJson(o.value(key::peakMb));
    s.profiledElapsedSec = optionalNumberFromJson(o.value(key::profiledElapsedS));
    s.profiledSec = optionalNumberFromJson(o.value(key::profiledS));
    s.overheadRatio = optionalNumberFromJson(o.value(key::overheadRatio));
    const QJsonObject settings = o.value(key::settings).toObject();
    s.cpuRate = settingText(settings, settingKey(SettingId::ScaleneCpuRate)).toDouble();
    s.memory = settingText(settings, settingKey(SettingId::ScaleneMemory)) != u"0";
    s.memoryNotMeasured = o.value(key::memoryNotMeasured).toString();
    s.profilePartial = o.value(key::profileState).toString() == key::profileStatePartial;
    s.cpuSamples = o.value(key::cpuSamples).toInt();
    const QJsonObject top = o.value(key::topCpu).toArray().first().toObject();
    if (!top.isEmpty()) {
        s.topHotspot = QStringLiteral("%1:%2 %3")
                           .arg(shortSourcePath(top.value(key::lineFile).toString()))
                           .arg(top.value(key::lineNo).toInt())
                           .arg(top.value(key::lineText).toString());
    }
    s.profilePath = o.value(key::reports).toObject().value(key::reportJson).toString();
    s.appPid = o.value(key::appPid).toInteger();
    const QJsonObject tools = o.value(key::tools).toObject();
    s.filareCommit = tools.value(key::toolFilareCommit).toString();
    if (tools.value(key::toolFilareDirty).isBool())
        s.filareDirty = tools.value(key::toolFilareDirty).toBool();
    if (s.status == RunStatus::Running &&
        !isLiveRun(s.appPid, o.value(key::appStartTicks).toInteger(),
                   o.value(key::bootId).toString()))
        s.status = RunStatus::Interrupted;
    return s;
}

RunSummary summariseRunRecord(const RunRecord &record)
{
    // Through the record's JSON: one mapping from record to summary.
    return runSummaryFromJson(runRecordToJson(record), record.paths.record).value_or(RunSummary{});
}

std::optional<RunSummary> loadRunSummary(const QString &path, QString *error, bool *finished)
{
    const auto json = readRunRecordJson(path, error);
    if (!json)
        return std::nullopt;
    if (finished)
        *finished = json->value(key::status).toString() != runStatusName(RunStatus::Running);
    return runSummaryFromJson(*json, path);
}

QJsonObject runSummaryToJson(const RunSummary &r)
{
    return QJsonObject{
        {key::label, r.label},
        {key::status, runStatusName(r.status)},
        {key::started, r.started.toString(Qt::ISODateWithMs)},
        {key::durationS, r.durationSec},
        {key::peakMb, jsonNumberOrNull(r.peakMb)},
        {key::projectFiles, QJsonArray::fromStringList(r.projectFiles)},
        {key::cpuRate, r.cpuRate},
        {key::memory, r.memory},
        {key::memoryNotMeasured,
         r.memoryNotMeasured.isEmpty() ? QJsonValue() : QJsonValue(r.memoryNotMeasured)},
        {key::profilePartial, r.profilePartial},
        {key::topHotspot, r.topHotspot},
        {key::record, r.recordPath},
        {key::toolFilareCommit,
         r.filareCommit.isEmpty() ? QJsonValue() : QJsonValue(r.filareCommit)},
        {key::toolFilareDirty, r.filareDirty ? QJsonValue(*r.filareDirty) : QJsonValue()},
        {key::group, r.group.isEmpty() ? QJsonValue() : QJsonValue(r.group)}};
}

QJsonObject historyToJson(const QString &outputDir, const QList<RunSummary> &runs)
{
    QJsonArray array;
    for (const RunSummary &r : runs)
        array.append(runSummaryToJson(r));
    return QJsonObject{{key::outputDir, outputDir}, {key::runs, array}};
}

std::optional<RunMeasurement> loadRunMeasurement(const QString &path, QString *error)
{
    const auto json = readRunRecordJson(path, error);
    if (!json)
        return std::nullopt;
    const QJsonObject &o = *json;
    RunMeasurement m;
    m.status = runStatusFromName(o.value(key::status).toString());
    m.projectFiles = stringList(o.value(key::projectFiles));
    m.durationSec = o.value(key::durationS).toDouble();
    const QJsonObject settings = o.value(key::settings).toObject();
    for (auto it = settings.begin(); it != settings.end(); ++it)
        m.settingValues.insert(it.key(), settingText(settings, it.key()));
    return m;
}

bool mayBeRunningRecord(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    // Records are written indented (writeJsonAtomically), so a running one has this text.
    const QByteArray running = QByteArray("\"") + QByteArray(key::status.data()) + "\": \"" +
                               runStatusName(RunStatus::Running).toLatin1() + '"';
    return f.readAll().contains(running);
}

std::optional<RunOwnership> loadRunOwnership(const QString &path, QString *error)
{
    const auto json = readRunRecordJson(path, error);
    if (!json)
        return std::nullopt;
    const QJsonObject &o = *json;
    RunOwnership w;
    w.label = o.value(key::label).toString();
    w.status = runStatusFromName(o.value(key::status).toString());
    w.appPid = o.value(key::appPid).toInteger();
    w.appStartTicks = o.value(key::appStartTicks).toInteger();
    w.bootId = o.value(key::bootId).toString();
    w.runToken = o.value(key::runToken).toString();
    const QJsonObject group = o.value(key::processGroup).toObject();
    w.processGroup = group.value(key::pgid).toInteger();
    w.processGroupStartTicks = group.value(key::leaderStartTicks).toInteger();
    return w;
}

bool amendRunRecord(const QString &path, RunStatus status, const QStringList &moreWarnings,
                    QString *error)
{
    auto json = readRunRecordJson(path, error);
    if (!json)
        return false;
    json->insert(key::status, runStatusName(status));
    QJsonArray warnings = json->value(key::warnings).toArray();
    for (const QString &w : moreWarnings)
        warnings.append(w);
    json->insert(key::warnings, warnings);
    return writeJsonAtomically(*json, path, error);
}

} // namespace fperf
