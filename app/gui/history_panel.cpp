// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/history_panel.h"

#include "core/store/run_record.h"
#include "gui/trend_chart.h"
#include "core/store/run_files.h"
#include "gui/worker_wait.h"
#include "ui_history_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QUrl>

namespace fperf {

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::HistoryPanel>())
{
    m_ui->setupUi(this);
    m_filter.setSourceModel(&m_model);
    m_ui->runsTable->setModel(&m_filter);
    m_ui->runsTable->sortByColumn(RunHistoryModel::Started, Qt::DescendingOrder);
    m_ui->runsTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->runsTable->verticalHeader()->setVisible(false);
    m_trend = new TrendChart(this);
    m_ui->trendLayout->addWidget(m_trend);
    m_ui->warningsLabel->setVisible(false);
    m_ui->statusFilterCombo->addItem(tr("All statuses"), QString());
    // Shows the label, filters by the machine key.
    for (RunStatus s :
         {RunStatus::Succeeded, RunStatus::Failed, RunStatus::TooShort, RunStatus::Crashed,
          RunStatus::NoProfile, RunStatus::Cancelled, RunStatus::Interrupted, RunStatus::Running})
        m_ui->statusFilterCombo->addItem(runStatusLabel(s), runStatusName(s));

    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Delete run"), question) == QMessageBox::Yes;
    };
    // Records are written several times per run: rescan once things settle.
    m_rescanTimer.setSingleShot(true);
    m_rescanTimer.setInterval(300);
    connect(&m_rescanTimer, &QTimer::timeout, this, &HistoryPanel::rescan);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_rescanTimer,
            qOverload<>(&QTimer::start));

    connect(m_ui->textFilterEdit, &QLineEdit::textChanged, &m_filter,
            &RunHistoryFilterModel::setTextFilter);
    connect(m_ui->projectFilterCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.setProjectFilter(m_ui->projectFilterCombo->currentData().toString());
    });
    connect(m_ui->statusFilterCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.setStatusFilter(m_ui->statusFilterCombo->currentData().toString());
    });
    connect(m_ui->runsTable, &QTableView::doubleClicked, this, &HistoryPanel::openSelected);
    connect(m_ui->runsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateButtons);
    connect(m_ui->openButton, &QPushButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_ui->compareButton, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
    connect(m_ui->rerunButton, &QPushButton::clicked, this, &HistoryPanel::rerunSelected);
    connect(m_ui->copyCommandButton, &QPushButton::clicked, this,
            &HistoryPanel::copyCommandOfSelected);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &HistoryPanel::deleteSelected);
    connect(m_ui->revealButton, &QPushButton::clicked, this, [this] {
        const QList<RunSummary> runs = selectedRuns();
        if (!runs.isEmpty())
            QDesktopServices::openUrl(
                QUrl::fromLocalFile(QFileInfo(runs.first().recordPath).absolutePath()));
    });
    connect(m_trend, &TrendChart::openRunRequested, this, &HistoryPanel::openRunRequested);
    updateButtons();
}

HistoryPanel::~HistoryPanel() = default;

QTableView *HistoryPanel::table() const
{
    return m_ui->runsTable;
}

void HistoryPanel::setConfirmDeletion(std::function<bool(const QString &)> confirm)
{
    m_confirm = std::move(confirm);
}

void HistoryPanel::setFolders(const QStringList &folders)
{
    QStringList unique;
    for (const QString &f : folders) {
        const QString clean = QDir::cleanPath(f);
        if (!clean.isEmpty() && !unique.contains(clean))
            unique << clean;
    }
    if (unique == m_folders)
        return;
    m_folders = unique;
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    for (const QString &f : std::as_const(m_folders)) {
        if (QFileInfo(f).isDir())
            m_watcher.addPath(f);
    }
    rescan();
}

void HistoryPanel::setCurrentProject(const QStringList &projectFiles)
{
    m_project = projectFiles;
    m_trend->setPoints(trendPoints(m_model.runs(), m_project));
}

