// SPDX-License-Identifier: GPL-3.0-or-later
// The rules applied when a run ends, one row each: status, exit code, warnings, retry.
#include "core/run/finish_rules.h"

#include <QtTest>

using namespace fperf;

Q_DECLARE_METATYPE(fperf::FinishFacts)
Q_DECLARE_METATYPE(fperf::RunStatus)

namespace {
// A profiled run whose main command ended with exitCode and left a profile in `state`.
FinishFacts ran(int exitCode, ProfileState state, double elapsedSec = 5, int samples = 500)
{
    FinishFacts f;
    f.profiled = true;
    f.mainDone = true;
    f.mainEnd.exitCode = exitCode;
    f.mainWallSec = elapsedSec + 1;
    f.profile.state = state;
    f.profile.elapsedSec = elapsedSec;
    f.profile.cpuSamples = samples;
    f.freeBytes = qint64(50) * 1024 * 1024 * 1024;
    f.outputDir = QStringLiteral("/out");
    f.logPath = QStringLiteral("/out/x.log");
    f.jsonPath = QStringLiteral("/out/x-scalene.json");
    return f;
}
template <typename Change> FinishFacts with(FinishFacts f, Change change)
{
    change(f);
    return f;
}
constexpr double kNoRatio = -1;
} // namespace

class FinishRulesTest : public QObject
{
    Q_OBJECT
private slots:
    // Partial: a profile of a run that ended early, or the last snapshot in place of the final
    // write; never a whole final write, however short against the run.
    void partial_data()
    {
        QTest::addColumn<FinishFacts>("facts");
        QTest::addColumn<bool>("partial");
        using PS = ProfileState;
        QTest::newRow("whole run") << ran(0, PS::Valid) << false;
        QTest::newRow("cancelled")
            << with(ran(0, PS::Valid), [](FinishFacts &f) { f.mainEnd.cancelled = true; }) << true;
        QTest::newRow("Filare failed") << ran(1, PS::Valid) << true;
        QTest::newRow("the last snapshot")
            << with(ran(0, PS::Valid), [](FinishFacts &f) { f.profile.fromSnapshot = true; })
            << true;
        QTest::newRow("snapshots cost most of the run: still whole")
            << with(ran(0, PS::Valid),
                    [](FinishFacts &f) {
                        f.snapshotsOn = true;
                        f.profiledSec = 66.8;
                        f.profile.elapsedSec = 18.5;
                    })
            << false;
        QTest::newRow("no profile") << ran(1, PS::Missing) << false;
        QTest::newRow("plain run")
            << with(ran(0, PS::Valid), [](FinishFacts &f) { f.profiled = false; }) << false;
    }
    void partial()
    {
        QFETCH(FinishFacts, facts);
        QFETCH(bool, partial);
        QCOMPARE(decideFinish(facts).profilePartial, partial);
    }

