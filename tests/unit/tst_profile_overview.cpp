// SPDX-License-Identifier: GPL-3.0-or-later
// The native view's pure rules as tables: the overview's figures, the footprint series and
// its peak, the annotated source's rows, and the editor command for "Open in editor".
#include "core/profile/flame_graph.h"
#include "core/profile/profile_overview.h"
#include "core/profile/profile_tables.h"
#include "core/util/editor_command.h"

#include <QtTest>

using namespace fperf;

namespace {
LineProfile line(int lineno, double python, double native = 0, double system = 0)
{
    LineProfile l;
    l.lineno = lineno;
    l.text = QStringLiteral("code %1\n").arg(lineno);
    l.cpuPython = python;
    l.cpuNative = native;
    l.cpuSystem = system;
    return l;
}

StackFrame frame(const QString &function, const QString &file = QStringLiteral("m.py"),
                 StackFrame::Kind kind = StackFrame::Kind::Python)
{
    StackFrame f;
    f.function = function;
    f.file = file;
    f.kind = kind;
    f.line = 1;
    return f;
}

WeightedStack stack(const QStringList &functions, double weight)
{
    WeightedStack s;
    for (const QString &f : functions)
        s.frames << frame(f);
    s.weight = weight;
    return s;
}

// "name=weight" of the boxes, row by row.
QStringList boxes(const FlameGraph &g, int zoom, double minWidth)
{
    QStringList out;
    for (const FlameBox &b : layoutFlameGraph(g, zoom, minWidth))
        out << QStringLiteral("%1@%2:%3+%4")
                   .arg(b.node == 0 ? QStringLiteral("all") : g.nodes.at(b.node).function)
                   .arg(b.depth)
                   .arg(b.x, 0, 'f', 2)
                   .arg(b.width, 0, 'f', 2);
    return out;
}

ScaleneProfile twoFiles(bool memory)
{
    ScaleneProfile p;
    p.elapsedSec = 4.5;
    p.memory = memory;
    FileProfile a;
    a.path = QStringLiteral("/src/filare/a.py");
    a.lines = {line(1, 10, 5, 1), line(2, 0), line(3, 20)};
    a.lines[0].cpuSampleTimes = QList<double>{0.1, 0.2};
    a.lines[2].cpuSampleTimes = QList<double>{0.3};
    FileProfile b;
    b.path = QStringLiteral("/usr/lib/python3/b.py");
    b.lines = {line(7, 0)}; // listed, never active
    if (memory) {
        p.maxFootprintMb = 120.5;
        p.maxFootprintFile = a.path;
        p.maxFootprintLine = 3;
        p.growthRate = 12.0;
        p.allocSamples = 40;
        a.leaks = {{3, 0.9, 1.5}};
        p.footprint = {{3e9, 50}, {1e9, 10}, {2e9, 120.5}, {4e9, 120.5}};
    }
    p.files = {a, b};
    return p;
}
} // namespace

class ProfileOverviewTest : public QObject
{
    Q_OBJECT
private slots:
    void overviewSumsTheLines()
    {
        const ProfileOverview o = profileOverview(twoFiles(true));
        QCOMPARE(o.elapsedSec, 4.5);
        QCOMPARE(o.cpuPythonPercent, 30.0);
        QCOMPARE(o.cpuNativePercent, 5.0);
        QCOMPARE(o.cpuSystemPercent, 1.0);
        QCOMPARE(o.cpuPercent(), 36.0);
        QCOMPARE(o.fileCount, 1); // b.py lists a line but none with activity
        QCOMPARE(o.activeLines, 2);
        QCOMPARE(o.cpuSamples, std::optional<int>(3));
        QCOMPARE(o.peakMb, std::optional<double>(120.5));
        QCOMPARE(o.peakLine, std::optional<int>(3));
        QCOMPARE(o.growthRate, std::optional<double>(12.0));
        QCOMPARE(o.leakCount, 1);
    }

    void unmeasuredOverviewFiguresAreAbsent()
    {
        ScaleneProfile p = twoFiles(false);
        p.growthRate = 0; // Scalene writes 0 without memory profiling: not a measurement
        for (FileProfile &f : p.files)
            for (LineProfile &l : f.lines)
                l.cpuSampleTimes.reset(); // 1.5.x: no sample times
        p.format = ScaleneFormat::Scalene15;
        const ProfileOverview o = profileOverview(p);
        QVERIFY(!o.memory);
        QVERIFY(!o.peakMb);
        QVERIFY(!o.growthRate);
        QVERIFY(!o.cpuSamples);
        QCOMPARE(o.format, ScaleneFormat::Scalene15);
    }

