// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/process/process_group_runner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace fperf {

namespace {
// A line longer than this is passed on in pieces so a child without newlines cannot grow
// memory without bound.
constexpr qsizetype kMaxLineLength = 64 * 1024;

QString stripTerminalEscapes(QString text)
{
    static const QRegularExpression re(QStringLiteral("\x1b\\[[0-9;?]*[A-Za-z]"));
    return text.remove(re);
}
} // namespace

ProcessGroupRunner::ProcessGroupRunner(QObject *parent) : QObject(parent)
{
    m_escalation.setSingleShot(true);
    connect(&m_escalation, &QTimer::timeout, this, &ProcessGroupRunner::escalate);
}

ProcessGroupRunner::~ProcessGroupRunner()
{
    if (m_process) {
        // Nothing may outlive its owner.
        m_process->disconnect(this);
        signalGroup(SIGKILL);
        m_process->waitForFinished(3000);
        reapGroup();
    }
    // A container outlives its killed engine client: removed before we go.
    if (m_cleanup)
        m_cleanup->waitForFinished(15000);
    else if (!m_cleanupArgv.isEmpty() && m_pgid > 0)
        QProcess::execute(m_cleanupArgv.first(), m_cleanupArgv.mid(1));
}

void ProcessGroupRunner::setGracePeriods(int afterInterruptMs, int afterTerminateMs)
{
    m_afterInterruptMs = afterInterruptMs;
    m_afterTerminateMs = afterTerminateMs;
}

void ProcessGroupRunner::start(const CommandSpec &spec, const QProcessEnvironment &baseEnvironment)
{
    Q_ASSERT(!m_process);
    m_stage = Stage::Running;
    m_cancelled = false;
    m_pgid = 0;
    m_cleanupArgv = spec.cleanupArgv;
    m_out = {};
    m_err = {};
    m_process = std::make_unique<QProcess>();
    QProcess *p = m_process.get();

    QProcessEnvironment env = baseEnvironment;
    for (const QString &name : spec.envRemoved)
        env.remove(name);
    for (auto it = spec.envChanges.begin(); it != spec.envChanges.end(); ++it)
        env.insert(it.key(), it.value());
    // The guardian runs the cleanup when we die (it is not passed on to the command).
    if (!spec.cleanupArgv.isEmpty())
        env.insert(QLatin1String(kGuardianCleanupVariable), spec.cleanupArgv.join(QChar(0x1f)));
    p->setProcessEnvironment(env);
    p->setWorkingDirectory(spec.cwd);
    p->setChildProcessModifier([] { ::setsid(); });
    // With the guardian, our end of its stdin pipe stays open for as long as we live: when it
    // closes (even because we were killed) the guardian ends the group.
    const QString guardian = guardianProgram();
    if (guardian.isEmpty())
        p->setStandardInputFile(QProcess::nullDevice());

    if (!spec.stdoutFile.isEmpty()) {
        m_stdoutFile = std::make_unique<QSaveFile>(spec.stdoutFile);
        if (!m_stdoutFile->open(QIODevice::WriteOnly)) {
            ProcessResult r;
            r.startFailed = true;
            r.startError = QStringLiteral("cannot write %1: %2")
                               .arg(spec.stdoutFile, m_stdoutFile->errorString());
            m_stdoutFile.reset();
            m_process.reset();
            QMetaObject::invokeMethod(
                this, [this, r] { emit finished(r); }, Qt::QueuedConnection);
            return;
        }
    }

    connect(p, &QProcess::readyReadStandardOutput, this,
            [this] { readStream(OutputStream::Stdout, false); });
    connect(p, &QProcess::readyReadStandardError, this,
            [this] { readStream(OutputStream::Stderr, false); });
    connect(p, &QProcess::finished, this, &ProcessGroupRunner::onFinished);
    connect(p, &QProcess::errorOccurred, this, &ProcessGroupRunner::onError);
    connect(p, &QProcess::started, this, [this] { m_pgid = m_process->processId(); });

    m_clock.start();
    if (guardian.isEmpty())
        p->start(spec.argv.value(0), spec.argv.mid(1));
    else
        p->start(guardian, spec.argv);
    if (p->processId() > 0)
        m_pgid = p->processId(); // setsid made the child its group's leader
}

void ProcessGroupRunner::cancel()
{
    if (!m_process)
        return;
    m_cancelled = true;
    escalate();
}

void ProcessGroupRunner::escalate()
{
    if (!m_process)
        return;
    if (m_pgid <= 0) {
        // Not started yet: there is no group to signal; kill the QProcess itself.
        m_process->kill();
        return;
    }
    switch (m_stage) {
    case Stage::Running:
        m_stage = Stage::InterruptSent;
        signalGroup(SIGINT);
        m_escalation.start(m_afterInterruptMs);
        break;
    case Stage::InterruptSent:
        m_stage = Stage::TerminateSent;
        signalGroup(SIGTERM);
        m_escalation.start(m_afterTerminateMs);
        break;
    case Stage::TerminateSent:
    case Stage::KillSent: // a further cancel sends SIGKILL again
        m_stage = Stage::KillSent;
        signalGroup(SIGKILL);
        break;
    }
}

