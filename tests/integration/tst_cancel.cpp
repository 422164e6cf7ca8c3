// SPDX-License-Identifier: GPL-3.0-or-later
// Cancelling a real profiled Filare run leaves no process of it behind.
#include "core/process/process_group_runner.h"
#include "core/run/run_controller.h"
#include "core/settings/settings_resolver.h"
#include "core/store/run_history.h"
#include "core/store/run_record.h"
#include "core/store/stale_runs.h"
#include "core/tools/interpreter_resolver.h"
#include "core/tools/tool_check.h"
#include "run_checks.h"
#include "test_support.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace fperf;

namespace {
QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(test::readAll(path).toUtf8()).object();
}

// A process of our own that stands for a stranger or for a run's leftover: `sleep` leading its
// own session, with the given extra environment.
void startSleeper(QProcess &p, const QMap<QString, QString> &env)
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (auto it = env.begin(); it != env.end(); ++it)
        e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    p.setChildProcessModifier([] { ::setsid(); });
    p.start("sleep", {"120"});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY(livePidsInGroup(p.processId()).contains(p.processId()));
}

// A record left "running" by a dead app, pointing at a process group.
void writeStaleRecord(const QString &path, const QString &label, qint64 pgid, qint64 leaderTicks,
                      const QString &token, const QString &bootId)
{
    RunRecord r;
    r.label = label;
    r.status = RunStatus::Running;
    r.outputDir = QFileInfo(path).absolutePath();
    r.started = QDateTime::currentDateTime();
    r.settings = resolveSettings({});
    // This very process, started at another time: the app is gone (as after pid reuse).
    r.appPid = QCoreApplication::applicationPid();
    r.appStartTicks = processStartTicks(r.appPid) + 12345;
    r.bootId = bootId;
    r.runToken = token;
    r.processGroup = pgid;
    r.processGroupStartTicks = leaderTicks;
    QVERIFY(writeRunRecord(r, path, nullptr));
}

constexpr int kStormCycles = 50;
} // namespace

class CancelTest : public QObject
{
    Q_OBJECT
private slots:
    void cancelMidRunLeavesNothing_data()
    {
        QTest::addColumn<int>("afterMs");
        QTest::newRow("while Filare starts") << 1500;
        QTest::newRow("while Filare renders") << 7000;
    }
    void cancelMidRunLeavesNothing()
    {
        QFETCH(int, afterMs);
        QTemporaryDir dir;
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QProcessEnvironment env = test::cleanEnvironment(dir.filePath("config"));
        env.insert("FPERF_TEST_MARKER", marker);

        ResolvedSettings settings =
            resolveSettings({commandLineLayer({{"FIL_PERF_OUTPUT_DIR", dir.filePath("out"), 0},
                                               {"FIL_PERF_RUN_LABEL", "cancel", 0}})});
        QVERIFY(settings.ok());
        const ToolReport tools = checkTools({test::venvPython(), "test", true}, env.value("PATH"));
        const PreparedRun prepared = prepareRun(settings, test::largeSample(), tools, env);
        QVERIFY2(prepared.ok(), qPrintable(prepared.errors.join('\n')));

        RunController controller;
        QSignalSpy states(&controller, &RunController::stateChanged);
        QSignalSpy finished(&controller, &RunController::runFinished);
        QSignalSpy lines(&controller, &RunController::outputLine);
        QVERIFY(controller.start(prepared));
        QCOMPARE(controller.state(), RunController::State::Running);
        QTest::qWait(afterMs);
        QVERIFY2(!test::processesWithMarker(marker).isEmpty(), "the run should still be going");
        QCOMPARE(finished.count(), 0);
        controller.cancel();
        QCOMPARE(controller.state(), RunController::State::Stopping);
        QVERIFY(finished.wait(30000) || finished.count() == 1);
        QCOMPARE(controller.state(), RunController::State::Cancelled);

        // idle -> starting -> running -> stopping -> cancelled
        QList<RunController::State> seen;
        for (const auto &args : states)
            seen << args.at(0).value<RunController::State>();
        QCOMPARE(seen, (QList<RunController::State>{
                           RunController::State::Starting, RunController::State::Running,
                           RunController::State::Stopping, RunController::State::Cancelled}));

        QCOMPARE(test::processesWithMarker(marker), QList<qint64>());
        const QJsonObject rec =
            QJsonDocument::fromJson(test::readAll(dir.filePath("out/cancel-run.json")).toUtf8())
                .object();
        QCOMPARE(rec.value("status").toString(), QStringLiteral("cancelled"));
        QVERIFY(rec.value("ended").isString());
        QVERIFY(test::readAll(dir.filePath("out/cancel.log")).contains("cancel requested"));
        // A partial report never looks complete: no text/HTML report after a cancel.
        QVERIFY(!QFile::exists(dir.filePath("out/cancel-scalene.txt")));
        QVERIFY(!QFile::exists(dir.filePath("out/cancel-scalene.html")));
    }

