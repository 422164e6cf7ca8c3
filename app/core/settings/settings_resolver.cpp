// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/settings_resolver.h"

#include "core/util/shell_quote.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace fperf {

QString settingSourceName(SettingSource source)
{
    return enumKey(source);
}

std::optional<SettingSource> settingSourceFromName(const QString &name)
{
    return enumFromKey<SettingSource>(name);
}

QString settingSourceLabel(SettingSource source)
{
    switch (source) {
    case SettingSource::Default:
        return QCoreApplication::translate("SettingSource", "default");
    case SettingSource::ProjectFolder:
        return QCoreApplication::translate("SettingSource", "project folder");
    case SettingSource::UserFile:
        return QCoreApplication::translate("SettingSource", "user file");
    case SettingSource::ProjectFile:
        return QCoreApplication::translate("SettingSource", "project file");
    case SettingSource::SettingsFile:
        return QCoreApplication::translate("SettingSource", "settings file");
    case SettingSource::Environment:
        return QCoreApplication::translate("SettingSource", "environment");
    case SettingSource::CommandLine:
        return QCoreApplication::translate("SettingSource", "command line");
    case SettingSource::Edited:
        return QCoreApplication::translate("SettingSource", "edited");
    }
    return {};
}

QStringList ResolvedSettings::errorMessages() const
{
    QStringList out;
    for (const SettingProblem &p : errors)
        out << p.message;
    return out;
}

QStringList ResolvedSettings::warningMessages() const
{
    QStringList out;
    for (const SettingProblem &p : warnings)
        out << p.message;
    return out;
}

QString userSettingsPath(const QProcessEnvironment &env)
{
    // Same folder rules as Filare's own settings.
    QString dir = env.value(QStringLiteral("FIL_CONFIG_PATH"));
    if (dir.isEmpty()) {
        const QString xdg = env.value(QStringLiteral("XDG_CONFIG_HOME"));
        if (!xdg.isEmpty())
            dir = xdg + QStringLiteral("/filare");
        else
            dir = env.value(QStringLiteral("HOME"), QDir::homePath()) +
                  QStringLiteral("/.config/filare");
    }
    return QDir(dir).filePath(QStringLiteral("perf.env"));
}

QString projectSettingsPath(const QString &projectFile)
{
    return QFileInfo(projectFile).absoluteDir().filePath(QStringLiteral("filare-perf.env"));
}

SettingsLayer fileLayer(SettingSource source, const QString &path)
{
    SettingsLayer layer;
    layer.source = source;
    layer.location = path;
    const EnvFileContent content = readEnvFile(path);
    layer.entries = content.entries;
    for (EnvFileProblem p : content.problems) {
        // Line 0: the file as a whole (unreadable, a folder); the message says what to do.
        p.message = p.line > 0
                        ? QStringLiteral("%1: %2; fix or remove that line").arg(path, p.message)
                        : p.message;
        layer.fileProblems.append(p);
    }
    return layer;
}

SettingsLayer environmentLayer(const QProcessEnvironment &env)
{
    SettingsLayer layer;
    layer.source = SettingSource::Environment;
    const QStringList keys = env.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("FIL_PERF_")))
            layer.entries.append({key, env.value(key), 0});
    }
    return layer;
}

SettingsLayer commandLineLayer(const QList<EnvEntry> &entries)
{
    SettingsLayer layer;
    layer.source = SettingSource::CommandLine;
    layer.entries = entries;
    return layer;
}

QList<SettingsLayer> standardSettingsLayers(const QProcessEnvironment &env,
                                            const QString &firstProjectFile,
                                            const QStringList &extraSettingsFiles,
                                            const QList<EnvEntry> &commandLine,
                                            const SettingsLayer &folderPicks)
{
    QList<SettingsLayer> layers;
    if (!folderPicks.entries.isEmpty())
        layers << folderPicks;
    layers << fileLayer(SettingSource::UserFile, userSettingsPath(env));
    if (!firstProjectFile.isEmpty())
        layers << fileLayer(SettingSource::ProjectFile, projectSettingsPath(firstProjectFile));
    for (const QString &path : extraSettingsFiles) {
        SettingsLayer layer = fileLayer(SettingSource::SettingsFile, path);
        if (!QFileInfo::exists(path))
            layer.fileProblems.append(
                {0, QStringLiteral("settings file %1 does not exist; check the --settings path")
                        .arg(path)});
        layers << layer;
    }
    layers << environmentLayer(env) << commandLineLayer(commandLine);
    return layers;
}

namespace {
bool isFileSource(SettingSource source)
{
    return source == SettingSource::UserFile || source == SettingSource::ProjectFile ||
           source == SettingSource::SettingsFile;
}

QString describeLocation(const SettingsLayer &layer, const EnvEntry &entry)
{
    switch (layer.source) {
    case SettingSource::Environment:
        return QStringLiteral("environment variable %1").arg(entry.key);
    case SettingSource::CommandLine:
        return QStringLiteral("command-line option for %1").arg(entry.key);
    case SettingSource::Edited:
        return QStringLiteral("form field for %1").arg(entry.key);
    case SettingSource::ProjectFolder:
        return QStringLiteral("project folder %1 (%2)").arg(layer.location, entry.key);
    default:
        return QStringLiteral("%1 line %2: %3").arg(layer.location).arg(entry.line).arg(entry.key);
    }
}
} // namespace

