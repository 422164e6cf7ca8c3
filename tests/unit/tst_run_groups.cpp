// SPDX-License-Identifier: GPL-3.0-or-later
// Run groups and commits in History and the trend, the repeat sequence both front ends use,
// and the differential flame graph: pure rules over hand-made summaries and stacks.
#include "core/compare/profile_diff.h"
#include "core/models/run_history_model.h"
#include "core/profile/flame_graph.h"
#include "core/session/run_group_sequence.h"
#include "core/settings/settings_resolver.h"
#include "core/store/run_group_codec.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

namespace {
RunSummary run(const QString &dir, const QString &label, int minute, double seconds,
               RunStatus status = RunStatus::Succeeded, const QString &group = {},
               const QString &commit = {}, bool dirty = false)
{
    RunSummary r;
    r.label = label;
    r.recordPath = dir + u'/' + label + QStringLiteral("-run.json");
    r.outputDir = dir;
    r.projectFiles = {QStringLiteral("/p/demo.yml")};
    r.started = QDateTime(QDate(2026, 12, 1), QTime(10, minute));
    r.durationSec = seconds;
    r.status = status;
    r.peakMb = seconds * 10;
    r.cpuRate = 0.01;
    r.group = group;
    r.filareCommit = commit;
    if (!commit.isEmpty())
        r.filareDirty = dirty;
    return r;
}

WeightedStack stack(const QStringList &functions, double weight)
{
    WeightedStack s;
    for (const QString &f : functions)
        s.frames.append(StackFrame{StackFrame::Kind::Python, f, QStringLiteral("/src/app.py"), 1,
                                   std::nullopt, std::nullopt});
    s.weight = weight;
    return s;
}

int childNamed(const FlameGraph &g, int node, const QString &function)
{
    for (int c : g.nodes.at(node).children) {
        if (g.nodes.at(c).function == function)
            return c;
    }
    return -1;
}
} // namespace

