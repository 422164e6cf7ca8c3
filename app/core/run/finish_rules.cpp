// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/finish_rules.h"

namespace fperf {

namespace {
// Below this a profile is mostly noise: Scalene samples every cpu_rate seconds.
constexpr double kNoisyElapsedSec = 1.0;
constexpr int kFewSamples = 50;
// Below this share of the run's wall time, a profile with snapshots says what they cost.
constexpr double kSnapshotCostShare = 0.8;
// Below this, files of a run are likely cut short: say so instead of leaving the user guessing.
constexpr qint64 kFullDiskBytes = 1024 * 1024;
// The import race kills Scalene while it starts; a longer run failed for another reason.
constexpr double kImportRaceMaxSec = 10;

bool importRaceRetry(const FinishFacts &f)
{
    const ProcessEnd &e = f.mainEnd;
    return f.profiled && f.mainDone && !f.profileRetried && !e.cancelled && !e.crashExit &&
           e.exitCode != 0 && f.mainWallSec < kImportRaceMaxSec && f.importRace;
}
} // namespace

QString profileRemovedWarning(const QString &jsonPath)
{
    return QStringLiteral("Scalene's profile %1 was cut short and was removed").arg(jsonPath);
}

FinishDecision decideFinish(const FinishFacts &f)
{
    FinishDecision d;
    if (importRaceRetry(f)) {
        // Scalene died of its own import race before Filare ran: once more.
        d.retryProfile = true;
        const QString note = QStringLiteral("Scalene crashed while starting (a KeyError inside "
                                            "importlib, a race in Scalene itself); the profile "
                                            "was run once more");
        d.outcome.warnings << note;
        d.recordWarnings << note;
        return d;
    }

    ProcessEnd end = f.mainEnd;
    if (!f.mainDone)
        end.cancelled = f.cancelRequested; // stopped during the baseline
    if (!f.mainDone && !end.cancelled)
        end.startFailed = true;
    d.outcome = classifyOutcome(end, f.profiled, f.profile.state);
    const RunStatus status = d.outcome.status;
    QStringList &w = d.recordWarnings;
    w << d.outcome.warnings;

    if (status == RunStatus::Failed && f.mainDone && !end.startFailed && !f.pythonError.isEmpty())
        w << QStringLiteral("Filare's error: %1; fix that in the project, the log %2 has the "
                            "whole output")
                 .arg(f.pythonError, f.logPath);
    if (status == RunStatus::TooShort && f.scopeNarrowed)
        w << QStringLiteral("--profile-only / --profile-exclude may leave none of the code that "
                            "ran in scope; check them, or leave them empty for Filare's own code");
    if (status != RunStatus::Succeeded && status != RunStatus::Cancelled &&
        status != RunStatus::TimedOut && f.freeBytes && *f.freeBytes < kFullDiskBytes) {
        w << QStringLiteral("The disk of %1 is full (%2 KB free): files of this run may be "
                            "missing or cut short; free some space there or choose another "
                            "output folder (--output-dir or FIL_PERF_OUTPUT_DIR)")
                 .arg(f.outputDir)
                 .arg(*f.freeBytes / 1024);
        // A profile cut short by the full disk is of no use and must not pass for one.
        if (f.profile.state == ProfileState::Unreadable) {
            d.removeProfile = true;
            w << profileRemovedWarning(f.jsonPath);
        }
    }
    if (const ProfileSummary &p = f.profile; p.usable()) {
        // Scalene 1.5.x does not count samples: judged by the time alone.
        const QString samples =
            p.cpuSamplesKnown ? QStringLiteral(" and %1 CPU samples").arg(p.cpuSamples) : QString();
        if (p.elapsedSec < kNoisyElapsedSec || (p.cpuSamplesKnown && p.cpuSamples < kFewSamples))
            w << QStringLiteral("The profile is noisy: %1 s%2; runs under about 1 s or with few "
                                "samples are not reliable")
                     .arg(p.elapsedSec, 0, 'f', 2)
                     .arg(samples);
    }
    if (status == RunStatus::TimedOut)
        w << QStringLiteral("Timed out: stopped after %1 s (FIL_PERF_TIMEOUT / --timeout); a "
                            "longer timeout, or 0, lets it finish")
                 .arg(f.timeoutSec);
    // What a profile covers when it is not the whole run, and why nothing was kept.
    const bool endedEarly = status == RunStatus::Cancelled || status == RunStatus::TimedOut ||
                            status == RunStatus::Failed || status == RunStatus::Crashed;
    const QString runSec = f.profiledSec
                               ? QStringLiteral(" of the %1 s run").arg(*f.profiledSec, 0, 'f', 1)
                               : QString();
    if (f.profiled && f.mainDone && f.profile.usable() && (endedEarly || f.profile.fromSnapshot)) {
        d.profilePartial = true;
        const QString why =
            f.profile.fromSnapshot
                ? QStringLiteral("the last whole snapshot, as Scalene's final write was missing "
                                 "or cut short")
                : QStringLiteral("the run ended early");
        w << QStringLiteral("The profile is partial: it covers %1 s%2 (%3)")
                 .arg(f.profile.elapsedSec, 0, 'f', 1)
                 .arg(runSec, why);
    }
    // Scalene stops its clock while it writes a snapshot (2.4): the profiled time leaves the
    // writes out, and what is missing of the run's time is mostly their cost.
    if (f.snapshotsOn && f.profile.usable() && !d.profilePartial && f.profiledSec &&
        f.profile.elapsedSec < kSnapshotCostShare * *f.profiledSec) {
        w << QStringLiteral("The profile covers %1 s of the %2 s run: Scalene stops its clock "
                            "while it writes a snapshot, so most of the other %3 s went to "
                            "writing snapshots. A longer snapshot interval "
                            "(FIL_PERF_SCALENE_PROFILE_INTERVAL), or 0, costs less")
                 .arg(f.profile.elapsedSec, 0, 'f', 1)
                 .arg(*f.profiledSec, 0, 'f', 1)
                 .arg(*f.profiledSec - f.profile.elapsedSec, 0, 'f', 1);
    }
    if (!d.profilePartial && f.profiled && f.mainDone &&
        (status == RunStatus::Cancelled || status == RunStatus::TimedOut)) {
        w << (f.snapshotsOn ? QStringLiteral("Stopped before Scalene wrote its first "
                                             "snapshot: no profile was kept")
                            : QStringLiteral("Stopped before Scalene wrote a profile; set a "
                                             "snapshot interval (FIL_PERF_SCALENE_PROFILE_"
                                             "INTERVAL, --profile-interval) to keep one from "
                                             "before a stop"));
    }
    if (f.baselineSec && f.profiledSec && *f.baselineSec > 0 && status == RunStatus::Succeeded) {
        d.overheadRatio = *f.profiledSec / *f.baselineSec;
        w << QStringLiteral("Profiling overhead: %1x (%2 s profiled vs %3 s plain)")
                 .arg(*d.overheadRatio, 0, 'f', 2)
                 .arg(*f.profiledSec, 0, 'f', 2)
                 .arg(*f.baselineSec, 0, 'f', 2);
    }
    if (f.cancelRequested && f.mainDone && !f.mainEnd.cancelled) {
        // The profile is whole; only its report was stopped.
        for (const QString &report : f.reportsNotWritten)
            w << QStringLiteral("Stopped before the report %1 was written; the JSON profile %2 "
                                "is kept")
                     .arg(report, f.jsonPath);
    }
    return d;
}

FinishDecision recordNotWritten(FinishDecision d, const QString &recordPath, const QString &error)
{
    // The record on disk still says "running" (it reads as interrupted later).
    const QString problem =
        QStringLiteral("The run record %1 could not be updated (%2), so it does not show how the "
                       "run ended; free some space there or choose another output folder "
                       "(--output-dir or FIL_PERF_OUTPUT_DIR) and run again")
            .arg(recordPath, error);
    d.recordWarnings << problem;
    d.outcome.warnings << problem;
    if (d.outcome.cliExitCode == exit_code::kSuccess) {
        d.outcome.status = RunStatus::Failed;
        d.outcome.cliExitCode = exit_code::kUsage;
    }
    return d;
}

} // namespace fperf
