// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/launch/command_spec.h"
#include "core/launch/container_command.h"
#include "core/settings/performance_settings.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVersionNumber>

namespace fperf {

struct LaunchInputs
{
    PerformanceSettings settings;
    QString python; // absolute interpreter path
    QVersionNumber scaleneVersion;
    QString filareScript;         // <venv>/bin/filare
    QString filarePackageDir;     // .../site-packages/filare
    QStringList filareCodePaths;  // default --profile-only parts (see filareCodeScope)
    QStringList projectFiles;     // absolute
    QString outputDir;            // absolute, resolved
    QString label;                // sanitised
    QStringList environmentNames; // names present in the environment the children inherit
    QString filarePerfProgram;    // this program: writes the text report of a 1.5.x profile
    // Container mode: python, filareScript and the package paths above are the image's, and
    // every command but filare-perf's own runs in a container of it (see containerCommand).
    std::optional<ContainerTarget> container;
    QString runToken; // names the run's containers
    HostUser user;    // whose files the containers write
};

struct LaunchPlan
{
    RunPaths paths;
    QList<CommandSpec> commands; // in order; report commands run only when a profile exists
    QStringList directories;     // to create before the first command
    QStringList warnings;
    QStringList errors; // the plan cannot run
};

// Scalene 1.5.x (Debian's python3-scalene) has no subcommands and no `view`; 2.x does.
bool isScalene15(const QVersionNumber &scaleneVersion);

// The interactive HTML report, written into a scratch folder and moved to paths.html when it
// succeeds: `scalene view --standalone` (2.x) or Scalene.generate_html (1.5.x).
CommandSpec htmlReportCommand(const QString &python, const QVersionNumber &scaleneVersion,
                              const RunPaths &paths, const QStringList &envRemoved);

// Pure: the same inputs always give the same plan.
LaunchPlan buildLaunchPlan(const LaunchInputs &in);

// Variables that must never reach a child (Scalene copies API keys into HTML reports).
bool isSecretVariable(const QString &name);

} // namespace fperf
