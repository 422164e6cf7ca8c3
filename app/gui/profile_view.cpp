// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/profile_view.h"

#include "core/models/profile_table_model.h"
#include "core/models/source_annotation_model.h"
#include "core/profile/profile_show.h"
#include "core/profile/scalene_profile.h"
#include "core/util/editor_command.h"
#include "gui/cost_bar_delegate.h"
#include "gui/flame_graph_view.h"
#include "gui/footprint_chart.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QThreadPool>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace fperf {

namespace {
QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *t = new QTableView(parent);
    t->setObjectName(name);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->horizontalHeader()->setHighlightSections(false);
    t->setItemDelegate(new CostBarDelegate(t));
    return t;
}

QString card(const QString &label, const QString &value, const QString &detail = {})
{
    return QStringLiteral("<td style=\"padding:6px 18px 6px 0;vertical-align:top\">"
                          "<div style=\"font-size:11px\">%1</div>"
                          "<div style=\"font-size:20px;font-weight:bold\">%2</div>"
                          "<div style=\"font-size:11px\">%3</div></td>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped(), detail.toHtmlEscaped());
}

QString settingsKey(ProfileLevel level)
{
    return QStringLiteral("profileView/header/%1").arg(int(level));
}

// Above this many rows a new filter is applied on a worker.
constexpr int kRowsForAWorker = 20000;

QString sortKey(ProfileLevel level)
{
    return QStringLiteral("profileView/sort/%1").arg(int(level));
}
} // namespace

ProfileView::ProfileView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("profileTitleLabel"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("profileBusy"));
    m_busy->setRange(0, 0); // reading takes no known time: a busy indicator
    m_busy->setMaximumWidth(160);
    m_busy->setVisible(false);
    bar->addWidget(m_title, 1);
    bar->addWidget(m_busy);
    layout->addLayout(bar);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("profileMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setMargin(12);
    m_message->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_message);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("profilePages"));
    m_pages->setDocumentMode(true);
    // The pages' contents are made with the first profile (ensurePages): the window appears
    // sooner, and a window that never shows a profile never makes them.
    const QStringList titles{tr("Overview"), tr("Lines && functions"), tr("Flame graph"),
                             tr("Source"), tr("Leaks")};
    for (const QString &title : titles) {
        m_pageHosts << new QWidget(m_pages);
        m_pages->addTab(m_pageHosts.last(), title);
    }
    layout->addWidget(m_pages, 1);

    const QStringList names{tr("Overview"), tr("Lines and functions"), tr("Flame graph"),
                            tr("Source"), tr("Leaks")};
    for (int i = 0; i < names.size(); ++i) {
        auto *action = new QAction(tr("Show %1").arg(names.at(i)), this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { showPage(Page(i)); });
        m_pageActions << action;
    }
    // A flame graph is built when its page is first shown, not with every profile. The page
    // a user reads a profile on is the one the next profile opens on.
    connect(m_pages, &QTabWidget::currentChanged, this, [this](int index) {
        if (Page(index) == Page::FlameGraph && m_profile && !m_flame->graph())
            showChosenFlameGraph();
        if (m_profile && index <= int(Page::Leaks))
            QSettings().setValue(QStringLiteral("profileView/page"), index);
    });
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(150);
    connect(&m_searchDelay, &QTimer::timeout, this, &ProfileView::applyQuery);
    showMessage(tr("No profile yet. Open a project and press Profile (Ctrl+R)."));
}

void ProfileView::ensurePages()
{
    if (m_built)
        return;
    m_built = true;
    buildOverviewPage(m_pageHosts.at(int(Page::Overview)));
    buildTablesPage(m_pageHosts.at(int(Page::Tables)));
    buildFlamePage(m_pageHosts.at(int(Page::FlameGraph)));
    buildSourcePage(m_pageHosts.at(int(Page::Source)));
    buildLeaksPage(m_pageHosts.at(int(Page::Leaks)));
}

ProfileView::~ProfileView()
{
    if (m_profile)
        saveHeader();
}

void ProfileView::buildOverviewPage(QWidget *page)
{
    auto *layout = new QVBoxLayout(page);
    m_overview = new QLabel(page);
    m_overview->setObjectName(QStringLiteral("overviewLabel"));
    m_overview->setTextFormat(Qt::RichText);
    m_overview->setWordWrap(true);
    m_overview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_overview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_overview);
    // The chart (QtCharts and its graphics scene) is made with the first footprint: the
    // window appears sooner.
    m_overviewLayout = layout;
    m_chartNote = new QLabel(page);
    m_chartNote->setObjectName(QStringLiteral("footprintNote"));
    m_chartNote->setWordWrap(true);
    layout->addWidget(m_chartNote);
    layout->addStretch(0);
}

