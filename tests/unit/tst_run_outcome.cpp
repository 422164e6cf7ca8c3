// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/run_outcome.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

Q_DECLARE_METATYPE(fperf::RunStatus)
Q_DECLARE_METATYPE(fperf::ProfileState)

class RunOutcomeTest : public QObject
{
    Q_OBJECT
private slots:
    void table_data()
    {
        QTest::addColumn<bool>("startFailed");
        QTest::addColumn<bool>("crashExit");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("cancelled");
        QTest::addColumn<bool>("profiled");
        QTest::addColumn<ProfileState>("profile");
        QTest::addColumn<RunStatus>("status");
        QTest::addColumn<int>("cliExit");
        QTest::addColumn<bool>("warned");
        using PS = ProfileState;
        using RS = RunStatus;
        QTest::newRow("ok") << false << false << 0 << false << true << PS::Valid << RS::Succeeded
                            << 0 << false;
        QTest::newRow("empty profile")
            << false << false << 0 << false << true << PS::Empty << RS::TooShort << 5 << true;
        QTest::newRow("no profile")
            << false << false << 0 << false << true << PS::Missing << RS::NoProfile << 5 << true;
        QTest::newRow("garbage profile")
            << false << false << 0 << false << true << PS::Unreadable << RS::NoProfile << 5 << true;
        QTest::newRow("filare failed, profile kept")
            << false << false << 1 << false << true << PS::Valid << RS::Failed << 4 << true;
        QTest::newRow("filare exit 3")
            << false << false << 3 << false << true << PS::Missing << RS::Failed << 4 << false;
        QTest::newRow("segv (245)")
            << false << false << 245 << false << true << PS::Missing << RS::Crashed << 5 << false;
        QTest::newRow("sigterm (143) with profile")
            << false << false << 143 << false << true << PS::Valid << RS::Crashed << 5 << true;
        QTest::newRow("crash exit")
            << false << true << 0 << false << true << PS::Missing << RS::Crashed << 5 << false;
        QTest::newRow("cancelled with profile")
            << false << false << 0 << true << true << PS::Valid << RS::Cancelled << 130 << true;
        QTest::newRow("cancelled by kill")
            << false << true << 9 << true << true << PS::Missing << RS::Cancelled << 130 << false;
        QTest::newRow("start failed")
            << true << false << -1 << false << true << PS::Missing << RS::Failed << 3 << false;
        QTest::newRow("plain ok") << false << false << 0 << false << false << PS::Missing
                                  << RS::Succeeded << 0 << false;
        QTest::newRow("plain failed")
            << false << false << 1 << false << false << PS::Missing << RS::Failed << 4 << false;
    }
    void table()
    {
        QFETCH(bool, startFailed);
        QFETCH(bool, crashExit);
        QFETCH(int, exitCode);
        QFETCH(bool, cancelled);
        QFETCH(bool, profiled);
        QFETCH(ProfileState, profile);
        QFETCH(RunStatus, status);
        QFETCH(int, cliExit);
        QFETCH(bool, warned);
        const Outcome o =
            classifyOutcome({startFailed, crashExit, exitCode, cancelled}, profiled, profile);
        QCOMPARE(runStatusName(o.status), runStatusName(status));
        QCOMPARE(o.cliExitCode, cliExit);
        QCOMPARE(!o.warnings.isEmpty(), warned);
    }

    void statusNamesRoundTrip()
    {
        for (RunStatus s : {RunStatus::Running, RunStatus::Succeeded, RunStatus::Failed,
                            RunStatus::TooShort, RunStatus::Crashed, RunStatus::NoProfile,
                            RunStatus::Cancelled, RunStatus::Interrupted}) {
            bool ok = false;
            QCOMPARE(runStatusFromName(runStatusName(s), &ok), s);
            QVERIFY(ok);
        }
        bool ok = true;
        runStatusFromName("bogus", &ok);
        QVERIFY(!ok);
    }

