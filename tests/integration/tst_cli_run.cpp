// SPDX-License-Identifier: GPL-3.0-or-later
// The real filare-perf running the real Filare under the real Scalene.
#include "core/process/proc_info.h"
#include "core/store/run_record.h"
#include "run_checks.h"
#include "test_support.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <csignal>

using namespace fperf;

namespace {

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(test::readAll(path).toUtf8()).object();
}

// A copy of the small sample in its own folder, so we can see that the folder stays untouched.
QString copySmallSample(const QTemporaryDir &dir, const QString &name = "harness.yml")
{
    const QString target = dir.filePath("project/" + name);
    QDir().mkpath(dir.filePath("project"));
    QFile::copy(test::sampleProject("small"), target);
    return target;
}

QStringList listTree(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

// Every file of the run (reports, JSON profile, log, record, Filare's outputs) and what the
// command printed: not one planted key.
void verifyNoSecretsIn(const QString &root, const test::CliResult &r)
{
    const QStringList values = test::plantedSecrets().values();
    QTemporaryDir canary; // the search itself finds a planted key
    QFile leak(canary.filePath("leak.txt"));
    QVERIFY(leak.open(QIODevice::WriteOnly));
    leak.write("x=" + values.last().toUtf8() + "\n");
    leak.close();
    QCOMPARE(test::filesContaining(canary.path(), values).size(), 1);
    int read = 0;
    QCOMPARE(test::filesContaining(root, values, &read), QStringList());
    QVERIFY(read >= 4);
    for (const QString &v : values)
        QVERIFY2(!(r.out + r.err).contains(v), qPrintable(v));
}

const QMap<QString, QString> kSecrets = test::plantedSecrets();
} // namespace

