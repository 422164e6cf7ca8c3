// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/scalene_profile.h"
#include "test_support.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

class ProfileSummaryTest : public QObject
{
    Q_OBJECT
private slots:
    void states()
    {
        QTemporaryDir dir;
        QCOMPARE(loadProfileSummary(dir.filePath("none.json")).state, ProfileState::Missing);
        const auto write = [&dir](const char *name, const QByteArray &data) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(data);
            return dir.filePath(name);
        };
        QCOMPARE(loadProfileSummary(write("empty.json", "{}\n")).state, ProfileState::Empty);
        QCOMPARE(loadProfileSummary(write("torn.json", "{\"elapsed_time_sec\": 1.")).state,
                 ProfileState::Unreadable);
        QCOMPARE(loadProfileSummary(write("list.json", "[1,2]")).state, ProfileState::Unreadable);
    }

    // A program of ours with one CPU and one memory hotspot, profiled by the real Scalene:
    // the summary must rank each planted line first.
    void plantedHotspotsRankFirst()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("hot.json");
        const QString script = test::dataFile("hotspots.py");
        const auto r = test::runToEnd(test::scaleneOnScript(script, json, {}));
        QVERIFY(!r.timedOut);
        QCOMPARE(r.result.exitCode, 0);
        const ProfileSummary s = loadProfileSummary(json);
        QCOMPARE(s.state, ProfileState::Valid);
        QVERIFY(s.memory);
        QVERIFY(s.elapsedSec > 0.2);
        QVERIFY(s.maxFootprintMb > 100); // 60 x 4 MB were alive at once
        QVERIFY(s.cpuSamples > 10);
        QVERIFY(s.files.contains(script));

        QVERIFY(!s.topCpu.isEmpty());
        QVERIFY2(s.topCpu.first().text.contains("PLANTED-CPU"), qPrintable(s.topCpu.first().text));
        QCOMPARE(s.topCpu.first().file, script);
        QVERIFY(s.topCpu.first().cpuPercent() > 30);
        QVERIFY(!s.topMemory.isEmpty());
        QVERIFY2(s.topMemory.first().text.contains("PLANTED-MEMORY"),
                 qPrintable(s.topMemory.first().text));
        QVERIFY(s.topMemory.first().peakMb > 100);
        QVERIFY(s.topCpu.size() <= 5);
        QVERIFY(s.topMemory.size() <= 5);
        // Sorted, largest first.
        for (int i = 1; i < s.topCpu.size(); ++i)
            QVERIFY(s.topCpu[i - 1].cpuPercent() >= s.topCpu[i].cpuPercent());
        for (int i = 1; i < s.topMemory.size(); ++i)
            QVERIFY(s.topMemory[i - 1].peakMb >= s.topMemory[i].peakMb);

        // Figures match the JSON read independently.
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(s.maxFootprintMb, o.value("max_footprint_mb").toDouble());
        QCOMPARE(s.elapsedSec, o.value("elapsed_time_sec").toDouble());
        QVERIFY(s.cpuSamplesKnown);
    }

    // The same program under Debian's Scalene 1.5.16: fewer keys, only active lines, no
    // sample counts; the planted lines still rank first.
    void scalene15ProfileIsRead()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("hot15.json");
        const QString script = test::dataFile("hotspots.py");
        const CommandSpec c = test::scalene15OnScript(script, json);
        const auto r = test::runToEnd(c);
        QVERIFY(!r.timedOut);
        QCOMPARE(r.result.exitCode, 0);
        const ProfileSummary s = loadProfileSummary(json);
        QCOMPARE(s.state, ProfileState::Valid);
        QVERIFY(!s.cpuSamplesKnown);
        QCOMPARE(s.cpuSamples, 0);
        QVERIFY(s.memory);
        QVERIFY(s.elapsedSec > 0.2);
        QVERIFY(s.files.contains(script));
        QVERIFY(!s.topCpu.isEmpty());
        QVERIFY2(s.topCpu.first().text.contains("PLANTED-CPU"), qPrintable(s.topCpu.first().text));
        QVERIFY(!s.topMemory.isEmpty());
        QVERIFY2(s.topMemory.first().text.contains("PLANTED-MEMORY"),
                 qPrintable(s.topMemory.first().text));
    }
};

QTEST_GUILESS_MAIN(ProfileSummaryTest)
#include "tst_profile_summary.moc"
