// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/prepared_run.h"
#include "core/settings/settings_resolver.h"
#include "core/store/stale_runs.h"
#include "core/tools/project_check.h"
#include "core/tools/tool_check.h"

#include <QProcessEnvironment>
#include <optional>

namespace fperf {

// Where the interpreter is looked for: the setting, a .venv next to the first project file,
// this repository's .venv, then PATH. The window and the CLI ask the same question.
InterpreterSearch interpreterSearchFor(const PerformanceSettings &settings,
                                       const QStringList &projectFiles,
                                       const QProcessEnvironment &environment);

struct ProfileRequest
{
    ResolvedSettings settings;
    QStringList projectFiles;
    QProcessEnvironment environment;
    // The window's background check; empty: a quick check runs here, alongside the YAML check.
    std::optional<ToolReport> tools;
};

struct ProfileStart
{
    PreparedRun run;                    // run.ok() false: run.errors and run.exitCode say why
    QList<StaleRun> staleRuns;          // runs of the output folder found interrupted, now final
    std::optional<double> estimatedSec; // from earlier runs like this one
};

// The "start a profile run" use case of both front ends, in one order: settings, project
// files, stale runs of the output folder, the project's YAML (read by the interpreter), tools,
// output folder, label (claimed), commands. Nothing runs yet. Blocking (the YAML check starts
// the interpreter, about 0.1 s): the window calls it on a worker.
ProfileStart prepareProfileRun(const ProfileRequest &request);

// The "open a project folder" use case of both front ends: its harness, metadata and
// components files, told apart by content with the interpreter the folder's runs would use.
// Blocking (starts the interpreter): the window calls it on a worker.
ProjectFolderPick pickProjectFolder(const QString &folder, const PerformanceSettings &settings,
                                    const QProcessEnvironment &environment);
// The metadata and components the pick found, as the lowest settings layer above the
// defaults: whatever the user set wins.
SettingsLayer folderPicksLayer(const ProjectFolderPick &pick);
// A path inside the folder, for the settings layers that look next to the first project file
// (the folder's filare-perf.env) before its files are known.
QString folderSettingsAnchor(const QString &folder);

// The folder whose runs `history` and `diff` list: the one given, else the output folder the
// settings (files and FIL_PERF_* variables) name, relative to the current folder.
QString runsFolder(const QString &given, const QProcessEnvironment &environment);

} // namespace fperf