    void footprintIsInSecondsAndTimeOrder_data()
    {
        QTest::addColumn<QList<MemoryPoint>>("points");
        QTest::addColumn<QList<QPointF>>("series");
        QTest::addColumn<int>("peak");
        QTest::newRow("none") << QList<MemoryPoint>{} << QList<QPointF>{} << -1;
        QTest::newRow("one") << QList<MemoryPoint>{{5e9, 7}} << QList<QPointF>{{5, 7}} << 0;
        QTest::newRow("unordered, tie: the first peak")
            << QList<MemoryPoint>{{3e9, 50}, {1e9, 10}, {2e9, 120.5}, {4e9, 120.5}}
            << QList<QPointF>{{1, 10}, {2, 120.5}, {3, 50}, {4, 120.5}} << 1;
        QTest::newRow("falling") << QList<MemoryPoint>{{0, 9}, {5e8, 3}}
                                 << QList<QPointF>{{0, 9}, {0.5, 3}} << 0;
    }
    void footprintIsInSecondsAndTimeOrder()
    {
        QFETCH(QList<MemoryPoint>, points);
        QFETCH(QList<QPointF>, series);
        QFETCH(int, peak);
        ScaleneProfile p;
        p.memory = true;
        p.footprint = points;
        const QList<QPointF> got = footprintSeries(p);
        QCOMPARE(got, series);
        QCOMPARE(peakPointIndex(got), peak);
    }

