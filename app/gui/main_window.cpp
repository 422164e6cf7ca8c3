// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/main_window.h"

#include "core/compare/profile_diff.h"
#include "core/session/profile_session.h"
#include "core/session/rerun.h"
#include "core/store/run_record_codec.h"
#include "core/store/stale_runs.h"
#include "core/tools/interpreter_resolver.h"
#include "core/util/shell_quote.h"
#include "gui/compare_view.h"
#include "gui/history_panel.h"
#include "gui/log_view.h"
#include "gui/profile_view.h"
#include "gui/report_summary.h"
#include "gui/report_view.h"
#include "gui/settings_form_widget.h"
#include "gui/worker_wait.h"
#include "ui_main_window.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QShowEvent>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace fperf {

namespace {
constexpr int kMaxRecentProjects = 10;

bool isYaml(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == u"yml" || suffix == u"yaml";
}

QString statusLine(const RunRecord &r)
{
    switch (r.status) {
    case RunStatus::Succeeded:
        return QCoreApplication::translate("fperf::MainWindow", "Run %1 finished in %2 s.")
            .arg(r.label)
            .arg(r.durationSec, 0, 'f', 1);
    case RunStatus::Cancelled:
        return QCoreApplication::translate("fperf::MainWindow", "Run %1 was cancelled.")
            .arg(r.label);
    case RunStatus::TimedOut:
        return QCoreApplication::translate("fperf::MainWindow",
                                           "Run %1 timed out after %2 s (Timeout setting).")
            .arg(r.label)
            .arg(r.settings.values.timeoutSec);
    case RunStatus::Failed:
        return r.exitCode ? QCoreApplication::translate(
                                "fperf::MainWindow",
                                "Filare failed (exit code %1): its error is in the Log tab.")
                                .arg(*r.exitCode)
                          : QCoreApplication::translate("fperf::MainWindow",
                                                        "The run failed: see the Log tab.");
    case RunStatus::TooShort:
        return QCoreApplication::translate("fperf::MainWindow",
                                           "The run was too short for Scalene to profile.");
    case RunStatus::Crashed:
        return QCoreApplication::translate(
            "fperf::MainWindow", "The run crashed (killed by a signal): see the Log tab.");
    case RunStatus::NoProfile:
        return QCoreApplication::translate("fperf::MainWindow",
                                           "Scalene wrote no usable profile: see the Log tab.");
    default:
        return QCoreApplication::translate("fperf::MainWindow", "Run %1: %2")
            .arg(r.label, runStatusLabel(r.status));
    }
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    m_form = new SettingsFormWidget(&m_settings, this);
    m_ui->settingsHostLayout->addWidget(m_form);
    m_log = new LogView(this);
    m_ui->logTabLayout->addWidget(m_log);
    // The Report tab opens on the native profile view; Scalene's own report is its last
    // page, loaded only when shown.
    m_profile = new ProfileView(this);
    m_ui->reportTabLayout->addWidget(m_profile);
    m_report = new ReportView(this);
    m_profile->setScaleneReportPage(m_report);
    // History and Compare (with the trend chart) are built when first shown: the window
    // appears sooner, and a folder of many runs is not read before anyone looks at it.
    m_historyTab = new QWidget(this);
    m_historyTab->setLayout(new QVBoxLayout);
    m_historyTab->layout()->setContentsMargins(0, 0, 0, 0);
    m_ui->resultTabs->addTab(m_historyTab, tr("&History"));
    m_compareTab = new QWidget(this);
    m_compareTab->setLayout(new QVBoxLayout);
    m_compareTab->layout()->setContentsMargins(0, 0, 0, 0);
    m_ui->resultTabs->addTab(m_compareTab, tr("Co&mpare"));
    connect(m_ui->resultTabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_ui->resultTabs->widget(index) == m_historyTab)
            historyPanel();
        else if (m_ui->resultTabs->widget(index) == m_compareTab)
            compareView();
    });
    m_ui->mainSplitter->setStretchFactor(0, 0);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->leftScroll->setMinimumWidth(420);

    // Actions carry the shortcuts; buttons just trigger them.
    addActions({m_ui->profileAction, m_ui->stopAction, m_ui->findAction, m_ui->copyCommandAction});
    connect(m_ui->profileButton, &QPushButton::clicked, this, &MainWindow::startProfile);
    connect(m_ui->profileAction, &QAction::triggered, this, &MainWindow::startProfile);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &MainWindow::stop);
    connect(m_ui->stopAction, &QAction::triggered, this, &MainWindow::stop);
    connect(m_ui->openButton, &QPushButton::clicked, this, &MainWindow::chooseProjects);
    connect(m_ui->openAction, &QAction::triggered, this, &MainWindow::chooseProjects);
    connect(m_ui->openFolderAction, &QAction::triggered, this, &MainWindow::chooseProjectFolder);
    addAction(m_ui->openFolderAction);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    // Ctrl+1..5: the profile's pages, from anywhere in the window.
    for (QAction *page : m_profile->pageActions()) {
        addAction(page);
        connect(page, &QAction::triggered, this,
                [this] { m_ui->resultTabs->setCurrentWidget(m_ui->reportTab); });
    }
    connect(m_profile, &ProfileView::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_ui->findAction, &QAction::triggered, this, [this] {
        // On the Report tab, Ctrl+F searches the profile; elsewhere the log.
        if (m_ui->resultTabs->currentWidget() == m_ui->reportTab &&
            m_profile->currentPage() != ProfileView::Page::ScaleneReport &&
            m_profile->focusSearch())
            return;
        m_ui->resultTabs->setCurrentWidget(m_ui->logTab);
        m_log->focusFind();
    });
    connect(m_ui->copyCommandAction, &QAction::triggered, m_form, &SettingsFormWidget::copyCommand);
    connect(m_ui->recheckButton, &QPushButton::clicked, this, [this] {
        m_checkedInterpreter.clear();
        onSettingsChanged();
    });
    connect(m_ui->recentCombo, &QComboBox::activated, this, [this](int index) {
        const QStringList files = m_ui->recentCombo->itemData(index).toStringList();
        if (files.size() == 1 && QFileInfo(files.first()).isDir())
            openProjectFolder(files.first());
        else if (!files.isEmpty())
            openProjects(files);
    });
    connect(m_ui->baselineCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (m_settings.resolved().values.baseline != on)
            m_settings.setFieldText(settingKey(SettingId::Baseline),
                                    on ? QStringLiteral("1") : QStringLiteral("0"));
    });
    // The container choice is the image setting: on gives it the last image used (the perf
    // image by default), off empties it.
    connect(m_ui->containerCheck, &QCheckBox::toggled, this, [this](bool on) {
        const QString image = m_settings.resolved().values.container.image;
        if (on == !image.isEmpty())
            return;
        QSettings state;
        if (!on)
            state.setValue(QStringLiteral("containerImage"), image);
        const QString remembered =
            state.value(QStringLiteral("containerImage"), QString::fromLatin1(kPerfImage))
                .toString();
        m_settings.setFieldText(settingKey(SettingId::ContainerImage), on ? remembered : QString());
    });
    connect(m_form, &SettingsFormWidget::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });

    connect(&m_settings, &SettingsFormModel::changed, this, &MainWindow::onSettingsChanged);
    connect(&m_toolJob, &ToolCheckJob::finished, this, &MainWindow::onToolReport);
    connect(&m_controller, &RunController::stateChanged, this, &MainWindow::onStateChanged);
    connect(&m_controller, &RunController::outputLine, m_log, &LogView::appendLine);
    connect(&m_controller, &RunController::commandStarted, this, [this](const CommandSpec &c) {
        m_log->appendNote(QStringLiteral("$ %1").arg(shellJoin(c.argv)));
        statusBar()->showMessage(tr("Running %1…").arg(commandRoleLabel(c.role)));
    });
    connect(&m_controller, &RunController::warning, this,
            [this](const QString &text) { m_log->appendNote(QStringLiteral("warning: ") + text); });
    connect(&m_controller, &RunController::runFinished, this, &MainWindow::onRunFinished);
    connect(&m_controller, &RunController::profileSnapshot, this, &MainWindow::showLiveProfile);
    connect(m_profile, &ProfileView::profileLoaded, this, [this](bool ok) {
        if (!m_liveLoading)
            return;
        m_liveLoading = false;
        if (ok && m_followLive && RunController::isActive(m_controller.state())) {
            if (++m_liveRefreshes == 1 && m_ui->resultTabs->currentWidget() != m_ui->reportTab)
                statusBar()->showMessage(
                    tr("A live profile of the run so far is in the Report tab; it is refreshed "
                       "at each snapshot."),
                    15000);
            m_ui->resultTabs->setTabText(m_ui->resultTabs->indexOf(m_ui->reportTab),
                                         tr("&Report (live)"));
        }
        if (m_livePending) {
            const auto [path, summary] = *std::exchange(m_livePending, std::nullopt);
            showLiveProfile(path, summary);
        }
    });
    connect(m_report, &ReportView::openHtmlRequested, this, &MainWindow::openHtmlFromJson);
    connect(&m_htmlJob, &HtmlReportJob::line, m_log, &LogView::appendLine);
    connect(&m_htmlJob, &HtmlReportJob::finished, this, &MainWindow::onHtmlReportFinished);

    m_ui->progressBar->setVisible(false);
    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, &MainWindow::tick);

    restoreState();
    onSettingsChanged();
    // Runs left "running" by a filare-perf that died: marked interrupted, leftovers ended.
    recoverInterruptedRunsInBackground(m_historyFolders);
    statusBar()->showMessage(tr("Ready."));
}

