// SPDX-License-Identifier: GPL-3.0-or-later
// The one reader of Scalene's JSON: real profiles of a program of ours under Scalene 2.x and
// Debian's 1.5.16, checked against the same JSON read independently with QJsonDocument, and
// hand-written shapes for the edges (absent figures, odd shapes, bad files).
#include "core/profile/profile_text.h"
#include "core/profile/scalene_profile.h"
#include "core/profile/scalene_profile_reader.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace fperf;

namespace {
QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

const FileProfile *fileNamed(const ScaleneProfile &p, const QString &path)
{
    for (const FileProfile &f : p.files) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

const LineProfile *lineMarked(const FileProfile &f, const char *marker)
{
    for (const LineProfile &l : f.lines) {
        if (l.text.contains(QLatin1String(marker)))
            return &l;
    }
    return nullptr;
}

ScaleneProfileRead parse(const char *json)
{
    return parseScaleneProfile(QByteArray(json));
}
} // namespace

class ScaleneProfileReaderTest : public QObject
{
    Q_OBJECT
private slots:
    void scalene2WithMemoryIsReadWhole()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("hot.json");
        const QString script = test::dataFile("hotspots.py");
        const auto run = test::runToEnd(test::scaleneOnScript(script, json, {}));
        QVERIFY(!run.timedOut);
        QCOMPARE(run.result.exitCode, 0);

        const ScaleneProfileRead r = readScaleneProfile(json);
        QCOMPARE(r.state, ProfileState::Valid);
        const ScaleneProfile &p = r.profile;
        const QJsonObject o = readJson(json);
        QCOMPARE(p.format, ScaleneFormat::Scalene2);
        QCOMPARE(p.elapsedSec, o.value("elapsed_time_sec").toDouble());
        QVERIFY(p.memory);
        QCOMPARE(*p.maxFootprintMb, o.value("max_footprint_mb").toDouble());
        QCOMPARE(p.maxFootprintFile, script);
        QVERIFY(p.maxFootprintLine.has_value());
        QCOMPARE(p.allocSamples, o.value("alloc_samples").toInt());
        QCOMPARE(p.program, script);
        QVERIFY(!p.gpu);
        QCOMPARE(p.footprint.size(), o.value("samples").toArray().size());
        QVERIFY(!p.footprint.isEmpty());
        QVERIFY(p.cpuSampleTimesKnown());

        // Every file and every line Scalene wrote, with the figures of the JSON.
        const QJsonObject files = o.value("files").toObject();
        QCOMPARE(p.files.size(), files.size());
        const FileProfile *f = fileNamed(p, script);
        QVERIFY(f);
        const QJsonObject jf = files.value(script).toObject();
        QCOMPARE(f->percentCpuTime, jf.value("percent_cpu_time").toDouble());
        const QJsonArray jlines = jf.value("lines").toArray();
        QCOMPARE(f->lines.size(), jlines.size());
        for (int i = 0; i < jlines.size(); ++i) {
            const QJsonObject jl = jlines.at(i).toObject();
            const LineProfile &l = f->lines.at(i);
            QCOMPARE(l.lineno, jl.value("lineno").toInt());
            QCOMPARE(l.text, jl.value("line").toString());
            QCOMPARE(l.cpuPython, jl.value("n_cpu_percent_python").toDouble());
            QCOMPARE(l.cpuNative, jl.value("n_cpu_percent_c").toDouble());
            QCOMPARE(l.cpuSystem, jl.value("n_sys_percent").toDouble());
            QCOMPARE(*l.coreUtilization, jl.value("n_core_utilization").toDouble());
            QCOMPARE(*l.peakMb, jl.value("n_peak_mb").toDouble());
            QCOMPARE(*l.avgMb, jl.value("n_avg_mb").toDouble());
            QCOMPARE(*l.mallocMb, jl.value("n_malloc_mb").toDouble());
            QCOMPARE(*l.growthMb, jl.value("n_growth_mb").toDouble());
            QCOMPARE(*l.mallocs, jl.value("n_mallocs").toDouble());
            QCOMPARE(*l.usageFraction, jl.value("n_usage_fraction").toDouble());
            QCOMPARE(*l.copyMbPerSec, jl.value("n_copy_mb_s").toDouble());
            QCOMPARE(*l.asyncAwaitPercent, jl.value("n_async_await_percent").toDouble());
            QCOMPARE(l.cpuSampleTimes->size(), jl.value("cpu_samples_list").toArray().size());
            QCOMPARE(l.memorySamples.size(), jl.value("memory_samples").toArray().size());
            QCOMPARE(l.startFunctionLine, jl.value("start_function_line").toInt());
            QCOMPARE(l.endRegionLine, jl.value("end_region_line").toInt());
            QVERIFY(!l.gpuPercent); // no GPU: not measured, not 0
        }
        const LineProfile *cpu = lineMarked(*f, "PLANTED-CPU");
        const LineProfile *memory = lineMarked(*f, "PLANTED-MEMORY");
        QVERIFY(cpu && memory);
        QVERIFY(cpu->cpuPercent() > 30);
        QVERIFY(!cpu->cpuSampleTimes->isEmpty());
        QVERIFY(*memory->peakMb > 100);
        QVERIFY(!memory->memorySamples.isEmpty());