class RunGroupsTest : public QObject
{
    Q_OBJECT

private slots:
    void historyGroupsRepeatsUnderOneRow()
    {
        const QString d = QStringLiteral("/out");
        const QList<RunSummary> runs{
            run(d, "solo", 50, 9.0),
            run(d, "g-r3", 40, 12.0, RunStatus::Succeeded, "g"),
            run(d, "g-r2", 35, 10.0, RunStatus::Succeeded, "g"),
            run(d, "g-r1", 30, 11.0, RunStatus::Succeeded, "g"),
            run(d, "old", 10, 8.0),
        };
        const QList<RunGroupListing> groups{
            {"g", d + "/g-group.json", 3, true, {"g-r1", "g-r2", "g-r3"}}};
        const QList<HistoryRow> rows = groupHistory(runs, groups, HistoryGrouping::RunGroups);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].runs.first().label, QStringLiteral("solo"));
        QCOMPARE(rows[1].kind, HistoryRow::Kind::RunGroup);
        QCOMPARE(rows[1].key, QStringLiteral("g"));
        QCOMPARE(rows[1].path, d + "/g-group.json");
        QCOMPARE(rows[1].runs.size(), 3);
        QCOMPARE(rows[1].runs.first().label, QStringLiteral("g-r3")); // newest first
        QCOMPARE(rows[1].medianRun().label, QStringLiteral("g-r1"));  // 11 s of 10, 11, 12
        QCOMPARE(rows[2].runs.first().label, QStringLiteral("old"));

        RunHistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(runs, groups);
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex group = model.index(1, 0);
        QVERIFY(model.isGroup(group));
        QCOMPARE(model.rowCount(group), 3);
        QCOMPARE(model.index(1, RunHistoryModel::Label).data().toString(),
                 QStringLiteral("g (repeats: 3)"));
        QCOMPARE(model.index(1, RunHistoryModel::Duration).data().toString(),
                 QStringLiteral("11.0 ± 1.0"));
        QCOMPARE(model.index(1, RunHistoryModel::Status).data().toString(),
                 QStringLiteral("3 of 3 succeeded"));
        QCOMPARE(model.index(1, RunHistoryModel::PeakMb).data().toString(),
                 QStringLiteral("110.0"));
        QCOMPARE(model.index(2, RunHistoryModel::Label, group).data().toString(),
                 QStringLiteral("g-r1"));
        QCOMPARE(model.run(model.index(2, 0, group)).label, QStringLiteral("g-r1"));
        QCOMPARE(model.run(group).label, QStringLiteral("g-r1")); // the group's typical run
        QCOMPARE(model.runs().size(), 5);
    }

    // Issue 16: a run that asked for memory and got none says so, and shows no peak.
    void memoryNotMeasuredIsNotShownAsMeasured()
    {
        RunSummary asked = run("/out", "asked", 10, 5.0);
        asked.memory = true;
        asked.peakMb.reset();
        asked.memoryNotMeasured = QStringLiteral("Scalene recorded no allocation samples");
        RunSummary measured = run("/out", "measured", 20, 5.0);
        RunSummary off = run("/out", "off", 30, 5.0);
        off.memory = false;
        RunHistoryModel model;
        model.setRuns({off, measured, asked}, {});
        QCOMPARE(model.index(0, RunHistoryModel::Memory).data().toString(), QStringLiteral("off"));
        QCOMPARE(model.index(1, RunHistoryModel::Memory).data().toString(), QStringLiteral("on"));
        QCOMPARE(model.index(2, RunHistoryModel::Memory).data().toString(),
                 QStringLiteral("not measured"));
        QCOMPARE(model.index(2, RunHistoryModel::PeakMb).data().toString(), QString());
        QVERIFY(model.index(2, RunHistoryModel::PeakMb)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("no allocation samples")));
    }

    // A run whose profile covers part of it says so in its status, with the seconds (issue 16);
    // the status key that filters and scripts use stays the run's own.
    void partialProfileIsShownAsPartial()
    {
        RunSummary stopped = run("/out", "stopped", 30, 5.0, RunStatus::Cancelled);
        stopped.profilePartial = true;
        stopped.profiledElapsedSec = 4.2;
        stopped.profiledSec = 12.5;
        RunSummary whole = run("/out", "whole", 20, 5.0);
        RunHistoryModel model;
        model.setRuns({stopped, whole}, {});
        const QModelIndex status = model.index(0, RunHistoryModel::Status);
        QCOMPARE(status.data().toString(), QStringLiteral("cancelled · partial profile"));
        QCOMPARE(status.data(RunHistoryModel::KeyRole).toString(), QStringLiteral("cancelled"));
        QVERIFY2(status.data(Qt::ToolTipRole).toString().contains("covers 4.2 s of the 12.5 s run"),
                 qPrintable(status.data(Qt::ToolTipRole).toString()));
        QCOMPARE(model.index(1, RunHistoryModel::Status).data().toString(),
                 QStringLiteral("succeeded"));
    }

    void aPartialGroupSaysSo()
    {
        const QString d = QStringLiteral("/out");
        const QList<RunSummary> runs{
            run(d, "g-r2", 35, 10.0, RunStatus::Failed, "g"),
            run(d, "g-r1", 30, 11.0, RunStatus::Succeeded, "g"),
        };
        const QList<RunGroupListing> groups{{"g", d + "/g-group.json", 5, false, {"g-r1", "g-r2"}}};
        RunHistoryModel model;
        model.setRuns(runs, groups);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, RunHistoryModel::Status).data().toString(),
                 QStringLiteral("partial: 1 of 5 succeeded"));
        // Filtering by status keeps the group for its failed repeat, and shows that one only.
        RunHistoryFilterModel filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setStatusFilter(QStringLiteral("failed"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.rowCount(filter.index(0, 0)), 1);
        QCOMPARE(filter.index(0, 0, filter.index(0, 0)).data().toString(), QStringLiteral("g-r2"));
        filter.setStatusFilter(QStringLiteral("cancelled"));
        QCOMPARE(filter.rowCount(), 0);
        // The group's name finds its repeats.
        filter.setStatusFilter({});
        filter.setTextFilter(QStringLiteral("g (repeats"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.rowCount(filter.index(0, 0)), 2);
    }

    void historyGroupsByCommit()
    {
        const QString d = QStringLiteral("/out");
        const QString before = QStringLiteral("1111111111111111111111111111111111111111");
        const QString after = QStringLiteral("2222222222222222222222222222222222222222");
        const QList<RunSummary> runs{
            run(d, "e", 50, 9.0, RunStatus::Succeeded, {}, after, true),
            run(d, "d", 40, 9.5, RunStatus::Succeeded, {}, after, true),
            run(d, "c", 30, 11.0, RunStatus::Succeeded, {}, before),
            run(d, "b", 20, 10.0, RunStatus::Succeeded, {}, before),
            run(d, "a", 10, 8.0),
        };
        RunHistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(runs);
        QCOMPARE(model.rowCount(), 5); // by run group: none here, each run its own row
        model.setGrouping(RunHistoryModel::Grouping::Commits);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.row(0).key, QStringLiteral("222222222222+changes"));
        QCOMPARE(model.row(0).runs.size(), 2);
        QCOMPARE(model.row(1).key, QStringLiteral("111111111111"));
        QCOMPARE(model.index(1, RunHistoryModel::Label).data().toString(),
                 QStringLiteral("111111111111 (runs: 2)"));
        QCOMPARE(model.index(2, RunHistoryModel::Label).data().toString(),
                 QStringLiteral("Filare not from a checkout (runs: 1)"));
        QCOMPARE(model.index(0, RunHistoryModel::Commit, model.index(0, 0)).data().toString(),
                 QStringLiteral("222222222222+changes"));
    }

    void trendShowsAGroupAsOnePointWithItsSpread()
    {
        const QString d = QStringLiteral("/out");
        const QString c1 = QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        const QString c2 = QStringLiteral("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        const QList<RunSummary> runs{
            run(d, "h-r2", 45, 14.0, RunStatus::Succeeded, "h", c2),
            run(d, "h-r1", 44, 12.0, RunStatus::Succeeded, "h", c2),
            run(d, "g-r3", 40, 12.0, RunStatus::Succeeded, "g", c1),
            run(d, "g-r2", 35, 10.0, RunStatus::Succeeded, "g", c1),
            run(d, "g-r1", 30, 11.0, RunStatus::Succeeded, "g", c1),
            run(d, "failed", 20, 1.0, RunStatus::Failed),
            run(d, "solo", 10, 8.0, RunStatus::Succeeded, {}, c1),
        };
        const QList<TrendPoint> points = trendPoints(runs, {QStringLiteral("/p/demo.yml")});
        QCOMPARE(points.size(), 3);
        QCOMPARE(points[0].label, QStringLiteral("solo"));
        QCOMPARE(points[0].repeats, 1);
        QCOMPARE(points[0].durationLow, 8.0);
        QCOMPARE(points[0].durationHigh, 8.0);
        QCOMPARE(points[1].label, QStringLiteral("g"));
        QCOMPARE(points[1].repeats, 3);
        QCOMPARE(points[1].durationSec, 11.0);
        QCOMPARE(points[1].durationLow, 10.0);
        QCOMPARE(points[1].durationHigh, 12.0);
        QCOMPARE(points[1].peakMb, std::optional<double>(110.0));
        QVERIFY(points[1].recordPath.endsWith("g-r1-run.json")); // the median repeat
        QVERIFY(!points[1].commitChanged);
        QCOMPARE(points[1].commitLabel, QStringLiteral("aaaaaaaaaaaa"));
        QCOMPARE(points[2].durationSec, 13.0); // median of two: their mean
        QVERIFY(points[2].commitChanged);
        QCOMPARE(points[2].commitLabel, QStringLiteral("bbbbbbbbbbbb"));
    }

    void sequenceNamesRepeatsAndEndsOnTheFirstFailure()
    {
        QTemporaryDir dir;
        ResolvedSettings settings = resolveSettings({});
        settings.values.outputDir = dir.path();
        settings.values.runLabel = QStringLiteral("grp");
        const QStringList projects{dir.filePath("demo.yml")};
        QString error;
        auto seq =
            RunGroupSequence::begin(settings, projects, 3, QDateTime::currentDateTime(), &error);
        QVERIFY2(seq, qPrintable(error));
        QCOMPARE(seq->label(), QStringLiteral("grp"));
        QVERIFY(seq->hasNext());
        QCOMPARE(seq->nextSettings().values.runLabel, QStringLiteral("grp-r1"));
        QVERIFY(seq->repeatEnded(run(dir.path(), "grp-r1", 1, 10.0), &error));
        // The group is on disk after each repeat, and says it is not complete yet.
        auto onDisk = readRunGroup(dir.filePath("grp-group.json"), &error);
        QVERIFY2(onDisk, qPrintable(error));
        QCOMPARE(onDisk->repeats, QStringList{"grp-r1"});
        QCOMPARE(onDisk->requested, 3);
        QVERIFY(!onDisk->complete);
        QCOMPARE(seq->nextSettings().values.runLabel, QStringLiteral("grp-r2"));
        QVERIFY(seq->repeatEnded(run(dir.path(), "grp-r2", 2, 1.0, RunStatus::Failed), &error));
        QVERIFY(!seq->hasNext()); // a failure ends the group
        QCOMPARE(seq->group().repeats.size(), 2);
        QVERIFY(!seq->group().complete);

        // The label is taken now: a second group with it is refused, with the fix.
        QVERIFY(
            !RunGroupSequence::begin(settings, projects, 3, QDateTime::currentDateTime(), &error));
        QVERIFY2(error.contains("--run-label"), qPrintable(error));

        // Stop ends a group; three successes complete one.
        settings.values.runLabel = QStringLiteral("other");
        seq = RunGroupSequence::begin(settings, projects, 3, QDateTime::currentDateTime(), &error);
        QVERIFY(seq);
        seq->stop();
        QVERIFY(!seq->hasNext());
        settings.values.runLabel = QStringLiteral("whole");
        seq = RunGroupSequence::begin(settings, projects, 2, QDateTime::currentDateTime(), &error);
        QVERIFY(seq);
        QVERIFY(seq->repeatEnded(run(dir.path(), "whole-r1", 1, 10.0), &error));
        QVERIFY(seq->hasNext());
        QVERIFY(seq->repeatEnded(run(dir.path(), "whole-r2", 2, 10.0), &error));
        QVERIFY(!seq->hasNext());
        QVERIFY(readRunGroup(dir.filePath("whole-group.json"), &error)->complete);
        // Out of range.
        QVERIFY(
            !RunGroupSequence::begin(settings, projects, 0, QDateTime::currentDateTime(), &error));
        QVERIFY(!RunGroupSequence::begin(settings, projects, kMaxRepeats + 1,
                                         QDateTime::currentDateTime(), &error));
    }

    void differentialFlameGraphKeepsBothSides()
    {
        // A: main -> parse (6), main -> render (4); B: main -> parse (6), main -> render
        // (10), main -> layout (2). Each side's stacks are scaled to seconds (0.5 s a hit).
        const QList<WeightedStack> a{stack({"main", "parse"}, 6), stack({"main", "render"}, 4)};
        const QList<WeightedStack> b{stack({"main", "parse"}, 6), stack({"main", "render"}, 10),
                                     stack({"main", "layout"}, 2)};
        const DiffFlameGraph d = buildDiffFlameGraph({{&a, 0.5}}, {{&b, 0.5}});
        const FlameGraph &g = d.graph;
        QCOMPARE(d.weightA.size(), g.nodes.size());
        QCOMPARE(d.weightA.value(0), 5.0);
        QCOMPARE(d.weightB.value(0), 9.0);
        QCOMPARE(g.total(), 14.0); // both sides: children fit inside their parent
        const int main = childNamed(g, 0, "main");
        const int render = childNamed(g, main, "render");
        const int layout = childNamed(g, main, "layout");
        QVERIFY(main > 0 && render > 0 && layout > 0);
        QCOMPARE(d.weightA.value(render), 2.0);
        QCOMPARE(d.weightB.value(render), 5.0);
        QCOMPARE(d.weightA.value(layout), 0.0);
        QCOMPARE(d.weightB.value(layout), 1.0);
        QCOMPARE(g.nodes.at(main).children.first(), render); // heaviest (together) first

        // Frames as the compare view colours them: beyond noise or not, and one-sided.
        ProfileDiff diff;
        diff.flame = d;
        diff.noise.intervalA = diff.noise.intervalB = 0.01;
        diff.runsA = {RunSummary{}};
        diff.runsB = {RunSummary{}};
        const DiffFrame r = diff.flameFrame(render);
        QCOMPARE(r.delta(), 3.0);
        QVERIFY(qAbs(r.noiseSec - std::sqrt(2.0 * 0.01 + 5.0 * 0.01)) < 1e-12);
        QVERIFY(r.beyondNoise);
        const DiffFrame l = diff.flameFrame(layout);
        QVERIFY(l.onlyInB() && !l.onlyInA());
        QVERIFY(l.beyondNoise); // 1 s against 0.1 s of noise
        const DiffFrame p = diff.flameFrame(childNamed(g, main, "parse"));
        QCOMPARE(p.delta(), 0.0);
        QVERIFY(!p.beyondNoise);
        // A change on a coarse interval stays within noise (sigma 2.6 s against 3 s).
        diff.noise.intervalA = diff.noise.intervalB = 1.0;
        QVERIFY(!diff.flameFrame(render).beyondNoise);
        // Repeats: each side's mean, and the noise of a mean of n runs is smaller.
        const DiffFlameGraph twice = buildDiffFlameGraph({{&a, 0.25}, {&a, 0.25}}, {{&b, 0.5}});
        QCOMPARE(twice.weightA.value(0), 5.0);
        QCOMPARE(diff.flameFrame(-1).secA, 0.0); // out of range: nothing
    }
};

QTEST_GUILESS_MAIN(RunGroupsTest)
#include "tst_run_groups.moc"