void ProcessGroupRunner::signalGroup(int signal)
{
    if (m_pgid <= 0)
        return;
    // Just after the fork the child may not have called setsid() yet: no such group, so the
    // signal would be lost. Then the child itself gets it, while it is not yet reaped (its pid
    // cannot name another process).
    if (::kill(-pid_t(m_pgid), signal) != 0 && errno == ESRCH && m_process &&
        m_process->state() != QProcess::NotRunning)
        ::kill(pid_t(m_pgid), signal);
}

void ProcessGroupRunner::readStream(OutputStream stream, bool flush)
{
    if (!m_process)
        return;
    LineSplitter &s = stream == OutputStream::Stdout ? m_out : m_err;
    const QByteArray bytes = stream == OutputStream::Stdout ? m_process->readAllStandardOutput()
                                                            : m_process->readAllStandardError();
    // The decoder keeps a character cut between two chunks until its other half arrives.
    s.pending += s.decoder.decode(bytes);
    qsizetype from = 0;
    while (true) {
        const qsizetype nl = s.pending.indexOf(u'\n', from);
        if (nl < 0)
            break;
        QString text = s.pending.mid(from, nl - from);
        if (text.endsWith(u'\r'))
            text.chop(1);
        emitLine(stream, text);
        from = nl + 1;
    }
    s.pending.remove(0, from);
    while (s.pending.size() > kMaxLineLength) {
        emitLine(stream, s.pending.left(kMaxLineLength));
        s.pending.remove(0, kMaxLineLength);
    }
    if (flush) {
        s.pending += s.decoder(QByteArray());
        if (!s.pending.isEmpty())
            emitLine(stream, s.pending);
        s.pending.clear();
    }
}

void ProcessGroupRunner::emitLine(OutputStream stream, QString text)
{
    if (stream == OutputStream::Stdout && m_stdoutFile) {
        m_stdoutFile->write(stripTerminalEscapes(std::move(text)).toUtf8() + '\n');
        return;
    }
    emit line(stream, text);
}

void ProcessGroupRunner::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return;
    ProcessResult r;
    r.startFailed = true;
    r.startError = m_process->errorString();
    r.cancelled = m_cancelled;
    m_escalation.stop();
    if (m_stdoutFile) {
        m_stdoutFile->cancelWriting();
        m_stdoutFile.reset();
    }
    m_process.release()->deleteLater();
    m_cleanupArgv.clear(); // nothing started, nothing to remove
    emit finished(r);
}

void ProcessGroupRunner::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readStream(OutputStream::Stdout, true);
    readStream(OutputStream::Stderr, true);
    m_escalation.stop();
    ProcessResult r;
    r.exitCode = exitCode;
    r.crashExit = status == QProcess::CrashExit;
    r.wallSec = m_clock.elapsed() / 1000.0;
    r.cancelled = m_cancelled;
    reapGroup();
    if (m_stdoutFile) {
        // A report from a failed command would look complete: only commit on success.
        if (!r.crashExit && exitCode == 0 && !r.cancelled) {
            if (!m_stdoutFile->commit())
                r.stdoutFileError = m_stdoutFile->errorString();
        } else {
            m_stdoutFile->cancelWriting();
        }
        m_stdoutFile.reset();
    }
    m_process.release()->deleteLater();
    // A stopped or failed container command may leave its container running.
    if (!m_cleanupArgv.isEmpty() && (r.cancelled || r.crashExit || exitCode != 0)) {
        finishAfterCleanup(r);
        return;
    }
    m_cleanupArgv.clear();
    emit finished(r);
}

void ProcessGroupRunner::finishAfterCleanup(const ProcessResult &result)
{
    m_cleanup = std::make_unique<QProcess>();
    QProcess *c = m_cleanup.get();
    c->setProcessChannelMode(QProcess::MergedChannels);
    c->setStandardInputFile(QProcess::nullDevice());
    const auto done = [this, result] {
        if (!m_cleanup)
            return;
        const QString said = QString::fromUtf8(m_cleanup->readAll()).trimmed();
        m_cleanup.release()->deleteLater();
        m_cleanupArgv.clear();
        if (!said.isEmpty())
            emit line(OutputStream::Stderr, said);
        emit finished(result);
    };
    connect(c, &QProcess::finished, this, done);
    connect(c, &QProcess::errorOccurred, this, [done](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            done();
    });
    c->start(m_cleanupArgv.first(), m_cleanupArgv.mid(1));
}

void ProcessGroupRunner::reapGroup()
{
    // Children may outlive the leader (orphaned Scalene child, Graphviz). End them all.
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (livePidsInGroup(m_pgid).isEmpty())
            return;
        signalGroup(SIGKILL);
        QThread::msleep(20);
    }
}

} // namespace fperf
