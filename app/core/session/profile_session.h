// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/prepared_run.h"
#include "core/settings/settings_resolver.h"
#include "core/store/stale_runs.h"
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

// The folder whose runs `history` and `diff` list: the one given, else the output folder the
// settings (files and FIL_PERF_* variables) name, relative to the current folder.
QString runsFolder(const QString &given, const QProcessEnvironment &environment);

} // namespace fperf
