// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace fperf {

// Live processes whose process group is pgid (zombies excluded), read from /proc.
QList<qint64> livePidsInGroup(qint64 pgid);

// When a live process started, in clock ticks since boot (field 22 of /proc/PID/stat); 0 when
// there is no such process or it is a zombie. With the pid it names one process: pids are reused.
qint64 processStartTicks(qint64 pid);

// This boot's id (/proc/sys/kernel/random/boot_id): a pid of an earlier boot names nothing now.
QString currentBootId();

// Whether the process's environment holds NAME=VALUE exactly (false when it cannot be read,
// e.g. another user's process).
bool processEnvironmentHas(qint64 pid, const QString &name, const QString &value);

// filare-perf-guardian next to the running program, or empty when it is not there.
QString guardianProgram();
// The guardian's cleanup command (CommandSpec::cleanupArgv, words joined by U+001F), run when
// filare-perf dies: a container outlives the killed engine client that started it.
inline constexpr char kGuardianCleanupVariable[] = "FILARE_PERF_CLEANUP";
// filare-perf next to the running program (the tests run beside it), or empty.
QString filarePerfProgram();

} // namespace fperf
