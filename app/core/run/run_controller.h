// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/process/process_group_runner.h"
#include "core/run/prepared_run.h"
#include "core/run/profile_snapshot_keeper.h"
#include "core/run/run_outcome.h"

#include <QFile>
#include <QObject>
#include <future>

namespace fperf {

struct FinishFacts;

// The one state machine behind Run/Stop, in the GUI and the CLI alike:
// idle -> starting -> running -> stopping -> finished | failed | cancelled.
class RunController : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Starting,
        Running,
        Stopping,
        Finished,
        Failed,
        Cancelled
    };
    Q_ENUM(State)

    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    static bool canTransition(State from, State to);
    static QString stateName(State state);
    static bool isActive(State state)
    {
        return state == State::Starting || state == State::Running || state == State::Stopping;
    }

    State state() const { return m_state; }
    bool canStart() const { return !isActive(m_state); }
    bool canStop() const { return m_state == State::Starting || m_state == State::Running; }

    // Starts a prepared run; false (and nothing happens) while another run is active.
    bool start(const PreparedRun &run);
    // Stops the run; a second call escalates to harder signals.
    void cancel();

    const RunRecord &record() const { return m_record; }
    const Outcome &outcome() const { return m_outcome; }
    void setGracePeriods(int afterInterruptMs, int afterTerminateMs);

signals:
    void stateChanged(fperf::RunController::State state);
    void outputLine(fperf::OutputStream stream, const QString &text);
    void commandStarted(const fperf::CommandSpec &command);
    void warning(const QString &text);
    void runFinished(const fperf::RunRecord &record);
    // A whole snapshot of the running profile was kept (a snapshot interval is set).
    void profileSnapshot(const QString &snapshotPath, const fperf::ProfileSummary &summary);

private:
    void setState(State next);
    void runNext();
    void onCommandFinished(const ProcessResult &result);
    void finish();
    // What decideFinish needs, when the main command ended and when the run ends.
    FinishFacts mainEndFacts(const ProcessResult &result) const;
    FinishFacts finishFacts() const;
    void writeLog(const QString &text);
    void saveRecord();
    void collectProfileSummary();
    bool profileMayBeUsable() const;

    State m_state = State::Idle;
    ProcessGroupRunner m_runner;
    PreparedRun m_run;
    RunRecord m_record;
    Outcome m_outcome;
    QFile m_log;
    int m_next = 0;
    bool m_cancelRequested = false;
    bool m_mainDone = false;
    bool m_profileRetried = false;
    ProcessEnd m_mainEnd;
    QStringList m_mainTail; // the main command's last lines, to quote its error
    // The profile is summarised on a worker while the report command runs.
    std::future<ProfileSummary> m_profileSummary;
    ProfileSnapshotKeeper m_snapshots;
    QTimer m_timeout; // FIL_PERF_TIMEOUT, on the main command
    bool m_timedOut = false;
};

} // namespace fperf