MainWindow::~MainWindow() = default;

QSpinBox *MainWindow::repeatSpin() const
{
    return m_ui->repeatSpin;
}

QPushButton *MainWindow::profileButton() const
{
    return m_ui->profileButton;
}
QPushButton *MainWindow::stopButton() const
{
    return m_ui->stopButton;
}

void MainWindow::setCommandLineSettings(const QList<EnvEntry> &entries)
{
    m_settings.setCommandLine(entries);
}

void MainWindow::openProjectFolder(const QString &folder)
{
    statusBar()->showMessage(tr("Reading the YAML files of %1…").arg(folder));
    const PerformanceSettings settings = m_settings.resolved().values;
    const QProcessEnvironment env = m_settings.environment();
    const ProjectFolderPick pick =
        waitOnWorker([folder, settings, env] { return pickProjectFolder(folder, settings, env); });
    if (!pick.ok()) {
        statusBar()->showMessage(pick.problem, 15000);
        QMessageBox::warning(this, tr("Open project folder"), pick.problem);
        return;
    }
    openProjects(pick.harnesses, folderPicksLayer(pick));
    QStringList said{tr("%n harness file(s)", nullptr, int(pick.harnesses.size()))};
    said << tr("%n metadata file(s)", nullptr, int(pick.metadata.size()))
         << tr("%n components file(s)", nullptr, int(pick.components.size()));
    if (!pick.settingsFile.isEmpty())
        said << tr("its settings file");
    QString text = tr("Opened folder %1: %2.")
                       .arg(QFileInfo(pick.folder).fileName(), said.join(QStringLiteral(", ")));
    if (!pick.skipped.isEmpty())
        text += u' ' + tr("Skipped: %1.").arg(pick.skipped.join(QStringLiteral("; ")));
    statusBar()->showMessage(text, 15000);
}