    void ctrlCInTheCliCancels()
    {
        QTemporaryDir dir;
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QProcess p;
        QVERIFY(test::startLargeRun(p, dir.path(), marker, "ctrlc"));
        QVERIFY(p.state() == QProcess::Running);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 130);
        QCOMPARE(test::processesWithMarker(marker), QList<qint64>());
        const QJsonObject rec =
            QJsonDocument::fromJson(test::readAll(dir.filePath("out/ctrlc-run.json")).toUtf8())
                .object();
        QCOMPARE(rec.value("status").toString(), QStringLiteral("cancelled"));
    }

    // The app itself killed with SIGKILL: its guardians end every group within seconds, and the
    // run is listed as interrupted afterwards.
    void killedAppLeavesNothingBehind()
    {
        QTemporaryDir dir;
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QProcess p;
        QVERIFY(test::startLargeRun(p, dir.path(), marker, "killed"));
        QVERIFY(p.state() == QProcess::Running);
        QVERIFY(test::processesWithMarker(marker).size() >= 3); // guardian, Scalene, Filare...
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(5000));
        QTRY_COMPARE_WITH_TIMEOUT(test::processesWithMarker(marker), QList<qint64>(), 3000);
        const HistoryScan scan = scanRunRecords({dir.filePath("out")});
        QCOMPARE(scan.runs.size(), 1);
        QCOMPARE(scan.runs.first().status, RunStatus::Interrupted);
    }

    // 50 runs of the small sample, each stopped at a random moment: right as it starts, while
    // Scalene starts, while Filare works, while Graphviz runs; every other one with a snapshot
    // interval. After each: not one process of it is left, and its record is whole, final and
    // agrees with the files.
    void cancelStormFromTheCore()
    {
        const quint32 seed = test::stormSeed();
        const QList<test::StopPlan> plan = test::stormPlan(seed, kStormCycles);
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QProcessEnvironment env = test::cleanEnvironment(dir.filePath("config"));
        env.insert("FPERF_TEST_MARKER", marker);
        const ToolReport tools = checkTools({test::venvPython(), "test", true}, env.value("PATH"));
        RunController controller;
        QStringList labels;
        QMap<QString, int> statuses;
        int dotSeen = 0;
        qint64 slowestStopMs = 0;
        for (int i = 0; i < plan.size(); ++i) {
            const test::StopPlan stop = plan.at(i);
            const QString label = QStringLiteral("storm-%1").arg(i + 1, 2, 10, QChar('0'));
            const QString what = QStringLiteral("%1: stopped %2 (%3 ms, %4 report; seed %5)")
                                     .arg(label, test::stopMomentName(stop.moment))
                                     .arg(stop.delayMs)
                                     .arg(stop.html ? "HTML" : "text")
                                     .arg(seed);
            // Every other run writes snapshots (issue 16): its keeper must stop with the run.
            // Those run CPU-only, as a live profile is used: with memory on each write takes
            // longer than the interval, and the run barely moves.
            const bool snapshots = i % 2;
            const ResolvedSettings settings = resolveSettings(
                {commandLineLayer({{"FIL_PERF_OUTPUT_DIR", out, 0},
                                   {"FIL_PERF_RUN_LABEL", label, 0},
                                   {"FIL_PERF_SCALENE_HTML", stop.html ? "1" : "0", 0},
                                   {"FIL_PERF_SCALENE_PROFILE_INTERVAL", snapshots ? "2" : "0", 0},
                                   {"FIL_PERF_SCALENE_MEMORY", snapshots ? "0" : "1", 0}})});
            const PreparedRun prepared =
                prepareRun(settings, {test::sampleProject("small")}, tools, env);
            QVERIFY2(prepared.ok(), qPrintable(prepared.errors.join('\n')));

            QSignalSpy finished(&controller, &RunController::runFinished);
            QList<RunController::State> states{controller.state()};
            const auto onState = connect(&controller, &RunController::stateChanged, this,
                                         [&](RunController::State s) { states << s; });
            bool cancelled = false;
            QElapsedTimer sinceCancel;
            const auto cancelNow = [&] {
                if (controller.canStop()) {
                    controller.cancel();
                    cancelled = true;
                    sinceCancel.start();
                }
            };
            QMetaObject::Connection early;
            if (stop.moment == test::StopMoment::WhileStarting) {
                early = connect(&controller, &RunController::stateChanged, this,
                                [&](RunController::State s) {
                                    if (s == RunController::State::Starting)
                                        cancelNow();
                                });
            }
            QVERIFY(controller.start(prepared));
            disconnect(early);
            QElapsedTimer clock;
            clock.start();
            switch (stop.moment) {
            case test::StopMoment::WhileStarting:
                QVERIFY2(cancelled, qPrintable(what));
                break;
            case test::StopMoment::RightAfterStart:
                cancelNow();
                break;
            case test::StopMoment::ScaleneStartup:
            case test::StopMoment::Anytime:
                while (finished.isEmpty() && clock.elapsed() < stop.delayMs)
                    QTest::qWait(qMin(5, int(stop.delayMs - clock.elapsed()) + 1));
                cancelNow();
                break;
            case test::StopMoment::WhileDotRuns:
                while (finished.isEmpty() && clock.elapsed() < 60000 &&
                       test::markedProcessesNamed(marker, "dot").isEmpty())
                    QTest::qWait(2);
                if (finished.isEmpty() && clock.elapsed() < 60000)
                    ++dotSeen;
                QTest::qWait(stop.delayMs);
                cancelNow();
                break;
            }
            QVERIFY2(!finished.isEmpty() || finished.wait(60000), qPrintable(what));
            QVERIFY(!RunController::isActive(controller.state()));
            disconnect(onState);
            for (qsizetype k = 1; k < states.size(); ++k)
                QVERIFY2(RunController::canTransition(states.at(k - 1), states.at(k)),
                         qPrintable(what + ": " + RunController::stateName(states.at(k - 1)) +
                                    " -> " + RunController::stateName(states.at(k))));
            if (cancelled) {
                slowestStopMs = qMax(slowestStopMs, sinceCancel.elapsed());
                if (sinceCancel.elapsed() > 3000)
                    qInfo("%s: the stop took %lld ms", qPrintable(what), sinceCancel.elapsed());
            }
            // Nothing is left, at once: the runner ends its whole group before it reports.
            QVERIFY2(test::processesWithMarker(marker).isEmpty(), qPrintable(what));
            QVERIFY2(test::markedProcessesNamed(marker, "dot").isEmpty(), qPrintable(what));
            const QString record = prepared.plan.paths.record;
            const QString problem = test::finalRecordProblem(record);
            QVERIFY2(problem.isEmpty(), qPrintable(what + ": " + problem + "\nlog:\n" +
                                                   test::readAll(prepared.plan.paths.log)));
            const RunStatus status = loadRunRecord(record, nullptr)->status;
            // Stopped: cancelled, or succeeded when only the report was left to make.
            if (cancelled)
                QVERIFY2(status == RunStatus::Cancelled || status == RunStatus::Succeeded,
                         qPrintable(what + ": " + runStatusName(status) + "\n" +
                                    test::readAll(prepared.plan.paths.log)));
            if (stop.moment == test::StopMoment::WhileStarting)
                QVERIFY(loadRunRecord(record, nullptr)->commands.isEmpty());
            ++statuses[runStatusName(status)];
            labels << label;
        }
        qInfo("cancel storm: %s; dot seen running in %d runs; slowest stop %lld ms",
              qPrintable([&] {
                  QStringList parts;
                  for (auto it = statuses.begin(); it != statuses.end(); ++it)
                      parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
                  return parts.join(", ");
              }()),
              dotSeen, slowestStopMs);
        QVERIFY2(dotSeen > 0, "no stop landed while Graphviz ran");
        QCOMPARE(test::strayFiles(out, labels), QStringList());
        const HistoryScan scan = scanRunRecords({out});
        QCOMPARE(scan.warnings, QStringList());
        QCOMPARE(scan.runs.size(), kStormCycles);
    }

    // A stop within the first 2 ms, while the guardian starts: it must not be lost (Filare
    // must never start). It was, when the guardian ignored it before its command existed.
    void aStopJustAfterTheStartIsNeverLost()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QProcessEnvironment env = test::cleanEnvironment(dir.filePath("config"));
        env.insert("FPERF_TEST_MARKER", marker);
        const ToolReport tools = checkTools({test::venvPython(), "test", true}, env.value("PATH"));
        RunController controller;
        for (int i = 0; i < 60; ++i) {
            const QString label = QStringLiteral("early-%1").arg(i);
            const ResolvedSettings settings = resolveSettings({commandLineLayer(
                {{"FIL_PERF_OUTPUT_DIR", out, 0}, {"FIL_PERF_RUN_LABEL", label, 0}})});
            const PreparedRun prepared =
                prepareRun(settings, {test::sampleProject("small")}, tools, env);
            QVERIFY(prepared.ok());
            QSignalSpy finished(&controller, &RunController::runFinished);
            QVERIFY(controller.start(prepared));
            ::usleep(useconds_t(100 * (i % 20)));
            controller.cancel();
            QVERIFY(finished.wait(60000));
            const QString log = test::readAll(prepared.plan.paths.log);
            QVERIFY2(!log.contains("Input file:"), qPrintable(label + ": Filare ran:\n" + log));
            QCOMPARE(controller.state(), RunController::State::Cancelled);
            QCOMPARE(test::processesWithMarker(marker), QList<qint64>());
        }
    }

    // The app and its guardian both killed: the next `filare-perf history` or `run` marks the
    // run interrupted and ends the group it left, after checking that the group is the run's.
    void staleGroupIsEndedOnTheNextStart_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("history") << "history";
        QTest::newRow("run") << "run";
    }
    void staleGroupIsEndedOnTheNextStart()
    {
        QFETCH(QString, command);
        QTemporaryDir dir;
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString out = dir.filePath("out");
        const QString recordPath = out + "/orphaned-run.json";
        QProcess p;
        QVERIFY(test::startLargeRun(p, dir.path(), marker, "orphaned"));
        QVERIFY(p.state() == QProcess::Running);
        const QString token = readJson(recordPath).value("run_token").toString();
        QVERIFY(!token.isEmpty());
        QString why;
        const qint64 pgid = test::orphanRunGroup(p, recordPath, marker, &why);
        QVERIFY2(pgid > 0, qPrintable(why));
        const QList<qint64> left = test::processesWithMarker(marker);
        for (qint64 pid : left) // the token that proves them ours
            QVERIFY(processEnvironmentHas(pid, kRunTokenVariable, token));
        QCOMPARE(readJson(recordPath).value("status").toString(), QStringLiteral("running"));

        const QMap<QString, QString> env{{"FPERF_TEST_MARKER", marker}};
        const test::CliResult r =
            command == "history"
                ? test::runCli({"history", "--output-dir", out}, env)
                : test::runCli({"run", "--no-memory", "--output-dir", out, "--run-label", "next",
                                test::sampleProject("small")},
                               env);
        QVERIFY2(r.err.contains("run orphaned was left running by a filare-perf that is gone"),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("processes still running from it were ended"), qPrintable(r.err));
        QCOMPARE(test::processesWithMarker(marker), QList<qint64>());
        for (qint64 pid : left)
            QCOMPARE(processStartTicks(pid), 0);
        const QJsonObject rec = readJson(recordPath);
        QCOMPARE(rec.value("status").toString(), QStringLiteral("interrupted"));
        QVERIFY(rec.value("warnings").toVariant().toStringList().join('\n').contains("were ended"));
        if (command == "history")
            QVERIFY2(r.out.contains("interrupted"), qPrintable(r.out));
        else
            QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(3000)));

        // Found once: the next start has nothing to do.
        const test::CliResult again = test::runCli({"history", "--output-dir", out});
        QVERIFY2(!again.err.contains("left running"), qPrintable(again.err));
    }

    // Pids are reused: a record whose group is now a stranger's leaves the stranger alone, while
    // a group that is provably the run's is ended. Each record is marked interrupted.
    void staleRecordNeverKillsAStranger()
    {
        QTemporaryDir dir;
        const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString boot = currentBootId();
        QVERIFY(!boot.isEmpty());

        QProcess ours, stranger, strangerWithToken, strangerOtherBoot, oldFormat;
        startSleeper(ours, {{kRunTokenVariable, token}});
        startSleeper(stranger, {});
        startSleeper(strangerWithToken, {{kRunTokenVariable, token}});
        startSleeper(strangerOtherBoot, {{kRunTokenVariable, token}});
        startSleeper(oldFormat, {{kRunTokenVariable, token}});
        const auto ticks = [](const QProcess &p) { return processStartTicks(p.processId()); };

        // Ours: leader started when recorded, every process carries the token.
        writeStaleRecord(dir.filePath("ours-run.json"), "ours", ours.processId(), ticks(ours),
                         token, boot);
        // Same start time as recorded (worst case), but without the run's token.
        writeStaleRecord(dir.filePath("stranger-run.json"), "stranger", stranger.processId(),
                         ticks(stranger), token, boot);
        // The token, but the leader started at another time: the pid was reused.
        writeStaleRecord(dir.filePath("reused-run.json"), "reused", strangerWithToken.processId(),
                         ticks(strangerWithToken) - 1, token, boot);
        // Everything matches but the record is from another boot.
        writeStaleRecord(dir.filePath("oldboot-run.json"), "oldboot", strangerOtherBoot.processId(),
                         ticks(strangerOtherBoot), token, "00000000-0000-0000-0000-000000000000");
        // A record from before tokens were kept: nothing can be proved.
        writeStaleRecord(dir.filePath("old-run.json"), "old", oldFormat.processId(),
                         ticks(oldFormat), QString(), QString());
        QVERIFY(isLiveRun(QCoreApplication::applicationPid(),
                          processStartTicks(QCoreApplication::applicationPid()), boot));

        QMap<QString, StaleRun> stale;
        for (const StaleRun &s : recoverInterruptedRuns({dir.path()}))
            stale.insert(s.label, s);
        QCOMPARE(stale.keys(), QStringList({"old", "oldboot", "ours", "reused", "stranger"}));
        QCOMPARE(stale["ours"].endedProcesses, 1);
        QVERIFY(ours.waitForFinished(5000));
        QCOMPARE(ours.exitStatus(), QProcess::CrashExit); // SIGTERM
        QVERIFY2(stale["stranger"].leftAlone.contains("does not carry the run's FILARE_PERF_RUN"),
                 qPrintable(stale["stranger"].leftAlone));
        QVERIFY2(stale["reused"].leftAlone.contains("pid was reused"),
                 qPrintable(stale["reused"].leftAlone));
        for (const char *name : {"old", "oldboot"}) // not even looked at
            QVERIFY(stale[name].leftAlone.isEmpty());
        for (const StaleRun &s : stale) {
            if (s.label != "ours")
                QCOMPARE(s.endedProcesses, 0);
        }
        QTest::qWait(300);
        for (QProcess *p : {&stranger, &strangerWithToken, &strangerOtherBoot, &oldFormat})
            QCOMPARE(p->state(), QProcess::Running);
        for (const QString name : {"ours", "stranger", "reused", "oldboot", "old"})
            QCOMPARE(readJson(dir.filePath(name + "-run.json")).value("status").toString(),
                     QStringLiteral("interrupted"));
        QVERIFY(recoverInterruptedRuns({dir.path()}).isEmpty());
        // Written as interrupted, they are final: the history index keeps them.
        QCOMPARE(scanRunRecords({dir.path()}).runs.size(), 5);
        QCOMPARE(unfinishedRunRecords(dir.path()), QStringList());
        for (QProcess *p : {&stranger, &strangerWithToken, &strangerOtherBoot, &oldFormat}) {
            p->kill();
            p->waitForFinished();
        }
    }
};

QTEST_GUILESS_MAIN(CancelTest)
#include "tst_cancel.moc"