        QCOMPARE(f->functions.size(), jf.value("functions").toArray().size());
        bool hotspotFunction = false;
        for (const SourceFigures &fn : f->functions)
            hotspotFunction = hotspotFunction || (fn.text == "cpu_hotspot" && fn.cpuPercent() > 30);
        QVERIFY(hotspotFunction);
        QCOMPARE(f->leaks.size(), jf.value("leaks").toObject().size());
        QVERIFY(f->imports.has_value());

        // Stacks: Python frames parsed out of "file function:line;", stitched stacks with
        // Python and native frames, and a timeline that points into them.
        QCOMPARE(p.stacks.size(), o.value("stacks").toArray().size());
        QVERIFY(!p.stacks.isEmpty());
        bool hotspotStack = false;
        for (const CpuStack &s : p.stacks) {
            QVERIFY(!s.frames.isEmpty());
            QCOMPARE(s.frames.first().file, script);
            QCOMPARE(s.frames.first().function, QStringLiteral("<module>"));
            for (const StackFrame &fr : s.frames)
                hotspotStack = hotspotStack || (fr.function == "cpu_hotspot" && fr.line == 5);
        }
        QVERIFY(hotspotStack);
        QCOMPARE(p.combinedStacks.size(), o.value("combined_stacks").toArray().size());
        QCOMPARE(p.memoryStacks.size(), o.value("memory_stacks").toArray().size());
        QVERIFY(!p.combinedStacks.isEmpty());
        bool python = false, native = false;
        for (const WeightedStack &s : p.combinedStacks) {
            QVERIFY(s.weight > 0);
            for (const StackFrame &fr : s.frames) {
                python = python || (fr.kind == StackFrame::Kind::Python && fr.line);
                native = native || (fr.kind == StackFrame::Kind::Native && fr.ip);
            }
        }
        QVERIFY(python && native);
        QCOMPARE(p.stackTimeline.size(), o.value("combined_stacks_timeline").toArray().size());
        for (const StackTimelineEvent &e : p.stackTimeline) {
            QVERIFY(e.stackIndex >= 0 && e.stackIndex < p.combinedStacks.size());
            QVERIFY(e.count > 0);
        }
    }

