// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile.h"
#include "core/run/run_outcome.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace fperf {

// What is known when a run's main command (profile or plain) ends, and when the run ends.
// RunController gathers these (from the processes, the files and the disk); decideFinish holds
// every rule on them, so that the controller only sequences.
struct FinishFacts
{
    bool profiled = true;         // under Scalene (else Filare ran alone)
    bool mainDone = false;        // the main command ran to its end (else stopped before it)
    ProcessEnd mainEnd;           // how it ended, when mainDone
    double mainWallSec = 0;       // how long it ran
    bool cancelRequested = false; // the user asked to stop at some point
    bool importRace = false;      // its last lines show Scalene's import race (isScaleneImportRace)
    bool profileRetried = false;  // the profile already ran once more for that race
    QString pythonError;          // pythonErrorLine of its last lines
    bool scopeNarrowed = false;   // --profile-only or --profile-exclude set
    bool snapshotsOn = false;     // the profile command writes snapshots (--profile-interval)
    int timeoutSec = 0;           // FIL_PERF_TIMEOUT
    ProfileSummary profile;
    std::optional<qint64> freeBytes; // on the output folder's disk; unknown when not given
    std::optional<double> baselineSec;
    std::optional<double> profiledSec;
    QStringList reportsNotWritten; // text/HTML reports of the plan that are not on disk
    QString outputDir;
    QString logPath;
    QString jsonPath;
};

struct FinishDecision
{
    // Run the profile once more (its attempt stays in the record); nothing else is decided.
    bool retryProfile = false;
    Outcome outcome;            // status, exit code, and the warnings to show at once
    QStringList recordWarnings; // added to the record, in this order (outcome's included)
    // Delete the JSON profile: it was cut short by a full disk. If that fails, the warning
    // saying it was removed (profileRemovedWarning) must be taken back.
    bool removeProfile = false;
    std::optional<double> overheadRatio;
    // The kept profile covers only part of the run (stopped, timed out, failed, crashed).
    bool profilePartial = false;
};

// Pure. Called when the profile command ends (only retryProfile counts then) and at the end.
FinishDecision decideFinish(const FinishFacts &facts);

// Pure: the final record could not be written, so it still says "running": the run is no success.
FinishDecision recordNotWritten(FinishDecision decision, const QString &recordPath,
                                const QString &error);

QString profileRemovedWarning(const QString &jsonPath);

} // namespace fperf
