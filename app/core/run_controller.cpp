// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run_controller.h"

#include "core/shell_quote.h"

#include <QDir>
#include <QFile>

namespace fperf {

namespace {
// Below this a profile is mostly noise: Scalene samples every cpu_rate seconds.
constexpr double kNoisyElapsedSec = 1.0;
constexpr int kFewSamples = 50;

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
    connect(&m_runner, &ProcessGroupRunner::line, this, [this](OutputStream s, const QString &t) {
        writeLog(t);
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
    m_mainDone = false;
    m_mainEnd = {};
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
        problem =
            QStringLiteral("cannot write the run record %1: %2").arg(run.plan.paths.record, error);
    if (!problem.isEmpty()) {
        m_record.status = RunStatus::Failed;
        m_record.warnings << problem;
        m_outcome.status = RunStatus::Failed;
        m_outcome.cliExitCode = exit_code::kUsage;
        m_record.ended = QDateTime::currentDateTime();
        writeRunRecord(m_record, run.plan.paths.record, nullptr);
        m_log.close();
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
        // Reports need a profile; nothing more runs after a cancel.
        if (m_cancelRequested || (isReportRole(spec.role) && (!m_record.profile.usable()))) {
            ++m_next;
            continue;
        }
        m_record.commands.append({spec, std::nullopt, 0});
        writeLog(QStringLiteral("$ cd %1 && %2").arg(shellQuote(spec.cwd), shellJoin(spec.argv)));
        m_runner.start(spec, m_run.environment);
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
        emit warning(QStringLiteral("%1 could not start: %2")
                         .arg(commandRoleName(spec.role), result.startError));
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
    } else if (isMainRole(spec.role)) {
        m_mainDone = true;
        m_mainEnd = {result.startFailed, result.crashExit, result.exitCode, result.cancelled};
        m_record.exitCode = result.startFailed || result.crashExit
                                ? std::nullopt
                                : std::optional<int>(result.exitCode);
        m_record.profiledSec = result.wallSec;
        if (spec.role == CommandRole::Profile)
            m_record.profile = loadProfileSummary(m_run.plan.paths.json);
    } else if (isReportRole(spec.role)) {
        bool ok = !result.startFailed && !result.crashExit && result.exitCode == 0 &&
                  result.stdoutFileError.isEmpty();
        if (ok && !spec.renameFrom.isEmpty()) {
            QFile::remove(spec.renameTo);
            ok = QFile::rename(spec.renameFrom, spec.renameTo);
        }
        if (!spec.renameFrom.isEmpty())
            QDir(QFileInfo(spec.renameFrom).absolutePath()).removeRecursively();
        if (!ok && !result.cancelled)
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

void RunController::finish()
{
    m_log.close();
    const bool profiled = m_run.record.settings.values.scalene.enabled;
    ProcessEnd end = m_mainEnd;
    if (!m_mainDone)
        end.cancelled = m_cancelRequested; // stopped during the baseline
    if (!m_mainDone && !end.cancelled)
        end.startFailed = true;
    m_outcome = classifyOutcome(end, profiled, m_record.profile.state);
    m_record.status = m_outcome.status;
    m_record.warnings << m_outcome.warnings;
    if (m_record.profile.usable()) {
        if (m_record.profile.elapsedSec < kNoisyElapsedSec ||
            m_record.profile.cpuSamples < kFewSamples)
            m_record.warnings << QStringLiteral("The profile is noisy: %1 s and %2 CPU samples; "
                                                "runs under about 1 s or with few samples "
                                                "are not reliable")
                                     .arg(m_record.profile.elapsedSec, 0, 'f', 2)
                                     .arg(m_record.profile.cpuSamples);
    }
    if (m_record.baselineSec && m_record.profiledSec && *m_record.baselineSec > 0 &&
        m_outcome.status == RunStatus::Succeeded) {
        m_record.overheadRatio = *m_record.profiledSec / *m_record.baselineSec;
        m_record.warnings << QStringLiteral("Profiling overhead: %1x (%2 s profiled vs %3 s "
                                            "plain)")
                                 .arg(*m_record.overheadRatio, 0, 'f', 2)
                                 .arg(*m_record.profiledSec, 0, 'f', 2)
                                 .arg(*m_record.baselineSec, 0, 'f', 2);
    }
    // A report that never ran (cancel, no profile) leaves no scratch folder behind.
    for (const CommandSpec &c : std::as_const(m_run.plan.commands)) {
        if (!c.renameFrom.isEmpty())
            QDir(QFileInfo(c.renameFrom).absolutePath()).removeRecursively();
    }
    if (m_cancelRequested && m_mainDone && !m_mainEnd.cancelled) {
        // The profile is whole; only its report was stopped.
        for (const CommandSpec &c : std::as_const(m_run.plan.commands)) {
            const QString report = c.renameTo.isEmpty() ? c.stdoutFile : c.renameTo;
            if (isReportRole(c.role) && !report.isEmpty() && !QFile::exists(report))
                m_record.warnings << QStringLiteral("Stopped before the report %1 was written; "
                                                    "the JSON profile %2 is kept")
                                         .arg(report, m_run.plan.paths.json);
        }
    }
    m_record.ended = QDateTime::currentDateTime();
    m_record.durationSec = m_record.started.msecsTo(m_record.ended) / 1000.0;
    saveRecord();
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
