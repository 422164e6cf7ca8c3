// SPDX-License-Identifier: GPL-3.0-or-later
// History, compare and trend in the window, on real runs of the sample.
#include "core/store/run_group_codec.h"
#include "gui/compare_view.h"
#include "gui/flame_graph_view.h"
#include "gui/history_panel.h"
#include "gui/main_window.h"
#include "gui/profile_view.h"
#include "gui/report_view.h"
#include "gui/trend_chart.h"
#include "gui_test_support.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTreeView>
#include <QtTest>

using namespace fperf;

namespace {
void selectLabels(HistoryPanel *panel, const QStringList &labels)
{
    QTreeView *table = panel->table();
    table->clearSelection();
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        const QModelIndex index = table->model()->index(r, RunHistoryModel::Label);
        if (labels.contains(index.data().toString()))
            table->selectionModel()->select(index, QItemSelectionModel::Select |
                                                       QItemSelectionModel::Rows);
    }
}
} // namespace

class HistoryGuiTest : public QObject
{
    Q_OBJECT
public:
    FPERF_GUI_TEST_INIT

private slots:
    void initTestCase()
    {
        m_out = m_dir.filePath("out");
        for (const auto &[label, rate] : {std::pair{"a", "0.01"}, std::pair{"b", "0.02"}}) {
            const auto r =
                test::fixtureRun({"run", "--no-memory", "--output-dir", m_out, "--run-label", label,
                                  "--cpu-rate", rate, test::sampleProject("small")},
                                 m_out + "/" + label + ".log");
            QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        }
    }

    void init()
    {
        QSettings().clear();
        qputenv("XDG_CONFIG_HOME", m_dir.filePath("config").toUtf8());
        // The trash of this test's own data folder: its info files stay out of the tree.
        qputenv("XDG_DATA_HOME", m_dir.filePath("data").toUtf8());
    }

