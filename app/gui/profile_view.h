// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/launch/container_command.h"
#include "core/models/profile_table_model.h"
#include "core/profile/flame_graph.h"
#include "core/profile/loaded_profile.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QBoxLayout;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace fperf {

class FlameGraphView;
class FootprintChart;
class LeakTableModel;
class SourceAnnotationModel;

// The native view of a Scalene profile, the Report tab's first page: an overview with the
// memory footprint, sortable tables of files, functions and lines, the annotated source and
// the likely leaks. Scalene's own web report is the last page, shown only when chosen.
// The profile is read and prepared on a worker; the view stays responsive meanwhile.
class ProfileView : public QWidget
{
    Q_OBJECT
public:
    enum class Page
    {
        Overview,
        Tables,
        FlameGraph,
        Source,
        Leaks,
        ScaleneReport
    };
    Q_ENUM(Page)

    explicit ProfileView(QWidget *parent = nullptr);
    ~ProfileView() override;

    // The page that shows Scalene's own report (the ReportView); added last.
    void setScaleneReportPage(QWidget *page);
    // Reads LABEL-scalene.json on a worker; profileLoaded() tells when it is shown.
    // container: the run's, when it ran in one (its Filare files are read from their copy).
    void loadProfile(const QString &jsonPath, const QString &title, const QStringList &warnings,
                     const std::optional<ContainerTarget> &container = std::nullopt);
    // No profile to show (a run without one, a run in progress): the reason on every page.
    void showMessage(const QString &text);
    // Why a profile cannot be shown, for a state other than Valid.
    static QString unusableReason(ProfileState state, const QString &path, const QString &error);

    void showPage(Page page);
    Page currentPage() const;
    // The native page last read (Overview at first): where the next profile opens.
    static Page lastNativePage();
    // Ctrl+1..5: Overview, Tables, Flame graph, Source, Leaks (the window adds them to
    // itself).
    QList<QAction *> pageActions() const { return m_pageActions; }
    // Ctrl+F on the Report tab: the tables' search. False when there is nothing to search.
    bool focusSearch();
    // The annotated source of a file, scrolled to the line and selected.
    void showSource(const QString &file, int line);
    // $VISUAL/$EDITOR at the source view's line, else the desktop's handler for the file.
    bool openSourceInEditor(QString *error = nullptr);
    // Every row of the table as shown (filter, search, order) to a CSV file.
    bool exportCsv(const QString &path, QString *error = nullptr) const;

    bool isLoading() const { return m_loading; }
    bool hasProfile() const { return m_profile != nullptr; }
    const LoadedProfile *profile() const { return m_profile.get(); }
    ProfileTableModel *tableModel() const { return m_tableModel; }
    SourceAnnotationModel *sourceModel() const { return m_sourceModel; }
    LeakTableModel *leakModel() const { return m_leakModel; }
    QTableView *tableView() const { return m_table; }
    QTableView *sourceView() const { return m_source; }
    QTableView *leakView() const { return m_leaks; }
    FootprintChart *footprintChart() const { return m_chart; } // null until a footprint
    FlameGraphView *flameGraphView() const { return m_flame; }
    // CPU (combined_stacks) or memory (memory_stacks), with or without module import and
    // native frames.
    void setFlameGraph(bool memory, bool hideImports, bool pythonOnly = false);
    // Callers and callees of a function over all the stacks of the graph's kind, beside the
    // graph; computed on a worker (callsShown() when done). Zooming to a frame asks for it.
    void showCallsOf(const QString &function, const QString &file, StackFrame::Kind kind);
    QTreeWidget *callersList() const { return m_callers; }
    QTreeWidget *calleesList() const { return m_callees; }
    QString overviewText() const;
    QString titleText() const { return m_titleText; }
    QString messageText() const;
    int sourceLine() const { return m_sourceLine; }

signals:
    void profileLoaded(bool ok);
    void statusMessage(const QString &text);
    void callsShown(const QString &function);

private:
    void ensurePages();
    void buildOverviewPage(QWidget *page);
    void buildTablesPage(QWidget *page);
    void buildFlamePage(QWidget *page);
    void buildSourcePage(QWidget *page);
    void buildLeaksPage(QWidget *page);
    // The first table as the worker prepared it with the controls of the moment.
    struct FirstTable
    {
        ProfileLevel level = ProfileLevel::Lines;
        bool withoutImportTime = false;
        RowQuery query;
        std::optional<ProfileTableModel::Selection> selection;
    };
    void applyLoaded(std::shared_ptr<const LoadedProfile> loaded, const FirstTable &first);
    void setLevel(ProfileLevel level, const FirstTable *prepared = nullptr);
    static RowQuery withSavedSort(RowQuery query, const QString &saved,
                                  const QList<ProfileColumn> &columns);
    static bool sameQuery(const RowQuery &a, const RowQuery &b);
    void applyQuery();
    void sortTable(int column, Qt::SortOrder order); // a header click
    // A large table's selection by q, made on a worker; busyText shows meanwhile.
    void selectOnWorker(const RowQuery &q, const QString &busyText);
    RowQuery queryFromControls() const;
    void updateRowCount();
    void updateOverview();
    void updateFlameInfo();
    void showCalls(const QString &function, const QString &unit, const CallerCallee &calls);
    void clearCalls();
    void showChosenFlameGraph();
    void copySelectedRows() const;
    void chooseCsvFile();
    void activateTableRow(const QModelIndex &index);
    void saveHeader() const;
    void restoreHeader();