void ProfileView::buildTablesPage(QWidget *page)
{
    auto *layout = new QVBoxLayout(page);
    auto *controls = new QHBoxLayout;
    m_level = new QComboBox(page);
    m_level->setObjectName(QStringLiteral("levelCombo"));
    m_level->addItem(tr("Files"), int(ProfileLevel::Files));
    m_level->addItem(tr("Functions"), int(ProfileLevel::Functions));
    m_level->addItem(tr("Lines"), int(ProfileLevel::Lines));
    m_level->setCurrentIndex(2);
    m_level->setToolTip(tr("Which table: files, functions or lines"));
    m_search = new QLineEdit(page);
    m_search->setObjectName(QStringLiteral("profileSearch"));
    m_search->setPlaceholderText(tr("Search files, functions and source (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_filareOnly = new QCheckBox(tr("Filare's own code only"), page);
    m_filareOnly->setObjectName(QStringLiteral("filareOnlyCheck"));
    m_filareOnly->setToolTip(
        tr("Hide the standard library and Filare's dependencies: only files of the filare "
           "package (installed or in an editable checkout)."));
    m_hideImportTime = new QCheckBox(tr("Hide import time"), page);
    m_hideImportTime->setObjectName(QStringLiteral("hideImportTimeCheck"));
    m_hideImportTime->setToolTip(
        tr("Leave out lines at a module's top level (imports, class bodies, decorators): they "
           "run once, when the module is imported, not when a harness is built"));
    m_top = new QSpinBox(page);
    m_top->setObjectName(QStringLiteral("topSpin"));
    m_top->setRange(0, 100000);
    m_top->setSingleStep(10);
    m_top->setSpecialValueText(tr("all rows"));
    m_top->setPrefix(tr("top "));
    m_top->setToolTip(tr("Show only the first N rows of the order chosen (0: all)"));
    m_rowCount = new QLabel(page);
    m_rowCount->setObjectName(QStringLiteral("rowCountLabel"));
    m_export = new QPushButton(tr("Export CSV…"), page);
    m_export->setObjectName(QStringLiteral("exportCsvButton"));
    m_export->setToolTip(tr("Save the rows as shown to a CSV file"));
    controls->addWidget(m_level);
    controls->addWidget(m_search, 1);
    controls->addWidget(m_filareOnly);
    controls->addWidget(m_hideImportTime);
    controls->addWidget(m_top);
    controls->addWidget(m_rowCount);
    controls->addWidget(m_export);
    layout->addLayout(controls);

    m_table = makeTable(page, QStringLiteral("profileTable"));
    m_tableModel = new ProfileTableModel(this);
    m_table->setModel(m_tableModel);
    // Sorting is ours, not the view's: a large table sorts on a worker (sortTable).
    QHeaderView *header = m_table->horizontalHeader();
    header->setSortIndicatorShown(true);
    header->setSectionsClickable(true);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &ProfileView::sortTable);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setToolTip(tr("Double-click or press Enter for the annotated source"));
    layout->addWidget(m_table, 1);

    connect(m_level, &QComboBox::activated, this,
            [this] { setLevel(ProfileLevel(m_level->currentData().toInt())); });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay.stop();
        applyQuery();
    });
    connect(m_filareOnly, &QCheckBox::toggled, this, &ProfileView::applyQuery);
    // Files are summed again without those lines: the rows change, not only the filter.
    connect(m_hideImportTime, &QCheckBox::toggled, this,
            [this] { setLevel(ProfileLevel(m_level->currentData().toInt())); });
    connect(m_top, &QSpinBox::valueChanged, this, [this] { m_searchDelay.start(); });
    connect(m_export, &QPushButton::clicked, this, &ProfileView::chooseCsvFile);
    connect(m_table, &QTableView::activated, this, &ProfileView::activateTableRow);
    auto *copy = new QShortcut(QKeySequence::Copy, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, &ProfileView::copySelectedRows);
}

void ProfileView::buildFlamePage(QWidget *page)
{
    auto *layout = new QVBoxLayout(page);
    auto *controls = new QHBoxLayout;
    m_flameKind = new QComboBox(page);
    m_flameKind->setObjectName(QStringLiteral("flameKindCombo"));
    m_flameKind->addItem(tr("CPU (samples)"));
    m_flameKind->addItem(tr("Memory (MB allocated)"));
    m_flameKind->setToolTip(tr("CPU: Scalene's combined Python and native stacks; memory: "
                               "where the sampled allocations were made"));
    m_hideImports = new QCheckBox(tr("Hide module imports"), page);
    m_hideImports->setObjectName(QStringLiteral("hideImportsCheck"));
    m_hideImports->setToolTip(tr("Leave out stacks that run a module's top level while it is "
                                 "imported, so the work itself stands out"));
    m_pythonOnly = new QCheckBox(tr("Python frames only"), page);
    m_pythonOnly->setObjectName(QStringLiteral("pythonOnlyCheck"));
    m_pythonOnly->setToolTip(tr("Leave out native frames (mostly the interpreter's own); their "
                                "time stays with the Python frame that called them"));
    m_flameSearch = new QLineEdit(page);
    m_flameSearch->setObjectName(QStringLiteral("flameSearch"));
    m_flameSearch->setPlaceholderText(tr("Highlight frames by function or file"));
    m_flameSearch->setClearButtonEnabled(true);
    auto *reset = new QPushButton(tr("Reset Zoom"), page);
    reset->setObjectName(QStringLiteral("resetZoomButton"));
    reset->setToolTip(tr("Show the whole graph again (Esc)"));
    controls->addWidget(m_flameKind);
    controls->addWidget(m_hideImports);
    controls->addWidget(m_pythonOnly);
    controls->addWidget(m_flameSearch, 1);
    controls->addWidget(reset);
    layout->addLayout(controls);
    m_flameInfo = new QLabel(page);
    m_flameInfo->setObjectName(QStringLiteral("flameInfoLabel"));
    m_flameInfo->setWordWrap(true);
    m_flameInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_flameInfo);
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_flame = new FlameGraphView(scroll);
    m_flame->setObjectName(QStringLiteral("flameGraph"));
    m_flame->setToolTip(QString()); // per frame, from the view
    scroll->setWidget(m_flame);
    // Beside the graph: who calls the zoomed function and whom it calls, over all stacks.
    auto *split = new QSplitter(Qt::Horizontal, page);
    split->setObjectName(QStringLiteral("flameSplitter"));
    split->addWidget(scroll);
    auto *calls = new QWidget(split);
    auto *callsLayout = new QVBoxLayout(calls);
    callsLayout->setContentsMargins(0, 0, 0, 0);
    m_callsTitle = new QLabel(tr("Zoom to a frame to see its callers and callees."), calls);
    m_callsTitle->setObjectName(QStringLiteral("callsTitleLabel"));
    m_callsTitle->setWordWrap(true);
    callsLayout->addWidget(m_callsTitle);
    for (QTreeWidget **list : {&m_callers, &m_callees}) {
        *list = new QTreeWidget(calls);
        (*list)->setRootIsDecorated(false);
        (*list)->setColumnCount(2);
        (*list)->setHeaderLabels(
            {list == &m_callers ? tr("Called from") : tr("Calls"), tr("Share")});
        (*list)->setToolTip(tr("Double-click to see that function's callers and callees"));
        callsLayout->addWidget(*list, 1);
        connect(*list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
            showCallsOf(item->data(0, Qt::UserRole).toString(),
                        item->data(0, Qt::UserRole + 1).toString(),
                        StackFrame::Kind(item->data(0, Qt::UserRole + 2).toInt()));
        });
    }
    m_callers->setObjectName(QStringLiteral("callersList"));
    m_callees->setObjectName(QStringLiteral("calleesList"));
    split->addWidget(calls);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({720, 280});
    layout->addWidget(split, 1);
    connect(m_flameKind, &QComboBox::activated, this, &ProfileView::showChosenFlameGraph);
    connect(m_hideImports, &QCheckBox::toggled, this, &ProfileView::showChosenFlameGraph);
    connect(m_pythonOnly, &QCheckBox::toggled, this, &ProfileView::showChosenFlameGraph);
    connect(m_flameSearch, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_flame->setSearch(text);
        updateFlameInfo();
    });
    connect(reset, &QPushButton::clicked, this, [this] { m_flame->zoomTo(0); });
    connect(m_flame, &FlameGraphView::zoomChanged, this, [this](int node) {
        updateFlameInfo();
        if (const FlameGraph *g = m_flame->graph(); g && node > 0 && node < g->nodes.size())
            showCallsOf(g->nodes.at(node).function, g->nodes.at(node).file, g->nodes.at(node).kind);
    });
    connect(m_flame, &FlameGraphView::frameActivated, this, &ProfileView::showSource);
}