    void listsWatchesAndSkipsJunk()
    {
        QTemporaryDir dir;
        for (const char *f : {"a-run.json", "a-scalene.json", "b-run.json", "b-scalene.json"})
            QVERIFY(QFile::copy(m_out + "/" + f, dir.filePath(f)));
        HistoryPanel panel;
        QAbstractItemModelTester tester(panel.filterModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.show();
        panel.setFolders({dir.path()});
        QCOMPARE(panel.filterModel()->rowCount(), 2);
        // A corrupt file appearing later is skipped with a warning.
        QFile junk(dir.filePath("junk-run.json"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("{{{");
        junk.close();
        QTRY_VERIFY_WITH_TIMEOUT(panel.findChild<QLabel *>("warningsLabel")->isVisible(), 5000);
        QCOMPARE(panel.filterModel()->rowCount(), 2);
        // A run made by the CLI while the panel is open appears without a restart.
        const auto r = test::runCli({"run", "--no-memory", "--output-dir", dir.path(),
                                     "--run-label", "cli", test::sampleProject("small")});
        QCOMPARE(r.exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(panel.filterModel()->rowCount(), 3, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.model()->runs().first().status == RunStatus::Succeeded,
                                 5000);
    }

    void compareTrendOpenCopyAndDelete()
    {
        QTemporaryDir dir;
        for (const char *f : {"a-run.json", "a-scalene.json", "a-scalene.txt", "a.log",
                              "b-run.json", "b-scalene.json", "b-scalene.txt", "b.log"})
            QVERIFY(QFile::copy(m_out + "/" + f, dir.filePath(f)));
        MainWindow window;
        window.resize(1360, 860);
        window.show();
        window.activateWindow(); // under Xvfb nothing else activates it
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openProjects({test::sampleProject("small")});
        window.settingsModel()->setFieldText("output_dir", dir.path());
        HistoryPanel *panel = window.historyPanel();
        QCOMPARE(panel->model()->rowCount(), 2);

        // Trend: both runs of the project, the second marked for its changed interval.
        QCOMPARE(panel->trend()->points().size(), 2);
        QCOMPARE(panel->trend()->markedCount(), 1);
        QSignalSpy open(panel, &HistoryPanel::openRunRequested);
        panel->trend()->openPointNear(QPointF(1.1, 3));
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().first().toString(), dir.filePath("a-run.json"));
        QTRY_VERIFY_WITH_TIMEOUT(window.reportView()->pendingUrl().isLocalFile(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.profileView()->hasProfile(), 20000);

        // The panel sits in the History tab's page (built when the tab is first shown).
        auto *tabs = window.findChild<QTabWidget *>("resultTabs");
        tabs->setCurrentWidget(panel->parentWidget());
        QVERIFY(panel->isVisible());
        selectLabels(panel, {"a", "b"});
        QTest::qWait(200);
        screenshotIfAsked(&window, "history.png");

        // Compare: select both, press Compare.
        selectLabels(panel, {"a", "b"});
        auto *compare = panel->findChild<QPushButton *>("compareButton");
        QVERIFY(compare->isEnabled());
        QSignalSpy compared(panel, &HistoryPanel::compareRequested);
        QTest::mouseClick(compare, Qt::LeftButton);
        QCOMPARE(compared.count(), 1);
        CompareView *view = window.compareView();
        QAbstractItemModelTester tester(view->shownModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(view->lineModel()->rowCount() > 0);
        QCOMPARE(view->summaryCell(0, 0), QStringLiteral("wall time (s)"));
        QVERIFY(view->summaryCell(1, 3).startsWith('+') || view->summaryCell(1, 3).startsWith('-'));
        // The noise: per figure, and the statement over the lines (two single runs here).
        QVERIFY2(view->summaryCell(1, 5).contains("noise"), qPrintable(view->summaryCell(1, 5)));
        QVERIFY2(view->noiseStatement().contains("lines changed beyond noise") &&
                     view->noiseStatement().contains("Sampling noise only"),
                 qPrintable(view->noiseStatement()));
        QCOMPARE(view->lineModel()->headerData(DiffLineModel::SecondsDelta, Qt::Horizontal),
                 QVariant(QStringLiteral("Δ s")));
        // Double-click a line: its source file opens at that line.
        auto *table = view->findChild<QTableView *>("linesTable");
        const QRect cell = table->visualRect(table->model()->index(0, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QPlainTextEdit *source = nullptr;
        QTRY_VERIFY((source = view->findChild<QPlainTextEdit *>("sourceView")) != nullptr);
        QCOMPARE(source->textCursor().blockNumber() + 1, view->lineModel()->line(0).lineno);
        screenshotIfAsked(&window, "compare.png");

        // Copy the reproduce command of b.
        selectLabels(panel, {"b"});
        panel->copyCommandOfSelected();
        QVERIFY(QApplication::clipboard()->text().contains("FIL_PERF_SCALENE_CPU_RATE=0.02"));

        // Delete asks first; "no" keeps everything, "yes" moves a's files to the trash.
        selectLabels(panel, {"a"});
        QString asked;
        panel->setConfirmDeletion([&asked](const QString &q) {
            asked = q;
            return false;
        });
        panel->deleteSelected();
        QVERIFY(asked.contains("trash"));
        QVERIFY(QFile::exists(dir.filePath("a-run.json")));
        panel->setConfirmDeletion([](const QString &) { return true; });
        panel->deleteSelected();
        QVERIFY(!QFile::exists(dir.filePath("a-run.json")));
        QVERIFY(!QFile::exists(dir.filePath("a-scalene.json")));
        QVERIFY(!QFile::exists(dir.filePath("a.log")));
        // In the trash, not gone.
        QCOMPARE(panel->lastTrashed().size(), 4);
        for (const QString &trashed : panel->lastTrashed())
            QVERIFY2(QFile::exists(trashed), qPrintable(trashed));
        for (const QString &trashed : panel->lastTrashed())
            QFile::remove(trashed);
        QVERIFY(QFile::exists(dir.filePath("b-run.json")));
        QCOMPARE(panel->model()->rowCount(), 1);
    }

    // Repeat 2 next to Profile: one run group of two repeats, shown in History as one row that
    // expands; it compares with a single run, and the compare view draws the differential
    // flame graph of both sides' stacks.
    void repeatsFromTheWindowMakeOneGroupRow()
    {
        QTemporaryDir dir;
        for (const char *f : {"a-run.json", "a-scalene.json"})
            QVERIFY(QFile::copy(m_out + "/" + f, dir.filePath(f)));
        MainWindow window;
        window.resize(1360, 860);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openProjects({test::sampleProject("small")});
        window.settingsModel()->setFieldText("output_dir", dir.path());
        window.settingsModel()->setFieldText("scalene.memory", "0");
        window.settingsModel()->setFieldText("run_label", "twice");
        window.repeatSpin()->setValue(2);
        QTRY_VERIFY_WITH_TIMEOUT(window.profileButton()->isEnabled(), 60000);
        QVERIFY(window.startProfile());
        QVERIFY(window.runGroup());
        QCOMPARE(window.runGroup()->label(), QStringLiteral("twice"));
        // Between and during the repeats Profile stays off and Stop on.
        QVERIFY(!window.profileButton()->isEnabled());
        QVERIFY(!window.repeatSpin()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(window.runGroup() == nullptr, 240000);
        QVERIFY(window.profileButton()->isEnabled());
        QVERIFY(QFile::exists(dir.filePath("twice-r1-run.json")));
        QVERIFY(QFile::exists(dir.filePath("twice-r2-run.json")));
        QString error;
        const auto group = readRunGroup(dir.filePath("twice-group.json"), &error);
        QVERIFY2(group, qPrintable(error));
        QCOMPARE(group->repeats, (QStringList{"twice-r1", "twice-r2"}));
        QVERIFY(group->complete);

        // History: the group is one row with its two repeats under it, beside run a.
        HistoryPanel *panel = window.historyPanel();
        auto *tabs = window.findChild<QTabWidget *>("resultTabs");
        tabs->setCurrentWidget(panel->parentWidget());
        panel->rescan();
        QCOMPARE(panel->model()->rowCount(), 2);
        QTreeView *tree = panel->table();
        QModelIndex groupRow;
        for (int r = 0; r < tree->model()->rowCount(); ++r) {
            const QModelIndex index = tree->model()->index(r, 0);
            if (index.data(RunHistoryModel::IsGroupRole).toBool())
                groupRow = index;
        }
        QVERIFY(groupRow.isValid());
        QCOMPARE(groupRow.data().toString(), QStringLiteral("twice (repeats: 2)"));
        QCOMPARE(tree->model()->rowCount(groupRow), 2);
        tree->expand(groupRow);
        QVERIFY(tree->model()
                    ->index(1, RunHistoryModel::Duration, QModelIndex())
                    .data()
                    .toString()
                    .isEmpty() == false);
        // The trend has two points: the group (its spread as a band) and run a.
        QCOMPARE(panel->trend()->points().size(), 2);
        QCOMPARE(panel->trend()->points().last().repeats, 2);
        QVERIFY(panel->trend()->spreadHigh().last().y() >= panel->trend()->spreadLow().last().y());
        // Rerun is for one run; Open opens a group's typical run.
        selectLabels(panel, {"twice (repeats: 2)"});
        QVERIFY(!panel->findChild<QPushButton *>("rerunButton")->isEnabled());
        QVERIFY(panel->findChild<QPushButton *>("openButton")->isEnabled());
        QCOMPARE(panel->selectedRuns().size(), 2);
        screenshotIfAsked(&window, "history-groups.png");

        // Compare run a with the group: the group's side is its repeats.
        selectLabels(panel, {"a", "twice (repeats: 2)"});
        QSignalSpy compared(panel, &HistoryPanel::compareRequested);
        QTest::mouseClick(panel->findChild<QPushButton *>("compareButton"), Qt::LeftButton);
        QCOMPARE(compared.count(), 1);
        CompareView *view = window.compareView();
        QCOMPARE(view->diff().runsB.size(), 2);
        QCOMPARE(view->diff().b.label, QStringLiteral("twice"));
        QVERIFY(!view->diff().flame.isEmpty());
        view->showPage(CompareView::Page::FlameGraph);
        QTRY_VERIFY(view->flameView()->boxCount() > 10);
        QCOMPARE(view->flameView()->diff(), &view->diff());
        const QString rootTip = view->flameView()->toolTipFor(0);
        QVERIFY2(rootTip.contains("A ") && rootTip.contains("B ") && rootTip.contains("noise"),
                 qPrintable(rootTip));
        // Both sides ran the same code: the root frame holds both sides' seconds.
        const DiffFrame all = view->diff().flameFrame(0);
        QVERIFY(all.secA > 0.1 && all.secB > 0.1);
        QTest::qWait(300);
        screenshotIfAsked(&window, "compare-flame.png");

        // Deleting the group takes its repeats and its group file to the trash.
        selectLabels(panel, {"twice (repeats: 2)"});
        panel->setConfirmDeletion([](const QString &) { return true; });
        panel->deleteSelected();
        QVERIFY(!QFile::exists(dir.filePath("twice-group.json")));
        QVERIFY(!QFile::exists(dir.filePath("twice-r1-run.json")));
        QCOMPARE(panel->model()->rowCount(), 1);
        for (const QString &trashed : panel->lastTrashed())
            QFile::remove(trashed);
    }

    // The trend names the Filare commit of each stretch of runs along its top, and draws each
    // group's range as a band.
    void trendLabelsCommitsAndDrawsSpreads()
    {
        const auto point = [](double median, double low, double high, const QString &commit) {
            TrendPoint p;
            p.durationSec = median;
            p.durationLow = low;
            p.durationHigh = high;
            p.commitLabel = commit;
            return p;
        };
        TrendChart chart;
        chart.setPoints({point(10, 10, 10, {}), point(11, 10, 12, "aaaaaaaaaaaa"),
                         point(12, 11, 13, "aaaaaaaaaaaa"),
                         point(9, 8, 9.5, "bbbbbbbbbbbb+changes")});
        const QStringList labels = chart.commitLabels();
        QCOMPARE(labels.size(), 3);
        QCOMPARE(labels[0], QStringLiteral("not a checkout"));
        QCOMPARE(labels[1], QStringLiteral("aaaaaaaaaaaa"));
        QCOMPARE(labels[2], QStringLiteral("bbbbbbbbbbbb+changes"));
        QCOMPARE(chart.spreadHigh().at(1).y(), 12.0);
        QCOMPARE(chart.spreadLow().at(3).y(), 8.0);
        // Runs of no checkout: no commit axis at all.
        chart.setPoints({point(10, 10, 10, {}), point(11, 11, 11, {})});
        QVERIFY(chart.commitLabels().isEmpty());
    }

    void rerunUsesTheRecordedSettings()
    {
        QTemporaryDir dir;
        for (const char *f : {"b-run.json", "b-scalene.json"})
            QVERIFY(QFile::copy(m_out + "/" + f, dir.filePath(f)));
        // The record says where its output went; point it at the copy.
        QFile rec(dir.filePath("b-run.json"));
        QVERIFY(rec.open(QIODevice::ReadWrite));
        QByteArray data = rec.readAll();
        data.replace(m_out.toUtf8(), dir.path().toUtf8());
        rec.resize(0);
        rec.write(data);
        rec.close();
        MainWindow window;
        window.show();
        window.openProjects({test::sampleProject("small")});
        window.settingsModel()->setFieldText("output_dir", dir.path());
        window.rerun(dir.filePath("b-run.json"));
        QTRY_VERIFY_WITH_TIMEOUT(window.controller()->state() == RunController::State::Finished,
                                 120000);
        const RunRecord &r = window.controller()->record();
        QVERIFY(r.label != "b");
        QCOMPARE(r.settings.values.scalene.cpuRate, 0.02);
        QVERIFY(!r.settings.values.scalene.memory);
        QCOMPARE(r.projectFiles, QStringList{test::sampleProject("small")});
        QCOMPARE(r.outputDir, dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(window.historyPanel()->model()->rowCount(), 2, 5000);
    }

private:
    static void screenshotIfAsked(QWidget *w, const char *name)
    {
        const QString dir = qEnvironmentVariable("FPERF_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            w->grab().save(dir + "/" + name);
    }

    QTemporaryDir m_dir;
    QString m_out;
};

QTEST_MAIN(HistoryGuiTest)
#include "tst_history_gui.moc"