void MainWindow::chooseProjectFolder()
{
    const QString start = m_settings.projectFiles().isEmpty()
                              ? QDir::homePath()
                              : QFileInfo(m_settings.projectFiles().first()).absolutePath();
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open Filare project folder"), start);
    if (!folder.isEmpty())
        openProjectFolder(folder);
}

void MainWindow::openProjects(const QStringList &files, const SettingsLayer &folderPicks)
{
    QStringList absolute;
    for (const QString &f : files)
        absolute << QFileInfo(f).absoluteFilePath();
    m_settings.setProjectFiles(absolute, folderPicks);
    // A folder is remembered as the folder: opening it again picks its files again.
    rememberProject(folderPicks.location.isEmpty() ? absolute : QStringList{folderPicks.location});
    updateProjectInfo();
    setWindowTitle(absolute.isEmpty()
                       ? tr("Filare Perf")
                       : tr("%1 — Filare Perf").arg(QFileInfo(absolute.first()).fileName()));
}

void MainWindow::chooseProjects()
{
    const QString start = m_settings.projectFiles().isEmpty()
                              ? QDir::homePath()
                              : QFileInfo(m_settings.projectFiles().first()).absolutePath();
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Filare project"), start, tr("Filare YAML (*.yml *.yaml);;All files (*)"));
    if (!files.isEmpty())
        openProjects(files);
}

void MainWindow::profileWhenReady()
{
    m_profileWhenReady = true;
    updateControls();
}

ResolvedInterpreter MainWindow::currentInterpreter() const
{
    return resolveInterpreter(interpreterSearchFor(
        m_settings.resolved().values, m_settings.projectFiles(), m_settings.environment()));
}

void MainWindow::onSettingsChanged()
{
    const ResolvedInterpreter interpreter = currentInterpreter();
    const ContainerSettings &container = m_settings.resolved().values.container;
    // The check runs again only when what it depends on changes: the interpreter, or the
    // container, its engine and the mounted Filare tree.
    const QString checkKey =
        container.enabled()
            ? QStringList{container.image, container.engine, container.filareSource}.join(u'\n')
            : interpreter.path;
    if (!m_toolCheckHeld && checkKey != m_checkedInterpreter) {
        m_checkedInterpreter = checkKey;
        m_tools.reset();
        m_toolJob.start(interpreter, m_settings.environment().value(QStringLiteral("PATH")),
                        container);
        updateToolsPanel();
    }
    const QSignalBlocker block(m_ui->baselineCheck);
    m_ui->baselineCheck->setChecked(m_settings.resolved().values.baseline);
    const QSignalBlocker blockContainer(m_ui->containerCheck);
    m_ui->containerCheck->setChecked(container.enabled());
    m_ui->containerCheck->setText(container.enabled() ? tr("In container: %1").arg(container.image)
                                                      : tr("In container"));
    m_startError.clear();
    updateProjectInfo();
    updateHistoryFolders();
    updateControls();
}