void HistoryPanel::rescan()
{
    // A folder created since (the first run) can be watched now.
    for (const QString &f : std::as_const(m_folders)) {
        if (QFileInfo(f).isDir() && !m_watcher.directories().contains(f))
            m_watcher.addPath(f);
    }
    const QStringList folders = m_folders;
    const HistoryScan scan = waitOnWorker([folders] { return scanRunRecords(folders); });
    m_warnings = scan.warnings;
    // A rescan (e.g. a record written by a run) must not lose what the user selected.
    QStringList selected;
    for (const RunSummary &r : selectedRuns())
        selected << r.recordPath;
    m_model.setRuns(scan.runs);
    for (int row = 0; row < m_model.rowCount() && !selected.isEmpty(); ++row) {
        if (selected.contains(m_model.run(row).recordPath))
            m_ui->runsTable->selectionModel()->select(m_filter.mapFromSource(m_model.index(row, 0)),
                                                      QItemSelectionModel::Select |
                                                          QItemSelectionModel::Rows);
    }
    m_ui->warningsLabel->setText(
        scan.warnings.isEmpty() ? QString()
                                : tr("%n file(s) skipped: %1", nullptr, int(scan.warnings.size()))
                                      .arg(scan.warnings.join(QStringLiteral("; "))));
    m_ui->warningsLabel->setVisible(!scan.warnings.isEmpty());
    updateFilters();
    m_trend->setPoints(trendPoints(scan.runs, m_project));
    m_ui->runsTable->resizeColumnsToContents();
    updateButtons();
}

void HistoryPanel::updateFilters()
{
    const QString current = m_ui->projectFilterCombo->currentData().toString();
    QStringList names;
    for (int i = 0; i < m_model.rowCount(); ++i) {
        const QString n = m_model.run(i).projectName();
        if (!names.contains(n))
            names << n;
    }
    names.sort();
    const QSignalBlocker block(m_ui->projectFilterCombo);
    m_ui->projectFilterCombo->clear();
    m_ui->projectFilterCombo->addItem(tr("All projects"), QString());
    for (const QString &n : names)
        m_ui->projectFilterCombo->addItem(n, n);
    m_ui->projectFilterCombo->setCurrentIndex(qMax(0, m_ui->projectFilterCombo->findData(current)));
}

QList<RunSummary> HistoryPanel::selectedRuns() const
{
    QList<RunSummary> runs;
    for (const QModelIndex &index : m_ui->runsTable->selectionModel()->selectedRows())
        runs << m_model.run(m_filter.mapToSource(index).row());
    return runs;
}

void HistoryPanel::updateButtons()
{
    const int n = int(selectedRuns().size());
    for (QPushButton *b :
         {m_ui->openButton, m_ui->rerunButton, m_ui->copyCommandButton, m_ui->revealButton})
        b->setEnabled(n == 1);
    m_ui->deleteButton->setEnabled(n >= 1);
    m_ui->compareButton->setEnabled(n == 2);
}

void HistoryPanel::openSelected()
{
    const QList<RunSummary> runs = selectedRuns();
    if (runs.size() == 1)
        emit openRunRequested(runs.first().recordPath);
}

void HistoryPanel::compareSelected()
{
    QList<RunSummary> runs = selectedRuns();
    if (runs.size() != 2)
        return;
    if (runs[0].started > runs[1].started)
        std::swap(runs[0], runs[1]); // A is the older run
    emit compareRequested(runs[0], runs[1]);
}

void HistoryPanel::rerunSelected()
{
    const QList<RunSummary> runs = selectedRuns();
    if (runs.size() == 1)
        emit rerunRequested(runs.first().recordPath);
}

void HistoryPanel::copyCommandOfSelected()
{
    const QList<RunSummary> runs = selectedRuns();
    if (runs.size() != 1)
        return;
    QString error;
    const auto record = loadRunRecord(runs.first().recordPath, &error);
    if (!record) {
        emit message(tr("Cannot read %1: %2").arg(runs.first().recordPath, error));
        return;
    }
    const QString command = reproduceCommand(record->settings.values, record->projectFiles);
    QApplication::clipboard()->setText(command);
    emit message(tr("Copied: %1").arg(command));
}

void HistoryPanel::deleteSelected()
{
    const QList<RunSummary> runs = selectedRuns();
    if (runs.isEmpty())
        return;
    QStringList labels;
    for (const RunSummary &r : runs)
        labels << r.label;
    if (!m_confirm((runs.size() == 1 ? tr("Move the files of this run to the trash?\n%1")
                                     : tr("Move the files of %n runs to the trash?\n%1", nullptr,
                                          int(runs.size())))
                       .arg(labels.join(QStringLiteral(", ")))))
        return;
    m_lastTrashed.clear();
    QStringList failed;
    for (const RunSummary &r : runs) {
        const TrashResult result = moveRunToTrash(r.recordPath, r.label);
        m_lastTrashed << result.trashed;
        failed << result.failed;
    }
    emit message(failed.isEmpty()
                     ? tr("Moved %n file(s) to the trash", nullptr, int(m_lastTrashed.size()))
                     : tr("Could not move to the trash: %1").arg(failed.join(", ")));
    rescan();
}

} // namespace fperf
