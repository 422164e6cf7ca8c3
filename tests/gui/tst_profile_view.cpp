// SPDX-License-Identifier: GPL-3.0-or-later
// The native profile view over real Scalene profiles of our own programs (the planted
// hotspots and the planted leak): it loads on a worker, the planted lines lead their
// tables, the filters and the search cut the rows, a row opens the annotated source at its
// line, "Open in editor" starts $VISUAL at the line, the leak is listed, and what Scalene
// did not measure is shown as absent.
#include "core/models/profile_table_model.h"
#include "core/models/source_annotation_model.h"
#include "gui/flame_graph_view.h"
#include "gui/footprint_chart.h"
#include "gui/profile_view.h"
#include "gui_test_support.h"
#include "test_support.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace fperf;
using Page = ProfileView::Page;

namespace {
// One profile per program and mode for the whole test (Scalene takes a few seconds); a run
// Scalene kills at start (SIGSEGV, seen under load) is taken once more.
QString profileOf(const QString &script, bool memory)
{
    static QTemporaryDir dir;
    const QString json = dir.filePath(script + (memory ? "-mem.json" : "-cpu.json"));
    if (QFileInfo::exists(json))
        return json;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto r = test::runToEnd(test::scaleneOnScript(
            test::dataFile(script), json, {}, memory ? QStringList{} : QStringList{"--cpu-only"}));
        if (r.result.exitCode == 0)
            break;
        qWarning("Scalene failed (exit %d): %s", r.result.exitCode,
                 qPrintable(r.stderrLines.join('\n').right(2000)));
    }
    return json;
}

int lineOf(const QString &script, const QString &marker)
{
    const QStringList lines = test::readAll(test::dataFile(script)).split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(marker))
            return i + 1;
    }
    return -1;
}

bool load(ProfileView &view, const QString &json)
{
    QSignalSpy loaded(&view, &ProfileView::profileLoaded);
    view.loadProfile(json, QStringLiteral("test"), {QStringLiteral("a warning of the run")});
    // Read on a worker: the call returns at once, with a busy indicator.
    if (!view.isLoading())
        return false;
    if (!loaded.wait(30000))
        return false;
    return loaded.first().first().toBool();
}

QString cell(const QAbstractItemModel *m, int row, int column)
{
    return m->data(m->index(row, column)).toString();
}
} // namespace

