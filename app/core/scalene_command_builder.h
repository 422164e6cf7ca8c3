// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/performance_settings.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVersionNumber>

namespace fperf {

enum class CommandRole
{
    Baseline,
    Profile,
    Plain,
    HtmlReport,
    TextReport
};
QString commandRoleName(CommandRole role);

// One process to start, exactly as recorded in the run record's `commands`.
struct CommandSpec
{
    CommandRole role = CommandRole::Profile;
    QStringList argv;
    QString cwd;
    QMap<QString, QString> envChanges; // set in the child
    QStringList envRemoved;            // names only, never values
    QString stdoutFile; // stdout goes to this file (escape codes stripped) instead of the log
    QString renameFrom; // a file the command writes at a fixed name...
    QString renameTo;   // ...moved here when it succeeds

    bool operator==(const CommandSpec &) const = default;
};

// Every file of a run, from the output folder and the label.
struct RunPaths
{
    QString outputDir;
    QString label;
    QString record;      // LABEL-run.json
    QString log;         // LABEL.log
    QString json;        // LABEL-scalene.json
    QString html;        // LABEL-scalene.html
    QString text;        // LABEL-scalene.txt
    QString filareOut;   // LABEL-filare/
    QString baselineOut; // LABEL-baseline-filare/
    QString viewScratch; // .LABEL-view/ (scalene view writes a fixed file name in its cwd)
};
RunPaths runPaths(const QString &outputDir, const QString &label);

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