void MainWindow::updateHistoryFolders()
{
    // The current project's output folder and the ones runs went to before.
    QStringList folders = QSettings().value(QStringLiteral("recentOutputDirs")).toStringList();
    const QStringList projects = m_settings.projectFiles();
    if (!projects.isEmpty())
        folders.prepend(effectiveOutputDir(m_settings.resolved().values, projects.first()));
    m_historyFolders = folders;
    if (m_history) {
        m_history->setFolders(folders);
        m_history->setCurrentProject(projects);
    }
}

HistoryPanel *MainWindow::historyPanel()
{
    if (!m_history) {
        m_history = new HistoryPanel(m_historyTab);
        m_historyTab->layout()->addWidget(m_history);
        connect(m_history, &HistoryPanel::openRunRequested, this, &MainWindow::openRun);
        connect(m_history, &HistoryPanel::rerunRequested, this, &MainWindow::rerun);
        connect(m_history, &HistoryPanel::compareRequested, this, &MainWindow::compareRuns);
        connect(m_history, &HistoryPanel::message, this,
                [this](const QString &text) { statusBar()->showMessage(text, 8000); });
        m_history->setFolders(m_historyFolders);
        m_history->setCurrentProject(m_settings.projectFiles());
    }
    return m_history;
}

CompareView *MainWindow::compareView()
{
    if (!m_compare) {
        m_compare = new CompareView(m_compareTab);
        m_compareTab->layout()->addWidget(m_compare);
    }
    return m_compare;
}

void MainWindow::openRun(const QString &recordPath)
{
    QString error;
    const auto record = loadRunRecord(recordPath, &error);
    if (!record) {
        statusBar()->showMessage(tr("Cannot open %1: %2").arg(recordPath, error));
        return;
    }
    m_lastRecord = *record;
    showRecordReport(*record);
    m_ui->resultTabs->setCurrentWidget(m_ui->reportTab);
}

void MainWindow::rerun(const QString &recordPath)
{
    if (RunController::isActive(m_controller.state()))
        return;
    QString error;
    const auto record = loadRunRecord(recordPath, &error);
    if (!record) {
        statusBar()->showMessage(tr("Cannot re-run %1: %2").arg(recordPath, error));
        return;
    }
    // Exactly the recorded files and settings, with the same interpreter; a new label.
    const RerunRequest request = rerunRequest(*record);
    openProjects(request.projectFiles);
    for (const auto &[id, value] : request.fieldTexts)
        m_settings.setFieldText(id, value);
    statusBar()->showMessage(tr("Re-running %1 with its recorded settings…").arg(record->label));
    profileWhenReady();
}

void MainWindow::compareRuns(const RunSet &a, const RunSet &b)
{
    QString error;
    const auto diff = waitOnWorker([a, b, &error] { return diffRunGroups(a, b, &error); });
    if (!diff) {
        statusBar()->showMessage(tr("Cannot compare: %1").arg(error));
        return;
    }
    compareView()->showDiff(*diff);
    m_ui->resultTabs->setCurrentWidget(m_compareTab);
}

void MainWindow::onToolReport(const ToolReport &report)
{
    m_tools = report;
    updateToolsPanel();
    updateControls();
    emit toolsChecked();
}

void MainWindow::updateToolsPanel()
{
    if (!m_tools) {
        const QString image = m_settings.resolved().values.container.image;
        m_ui->toolsLabel->setText(!image.isEmpty()
                                      ? tr("Checking the container image %1…").arg(image)
                                  : m_checkedInterpreter.isEmpty()
                                      ? tr("Checking tools…")
                                      : tr("Checking tools for %1…").arg(m_checkedInterpreter));
        return;
    }
    QString html = QStringLiteral("<table cellspacing=\"2\">");
    for (const ToolItem &i : m_tools->items) {
        const QString mark =
            i.status == ToolStatus::Ok
                ? QStringLiteral("✔")
                : (i.status == ToolStatus::Warning ? QStringLiteral("⚠") : QStringLiteral("✘"));
        html += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td>%3")
                    .arg(mark, i.name.toHtmlEscaped(),
                         (i.value.isEmpty() ? QStringLiteral("—") : i.value).toHtmlEscaped());
        if (!i.note.isEmpty() && i.status != ToolStatus::Ok)
            html += QStringLiteral("<br><i>%1</i>").arg(i.note.toHtmlEscaped());
        html += QStringLiteral("</td></tr>");
    }
    html += QStringLiteral("</table>");
    m_ui->toolsLabel->setText(html);
}

