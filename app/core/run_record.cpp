// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run_record.h"

#include <QFile>
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
        {QStringLiteral("commands"), commandsJson},
        {QStringLiteral("reports"), reports},
        {QStringLiteral("profile_state"), profileStateName(profile.state)},
        {QStringLiteral("peak_mb"),
         profile.usable() ? QJsonValue(profile.maxFootprintMb) : QJsonValue()},
        {QStringLiteral("profiled_elapsed_s"),
         profile.usable() ? QJsonValue(profile.elapsedSec) : QJsonValue()},
        {QStringLiteral("cpu_samples"), profile.cpuSamples},
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
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const QByteArray data = QJsonDocument(record.toJson()).toJson(QJsonDocument::Indented);
    if (file.write(data) != data.size() || !file.commit()) {
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
