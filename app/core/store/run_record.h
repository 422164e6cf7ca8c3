// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/launch/container_command.h"
#include "core/launch/scalene_command_builder.h"
#include "core/profile/scalene_profile.h"
#include "core/settings/settings_resolver.h"
#include "core/store/run_status.h"

#include <QDateTime>
#include <optional>

namespace fperf {

// A command as it ran: the spec plus how it ended.
struct ExecutedCommand
{
    CommandSpec spec;
    std::optional<int> exitCode; // empty: not finished or crashed
    double durationSec = 0;
};

// Everything about one run, kept next to its reports as LABEL-run.json.
struct RunRecord
{
    static constexpr int kFormatVersion = 1;

    QString label;
    RunStatus status = RunStatus::Running;
    QStringList projectFiles;
    QString outputDir;
    ResolvedSettings settings;
    std::optional<int> exitCode;
    QDateTime started;
    QDateTime ended;
    double durationSec = 0;
    QString interpreter;
    QString pythonVersion;
    QString scaleneVersion;
    QString filareVersion;
    // When Filare ran from a git checkout: its commit and whether it had local changes.
    QString filareCommit;
    std::optional<bool> filareDirty;
    QString dotVersion;
    // Set when the profile ran in a container: the engine, the image and its id.
    std::optional<ContainerTarget> container;
    qint64 appPid = 0; // filare-perf's pid, to tell a live run from an interrupted one
    // With appPid and the boot, names that one process: pids are reused.
    qint64 appStartTicks = 0;
    QString bootId;
    // FILARE_PERF_RUN=runToken is in every command's environment: a process carrying it is ours.
    QString runToken;
    // The process group of the command running now (its guardian leads it), so that a later
    // filare-perf can end what an app killed with its guardian left behind.
    qint64 processGroup = 0;
    qint64 processGroupStartTicks = 0;
    QList<ExecutedCommand> commands;
    RunPaths paths;
    ProfileSummary profile;
    std::optional<double> overheadRatio;
    std::optional<double> baselineSec;
    std::optional<double> profiledSec;
    QStringList warnings;
};

// The file API of the record; run_record_codec.cpp, its one codec, implements it.

// Writes through QSaveFile: readers see the old record or the new one, never a torn file.
bool writeRunRecord(const RunRecord &record, const QString &path, QString *error);

// The environment variable that carries RunRecord::runToken to every process of a run.
inline constexpr char kRunTokenVariable[] = "FILARE_PERF_RUN";

// Creates the record file only if the label is still free (O_EXCL), so two runs can never
// share a label.
bool claimRunRecord(const QString &path, QString *error);

// Reads a whole record back (settings values and sources, commands, figures, top lines).
std::optional<RunRecord> loadRunRecord(const QString &path, QString *error);

} // namespace fperf