class CliRunTest : public QObject
{
    Q_OBJECT
private slots:
    void textReport()
    {
        QTemporaryDir dir;
        const QString project = copySmallSample(dir);
        const QStringList before = listTree(dir.filePath("project"));
        const QString out = dir.filePath("out");
        const auto r =
            test::runCli({"run", "--output-dir", out, "--run-label", "t1", project}, kSecrets);
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));

        // Filare's own outputs went to OUTPUT_DIR/LABEL-filare/, not the project folder.
        QCOMPARE(listTree(dir.filePath("project")), before);
        QVERIFY(QFileInfo(out + "/t1-filare/harness.html").isFile());

        // The JSON names Filare's own source files.
        const QJsonObject profile = readJson(out + "/t1-scalene.json");
        const QStringList files = profile.value("files").toObject().keys();
        QVERIFY(!files.isEmpty());
        int filareSources = 0;
        for (const QString &f : files) {
            // Scalene may also list the program it ran: Filare's console script.
            if (f == test::repoDir() + "/.venv/bin/filare")
                continue;
            QVERIFY2(f.contains("/site-packages/filare/") && f.endsWith(".py"), qPrintable(f));
            ++filareSources;
        }
        QVERIFY(filareSources >= 5);

        // HTML off gives a text report, with no terminal escapes.
        const QString text = test::readAll(out + "/t1-scalene.txt");
        QVERIFY(text.contains("Memory usage"));
        QVERIFY(text.contains("filare/"));
        QVERIFY(!text.contains(QChar(0x1b)));
        QVERIFY(!QFile::exists(out + "/t1-scalene.html"));

        // The record says how the run was made and what it found.
        const QJsonObject rec = readJson(out + "/t1-run.json");
        QCOMPARE(rec.value("status").toString(), QStringLiteral("succeeded"));
        QCOMPARE(rec.value("label").toString(), QStringLiteral("t1"));
        QCOMPARE(rec.value("exit_code").toInt(-1), 0);
        QVERIFY(rec.value("duration_s").toDouble() > 0);
        QVERIFY(rec.value("peak_mb").toDouble() > 1);
        QCOMPARE(rec.value("tools").toObject().value("scalene").toString(),
                 QStringLiteral("2.4.0"));
        QCOMPARE(rec.value("tools").toObject().value("filare").toString(), QStringLiteral("1.6.0"));
        QCOMPARE(rec.value("project_files").toArray().first().toString(), project);
        QVERIFY(!rec.value("top_cpu").toArray().isEmpty());
        QVERIFY(rec.value("top_cpu").toArray().size() <= 5);
        QVERIFY(!rec.value("top_memory").toArray().isEmpty());
        const QJsonObject rate =
            rec.value("settings").toObject().value("scalene.cpu_rate").toObject();
        QCOMPARE(rate.value("value").toString(), QStringLiteral("0.01"));
        QCOMPARE(rate.value("source").toString(), QStringLiteral("default"));
        QCOMPARE(rec.value("settings")
                     .toObject()
                     .value("run_label")
                     .toObject()
                     .value("source")
                     .toString(),
                 QStringLiteral("command line"));
        const QJsonArray commands = rec.value("commands").toArray();
        QCOMPARE(commands.size(), 2);
        for (const QJsonValue &v : commands) {
            const QJsonObject c = v.toObject();
            QVERIFY(!c.value("argv").toArray().isEmpty());
            QVERIFY(c.contains("cwd"));
            QVERIFY(c.value("env_changes").isObject());
            for (const QString &name : kSecrets.keys()) // names only, never values
                QVERIFY2(c.value("env_removed").toArray().contains(name), qPrintable(name));
        }
        const QJsonArray argv = commands.first().toObject().value("argv").toArray();
        QVERIFY(argv.contains("---"));
        QVERIFY(argv.contains("--profile-only"));
        QVERIFY(test::readAll(out + "/t1.log").contains("Input file:"));

        // The summary on stdout.
        QVERIFY(r.out.contains("t1: succeeded"));
        QVERIFY(r.out.contains("Top CPU lines"));
        QVERIFY(r.out.contains(out + "/t1-scalene.txt"));
        verifyNoSecretsIn(out, r);
        // Bad input of every kind (a label already used among them): tst_bad_input.
    }

    void htmlReport()
    {
        QTemporaryDir dir;
        const QString project = copySmallSample(dir, "my harness ü.yml");
        const QString out = dir.filePath("out dir ü");
        // Settings from the environment this time, with odd characters in the project's name.
        QMap<QString, QString> env = kSecrets;
        env.insert("FIL_PERF_OUTPUT_DIR", out);
        env.insert("FIL_PERF_SCALENE_HTML", "on");
        const auto r = test::runCli({"run", "--run-label", "h1", project}, env);
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        const QString html = test::readAll(out + "/h1-scalene.html");
        QVERIFY(html.size() > 100000);
        QVERIFY(html.contains("<script"));
        // Standalone: no script is loaded from anywhere else.
        static const QRegularExpression remote(
            QStringLiteral("<script[^>]*\\bsrc\\s*=\\s*[\"']?(https?:)?//"),
            QRegularExpression::CaseInsensitiveOption);
        QVERIFY(!remote.match(html).hasMatch());
        QVERIFY(!QFile::exists(out + "/h1-scalene.txt"));
        QVERIFY(!QFile::exists(out + "/.h1-view")); // scratch folder cleaned
        QVERIFY(QFile::exists(out + "/h1-scalene.json"));
        QCOMPARE(
            readJson(out + "/h1-run.json").value("reports").toObject().value("html").toString(),
            out + "/h1-scalene.html");
        verifyNoSecretsIn(out, r);
    }

    void scalene15TextReport()
    {
        // Debian's Scalene 1.5.16, on a "desktop": a display and a browser opener on PATH.
        // Without --cli, 1.5.x would ignore --outfile, write profile.json and profile.html into
        // the project folder and open a browser.
        QTemporaryDir dir;
        const QString project = copySmallSample(dir);
        const QStringList before = listTree(dir.filePath("project"));
        const QString out = dir.filePath("out");
        const QString opener = dir.filePath("bin/xdg-open");
        QDir().mkpath(dir.filePath("bin"));
        QFile script(opener);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(QStringLiteral("#!/bin/sh\necho \"$@\" >> '%1'\n")
                         .arg(dir.filePath("browser-opened"))
                         .toUtf8());
        script.close();
        QVERIFY(script.setPermissions(script.permissions() | QFile::ExeOwner));
        QMap<QString, QString> env = kSecrets;
        env.insert("DISPLAY", ":0");
        env.insert("PATH", dir.filePath("bin") + ":" + qEnvironmentVariable("PATH"));
        const auto r = test::runCli({"run", "--python", test::venv15Python(), "--output-dir", out,
                                     "--run-label", "s15", project},
                                    env);
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        QVERIFY(!QFile::exists(dir.filePath("browser-opened")));
        QCOMPARE(listTree(dir.filePath("project")), before);
        QVERIFY(QFileInfo(out + "/s15-filare/harness.html").isFile());
        // Said before the run: 1.5 with memory on will likely measure none (issue 16).
        const qsizetype warned = r.err.indexOf("recording no allocation at all");
        QVERIFY2(warned >= 0 && warned < r.err.indexOf("[profile]"), qPrintable(r.err.left(3000)));

        // Filare's own sources, from the 1.5 venv, without its templates.
        const QJsonObject profile = readJson(out + "/s15-scalene.json");
        QVERIFY(profile.contains("elapsed_time_sec"));
        const QStringList files = profile.value("files").toObject().keys();
        QVERIFY(files.size() >= 3);
        for (const QString &f : files)
            QVERIFY2(f.startsWith(test::repoDir() + "/.venv-scalene15/") &&
                         f.contains("/site-packages/filare/") && f.endsWith(".py"),
                     qPrintable(f));

        const QString text = test::readAll(out + "/s15-scalene.txt");
        // Memory profiling was on, but 1.5.16 records no allocation on Filare's runs: 0
        // allocation samples and a peak of 0 MB. Not a measurement: said so, never 0.
        QVERIFY2(text.startsWith("Scalene 1.5 profile: ") &&
                     text.contains("memory usage: not measured (memory profiling was on, but "
                                   "Scalene recorded no allocation") &&
                     text.contains("/site-packages/filare/") && text.contains("Python %"),
                 qPrintable(text.left(2000)));
        QVERIFY(!QFile::exists(out + "/s15-scalene.html"));

        const QJsonObject rec = readJson(out + "/s15-run.json");
        QCOMPARE(rec.value("status").toString(), QStringLiteral("succeeded"));
        QCOMPARE(rec.value("tools").toObject().value("scalene").toString(),
                 QStringLiteral("1.5.16"));
        QCOMPARE(rec.value("interpreter").toString(), test::venv15Python());
        QVERIFY(rec.value("cpu_samples").isNull()); // 1.5.x does not count them
        QVERIFY(rec.value("peak_mb").isNull());
        QVERIFY2(rec.value("memory_not_measured").toString().contains("Scalene 2.x"),
                 qPrintable(rec.value("memory_not_measured").toString()));
        QVERIFY2(r.out.contains("peak memory: not measured") &&
                     r.out.contains("Memory not measured: memory profiling was on") &&
                     !r.out.contains("0.0 MB"),
                 qPrintable(r.out.right(2000)));
        QVERIFY(!rec.value("top_cpu").toArray().isEmpty());
        // History says so too (history --json, the History table's Memory column).
        const auto history = test::runCli({"history", "--json", "--output-dir", out});
        const QJsonObject listed = QJsonDocument::fromJson(history.out.toUtf8())
                                       .object()
                                       .value("runs")
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QVERIFY2(listed.value("memory_not_measured").toString().contains("Scalene 2.x"),
                 qPrintable(history.out.left(2000)));
        QVERIFY(listed.value("peak_mb").isNull());
        const QJsonArray commands = rec.value("commands").toArray();
        QCOMPARE(commands.size(), 2);
        const QJsonArray argv = commands.at(0).toObject().value("argv").toArray();
        QCOMPARE(argv.at(3).toString(), QStringLiteral("--cli"));
        QCOMPARE(commands.at(1).toObject().value("role").toString(), QStringLiteral("text-report"));
        // The summary leaves out the sample count it does not have.
        QVERIFY2(r.out.contains("Profiled time:") && !r.out.contains("CPU samples"),
                 qPrintable(r.out.right(2000)));
        QVERIFY(r.out.contains("Top CPU lines:"));
        verifyNoSecretsIn(out, r);
    }

    void scalene15HtmlReport()
    {
        QTemporaryDir dir;
        const QString project = copySmallSample(dir);
        const QString out = dir.filePath("out");
        const auto r =
            test::runCli({"run", "--python", test::venv15Python(), "--html", "--no-memory",
                          "--output-dir", out, "--run-label", "w15", project},
                         kSecrets);
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        // 1.5.x's interactive page: the profile inlined, its libraries named by CDN URL (the
        // report view serves local copies of them).
        const QString html = test::readAll(out + "/w15-scalene.html");
        QVERIFY(html.size() > 50000);
        QVERIFY(html.contains("vegaEmbed"));
        QVERIFY(html.contains("https://cdn.jsdelivr.net/npm/vega@5.21.0"));
        QVERIFY(html.contains("\"elapsed_time_sec\""));
        QVERIFY(!QFile::exists(out + "/w15-scalene.txt"));
        QVERIFY(!QFile::exists(out + "/.w15-view")); // scratch folder cleaned
        const QJsonObject rec = readJson(out + "/w15-run.json");
        QCOMPARE(rec.value("reports").toObject().value("html").toString(),
                 out + "/w15-scalene.html");
        QVERIFY(rec.value("warnings").toArray().size() >= 1);
        for (const QJsonValue &w : rec.value("warnings").toArray())
            QVERIFY2(!w.toString().contains("could not be written"), qPrintable(w.toString()));
        verifyNoSecretsIn(out, r);
    }

    void baselineAndPlainRuns()
    {
        QTemporaryDir dir;
        const QString project = copySmallSample(dir);
        const QString out = dir.filePath("out");
        auto r = test::runCli({"run", "--baseline", "--no-memory", "--output-dir", out,
                               "--run-label", "b1", project});
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        QJsonObject rec = readJson(out + "/b1-run.json");
        QVERIFY(rec.value("baseline_s").toDouble() > 0);
        QVERIFY(rec.value("overhead_ratio").toDouble() > 0.5);
        QCOMPARE(rec.value("commands").toArray().first().toObject().value("role").toString(),
                 QStringLiteral("baseline"));
        QVERIFY(r.out.contains("Overhead:"));

        r = test::runCli(
            {"run", "--no-scalene", "--output-dir", out, "--run-label", "p1", project});
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        rec = readJson(out + "/p1-run.json");
        QCOMPARE(rec.value("status").toString(), QStringLiteral("succeeded"));
        QVERIFY(!QFile::exists(out + "/p1-scalene.json"));
        QVERIFY(QFile::exists(out + "/p1-filare/harness.html"));
    }

    // run --live prints each snapshot's top lines while a real Filare build goes on; the
    // timeout then stops it and keeps a partial profile (issue 16). Without an interval,
    // --live says what to set.
    void liveSnapshotsAndATimeout()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        auto r = test::runCli({"run", "--live", "--output-dir", out, test::largeSample().first()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--live shows the snapshots") &&
                     r.err.contains("--profile-interval 10"),
                 qPrintable(r.err));
        QVERIFY(!QDir(out).exists());

        r = test::runCli({"run", "--live", "--profile-interval", "2", "--timeout", "14",
                          "--no-memory", "--output-dir", out, "--run-label", "l1",
                          test::largeSample().first()});
        QVERIFY2(r.exitCode == 124, qPrintable((r.out + r.err).right(3000)));
        QVERIFY2(r.out.count("== live, ") >= 2, qPrintable(r.out.right(3000)));
        QVERIFY2(r.out.contains(QRegularExpression(
                     R"(live, \d+ s in: the profile covers [\d.]+ s\n +[\d.]+ s  filare/)")),
                 qPrintable(r.out.right(3000)));
        QVERIFY(r.out.contains("Partial profile:"));
        const QJsonObject rec = readJson(out + "/l1-run.json");
        QCOMPARE(rec.value("status").toString(), QStringLiteral("timed_out"));
        QCOMPARE(rec.value("profile_state").toString(), QStringLiteral("partial"));
        QVERIFY(!QFile::exists(out + "/.l1-scalene.snapshot.json"));
        // History: partial, in the table and in --json.
        r = test::runCli({"history", "--output-dir", out});
        QVERIFY2(r.out.contains("timed out · partial profile"), qPrintable(r.out));
        r = test::runCli({"history", "--json", "--output-dir", out});
        const QJsonObject run = QJsonDocument::fromJson(r.out.toUtf8())
                                    .object()
                                    .value("runs")
                                    .toArray()
                                    .first()
                                    .toObject();
        QCOMPARE(run.value("profile_partial").toBool(), true);
    }

    // rerun repeats a recorded run through the same session use case as History's Re-run:
    // the same files, settings and interpreter, a new label; a missing run is explained.
    void rerunRepeatsTheRecordedRun()
    {
        QTemporaryDir dir;
        const QString project = copySmallSample(dir);
        const QString out = dir.filePath("out");
        auto r = test::runCli({"run", "--no-memory", "--formats", "t", "--cpu-rate", "0.02",
                               "--output-dir", out, "--run-label", "r1", project});
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        // From another folder, with a variable that would change the output folder.
        r = test::runCli({"rerun", "--output-dir", out, "r1"},
                         {{"FIL_PERF_SCALENE_CPU_RATE", "0.05"}}, 600000, dir.filePath("project"));
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        QVERIFY(r.err.contains("re-running r1"));
        QStringList records = QDir(out).entryList({"*-run.json"});
        records.removeAll("r1-run.json");
        QCOMPARE(records.size(), 1);
        const QJsonObject a = readJson(out + "/r1-run.json");
        const QJsonObject b = readJson(out + u'/' + records.first());
        QCOMPARE(b.value("status").toString(), QStringLiteral("succeeded"));
        QCOMPARE(b.value("project_files"), a.value("project_files"));
        QCOMPARE(b.value("interpreter"), a.value("interpreter"));
        const QJsonObject sa = a.value("settings").toObject();
        const QJsonObject sb = b.value("settings").toObject();
        QCOMPARE(sb.keys(), sa.keys());
        for (const QString &key : sa.keys()) {
            if (key == u"run_label" || key == u"python")
                continue;
            QCOMPARE(sb.value(key).toObject().value("value"),
                     sa.value(key).toObject().value("value"));
        }
        QCOMPARE(sb.value("scalene.cpu_rate").toObject().value("value").toString(),
                 QStringLiteral("0.02"));

        r = test::runCli({"rerun", "--output-dir", out, "nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no run \"nope\"") && r.err.contains("filare-perf history"),
                 qPrintable(r.err));
    }

    // Every signal that asks a run to stop (Ctrl+C, kill, a closed terminal or SSH session,
    // Ctrl+\) ends it as cancelled, with 128 + the signal as exit code, and leaves nothing
    // of its process group.
    void stopSignalCancelsTheRun_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGHUP") << int(SIGHUP);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGQUIT") << int(SIGQUIT);
    }
    void stopSignalCancelsTheRun()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir dir;
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QProcess p;
        QVERIFY(test::startRun(p, dir.path(), marker, "sig", {test::sampleProject("small")}));
        QVERIFY2(!test::processesWithMarker(marker).isEmpty(), "the run should still be going");
        // The running record names the profiled command's group (the final one no longer does).
        const QString recordPath = dir.filePath("out/sig-run.json");
        QString error;
        const auto running = loadRunRecord(recordPath, &error);
        QVERIFY2(running, qPrintable(error));
        QCOMPARE(runStatusName(running->status), runStatusName(RunStatus::Running));
        const qint64 group = running->processGroup;
        QVERIFY(group > 0);
        QVERIFY(!livePidsInGroup(group).isEmpty());
        QCOMPARE(::kill(pid_t(p.processId()), signalNumber), 0);
        QVERIFY(p.waitForFinished(30000));
        const QString errText = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + signalNumber);
        QVERIFY2(errText.contains(QLatin1String(QTest::currentDataTag()) + ": stopping the run"),
                 qPrintable(errText.right(2000)));

        const auto record = loadRunRecord(recordPath, &error);
        QVERIFY2(record, qPrintable(error));
        QCOMPARE(runStatusName(record->status), runStatusName(RunStatus::Cancelled));
        QCOMPARE(livePidsInGroup(group), QList<qint64>());
        QCOMPARE(test::processesWithMarker(marker), QList<qint64>());
        QCOMPARE(test::finalRecordProblem(recordPath), QString());
    }

    // `filare-perf run ... | head -n 1`: the reader goes after the first line. SIGPIPE does not
    // stop the run (nobody asked to); the lines after are dropped and the run ends as usual.
    void closedStdoutPipeFinishesTheRun()
    {
        QTemporaryDir dir;
        const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QProcessEnvironment env = test::cleanEnvironment(dir.filePath("config"));
        env.insert("FPERF_TEST_MARKER", marker);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start("bash", {"-c", R"("$@" | head -n 1; exit "${PIPESTATUS[0]}")", "bash",
                         test::filarePerfBinary(), "run", "--no-memory", "--output-dir",
                         dir.filePath("out"), "--run-label", "pipe", test::sampleProject("small")});
        QVERIFY(p.waitForFinished(600000));
        const QString errText = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0,
                 qPrintable(QString::number(p.exitCode()) + u'\n' + errText.right(3000)));
        // head took the first of the many lines Filare and the summary print.
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).startsWith("Input file:"));
        QString error;
        const auto record = loadRunRecord(dir.filePath("out/pipe-run.json"), &error);
        QVERIFY2(record, qPrintable(error));
        QCOMPARE(runStatusName(record->status), runStatusName(RunStatus::Succeeded));
        QVERIFY(QFile::exists(record->paths.text));
        QCOMPARE(test::finalRecordProblem(dir.filePath("out/pipe-run.json")), QString());
        QCOMPARE(test::processesWithMarker(marker), QList<qint64>());
    }

    void settingsCommand()
    {
        QTemporaryDir dir;
        const QString project = copySmallSample(dir);
        QFile f(dir.filePath("project/filare-perf.env"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("FIL_PERF_SCALENE_CPU_RATE=0.02\n");
        f.close();
        auto r = test::runCli({"settings", project}, {{"FIL_PERF_SCALENE_HTML", "yes"}});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(
            r.out.contains(QRegularExpression("FIL_PERF_SCALENE_CPU_RATE +0.02 +project file")));
        QVERIFY(r.out.contains(QRegularExpression("FIL_PERF_SCALENE_HTML +1 +environment")));
        QVERIFY(r.out.contains(dir.filePath("project/outputs/perf")));

        r = test::runCli({"settings", "--export", "--no-memory", project});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("FIL_PERF_SCALENE_MEMORY=0"));
        QVERIFY(r.out.contains("FIL_PERF_SCALENE_CPU_RATE=0.02"));
        // The export is a settings file that gives the same values back.
        QFile exported(dir.filePath("exported.env"));
        QVERIFY(exported.open(QIODevice::WriteOnly));
        exported.write(r.out.toUtf8());
        exported.close();
        const auto again =
            test::runCli({"settings", "--export", "--settings", exported.fileName()});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains("FIL_PERF_SCALENE_MEMORY=0"));
        QVERIFY(again.out.contains("FIL_PERF_SCALENE_CPU_RATE=0.02"));

        r = test::runCli({"settings"}, {{"FIL_PERF_SCALENE_CPU_RATE", "5"}});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("out of range"));
    }
};

QTEST_GUILESS_MAIN(CliRunTest)
#include "tst_cli_run.moc"