void ProfileView::clearCalls()
{
    ++m_callsGeneration;
    m_callsFunction.clear();
    m_callers->clear();
    m_callees->clear();
    m_callsTitle->setText(tr("Zoom to a frame to see its callers and callees."));
}

void ProfileView::showChosenFlameGraph()
{
    setFlameGraph(m_flameKind->currentIndex() == 1, m_hideImports->isChecked(),
                  m_pythonOnly->isChecked());
}

void ProfileView::setFlameGraph(bool memory, bool hideImports, bool pythonOnly)
{
    if (!m_built)
        return;
    if (m_flameKind->currentIndex() != (memory ? 1 : 0))
        m_flameKind->setCurrentIndex(memory ? 1 : 0);
    for (auto [box, on] :
         {std::pair{m_hideImports, hideImports}, std::pair{m_pythonOnly, pythonOnly}}) {
        const QSignalBlocker block(box);
        box->setChecked(on);
    }
    m_flameChoice = FlameChoice{memory, hideImports, pythonOnly};
    if (!m_profile) {
        m_flame->setGraph(nullptr, {});
        updateFlameInfo();
        return;
    }
    if (const auto cached = m_flameGraphs.value(m_flameChoice.key())) {
        m_flame->setGraph(cached.get(), memory ? tr("MB") : tr("samples"));
        m_flame->setSearch(m_flameSearch->text());
        updateFlameInfo();
        return;
    }
    // Built on a worker the first time it is asked for; the profile stays alive meanwhile.
    m_flame->setGraph(nullptr, {});
    m_flameInfo->setText(tr("Building the flame graph…"));
    const FlameChoice choice = m_flameChoice;
    if (m_flameBuilding.contains(choice.key()))
        return; // already on its way
    m_flameBuilding.insert(choice.key());
    const std::shared_ptr<const LoadedProfile> profile = m_profile;
    QPointer<ProfileView> self(this);
    QThreadPool::globalInstance()->start([self, profile, choice] {
        auto graph =
            std::make_shared<const FlameGraph>(flameGraphOf(profile->read.profile, choice));
        QMetaObject::invokeMethod(
            qApp,
            [self, profile, choice, graph] {
                if (!self || self->m_profile != profile)
                    return; // another profile is shown now
                self->m_flameBuilding.remove(choice.key());
                self->m_flameGraphs.insert(choice.key(), graph);
                if (self->m_flameChoice.key() == choice.key())
                    self->setFlameGraph(choice.memory, choice.hideImports, choice.pythonOnly);
            },
            Qt::QueuedConnection);
    });
}

void ProfileView::showCallsOf(const QString &function, const QString &file, StackFrame::Kind kind)
{
    if (!m_profile)
        return;
    m_callsFunction = function;
    const QString unit = m_flameChoice.memory ? tr("MB") : tr("samples");
    m_callsTitle->setText(tr("Finding the callers and callees of %1…").arg(function));
    // One pass over every stack: on a worker, like the graphs.
    const std::shared_ptr<const LoadedProfile> profile = m_profile;
    const int generation = ++m_callsGeneration;
    QPointer<ProfileView> self(this);
    const FlameChoice choice = m_flameChoice; // the stacks the graph shows
    QThreadPool::globalInstance()->start([=] {
        const ScaleneProfile &p = profile->read.profile;
        QList<WeightedStack> stacks = choice.memory ? p.memoryStacks : p.combinedStacks;
        if (choice.hideImports)
            stacks = withoutImports(stacks);
        if (choice.pythonOnly)
            stacks = pythonFramesOnly(stacks);
        const CallerCallee cc = callerCallee(stacks, function, file, kind);
        QMetaObject::invokeMethod(
            qApp,
            [self, cc, generation, function, unit] {
                if (!self || self->m_callsGeneration != generation)
                    return;
                self->showCalls(function, unit, cc);
            },
            Qt::QueuedConnection);
    });
}

