// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_record.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace fperf {

namespace {
QJsonValue optionalNumber(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonObject commandToJson(const ExecutedCommand &c)
{
    QJsonObject env;
    for (auto it = c.spec.envChanges.begin(); it != c.spec.envChanges.end(); ++it)
        env.insert(it.key(), it.value());
    QJsonObject o{{QStringLiteral("role"), commandRoleName(c.spec.role)},
                  {QStringLiteral("argv"), QJsonArray::fromStringList(c.spec.argv)},
                  {QStringLiteral("cwd"), c.spec.cwd},
                  {QStringLiteral("env_changes"), env},
                  {QStringLiteral("env_removed"), QJsonArray::fromStringList(c.spec.envRemoved)},
                  {QStringLiteral("exit_code"),
                   c.exitCode ? QJsonValue(*c.exitCode) : QJsonValue(QJsonValue::Null)},
                  {QStringLiteral("duration_s"), c.durationSec}};
    if (!c.spec.stdoutFile.isEmpty())
        o.insert(QStringLiteral("stdout_file"), c.spec.stdoutFile);
    if (!c.spec.renameTo.isEmpty())
        o.insert(QStringLiteral("moves"), QJsonObject{{QStringLiteral("from"), c.spec.renameFrom},
                                                      {QStringLiteral("to"), c.spec.renameTo}});
    return o;
}

QJsonArray linesToJson(const QList<ProfileLine> &lines)
{
    QJsonArray a;
    for (const ProfileLine &l : lines)
        a.append(profileLineToJson(l));
    return a;
}
} // namespace

QJsonObject RunRecord::toJson() const
{
    QJsonObject settingsJson;
    for (const SettingField &f : settingFields()) {
        const SettingOrigin o = settings.origins.value(f.id);
        settingsJson.insert(
            f.id, QJsonObject{{QStringLiteral("env"), f.envName},
                              {QStringLiteral("value"), fieldValueText(settings.values, f)},
                              {QStringLiteral("source"), settingSourceName(o.source)},
                              {QStringLiteral("location"), o.location}});
    }
    QJsonArray commandsJson;
    for (const ExecutedCommand &c : commands)
        commandsJson.append(commandToJson(c));

    QJsonObject reports{{QStringLiteral("log"), paths.log},
                        {QStringLiteral("filare_outputs"), paths.filareOut}};
    const auto addIfExists = [&reports](const char *key, const QString &path) {
        if (!path.isEmpty() && QFile::exists(path))
            reports.insert(QLatin1String(key), path);
    };
    addIfExists("json", paths.json);
    addIfExists("html", paths.html);
    addIfExists("text", paths.text);

    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("filare-perf-run")},
        {QStringLiteral("format_version"), kFormatVersion},
        {QStringLiteral("label"), label},
        {QStringLiteral("status"), runStatusName(status)},
        {QStringLiteral("project_files"), QJsonArray::fromStringList(projectFiles)},
        {QStringLiteral("output_dir"), outputDir},
        {QStringLiteral("settings"), settingsJson},
        {QStringLiteral("exit_code"), exitCode ? QJsonValue(*exitCode) : QJsonValue()},
        {QStringLiteral("started"), started.toString(Qt::ISODateWithMs)},
        {QStringLiteral("ended"),
         ended.isValid() ? QJsonValue(ended.toString(Qt::ISODateWithMs)) : QJsonValue()},
        {QStringLiteral("duration_s"), durationSec},
        {QStringLiteral("interpreter"), interpreter},
        {QStringLiteral("tools"), QJsonObject{{QStringLiteral("python"), pythonVersion},
                                              {QStringLiteral("scalene"), scaleneVersion},
                                              {QStringLiteral("filare"), filareVersion},
                                              {QStringLiteral("graphviz"), dotVersion}}},
        {QStringLiteral("app_pid"), appPid},
        {QStringLiteral("app_start_ticks"), appStartTicks},
        {QStringLiteral("boot_id"), bootId},
        {QStringLiteral("run_token"), runToken},
        {QStringLiteral("process_group"),
         processGroup > 0 ? QJsonValue(QJsonObject{
                                {QStringLiteral("pgid"), processGroup},
                                {QStringLiteral("leader_start_ticks"), processGroupStartTicks}})
                          : QJsonValue()},
        {QStringLiteral("commands"), commandsJson},
        {QStringLiteral("reports"), reports},
        {QStringLiteral("profile_state"), profileStateName(profile.state)},
        {QStringLiteral("peak_mb"),
         profile.usable() && profile.memory ? QJsonValue(profile.maxFootprintMb) : QJsonValue()},
        {QStringLiteral("profiled_elapsed_s"),
         profile.usable() ? QJsonValue(profile.elapsedSec) : QJsonValue()},
        {QStringLiteral("cpu_samples"),
         profile.cpuSamplesKnown ? QJsonValue(profile.cpuSamples) : QJsonValue()},
        {QStringLiteral("top_cpu"), linesToJson(profile.topCpu)},
        {QStringLiteral("top_memory"), linesToJson(profile.topMemory)},
        {QStringLiteral("overhead_ratio"), optionalNumber(overheadRatio)},
        {QStringLiteral("baseline_s"), optionalNumber(baselineSec)},
        {QStringLiteral("profiled_s"), optionalNumber(profiledSec)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
    };
}

