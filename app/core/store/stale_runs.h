// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace fperf {

// What recovering one stale record did.
struct StaleRun
{
    QString recordPath;
    QString label;
    int endedProcesses = 0; // processes of its group that were still running and were ended
    QString leftAlone;      // why a live group was not touched; empty when there was none

    QString message() const; // one line for the user
};

// A record left "running" by a filare-perf that is gone (killed, crashed, machine restarted) is
// rewritten as "interrupted". If the process group of its last command is still alive (its
// guardian died too), the group is ended, SIGTERM then SIGKILL, but only when it is provably
// the run's: its leader started when the record says, and every process in it carries the
// run's token (FILARE_PERF_RUN). A stranger that reuses a pid is never signalled.
// Returns nothing when the record is not stale.
std::optional<StaleRun> recoverInterruptedRun(const QString &recordPath);

// The same for every stale record in these folders (only records the history index does not
// know as finished are read).
QList<StaleRun> recoverInterruptedRuns(const QStringList &outputDirs);

// The same on a worker thread, so the window's start-up does not wait for it.
void recoverInterruptedRunsInBackground(const QStringList &outputDirs);

} // namespace fperf