void ProfileView::showCalls(const QString &function, const QString &unit, const CallerCallee &cc)
{
    const int decimals = m_flameChoice.memory ? 1 : 0; // MB, or whole samples
    m_callsTitle->setText(tr("%1: %2 %3 in all, %4 in the function itself")
                              .arg(function)
                              .arg(cc.inclusive, 0, 'f', decimals)
                              .arg(unit)
                              .arg(cc.self, 0, 'f', decimals));
    for (auto [list, edges] :
         {std::pair{m_callers, &cc.callers}, std::pair{m_callees, &cc.callees}}) {
        list->clear();
        for (const CallEdge &e : *edges) {
            const QString name = e.function.isEmpty() ? tr("[unknown]") : e.function;
            auto *item = new QTreeWidgetItem(
                list, {name, tr("%1 %").arg(cc.inclusive > 0 ? 100.0 * e.weight / cc.inclusive : 0,
                                            0, 'f', 1)});
            item->setToolTip(0, e.file);
            item->setData(0, Qt::UserRole, e.function);
            item->setData(0, Qt::UserRole + 1, e.file);
            item->setData(0, Qt::UserRole + 2, int(e.kind));
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
        list->resizeColumnToContents(0);
    }
    emit callsShown(function);
}

void ProfileView::updateFlameInfo()
{
    if (!m_profile) {
        m_flameInfo->clear();
        return;
    }
    const bool memory = m_flameKind->currentIndex() == 1;
    const double total = memory ? m_profile->memoryStackWeight : m_profile->cpuStackWeight;
    if (total <= 0) {
        m_flameInfo->setText(m_profile->read.profile.format == ScaleneFormat::Scalene15
                                 ? tr("No stacks: Scalene 1.5 profiles do not record them.")
                             : memory && !m_profile->overview.memory
                                 ? tr("No memory stacks: memory profiling was off in this run.")
                                 : tr("Scalene recorded no stacks in this run."));
        return;
    }
    const double imports = memory ? m_profile->memoryImportWeight : m_profile->cpuImportWeight;
    QStringList parts;
    parts << tr("Module import: %1 % of the %2")
                 .arg(100.0 * imports / total, 0, 'f', 1)
                 .arg(memory ? tr("allocated MB in stacks") : tr("CPU samples in stacks"));
    QStringList path;
    if (const FlameGraph *shown = m_flame->graph()) {
        for (int node : flamePath(*shown, m_flame->zoomNode()))
            path << shown->nodes.at(node).function;
    }
    if (!path.isEmpty())
        parts << tr("zoomed to %1").arg(path.join(QStringLiteral(" › ")));
    if (!m_flameSearch->text().trimmed().isEmpty())
        parts << tr("%n frame(s) match", nullptr, m_flame->matchCount());
    parts << tr("click a frame to zoom, the top one to zoom out; double-click for its source");
    m_flameInfo->setText(parts.join(QStringLiteral(" · ")));
}

void ProfileView::buildSourcePage(QWidget *page)
{
    auto *layout = new QVBoxLayout(page);
    auto *controls = new QHBoxLayout;
    m_sourceTitle = new QLabel(tr("Choose a row in Lines and functions (Ctrl+2) to see its "
                                  "source here."),
                               page);
    m_sourceTitle->setObjectName(QStringLiteral("sourceTitleLabel"));
    m_sourceTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openEditor = new QPushButton(tr("Open in Editor"), page);
    m_openEditor->setObjectName(QStringLiteral("openEditorButton"));
    m_openEditor->setToolTip(
        tr("Open the file at this line in $VISUAL or $EDITOR (else the desktop's default "
           "application)"));
    m_openEditor->setEnabled(false);
    controls->addWidget(m_sourceTitle, 1);
    controls->addWidget(m_openEditor);
    layout->addLayout(controls);
    m_source = makeTable(page, QStringLiteral("sourceTable"));
    m_sourceModel = new SourceAnnotationModel(this);
    m_source->setModel(m_sourceModel);
    m_source->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_source->setAlternatingRowColors(false);
    m_source->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_source, 1);
    connect(m_openEditor, &QPushButton::clicked, this, [this] {
        QString error;
        if (!openSourceInEditor(&error))
            emit statusMessage(error);
    });
    connect(m_source, &QTableView::activated, this, [this](const QModelIndex &index) {
        m_sourceLine = index.data(SourceAnnotationModel::LineRole).toInt();
        QString error;
        if (!openSourceInEditor(&error))
            emit statusMessage(error);
    });
}

void ProfileView::buildLeaksPage(QWidget *page)
{
    auto *layout = new QVBoxLayout(page);
    m_leakNote = new QLabel(page);
    m_leakNote->setObjectName(QStringLiteral("leakNoteLabel"));
    m_leakNote->setWordWrap(true);
    layout->addWidget(m_leakNote);
    m_leaks = makeTable(page, QStringLiteral("leakTable"));
    m_leakModel = new LeakTableModel(this);
    m_leaks->setModel(m_leakModel);
    m_leaks->horizontalHeader()->setStretchLastSection(true);
    m_leaks->setToolTip(tr("Double-click or press Enter for the annotated source"));
    layout->addWidget(m_leaks, 1);
    connect(m_leaks, &QTableView::activated, this, [this](const QModelIndex &index) {
        showSource(index.data(LeakTableModel::FileRole).toString(),
                   index.data(LeakTableModel::LineRole).toInt());
    });
}

