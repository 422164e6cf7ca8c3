// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile.h"
#include "core/store/run_status.h"

#include <QString>
#include <QStringList>

namespace fperf {

// How the main command (Scalene, or Filare alone) ended.
struct ProcessEnd
{
    bool startFailed = false; // never ran (e.g. interpreter vanished)
    bool crashExit = false;   // killed by a signal Qt saw
    int exitCode = 0;
    bool cancelled = false; // the user asked to stop
    bool timedOut = false;  // ...or rather the timeout (FIL_PERF_TIMEOUT) did
};

struct Outcome
{
    RunStatus status = RunStatus::Failed;
    QStringList warnings;
    int cliExitCode = 4; // see filare-perf run's exit codes
};

// Pure: from the exit of the main command and the profile it left.
Outcome classifyOutcome(const ProcessEnd &end, bool profiled, ProfileState profile);

// The last "SomeError: message" line among a Python program's last output lines (the end of
// its traceback), joined with the lines rich wrapped it into; empty when there is none.
QString pythonErrorLine(const QStringList &lines);

// Scalene 2.4 sometimes dies while importing the profiled program: a KeyError from importlib's
// module locks, raised through Scalene's exec replacement (a race inside Scalene, not the
// program's fault). True when the output's last lines show that.
bool isScaleneImportRace(const QStringList &lines);

// Exit codes of `filare-perf run`.
namespace exit_code {
constexpr int kSuccess = 0;
constexpr int kUsage = 2;
constexpr int kToolsMissing = 3;
constexpr int kFilareFailed = 4;
constexpr int kNoProfile = 5;
constexpr int kCancelled = 130;
constexpr int kTimedOut = 124; // as timeout(1)
} // namespace exit_code

} // namespace fperf