    // The same classification on what the real Scalene does with real endings.
    void realScalene_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<RunStatus>("status");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("ok") << "ok" << RunStatus::Succeeded << 0;
        QTest::newRow("sys.exit(3)") << "exit3" << RunStatus::Failed << 3;
        QTest::newRow("uncaught exception") << "raise" << RunStatus::Failed << 1;
        QTest::newRow("too short") << "short" << RunStatus::TooShort << 0;
        QTest::newRow("SIGSEGV") << "segv" << RunStatus::Crashed << -1;
    }
    void realScalene()
    {
        QFETCH(QString, mode);
        QFETCH(RunStatus, status);
        QFETCH(int, exitCode);
        QTemporaryDir dir;
        const QString json = dir.filePath("p.json");
        const auto r = test::runToEnd(
            test::scaleneOnScript(test::dataFile("endings.py"), json, {mode}, {"--cpu-only"}));
        QVERIFY(!r.timedOut);
        QVERIFY(!r.result.startFailed);
        if (exitCode >= 0)
            QCOMPARE(r.result.exitCode, exitCode);
        else
            QVERIFY2(r.result.exitCode >= 128 || r.result.crashExit,
                     qPrintable(QString::number(r.result.exitCode)));
        const ProfileSummary profile = loadProfileSummary(json);
        const Outcome o = classifyOutcome({false, r.result.crashExit, r.result.exitCode, false},
                                          true, profile.state);
        QCOMPARE(runStatusName(o.status), runStatusName(status));
        if (mode == "raise")
            QVERIFY(r.stderrLines.join('\n').contains("planted failure"));
    }

    void pythonErrorLine_data()
    {
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QString>("error");
        const QString wrapped = "UnknownTemplateDesignator: Unknown template/designator 'W9' "
                                "(known connectors: ";
        QTest::newRow("rich, wrapped at 80 columns")
            << QStringList{"╰──────╯", wrapped.leftJustified(80), "X1; known cables: none)", "",
                           "Scalene: profile saved to /x.json"}
            << wrapped + "X1; known cables: none)";
        QTest::newRow("plain traceback, module-qualified")
            << QStringList{"Traceback (most recent call last):", "  File \"a.py\", line 1",
                           "yaml.parser.ParserError: while parsing", "  in \"<x>\", line 2"}
            << "yaml.parser.ParserError: while parsing";
        QTest::newRow("the last one wins")
            << QStringList{"OSError: [Errno 28] No space left on device", "",
                           "During handling of the above exception, another exception occurred:",
                           "KeyError: 'x'"}
            << "KeyError: 'x'";
        QTest::newRow("not errors") << QStringList{"Warning: More than 2 colors", "Input file: x",
                                                   "Scalene: An exception of type OSError"}
                                    << "";
    }
    void pythonErrorLine()
    {
        QFETCH(QStringList, lines);
        QFETCH(QString, error);
        QCOMPARE(fperf::pythonErrorLine(lines), error);
    }

    void scaleneImportRace_data()
    {
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<bool>("race");
        // As logged by a real run that hit it (paths shortened).
        const QStringList seen{
            "  File \".../scalene/replacement_exec.py\", line 120, in exec_replacement",
            "    orig_exec(__source, globals, **kwargs)",
            "  File \".../typer/__init__.py\", line 8, in <module>",
            "  File \"<frozen importlib._bootstrap>\", line 1173, in _find_and_load",
            "  File \"<frozen importlib._bootstrap>\", line 123, in acquire",
            "KeyError: 139632964515776",
            "Scalene: The specified code did not run for long enough to profile."};
        QTest::newRow("seen") << seen << true;
        QTest::newRow("a KeyError of the program")
            << QStringList{"  File \".../scalene/replacement_exec.py\", line 120, in "
                           "exec_replacement",
                           "  File \".../filare/models/harness.py\", line 12, in build",
                           "KeyError: 'W9'"}
            << false;
        QTest::newRow("no Scalene frame")
            << QStringList{"  File \"<frozen importlib._bootstrap>\", line 123, in acquire",
                           "KeyError: 1"}
            << false;
        QTest::newRow("empty") << QStringList{} << false;
    }
    void scaleneImportRace()
    {
        QFETCH(QStringList, lines);
        QFETCH(bool, race);
        QCOMPARE(fperf::isScaleneImportRace(lines), race);
    }
};

QTEST_GUILESS_MAIN(RunOutcomeTest)
#include "tst_run_outcome.moc"