void ProfileView::setScaleneReportPage(QWidget *page)
{
    m_pages->addTab(page, tr("Scalene's report"));
    m_pages->setTabToolTip(m_pages->count() - 1,
                           tr("Scalene's own report in a web view, loaded when shown"));
}

void ProfileView::loadProfile(const QString &jsonPath, const QString &title,
                              const QStringList &warnings,
                              const std::optional<ContainerTarget> &container)
{
    ensurePages();
    const int generation = ++m_generation;
    if (m_profile)
        saveHeader();
    m_titleText = title;
    m_warnings = warnings;
    m_container = container;
    m_loading = true;
    m_busy->setVisible(true);
    m_title->setText(tr("%1 · reading the profile…").arg(title));
    if (!m_profile) {
        // The overview, not Scalene's page, is what shows first: the web page stays unloaded.
        m_message->setText(tr("Reading the profile…"));
        for (int i = 0; i <= int(Page::Leaks); ++i)
            m_pages->setTabEnabled(i, true);
        showPage(lastNativePage());
    }
    // The first table's selection is made on the worker too: on a profile of 200 MB it is
    // a good part of a second of sorting.
    FirstTable first;
    first.level = ProfileLevel(m_level->currentData().toInt());
    first.withoutImportTime = m_hideImportTime->isChecked();
    first.query = queryFromControls();
    const QString savedSort = QSettings().value(sortKey(first.level)).toString();
    QPointer<ProfileView> self(this);
    QThreadPool::globalInstance()->start([self, jsonPath, generation, first, savedSort]() mutable {
        auto loaded = std::make_shared<const LoadedProfile>(loadProfileForView(jsonPath));
        if (loaded->read.usable()) {
            first.query = withSavedSort(first.query, savedSort, loaded->columns);
            first.selection = ProfileTableModel::select(
                loaded->rows(first.level, first.withoutImportTime), loaded->columns, first.query);
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, loaded, generation, first] {
                if (self && self->m_generation == generation)
                    self->applyLoaded(loaded, first);
            },
            Qt::QueuedConnection);
    });
}

void ProfileView::applyLoaded(std::shared_ptr<const LoadedProfile> loaded, const FirstTable &first)
{
    m_loading = false;
    m_busy->setVisible(false);
    if (!loaded->read.usable()) {
        m_profile.reset();
        showMessage(unusableReason(loaded->read.state, loaded->path, loaded->read.error));
        emit profileLoaded(false);
        return;
    }
    // Another run from History keeps the page the user was on; a first profile, or one
    // after a message, opens on the overview.
    const bool keepPage = m_profile && currentPage() != Page::ScaleneReport;
    m_flame->setGraph(nullptr, {}); // it points into a graph of the profile being replaced
    m_flameGraphs.clear();
    m_flameBuilding.clear();
    clearCalls();
    m_profile = std::move(loaded);
    m_title->setText(m_titleText);
    m_message->setVisible(false);
    for (int i = 0; i <= int(Page::Leaks); ++i)
        m_pages->setTabEnabled(i, true);
    if (!keepPage)
        showPage(lastNativePage());
    updateOverview();
    setLevel(ProfileLevel(m_level->currentData().toInt()), &first);
    if (currentPage() == Page::FlameGraph)
        showChosenFlameGraph();
    else
        updateFlameInfo();
    m_leakModel->setLeaks(m_profile->leaks);
    m_leaks->resizeColumnsToContents();
    if (!m_profile->overview.memory)
        m_leakNote->setText(tr("Memory was not profiled in this run: Scalene looks for leaks "
                               "only with memory profiling on (FIL_PERF_SCALENE_MEMORY=1)."));
    else if (m_profile->leaks.isEmpty())
        m_leakNote->setText(tr("Scalene reported no likely leaks in this run."));
    else
        m_leakNote->setText(tr("%n line(s) that Scalene suspects of leaking, most likely first. "
                               "Likelihood is Scalene's estimate; velocity is how fast the "
                               "line's memory grew.",
                               nullptr, int(m_profile->leaks.size())));
    m_sourceModel->setSource({}, {}, {});
    m_sourceTitle->setText(
        tr("Choose a row in Lines and functions (Ctrl+2) to see its source here."));
    m_openEditor->setEnabled(false);
    m_sourceLine = 0;
    emit profileLoaded(true);
}

QString ProfileView::unusableReason(ProfileState state, const QString &path, const QString &error)
{
    switch (state) {
    case ProfileState::Empty:
        return tr("Scalene wrote an empty profile (%1): the program ran too briefly to be "
                  "sampled.")
            .arg(path);
    case ProfileState::Unreadable:
        return tr("The profile %1 could not be read: %2").arg(path, error);
    case ProfileState::Missing:
    case ProfileState::Valid:
        break;
    }
    return path.isEmpty() ? tr("This run kept no profile.")
                          : tr("There is no profile at %1: Scalene wrote none.").arg(path);
}

void ProfileView::showMessage(const QString &text)
{
    ++m_generation; // a load still running is no longer wanted
    m_loading = false;
    m_busy->setVisible(false);
    if (m_profile)
        saveHeader();
    m_profile.reset();
    m_titleText.clear();
    m_title->setText(QString());
    m_message->setText(text);
    m_message->setVisible(true);
    for (int i = 0; i <= int(Page::Leaks); ++i)
        m_pages->setTabEnabled(i, false);
    if (m_pages->count() > int(Page::ScaleneReport))
        m_pages->setCurrentIndex(int(Page::ScaleneReport));
    if (!m_built)
        return;
    m_overview->clear();
    if (m_chart)
        m_chart->setVisible(false);
    m_chartNote->clear();
    m_tableModel->setRows(ProfileLevel::Lines, {}, {});
    m_sourceModel->setSource({}, {}, {});
    m_leakModel->setLeaks({});
    m_leakNote->clear();
    m_flame->setGraph(nullptr, {});
    m_flameGraphs.clear();
    m_flameBuilding.clear();
    m_flameInfo->clear();
    clearCalls();
    m_openEditor->setEnabled(false);
    m_rowCount->clear();
}