    void table_data()
    {
        QTest::addColumn<FinishFacts>("facts");
        QTest::addColumn<QString>("recordError"); // the final record could not be written
        QTest::addColumn<bool>("retry");
        QTest::addColumn<RunStatus>("status");
        QTest::addColumn<int>("cliExit");
        QTest::addColumn<QStringList>("warnings"); // each is part of the warning in its place
        QTest::addColumn<bool>("removeProfile");
        QTest::addColumn<double>("ratio");
        using PS = ProfileState;
        using RS = RunStatus;
        const QString none;

        QTest::newRow("clean run") << ran(0, PS::Valid) << none << false << RS::Succeeded << 0
                                   << QStringList() << false << kNoRatio;
        QTest::newRow("plain run, no Scalene")
            << with(ran(0, PS::Missing), [](FinishFacts &f) { f.profiled = false; }) << none
            << false << RS::Succeeded << 0 << QStringList() << false << kNoRatio;
        QTest::newRow("noisy: under 1 s")
            << ran(0, PS::Valid, 0.5) << none << false << RS::Succeeded << 0
            << QStringList{"The profile is noisy: 0.50 s and 500 CPU samples; runs under about "
                           "1 s or with few samples are not reliable"}
            << false << kNoRatio;
        QTest::newRow("noisy: few samples")
            << ran(0, PS::Valid, 5, 10) << none << false << RS::Succeeded << 0
            << QStringList{"The profile is noisy: 5.00 s and 10 CPU samples;"} << false << kNoRatio;
        QTest::newRow("noisy: Scalene 1.5 counts no samples")
            << with(ran(0, PS::Valid, 0.5, 0),
                    [](FinishFacts &f) { f.profile.cpuSamplesKnown = false; })
            << none << false << RS::Succeeded << 0
            << QStringList{"The profile is noisy: 0.50 s; runs under"} << false << kNoRatio;
        QTest::newRow("too short")
            << ran(0, PS::Empty) << none << false << RS::TooShort << 5
            << QStringList{"The run was too short for Scalene to profile"} << false << kNoRatio;
        QTest::newRow("too short, scope narrowed")
            << with(ran(0, PS::Empty), [](FinishFacts &f) { f.scopeNarrowed = true; }) << none
            << false << RS::TooShort << 5
            << QStringList{"The run was too short", "--profile-only / --profile-exclude may "
                                                    "leave none of the code that ran in scope"}
            << false << kNoRatio;
        QTest::newRow("scope narrowed, run fine: nothing to say")
            << with(ran(0, PS::Valid), [](FinishFacts &f) { f.scopeNarrowed = true; }) << none
            << false << RS::Succeeded << 0 << QStringList() << false << kNoRatio;
        QTest::newRow("full disk, profile cut short")
            << with(ran(0, PS::Unreadable), [](FinishFacts &f) { f.freeBytes = 10 * 1024; }) << none
            << false << RS::NoProfile << 5
            << QStringList{"Scalene ended without a usable profile",
                           "The disk of /out is full (10 KB free): files of this run may be "
                           "missing or cut short; free some space there",
                           "Scalene's profile /out/x-scalene.json was cut short and was removed"}
            << true << kNoRatio;
        QTest::newRow("full disk, Filare failed, no profile")
            << with(ran(1, PS::Missing), [](FinishFacts &f) { f.freeBytes = 0; }) << none << false
            << RS::Failed << 4 << QStringList{"The disk of /out is full (0 KB free)"} << false
            << kNoRatio;
        QTest::newRow("full disk, run succeeded: no hint")
            << with(ran(0, PS::Valid), [](FinishFacts &f) { f.freeBytes = 0; }) << none << false
            << RS::Succeeded << 0 << QStringList() << false << kNoRatio;
        QTest::newRow("room on the disk, profile unreadable: kept")
            << ran(0, PS::Unreadable) << none << false << RS::NoProfile << 5
            << QStringList{"Scalene ended without a usable profile"} << false << kNoRatio;
        QTest::newRow("overhead")
            << with(ran(0, PS::Valid),
                    [](FinishFacts &f) {
                        f.baselineSec = 2;
                        f.profiledSec = 5;
                    })
            << none << false << RS::Succeeded << 0
            << QStringList{"Profiling overhead: 2.50x (5.00 s profiled vs 2.00 s plain)"} << false
            << 2.5;
        QTest::newRow("overhead of a failed run: none")
            << with(ran(1, PS::Missing),
                    [](FinishFacts &f) {
                        f.baselineSec = 2;
                        f.profiledSec = 5;
                    })
            << none << false << RS::Failed << 4 << QStringList() << false << kNoRatio;
        QTest::newRow("Filare's error quoted")
            << with(ran(1, PS::Valid),
                    [](FinishFacts &f) { f.pythonError = "ValueError: no such connector"; })
            << none << false << RS::Failed << 4
            << QStringList{"Filare failed (exit code 1); the profile up to the failure is kept",
                           "Filare's error: ValueError: no such connector; fix that in the "
                           "project, the log /out/x.log has the whole output",
                           "The profile is partial: it covers 5.0 s (the run ended early)"}
            << false << kNoRatio;
        QTest::newRow("stopped before the report")
            << with(ran(0, PS::Valid),
                    [](FinishFacts &f) {
                        f.cancelRequested = true;
                        f.reportsNotWritten = QStringList{"/out/x-scalene.txt"};
                    })
            << none << false << RS::Succeeded << 0
            << QStringList{"Stopped before the report /out/x-scalene.txt was written; the JSON "
                           "profile /out/x-scalene.json is kept"}
            << false << kNoRatio;
        QTest::newRow("report missing, not stopped: no such warning")
            << with(ran(0, PS::Valid),
                    [](FinishFacts &f) { f.reportsNotWritten = QStringList{"/out/x-scalene.txt"}; })
            << none << false << RS::Succeeded << 0 << QStringList() << false << kNoRatio;
        QTest::newRow("cancelled, partial profile kept")
            << with(ran(0, PS::Valid), [](FinishFacts &f) { f.mainEnd.cancelled = true; }) << none
            << false << RS::Cancelled << 130
            << QStringList{"Cancelled: the partial profile Scalene wrote is kept",
                           "The profile is partial: it covers 5.0 s (the run ended early)"}
            << false << kNoRatio;
        // Timeouts, snapshots and what a profile covers (issue 16).
        const auto timedOut = [](FinishFacts &f) {
            f.mainEnd.cancelled = true;
            f.mainEnd.timedOut = true;
            f.cancelRequested = true;
            f.timeoutSec = 30;
            f.profiledSec = 30.4;
        };
        QTest::newRow("timed out, profile kept")
            << with(ran(0, PS::Valid), timedOut) << none << false << RS::TimedOut << 124
            << QStringList{"Timed out: stopped after 30 s",
                           "The profile is partial: it covers 5.0 s of the 30.4 s run (the run "
                           "ended early)"}
            << false << kNoRatio;
        QTest::newRow("timed out, the final write torn: the last snapshot")
            << with(ran(0, PS::Valid),
                    [timedOut](FinishFacts &f) {
                        timedOut(f);
                        f.snapshotsOn = true;
                        f.profile.fromSnapshot = true;
                    })
            << none << false << RS::TimedOut << 124
            << QStringList{"Timed out: stopped after 30 s",
                           "covers 5.0 s of the 30.4 s run (the last whole snapshot, as "
                           "Scalene's final write was missing or cut short)"}
            << false << kNoRatio;
        QTest::newRow("timed out, no profile, no snapshots: how to keep one")
            << with(ran(0, PS::Missing), timedOut) << none << false << RS::TimedOut << 124
            << QStringList{"Timed out", "set a snapshot interval (FIL_PERF_SCALENE_PROFILE_"
                                        "INTERVAL, --profile-interval)"}
            << false << kNoRatio;
        QTest::newRow("cancelled before the first snapshot")
            << with(ran(0, PS::Missing),
                    [](FinishFacts &f) {
                        f.mainEnd.cancelled = true;
                        f.cancelRequested = true;
                        f.snapshotsOn = true;
                    })
            << none << false << RS::Cancelled << 130
            << QStringList{"Stopped before Scalene wrote its first snapshot"} << false << kNoRatio;
        // Seen with Scalene 2.4 on two files of the large sample, a snapshot every 3 s.
        QTest::newRow("succeeded with snapshots, the profile far shorter than the run: the cost")
            << with(ran(0, PS::Valid),
                    [](FinishFacts &f) {
                        f.snapshotsOn = true;
                        f.profiledSec = 66.8;
                        f.profile.elapsedSec = 18.5;
                    })
            << none << false << RS::Succeeded << 0
            << QStringList{"The profile covers 18.5 s of the 66.8 s run: Scalene stops its "
                           "clock while it writes a snapshot, so most of the other 48.3 s went "
                           "to writing snapshots"}
            << false << kNoRatio;
        QTest::newRow("succeeded, the final write torn: the last snapshot")
            << with(ran(0, PS::Valid),
                    [](FinishFacts &f) {
                        f.snapshotsOn = true;
                        f.profiledSec = 5.5;
                        f.profile.fromSnapshot = true;
                    })
            << none << false << RS::Succeeded << 0
            << QStringList{"The profile is partial: it covers 5.0 s of the 5.5 s run (the last "
                           "whole snapshot"}
            << false << kNoRatio;
        QTest::newRow("succeeded with snapshots, the whole run: not partial")
            << with(ran(0, PS::Valid),
                    [](FinishFacts &f) {
                        f.snapshotsOn = true;
                        f.profiledSec = 5.5;
                    })
            << none << false << RS::Succeeded << 0 << QStringList() << false << kNoRatio;
        QTest::newRow("cancelled during the baseline")
            << with(ran(0, PS::Missing),
                    [](FinishFacts &f) {
                        f.mainDone = false;
                        f.mainEnd = {};
                        f.cancelRequested = true;
                    })
            << none << false << RS::Cancelled << 130 << QStringList() << false << kNoRatio;
        QTest::newRow("main command never ran")
            << with(ran(0, PS::Missing),
                    [](FinishFacts &f) {
                        f.mainDone = false;
                        f.mainEnd = {};
                    })
            << none << false << RS::Failed << 3 << QStringList() << false << kNoRatio;

        const auto race = [](FinishFacts &f) {
            f.importRace = true;
            f.mainWallSec = 2;
            f.pythonError = "KeyError: 'filare'";
        };
        QTest::newRow("import race, first time: retry")
            << with(ran(1, PS::Missing), race) << none << true << RS::Failed << 4
            << QStringList{"Scalene crashed while starting (a KeyError inside importlib, a race "
                           "in Scalene itself); the profile was run once more"}
            << false << kNoRatio;
        QTest::newRow("import race, second time: failure")
            << with(ran(1, PS::Missing),
                    [race](FinishFacts &f) {
                        race(f);
                        f.profileRetried = true;
                    })
            << none << false << RS::Failed << 4 << QStringList{"Filare's error: KeyError: 'filare'"}
            << false << kNoRatio;
        QTest::newRow("race signature after 10 s: no retry")
            << with(ran(1, PS::Missing),
                    [race](FinishFacts &f) {
                        race(f);
                        f.mainWallSec = 12;
                    })
            << none << false << RS::Failed << 4 << QStringList{"Filare's error: KeyError"} << false
            << kNoRatio;
        QTest::newRow("race signature, cancelled: no retry")
            << with(ran(1, PS::Missing),
                    [race](FinishFacts &f) {
                        race(f);
                        f.mainEnd.cancelled = true;
                        f.cancelRequested = true;
                    })
            << none << false << RS::Cancelled << 130
            << QStringList{"Stopped before Scalene wrote a profile; set a snapshot interval"}
            << false << kNoRatio;
        QTest::newRow("race signature, plain run: no retry")
            << with(ran(1, PS::Missing),
                    [race](FinishFacts &f) {
                        race(f);
                        f.profiled = false;
                    })
            << none << false << RS::Failed << 4 << QStringList{"Filare's error: KeyError"} << false
            << kNoRatio;

        QTest::newRow("record not written: no success")
            << ran(0, PS::Valid) << QString("No space left on device") << false << RS::Failed << 2
            << QStringList{"The run record /out/x-run.json could not be updated (No space left on "
                           "device), so it does not show how the run ended; free some space"}
            << false << kNoRatio;
        QTest::newRow("record not written, run failed: its exit code stays")
            << ran(1, PS::Missing) << QString("Permission denied") << false << RS::Failed << 4
            << QStringList{"The run record /out/x-run.json could not be updated"} << false
            << kNoRatio;
    }
    void table()
    {
        QFETCH(FinishFacts, facts);
        QFETCH(QString, recordError);
        QFETCH(bool, retry);
        QFETCH(RunStatus, status);
        QFETCH(int, cliExit);
        QFETCH(QStringList, warnings);
        QFETCH(bool, removeProfile);
        QFETCH(double, ratio);

        FinishDecision d = decideFinish(facts);
        if (!recordError.isEmpty())
            d = recordNotWritten(d, QStringLiteral("/out/x-run.json"), recordError);
        QCOMPARE(d.retryProfile, retry);
        QCOMPARE(d.recordWarnings.size(), warnings.size());
        for (qsizetype i = 0; i < warnings.size(); ++i)
            QVERIFY2(d.recordWarnings.at(i).contains(warnings.at(i)),
                     qPrintable(d.recordWarnings.at(i)));
        // What is shown at once is also in the record.
        for (const QString &w : std::as_const(d.outcome.warnings))
            QVERIFY2(d.recordWarnings.contains(w), qPrintable(w));
        if (retry)
            return; // nothing else is decided yet
        QCOMPARE(d.outcome.status, status);
        QCOMPARE(d.outcome.cliExitCode, cliExit);
        QCOMPARE(d.removeProfile, removeProfile);
        QCOMPARE(d.overheadRatio.value_or(kNoRatio), ratio);
    }
};

QTEST_GUILESS_MAIN(FinishRulesTest)
#include "tst_finish_rules.moc"
