// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/run_controller.h"

#include "core/run/finish_rules.h"
#include "core/util/shell_quote.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>

namespace fperf {

namespace {
bool isMainRole(CommandRole role)
{
    return role == CommandRole::Profile || role == CommandRole::Plain;
}
bool isReportRole(CommandRole role)
{
    return role == CommandRole::HtmlReport || role == CommandRole::TextReport;
}
} // namespace

RunController::RunController(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (!isActive(m_state))
            return;
        m_timedOut = true;
        writeLog(QStringLiteral("# timed out after %1 s (FIL_PERF_TIMEOUT): stopping as Stop does")
                     .arg(m_run.record.settings.values.timeoutSec));
        cancel();
    });
    connect(&m_snapshots, &ProfileSnapshotKeeper::snapshotKept, this,
            &RunController::profileSnapshot);
    connect(&m_runner, &ProcessGroupRunner::line, this, [this](OutputStream s, const QString &t) {
        writeLog(t);
        if (m_next < m_run.plan.commands.size() &&
            isMainRole(m_run.plan.commands.at(m_next).role)) {
            m_mainTail << t;
            if (m_mainTail.size() > 60)
                m_mainTail.removeFirst();
        }
        emit outputLine(s, t);
    });
    connect(&m_runner, &ProcessGroupRunner::finished, this, &RunController::onCommandFinished);
}

RunController::~RunController() = default;

bool RunController::canTransition(State from, State to)
{
    switch (from) {
    case State::Idle:
    case State::Finished:
    case State::Failed:
    case State::Cancelled:
        return to == State::Starting;
    case State::Starting:
        return to == State::Running || to == State::Stopping || to == State::Failed;
    case State::Running:
        return to == State::Stopping || to == State::Finished || to == State::Failed;
    case State::Stopping:
        return to == State::Cancelled || to == State::Failed || to == State::Finished;
    }
    return false;
}

QString RunController::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return QStringLiteral("idle");
    case State::Starting:
        return QStringLiteral("starting");
    case State::Running:
        return QStringLiteral("running");
    case State::Stopping:
        return QStringLiteral("stopping");
    case State::Finished:
        return QStringLiteral("finished");
    case State::Failed:
        return QStringLiteral("failed");
    case State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

void RunController::setGracePeriods(int afterInterruptMs, int afterTerminateMs)
{
    m_runner.setGracePeriods(afterInterruptMs, afterTerminateMs);
}

void RunController::setState(State next)
{
    Q_ASSERT(canTransition(m_state, next));
    m_state = next;
    emit stateChanged(next);
}

bool RunController::start(const PreparedRun &run)
{
    if (!canStart() || !run.ok())
        return false;
    m_run = run;
    m_record = run.record;
    m_outcome = {};
    m_next = 0;
    m_cancelRequested = false;
    m_timedOut = false;
    m_mainDone = false;
    m_profileRetried = false;
    m_mainEnd = {};
    m_mainTail.clear();
    setState(State::Starting);

    QString problem;
    for (const QString &dir : run.plan.directories) {
        if (!QDir().mkpath(dir)) {
            problem = QStringLiteral("cannot create folder %1; check permissions and free space")
                          .arg(dir);
            break;
        }
    }
    m_log.setFileName(run.plan.paths.log);
    if (problem.isEmpty() &&
        !m_log.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        problem = QStringLiteral("cannot write the log %1: %2")
                      .arg(m_log.fileName(), m_log.errorString());
    }
    QString error;
    if (problem.isEmpty() && !writeRunRecord(m_record, run.plan.paths.record, &error))
        problem = QStringLiteral("cannot write the run record %1 (%2); free some space there, "
                                 "fix the folder's permissions or choose another output folder "
                                 "(--output-dir or FIL_PERF_OUTPUT_DIR)")
                      .arg(run.plan.paths.record, error);
    if (!problem.isEmpty()) {
        m_record.status = RunStatus::Failed;
        m_record.warnings << problem;
        m_outcome.status = RunStatus::Failed;
        m_outcome.cliExitCode = exit_code::kUsage;
        m_record.ended = QDateTime::currentDateTime();
        m_log.close();
        // Nothing ran: if even the failed record cannot be written, take back what this run
        // created (the claimed empty record, an empty log, empty folders), so that no empty or
        // torn file is left behind.
        if (!writeRunRecord(m_record, run.plan.paths.record, nullptr)) {
            for (const QString &path : {run.plan.paths.record, run.plan.paths.log}) {
                if (QFileInfo(path).isFile() && QFileInfo(path).size() == 0)
                    QFile::remove(path);
            }
            for (const QString &dir : run.plan.directories) {
                if (dir != run.plan.paths.outputDir)
                    QDir().rmdir(dir); // only removes it if empty
            }
        }
        emit warning(problem);
        setState(State::Failed);
        emit runFinished(m_record);
        return true;
    }
    for (const QString &w : std::as_const(m_record.warnings))
        writeLog(QStringLiteral("# warning: %1").arg(w));
    if (m_cancelRequested) {
        // Cancelled from a slot of stateChanged(Starting): nothing runs.
        writeLog(QStringLiteral("# cancel requested before any command started"));
        finish();
        return true;
    }
    setState(State::Running);
    runNext();
    return true;
}

