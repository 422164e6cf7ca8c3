// SPDX-License-Identifier: GPL-3.0-or-later
// The native view's models over real Scalene profiles of our own programs: the planted
// hotspots rank first in their columns, the planted leak is listed, unmeasured figures show
// as absent; QAbstractItemModelTester checks every model through sorts and queries.
#include "core/models/profile_table_model.h"
#include "core/models/source_annotation_model.h"
#include "core/profile/profile_show.h"
#include "core/profile/scalene_profile_reader.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

namespace {
// One profile per program and mode for the whole test: Scalene takes a few seconds. A run
// Scalene kills at start (SIGSEGV, exit 245, seen under load) is taken once more.
const ScaleneProfile &profileOf(const QString &script, bool memory)
{
    static QTemporaryDir dir;
    static QHash<QString, ScaleneProfile> cache;
    const QString key = script + (memory ? "-mem" : "-cpu");
    if (!cache.contains(key)) {
        const QString json = dir.filePath(key + ".json");
        for (int attempt = 0; attempt < 2; ++attempt) {
            const auto r = test::runToEnd(
                test::scaleneOnScript(test::dataFile(script), json, {},
                                      memory ? QStringList{} : QStringList{"--cpu-only"}));
            if (r.result.exitCode == 0)
                break;
            qWarning("Scalene failed (exit %d): %s", r.result.exitCode,
                     qPrintable(r.stderrLines.join('\n').right(2000)));
        }
        cache.insert(key, readScaleneProfile(json).profile);
    }
    return cache[key];
}

QString cell(const QAbstractItemModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.data(m.index(row, column), role).toString();
}
} // namespace