void MainWindow::updateProjectInfo()
{
    const QStringList projects = m_settings.projectFiles();
    if (projects.isEmpty()) {
        m_ui->projectInfoLabel->setText(
            tr("No project yet: open a Filare YAML file (Ctrl+O) or drop one here."));
        return;
    }
    QStringList names;
    for (const QString &p : projects)
        names << QFileInfo(p).fileName().toHtmlEscaped();
    const QString folder = QFileInfo(projects.first()).absolutePath();
    const QString output = effectiveOutputDir(m_settings.resolved().values, projects.first());
    // Filare's other inputs, as Filare will be given them.
    const FilareSettings &filare = m_settings.resolved().values.filare;
    QString inputs;
    if (!filare.isRun())
        inputs += tr("<br>Filare command: %1").arg(filare.command.toHtmlEscaped());
    const auto fileNames = [](const QStringList &files) {
        QStringList out;
        for (const QString &f : files)
            out << QFileInfo(f).fileName().toHtmlEscaped();
        return out.join(QStringLiteral(", "));
    };
    if (filare.isRun() && !filare.metadata.isEmpty())
        inputs += tr("<br>Metadata: %1").arg(fileNames(filare.metadata));
    if (filare.isRun() && !filare.components.isEmpty())
        inputs += tr("<br>Components: %1").arg(fileNames(filare.components));
    m_ui->projectInfoLabel->setText(
        tr("<b>%1</b>%6<br>Folder: <a href=\"%2\">%3</a><br>Reports go to: "
           "<a href=\"%4\">%5</a>")
            .arg(names.join(QStringLiteral(", ")), QUrl::fromLocalFile(folder).toString(),
                 folder.toHtmlEscaped(), QUrl::fromLocalFile(output).toString(),
                 output.toHtmlEscaped(), inputs));
}

void MainWindow::updateControls()
{
    const RunController::State state = m_controller.state();
    // A run group is active from its first repeat's start to its last one's end.
    const bool active = RunController::isActive(state) || m_sequence.has_value();
    QString reason;
    if (!active) {
        if (m_settings.projectFiles().isEmpty())
            reason = tr("Open a Filare project first (Ctrl+O).");
        else if (m_settings.hasErrors())
            reason = tr("Fix the settings marked in red first.");
        else if (!m_tools)
            reason = tr("Checking the tools…");
        else if (const QStringList problems =
                     m_tools->problems(m_settings.resolved().values.scalene.enabled);
                 !problems.isEmpty())
            reason = tr("Cannot profile: %1").arg(problems.join(QStringLiteral("; ")));
    }
    m_blockReason = reason;
    const bool canStart = !active && reason.isEmpty();
    m_ui->profileButton->setEnabled(canStart);
    m_ui->profileAction->setEnabled(m_ui->profileButton->isEnabled());
    m_ui->stopButton->setEnabled(active);
    m_ui->repeatSpin->setEnabled(!active);
    m_ui->stopAction->setEnabled(active);
    m_ui->stopButton->setText(state == RunController::State::Stopping ? tr("Force Stop")
                                                                      : tr("Stop"));
    m_form->setEnabled(!active);
    m_ui->projectGroup->setEnabled(!active);
    m_ui->baselineCheck->setEnabled(!active);
    m_ui->containerCheck->setEnabled(!active);
    // A start that failed (e.g. unwritable output folder) says why; Profile stays enabled.
    const QString shown = reason.isEmpty() && !active ? m_startError : reason;
    m_ui->blockReasonLabel->setText(shown);
    m_ui->blockReasonLabel->setToolTip(shown);
    if (m_profileWhenReady && canStart) {
        m_profileWhenReady = false;
        QMetaObject::invokeMethod(this, &MainWindow::startProfile, Qt::QueuedConnection);
    }
}