QString ProfileView::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString ProfileView::overviewText() const
{
    return m_overview ? m_overview->text() : QString();
}

void ProfileView::updateOverview()
{
    const ProfileOverview &o = m_profile->overview;
    QString html = QStringLiteral("<table><tr>");
    html +=
        card(tr("Profiled time"), tr("%1 s").arg(o.elapsedSec, 0, 'f', 2),
             tr("%n file(s), %1 line(s) with activity", nullptr, o.fileCount).arg(o.activeLines));
    html += card(tr("CPU"), tr("%1 %").arg(o.cpuPercent(), 0, 'f', 1),
                 tr("Python %1 % · native %2 % · system %3 %")
                     .arg(o.cpuPythonPercent, 0, 'f', 1)
                     .arg(o.cpuNativePercent, 0, 'f', 1)
                     .arg(o.cpuSystemPercent, 0, 'f', 1));
    if (o.peakMb) {
        const QString where =
            o.peakLine ? QStringLiteral("%1:%2").arg(shortSourcePath(o.peakFile)).arg(*o.peakLine)
                       : shortSourcePath(o.peakFile);
        html += card(tr("Peak memory"), tr("%1 MB").arg(*o.peakMb, 0, 'f', 1),
                     where.isEmpty() ? QString() : tr("at %1").arg(where));
    } else {
        html += card(tr("Peak memory"), tr("not measured"),
                     o.memoryNotMeasured.isEmpty()
                         ? tr("memory profiling was off")
                         : tr("memory profiling was on, but Scalene recorded no allocation"));
    }
    if (o.growthRate)
        html += card(tr("Memory growth"), tr("%1 %").arg(*o.growthRate, 0, 'f', 1),
                     tr("Scalene's growth rate over the run"));
    html += card(tr("Samples"), o.cpuSamples ? QString::number(*o.cpuSamples) : tr("not counted"),
                 o.cpuSamples ? tr("CPU · %1 allocation").arg(o.allocSamples)
                              : tr("Scalene 1.5 profiles do not count CPU samples"));
    if (m_profile->cpuStackWeight > 0)
        html += card(tr("Module import"),
                     tr("%1 %").arg(100.0 * m_profile->cpuImportWeight / m_profile->cpuStackWeight,
                                    0, 'f', 1),
                     tr("of the CPU samples in stacks (Flame graph, Ctrl+3)"));
    html += card(tr("Likely leaks"), QString::number(o.leakCount),
                 o.memory ? tr("see Leaks (Ctrl+5)") : tr("needs memory profiling"));
    html += QStringLiteral("</tr></table>");
    if (o.format == ScaleneFormat::Scalene15)
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("A Scalene 1.5 profile: it has no core utilisation, sample times or "
                            "stacks; those figures are shown as absent.")
                             .toHtmlEscaped());
    const QStringList leaks = likelyLeakNotes(m_profile->read.profile);
    QStringList notes = m_warnings;
    for (const QString &leak : leaks)
        notes << tr("Likely leak: %1").arg(leak);
    if (!notes.isEmpty()) {
        html += QStringLiteral("<ul>");
        for (const QString &n : std::as_const(notes))
            html += QStringLiteral("<li>%1</li>").arg(n.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    m_overview->setText(html);
    if (!m_chart && !m_profile->footprint.isEmpty()) {
        m_chart = new FootprintChart(m_overview->parentWidget());
        m_chart->setObjectName(QStringLiteral("footprintChart"));
        m_overviewLayout->insertWidget(1, m_chart, 1);
    }
    if (m_chart) {
        m_chart->setSeries(m_profile->footprint, peakPointIndex(m_profile->footprint));
        m_chart->setVisible(!m_profile->footprint.isEmpty());
    }
    m_chartNote->setText(
        m_profile->footprint.isEmpty()
            ? tr("No memory footprint: memory profiling was off in this run, "
                 "so Scalene sampled none.")
            : tr("%n footprint sample(s).", nullptr, int(m_profile->footprint.size())));
}

void ProfileView::setLevel(ProfileLevel level, const FirstTable *prepared)
{
    if (!m_profile)
        return;
    if (m_tableModel->totalRows() > 0)
        saveHeader();
    const int at = m_level->findData(int(level));
    if (at >= 0)
        m_level->setCurrentIndex(at);
    // The header would sort at each step of its set-up (indicator, restored state): the
    // model sorts once, with the level's remembered order.
    QHeaderView *header = m_table->horizontalHeader();
    const QSignalBlocker block(header);
    const bool withoutImportTime = m_hideImportTime->isChecked();
    const QList<ProfileRow> &rows = m_profile->rows(level, withoutImportTime);
    const RowQuery q = withSavedSort(
        queryFromControls(), QSettings().value(sortKey(level)).toString(), m_profile->columns);
    ++m_queryGeneration; // a filter still being applied on a worker is for the old rows
    if (prepared && prepared->selection && prepared->level == level &&
        prepared->withoutImportTime == withoutImportTime && sameQuery(prepared->query, q))
        m_tableModel->setRows(level, rows, m_profile->columns, *prepared->selection);
    else
        m_tableModel->setRows(level, rows, m_profile->columns, q);
    restoreHeader();
    updateRowCount();
}

RowQuery ProfileView::withSavedSort(RowQuery q, const QString &saved,
                                    const QList<ProfileColumn> &columns)
{
    // "COLUMN:asc|desc", COLUMN a ProfileColumn's number (internal to these settings).
    const QStringList sort = saved.split(u':', Qt::SkipEmptyParts);
    const int column = sort.value(0).toInt();
    if (sort.size() == 2 && columns.contains(ProfileColumn(column))) {
        q.sortBy = ProfileColumn(column);
        q.ascending = sort.at(1) == QLatin1String("asc");
    } else {
        q.sortBy = ProfileColumn::Cpu;
        q.ascending = false;
    }
    return q;
}

bool ProfileView::sameQuery(const RowQuery &a, const RowQuery &b)
{
    return a.sortBy == b.sortBy && a.top == b.top && a.search == b.search &&
           a.filareOnly == b.filareOnly && a.ascending == b.ascending &&
           a.hideImportTime == b.hideImportTime;
}

RowQuery ProfileView::queryFromControls() const
{
    RowQuery q = m_tableModel->query();
    q.search = m_search->text().trimmed();
    q.filareOnly = m_filareOnly->isChecked();
    q.hideImportTime = m_hideImportTime->isChecked();
    q.top = m_top->value();
    return q;
}

void ProfileView::applyQuery()
{
    const RowQuery q = queryFromControls();
    if (m_tableModel->totalRows() < kRowsForAWorker) {
        ++m_queryGeneration;
        m_tableModel->setQuery(q);
        updateRowCount();
        return;
    }
    selectOnWorker(q, tr("filtering…"));
}

void ProfileView::sortTable(int column, Qt::SortOrder order)
{
    const std::optional<RowQuery> sorted = m_tableModel->sortedQuery(column, order);
    if (!sorted)
        return;
    if (m_tableModel->totalRows() < kRowsForAWorker) {
        ++m_queryGeneration;
        m_tableModel->sort(column, order);
        return;
    }
    // With the filter as the controls say, should one still be on its way.
    RowQuery q = queryFromControls();
    q.sortBy = sorted->sortBy;
    q.ascending = sorted->ascending;
    selectOnWorker(q, tr("sorting…"));
}

void ProfileView::selectOnWorker(const RowQuery &q, const QString &busyText)
{
    // Hundreds of thousands of lines: filtered and sorted on a worker (a quarter of a million
    // take about 100 ms), shown when done.
    const int generation = ++m_queryGeneration;
    const QList<ProfileRow> rows = m_tableModel->allRows(); // shared, not copied
    m_rowCount->setText(busyText);
    QPointer<ProfileView> self(this);
    const QList<ProfileColumn> columns = m_profile->columns;
    QThreadPool::globalInstance()->start([self, rows, columns, q, generation] {
        const auto selection = ProfileTableModel::select(rows, columns, q);
        QMetaObject::invokeMethod(
            qApp,
            [self, selection, generation] {
                if (!self || self->m_queryGeneration != generation)
                    return; // newer filters, or other rows, came since
                // The same rows in another order keep their selection; other rows do not.
                RowQuery same = self->m_tableModel->query();
                same.sortBy = selection.query.sortBy;
                same.ascending = selection.query.ascending;
                if (sameQuery(same, selection.query))
                    self->m_tableModel->setSortedSelection(selection);
                else
                    self->m_tableModel->setSelection(selection);
                self->updateRowCount();
            },
            Qt::QueuedConnection);
    });
}

void ProfileView::updateRowCount()
{
    m_rowCount->setText(
        tr("%1 of %2 rows").arg(m_tableModel->rowCount()).arg(m_tableModel->totalRows()));
}

void ProfileView::saveHeader() const
{
    QSettings s;
    s.setValue(settingsKey(m_tableModel->level()), m_table->horizontalHeader()->saveState());
    // The order, by the column's number in ProfileColumn (internal to this file's settings).
    s.setValue(
        sortKey(m_tableModel->level()),
        QStringLiteral("%1:%2")
            .arg(int(m_tableModel->query().sortBy))
            .arg(m_tableModel->query().ascending ? QStringLiteral("asc") : QStringLiteral("desc")));
}

void ProfileView::restoreHeader()
{
    // Widths and column order as the user left them (called with the header's signals
    // blocked: restoring must not sort).
    const QByteArray state = QSettings().value(settingsKey(m_tableModel->level())).toByteArray();
    // A saved state for other columns (memory on, then off) would hide the wrong ones.
    if (state.isEmpty() || !m_table->horizontalHeader()->restoreState(state) ||
        m_table->horizontalHeader()->count() != m_tableModel->columnCount()) {
        m_table->resizeColumnsToContents();
        m_table->setColumnWidth(0, qMin(m_table->columnWidth(0), 320));
        if (m_tableModel->columnCount() > 1 && m_tableModel->level() != ProfileLevel::Files)
            m_table->setColumnWidth(1, qMin(m_table->columnWidth(1), 380));
    }
    // The indicator shows the model's order, whatever the saved state said.
    m_table->horizontalHeader()->setSortIndicator(
        m_tableModel->columnOf(m_tableModel->query().sortBy),
        m_tableModel->query().ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
}

ProfileView::Page ProfileView::lastNativePage()
{
    const int saved = QSettings().value(QStringLiteral("profileView/page"), 0).toInt();
    return saved >= 0 && saved <= int(Page::Leaks) ? Page(saved) : Page::Overview;
}

void ProfileView::showPage(Page page)
{
    if (int(page) >= m_pages->count())
        return;
    m_pages->setCurrentIndex(int(page));
}

ProfileView::Page ProfileView::currentPage() const
{
    return Page(m_pages->currentIndex());
}

bool ProfileView::focusSearch()
{
    if (!m_profile)
        return false;
    showPage(Page::Tables);
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
    return true;
}

void ProfileView::activateTableRow(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString file = index.data(ProfileTableModel::FileRole).toString();
    int line = index.data(ProfileTableModel::LineRole).toInt();
    if (line <= 0 && m_profile) {
        // A file: its costliest line.
        RowQuery q;
        q.search = file;
        for (const ProfileRow &r : selectRows(m_profile->lines, q)) {
            if (r.file == file) {
                line = r.lineno;
                break;
            }
        }
    }
    showSource(file, line);
}

void ProfileView::showSource(const QString &file, int line)
{
    if (!m_profile || file.isEmpty())
        return;
    if (m_sourceModel->file() != file) {
        QStringList disk;
        // 1.5.x lists only lines with activity: the rest come from the file, if still there.
        if (m_profile->read.profile.format == ScaleneFormat::Scalene15) {
            QFile in(m_container ? hostPathOfProfiledFile(*m_container, file) : file);
            if (in.open(QIODevice::ReadOnly | QIODevice::Text))
                disk = QString::fromUtf8(in.readAll()).split(u'\n');
            if (!disk.isEmpty() && disk.last().isEmpty())
                disk.removeLast(); // the newline that ends the last line starts no other
        }
        // The source needs room: the main figures beside it, every figure in the tables.
        QList<ProfileColumn> columns;
        for (ProfileColumn c : m_profile->columns) {
            if (c == ProfileColumn::Cpu || c == ProfileColumn::CpuPython ||
                c == ProfileColumn::CpuNative || c == ProfileColumn::CpuSystem ||
                c == ProfileColumn::PeakMb || c == ProfileColumn::MallocMb ||
                c == ProfileColumn::CopyMbPerSec || c == ProfileColumn::GpuPercent)
                columns << c;
        }
        m_sourceModel->setSource(file, sourceRows(m_profile->read.profile, file, disk), columns);
        m_source->resizeColumnsToContents();
    }
    m_sourceLine = line;
    const bool exists = QFileInfo(file).isFile();
    m_openEditor->setEnabled(exists);
    m_openEditor->setToolTip(
        exists ? tr("Open %1 at line %2 in $VISUAL or $EDITOR (else the desktop's default "
                    "application)")
                     .arg(file)
                     .arg(line)
               : tr("%1 is not on this machine (the profile was made elsewhere, or the file "
                    "was removed).")
                     .arg(file));
    m_sourceTitle->setText(line > 0 ? tr("%1, line %2").arg(shortSourcePath(file)).arg(line)
                                    : shortSourcePath(file));
    m_sourceTitle->setToolTip(file);
    showPage(Page::Source);
    const int row = m_sourceModel->rowOfLine(line);
    if (row >= 0) {
        const QModelIndex at = m_sourceModel->index(row, m_sourceModel->sourceColumn());
        m_source->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
        m_source->scrollTo(at, QAbstractItemView::PositionAtCenter);
    }
}

bool ProfileView::openSourceInEditor(QString *error)
{
    if (!m_built)
        return false;
    // A container run's Filare is read from its copy on this machine.
    const QString file = m_container ? hostPathOfProfiledFile(*m_container, m_sourceModel->file())
                                     : m_sourceModel->file();
    if (file.isEmpty() || !QFileInfo(file).isFile()) {
        if (error)
            *error = tr("Cannot open %1: the file is not on this machine.").arg(file);
        return false;
    }
    const auto command = editorCommand(qEnvironmentVariable("VISUAL"),
                                       qEnvironmentVariable("EDITOR"), file, m_sourceLine);
    if (!command) {
        if (QDesktopServices::openUrl(QUrl::fromLocalFile(file)))
            return true;
        if (error)
            *error = tr("No editor to open %1: set $VISUAL or $EDITOR (for example "
                        "VISUAL=\"code\"), or a default application for Python files.")
                         .arg(file);
        return false;
    }
    if (!QProcess::startDetached(command->program, command->arguments)) {
        if (error)
            *error = tr("Could not start the editor \"%1\" (from $VISUAL or $EDITOR): check "
                        "that it is installed and on PATH.")
                         .arg(command->program);
        return false;
    }
    emit statusMessage(tr("Opened %1 at line %2 in %3")
                           .arg(shortSourcePath(file))
                           .arg(m_sourceLine)
                           .arg(command->program));
    return true;
}

void ProfileView::copySelectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end());
    if (!rows.isEmpty())
        QApplication::clipboard()->setText(m_tableModel->rowsAsText(rows, u'\t'));
}

bool ProfileView::exportCsv(const QString &path, QString *error) const
{
    if (!m_built)
        return false;
    QList<int> rows;
    for (int r = 0; r < m_tableModel->rowCount(); ++r)
        rows << r;
    // QSaveFile: a failed write leaves no half-written file that looks complete.
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text) ||
        out.write(m_tableModel->rowsAsText(rows, u',').toUtf8()) < 0 || !out.commit()) {
        if (error)
            *error = tr("Could not write %1: %2. Choose a folder you can write to.")
                         .arg(path, out.errorString());
        return false;
    }
    return true;
}

void ProfileView::chooseCsvFile()
{
    if (!m_profile)
        return;
    const QString suggested = QFileInfo(m_profile->path).absolutePath() + u'/' +
                              QFileInfo(m_profile->path).completeBaseName() + u'-' +
                              m_level->currentText().toLower() + QStringLiteral(".csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the table as CSV"),
                                                      suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportCsv(path, &error))
        emit statusMessage(
            tr("%n row(s) written to %1", nullptr, m_tableModel->rowCount()).arg(path));
    else
        emit statusMessage(error);
}

} // namespace fperf
