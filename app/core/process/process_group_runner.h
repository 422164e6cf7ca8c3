// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/launch/command_spec.h"
#include "core/process/proc_info.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QStringDecoder>
#include <QTimer>

#include <memory>

class QSaveFile;

namespace fperf {

enum class OutputStream
{
    Stdout,
    Stderr
};

struct ProcessResult
{
    bool startFailed = false;
    QString startError;
    bool crashExit = false;
    int exitCode = -1;
    double wallSec = 0;
    bool cancelled = false;
    QString stdoutFileError; // the captured stdout could not be saved
};

// Runs one command as the leader of a new process group and streams its output line by line.
// Stopping signals the whole group, so children (Scalene's re-executed self, Graphviz `dot`)
// go too; after any ending no process of the group is left.
class ProcessGroupRunner : public QObject
{
    Q_OBJECT
public:
    explicit ProcessGroupRunner(QObject *parent = nullptr);
    ~ProcessGroupRunner() override;

    // Grace periods after SIGINT and after SIGTERM before the next, harder signal.
    void setGracePeriods(int afterInterruptMs, int afterTerminateMs);

    void start(const CommandSpec &spec, const QProcessEnvironment &baseEnvironment);
    bool isRunning() const { return m_process != nullptr; }
    qint64 processGroup() const { return m_pgid; }

    // First call: SIGINT (Scalene then still writes its profile), escalating on timers.
    // Each further call moves to the next signal at once.
    void cancel();

signals:
    void line(fperf::OutputStream stream, const QString &text);
    void finished(const fperf::ProcessResult &result);

private:
    // How far a cancel has gone: each escalation sends the next signal to the group.
    enum class Stage
    {
        Running,
        InterruptSent, // SIGINT
        TerminateSent, // SIGTERM
        KillSent       // SIGKILL
    };

    struct LineSplitter
    {
        QStringDecoder decoder{QStringDecoder::Utf8};
        QString pending;
    };

    void readStream(OutputStream stream, bool flush);
    void emitLine(OutputStream stream, QString text);
    void escalate();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void reapGroup();
    // Runs the command's cleanup after a stop or a failure, then reports `result`.
    void finishAfterCleanup(const ProcessResult &result);
    void signalGroup(int signal);

    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QSaveFile> m_stdoutFile;
    LineSplitter m_out;
    LineSplitter m_err;
    QElapsedTimer m_clock;
    QTimer m_escalation;
    qint64 m_pgid = 0;
    Stage m_stage = Stage::Running;
    int m_afterInterruptMs = 10000;
    int m_afterTerminateMs = 3000;
    bool m_cancelled = false;
    QStringList m_cleanupArgv; // the running command's (CommandSpec::cleanupArgv)
    std::unique_ptr<QProcess> m_cleanup;
};

} // namespace fperf
