// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/history_panel.h"

#include "core/store/run_files.h"
#include "core/store/run_record.h"
#include "gui/trend_chart.h"
#include "gui/worker_wait.h"
#include "ui_history_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QTreeView>
#include <QUrl>

namespace fperf {

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::HistoryPanel>())
{
    m_ui->setupUi(this);
    m_filter.setSourceModel(&m_model);
    m_ui->runsTable->setModel(&m_filter);
    m_ui->runsTable->sortByColumn(RunHistoryModel::Started, Qt::DescendingOrder);
    m_ui->runsTable->header()->setStretchLastSection(true);
    m_ui->groupingCombo->addItem(tr("Group: run groups"),
                                 QVariant::fromValue(RunHistoryModel::Grouping::RunGroups));
    m_ui->groupingCombo->addItem(tr("Group: Filare commit"),
                                 QVariant::fromValue(RunHistoryModel::Grouping::Commits));
    connect(m_ui->groupingCombo, &QComboBox::currentIndexChanged, this, [this] {
        setGrouping(m_ui->groupingCombo->currentData().value<RunHistoryModel::Grouping>());
    });
    m_trend = new TrendChart(this);
    m_ui->trendLayout->addWidget(m_trend);
    m_ui->warningsLabel->setVisible(false);
    m_ui->statusFilterCombo->addItem(tr("All statuses"), QString());
    // Shows the label, filters by the machine key.
    for (RunStatus s : {RunStatus::Succeeded, RunStatus::Failed, RunStatus::TooShort,
                        RunStatus::Crashed, RunStatus::NoProfile, RunStatus::Cancelled,
                        RunStatus::TimedOut, RunStatus::Interrupted, RunStatus::Running})
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
    // Double-click opens a run; on a group's row it opens or closes the group.
    connect(m_ui->runsTable, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!m_model.isGroup(m_filter.mapToSource(index)))
            openSelected();
    });
    connect(m_ui->runsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateButtons);
    connect(m_ui->openButton, &QPushButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_ui->compareButton, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
    connect(m_ui->rerunButton, &QPushButton::clicked, this, &HistoryPanel::rerunSelected);
    connect(m_ui->copyCommandButton, &QPushButton::clicked, this,
            &HistoryPanel::copyCommandOfSelected);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &HistoryPanel::deleteSelected);
    connect(m_ui->revealButton, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = selectedSourceRows();
        if (rows.size() == 1)
            QDesktopServices::openUrl(QUrl::fromLocalFile(
                QFileInfo(m_model.run(rows.first()).recordPath).absolutePath()));
    });
    connect(m_trend, &TrendChart::openRunRequested, this, &HistoryPanel::openRunRequested);
    updateButtons();
}

HistoryPanel::~HistoryPanel() = default;

QTreeView *HistoryPanel::table() const
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
    // A rescan (e.g. a record written by a run) must not lose what the user selected, nor
    // which groups are open.
    const QStringList selected = selectedKeys();
    const QStringList expanded = expandedKeys();
    m_model.setRuns(scan.runs, scan.groups);
    restoreView(selected, expanded);
    m_ui->warningsLabel->setText(
        scan.warnings.isEmpty() ? QString()
                                : tr("%n file(s) skipped: %1", nullptr, int(scan.warnings.size()))
                                      .arg(scan.warnings.join(QStringLiteral("; "))));
    m_ui->warningsLabel->setVisible(!scan.warnings.isEmpty());
    updateFilters();
    m_trend->setPoints(trendPoints(scan.runs, m_project));
    for (int c = 0; c < RunHistoryModel::ColumnCount; ++c)
        m_ui->runsTable->resizeColumnToContents(c);
    updateButtons();
}

void HistoryPanel::setGrouping(RunHistoryModel::Grouping grouping)
{
    const QSignalBlocker block(m_ui->groupingCombo);
    m_ui->groupingCombo->setCurrentIndex(
        qMax(0, m_ui->groupingCombo->findData(QVariant::fromValue(grouping))));
    const QStringList selected = selectedKeys();
    m_model.setGrouping(grouping);
    restoreView(selected, {});
    // Commits are few, and each holds the runs to compare: show them open.
    if (grouping == RunHistoryModel::Grouping::Commits && m_filter.rowCount() <= 8)
        m_ui->runsTable->expandAll();
    updateButtons();
}

// A row's key across rebuilds: a run's record path, a group's kind and name.
QString HistoryPanel::keyOf(const QModelIndex &source) const
{
    if (m_model.isGroup(source)) {
        const HistoryRow &row = m_model.row(source.row());
        return QStringLiteral("%1:%2").arg(int(row.kind)).arg(row.key);
    }
    return m_model.run(source).recordPath;
}

QStringList HistoryPanel::selectedKeys() const
{
    QStringList keys;
    for (const QModelIndex &index : selectedSourceRows())
        keys << keyOf(index);
    return keys;
}

QStringList HistoryPanel::expandedKeys() const
{
    QStringList keys;
    for (int r = 0; r < m_filter.rowCount(); ++r) {
        const QModelIndex index = m_filter.index(r, 0);
        if (m_ui->runsTable->isExpanded(index))
            keys << keyOf(m_filter.mapToSource(index));
    }
    return keys;
}

