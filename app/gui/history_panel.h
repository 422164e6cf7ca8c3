// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/models/run_history_model.h"
#include "core/store/run_group_codec.h"

#include <QFileSystemWatcher>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>

class QTreeView;

namespace Ui {
class HistoryPanel;
}

namespace fperf {

class TrendChart;

// Past runs of the watched output folders: sortable, filterable, with actions and the trend of
// the current project. New runs (also from the CLI) appear as their records are written.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget *parent = nullptr);
    ~HistoryPanel() override;

    void setFolders(const QStringList &folders);
    QStringList folders() const { return m_folders; }
    void setCurrentProject(const QStringList &projectFiles);
    // Asked before files go to the trash; the default asks with a dialog.
    void setConfirmDeletion(std::function<bool(const QString &question)> confirm);

    RunHistoryModel *model() { return &m_model; }
    RunHistoryFilterModel *filterModel() { return &m_filter; }
    QTreeView *table() const;
    TrendChart *trend() const { return m_trend; }
    QStringList warnings() const { return m_warnings; }
    // Every run the selection holds (a group's row: all its runs).
    QList<RunSummary> selectedRuns() const;
    // What each selected row stands for: a run under its label, or a group's runs under the
    // group's name (a run group's label, or a commit).
    QList<RunSet> selectedSets() const;
    void setGrouping(RunHistoryModel::Grouping grouping);

public slots:
    void rescan();
    void openSelected();
    void compareSelected();
    void rerunSelected();
    void copyCommandOfSelected();
    void deleteSelected();
    // Where the last deletion put each file (nothing is deleted outright).
    QStringList lastTrashed() const { return m_lastTrashed; }

signals:
    void openRunRequested(const QString &recordPath);
    void rerunRequested(const QString &recordPath);
    void compareRequested(const fperf::RunSet &a, const fperf::RunSet &b);
    void message(const QString &text);

private:
    void updateButtons();
    void updateFilters();
    QModelIndexList selectedSourceRows() const;
    QString keyOf(const QModelIndex &source) const;
    QStringList selectedKeys() const;
    QStringList expandedKeys() const;
    void restoreView(const QStringList &selected, const QStringList &expanded);

    std::unique_ptr<Ui::HistoryPanel> m_ui;
    RunHistoryModel m_model;
    RunHistoryFilterModel m_filter;
    TrendChart *m_trend = nullptr;
    QFileSystemWatcher m_watcher;
    QTimer m_rescanTimer;
    QStringList m_folders;
    QStringList m_project;
    QStringList m_warnings;
    std::function<bool(const QString &)> m_confirm;
    QStringList m_lastTrashed;
};

} // namespace fperf