    void sourceRowsFollowTheFile()
    {
        const ScaleneProfile p = twoFiles(true);
        // 2.x lists the lines: they come in line order, with the profile's text.
        QList<ProfileRow> rows = sourceRows(p, QStringLiteral("/src/filare/a.py"));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).lineno, 1);
        QCOMPARE(rows.at(2).lineno, 3);
        QCOMPARE(rows.at(2).name, QStringLiteral("code 3"));
        QCOMPARE(rows.at(2).figures.cpuPython, 20.0);
        // 1.5.x lists active lines only: the file on disk fills the rest, without figures.
        rows = sourceRows(p, QStringLiteral("/src/filare/a.py"),
                          {"import x", "pass", "y = 1", "z = 2  "});
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).name, QStringLiteral("code 1")); // the profile's own line wins
        QCOMPARE(rows.at(3).name, QStringLiteral("z = 2"));
        QVERIFY(!rows.at(3).figures.active());
        QCOMPARE(sourceRows(p, QStringLiteral("/nowhere.py")).size(), 0);
    }

    void flameGraphMergesFramesAndSortsHeaviestFirst()
    {
        QList<WeightedStack> stacks{stack({"main", "b"}, 2), stack({"main", "c"}, 1),
                                    stack({"main", "b"}, 3), stack({"main"}, 2),
                                    stack({"main", "d"}, 0)};
        // The same name in native code is another frame.
        WeightedStack native = stack({"main"}, 2);
        native.frames << frame("b", "libx.so", StackFrame::Kind::Native);
        stacks << native;
        const FlameGraph g = buildFlameGraph(stacks);
        QCOMPARE(g.total(), 10.0);
        QCOMPARE(g.nodes.at(0).children.size(), 1);
        const FlameNode &main = g.nodes.at(g.nodes.at(0).children.first());
        QCOMPARE(main.function, QStringLiteral("main"));
        QCOMPARE(main.weight, 10.0);
        QCOMPARE(main.self, 2.0);
        QCOMPARE(main.children.size(), 3); // b, native b, c; d weighed nothing
        QStringList order;
        for (int c : main.children)
            order << QStringLiteral("%1%2=%3")
                         .arg(g.nodes.at(c).kind == StackFrame::Kind::Native ? "native " : "")
                         .arg(g.nodes.at(c).function)
                         .arg(g.nodes.at(c).weight);
        QCOMPARE(order, (QStringList{"b=5", "native b=2", "c=1"}));
        QCOMPARE(g.nodes.at(main.children.first()).depth, 2);
        QCOMPARE(flamePath(g, main.children.first()).size(), 2);
        QCOMPARE(buildFlameGraph({}).total(), 0.0);

        // Unnamed native frames in a row are one frame; a named one between them splits them.
        WeightedStack unnamed = stack({"main"}, 1);
        for (const QString &name : {"", "", "", "memcpy", "", ""})
            unnamed.frames << frame(name, QString(), StackFrame::Kind::Native);
        const FlameGraph u = buildFlameGraph({unnamed});
        QStringList chain;
        for (int at = 0; !u.nodes.at(at).children.isEmpty(); at = u.nodes.at(at).children.first())
            chain << u.nodes.at(u.nodes.at(at).children.first()).function;
        QCOMPARE(chain, (QStringList{"main", "", "memcpy", ""}));
    }

    void flameLayoutCutsNarrowBoxesAndZooms()
    {
        const FlameGraph g = buildFlameGraph(
            {stack({"main", "b", "x"}, 6), stack({"main", "c"}, 3), stack({"main", "tiny"}, 1)});
        QCOMPARE(boxes(g, 0, 0.0),
                 (QStringList{"all@0:0.00+1.00", "main@1:0.00+1.00", "b@2:0.00+0.60",
                              "c@2:0.60+0.30", "tiny@2:0.90+0.10", "x@3:0.00+0.60"}));
        // Narrower than the minimum: left out, with what it called.
        QCOMPARE(boxes(g, 0, 0.2),
                 (QStringList{"all@0:0.00+1.00", "main@1:0.00+1.00", "b@2:0.00+0.60",
                              "c@2:0.60+0.30", "x@3:0.00+0.60"}));
        // Zoomed to b: b spans the width, its callee below it.
        const int main = g.nodes.at(0).children.first();
        const int b = g.nodes.at(main).children.first();
        QCOMPARE(boxes(g, b, 0.0), (QStringList{"b@0:0.00+1.00", "x@1:0.00+1.00"}));
        QCOMPARE(boxes(g, 999, 0.0), QStringList{});
    }

    void callersAndCallees()
    {
        // main calls render twice over (recursion) and parse; render calls dot and itself.
        const QList<WeightedStack> stacks{
            stack({"main", "render", "dot"}, 5), stack({"main", "render", "render", "dot"}, 2),
            stack({"main", "parse"}, 3), stack({"main", "render"}, 1)};
        const CallerCallee r = callerCallee(stacks, "render", "m.py", StackFrame::Kind::Python);
        QCOMPARE(r.inclusive, 8.0); // 5 + 2 + 1: the recursive stack once
        QCOMPARE(r.self, 1.0);
        QStringList callers, callees;
        for (const CallEdge &e : r.callers)
            callers << QStringLiteral("%1=%2").arg(e.function).arg(e.weight);
        for (const CallEdge &e : r.callees)
            callees << QStringLiteral("%1=%2").arg(e.function).arg(e.weight);
        QCOMPARE(callers, (QStringList{"main=8", "render=2"}));
        QCOMPARE(callees, (QStringList{"dot=7", "render=2"}));
        // Native code of the same name is another function.
        QCOMPARE(callerCallee(stacks, "render", "m.py", StackFrame::Kind::Native).inclusive, 0.0);
        QCOMPARE(callerCallee(stacks, "main", "m.py", StackFrame::Kind::Python).callers.size(), 0);
    }

    void importStacks_data()
    {
        QTest::addColumn<QStringList>("functions");
        QTest::addColumn<QString>("file"); // of the last frame
        QTest::addColumn<bool>("import");
        QTest::newRow("the program's own top level")
            << QStringList{"<module>"} << "run.py" << false;
        QTest::newRow("work called from it")
            << QStringList{"<module>", "main", "render"} << "filare/render.py" << false;
        QTest::newRow("a module's top level while imported")
            << QStringList{"<module>", "_call_with_frames_removed", "<module>"}
            << "weasyprint/__init__.py" << true;
        QTest::newRow("inside importlib")
            << QStringList{"<module>", "_find_and_load"} << "<frozen importlib._bootstrap>" << true;
        QTest::newRow("a lazy import inside work")
            << QStringList{"<module>", "main", "<module>"} << "lxml/etree.py" << true;
    }
    void importStacks()
    {
        QFETCH(QStringList, functions);
        QFETCH(QString, file);
        QFETCH(bool, import);
        WeightedStack s = stack(functions, 4);
        s.frames.last().file = file;
        QCOMPARE(isImportStack(s), import);
        const QList<WeightedStack> both{s, stack({"<module>", "work"}, 6)};
        QCOMPARE(importWeight(both), import ? 4.0 : 0.0);
        QCOMPARE(buildFlameGraph(withoutImports(both)).total(), import ? 6.0 : 10.0);
    }

    void importTimeLines()
    {
        ScaleneProfile p = twoFiles(true);
        p.program = QStringLiteral("/venv/bin/filare");
        FileProfile &a = p.files[0];
        a.lines[0].startFunctionLine = 0; // `from weasyprint import HTML` at the top
        a.lines[2].startFunctionLine = 2; // inside a function
        QVERIFY(isImportTimeLine(p, a.path, a.lines.at(0)));
        QVERIFY(!isImportTimeLine(p, a.path, a.lines.at(2)));
        // The program's own script is run, not imported.
        QVERIFY(!isImportTimeLine(p, QStringLiteral("/venv/bin/./filare"), a.lines.at(0)));
        // 1.5.x does not say which function a line is in: nothing is called import time.
        ScaleneProfile old = p;
        old.format = ScaleneFormat::Scalene15;
        QVERIFY(!isImportTimeLine(old, a.path, a.lines.at(0)));

        QList<ProfileRow> lines = profileRows(p, ProfileLevel::Lines);
        QCOMPARE(lines.size(), 2);
        RowQuery q;
        q.hideImportTime = true;
        QCOMPARE(selectRows(lines, q).size(), 1);
        QCOMPARE(selectRows(lines, q).first().lineno, 3);
        QCOMPARE(profileRows(p, ProfileLevel::Lines, true).size(), 1);
        // A file's sums leave those lines out too (16 % of a.py was line 1).
        QCOMPARE(profileRows(p, ProfileLevel::Files).first().figures.cpuPercent(), 36.0);
        QCOMPARE(profileRows(p, ProfileLevel::Files, true).first().figures.cpuPercent(), 20.0);
    }

    void editorCommandPerEditor_data()
    {
        QTest::addColumn<QString>("visual");
        QTest::addColumn<QString>("editor");
        QTest::addColumn<int>("line");
        QTest::addColumn<QStringList>("command"); // program, then arguments; empty: none
        const QString f = QStringLiteral("/p/a b.py");
        QTest::newRow("vi from EDITOR") << ""
                                        << "vi" << 12 << QStringList{"vi", "+12", f};
        QTest::newRow("VISUAL wins") << "gedit"
                                     << "vi" << 3 << QStringList{"gedit", "+3", f};
        QTest::newRow("words and quotes")
            << "'/opt/my editor/emacsclient' -n"
            << "" << 5 << QStringList{"/opt/my editor/emacsclient", "-n", "+5", f};
        QTest::newRow("VS Code") << "code --wait"
                                 << "" << 40 << QStringList{"code", "--wait", "-g", f + ":40"};
        QTest::newRow("VSCodium by path")
            << "/usr/bin/codium"
            << "" << 2 << QStringList{"/usr/bin/codium", "-g", f + ":2"};
        QTest::newRow("Sublime") << "subl"
                                 << "" << 9 << QStringList{"subl", f + ":9"};
        QTest::newRow("Kate") << "kate"
                              << "" << 9 << QStringList{"kate", "--line", "9", f};
        QTest::newRow("no line") << "vi"
                                 << "" << 0 << QStringList{"vi", f};
        QTest::newRow("blank VISUAL falls to EDITOR")
            << "   "
            << "nano" << 1 << QStringList{"nano", "+1", f};
        QTest::newRow("unterminated quote falls to EDITOR")
            << "'vi"
            << "nano" << 1 << QStringList{"nano", "+1", f};
        QTest::newRow("none: the desktop's handler") << ""
                                                     << "" << 4 << QStringList{};
    }
    void editorCommandPerEditor()
    {
        QFETCH(QString, visual);
        QFETCH(QString, editor);
        QFETCH(int, line);
        QFETCH(QStringList, command);
        const auto got = editorCommand(visual, editor, QStringLiteral("/p/a b.py"), line);
        if (command.isEmpty()) {
            QVERIFY(!got);
            return;
        }
        QVERIFY(got);
        QCOMPARE(QStringList{got->program} + got->arguments, command);
    }
};

QTEST_GUILESS_MAIN(ProfileOverviewTest)
#include "tst_profile_overview.moc"