bool MainWindow::startProfile()
{
    if (!m_ui->profileButton->isEnabled() || !m_tools)
        return false;
    m_startError.clear();
    m_sequence.reset();
    const int repeats = m_ui->repeatSpin->value();
    if (repeats > 1) {
        // A run group: the core names it and each repeat, and says when it ends.
        QString error;
        m_sequence = RunGroupSequence::begin(m_settings.resolved(), m_settings.projectFiles(),
                                             repeats, QDateTime::currentDateTime(), &error);
        if (!m_sequence) {
            m_startError = error;
            statusBar()->showMessage(tr("Cannot start: %1").arg(error));
            updateControls();
            return false;
        }
        if (!startRun(m_sequence->nextSettings())) {
            m_sequence.reset();
            updateControls();
            return false;
        }
        return true;
    }
    return startRun(m_settings.resolved());
}

bool MainWindow::startRun(const ResolvedSettings &settings)
{
    const QStringList projects = m_settings.projectFiles();
    // The files may have changed since they were opened: the session checks them again, on a
    // worker (the YAML check starts the interpreter).
    ProfileRequest request;
    request.settings = settings;
    request.projectFiles = projects;
    request.environment = m_settings.environment();
    request.tools = m_tools;
    const ProfileStart start = waitOnWorker([request] { return prepareProfileRun(request); });
    const PreparedRun &prepared = start.run;
    const QStringList errors = prepared.errors;
    if (!errors.isEmpty()) {
        // Shown next to the button; Profile stays enabled so the user can retry after fixing.
        m_startError = errors.join(u'\n');
        statusBar()->showMessage(tr("Cannot start: %1").arg(errors.first()));
        updateControls();
        return false;
    }
    m_log->clear();
    stopFollowingLive();
    m_liveRefreshes = 0;
    m_followLive = true;
    m_log->setLogFile(prepared.plan.paths.log);
    m_estimate = start.estimatedSec;
    m_report->setWarnings({});
    m_report->setOpenHtmlAvailable(false);
    const QString waiting =
        m_sequence ? tr("Profiling %1, repeat %2 of %3 of group %4… the report appears here "
                        "when the run ends.")
                         .arg(QFileInfo(projects.first()).fileName())
                         .arg(m_sequence->nextNumber())
                         .arg(m_sequence->requested())
                         .arg(m_sequence->label())
                   : tr("Profiling %1… the report appears here when the run ends.")
                         .arg(QFileInfo(projects.first()).fileName());
    m_report->showMessage(waiting);
    m_profile->showMessage(waiting);
    m_ui->resultTabs->setCurrentWidget(m_ui->logTab);
    m_lastRecord.reset();
    // Remember where runs go, so History finds them later.
    QSettings s;
    QStringList dirs = s.value(QStringLiteral("recentOutputDirs")).toStringList();
    dirs.removeAll(prepared.record.outputDir);
    dirs.prepend(prepared.record.outputDir);
    s.setValue(QStringLiteral("recentOutputDirs"), dirs.mid(0, 10));
    updateHistoryFolders();
    return m_controller.start(prepared);
}

void MainWindow::continueRunGroup(const RunRecord &record)
{
    QString error;
    if (!m_sequence->repeatEnded(summariseRunRecord(record), &error))
        m_log->appendNote(tr("== cannot write the run group file: %1").arg(error));
    if (m_sequence->hasNext() && !m_closeWhenStopped) {
        m_log->appendNote(tr("== repeat %1 of %2 of group %3 next")
                              .arg(m_sequence->nextNumber())
                              .arg(m_sequence->requested())
                              .arg(m_sequence->label()));
        // The next repeat starts from the event loop, after this run's signals are done.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_sequence)
                    return;
                // Stop between two repeats, or a repeat that cannot start, ends the group.
                if (!m_sequence->hasNext() || !startRun(m_sequence->nextSettings()))
                    finishRunGroup();
            },
            Qt::QueuedConnection);
        return;
    }
    finishRunGroup();
}

void MainWindow::finishRunGroup()
{
    const RunGroup group = m_sequence->group();
    statusBar()->showMessage(
        group.complete
            ? tr("Run group %1: %2 repeats; compare it with another in History")
                  .arg(group.label)
                  .arg(group.repeats.size())
            : tr("Run group %1 is partial: %2 of %3 repeats (a repeat did not succeed, or "
                 "you stopped it)")
                  .arg(group.label)
                  .arg(group.repeats.size())
                  .arg(group.requested));
    m_sequence.reset();
    if (m_history)
        m_history->rescan();
    updateControls();
}

void MainWindow::stop()
{
    // Stop ends a run group too: no further repeats.
    if (m_sequence)
        m_sequence->stop();
    if (RunController::isActive(m_controller.state()))
        m_controller.cancel();
}