void RunController::cancel()
{
    if (m_state == State::Running || m_state == State::Starting) {
        m_cancelRequested = true;
        setState(State::Stopping);
        writeLog(QStringLiteral("# cancel requested: SIGINT to the process group, then SIGTERM, "
                                "then SIGKILL"));
        m_runner.cancel();
    } else if (m_state == State::Stopping) {
        m_runner.cancel(); // escalate
    }
}

void RunController::runNext()
{
    const QList<CommandSpec> &commands = m_run.plan.commands;
    while (m_next < commands.size()) {
        const CommandSpec &spec = commands.at(m_next);
        // Reports need a profile of a whole run: a cancelled, failed or crashed run keeps only
        // its partial JSON profile, so that no partial report looks complete. Whether the
        // profile is complete is known once it is parsed (alongside the report); `{}` and no
        // file at all are known at once.
        const bool mainFailed =
            m_mainDone && (m_mainEnd.startFailed || m_mainEnd.crashExit || m_mainEnd.exitCode != 0);
        if (m_cancelRequested ||
            (isReportRole(spec.role) && (!profileMayBeUsable() || mainFailed))) {
            ++m_next;
            continue;
        }
        m_record.commands.append({spec, std::nullopt, 0});
        writeLog(QStringLiteral("$ cd %1 && %2").arg(shellQuote(spec.cwd), shellJoin(spec.argv)));
        m_runner.start(spec, m_run.environment);
        if (isMainRole(spec.role) && m_run.record.settings.values.timeoutSec > 0 &&
            !m_timeout.isActive())
            m_timeout.start(m_run.record.settings.values.timeoutSec * 1000);
        // Scalene rewrites its profile in place every interval: each whole one is kept.
        if (spec.role == CommandRole::Profile &&
            spec.argv.contains(QStringLiteral("--profile-interval")))
            m_snapshots.start(m_run.plan.paths.json, m_run.plan.paths.snapshot);
        // The group is recorded so that a later filare-perf can end it if we die with its
        // guardian; the leader's start time tells it from a process that reuses the pid.
        m_record.processGroup = m_runner.processGroup();
        m_record.processGroupStartTicks = processStartTicks(m_record.processGroup);
        saveRecord();
        // After the start, so that a slot that cancels has a command to stop.
        emit commandStarted(spec);
        return;
    }
    finish();
}