void HistoryPanel::restoreView(const QStringList &selected, const QStringList &expanded)
{
    QItemSelectionModel *selection = m_ui->runsTable->selectionModel();
    selection->clearSelection();
    if (selected.isEmpty() && expanded.isEmpty())
        return;
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const QModelIndex top = m_model.index(row, 0);
        const QString key = keyOf(top);
        if (expanded.contains(key))
            m_ui->runsTable->expand(m_filter.mapFromSource(top));
        if (selected.contains(key))
            selection->select(m_filter.mapFromSource(top),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        for (int child = 0; child < m_model.rowCount(top); ++child) {
            const QModelIndex index = m_model.index(child, 0, top);
            if (selected.contains(keyOf(index)))
                selection->select(m_filter.mapFromSource(index),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
}

void HistoryPanel::updateFilters()
{
    const QString current = m_ui->projectFilterCombo->currentData().toString();
    QStringList names;
    for (const RunSummary &r : m_model.runs()) {
        const QString n = r.projectName();
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

QModelIndexList HistoryPanel::selectedSourceRows() const
{
    QModelIndexList rows;
    for (const QModelIndex &index : m_ui->runsTable->selectionModel()->selectedRows())
        rows << m_filter.mapToSource(index);
    return rows;
}

QList<RunSet> HistoryPanel::selectedSets() const
{
    QList<RunSet> sets;
    for (const QModelIndex &index : selectedSourceRows()) {
        if (m_model.isGroup(index)) {
            const HistoryRow &row = m_model.row(index.row());
            QString name = row.key;
            if (row.kind == HistoryRow::Kind::Commit && name.isEmpty())
                name = tr("not a checkout");
            sets << RunSet{name, row.runs};
        } else {
            const RunSummary &run = m_model.run(index);
            sets << RunSet{run.label, {run}};
        }
    }
    return sets;
}

QList<RunSummary> HistoryPanel::selectedRuns() const
{
    QList<RunSummary> runs;
    for (const RunSet &set : selectedSets()) {
        for (const RunSummary &r : set.runs) {
            if (!std::any_of(runs.begin(), runs.end(),
                             [&r](const RunSummary &x) { return x.recordPath == r.recordPath; }))
                runs << r;
        }
    }
    return runs;
}

void HistoryPanel::updateButtons()
{
    const QModelIndexList rows = selectedSourceRows();
    const int n = int(rows.size());
    const bool oneRun = n == 1 && !m_model.isGroup(rows.first());
    // A group opens its typical (median) run, and its command is its repeats' command.
    for (QPushButton *b : {m_ui->openButton, m_ui->copyCommandButton, m_ui->revealButton})
        b->setEnabled(n == 1);
    m_ui->rerunButton->setEnabled(oneRun);
    m_ui->deleteButton->setEnabled(n >= 1);
    m_ui->compareButton->setEnabled(n == 2);
}

void HistoryPanel::openSelected()
{
    const QModelIndexList rows = selectedSourceRows();
    if (rows.size() == 1)
        emit openRunRequested(m_model.run(rows.first()).recordPath);
}

void HistoryPanel::compareSelected()
{
    QList<RunSet> sets = selectedSets();
    if (sets.size() != 2)
        return;
    const auto earliest = [](const RunSet &set) {
        QDateTime t = set.runs.first().started;
        for (const RunSummary &r : set.runs)
            t = qMin(t, r.started);
        return t;
    };
    if (earliest(sets[0]) > earliest(sets[1]))
        std::swap(sets[0], sets[1]); // A is the older side
    emit compareRequested(sets[0], sets[1]);
}

void HistoryPanel::rerunSelected()
{
    const QModelIndexList rows = selectedSourceRows();
    if (rows.size() == 1 && !m_model.isGroup(rows.first()))
        emit rerunRequested(m_model.run(rows.first()).recordPath);
}

void HistoryPanel::copyCommandOfSelected()
{
    const QModelIndexList rows = selectedSourceRows();
    if (rows.size() != 1)
        return;
    const RunSummary &run = m_model.run(rows.first());
    QString error;
    const auto record = loadRunRecord(run.recordPath, &error);
    if (!record) {
        emit message(tr("Cannot read %1: %2").arg(run.recordPath, error));
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
    QStringList labels, groupFiles;
    for (const RunSummary &r : runs)
        labels << r.label;
    // A run group deleted as a whole takes its group file with it.
    for (const QModelIndex &index : selectedSourceRows()) {
        if (m_model.isGroup(index) && !m_model.row(index.row()).path.isEmpty())
            groupFiles << m_model.row(index.row()).path;
    }
    if (!m_confirm((runs.size() == 1 ? tr("Move the files of this run to the trash?\n%1")
                                     : tr("Move the files of %n runs to the trash?\n%1", nullptr,
                                          int(runs.size())))
                       .arg(labels.join(QStringLiteral(", ")))))
        return;
    const TrashResult result = moveRunsToTrash(runs, groupFiles);
    m_lastTrashed = result.trashed;
    emit message(result.failed.isEmpty()
                     ? tr("Moved %n file(s) to the trash", nullptr, int(m_lastTrashed.size()))
                     : tr("Could not move to the trash: %1").arg(result.failed.join(", ")));
    rescan();
}

} // namespace fperf