void MainWindow::onStateChanged(RunController::State state)
{
    switch (state) {
    case RunController::State::Starting:
        m_elapsed.start();
        m_tick.start();
        m_ui->progressBar->setRange(0, m_estimate ? 1000 : 0); // 0..0: busy indicator
        m_ui->progressBar->setValue(0);
        m_ui->progressBar->setVisible(true);
        statusBar()->showMessage(tr("Starting…"));
        break;
    case RunController::State::Running:
        statusBar()->showMessage(tr("Running…"));
        break;
    case RunController::State::Stopping:
        statusBar()->showMessage(
            tr("Stopping: Scalene is writing what it has so far (press Esc again to force)…"));
        break;
    default:
        m_tick.stop();
        tick();
        m_ui->progressBar->setVisible(false);
        break;
    }
    updateControls();
}

void MainWindow::tick()
{
    if (!m_elapsed.isValid())
        return;
    const double seconds = m_elapsed.elapsed() / 1000.0;
    QString text = tr("%1 s").arg(seconds, 0, 'f', 1);
    if (RunController::isActive(m_controller.state()) && m_estimate && *m_estimate > 0) {
        const double fraction = qMin(0.99, seconds / *m_estimate);
        m_ui->progressBar->setValue(int(fraction * 1000));
        const double left = *m_estimate - seconds;
        text = left > 0 ? tr("%1 s (about %2 s left)").arg(seconds, 0, 'f', 1).arg(left, 0, 'f', 0)
                        : tr("%1 s (longer than usual)").arg(seconds, 0, 'f', 1);
    }
    m_ui->elapsedLabel->setText(text);
}

void MainWindow::stopFollowingLive()
{
    m_followLive = false;
    m_livePending.reset();
    m_liveLoading = false;
    m_ui->resultTabs->setTabText(m_ui->resultTabs->indexOf(m_ui->reportTab), tr("&Report"));
}

void MainWindow::showLiveProfile(const QString &snapshotPath, const ProfileSummary &summary)
{
    // A run opened from History meanwhile stays: the view no longer follows this one.
    if (!m_followLive || !RunController::isActive(m_controller.state()))
        return;
    // One read at a time: a profile of hundreds of MB takes longer than a short interval.
    if (m_liveLoading) {
        m_livePending.emplace(snapshotPath, summary);
        return;
    }
    m_liveLoading = true;
    const double wallSec = m_elapsed.isValid() ? m_elapsed.elapsed() / 1000.0 : 0;
    const QString title =
        tr("%1 · live, %2 s in").arg(m_controller.record().label).arg(wallSec, 0, 'f', 0);
    const QStringList notes{
        tr("Live profile: Scalene's last snapshot, %1 s into the run; it covers %2 s of "
           "Filare's work so far and is replaced at each snapshot until the run ends.")
            .arg(wallSec, 0, 'f', 0)
            .arg(summary.elapsedSec, 0, 'f', 1)};
    m_profile->loadProfile(snapshotPath, title, notes, m_controller.record().container);
}

void MainWindow::onRunFinished(const RunRecord &record)
{
    m_lastRecord = record;
    m_log->appendNote(QStringLiteral("== %1: %2").arg(record.label, runStatusLabel(record.status)));
    if (m_history)
        m_history->rescan();
    statusBar()->showMessage(statusLine(record));
    showRecordReport(record);
    if (m_sequence)
        continueRunGroup(record);
    if (m_closeWhenStopped)
        close();
}

void MainWindow::showRecordReport(const RunRecord &record)
{
    // This run's profile replaces the live one (the run ended, or one was opened from History).
    stopFollowingLive();
    QStringList warnings;
    if (record.status != RunStatus::Succeeded)
        warnings << statusLine(record);
    warnings << record.warnings;
    m_report->setWarnings(warnings);
    const RunPaths &p = record.paths;
    const bool hasJson = record.profile.usable();
    const QString title =
        QStringLiteral("%1 · %2").arg(record.label, runStatusLabel(record.status));
    if (QFileInfo::exists(p.html)) {
        m_report->showHtmlFile(p.html, title);
        m_report->setOpenHtmlAvailable(false);
    } else if (QFileInfo::exists(p.text)) {
        m_report->showTextFile(p.text, title, reportSummaryHtml(record));
        m_report->setOpenHtmlAvailable(hasJson);
    } else {
        m_report->showMessage(tr("No report for this run. %1").arg(statusLine(record)));
        m_report->setOpenHtmlAvailable(hasJson);
    }
    if (hasJson) {
        m_profile->loadProfile(p.json, title, warnings, record.container);
    } else {
        m_profile->showMessage(
            ProfileView::unusableReason(record.profile.state, p.json, record.profile.error) + u' ' +
            statusLine(record));
    }
    if (record.status == RunStatus::Succeeded || QFileInfo::exists(p.text) ||
        QFileInfo::exists(p.html))
        m_ui->resultTabs->setCurrentWidget(m_ui->reportTab);
}

