// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings/env_file.h"
#include "core/settings/performance_settings.h"

#include "core/util/enum_key.h"

#include <QMap>
#include <QObject>
#include <QProcessEnvironment>

namespace fperf {

// One Q_NAMESPACE per namespace (moc), so the enum has its own.
namespace setting_source_meta {
Q_NAMESPACE

// Where an effective value came from, lowest precedence first. The names are machine keys in
// run records and `settings` output (enumKey, words joined by spaces): UserFile is "user file".
enum class SettingSource
{
    Default,
    ProjectFolder, // picked from a project folder's files by their content
    UserFile,
    ProjectFile,
    SettingsFile,
    Environment,
    CommandLine,
    Edited // in the window, not saved yet
};
Q_ENUM_NS(SettingSource)

} // namespace setting_source_meta
using setting_source_meta::SettingSource;

template <> struct EnumKeyStyle<SettingSource>
{
    static constexpr char separator = ' ';
};

// The machine key ("user file"); also what the CLI prints.
QString settingSourceName(SettingSource source);
std::optional<SettingSource> settingSourceFromName(const QString &name);
// What the window shows, translated.
QString settingSourceLabel(SettingSource source);

struct SettingOrigin
{
    SettingSource source = SettingSource::Default;
    QString location; // file path or variable name; empty for defaults
    QString rawValue;
};

// A problem tied to one field (empty fieldId: tied to a file or the whole set).
struct SettingProblem
{
    QString fieldId;
    QString message;
};

// One source of values: a settings file, the environment or the command line.
struct SettingsLayer
{
    SettingSource source = SettingSource::Default;
    QString location;        // file path for file layers
    QList<EnvEntry> entries; // FIL_PERF_* names with raw text values
    QList<EnvFileProblem> fileProblems;
};

struct ResolvedSettings
{
    PerformanceSettings values;
    QMap<QString, SettingOrigin> origins; // by field id, every field present
    QList<SettingProblem> errors;         // bad values: nothing may run
    QList<SettingProblem> warnings;       // accepted, but the user should know

    bool ok() const { return errors.isEmpty(); }
    QStringList errorMessages() const;
    QStringList warningMessages() const;
};

// Layers of the standard sources. Files that do not exist give empty layers.
QString userSettingsPath(const QProcessEnvironment &env);
QString projectSettingsPath(const QString &projectFile);
SettingsLayer fileLayer(SettingSource source, const QString &path);
SettingsLayer environmentLayer(const QProcessEnvironment &env);
SettingsLayer commandLineLayer(const QList<EnvEntry> &entries);

// defaults < user file < project file (next to the first project file) < --settings files
// < environment < command line. Missing optional files give empty layers.
// folderPicks: what a project folder's content suggests (metadata, components files), just
// above the defaults, so that every file and option the user wrote wins over it.
QList<SettingsLayer> standardSettingsLayers(const QProcessEnvironment &env,
                                            const QString &firstProjectFile,
                                            const QStringList &extraSettingsFiles,
                                            const QList<EnvEntry> &commandLine,
                                            const SettingsLayer &folderPicks = {});

// Applies layers over the defaults in the order given (later wins) and validates.
ResolvedSettings resolveSettings(const QList<SettingsLayer> &layers);

// `FIL_PERF_X=... filare-perf run PROJECT...` with every value that is not the default.
QString reproduceCommand(const PerformanceSettings &settings, const QStringList &projects);

// The same file format for every consumer; comments say where each value came from.
QString exportSettings(const ResolvedSettings &resolved);

} // namespace fperf
