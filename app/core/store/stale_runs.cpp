// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/stale_runs.h"

#include "core/process/proc_info.h"
#include "core/store/run_history.h"
#include "core/store/run_record_codec.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <QThreadPool>

#include <csignal>
#include <sys/types.h>

namespace fperf {

namespace {
constexpr int kAfterTerminateMs = 3000;
constexpr int kAfterKillMs = 2000;

// The live processes of the group when it is provably the run's; else none, and why.
QList<qint64> ourGroupMembers(qint64 pgid, qint64 leaderStartTicks, const QString &token,
                              QString *why)
{
    const QList<qint64> members = livePidsInGroup(pgid);
    if (members.isEmpty())
        return {};
    if (members.contains(pgid) && processStartTicks(pgid) != leaderStartTicks) {
        *why = QStringLiteral("process %1 is not the run's group leader any more (its pid was "
                              "reused); its group was left alone")
                   .arg(pgid);
        return {};
    }
    for (qint64 pid : members) {
        if (!processEnvironmentHas(pid, QLatin1String(kRunTokenVariable), token)) {
            *why = QStringLiteral("process %1 in group %2 does not carry the run's %3 token; "
                                  "the group was left alone")
                       .arg(pid)
                       .arg(pgid)
                       .arg(QLatin1String(kRunTokenVariable));
            return {};
        }
    }
    return members;
}

bool waitUntilGone(qint64 pgid, int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (!livePidsInGroup(pgid).isEmpty()) {
        if (clock.elapsed() > ms)
            return false;
        QThread::msleep(20);
    }
    return true;
}
} // namespace

QString StaleRun::message() const
{
    QString text = QStringLiteral("run %1 was left running by a filare-perf that is gone; it is "
                                  "now marked interrupted")
                       .arg(label);
    if (endedProcesses > 0)
        text += QStringLiteral(", and the %1 processes still running from it were ended")
                    .arg(endedProcesses);
    if (!leftAlone.isEmpty())
        text += QStringLiteral("; %1").arg(leftAlone);
    return text;
}

std::optional<StaleRun> recoverInterruptedRun(const QString &recordPath)
{
    // Cheap first look, as a folder without a history index may hold thousands of records.
    if (!mayBeRunningRecord(recordPath))
        return std::nullopt;
    const auto run = loadRunOwnership(recordPath, nullptr);
    if (!run || run->status != RunStatus::Running)
        return std::nullopt;
    if (isLiveRun(run->appPid, run->appStartTicks, run->bootId))
        return std::nullopt;

    StaleRun stale;
    stale.recordPath = recordPath;
    stale.label = run->label;
    const QString &token = run->runToken;
    const qint64 pgid = run->processGroup;
    const qint64 leaderTicks = run->processGroupStartTicks;
    // Older records have no token: nothing can be proved ours, so nothing is signalled.
    if (pgid > 0 && !token.isEmpty() && run->bootId == currentBootId()) {
        QString why;
        const QList<qint64> members = ourGroupMembers(pgid, leaderTicks, token, &why);
        if (!members.isEmpty()) {
            stale.endedProcesses = int(members.size());
            ::kill(-pid_t(pgid), SIGTERM);
            // Checked again before SIGKILL: the group may have ended and its number been reused.
            if (!waitUntilGone(pgid, kAfterTerminateMs) &&
                !ourGroupMembers(pgid, leaderTicks, token, &why).isEmpty()) {
                ::kill(-pid_t(pgid), SIGKILL);
                waitUntilGone(pgid, kAfterKillMs);
            }
        }
        stale.leftAlone = why;
    }

    // What the group does not hold: a container started by the run's engine client.
    int removedContainers = 0;
    if (run->bootId == currentBootId()) {
        if (const auto full = loadRunRecord(recordPath, nullptr)) {
            for (const ExecutedCommand &c : full->commands) {
                if (c.exitCode || c.spec.cleanupArgv.isEmpty())
                    continue;
                QProcess cleanup;
                cleanup.setProcessChannelMode(QProcess::MergedChannels);
                cleanup.start(c.spec.cleanupArgv.first(), c.spec.cleanupArgv.mid(1));
                if (cleanup.waitForFinished(30000) && cleanup.exitCode() == 0 &&
                    !cleanup.readAll().trimmed().isEmpty())
                    ++removedContainers; // podman names what it removed
            }
        }
    }

    QStringList warnings{QStringLiteral("filare-perf stopped while this run was going (killed or "
                                        "crashed); found by a later filare-perf and marked "
                                        "interrupted")};
    if (stale.endedProcesses > 0)
        warnings << QStringLiteral("%1 processes of the run were still running and were ended")
                        .arg(stale.endedProcesses);
    if (removedContainers > 0)
        warnings << QStringLiteral("its container was still running and was removed");
    if (!stale.leftAlone.isEmpty())
        warnings << stale.leftAlone;
    // A record we cannot rewrite is still shown as interrupted (computed when it is read).
    amendRunRecord(recordPath, RunStatus::Interrupted, warnings, nullptr);
    return stale;
}

QList<StaleRun> recoverInterruptedRuns(const QStringList &outputDirs)
{
    QList<StaleRun> out;
    QStringList seen;
    for (const QString &dirPath : outputDirs) {
        const QString canonical = QDir(dirPath).canonicalPath();
        if (canonical.isEmpty() || seen.contains(canonical))
            continue;
        seen << canonical;
        for (const QString &path : unfinishedRunRecords(canonical)) {
            if (auto stale = recoverInterruptedRun(path))
                out << *stale;
        }
    }
    return out;
}

void recoverInterruptedRunsInBackground(const QStringList &outputDirs)
{
    QThreadPool::globalInstance()->start([outputDirs] { recoverInterruptedRuns(outputDirs); });
}

} // namespace fperf