void RunController::onCommandFinished(const ProcessResult &result)
{
    const CommandSpec spec = m_run.plan.commands.at(m_next);
    m_record.processGroup = 0;
    m_record.processGroupStartTicks = 0;
    ExecutedCommand &executed = m_record.commands.last();
    executed.durationSec = result.wallSec;
    if (!result.startFailed && !result.crashExit)
        executed.exitCode = result.exitCode;
    ++m_next;

    if (result.startFailed) {
        writeLog(QStringLiteral("# could not start: %1").arg(result.startError));
        // In the record too, so the CLI summary and the report say why nothing ran.
        const QString why = QStringLiteral("The %1 command could not start: %2")
                                .arg(commandRoleName(spec.role), result.startError);
        m_record.warnings << why;
        emit warning(why);
    } else {
        writeLog(QStringLiteral("# %1 ended: %2 after %3 s")
                     .arg(commandRoleName(spec.role),
                          result.crashExit ? QStringLiteral("killed by a signal")
                                           : QStringLiteral("exit code %1").arg(result.exitCode))
                     .arg(result.wallSec, 0, 'f', 2));
    }

    if (spec.role == CommandRole::Baseline) {
        if (!result.startFailed && !result.crashExit && result.exitCode == 0)
            m_record.baselineSec = result.wallSec;
        else if (!result.cancelled)
            m_record.warnings << QStringLiteral("The plain baseline run failed (see the log); "
                                                "no overhead ratio");
    } else if (const FinishDecision retry = spec.role == CommandRole::Profile
                                                ? decideFinish(mainEndFacts(result))
                                                : FinishDecision{};
               retry.retryProfile) {
        // Both attempts stay in the record.
        m_profileRetried = true;
        m_mainTail.clear();
        --m_next;
        m_record.warnings << retry.recordWarnings;
        for (const QString &note : retry.outcome.warnings) {
            writeLog(QStringLiteral("# ") + note);
            emit warning(note);
        }
    } else if (isMainRole(spec.role)) {
        m_mainDone = true;
        m_timeout.stop();
        m_mainEnd = {result.startFailed, result.crashExit, result.exitCode, result.cancelled,
                     result.cancelled && m_timedOut};
        m_record.exitCode = result.startFailed || result.crashExit
                                ? std::nullopt
                                : std::optional<int>(result.exitCode);
        m_record.profiledSec = result.wallSec;
        if (spec.role == CommandRole::Profile) {
            m_snapshots.stop();
            m_profileSummary = std::async(std::launch::async, settleProfile, m_run.plan.paths.json,
                                          m_run.plan.paths.snapshot, 5);
        }
    } else if (isReportRole(spec.role)) {
        collectProfileSummary();
        bool ok = !result.startFailed && !result.crashExit && result.exitCode == 0 &&
                  result.stdoutFileError.isEmpty();
        if (ok && !spec.renameFrom.isEmpty()) {
            QFile::remove(spec.renameTo);
            ok = QFile::rename(spec.renameFrom, spec.renameTo);
        }
        if (!spec.renameFrom.isEmpty())
            QDir(QFileInfo(spec.renameFrom).absolutePath()).removeRecursively();
        if (!ok && !result.cancelled && m_record.profile.usable())
            m_record.warnings << QStringLiteral("The %1 could not be written (see the log); the "
                                                "JSON profile %2 is kept")
                                     .arg(spec.role == CommandRole::HtmlReport
                                              ? QStringLiteral("HTML report")
                                              : QStringLiteral("text report"),
                                          m_run.plan.paths.json);
    }
    if (result.cancelled)
        m_cancelRequested = true;
    runNext();
}

void RunController::collectProfileSummary()
{
    if (m_profileSummary.valid())
        m_record.profile = m_profileSummary.get();
}

bool RunController::profileMayBeUsable() const
{
    if (m_record.profile.usable())
        return true;
    if (!m_profileSummary.valid())
        return false;
    const QFileInfo json(m_run.plan.paths.json);
    // `{}` is Scalene's answer to a run too short; any real profile is kilobytes.
    return json.exists() && json.size() > 16;
}

FinishFacts RunController::mainEndFacts(const ProcessResult &result) const
{
    FinishFacts f;
    f.profiled = m_run.record.settings.values.scalene.enabled;
    f.mainDone = true;
    f.mainEnd = {result.startFailed, result.crashExit, result.exitCode, result.cancelled};
    f.mainWallSec = result.wallSec;
    f.importRace = isScaleneImportRace(m_mainTail);
    f.profileRetried = m_profileRetried;
    return f;
}