class ProfileViewTest : public QObject
{
    Q_OBJECT
public:
    FPERF_GUI_TEST_INIT

private slots:
    void init()
    {
        QSettings().clear(); // test mode: a private file; widths and order start afresh
        m_view = std::make_unique<ProfileView>();
        m_view->resize(1200, 800);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup() { m_view.reset(); }

    void overviewNamesThePeakAndDrawsTheFootprint()
    {
        QVERIFY(load(*m_view, profileOf("hotspots.py", true)));
        QVERIFY(!m_view->isLoading());
        QCOMPARE(m_view->currentPage(), Page::Overview);
        const QString overview = m_view->overviewText();
        QVERIFY2(overview.contains("Peak memory") && overview.contains("hotspots.py:"),
                 qPrintable(overview));
        QVERIFY(overview.contains("a warning of the run"));
        QVERIFY(!overview.contains("not measured"));
        FootprintChart *chart = m_view->footprintChart();
        QVERIFY(chart && chart->isVisible());
        QVERIFY(chart->pointCount() > 2);
        // The planted 240 MB block list: the marked peak is well above 200 MB.
        QVERIFY2(chart->peakPoint().y() > 200, qPrintable(QString::number(chart->peakPoint().y())));
        if (const QString dir = qEnvironmentVariable("FPERF_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300);
            m_view->grab().save(dir + "/profile-overview.png");
        }
    }

    void tablesRankThePlantedLinesAndFilter()
    {
        QVERIFY(load(*m_view, profileOf("hotspots.py", true)));
        m_view->showPage(Page::Tables);
        ProfileTableModel *model = m_view->tableModel();
        QCOMPARE(model->level(), ProfileLevel::Lines);
        QVERIFY(model->rowCount() > 2);
        const int cpuLine = lineOf("hotspots.py", "PLANTED-CPU");
        QVERIFY2(cell(model, 0, 0).endsWith(QStringLiteral("/hotspots.py:%1").arg(cpuLine)),
                 qPrintable(cell(model, 0, 0)));
        // Sorting by the peak column (a header click) puts the planted memory line first.
        const int peak = model->columnOf(ProfileColumn::PeakMb);
        QVERIFY(peak > 0);
        QTest::mouseClick(
            m_view->tableView()->horizontalHeader()->viewport(), Qt::LeftButton, {},
            QPoint(m_view->tableView()->horizontalHeader()->sectionViewportPosition(peak) + 5, 5));
        const int memoryLine = lineOf("hotspots.py", "PLANTED-MEMORY");
        QTRY_VERIFY2(cell(model, 0, 0).endsWith(QStringLiteral("/hotspots.py:%1").arg(memoryLine)),
                     qPrintable(cell(model, 0, 0)));
        // Bars: the first row of the sorted column is the column's highest.
        QCOMPARE(model->index(0, peak).data(ProfileTableModel::BarFractionRole).toDouble(), 1.0);

        // Search: Ctrl+F's field narrows the rows to the matching source.
        QVERIFY(m_view->focusSearch());
        auto *search = m_view->findChild<QLineEdit *>("profileSearch");
        QVERIFY(search->hasFocus());
        QTest::keyClicks(search, "bytes(4");
        QTRY_COMPARE(model->rowCount(), 1);
        QVERIFY(cell(model, 0, 1).contains("bytes(4"));
        search->clear();
        QTRY_VERIFY(model->rowCount() > 1);

        // Top N and "Filare's own code": our program is not Filare, so nothing is left.
        auto *top = m_view->findChild<QSpinBox *>("topSpin");
        top->setValue(1);
        QTRY_COMPARE(model->rowCount(), 1);
        top->setValue(0);
        QTRY_VERIFY(model->rowCount() > 1);
        m_view->findChild<QCheckBox *>("filareOnlyCheck")->setChecked(true);
        QCOMPARE(model->rowCount(), 0);
        m_view->findChild<QCheckBox *>("filareOnlyCheck")->setChecked(false);
        QVERIFY(model->rowCount() > 1);

        // Levels: functions name the planted functions.
        auto *level = m_view->findChild<QComboBox *>("levelCombo");
        level->setCurrentIndex(level->findData(int(ProfileLevel::Functions)));
        emit level->activated(level->currentIndex());
        QCOMPARE(model->level(), ProfileLevel::Functions);
        QStringList names;
        for (int r = 0; r < model->rowCount(); ++r)
            names << cell(model, r, 1);
        QVERIFY2(names.contains("cpu_hotspot") && names.contains("memory_hotspot"),
                 qPrintable(names.join(", ")));
        if (const QString dir = qEnvironmentVariable("FPERF_SCREENSHOT_DIR"); !dir.isEmpty()) {
            level->setCurrentIndex(level->findData(int(ProfileLevel::Lines)));
            emit level->activated(level->currentIndex());
            QTest::qWait(300);
            m_view->grab().save(dir + "/profile-tables.png");
        }
    }

    void copyAndExportTheRowsAsShown()
    {
        QVERIFY(load(*m_view, profileOf("hotspots.py", true)));
        m_view->showPage(Page::Tables);
        QTableView *table = m_view->tableView();
        table->setFocus();
        table->selectRow(0);
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        const QStringList copied = QApplication::clipboard()->text().trimmed().split('\n');
        QCOMPARE(copied.size(), 2); // the header and the row
        QVERIFY(copied.at(0).startsWith("Location\tSource\tCPU"));
        QVERIFY(copied.at(1).contains("PLANTED-CPU"));

        QTemporaryDir dir;
        const QString csv = dir.filePath("lines.csv");
        QString error;
        QVERIFY2(m_view->exportCsv(csv, &error), qPrintable(error));
        const QStringList lines = test::readAll(csv).trimmed().split('\n');
        QCOMPARE(lines.size(), m_view->tableModel()->rowCount() + 1);
        QVERIFY(lines.at(1).contains(test::dataFile("hotspots.py")));
        // An unwritable place: a clear error, and no file left behind.
        QVERIFY(!m_view->exportCsv("/proc/no-such-dir/lines.csv", &error));
        QVERIFY2(error.contains("/proc/no-such-dir/lines.csv") && error.contains("Choose"),
                 qPrintable(error));
    }

    void aRowOpensTheAnnotatedSourceAndTheEditor()
    {
        QVERIFY(load(*m_view, profileOf("hotspots.py", true)));
        m_view->showPage(Page::Tables);
        QTableView *table = m_view->tableView();
        table->setFocus();
        table->setCurrentIndex(m_view->tableModel()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(m_view->currentPage(), Page::Source);
        const int cpuLine = lineOf("hotspots.py", "PLANTED-CPU");
        QCOMPARE(m_view->sourceLine(), cpuLine);
        SourceAnnotationModel *source = m_view->sourceModel();
        // Every line of the file, in order, the selected one being the planted line.
        const int lines = int(test::readAll(test::dataFile("hotspots.py")).trimmed().count('\n'));
        QVERIFY2(source->rowCount() >= lines, qPrintable(QString::number(source->rowCount())));
        const QModelIndex current = m_view->sourceView()->currentIndex();
        QCOMPARE(current.data(SourceAnnotationModel::LineRole).toInt(), cpuLine);
        QVERIFY(source->index(current.row(), source->sourceColumn())
                    .data()
                    .toString()
                    .contains("PLANTED-CPU"));
        // The planted line carries the file's highest CPU figure; an idle line none.
        QCOMPARE(source->index(current.row(), 1).data(SourceAnnotationModel::BarFractionRole),
                 QVariant(1.0));
        QCOMPARE(source->index(source->rowOfLine(1), 1).data().toString(), QString());
        if (const QString dir = qEnvironmentVariable("FPERF_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300);
            m_view->grab().save(dir + "/profile-source.png");
        }

        // Open in editor: $VISUAL with +LINE and the file (a script of ours records them).
        QTemporaryDir dir;
        const QString argsFile = dir.filePath("args.txt");
        const QString editor = dir.filePath("editor.sh");
        QFile script(editor);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(
            QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$@\" > '%1'\n").arg(argsFile).toUtf8());
        script.close();
        QFile::setPermissions(editor, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        qputenv("VISUAL", editor.toUtf8());
        QString error;
        QVERIFY2(m_view->openSourceInEditor(&error), qPrintable(error));
        QTRY_VERIFY(QFileInfo(argsFile).size() > 0);
        QCOMPARE(test::readAll(argsFile).trimmed().split('\n'),
                 (QStringList{QStringLiteral("+%1").arg(cpuLine), test::dataFile("hotspots.py")}));
        // An editor that is not there: the error names it and the fix.
        qputenv("VISUAL", "/nonexistent/editor");
        QVERIFY(!m_view->openSourceInEditor(&error));
        QVERIFY2(error.contains("/nonexistent/editor") && error.contains("VISUAL"),
                 qPrintable(error));
        qunsetenv("VISUAL");
    }

    void thePlantedLeakIsListedAndLinked()
    {
        QVERIFY(load(*m_view, profileOf("leaks.py", true)));
        QVERIFY(m_view->overviewText().contains("/leaks.py:"));
        QVERIFY(m_view->overviewText().contains("Likely leak:"));
        m_view->showPage(Page::Leaks);
        LeakTableModel *leaks = m_view->leakModel();
        QVERIFY(leaks->rowCount() >= 1);
        const int leakLine = lineOf("leaks.py", "PLANTED-LEAK");
        QCOMPARE(leaks->leakAt(0).lineno, leakLine);
        QTableView *table = m_view->leakView();
        table->setFocus();
        table->setCurrentIndex(leaks->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(m_view->currentPage(), Page::Source);
        QCOMPARE(m_view->sourceLine(), leakLine);
        if (const QString dir = qEnvironmentVariable("FPERF_SCREENSHOT_DIR"); !dir.isEmpty()) {
            m_view->showPage(Page::Leaks);
            table->resizeColumnsToContents();
            QTest::qWait(300);
            m_view->grab().save(dir + "/profile-leaks.png");
        }
    }

    // A table of more than 20,000 rows sorts on a worker when a header is clicked: the click
    // returns at once ("sorting…"), the rows arrive in the new order, and a selected row
    // stays selected. The profile is generated in Scalene's schema (as the benchmarks'),
    // since no program of ours is large enough.
    void aLargeTableSortsOnAWorkerAndKeepsTheSelection()
    {
        QTemporaryDir dir;
        QProcess gen;
        gen.start(test::venvPython(),
                  {test::repoDir() + "/tests/bench/make_bench_data.py", dir.path(), "--records",
                   "0", "--profile-mb", "20", "--profiles", "1"});
        QVERIFY(gen.waitForFinished(120000) && gen.exitCode() == 0);
        QVERIFY(load(*m_view, dir.filePath("profile-a.json")));
        m_view->showPage(Page::Tables);
        ProfileTableModel *model = m_view->tableModel();
        QTRY_VERIFY2(model->rowCount() > 20000, qPrintable(QString::number(model->rowCount())));
        const int column = model->columnOf(ProfileColumn::CpuNative);
        QVERIFY(column > 0);
        QTableView *table = m_view->tableView();
        table->selectRow(7);
        const QString selected = cell(model, 7, 0);

        auto *count = m_view->findChild<QLabel *>("rowCountLabel");
        QSignalSpy sorted(model, &QAbstractItemModel::layoutChanged);
        QHeaderView *header = table->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(column) + 5, 5));
        QCOMPARE(count->text(), QStringLiteral("sorting…")); // not sorted on this thread
        QVERIFY(sorted.wait(30000));
        const auto value = [&](int row) {
            return model->index(row, column).data(ProfileTableModel::SortValueRole).toDouble();
        };
        for (int r = 1; r < 200; ++r)
            QVERIFY2(value(r - 1) >= value(r), qPrintable(QString::number(r)));
        QVERIFY(count->text().contains(QString::number(model->totalRows())));
        const QModelIndexList still = table->selectionModel()->selectedRows();
        QCOMPARE(still.size(), 1);
        QCOMPARE(cell(model, still.first().row(), 0), selected);
    }

    void unmeasuredFiguresAreAbsentNotZero()
    {
        QVERIFY(load(*m_view, profileOf("hotspots.py", false)));
        QVERIFY(m_view->overviewText().contains("not measured"));
        QVERIFY(!m_view->footprintChart() || !m_view->footprintChart()->isVisible());
        QVERIFY(m_view->findChild<QLabel *>("footprintNote")->text().contains("memory profiling"));
        QCOMPARE(m_view->tableModel()->columnOf(ProfileColumn::PeakMb), -1);
        QVERIFY(m_view->findChild<QLabel *>("leakNoteLabel")->text().contains("not profiled"));
    }

    void flameGraphZoomsSearchesAndLeadsToTheSource()
    {
        QVERIFY(load(*m_view, profileOf("hotspots.py", true)));
        m_view->showPage(Page::FlameGraph);
        FlameGraphView *flame = m_view->flameGraphView();
        QTRY_VERIFY(flame->boxCount() > 2);
        const LoadedProfile *p = m_view->profile();
        const FlameGraph cpu = flameGraphOf(p->read.profile, {});
        QCOMPARE(cpu.total(), p->cpuStackWeight);
        QVERIFY(cpu.total() > 0);
        QCOMPARE(flame->graph()->nodes.size(), cpu.nodes.size());
        // The planted CPU function is a frame of its own, found by the search.
        int hotspot = -1;
        for (int i = 0; i < cpu.nodes.size(); ++i) {
            if (cpu.nodes.at(i).function == "cpu_hotspot")
                hotspot = i;
        }
        QVERIFY(hotspot > 0);
        auto *search = m_view->findChild<QLineEdit *>("flameSearch");
        QTest::keyClicks(search, "cpu_hot");
        QVERIFY(flame->matchCount() >= 1);
        QVERIFY(m_view->findChild<QLabel *>("flameInfoLabel")->text().contains("match"));
        if (const QString dir = qEnvironmentVariable("FPERF_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300);
            m_view->grab().save(dir + "/profile-flame.png");
        }
        search->clear();
        // Hover: the frame's figures.
        const QRect box = flame->boxRect(hotspot);
        QVERIFY(!box.isEmpty());
        QCOMPARE(flame->nodeAt(box.center()), hotspot);
        QVERIFY(flame->toolTipFor(hotspot).contains("cpu_hotspot"));
        QVERIFY(flame->toolTipFor(hotspot).contains("% of all"));
        // Click: zoomed to it, it spans the width; Esc: back to the whole graph.
        QTest::mouseClick(flame, Qt::LeftButton, {}, box.center());
        QCOMPARE(flame->zoomNode(), hotspot);
        QCOMPARE(flame->boxRect(hotspot).width(), flame->width());
        QVERIFY(m_view->findChild<QLabel *>("flameInfoLabel")->text().contains("cpu_hotspot"));
        // Beside it, its callers and callees over all stacks: called from the module's top
        // level, calling its generator expression.
        QSignalSpy calls(m_view.get(), &ProfileView::callsShown);
        QVERIFY(calls.wait(10000));
        QCOMPARE(calls.first().first().toString(), QStringLiteral("cpu_hotspot"));
        QVERIFY(m_view->callersList()->topLevelItemCount() >= 1);
        QCOMPARE(m_view->callersList()->topLevelItem(0)->text(0), QStringLiteral("<module>"));
        QVERIFY(m_view->calleesList()->topLevelItemCount() >= 1);
        QVERIFY(m_view->calleesList()->topLevelItem(0)->text(0).startsWith("cpu_hotspot."));
        QTest::keyClick(flame, Qt::Key_Escape);
        QCOMPARE(flame->zoomNode(), 0);
        // Double-click a Python frame: its source at its line.
        const QRect again = flame->boxRect(hotspot);
        QTest::mouseDClick(flame, Qt::LeftButton, {}, again.center());
        QCOMPARE(m_view->currentPage(), Page::Source);
        QVERIFY(m_view->sourceModel()->file().endsWith("hotspots.py"));
        QCOMPARE(m_view->sourceLine(), *cpu.nodes.at(hotspot).line);

        // The memory graph, built on a worker when asked for, holds the planted allocation.
        m_view->setFlameGraph(true, false);
        QVERIFY(!flame->graph());
        QTRY_VERIFY(flame->graph());
        QCOMPARE(flame->graph()->total(), p->memoryStackWeight);
        bool memoryHotspot = false;
        for (const FlameNode &n : flame->graph()->nodes)
            memoryHotspot = memoryHotspot || n.function == "memory_hotspot";
        QVERIFY(memoryHotspot);
        // Python frames only: the same weight, no native frame, fewer nodes.
        m_view->findChild<QCheckBox *>("pythonOnlyCheck")->setChecked(true);
        m_view->setFlameGraph(false, false, true);
        QTRY_VERIFY(flame->graph());
        QCOMPARE(flame->graph()->total(), cpu.total());
        for (const FlameNode &n : flame->graph()->nodes)
            QVERIFY(n.kind == StackFrame::Kind::Python);
        QVERIFY(flame->graph()->nodes.size() < cpu.nodes.size());
        // Hiding module import takes away exactly the import weight.
        m_view->setFlameGraph(false, true);
        QTRY_VERIFY(flame->graph());
        QCOMPARE(flame->graph()->total() + p->cpuImportWeight, cpu.total());
        // Asked again, a graph comes from the cache at once.
        m_view->setFlameGraph(true, false);
        QVERIFY(flame->graph());
    }

    void pagesHaveShortcuts()
    {
        QVERIFY(load(*m_view, profileOf("hotspots.py", true)));
        m_view->addActions(m_view->pageActions()); // the window adds them to itself
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
        const QList<Page> pages{Page::Overview, Page::Tables, Page::FlameGraph, Page::Source,
                                Page::Leaks};
        for (int i = 4; i >= 0; --i) {
            QTest::keyClick(m_view.get(), Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(m_view->currentPage(), pages.at(i));
        }
    }

    void theNextProfileOpensOnTheLastPageRead()
    {
        QVERIFY(load(*m_view, profileOf("hotspots.py", true)));
        QCOMPARE(m_view->currentPage(), Page::Overview);
        m_view->showPage(Page::Leaks);
        // Another view, as after a restart: it opens its first profile on Leaks.
        ProfileView next;
        next.show();
        QVERIFY(load(next, profileOf("leaks.py", true)));
        QCOMPARE(next.currentPage(), Page::Leaks);
    }

    void aScalene15ProfileOpensWithWhatItHas()
    {
        // Debian's Scalene 1.5.16: no core utilisation, sample counts or stacks; those are
        // said to be absent, and the source view fills the lines 1.5 leaves out from disk.
        QTemporaryDir dir;
        const QString json = dir.filePath("hot15.json");
        const QString script = test::dataFile("hotspots.py");
        QCOMPARE(test::runToEnd(test::scalene15OnScript(script, json)).result.exitCode, 0);
        QVERIFY(load(*m_view, json));
        QCOMPARE(m_view->profile()->read.profile.format, ScaleneFormat::Scalene15);
        const QString overview = m_view->overviewText();
        QVERIFY2(overview.contains("Scalene 1.5 profile") && overview.contains("not counted"),
                 qPrintable(overview));
        QCOMPARE(m_view->tableModel()->columnOf(ProfileColumn::CoreUtilization), -1);
        QVERIFY(m_view->tableModel()->rowCount() > 0);
        m_view->showPage(Page::FlameGraph);
        QTRY_VERIFY(m_view->findChild<QLabel *>("flameInfoLabel")->text().contains("1.5"));
        m_view->showSource(script, lineOf("hotspots.py", "PLANTED-CPU"));
        const int lines = int(test::readAll(script).trimmed().count('\n')) + 1;
        QCOMPARE(m_view->sourceModel()->rowCount(), lines);
    }

    // Memory profiling asked for and not measured (Debian's Scalene 1.5.16 on Filare writes
    // 0 allocation samples and a peak of 0): the overview says so, with no 0 MB anywhere.
    void memoryNotMeasuredIsNotZero()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("nomem.json");
        QFile f(json);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"elapsed_time_sec": 2, "memory": true, "alloc_samples": 0,
            "max_footprint_mb": 0, "files": {"/x/a.py": {"lines": [{"lineno": 1, "line": "x = 1",
            "n_cpu_percent_python": 50, "n_peak_mb": 0, "n_malloc_mb": 0}]}}})");
        f.close();
        QVERIFY(load(*m_view, json));
        const QString overview = m_view->overviewText();
        QVERIFY2(overview.contains("not measured") &&
                     overview.contains("Scalene recorded no allocation") &&
                     !overview.contains("0.0 MB"),
                 qPrintable(overview));
        QCOMPARE(m_view->tableModel()->columnOf(ProfileColumn::PeakMb), -1);
    }

    void aBrokenOrEmptyProfileSaysWhy()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.json");
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"elapsed_time_sec\": 1, \"files\": ");
        f.close();
        QSignalSpy loaded(m_view.get(), &ProfileView::profileLoaded);
        m_view->loadProfile(broken, "broken", {});
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toBool(), false);
        QVERIFY2(m_view->messageText().contains(broken), qPrintable(m_view->messageText()));
        QVERIFY(!m_view->hasProfile());

        const QString missing = dir.filePath("missing.json");
        loaded.clear();
        m_view->loadProfile(missing, "missing", {});
        QVERIFY(loaded.wait(10000));
        QVERIFY(m_view->messageText().contains(missing));
    }

    void aNewerLoadWins()
    {
        // Two loads in a row: only the second is shown, whatever the order they finish in.
        QSignalSpy loaded(m_view.get(), &ProfileView::profileLoaded);
        m_view->loadProfile(profileOf("hotspots.py", true), "first", {});
        m_view->loadProfile(profileOf("leaks.py", true), "second", {});
        QVERIFY(loaded.wait(30000));
        QTest::qWait(500);
        QCOMPARE(loaded.count(), 1);
        QVERIFY(m_view->profile()->path.endsWith("leaks.py-mem.json"));
    }

private:
    std::unique_ptr<ProfileView> m_view;
};

QTEST_MAIN(ProfileViewTest)
#include "tst_profile_view.moc"
