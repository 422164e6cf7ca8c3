// SPDX-License-Identifier: GPL-3.0-or-later
// Timeouts and partial profiles on the real Scalene 2.4, with a program of ours that hangs:
// the timeout stops it as Stop does and records "timed out"; with a snapshot interval each
// whole snapshot is announced with its summary as the run goes on (each covers the run so far)
// and the last one is kept; without one, Scalene's own last write is kept; a final write that
// is empty or torn gives way to the snapshot.
#include "core/profile/scalene_profile.h"
#include "core/profile/scalene_profile_reader.h"
#include "core/run/run_controller.h"
#include "core/store/run_record_codec.h"
#include "run_checks.h"
#include "test_support.h"

#include <QtTest>

using namespace fperf;
using namespace fperf::test;

namespace {
// A profiled run of one of our programs (tests/data/hangs.py by default) through
// RunController, as a prepared run.
PreparedRun hangingRun(const QString &dir, const QString &label, int timeoutSec,
                       const QStringList &scaleneExtra,
                       const QString &program = QStringLiteral("hangs.py"))
{
    PreparedRun run;
    run.environment = QProcessEnvironment::systemEnvironment();
    run.plan.paths = runPaths(dir, label);
    run.plan.directories << dir;
    CommandSpec c = scaleneOnScript(dataFile(program), run.plan.paths.json, {},
                                    QStringList{QStringLiteral("--cpu-only")} + scaleneExtra);
    c.role = CommandRole::Profile;
    run.plan.commands << c;
    run.record.label = label;
    run.record.outputDir = dir;
    run.record.paths = run.plan.paths;
    run.record.settings = resolveSettings({});
    run.record.settings.values.scalene.memory = false;
    run.record.settings.values.timeoutSec = timeoutSec;
    run.record.started = QDateTime::currentDateTime();
    return run;
}

struct Ended
{
    RunRecord record;
    QList<ProfileSummary> snapshots; // as announced while the run went on
};

Ended runToItsEnd(const PreparedRun &run)
{
    RunController controller;
    QList<ProfileSummary> snapshots;
    QObject::connect(&controller, &RunController::profileSnapshot,
                     [&snapshots](const QString &path, const ProfileSummary &summary) {
                         // Announced once it is whole and in place.
                         QVERIFY(readScaleneProfile(path).usable());
                         snapshots << summary;
                     });
    QSignalSpy done(&controller, &RunController::runFinished);
    controller.start(run);
    done.wait(120000);
    return {controller.record(), snapshots};
}
} // namespace

class PartialProfileTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void timeoutWithSnapshotsKeepsTheLastSnapshot()
    {
        const Ended e =
            runToItsEnd(hangingRun(m_dir.path(), QStringLiteral("snap"), 6,
                                   {QStringLiteral("--profile-interval"), QStringLiteral("1")}));
        const RunRecord &r = e.record;
        QCOMPARE(r.status, RunStatus::TimedOut);
        QVERIFY2(e.snapshots.size() >= 2, "fewer than two snapshots while the run went on");
        // Each snapshot covers the run so far, and names the busy loop.
        for (qsizetype i = 0; i < e.snapshots.size(); ++i) {
            const ProfileSummary &s = e.snapshots[i];
            QVERIFY(s.usable() && !s.topCpu.isEmpty());
            QStringList top;
            for (const ProfileLine &l : s.topCpu)
                top << l.text;
            QVERIFY2(top.contains(QStringLiteral("total += i * i")) ||
                         top.contains(QStringLiteral("for i in range(n):")),
                     qPrintable(top.join(u'|')));
            if (i > 0)
                QVERIFY(s.elapsedSec > e.snapshots[i - 1].elapsedSec);
        }
        QVERIFY(r.profile.usable());
        QVERIFY(r.profile.partial);
        const QString warnings = r.warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("Timed out: stopped after 6 s")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("The profile is partial: it covers")),
                 qPrintable(warnings));
        QVERIFY(!QFile::exists(r.paths.snapshot)); // settled: no scratch left
        QCOMPARE(strayFiles(m_dir.path(), {QStringLiteral("snap")}), QStringList());
        // The record on disk says partial, and reads back so.
        const auto back = loadRunRecord(r.paths.record, nullptr);
        QVERIFY(back && back->profile.partial && back->status == RunStatus::TimedOut);
        QVERIFY(readAll(r.paths.record).contains(QStringLiteral("\"partial\"")));
        QVERIFY(readScaleneProfile(r.paths.json).usable());
    }

    // Without snapshots, Scalene still writes the profile so far when a plain script is
    // stopped (Filare's runs were seen to leave none: tst_finish_rules has that message).
    void timeoutWithoutSnapshotsKeepsWhatScaleneWrote()
    {
        const Ended e = runToItsEnd(hangingRun(m_dir.path(), QStringLiteral("bare"), 4, {}));
        QCOMPARE(e.record.status, RunStatus::TimedOut);
        QCOMPARE(e.snapshots.size(), 0);
        QVERIFY(e.record.profile.usable());
        QVERIFY(e.record.profile.partial);
        const QString warnings = e.record.warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("(the run ended early)")), qPrintable(warnings));
    }

    // A real run whose final write is cut short: the program limits the size of the files
    // it may write just before it ends, and Scalene writes its final profile in that process.
    // The last whole snapshot takes the torn file's place, and the profile says partial.
    void tornFinalWriteInARealRun()
    {
        const Ended e =
            runToItsEnd(hangingRun(m_dir.path(), QStringLiteral("torn"), 60,
                                   {QStringLiteral("--profile-interval"), QStringLiteral("1")},
                                   QStringLiteral("torn_final_write.py")));
        const RunRecord &r = e.record;
        QVERIFY2(!e.snapshots.isEmpty(), "no snapshot was kept while the run went on");
        QVERIFY2(r.profile.usable(), qPrintable(r.warnings.join(u'\n')));
        QVERIFY(r.profile.partial);
        const QString warnings = r.warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("(the last whole snapshot, as Scalene's final "
                                                  "write was missing or cut short)")),
                 qPrintable(warnings));
        // The file in place is the last snapshot, whole.
        const ScaleneProfileRead kept = readScaleneProfile(r.paths.json);
        QVERIFY(kept.usable());
        QCOMPARE(kept.profile.elapsedSec, e.snapshots.last().elapsedSec);
        QVERIFY(!QFile::exists(r.paths.snapshot));
    }

    // The final write empty or cut short: the last whole snapshot takes its place.
    void tornFinalWriteGivesWayToTheSnapshot()
    {
        const QString whole = m_dir.filePath(QStringLiteral("snap-scalene.json"));
        QVERIFY2(QFile::exists(whole), "needs the first test's profile");
        const QString json = m_dir.filePath(QStringLiteral("torn-scalene.json"));
        const QString snapshot = m_dir.filePath(QStringLiteral(".torn-scalene.snapshot.json"));
        const QByteArray bytes = readAll(whole).toUtf8();
        for (const QByteArray &final : {QByteArray(), bytes.left(bytes.size() / 2)}) {
            QFile::remove(json);
            QFile::copy(whole, snapshot);
            QFile out(json);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(final);
            out.close();
            const ProfileSummary s = settleProfile(json, snapshot);
            QVERIFY(s.usable());
            QVERIFY(s.fromSnapshot);
            QVERIFY(!QFile::exists(snapshot));
            QCOMPARE(readAll(json).toUtf8(), bytes);
        }
        // A whole final write stays, and the snapshot goes.
        QFile::copy(whole, snapshot);
        const ProfileSummary kept = settleProfile(json, snapshot);
        QVERIFY(kept.usable() && !kept.fromSnapshot);
        QVERIFY(!QFile::exists(snapshot));
        // Neither: nothing usable, nothing invented.
        QFile::remove(json);
        QVERIFY(!settleProfile(json, snapshot).usable());
    }
};

QTEST_GUILESS_MAIN(PartialProfileTest)
#include "tst_partial_profiles.moc"
