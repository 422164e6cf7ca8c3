// SPDX-License-Identifier: GPL-3.0-or-later
// Cancelling a real profiled Filare run leaves no process of it behind.
#include "core/interpreter_resolver.h"
#include "core/run_controller.h"
#include "core/run_history.h"
#include "core/settings_resolver.h"
#include "core/tool_check.h"
#include "test_support.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <csignal>

using namespace fperf;

namespace {
// `filare-perf run` on the large sample, its processes marked; returns once Filare has started.
void startLargeRun(QProcess &p, const QTemporaryDir &dir, const QString &marker, const char *label)
{
    QProcessEnvironment env = test::cleanEnvironment(dir.filePath("config"));
    env.insert("FPERF_TEST_MARKER", marker);
    p.setProcessEnvironment(env);
    p.start(test::filarePerfBinary(),
            QStringList{"run", "--output-dir", dir.filePath("out"), "--run-label", label} +
                test::largeSample());
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QString::fromUtf8(p.peek(1 << 20)).contains("Input file:") ||
                                 p.state() == QProcess::NotRunning,
                             30000);
}
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
        startLargeRun(p, dir, marker, "ctrlc");
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
        startLargeRun(p, dir, marker, "killed");
        QVERIFY(p.state() == QProcess::Running);
        QVERIFY(test::processesWithMarker(marker).size() >= 3); // guardian, Scalene, Filare...
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(5000));
        QTRY_COMPARE_WITH_TIMEOUT(test::processesWithMarker(marker), QList<qint64>(), 3000);
        const HistoryScan scan = scanRunRecords({dir.filePath("out")});
        QCOMPARE(scan.runs.size(), 1);
        QCOMPARE(scan.runs.first().status, RunStatus::Interrupted);
    }
};

QTEST_GUILESS_MAIN(CancelTest)
#include "tst_cancel.moc"
