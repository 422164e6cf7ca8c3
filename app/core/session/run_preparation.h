// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/prepared_run.h"
#include "core/run/run_outcome.h"
#include "core/settings/settings_resolver.h"
#include "core/tools/tool_check.h"

#include <QDateTime>
#include <QProcessEnvironment>

namespace fperf {

// The output folder a project's runs go to: relative paths are relative to its folder.
QString effectiveOutputDir(const PerformanceSettings &settings, const QString &firstProjectFile);

// The label of a run group (run --repeat N): the run label, else an automatic one from the
// first project file, such that neither LABEL-group.json nor any repeat's record
// (repeatLabel) exists yet. Empty, with the reason and the fix, when the given one is taken.
QString chooseGroupLabel(const PerformanceSettings &settings, const QString &firstProjectFile,
                         int repeats, const QDateTime &now, QString *error);

// Checks project files, settings, tools and the output folder, then picks and claims the
// label (its record file is created exclusively) and builds the commands. Nothing runs here.
PreparedRun prepareRun(const ResolvedSettings &settings, const QStringList &projectFiles,
                       const ToolReport &tools, const QProcessEnvironment &environment,
                       const QDateTime &now = QDateTime::currentDateTime());

// Checks that a project file can be given to Filare; empty when fine.
QString projectFileProblem(const QString &path);

// The files Filare reads besides the project files, from the settings.
struct FilareInputs
{
    QStringList metadata;        // absolute
    QStringList components;      // absolute
    bool titlePageAsked = false; // `run` with HTML output: Filare then needs metadata
    QStringList problems;        // a file that is missing, a folder, unreadable or empty
};
// Relative paths are the project's folder's. Only `run` reads them.
FilareInputs filareInputs(const PerformanceSettings &settings, const QString &firstProjectFile);

} // namespace fperf