    QTabWidget *m_pages = nullptr;
    QList<QWidget *> m_pageHosts; // a native page each, filled by ensurePages()
    bool m_built = false;
    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QProgressBar *m_busy = nullptr;
    // Overview
    QLabel *m_overview = nullptr;
    QBoxLayout *m_overviewLayout = nullptr;
    FootprintChart *m_chart = nullptr; // made with the first footprint
    QLabel *m_chartNote = nullptr;
    // Tables
    QComboBox *m_level = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_filareOnly = nullptr;
    QCheckBox *m_hideImportTime = nullptr;
    QSpinBox *m_top = nullptr;
    QLabel *m_rowCount = nullptr;
    QPushButton *m_export = nullptr;
    QTableView *m_table = nullptr;
    ProfileTableModel *m_tableModel = nullptr;
    QTimer m_searchDelay;
    // Flame graph
    QComboBox *m_flameKind = nullptr;
    QCheckBox *m_hideImports = nullptr;
    QCheckBox *m_pythonOnly = nullptr;
    QLineEdit *m_flameSearch = nullptr;
    QLabel *m_flameInfo = nullptr;
    FlameGraphView *m_flame = nullptr;
    FlameChoice m_flameChoice;
    QHash<int, std::shared_ptr<const FlameGraph>> m_flameGraphs; // by FlameChoice::key()
    QSet<int> m_flameBuilding;
    QLabel *m_callsTitle = nullptr;
    QTreeWidget *m_callers = nullptr;
    QTreeWidget *m_callees = nullptr;
    QString m_callsFunction;
    int m_callsGeneration = 0; // on a worker now
    // Source
    QLabel *m_sourceTitle = nullptr;
    QPushButton *m_openEditor = nullptr;
    QTableView *m_source = nullptr;
    SourceAnnotationModel *m_sourceModel = nullptr;
    int m_sourceLine = 0;
    // Leaks
    QLabel *m_leakNote = nullptr;
    QTableView *m_leaks = nullptr;
    LeakTableModel *m_leakModel = nullptr;

    QList<QAction *> m_pageActions;
    std::shared_ptr<const LoadedProfile> m_profile;
    QString m_titleText;
    std::optional<ContainerTarget> m_container; // the shown run's, when it ran in one
    QStringList m_warnings;
    bool m_loading = false;
    int m_generation = 0;      // a load's result is shown only if no newer load started
    int m_queryGeneration = 0; // likewise for a filter applied on a worker
};

} // namespace fperf
