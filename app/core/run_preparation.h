// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run_record.h"
#include "core/scalene_command_builder.h"
#include "core/settings_resolver.h"
#include "core/tool_check.h"

#include <QDateTime>
#include <QProcessEnvironment>

namespace fperf {

// A run checked and planned, ready for RunController; or the reasons it cannot start.
struct PreparedRun
{
    QStringList errors; // each names the problem and the fix
    int exitCode = 0;   // exit_code::kUsage or kToolsMissing when errors is not empty
    LaunchPlan plan;
    RunRecord record; // status running, not yet written
    QProcessEnvironment environment;

    bool ok() const { return errors.isEmpty(); }
};

// The output folder a project's runs go to: relative paths are relative to its folder.
QString effectiveOutputDir(const PerformanceSettings &settings, const QString &firstProjectFile);

// Checks project files, settings, tools and the output folder, then picks and claims the
// label (its record file is created exclusively) and builds the commands. Nothing runs here.
PreparedRun prepareRun(const ResolvedSettings &settings, const QStringList &projectFiles,
                       const ToolReport &tools, const QProcessEnvironment &environment,
                       const QDateTime &now = QDateTime::currentDateTime());

// Checks that a project file can be given to Filare; empty when fine.
QString projectFileProblem(const QString &path);

} // namespace fperf
