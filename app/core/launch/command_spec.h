// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/enum_key.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

namespace fperf {

// One Q_NAMESPACE per namespace (moc), so the enum has its own.
namespace command_role_meta {
Q_NAMESPACE

// The names are machine keys in run records (enumKey, words joined by '-'): "html-report".
enum class CommandRole
{
    Baseline,
    Profile,
    Plain,
    HtmlReport,
    TextReport
};
Q_ENUM_NS(CommandRole)

} // namespace command_role_meta
using command_role_meta::CommandRole;

template <> struct EnumKeyStyle<CommandRole>
{
    static constexpr char separator = '-';
};

// The machine key ("html-report"): records and the CLI's messages.
QString commandRoleName(CommandRole role);
std::optional<CommandRole> commandRoleFromName(const QString &name);
// What the window shows ("HTML report"), translated.
QString commandRoleLabel(CommandRole role);

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
    // Removes what the command leaves behind when it is stopped hard (its container, which
    // outlives a killed engine client): run after a cancel, by the guardian when the app dies,
    // and by the next start's stale-run recovery. Empty: the process group is all there is.
    QStringList cleanupArgv;

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
    QString snapshot;    // .LABEL-scalene.snapshot.json: the last whole profile snapshot
};
RunPaths runPaths(const QString &outputDir, const QString &label);

// After a command ends: when it succeeded, moves what it wrote at renameFrom to renameTo
// (replacing an older file); its scratch folder goes either way. False when it failed or the
// move did not work. Commands without renameFrom only report `succeeded`.
bool completeCommandOutput(const CommandSpec &spec, bool succeeded);

} // namespace fperf