ResolvedSettings resolveSettings(const QList<SettingsLayer> &layers)
{
    ResolvedSettings r;
    for (const SettingField &f : settingFields())
        r.origins.insert(f.key, {SettingSource::Default, {}, fieldValueText(r.values, f)});

    for (const SettingsLayer &layer : layers) {
        for (const EnvFileProblem &p : layer.fileProblems)
            r.errors.append({{}, p.message});
        // Within one layer, a field may be named twice (e.g. through an alias); both must agree.
        QMap<QString, QString> seenInLayer; // field id -> canonical text
        for (const EnvEntry &entry : layer.entries) {
            const SettingField *field = findFieldByEnvName(entry.key);
            if (!field) {
                if (entry.key.startsWith(QLatin1String("FIL_PERF_SCALENE_")) ||
                    layer.source != SettingSource::Environment) {
                    r.warnings.append({{},
                                       QStringLiteral("%1 is not a Filare Perf setting and "
                                                      "is ignored; check its spelling")
                                           .arg(describeLocation(layer, entry))});
                }
                continue;
            }
            PerformanceSettings probe = r.values;
            const QString where = describeLocation(layer, entry);
            if (const auto error = setFieldValue(probe, *field, entry.value, entry.key)) {
                r.errors.append({field->key, isFileSource(layer.source)
                                                 ? QStringLiteral("%1 (%2)").arg(*error, where)
                                                 : *error});
                continue;
            }
            const QString canonical = fieldValueText(probe, *field);
            if (seenInLayer.contains(field->key) && seenInLayer.value(field->key) != canonical) {
                r.errors.append(
                    {field->key,
                     QStringLiteral("%1 and its alias disagree in the %2 (%3 vs %4); "
                                    "set only %5")
                         .arg(field->envName, settingSourceName(layer.source),
                              seenInLayer.value(field->key), canonical, field->envName)});
                continue;
            }
            seenInLayer.insert(field->key, canonical);
            r.values = probe;
            const QString location =
                isFileSource(layer.source)
                    ? QStringLiteral("%1:%2").arg(layer.location).arg(entry.line)
                : layer.source == SettingSource::ProjectFolder ? layer.location
                                                               : entry.key;
            r.origins.insert(field->key, {layer.source, location, entry.value});
        }
    }

    if (r.values.filare.isRun() && namesFilareOutputDir(r.values.filare.extraArgs)) {
        r.errors.append({settingKey(SettingId::FilareArgs),
                         QStringLiteral("the Filare arguments (after -- or in "
                                        "FIL_PERF_FILARE_ARGS) name Filare's output folder (-o); "
                                        "filare-perf writes Filare's outputs to LABEL-filare "
                                        "next to the run's record, so remove it and choose the "
                                        "folder with --output-dir")});
    }
    if (r.values.scalene.copy && !r.values.scalene.memory) {
        const QString copy = settingKey(SettingId::ScaleneCopy);
        const bool copyExplicit = r.origins.value(copy).source != SettingSource::Default;
        if (copyExplicit) {
            r.warnings.append(
                {copy, QStringLiteral("Copy-volume tracking is on but memory profiling "
                                      "is off; copy tracking needs memory profiling and "
                                      "counts as off (turn memory on to get it)")});
        }
    }
    return r;
}

QString reproduceCommand(const PerformanceSettings &settings, const QStringList &projects)
{
    const PerformanceSettings defaults;
    QStringList words;
    for (const SettingField &f : settingFields()) {
        const QString value = fieldValueText(settings, f);
        if (value != fieldValueText(defaults, f))
            words << f.envName + u'=' + shellQuote(value);
    }
    words << QStringLiteral("filare-perf") << QStringLiteral("run");
    for (const QString &p : projects)
        words << shellQuote(QFileInfo(p).absoluteFilePath());
    return words.join(u' ');
}

QString exportSettings(const ResolvedSettings &resolved)
{
    QList<EnvEntry> entries;
    QString out = QStringLiteral("# Filare Perf settings (env-file syntax: KEY=value, # comments)\n"
                                 "# Use with the GUI, `filare-perf --settings FILE` or "
                                 "`env $(grep -v '^#' FILE) filare-perf run ...`\n");
    for (const SettingField &f : settingFields()) {
        const SettingOrigin o = resolved.origins.value(f.key);
        out += QStringLiteral("# %1: %2%3\n")
                   .arg(f.title, settingSourceName(o.source),
                        o.location.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(o.location));
        out += formatEnvFile({{f.envName, fieldValueText(resolved.values, f), 0}});
    }
    return out;
}

} // namespace fperf
