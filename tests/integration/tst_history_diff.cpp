// SPDX-License-Identifier: GPL-3.0-or-later
// Run history and run comparison, on real runs of the sample and on crafted records.
#include "core/models/diff_line_model.h"
#include "core/models/run_history_model.h"
#include "core/store/run_record.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

namespace {
QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(test::readAll(path).toUtf8()).object();
}

void writeJson(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(o).toJson());
}

QJsonObject profileLine(int lineno, const char *code, double py, double peak)
{
    return QJsonObject{{"lineno", lineno},           {"line", code},
                       {"n_cpu_percent_python", py}, {"n_cpu_percent_c", 1.0},
                       {"n_sys_percent", 0.5},       {"n_peak_mb", peak},
                       {"n_copy_mb_s", 0.0}};
}

// A record and its profile with the figures given, as filare-perf would write them.
void writeRun(const QString &dir, const QString &label, double elapsed, double peak,
              const QJsonArray &lines)
{
    const QString json = dir + "/" + label + "-scalene.json";
    writeJson(json, QJsonObject{
                        {"elapsed_time_sec", elapsed},
                        {"max_footprint_mb", peak},
                        {"memory", true},
                        {"files", QJsonObject{{"/x/filare/a.py", QJsonObject{{"lines", lines}}}}}});
    writeJson(
        dir + "/" + label + "-run.json",
        QJsonObject{{"format", "filare-perf-run"},
                    {"format_version", 1},
                    {"label", label},
                    {"status", "succeeded"},
                    {"project_files", QJsonArray{"/p/harness.yml"}},
                    {"started", "2026-11-25T10:00:00.000"},
                    {"duration_s", elapsed + 1},
                    {"peak_mb", peak},
                    {"profiled_elapsed_s", elapsed},
                    {"cpu_samples", int(elapsed * 100)},
                    {"settings", QJsonObject{{"scalene.cpu_rate", QJsonObject{{"value", "0.01"}}},
                                             {"scalene.memory", QJsonObject{{"value", "1"}}}}},
                    {"reports", QJsonObject{{"json", json}}}});
}
// "old" and "new": one line got faster but bigger, one went, one came.
std::optional<ProfileDiff> diffOfCraftedRuns(const QString &dir, QString *error)
{
    writeRun(dir, "old", 10, 100,
             {profileLine(1, "slow()", 50, 80), profileLine(2, "gone()", 10, 5)});
    writeRun(dir, "new", 12, 90,
             {profileLine(1, "slow()", 20, 85), profileLine(3, "added()", 30, 0)});
    return diffRuns(*findRun("old", dir, error), *findRun("new", dir, error), error);
}
} // namespace

class HistoryDiffTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_out = m_dir.filePath("out");
        // Two real runs of the sample with different settings.
        for (const auto &[label, rate] : {std::pair{"a", "0.01"}, std::pair{"b", "0.02"}}) {
            const auto r = test::fixtureRun({"run", "--output-dir", m_out, "--run-label", label,
                                             "--cpu-rate", rate, test::sampleProject("small")},
                                            m_out + "/" + label + ".log");
            QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        }
    }

    void historyListsRunsAndSkipsJunk()
    {
        QTemporaryDir dir;
        for (const char *f : {"a-run.json", "a-scalene.json", "b-run.json", "b-scalene.json"})
            QVERIFY(QFile::copy(m_out + "/" + f, dir.filePath(f)));
        QFile corrupt(dir.filePath("broken-run.json"));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write("{\"format\": \"filare-perf-run\", \"label\": ");
        corrupt.close();
        writeJson(dir.filePath("foreign-run.json"), QJsonObject{{"hello", "world"}});
        // A run left "running" by a filare-perf that no longer exists was interrupted.
        QProcess gone;
        gone.start("true", {});
        QVERIFY(gone.waitForFinished());
        QJsonObject ghost = readJson(m_out + "/a-run.json");
        ghost["label"] = "ghost";
        ghost["status"] = "running";
        ghost["app_pid"] = gone.processId() > 0 ? gone.processId() : 0;
        ghost["started"] = "2030-01-01T00:00:00.000";
        writeJson(dir.filePath("ghost-run.json"), ghost);
        // One still running in this very process stays running.
        QJsonObject live = ghost;
        live["label"] = "live";
        live["app_pid"] = QCoreApplication::applicationPid();
        live["app_start_ticks"] = processStartTicks(QCoreApplication::applicationPid());
        writeJson(dir.filePath("live-run.json"), live);

        const HistoryScan scan = scanRunRecords({dir.path(), dir.path() + "/."});
        QStringList labels;
        for (const RunSummary &r : scan.runs)
            labels << r.label;
        labels.sort();
        QCOMPARE(labels, (QStringList{"a", "b", "ghost", "live"}));
        QCOMPARE(scan.warnings.size(), 2);
        QVERIFY(scan.warnings.join('\n').contains("broken-run.json"));
        QVERIFY(scan.warnings.join('\n').contains("foreign-run.json"));
        for (const RunSummary &r : scan.runs) {
            if (r.label == "ghost")
                QCOMPARE(r.status, RunStatus::Interrupted);
            if (r.label == "live")
                QCOMPARE(r.status, RunStatus::Running);
            if (r.label == "a") {
                QCOMPARE(r.status, RunStatus::Succeeded);
                QCOMPARE(r.cpuRate, 0.01);
                QVERIFY(r.peakMb.value_or(0) > 1);
                QVERIFY(r.topHotspot.contains("filare/"));
            }
        }

        RunHistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(scan.runs);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(RunHistoryModel::ColumnCount));
        QCOMPARE(model.headerData(RunHistoryModel::PeakMb, Qt::Horizontal).toString(),
                 QStringLiteral("Peak MB"));
        QCOMPARE(model.index(0, RunHistoryModel::Label).data().toString(), QStringLiteral("ghost"));
        QCOMPARE(model.index(0, RunHistoryModel::Status).data().toString(),
                 QStringLiteral("interrupted"));
        model.setRuns({});
        QCOMPARE(model.rowCount(), 0);
    }

    void historyCli()
    {
        const auto r = test::runCli({"history", "--output-dir", m_out, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray runs =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value("runs").toArray();
        QCOMPARE(runs.size(), 2);
        for (const QJsonValue &v : runs) {
            const QJsonObject o = v.toObject();
            for (const char *key : {"label", "status", "started", "duration_s", "peak_mb"})
                QVERIFY2(o.contains(key), key);
        }
        const auto table = test::runCli({"history", "--output-dir", m_out});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains("Top hotspot"));
        QVERIFY(table.out.contains("succeeded"));
        QCOMPARE(test::runCli({"history", "--output-dir", m_dir.filePath("none")}).exitCode, 2);
    }

    // The deltas of two real profiles against figures read independently from their JSON.
    void diffOfRealRuns()
    {
        QString error;
        const auto a = findRun("a", m_out, &error);
        const auto b = findRun(m_out + "/b-run.json", m_out, &error);
        QVERIFY2(a && b, qPrintable(error));
        const auto diff = diffRuns(*a, *b, &error);
        QVERIFY2(diff, qPrintable(error));
        const QJsonObject pa = readJson(m_out + "/a-scalene.json");
        const QJsonObject pb = readJson(m_out + "/b-scalene.json");
        const DiffFigure *elapsed = diff->figure(DiffFigureId::ProfiledTime);
        QCOMPARE(*elapsed->a, pa.value("elapsed_time_sec").toDouble());
        QCOMPARE(*elapsed->b, pb.value("elapsed_time_sec").toDouble());
        QCOMPARE(*elapsed->delta(),
                 pb.value("elapsed_time_sec").toDouble() - pa.value("elapsed_time_sec").toDouble());
        const DiffFigure *peak = diff->figure(DiffFigureId::PeakMemory);
        QCOMPARE(*peak->a, pa.value("max_footprint_mb").toDouble());
        QCOMPARE(*peak->b, pb.value("max_footprint_mb").toDouble());
        QVERIFY(diff->warnings.join(' ').contains("different CPU intervals"));
        // Each line's CPU figure is Python + native + system from its own profile.
        QVERIFY(!diff->lines.isEmpty());
        const DiffLine &top = diff->lines.first();
        for (const QJsonValue &v :
             pa.value("files").toObject().value(top.file).toObject().value("lines").toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value("lineno").toInt() == top.lineno)
                QCOMPARE(top.cpuA, o.value("n_cpu_percent_python").toDouble() +
                                       o.value("n_cpu_percent_c").toDouble() +
                                       o.value("n_sys_percent").toDouble());
        }
        for (int i = 1; i < diff->lines.size(); ++i)
            QVERIFY(diff->lines[i - 1].changeSize() >= diff->lines[i].changeSize());
    }

    void linesOnlyInOneRunAndNegativeDeltas()
    {
        QTemporaryDir dir;
        QString error;
        const auto diff = diffOfCraftedRuns(dir.path(), &error);
        QVERIFY2(diff, qPrintable(error));
        QCOMPARE(diff->lines.size(), 3);
        // Sorted by the change in seconds (share x profiled time: 10 s in A, 12 s in B):
        // added() is new with 3.78 s, slow() lost 2.57 s (and rose 5 MB), gone() 1.15 s.
        const DiffLine &added = diff->lines[0];
        QCOMPARE(added.lineno, 3);
        QVERIFY(!added.inA && added.inB);
        QCOMPARE(added.cpuA, 0.0);
        QCOMPARE(added.cpuB, 31.5);
        QVERIFY(qAbs(added.secB - 3.78) < 1e-9);
        QCOMPARE(diff->lines[1].lineno, 1);
        QCOMPARE(diff->lines[1].cpuDelta(), -30.0);
        QVERIFY(qAbs(diff->lines[1].secDelta() - (2.58 - 5.15)) < 1e-9);
        QCOMPARE(diff->lines[1].peakDelta(), 5.0);
        const DiffLine &gone = diff->lines[2];
        QVERIFY(gone.inA && !gone.inB);
        QCOMPARE(gone.cpuDelta(), -11.5);
        QCOMPARE(gone.peakDelta(), -5.0);
        // Hundreds of samples each at 10 ms: all three beyond sampling noise.
        for (const DiffLine &l : diff->lines)
            QVERIFY2(l.beyondNoise, qPrintable(QString::number(l.lineno)));
        QCOMPARE(diff->noise.linesBeyond, 3);
        QCOMPARE(diff->noise.slowerBeyond, 1);
        QCOMPARE(diff->noise.fasterBeyond, 2);
        QCOMPARE(*diff->figure(DiffFigureId::PeakMemory)->deltaPercent(), -10.0);
        const QString text = formatDiffText(*diff);
        QVERIFY(text.contains("(-30.0)"));
        QVERIFY(text.contains("[only B]"));
        QVERIFY(text.contains("[only A]"));
        QVERIFY(text.contains("-10.0%"));
        const QString md = formatDiffMarkdown(*diff);
        QVERIFY(md.contains("| peak memory (MB) | 100.00 | 90.00 | -10.00 | -10.0% |"));
        QVERIFY(md.contains("(new)"));
    }

    void diffCliExitCodes()
    {
        QTemporaryDir dir;
        writeRun(dir.path(), "old", 10, 100, {profileLine(1, "x()", 50, 80)});
        writeRun(dir.path(), "new", 12, 90, {profileLine(1, "x()", 60, 80)});
        const auto diff = [&dir](const QStringList &extra) {
            return test::runCli(QStringList{"diff", "--output-dir", dir.path(), "old", "new"} +
                                extra);
        };
        QCOMPARE(diff({}).exitCode, 0);
        QCOMPARE(diff({"--fail-if-slower", "30"}).exitCode, 0); // +20 %
        const auto slower = diff({"--fail-if-slower", "10"});
        QCOMPARE(slower.exitCode, 1);
        QVERIFY(slower.err.contains("profiled time grew by 20.0%"));
        QCOMPARE(diff({"--fail-if-peak-over", "5"}).exitCode, 0); // -10 %: an improvement
        QCOMPARE(test::runCli(
                     {"diff", "--output-dir", dir.path(), "new", "old", "--fail-if-peak-over", "5"})
                     .exitCode,
                 1); // +11 %
        const auto json = diff({"--format", "json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QVERIFY(o.value("summary").isObject());
        QVERIFY(o.value("lines").isArray());
        QCOMPARE(o.value("summary")
                     .toObject()
                     .value("profiled time (s)")
                     .toObject()
                     .value("delta")
                     .toDouble(),
                 2.0);
        // The keys users' CI scripts read: every figure, spelled as it always was.
        QCOMPARE(o.value("summary").toObject().keys(),
                 (QStringList{"CPU Python (s)", "CPU native (s)", "CPU samples", "CPU system (s)",
                              "allocated (MB)", "overhead ratio", "peak memory (MB)",
                              "profiled time (s)", "wall time (s)"}));
        // The CPU split in seconds: each line's Python share x the profiled time, summed.
        const QJsonObject python = o.value("summary").toObject().value("CPU Python (s)").toObject();
        QCOMPARE(python.value("a").toDouble(), 0.50 * 10);
        QCOMPARE(python.value("b").toDouble(), 0.60 * 12);
        QVERIFY(diff({"--format", "markdown"}).out.contains("|---|"));
        QVERIFY(json.out.contains("\"beyond_noise\""));
        QVERIFY(o.value("noise").toObject().value("statement").toString().contains("beyond noise"));
        // x() took 5.15 s in old and 7.38 s in new: beyond noise, over 0.5 s, under 5 s.
        const auto line = diff({"--fail-if-line-slower", "0.5"});
        QCOMPARE(line.exitCode, 1);
        QVERIFY2(line.err.contains("a.py:1 (x()) is +2.230 s slower (limit 0.5 s), beyond noise"),
                 qPrintable(line.err));
        QCOMPARE(diff({"--fail-if-line-slower", "5"}).exitCode, 0);
        QCOMPARE(diff({"--fail-if-peak-higher", "5"}).exitCode, 0); // -10 MB
        QCOMPARE(test::runCli({"diff", "--output-dir", dir.path(), "new", "old",
                               "--fail-if-peak-higher", "5"})
                     .exitCode,
                 1); // +10 MB
        const auto junit = diff({"--format", "junit", "--fail-if-slower", "10"});
        QCOMPARE(junit.exitCode, 1);
        QVERIFY(junit.out.startsWith("<?xml"));
        QVERIFY(junit.out.contains(
            "<testcase classname=\"filare-perf.diff\" name=\"fail-if-slower\">"));
        QVERIFY(junit.out.contains("<failure message=\"profiled time grew by 20.0%"));
        QCOMPARE(diff({"--fail-if-line-slower", "lots"}).exitCode, 2);
        // Missing or unreadable runs: exit 2 with a message that names them.
        const auto missing = test::runCli({"diff", "--output-dir", dir.path(), "old", "nope"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no run \"nope\""));
        QFile::remove(dir.filePath("new-scalene.json"));
        const auto noProfile = diff({});
        QCOMPARE(noProfile.exitCode, 2);
        QVERIFY(noProfile.err.contains("no readable profile"));
        QCOMPARE(diff({"--format", "xml"}).exitCode, 2);
        QCOMPARE(diff({"--fail-if-slower", "lots"}).exitCode, 2);
    }

    void filterAndSort()
    {
        QList<RunSummary> runs;
        const auto add = [&runs](const char *label, const char *project, RunStatus status,
                                 double peak, const char *hotspot) {
            RunSummary r;
            r.label = label;
            r.projectFiles = {QString("/p/") + project};
            r.status = status;
            r.peakMb = peak;
            r.topHotspot = hotspot;
            r.started = QDateTime(QDate(2026, 1, 1), QTime(0, 0)).addSecs(runs.size());
            runs << r;
        };
        add("n1", "a.yml", RunStatus::Succeeded, 30, "render.py:3");
        add("n2", "b.yml", RunStatus::Failed, 10, "parser.py:9");
        add("n3", "a.yml", RunStatus::Succeeded, 20, "parser.py:1");
        RunHistoryModel model;
        model.setRuns(runs);
        RunHistoryFilterModel filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setProjectFilter("a.yml");
        QCOMPARE(filter.rowCount(), 2);
        filter.setStatusFilter("failed");
        QCOMPARE(filter.rowCount(), 0);
        filter.setProjectFilter({});
        QCOMPARE(filter.rowCount(), 1);
        filter.setStatusFilter({});
        filter.setTextFilter("PARSER");
        QCOMPARE(filter.rowCount(), 2);
        filter.setTextFilter({});
        filter.sort(RunHistoryModel::PeakMb, Qt::AscendingOrder);
        QCOMPARE(filter.index(0, RunHistoryModel::Label).data().toString(), QStringLiteral("n2"));
        QCOMPARE(filter.index(2, RunHistoryModel::Label).data().toString(), QStringLiteral("n1"));
    }

    void trendGivesTheRightPoints()
    {
        QList<RunSummary> runs;
        const auto add = [&runs](const char *label, int minute, double rate, bool memory,
                                 RunStatus status, const char *project = "/p/a.yml") {
            RunSummary r;
            r.label = label;
            r.projectFiles = {project};
            r.started = QDateTime(QDate(2026, 1, 1), QTime(10, minute));
            r.durationSec = minute;
            r.peakMb = minute * 2.0;
            r.cpuRate = rate;
            r.memory = memory;
            r.status = status;
            r.recordPath = QString("/o/%1-run.json").arg(label);
            runs << r;
        };
        add("t3", 3, 0.01, true, RunStatus::Succeeded);
        add("t1", 1, 0.01, true, RunStatus::Succeeded);
        add("t2", 2, 0.01, true, RunStatus::Succeeded);
        add("t4", 4, 0.01, false, RunStatus::Succeeded); // memory turned off
        add("t5", 5, 0.01, false, RunStatus::Failed);    // not a point
        add("other", 6, 0.01, false, RunStatus::Succeeded, "/p/b.yml");
        add("t7", 7, 0.02, false, RunStatus::Succeeded); // interval changed
        const QList<TrendPoint> points = trendPoints(runs, {"/p/a.yml"});
        QStringList labels;
        QList<bool> changed;
        for (const TrendPoint &p : points) {
            labels << p.label;
            changed << p.settingsChanged;
        }
        QCOMPARE(labels, (QStringList{"t1", "t2", "t3", "t4", "t7"}));
        QCOMPARE(changed, (QList<bool>{false, false, false, true, true}));
        QCOMPARE(points[3].durationSec, 4.0);
        QCOMPARE(points[3].peakMb.value_or(0), 8.0);
        QCOMPARE(points[4].recordPath, QStringLiteral("/o/t7-run.json"));
    }

    void diffLineModel()
    {
        QTemporaryDir dir;
        QString error;
        const auto diff = diffOfCraftedRuns(dir.path(), &error);
        QVERIFY(diff);
        DiffLineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDiff(*diff);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1, DiffLineModel::CpuDelta).data().toString(),
                 QStringLiteral("-30.0"));
        QCOMPARE(model.index(1, DiffLineModel::SecondsDelta).data().toString(),
                 QStringLiteral("-2.570"));
        QCOMPARE(model.index(1, DiffLineModel::SecondsDelta)
                     .data(DiffLineModel::ChangeDirectionRole)
                     .toInt(),
                 -1);
        QVERIFY(model.index(1, DiffLineModel::SecondsDelta)
                    .data(DiffLineModel::BeyondNoiseRole)
                    .toBool());
        QVERIFY(model.index(1, DiffLineModel::Noise).data().toString().startsWith("± 0.2"));
        QCOMPARE(model.index(1, DiffLineModel::PeakDelta).data().toString(),
                 QStringLiteral("+5.0"));
        QCOMPARE(model.index(1, DiffLineModel::PeakDelta)
                     .data(DiffLineModel::ChangeDirectionRole)
                     .toInt(),
                 1);
        QVERIFY(model.index(0, DiffLineModel::Location).data().toString().endsWith("(only B)"));
        QCOMPARE(model.index(0, DiffLineModel::CpuA).data().toString(), QStringLiteral("0.0"));
        // Deltas sort by the size of the change, whatever the sign.
        QCOMPARE(model.index(1, DiffLineModel::CpuDelta).data(DiffLineModel::SortRole).toDouble(),
                 30.0);
        QCOMPARE(model.headerData(DiffLineModel::SecondsDelta, Qt::Horizontal).toString(),
                 QStringLiteral("Δ s"));
    }

    // A share moves when anything else moves: B makes one line 4 s faster, so the run is
    // shorter and the other line's share jumps from 50 % to 83 %, though its time did not
    // change. Compared in seconds, only the line that changed is reported as changed.
    void sharesMoveSecondsDoNot()
    {
        QTemporaryDir dir;
        // Each line: Python % + 1 % native + 0.5 % system (profileLine).
        writeRun(dir.path(), "before", 10, 100,
                 {profileLine(1, "work()", 48.5, 10), profileLine(2, "same()", 48.5, 10)});
        writeRun(dir.path(), "after", 6, 100,
                 {profileLine(1, "work()", 100.0 / 6 - 1.5, 10),
                  profileLine(2, "same()", 500.0 / 6 - 1.5, 10)});
        QString error;
        const auto diff = diffRuns(*findRun("before", dir.path(), &error),
                                   *findRun("after", dir.path(), &error), &error);
        QVERIFY2(diff, qPrintable(error));
        QCOMPARE(diff->lines.size(), 2);
        const DiffLine &work = diff->lines[0];
        const DiffLine &same = diff->lines[1];
        QCOMPARE(work.lineno, 1);
        QVERIFY(qAbs(work.secDelta() + 4.0) < 1e-9);
        QVERIFY(work.beyondNoise);
        QCOMPARE(same.lineno, 2);
        QVERIFY(qAbs(same.cpuDelta() - 100.0 / 3) < 1e-9); // +33 points of share
        QVERIFY(qAbs(same.secDelta()) < 1e-9);             // and no change in time
        QVERIFY(!same.beyondNoise);
        QCOMPARE(diff->noise.linesBeyond, 1);
        QCOMPARE(diff->largestBeyondNoise(), &work);
        QVERIFY2(diff->noiseStatement().startsWith("1 of 2 lines changed beyond noise"),
                 qPrintable(diff->noiseStatement()));
        QVERIFY(diff->noiseStatement().contains("Sampling noise only"));
        // The functions and files levels are compared the same way.
        QCOMPARE(diff->files.size(), 1);
        QVERIFY(qAbs(diff->files.first().secDelta() + 4.0) < 1e-9);
        const QString text = formatDiffText(*diff);
        QVERIFY(text.contains("within noise"));
        QVERIFY(text.contains("beyond noise"));
    }

    // The CI gates, as a table: a limit crossed fails only beyond noise.
    void gates_data()
    {
        QTest::addColumn<double>("profiledA");
        QTest::addColumn<double>("profiledB");
        QTest::addColumn<double>("profiledNoise"); // < 0: unknown
        QTest::addColumn<double>("lineDelta");
        QTest::addColumn<bool>("lineBeyond");
        QTest::addColumn<QString>("option");
        QTest::addColumn<double>("limit");
        QTest::addColumn<bool>("checked");
        QTest::addColumn<bool>("failed");
        QTest::addColumn<QString>("says");
        QTest::newRow("slower, beyond noise")
            << 10.0 << 12.0 << 0.3 << 0.0 << false << "fail-if-slower" << 10.0 << true << true
            << "profiled time grew by 20.0% (limit 10%), beyond noise";
        QTest::newRow("slower, within noise")
            << 10.0 << 12.0 << 2.0 << 0.0 << false << "fail-if-slower" << 10.0 << true << false
            << "but within noise";
        QTest::newRow("slower, under the limit")
            << 10.0 << 12.0 << 0.3 << 0.0 << false << "fail-if-slower" << 30.0 << true << false
            << "within the limit of 30%";
        QTest::newRow("slower, noise unknown")
            << 10.0 << 12.0 << -1.0 << 0.0 << false << "fail-if-slower" << 10.0 << true << true
            << "not known from one run per side";
        QTest::newRow("slower, no profiled time")
            << -1.0 << 12.0 << -1.0 << 0.0 << false << "fail-if-slower" << 10.0 << false << false
            << "cannot check profiled time";
        QTest::newRow("a line slower, beyond noise")
            << 10.0 << 10.0 << 0.3 << 1.0 << true << "fail-if-line-slower" << 0.5 << true << true
            << "a.py:7 (work()) is +1.000 s slower (limit 0.5 s), beyond noise";
        QTest::newRow("a line slower, within noise")
            << 10.0 << 10.0 << 0.3 << 1.0 << false << "fail-if-line-slower" << 0.5 << true << false
            << "within noise";
        QTest::newRow("a line slower, under the limit")
            << 10.0 << 10.0 << 0.3 << 0.2 << true << "fail-if-line-slower" << 0.5 << true << false
            << "no line is slower by more than 0.5 s";
        QTest::newRow("peak higher")
            << 10.0 << 10.0 << 0.3 << 0.0 << false << "fail-if-peak-higher" << 5.0 << true << true
            << "peak memory grew by 10.0 MB (limit 5 MB)";
        QTest::newRow("peak over") << 10.0 << 10.0 << 0.3 << 0.0 << false << "fail-if-peak-over"
                                   << 20.0 << true << false << "within the limit of 20%";
    }
    void gates()
    {
        QFETCH(double, profiledA);
        QFETCH(double, profiledB);
        QFETCH(double, profiledNoise);
        QFETCH(double, lineDelta);
        QFETCH(bool, lineBeyond);
        QFETCH(QString, option);
        QFETCH(double, limit);
        QFETCH(bool, checked);
        QFETCH(bool, failed);
        QFETCH(QString, says);
        ProfileDiff d;
        DiffFigure profiled;
        profiled.id = DiffFigureId::ProfiledTime;
        if (profiledA >= 0)
            profiled.a = profiledA;
        profiled.b = profiledB;
        if (profiledNoise >= 0 && profiled.a) {
            profiled.noise = profiledNoise;
            profiled.pValue =
                2 * 0.5 *
                std::erfc(std::abs(profiledB - profiledA) / profiledNoise / std::sqrt(2.0));
        }
        DiffFigure peak;
        peak.id = DiffFigureId::PeakMemory;
        peak.a = 100;
        peak.b = 110;
        d.summary = {profiled, peak};
        DiffLine line;
        line.file = "/x/a.py";
        line.lineno = 7;
        line.text = "work()";
        line.secA = 2;
        line.secB = 2 + lineDelta;
        line.noiseSec = 0.2;
        line.beyondNoise = lineBeyond;
        line.qValue = lineBeyond ? 0.001 : 0.4;
        d.lines = {line};
        DiffGates gates;
        if (option == "fail-if-slower")
            gates.slowerPercent = limit;
        else if (option == "fail-if-line-slower")
            gates.lineSlowerSec = limit;
        else if (option == "fail-if-peak-higher")
            gates.peakHigherMb = limit;
        else
            gates.peakOverPercent = limit;
        const QList<GateResult> results = evaluateGates(d, gates);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().option, option);
        QCOMPARE(results.first().checked, checked);
        QCOMPARE(results.first().failed, failed);
        QVERIFY2(results.first().message.contains(says), qPrintable(results.first().message));
        // JUnit: one case per gate besides the noise statement, a failure for a failed gate.
        const QString junit = formatGatesJunit(d, results);
        QCOMPARE(junit.count("<testcase "), 2);
        QCOMPARE(junit.contains("<failure "), failed);
        QCOMPARE(junit.contains("<skipped "), !checked);
        QCOMPARE(formatDiffMarkdown(d, 20, results).contains("❌"), failed);
    }

    void recordReadsBack()
    {
        QString error;
        const auto r = loadRunRecord(m_out + "/b-run.json", &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->label, QStringLiteral("b"));
        QCOMPARE(r->status, RunStatus::Succeeded);
        QCOMPARE(r->settings.values.scalene.cpuRate, 0.02);
        QCOMPARE(r->settings.origins.value("scalene.cpu_rate").source, SettingSource::CommandLine);
        QCOMPARE(r->projectFiles, QStringList{test::sampleProject("small")});
        QCOMPARE(r->commands.size(), 2);
        QCOMPARE(r->commands.first().spec.role, CommandRole::Profile);
        QVERIFY(r->profile.usable());
        QVERIFY(!r->profile.topCpu.isEmpty());
        QCOMPARE(r->paths.json, m_out + "/b-scalene.json");
        QCOMPARE(reproduceCommand(r->settings.values, r->projectFiles),
                 "FIL_PERF_SCALENE_CPU_RATE=0.02 FIL_PERF_OUTPUT_DIR=" + m_out +
                     " FIL_PERF_RUN_LABEL=b filare-perf run " + test::sampleProject("small"));
    }

private:
    QTemporaryDir m_dir;
    QString m_out;
};

QTEST_GUILESS_MAIN(HistoryDiffTest)
#include "tst_history_diff.moc"
