// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run/run_controller.h"
#include "core/session/html_report_job.h"
#include "core/session/run_group_sequence.h"
#include "core/session/run_preparation.h"
#include "core/settings/settings_form_model.h"
#include "core/store/run_group_codec.h"
#include "core/store/run_history.h"
#include "core/tools/tool_check_job.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>
#include <memory>
#include <optional>

class QPushButton;
class QSpinBox;

namespace Ui {
class MainWindow;
}

namespace fperf {

class CompareView;
class HistoryPanel;
class LogView;
class ProfileView;
class ReportView;
class SettingsFormWidget;

// The product window: project, settings form, tool check, Run/Stop driven by RunController's
// state machine, live log and the report. It holds no profiling logic of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void openProjects(const QStringList &files, const SettingsLayer &folderPicks = {});
    // A project folder: its harness, metadata and components files picked by content (on a
    // worker), then opened with the picks pre-filled.
    void openProjectFolder(const QString &folder);
    void setCommandLineSettings(const QList<EnvEntry> &entries);
    // Starts profiling as soon as the tool check allows (for `filare-perf FILE --profile`).
    void profileWhenReady();

    // Why Profile is disabled; empty when it is enabled.
    QString blockReason() const { return m_blockReason; }
    // Why the last Profile could not start (e.g. an unwritable output folder); empty otherwise.
    QString startError() const { return m_startError; }
    bool toolsReady() const { return m_tools.has_value() && !m_toolJob.isRunning(); }

    SettingsFormModel *settingsModel() { return &m_settings; }
    SettingsFormWidget *settingsForm() const { return m_form; }
    RunController *controller() { return &m_controller; }
    LogView *logView() const { return m_log; }
    ReportView *reportView() const { return m_report; }
    ProfileView *profileView() const { return m_profile; }
    HistoryPanel *historyPanel(); // built on first use, like its tab
    CompareView *compareView();
    QPushButton *profileButton() const;
    QPushButton *stopButton() const;
    QSpinBox *repeatSpin() const;
    // Snapshots of the running profile shown in the Report tab so far (a snapshot interval is
    // set); 0 at each start.
    int liveRefreshes() const { return m_liveRefreshes; }
    // The run group being profiled, if any.
    const RunGroupSequence *runGroup() const { return m_sequence ? &*m_sequence : nullptr; }

public slots:
    bool startProfile();
    void openRun(const QString &recordPath);
    void rerun(const QString &recordPath);
    // Two runs, run groups or commits' runs: a side of several runs is compared by its
    // repeats.
    void compareRuns(const fperf::RunSet &a, const fperf::RunSet &b);
    void stop();
    void chooseProjects();
    void chooseProjectFolder();

signals:
    void toolsChecked();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void onSettingsChanged();
    void onToolReport(const ToolReport &report);
    void onStateChanged(RunController::State state);
    void onRunFinished(const RunRecord &record);
    void showRecordReport(const RunRecord &record);
    void showLiveProfile(const QString &snapshotPath, const ProfileSummary &summary);
    void stopFollowingLive();
    // Prepares (on a worker) and starts one run with these settings; false with the reason
    // shown when it cannot start.
    bool startRun(const ResolvedSettings &settings);
    // After a repeat of a run group: the next one, or the group's end.
    void continueRunGroup(const RunRecord &record);
    void finishRunGroup();
    void openHtmlFromJson();
    void onHtmlReportFinished(bool ok, const QString &html, const QString &error);
    void updateControls();
    void updateToolsPanel();
    void updateProjectInfo();
    void tick();
    void restoreState();
    void saveState();
    void rememberProject(const QStringList &files);
    ResolvedInterpreter currentInterpreter() const;
    void updateHistoryFolders();

    std::unique_ptr<Ui::MainWindow> m_ui;
    SettingsFormModel m_settings;
    ToolCheckJob m_toolJob;
    HtmlReportJob m_htmlJob;
    RunController m_controller;
    // The run group being profiled (Repeat above 1), until its last repeat ends.
    std::optional<RunGroupSequence> m_sequence;
    SettingsFormWidget *m_form = nullptr;
    LogView *m_log = nullptr;
    ReportView *m_report = nullptr;
    ProfileView *m_profile = nullptr;
    QWidget *m_historyTab = nullptr;
    QWidget *m_compareTab = nullptr;
    HistoryPanel *m_history = nullptr;
    CompareView *m_compare = nullptr;
    QStringList m_historyFolders;
    std::optional<ToolReport> m_tools;
    QString m_checkedInterpreter;
    QString m_blockReason;
    QString m_startError;
    QElapsedTimer m_elapsed;
    QTimer m_tick;
    std::optional<double> m_estimate;
    std::optional<RunRecord> m_lastRecord;
    // A snapshot that came while the previous one was still being read: shown next.
    std::optional<std::pair<QString, ProfileSummary>> m_livePending;
    bool m_liveLoading = false;
    bool m_followLive = false; // the Report tab shows the running profile's snapshots
    int m_liveRefreshes = 0;
    bool m_profileWhenReady = false;
    // The first tool check waits until the window has been painted: its Python and dot
    // would otherwise compete with the first paint for the CPU (P3).
    bool m_toolCheckHeld = true;
    bool m_closeWhenStopped = false;
};

} // namespace fperf