FinishFacts RunController::finishFacts() const
{
    FinishFacts f;
    const PerformanceSettings &settings = m_run.record.settings.values;
    f.profiled = settings.scalene.enabled;
    f.mainDone = m_mainDone;
    f.mainEnd = m_mainEnd;
    f.mainWallSec = m_record.profiledSec.value_or(0);
    f.cancelRequested = m_cancelRequested;
    f.timeoutSec = settings.timeoutSec;
    for (const CommandSpec &c : m_run.plan.commands)
        f.snapshotsOn = f.snapshotsOn || (c.role == CommandRole::Profile &&
                                          c.argv.contains(QStringLiteral("--profile-interval")));
    f.importRace = isScaleneImportRace(m_mainTail);
    f.profileRetried = m_profileRetried;
    f.pythonError = pythonErrorLine(m_mainTail);
    f.scopeNarrowed =
        !settings.scalene.profileOnly.isEmpty() || !settings.scalene.profileExclude.isEmpty();
    f.profile = m_record.profile;
    if (const QStorageInfo disk(m_run.plan.paths.outputDir); disk.isValid())
        f.freeBytes = disk.bytesAvailable();
    f.baselineSec = m_record.baselineSec;
    f.profiledSec = m_record.profiledSec;
    for (const CommandSpec &c : std::as_const(m_run.plan.commands)) {
        const QString report = c.renameTo.isEmpty() ? c.stdoutFile : c.renameTo;
        if (isReportRole(c.role) && !report.isEmpty() && !QFile::exists(report))
            f.reportsNotWritten << report;
    }
    f.outputDir = m_run.plan.paths.outputDir;
    f.logPath = m_run.plan.paths.log;
    f.jsonPath = m_run.plan.paths.json;
    return f;
}

void RunController::finish()
{
    m_timeout.stop();
    m_snapshots.stop();
    collectProfileSummary();
    m_log.close();
    // A report that never ran (cancel, no profile) leaves no scratch folder behind.
    for (const CommandSpec &c : std::as_const(m_run.plan.commands)) {
        if (!c.renameFrom.isEmpty())
            QDir(QFileInfo(c.renameFrom).absolutePath()).removeRecursively();
    }
    const FinishDecision decision = decideFinish(finishFacts());
    m_outcome = decision.outcome;
    m_record.status = m_outcome.status;
    m_record.warnings << decision.recordWarnings;
    if (decision.removeProfile && !QFile::remove(m_run.plan.paths.json))
        m_record.warnings.removeOne(profileRemovedWarning(m_run.plan.paths.json));
    m_record.overheadRatio = decision.overheadRatio;
    m_record.profile.partial = decision.profilePartial;
    m_record.ended = QDateTime::currentDateTime();
    m_record.durationSec = m_record.started.msecsTo(m_record.ended) / 1000.0;
    QString error;
    if (!writeRunRecord(m_record, m_run.plan.paths.record, &error)) {
        const FinishDecision failed = recordNotWritten(decision, m_run.plan.paths.record, error);
        m_record.warnings << failed.recordWarnings.mid(decision.recordWarnings.size());
        m_outcome = failed.outcome;
        m_record.status = m_outcome.status;
    }
    for (const QString &w : std::as_const(m_outcome.warnings))
        emit warning(w);

    switch (m_outcome.status) {
    case RunStatus::Succeeded:
        setState(State::Finished);
        break;
    case RunStatus::Cancelled:
        if (m_state == State::Running)
            setState(State::Stopping); // the group ended on its own signal
        setState(State::Cancelled);
        break;
    default:
        setState(State::Failed);
        break;
    }
    emit runFinished(m_record);
}

void RunController::writeLog(const QString &text)
{
    if (m_log.isOpen())
        m_log.write(text.toUtf8() + '\n');
}

void RunController::saveRecord()
{
    QString error;
    if (!writeRunRecord(m_record, m_run.plan.paths.record, &error))
        emit warning(QStringLiteral("cannot update the run record %1: %2")
                         .arg(m_run.plan.paths.record, error));
}

} // namespace fperf