    // Without memory profiling Scalene writes 0 for every memory figure: the model says
    // "not measured" instead.
    void cpuOnlyHasNoMemoryFigures()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("cpu.json");
        const QString script = test::dataFile("hotspots.py");
        const auto run = test::runToEnd(test::scaleneOnScript(script, json, {}, {"--cpu-only"}));
        QVERIFY(!run.timedOut);
        QCOMPARE(run.result.exitCode, 0);
        const ScaleneProfileRead r = readScaleneProfile(json);
        QCOMPARE(r.state, ProfileState::Valid);
        QVERIFY(!r.profile.memory);
        QVERIFY(!r.profile.maxFootprintMb);
        const FileProfile *f = fileNamed(r.profile, script);
        QVERIFY(f && !f->lines.isEmpty());
        for (const LineProfile &l : f->lines) {
            QVERIFY(!l.peakMb && !l.mallocMb && !l.avgMb && !l.copyMbPerSec);
            QVERIFY(l.cpuSampleTimes.has_value());
        }
        QVERIFY(lineMarked(*f, "PLANTED-CPU")->cpuPercent() > 30);
        const QString table = formatProfileTable(r.profile);
        QVERIFY2(table.contains("memory usage: not profiled"), qPrintable(table.left(300)));
    }

    void scalene15IsReadWithItsSubset()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("hot15.json");
        const QString script = test::dataFile("hotspots.py");
        const CommandSpec c = test::scalene15OnScript(script, json);
        const auto run = test::runToEnd(c);
        QVERIFY(!run.timedOut);
        QCOMPARE(run.result.exitCode, 0);
        const ScaleneProfileRead r = readScaleneProfile(json);
        QCOMPARE(r.state, ProfileState::Valid);
        const ScaleneProfile &p = r.profile;
        QCOMPARE(p.format, ScaleneFormat::Scalene15);
        QVERIFY(p.memory && p.maxFootprintMb && *p.maxFootprintMb > 100);
        QVERIFY(!p.cpuSampleTimesKnown());
        QVERIFY(p.stacks.isEmpty() && p.combinedStacks.isEmpty());
        const FileProfile *f = fileNamed(p, script);
        QVERIFY(f);
        QVERIFY(!f->imports); // 1.5.x does not write them
        for (const LineProfile &l : f->lines) {
            QVERIFY(!l.coreUtilization && !l.asyncAwaitPercent && !l.cpuSampleTimes);
            QVERIFY(l.peakMb.has_value());
        }
        QVERIFY(lineMarked(*f, "PLANTED-CPU")->cpuPercent() > 30);
        QVERIFY(*lineMarked(*f, "PLANTED-MEMORY")->peakMb > 100);
        const QString table = formatProfileTable(p);
        QVERIFY(table.startsWith("Scalene 1.5 profile: "));
        QVERIFY(table.contains("PLANTED-CPU") && table.contains("PLANTED-MEMORY"));
    }

    void states_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("state");
        QTest::newRow("empty object") << QByteArray("{}\n") << int(ProfileState::Empty);
        QTest::newRow("no elapsed time")
            << QByteArray(R"({"files": {}})") << int(ProfileState::Empty);
        QTest::newRow("torn") << QByteArray(R"({"elapsed_time_sec": 1.)")
                              << int(ProfileState::Unreadable);
        QTest::newRow("list") << QByteArray("[1,2]") << int(ProfileState::Unreadable);
        QTest::newRow("nothing") << QByteArray("") << int(ProfileState::Unreadable);
        QTest::newRow("minimal") << QByteArray(R"({"elapsed_time_sec": 2})")
                                 << int(ProfileState::Valid);
    }
    void states()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, state);
        const ScaleneProfileRead r = parseScaleneProfile(json);
        QCOMPARE(int(r.state), state);
        QCOMPARE(r.error.isEmpty(), r.state != ProfileState::Unreadable);
    }

    void filesOnDisk()
    {
        QTemporaryDir dir;
        QCOMPARE(readScaleneProfile(dir.filePath("none.json")).state, ProfileState::Missing);
        QFile f(dir.filePath("locked.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"elapsed_time_sec": 1})");
        f.close();
        QCOMPARE(readScaleneProfile(f.fileName()).state, ProfileState::Valid);
        if (::geteuid() != 0) { // root reads anything
            f.setPermissions(QFile::WriteOwner);
            const ScaleneProfileRead r = readScaleneProfile(f.fileName());
            QCOMPARE(r.state, ProfileState::Unreadable);
            QVERIFY(!r.error.isEmpty());
        }
    }

    // Odd but valid JSON must neither crash nor invent figures.
    void oddShapesAreSkipped()
    {
        const ScaleneProfileRead r = parse(R"({"elapsed_time_sec": 1, "memory": true,
            "gpu": "yes", "samples": [1, [2], [3, 4]], "stacks": [[1], ["x", 2], [["a b f:x;"], {}]],
            "combined_stacks": [[], [[1, {"kind": "native", "ip": null}], 2.5]],
            "combined_stacks_timeline": [3, {"t_sec": 1, "stack_index": 0, "count": 2}],
            "files": {"/a b/x.py": {"lines": [1, "x", {"lineno": 3, "n_peak_mb": "big"}],
                                    "functions": {}, "leaks": [], "imports": 5},
                      "bad": 3}})");
        QCOMPARE(r.state, ProfileState::Valid);
        const ScaleneProfile &p = r.profile;
        QVERIFY(!p.gpu); // not a boolean
        QCOMPARE(p.footprint.size(), 1);
        QCOMPARE(p.footprint.first().mb, 4.0);
        QCOMPARE(p.stacks.size(), 2);
        QCOMPARE(p.stacks.last().frames.first().file, QStringLiteral("a b"));
        QCOMPARE(p.stacks.last().frames.first().function, QStringLiteral("f:x"));
        QVERIFY(!p.stacks.last().frames.first().line);
        QCOMPARE(p.combinedStacks.size(), 1);
        QCOMPARE(p.combinedStacks.first().frames.size(), 1);
        QCOMPARE(p.combinedStacks.first().frames.first().kind, StackFrame::Kind::Native);
        QVERIFY(!p.combinedStacks.first().frames.first().ip);
        QCOMPARE(p.stackTimeline.size(), 1);
        QCOMPARE(p.files.size(), 1);
        const FileProfile &f = p.files.first();
        QCOMPARE(f.lines.size(), 1);
        QCOMPARE(f.lines.first().lineno, 3);
        QVERIFY(!f.lines.first().peakMb); // a string is no figure
        QVERIFY(f.functions.isEmpty() && f.leaks.isEmpty());
        QVERIFY(f.imports && f.imports->isEmpty());
    }

    void stackFramePathsKeepTheirSpaces()
    {
        const ScaleneProfileRead r = parse(R"({"elapsed_time_sec": 1,
            "stacks": [[["/my code/x.py <module>:3;", "/my code/x.py work.<locals>.f:14;"],
                        {"python_time": 0.5, "c_time": 0.25, "cpu_samples": 0.75, "count": 3}]]})");
        QCOMPARE(r.profile.stacks.size(), 1);
        const CpuStack &s = r.profile.stacks.first();
        QCOMPARE(s.frames.size(), 2);
        QCOMPARE(s.frames.at(1).file, QStringLiteral("/my code/x.py"));
        QCOMPARE(s.frames.at(1).function, QStringLiteral("work.<locals>.f"));
        QCOMPARE(*s.frames.at(1).line, 14);
        QCOMPARE(s.pythonSec, 0.5);
        QCOMPARE(s.nativeSec, 0.25);
        QCOMPARE(s.count, 3);
    }

    // Memory profiling asked for, nothing measured (what Debian's Scalene 1.5.16 writes for a
    // Filare run: no allocation sample, a peak of 0): every memory figure is absent, with the
    // reason, never 0 MB. A run with a footprint, or one that says nothing, keeps its flag.
    void memoryAskedButNotMeasured()
    {
        const QByteArray line = R"({"lineno": 1, "n_peak_mb": 0, "n_malloc_mb": 0,
            "n_cpu_percent_python": 1})";
        const ScaleneProfileRead r = parseScaleneProfile(
            R"({"elapsed_time_sec": 2, "memory": true, "alloc_samples": 0,
                "max_footprint_mb": 0, "files": {"a.py": {"lines": [)" +
            line + "]}}}");
        QCOMPARE(r.state, ProfileState::Valid);
        QVERIFY(!r.profile.memory);
        QVERIFY2(r.profile.memoryNotMeasured.contains("recorded no allocation"),
                 qPrintable(r.profile.memoryNotMeasured));
        QVERIFY(!r.profile.maxFootprintMb);
        const LineProfile &l = r.profile.files.first().lines.first();
        QVERIFY(!l.peakMb && !l.mallocMb);
        const QString table = formatProfileTable(r.profile);
        QVERIFY2(table.contains("memory usage: not measured (") && !table.contains("0.0 MB"),
                 qPrintable(table.left(400)));
        const ProfileSummary s = summarizeProfile(r);
        QVERIFY(!s.memory);
        QCOMPARE(s.memoryNotMeasured, r.profile.memoryNotMeasured);

        const ScaleneProfileRead measured = parseScaleneProfile(
            R"({"elapsed_time_sec": 2, "memory": true, "alloc_samples": 0,
                "max_footprint_mb": 12.5, "files": {}})");
        QVERIFY(measured.profile.memory && measured.profile.memoryNotMeasured.isEmpty());
        QCOMPARE(measured.profile.maxFootprintMb, std::optional<double>(12.5));
        const ScaleneProfileRead sampled = parseScaleneProfile(
            R"({"elapsed_time_sec": 2, "memory": true, "alloc_samples": 3,
                "max_footprint_mb": 0, "files": {}})");
        QVERIFY(sampled.profile.memory);
    }

    // Absent means absent: a key 1.5.x does not write, memory off, no GPU.
    void unmeasuredFiguresAreAbsent_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("peak");
        QTest::addColumn<bool>("gpu");
        QTest::addColumn<bool>("core");
        const QByteArray line = R"("n_peak_mb": 0, "n_gpu_percent": 0, "n_cpu_percent_python": 1)";
        QTest::newRow("memory on, no GPU")
            << QByteArray(R"({"elapsed_time_sec": 1, "memory": true, "gpu": false, "files":
                 {"a.py": {"lines": [{"lineno": 1, )" +
                          line + "}]}}}")
            << true << false << false;
        QTest::newRow("memory off, GPU")
            << QByteArray(R"({"elapsed_time_sec": 1, "memory": false, "gpu": true, "files":
                 {"a.py": {"lines": [{"lineno": 1, "n_core_utilization": 0.5, )" +
                          line + "}]}}}")
            << false << true << true;
        QTest::newRow("no flags at all")
            << QByteArray(R"({"elapsed_time_sec": 1, "files": {"a.py": {"lines":
                 [{"lineno": 1, )" +
                          line + "}]}}}")
            << false << false << false;
    }
    void unmeasuredFiguresAreAbsent()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, peak);
        QFETCH(bool, gpu);
        QFETCH(bool, core);
        const ScaleneProfileRead r = parseScaleneProfile(json);
        QCOMPARE(r.state, ProfileState::Valid);
        const LineProfile &l = r.profile.files.first().lines.first();
        QCOMPARE(l.peakMb.has_value(), peak);
        QCOMPARE(l.gpuPercent.has_value(), gpu);
        QCOMPARE(l.coreUtilization.has_value(), core);
        QCOMPARE(l.cpuPython, 1.0);
        QCOMPARE(r.profile.maxFootprintMb.has_value(), false); // not in the JSON
        // The table prints what was not measured as "-": line, Python, native, system, peak.
        const QStringList rows = formatProfileTable(r.profile).split(u'\n');
        const QString row = rows.filter(QRegularExpression(QStringLiteral("^\\s+1 "))).value(0);
        QCOMPARE(row.simplified().split(u' ').value(4),
                 peak ? QStringLiteral("0.0") : QStringLiteral("-"));
    }
};

QTEST_GUILESS_MAIN(ScaleneProfileReaderTest)
#include "tst_scalene_profile_reader.moc"
