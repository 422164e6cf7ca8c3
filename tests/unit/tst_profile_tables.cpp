// SPDX-License-Identifier: GPL-3.0-or-later
// The profile's tables (files, functions, lines, leaks) and `show`'s formats: the rules as
// tables, and a real Scalene profile of our planted-hotspot program.
#include "core/profile/profile_show.h"
#include "core/profile/scalene_profile_reader.h"
#include "core/util/enum_key.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

namespace {
ProfileRow row(const QString &file, int line, double cpu, std::optional<double> peak = {})
{
    ProfileRow r;
    r.file = file;
    r.lineno = line;
    r.name = QStringLiteral("line %1").arg(line);
    r.figures.cpuPython = cpu;
    r.figures.peakMb = peak;
    return r;
}

QStringList places(const QList<ProfileRow> &rows)
{
    QStringList out;
    for (const ProfileRow &r : rows)
        out << QStringLiteral("%1:%2").arg(r.file).arg(r.lineno);
    return out;
}

// One profile of hotspots.py for the whole test: Scalene takes a few seconds.
const ScaleneProfile &plantedProfile(bool memory)
{
    static QTemporaryDir dir;
    static std::optional<ScaleneProfile> withMemory, cpuOnly;
    std::optional<ScaleneProfile> &slot = memory ? withMemory : cpuOnly;
    if (!slot) {
        const QString json = dir.filePath(memory ? "mem.json" : "cpu.json");
        const auto r = test::runToEnd(
            test::scaleneOnScript(test::dataFile("hotspots.py"), json, {},
                                  memory ? QStringList{} : QStringList{"--cpu-only"}));
        if (r.result.exitCode != 0)
            qWarning("Scalene failed: %s", qPrintable(r.stderrLines.join('\n').right(2000)));
        slot = readScaleneProfile(json).profile;
    }
    return *slot;
}
} // namespace

class ProfileTablesTest : public QObject
{
    Q_OBJECT
private slots:
    void selection_data()
    {
        QTest::addColumn<int>("sortBy");
        QTest::addColumn<int>("top");
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("expected");
        const int cpu = int(ProfileColumn::Cpu), peak = int(ProfileColumn::PeakMb);
        QTest::newRow("highest CPU first, ties by file and line")
            << cpu << 0 << "" << QStringList{"b.py:1", "a.py:2", "a.py:3", "c.py:9"};
        QTest::newRow("top 2") << cpu << 2 << "" << QStringList{"b.py:1", "a.py:2"};
        QTest::newRow("unmeasured figures last, not as 0")
            << peak << 0 << "" << QStringList{"c.py:9", "a.py:2", "a.py:3", "b.py:1"};
        QTest::newRow("search, any case") << cpu << 0 << "A.PY" << QStringList{"a.py:2", "a.py:3"};
        QTest::newRow("search in the source") << cpu << 0 << "line 9" << QStringList{"c.py:9"};
    }
    void selection()
    {
        QFETCH(int, sortBy);
        QFETCH(int, top);
        QFETCH(QString, search);
        QFETCH(QStringList, expected);
        const QList<ProfileRow> rows{row("a.py", 3, 5, 1), row("c.py", 9, 1, 50), row("b.py", 1, 9),
                                     row("a.py", 2, 5, 2)};
        QCOMPARE(places(selectRows(rows, {ProfileColumn(sortBy), top, search})), expected);
    }

    void ascendingAndFilareOnly()
    {
        QList<ProfileRow> rows{row("/v/site-packages/filare/render.py", 3, 5, 1),
                               row("/v/site-packages/weasyprint/css.py", 9, 1, 50),
                               row("/v/site-packages/filare/flatten.py", 1, 9)};
        RowQuery q;
        q.ascending = true;
        QCOMPARE(places(selectRows(rows, q)),
                 (QStringList{"/v/site-packages/weasyprint/css.py:9",
                              "/v/site-packages/filare/render.py:3",
                              "/v/site-packages/filare/flatten.py:1"}));
        q.sortBy = ProfileColumn::PeakMb; // absent figures last, in either order
        QCOMPARE(places(selectRows(rows, q)).last(), "/v/site-packages/filare/flatten.py:1");
        q = {};
        q.filareOnly = true;
        QCOMPARE(places(selectRows(rows, q)), (QStringList{"/v/site-packages/filare/flatten.py:1",
                                                           "/v/site-packages/filare/render.py:3"}));
    }