class ProfileModelsTest : public QObject
{
    Q_OBJECT
private slots:
    void annotatedSourceModel()
    {
        const ScaleneProfile &p = profileOf("hotspots.py", true);
        SourceAnnotationModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString file = test::dataFile("hotspots.py");
        model.setSource(file, sourceRows(p, file), measuredColumns(p));
        QVERIFY(model.rowCount() >= 20);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), "Line");
        QCOMPARE(model.headerData(model.sourceColumn(), Qt::Horizontal).toString(), "Source");
        const int memoryLine = int(test::readAll(file)
                                       .left(test::readAll(file).indexOf("PLANTED-MEMORY"))
                                       .count('\n')) +
                               1;
        const int planted = model.rowOfLine(memoryLine);
        QVERIFY(planted >= 0);
        QVERIFY(model.index(planted, model.sourceColumn())
                    .data()
                    .toString()
                    .contains("PLANTED-MEMORY"));
        QCOMPARE(model.rowOfLine(100000), -1);
        model.setSource({}, {}, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void plantedHotspotsRankFirstInTheirColumns()
    {
        const ScaleneProfile &p = profileOf("hotspots.py", true);
        QVERIFY(p.memory);
        ProfileTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(ProfileLevel::Lines, profileRows(p, ProfileLevel::Lines), measuredColumns(p));
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), "Location");
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), "Source");

        // Default: CPU, highest first.
        QVERIFY2(cell(model, 0, 1).contains("PLANTED-CPU"), qPrintable(cell(model, 0, 1)));
        const int cpu = model.columnOf(ProfileColumn::Cpu);
        QVERIFY(cell(model, 0, cpu).endsWith(" %"));
        QCOMPARE(model.data(model.index(0, cpu), ProfileTableModel::BarFractionRole).toDouble(),
                 1.0);
        QCOMPARE(model.data(model.index(0, 0), ProfileTableModel::FileRole).toString(),
                 test::dataFile("hotspots.py"));
        QVERIFY(model.data(model.index(0, 0), ProfileTableModel::LineRole).toInt() > 0);

        // Every memory column is measured; the planted line leads peak and allocation.
        for (ProfileColumn c : {ProfileColumn::PeakMb, ProfileColumn::MallocMb}) {
            const int column = model.columnOf(c);
            QVERIFY(column > 1);
            QCOMPARE(
                model.headerData(column, Qt::Horizontal, ProfileTableModel::ColumnKeyRole).toInt(),
                int(c));
            model.sort(column, Qt::DescendingOrder);
            QVERIFY2(cell(model, 0, 1).contains("PLANTED-MEMORY"), qPrintable(cell(model, 0, 1)));
            QVERIFY(cell(model, 0, column).endsWith(" MB"));
            model.sort(column, Qt::AscendingOrder);
            QVERIFY(!cell(model, 0, 1).contains("PLANTED-MEMORY") || model.rowCount() == 1);
        }

        // Query: search, top N; the tester watches the resets.
        RowQuery q;
        q.search = "planted-memory";
        model.setQuery(q);
        QCOMPARE(model.rowCount(), 1);
        q = {};
        q.top = 2;
        model.setQuery(q);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.totalRows(), int(profileRows(p, ProfileLevel::Lines).size()));
        const QString csv = model.rowsAsText({0, 1}, u',');
        QCOMPARE(csv.count(u'\n'), 3);
        QVERIFY2(csv.startsWith("Location,Source,CPU,"), qPrintable(csv));
        QVERIFY(csv.contains(test::dataFile("hotspots.py") + ":"));
        q.filareOnly = true; // our program is not Filare's code
        model.setQuery(q);
        QCOMPARE(model.rowCount(), 0);

        // Functions and files.
        model.setQuery({});
        model.setRows(ProfileLevel::Functions, profileRows(p, ProfileLevel::Functions),
                      measuredColumns(p));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), "Function");
        QVERIFY2(cell(model, 0, 1).contains("cpu_hotspot"), qPrintable(cell(model, 0, 1)));
        model.setRows(ProfileLevel::Files, profileRows(p, ProfileLevel::Files), measuredColumns(p));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), "File");
        QCOMPARE(model.columnCount(), 1 + int(measuredColumns(p).size()));
    }

    // A selected row follows its line through a sort.
    void sortKeepsTheSelectedRow()
    {
        const ScaleneProfile &p = profileOf("hotspots.py", true);
        ProfileTableModel model;
        model.setRows(ProfileLevel::Lines, profileRows(p, ProfileLevel::Lines), measuredColumns(p));
        QPersistentModelIndex planted(model.index(0, 1)); // the CPU line
        model.sort(model.columnOf(ProfileColumn::PeakMb), Qt::DescendingOrder);
        QVERIFY(planted.isValid());
        QVERIFY(planted.data().toString().contains("PLANTED-CPU"));
        QCOMPARE(planted.column(), 1);
    }

    // Memory off: no memory columns; Scalene 1.5's missing figures are absent, not 0.
    void unmeasuredFiguresAreAbsent()
    {
        const ScaleneProfile &p = profileOf("hotspots.py", false);
        QVERIFY(!p.memory);
        ProfileTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(ProfileLevel::Lines, profileRows(p, ProfileLevel::Lines), measuredColumns(p));
        QCOMPARE(model.columnOf(ProfileColumn::PeakMb), -1);

        // A row with a figure the profile's columns include but Scalene left out.
        ProfileRow row;
        row.file = "/x/site-packages/filare/a.py";
        row.lineno = 4;
        row.name = "x = 1";
        row.figures.cpuPython = 2;
        model.setRows(ProfileLevel::Lines, {row}, {ProfileColumn::Cpu, ProfileColumn::PeakMb});
        const int peak = model.columnOf(ProfileColumn::PeakMb);
        QCOMPARE(cell(model, 0, peak), "—");
        QVERIFY(cell(model, 0, peak, Qt::ToolTipRole).startsWith("Not measured"));
        QVERIFY(!model.data(model.index(0, peak), ProfileTableModel::SortValueRole).isValid());
        QVERIFY(!model.data(model.index(0, peak), ProfileTableModel::BarFractionRole).isValid());
        QCOMPARE(cell(model, 0, 0), "filare/a.py:4");
    }

    // Our leaking program: Scalene reports the planted line, and the Leaks model lists it.
    void plantedLeakIsListed()
    {
        const ScaleneProfile &p = profileOf("leaks.py", true);
        QVERIFY(p.memory);
        const QList<LeakRow> leaks = rankedLeaks(p);
        QVERIFY2(!leaks.isEmpty(), "Scalene reported no leak in leaks.py");
        LeakTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLeaks(leaks);
        int planted = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (cell(model, r, LeakTableModel::Source).contains("PLANTED-LEAK"))
                planted = r;
        }
        QVERIFY2(planted >= 0, qPrintable(cell(model, 0, LeakTableModel::Source)));
        QVERIFY(cell(model, planted, LeakTableModel::Likelihood).endsWith(" %"));
        QVERIFY(model.leakAt(planted).likelihood > 0.5);
        QVERIFY(model.leakAt(planted).velocityMbPerSec > 0);
        QCOMPARE(model.data(model.index(planted, 0), LeakTableModel::LineRole).toInt(),
                 model.leakAt(planted).lineno);
        model.setLeaks({});
        QCOMPARE(model.rowCount(), 0);

        // What `filare-perf run` prints after the run.
        const QStringList notes = likelyLeakNotes(p);
        QVERIFY(!notes.isEmpty() && notes.size() <= 3);
        bool named = false;
        for (const QString &n : notes)
            named = named || (n.contains("leaks.py:") && n.contains("% likely, growing ") &&
                              n.contains("PLANTED-LEAK"));
        QVERIFY2(named, qPrintable(notes.join('\n')));
        QVERIFY(likelyLeakNotes(p, 0).isEmpty());
    }
};

QTEST_GUILESS_MAIN(ProfileModelsTest)
#include "tst_profile_models.moc"
