// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/models/run_history_model.h"

#include <QFileSystemWatcher>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>

class QTableView;

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
    QTableView *table() const;
    TrendChart *trend() const { return m_trend; }
    QStringList warnings() const { return m_warnings; }
    QList<RunSummary> selectedRuns() const;

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
    void compareRequested(const fperf::RunSummary &a, const fperf::RunSummary &b);
    void message(const QString &text);

private:
    void updateButtons();
    void updateFilters();

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