bool writeRunRecord(const RunRecord &record, const QString &path, QString *error)
{
    return writeRunRecordJson(record.toJson(), path, error);
}

bool writeRunRecordJson(const QJsonObject &record, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const QByteArray data = QJsonDocument(record).toJson(QJsonDocument::Indented);
    // Qt 6.4's commit() renames the file even when its final flush failed (disk full), which
    // would replace a whole record with a torn one: flush first and check.
    if (file.write(data) != data.size() || !file.flush() || !file.commit()) {
        if (error)
            *error = file.errorString();
        file.cancelWriting();
        return false;
    }
    return true;
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

namespace {
QList<ProfileLine> linesFromJson(const QJsonArray &array)
{
    QList<ProfileLine> out;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        ProfileLine l;
        l.file = o.value(QStringLiteral("file")).toString();
        l.lineno = o.value(QStringLiteral("lineno")).toInt();
        l.text = o.value(QStringLiteral("line")).toString();
        l.cpuPython = o.value(QStringLiteral("cpu_python_percent")).toDouble();
        l.cpuNative = o.value(QStringLiteral("cpu_native_percent")).toDouble();
        l.cpuSystem = o.value(QStringLiteral("cpu_system_percent")).toDouble();
        l.peakMb = o.value(QStringLiteral("peak_mb")).toDouble();
        l.mallocMb = o.value(QStringLiteral("malloc_mb")).toDouble();
        l.copyMbPerSec = o.value(QStringLiteral("copy_mb_s")).toDouble();
        out << l;
    }
    return out;
}

std::optional<double> optionalDouble(const QJsonValue &v)
{
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

SettingSource sourceFromName(const QString &name)
{
    for (SettingSource s :
         {SettingSource::Default, SettingSource::UserFile, SettingSource::ProjectFile,
          SettingSource::SettingsFile, SettingSource::Environment, SettingSource::CommandLine,
          SettingSource::Form}) {
        if (settingSourceName(s) == name)
            return s;
    }
    return SettingSource::Default;
}
} // namespace

std::optional<RunRecord> loadRunRecord(const QString &path, QString *error)
{
    const auto stored = readRunRecord(path, error);
    if (!stored)
        return std::nullopt;
    const QJsonObject &o = stored->json;
    RunRecord r;
    r.label = stored->label;
    r.status = stored->status;
    for (const QJsonValue &v : o.value(QStringLiteral("project_files")).toArray())
        r.projectFiles << v.toString();
    r.outputDir = o.value(QStringLiteral("output_dir")).toString();
    const QJsonObject settings = o.value(QStringLiteral("settings")).toObject();
    r.settings = resolveSettings({});
    for (const SettingField &f : settingFields()) {
        const QJsonObject s = settings.value(f.id).toObject();
        if (s.isEmpty())
            continue;
        setFieldValue(r.settings.values, f, s.value(QStringLiteral("value")).toString(), {});
        r.settings.origins.insert(f.id,
                                  {sourceFromName(s.value(QStringLiteral("source")).toString()),
                                   s.value(QStringLiteral("location")).toString(),
                                   s.value(QStringLiteral("value")).toString()});
    }
    if (o.value(QStringLiteral("exit_code")).isDouble())
        r.exitCode = o.value(QStringLiteral("exit_code")).toInt();
    r.started =
        QDateTime::fromString(o.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
    r.ended = QDateTime::fromString(o.value(QStringLiteral("ended")).toString(), Qt::ISODateWithMs);
    r.durationSec = o.value(QStringLiteral("duration_s")).toDouble();
    r.interpreter = o.value(QStringLiteral("interpreter")).toString();
    const QJsonObject tools = o.value(QStringLiteral("tools")).toObject();
    r.pythonVersion = tools.value(QStringLiteral("python")).toString();
    r.scaleneVersion = tools.value(QStringLiteral("scalene")).toString();
    r.filareVersion = tools.value(QStringLiteral("filare")).toString();
    r.dotVersion = tools.value(QStringLiteral("graphviz")).toString();
    r.appPid = o.value(QStringLiteral("app_pid")).toInteger();
    r.appStartTicks = o.value(QStringLiteral("app_start_ticks")).toInteger();
    r.bootId = o.value(QStringLiteral("boot_id")).toString();
    r.runToken = o.value(QStringLiteral("run_token")).toString();
    const QJsonObject group = o.value(QStringLiteral("process_group")).toObject();
    r.processGroup = group.value(QStringLiteral("pgid")).toInteger();
    r.processGroupStartTicks = group.value(QStringLiteral("leader_start_ticks")).toInteger();
    r.paths =
        runPaths(r.outputDir.isEmpty() ? QFileInfo(path).absolutePath() : r.outputDir, r.label);
    const QString state = o.value(QStringLiteral("profile_state")).toString();
    r.profile.state = state == u"valid"        ? ProfileState::Valid
                      : state == u"empty"      ? ProfileState::Empty
                      : state == u"unreadable" ? ProfileState::Unreadable
                                               : ProfileState::Missing;
    r.profile.maxFootprintMb = o.value(QStringLiteral("peak_mb")).toDouble();
    r.profile.elapsedSec = o.value(QStringLiteral("profiled_elapsed_s")).toDouble();
    r.profile.cpuSamples = o.value(QStringLiteral("cpu_samples")).toInt();
    r.profile.cpuSamplesKnown = !o.value(QStringLiteral("cpu_samples")).isNull();
    r.profile.memory = r.settings.values.scalene.memory;
    r.profile.topCpu = linesFromJson(o.value(QStringLiteral("top_cpu")).toArray());
    r.profile.topMemory = linesFromJson(o.value(QStringLiteral("top_memory")).toArray());
    r.overheadRatio = optionalDouble(o.value(QStringLiteral("overhead_ratio")));
    r.baselineSec = optionalDouble(o.value(QStringLiteral("baseline_s")));
    r.profiledSec = optionalDouble(o.value(QStringLiteral("profiled_s")));
    for (const QJsonValue &v : o.value(QStringLiteral("warnings")).toArray())
        r.warnings << v.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("commands")).toArray()) {
        const QJsonObject c = v.toObject();
        ExecutedCommand e;
        const QString role = c.value(QStringLiteral("role")).toString();
        for (CommandRole cr : {CommandRole::Baseline, CommandRole::Profile, CommandRole::Plain,
                               CommandRole::HtmlReport, CommandRole::TextReport}) {
            if (commandRoleName(cr) == role)
                e.spec.role = cr;
        }
        for (const QJsonValue &a : c.value(QStringLiteral("argv")).toArray())
            e.spec.argv << a.toString();
        e.spec.cwd = c.value(QStringLiteral("cwd")).toString();
        const QJsonObject env = c.value(QStringLiteral("env_changes")).toObject();
        for (auto it = env.begin(); it != env.end(); ++it)
            e.spec.envChanges.insert(it.key(), it.value().toString());
        for (const QJsonValue &n : c.value(QStringLiteral("env_removed")).toArray())
            e.spec.envRemoved << n.toString();
        if (c.value(QStringLiteral("exit_code")).isDouble())
            e.exitCode = c.value(QStringLiteral("exit_code")).toInt();
        e.durationSec = c.value(QStringLiteral("duration_s")).toDouble();
        r.commands << e;
    }
    return r;
}

std::optional<StoredRunRecord> readRunRecord(const QString &path, QString *error)
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
        o.value(QStringLiteral("format")).toString() != u"filare-perf-run") {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                         ? parseError.errorString()
                         : QStringLiteral("not a Filare Perf run record");
        return std::nullopt;
    }
    StoredRunRecord r;
    r.json = o;
    r.label = o.value(QStringLiteral("label")).toString();
    bool ok = false;
    r.status = runStatusFromName(o.value(QStringLiteral("status")).toString(), &ok);
    if (!ok) {
        if (error)
            *error = QStringLiteral("unknown status");
        return std::nullopt;
    }
    return r;
}

} // namespace fperf