void MainWindow::openHtmlFromJson()
{
    if (!m_lastRecord || !m_tools || RunController::isActive(m_controller.state()))
        return;
    const RunRecord record = *m_lastRecord;
    if (!m_htmlJob.start(record, m_settings.environment()))
        return;
    statusBar()->showMessage(tr("Rendering the HTML report from %1…").arg(record.paths.json));
}

void MainWindow::onHtmlReportFinished(bool ok, const QString &html, const QString &error)
{
    if (!ok) {
        statusBar()->showMessage(tr("Could not render the HTML report: %1").arg(error));
        return;
    }
    const QString label = m_lastRecord ? m_lastRecord->label : QFileInfo(html).baseName();
    m_report->showHtmlFile(html, tr("%1 · HTML").arg(label));
    m_report->setOpenHtmlAvailable(false);
    m_profile->showPage(ProfileView::Page::ScaleneReport);
    statusBar()->showMessage(tr("HTML report written to %1").arg(html));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!event->mimeData()->hasUrls() || RunController::isActive(m_controller.state()))
        return;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() &&
            (isYaml(url.toLocalFile()) || QFileInfo(url.toLocalFile()).isDir())) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) {
            event->acceptProposedAction();
            openProjectFolder(url.toLocalFile()); // a folder: its files, picked by content
            return;
        }
        if (url.isLocalFile() && isYaml(url.toLocalFile()))
            files << url.toLocalFile();
    }
    if (!files.isEmpty()) {
        openProjects(files);
        event->acceptProposedAction();
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_toolCheckHeld)
        return;
    // Queued behind the first paint's events, so the window is drawn before the check's
    // processes start.
    QTimer::singleShot(0, this, [this] {
        m_toolCheckHeld = false;
        onSettingsChanged();
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (RunController::isActive(m_controller.state())) {
        // Nothing may be left running: stop first, close when the run has ended.
        m_closeWhenStopped = true;
        m_controller.cancel();
        statusBar()->showMessage(tr("Stopping the run before closing…"));
        event->ignore();
        return;
    }
    saveState();
    event->accept();
}

void MainWindow::rememberProject(const QStringList &files)
{
    if (files.isEmpty())
        return;
    QSettings s;
    QList<QVariant> recent = s.value(QStringLiteral("recentProjects")).toList();
    recent.removeAll(QVariant(files));
    recent.prepend(QVariant(files));
    while (recent.size() > kMaxRecentProjects)
        recent.removeLast();
    s.setValue(QStringLiteral("recentProjects"), recent);
    s.setValue(QStringLiteral("lastProject"), files);
    const QSignalBlocker block(m_ui->recentCombo);
    m_ui->recentCombo->clear();
    for (const QVariant &v : recent) {
        const QStringList entry = v.toStringList();
        m_ui->recentCombo->addItem(
            QFileInfo(entry.value(0)).fileName() +
                (entry.size() > 1 ? QStringLiteral(" +%1").arg(entry.size() - 1) : QString()) +
                QStringLiteral(" — ") + QFileInfo(entry.value(0)).absolutePath(),
            entry);
    }
    m_ui->recentCombo->setCurrentIndex(0);
}

void MainWindow::restoreState()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("geometry")).toByteArray());
    m_ui->mainSplitter->restoreState(s.value(QStringLiteral("mainSplitter")).toByteArray());
    m_ui->repeatSpin->setValue(s.value(QStringLiteral("repeatCount"), 1).toInt());
    const QList<QVariant> recent = s.value(QStringLiteral("recentProjects")).toList();
    for (const QVariant &v : recent) {
        const QStringList entry = v.toStringList();
        m_ui->recentCombo->addItem(QFileInfo(entry.value(0)).fileName() + QStringLiteral(" — ") +
                                       QFileInfo(entry.value(0)).absolutePath(),
                                   entry);
    }
    const QStringList last = s.value(QStringLiteral("lastProject")).toStringList();
    bool allExist = !last.isEmpty();
    for (const QString &f : last)
        allExist = allExist && QFileInfo::exists(f);
    if (allExist && last.size() == 1 && QFileInfo(last.first()).isDir())
        QTimer::singleShot(0, this, [this, last] { openProjectFolder(last.first()); });
    else if (allExist)
        openProjects(last);
}

void MainWindow::saveState()
{
    QSettings s;
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("mainSplitter"), m_ui->mainSplitter->saveState());
    s.setValue(QStringLiteral("repeatCount"), m_ui->repeatSpin->value());
}

} // namespace fperf