    void filareSource_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("filare");
        QTest::newRow("installed")
            << "/p/.venv/lib/python3.11/site-packages/filare/wv_bom.py" << true;
        QTest::newRow("a dependency")
            << "/p/.venv/lib/python3.11/site-packages/weasyprint/x.py" << false;
        QTest::newRow("a venv inside a checkout named filare")
            << "/home/u/filare/.venv/lib/python3.11/site-packages/yaml/parser.py" << false;
        QTest::newRow("an editable checkout") << "/home/u/filare/src/filare/render/pdf.py" << true;
        QTest::newRow("relative") << "filare/cli.py" << true;
        QTest::newRow("a similar name") << "/usr/lib/python3/dist-packages/filarex/a.py" << false;
        QTest::newRow("the standard library") << "/usr/lib/python3.11/json/decoder.py" << false;
        QTest::newRow("Windows separators") << "C:\\venv\\Lib\\site-packages\\filare\\a.py" << true;
    }
    void filareSource()
    {
        QFETCH(QString, path);
        QFETCH(bool, filare);
        QCOMPARE(isFilareSource(path), filare);
    }

    // The planted lines rank first in their columns, at every level.
    void plantedHotspotsRankFirst()
    {
        const ScaleneProfile &p = plantedProfile(true);
        QVERIFY(p.memory);
        const QList<ProfileRow> lines = profileRows(p, ProfileLevel::Lines);
        QVERIFY(!lines.isEmpty());
        const auto byCpu = selectRows(lines, {ProfileColumn::Cpu, 1, {}});
        QVERIFY2(byCpu.first().name.contains("PLANTED-CPU"), qPrintable(byCpu.first().name));
        const auto byPeak = selectRows(lines, {ProfileColumn::PeakMb, 1, {}});
        QVERIFY2(byPeak.first().name.contains("PLANTED-MEMORY"), qPrintable(byPeak.first().name));
        QVERIFY(*columnValue(byPeak.first(), ProfileColumn::PeakMb) > 100);
        const auto byMalloc = selectRows(lines, {ProfileColumn::MallocMb, 1, {}});
        QVERIFY(byMalloc.first().name.contains("PLANTED-MEMORY"));

        const auto functions =
            selectRows(profileRows(p, ProfileLevel::Functions), {ProfileColumn::Cpu, 0, {}});
        QVERIFY(!functions.isEmpty());
        QVERIFY2(functions.first().name.contains("cpu_hotspot"),
                 qPrintable(functions.first().name));

        // A file's share is the sum of its lines'.
        const auto files = profileRows(p, ProfileLevel::Files);
        QCOMPARE(files.size(), 1);
        double sum = 0;
        for (const ProfileRow &l : lines)
            sum += l.figures.cpuPercent();
        QVERIFY(qAbs(files.first().figures.cpuPercent() - sum) < 1e-6);
        QCOMPARE(files.first().figures.peakMb, byPeak.first().figures.peakMb);
    }

    // Memory off: the memory figures are absent, not 0, in the columns and in JSON.
    void unmeasuredFiguresAreAbsent()
    {
        const ScaleneProfile &p = plantedProfile(false);
        QVERIFY(!p.memory);
        QVERIFY(!measuredColumns(p).contains(ProfileColumn::PeakMb));
        // Copy volume comes with memory profiling; GPU figures only with a GPU (issue 16).
        QVERIFY(!measuredColumns(p).contains(ProfileColumn::CopyMbPerSec));
        QVERIFY(!p.gpu && !measuredColumns(p).contains(ProfileColumn::GpuPercent));
        QVERIFY(plantedProfile(true).memory &&
                measuredColumns(plantedProfile(true)).contains(ProfileColumn::CopyMbPerSec));
        const auto lines = profileRows(p, ProfileLevel::Lines);
        QVERIFY(!lines.isEmpty());
        QCOMPARE(columnValue(lines.first(), ProfileColumn::PeakMb), std::nullopt);

        ShowRequest json;
        json.format = ShowFormat::Json;
        json.query.top = 3;
        json.leaks = true;
        const QJsonObject o = QJsonDocument::fromJson(formatProfileView(p, json).toUtf8()).object();
        const QJsonArray rows = o.value("rows").toArray();
        QVERIFY(!rows.isEmpty() && rows.size() <= 3);
        const QJsonObject first = rows.first().toObject();
        QVERIFY(first.value(enumKey(ProfileColumn::PeakMb)).isNull());
        QVERIFY(first.value(enumKey(ProfileColumn::Cpu)).toDouble() > 30);
        QVERIFY(o.value("peak_memory_mb").isNull());

        ShowRequest text;
        text.leaks = true;
        const QString t = formatProfileView(p, text);
        QVERIFY(t.contains("memory profiling was off"));
        QVERIFY(!t.contains("peak MB"));
        QVERIFY(t.contains("PLANTED-CPU"));
        QVERIFY(t.contains("Likely leaks:\n(not measured"));
    }

    void formats()
    {
        const ScaleneProfile &p = plantedProfile(true);
        ShowRequest md;
        md.format = ShowFormat::Markdown;
        md.level = ProfileLevel::Functions;
        md.query.top = 2;
        const QString m = formatProfileView(p, md);
        QVERIFY2(m.contains("| CPU % |"), qPrintable(m));
        QVERIFY(m.contains("|---:|"));
        QVERIFY(m.contains("peak MB"));
        QVERIFY(m.contains("Functions by CPU %, 2 of"));
        // Keys users script against.
        QCOMPARE(enumKey(ProfileColumn::CopyMbPerSec), QStringLiteral("copy_mb_per_sec"));
        QCOMPARE(enumKey(ProfileLevel::Functions), QStringLiteral("functions"));
        QCOMPARE(enumKey(ShowFormat::Markdown), QStringLiteral("markdown"));
    }
};

QTEST_GUILESS_MAIN(ProfileTablesTest)
#include "tst_profile_tables.moc"
