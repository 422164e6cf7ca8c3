// SPDX-License-Identifier: GPL-3.0-or-later
// Filare projects as Filare builds them (metadata, components, folders, other commands,
// pass-through arguments): the real filare-perf, the real Filare, the real Scalene, on the
// multi-sheet sample.
#include "core/settings/performance_settings.h"
#include "core/store/run_record.h"
#include "test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

namespace {

QString sampleDir()
{
    return test::repoDir() + "/resources/samples/multi-sheet";
}

const QStringList kSheets{"power.yml", "sensors.yml", "controls.yml"};

// A copy of the sample, so that nothing can be written into the repository.
QString copySample(const QTemporaryDir &dir)
{
    const QString target = dir.filePath("IR-40 project");
    QDir().mkpath(target);
    for (const QFileInfo &f : QDir(sampleDir()).entryInfoList(QDir::Files))
        QFile::copy(f.absoluteFilePath(), target + "/" + f.fileName());
    return target;
}

RunRecord loadRecord(const QString &path)
{
    QString error;
    const auto record = loadRunRecord(path, &error);
    if (!record)
        qWarning("%s", qPrintable(error));
    return record.value_or(RunRecord{});
}

QStringList profiledFilareArgv(const RunRecord &r)
{
    for (const ExecutedCommand &c : r.commands) {
        if (c.spec.role == CommandRole::Profile)
            return c.spec.argv.mid(c.spec.argv.indexOf("---") + 1);
    }
    return {};
}

// Plain Filare, by hand, as a user would run it: its exit code.
int plainFilare(const QString &cwd, const QStringList &args, QString *stderrText)
{
    QTemporaryDir out;
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(test::repoDir() + "/.venv/bin/filare", args + QStringList{"-o", out.path()});
    if (!p.waitForFinished(300000))
        return -1;
    *stderrText = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// A profiled run. Scalene now and then dies of SIGSEGV on a loaded machine, which is not what
// these tests look at: such a run is reported, its files removed, and run once more.
test::CliResult profileRun(const QStringList &args, const QMap<QString, QString> &env = {},
                           int timeoutMs = 600000, const QString &cwd = {})
{
    test::CliResult r = test::runCli(args, env, timeoutMs, cwd);
    if (!(r.out + r.err).contains("received signal SIGSEGV"))
        return r;
    qWarning("Scalene crashed (SIGSEGV); running once more:\n%s", qPrintable(r.err.right(1500)));
    const qsizetype o = args.indexOf("--output-dir"), l = args.indexOf("--run-label");
    if (o >= 0 && l >= 0)
        test::removeRunFiles(args.value(o + 1), args.value(l + 1));
    return test::runCli(args, env, timeoutMs, cwd);
}

const QStringList kFast{"--no-memory", "--formats", "hstb"};
} // namespace

class FilareProjectsTest : public QObject
{
    Q_OBJECT
private slots:
    // Named files, as Filare takes them; relative option paths are the current folder's.
    void fileListWithMetadataAndComponents()
    {
        QTemporaryDir dir;
        const QString project = copySample(dir);
        const QString out = dir.filePath("out");
        const auto r = profileRun(
            QStringList{"run", "--output-dir", out, "--run-label", "files"} + kFast + kSheets +
                QStringList{"--metadata", "metadata.yml", "--components", "components.yml"},
            {}, 600000, project);
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        const RunRecord rec = loadRecord(out + "/files-run.json");
        QCOMPARE(rec.status, RunStatus::Succeeded);
        QCOMPARE(rec.settings.values.filare.metadata, QStringList{project + "/metadata.yml"});
        QCOMPARE(rec.settings.values.filare.components, QStringList{project + "/components.yml"});
        QCOMPARE(rec.settings.origins.value(settingKey(SettingId::FilareMetadata)).source,
                 SettingSource::CommandLine);
        const QStringList argv = profiledFilareArgv(rec);
        QVERIFY2(argv.join(' ').contains("-d " + project + "/metadata.yml -c " + project +
                                         "/components.yml"),
                 qPrintable(argv.join(' ')));
        // Filare built the whole document: the title page and the shared BOM.
        QVERIFY(QFileInfo(out + "/files-filare/titlepage.html").isFile());
        QVERIFY(QFileInfo(out + "/files-filare/shared_bom.tsv").isFile());
        QVERIFY(!r.err.contains("no project file has a metadata block"));

        // `show` prints the run's tables from its profile.
        const auto shown = test::runCli({"show", "--output-dir", out, "files", "--top", "3"});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        QVERIFY2(shown.out.contains("Lines by CPU %, 3 of"), qPrintable(shown.out));
        QVERIFY(shown.out.contains("filare/"));
        const auto functions = test::runCli({"show", "--output-dir", out, "files", "--functions",
                                             "--format", "json", "--top", "2"});
        QCOMPARE(functions.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(functions.out.toUtf8()).object();
        QCOMPARE(json.value("level").toString(), QStringLiteral("functions"));
        QCOMPARE(json.value("rows").toArray().size(), 2);
        const auto missing = test::runCli({"show", "--output-dir", out, "nothere"});
        QCOMPARE(missing.exitCode, 2);
        const auto badSort = test::runCli({"show", "--output-dir", out, "files", "--sort", "x"});
        QCOMPARE(badSort.exitCode, 2);
        QVERIFY(badSort.err.contains("--sort x is not a column"));
    }

    // The folder: files told apart by content, printed, recorded as picked from the folder.
    void folderIsPickedByContent()
    {
        QTemporaryDir dir;
        const QString project = copySample(dir);
        // Names that say nothing: the content decides.
        QVERIFY(QFile::rename(project + "/metadata.yml", project + "/a-sheet2.yml"));
        QVERIFY(QFile::rename(project + "/components.yml", project + "/b-sheet10.yml"));
        QFile notes(project + "/notes.yaml");
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("just: a note\n");
        notes.close();
        const QString out = dir.filePath("out");
        const auto r = profileRun(QStringList{"run", "--output-dir", out, "--run-label", "dir"} +
                                      kFast + QStringList{project},
                                  {}, 600000, dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        QVERIFY2(r.err.contains("harnesses   controls.yml, power.yml, sensors.yml"),
                 qPrintable(r.err.left(2000)));
        QVERIFY(r.err.contains("metadata    a-sheet2.yml"));
        QVERIFY(r.err.contains("components  b-sheet10.yml"));
        QVERIFY(r.err.contains("skipped     notes.yaml: not a Filare file"));
        const RunRecord rec = loadRecord(out + "/dir-run.json");
        QCOMPARE(rec.status, RunStatus::Succeeded);
        QCOMPARE(rec.projectFiles, (QStringList{project + "/controls.yml", project + "/power.yml",
                                                project + "/sensors.yml"}));
        // Named as the folder holds them (relative paths are the project's folder's).
        QCOMPARE(rec.settings.values.filare.metadata, QStringList{"a-sheet2.yml"});
        QVERIFY(profiledFilareArgv(rec).join(' ').contains("-d " + project + "/a-sheet2.yml -c " +
                                                           project + "/b-sheet10.yml"));
        QCOMPARE(rec.settings.origins.value(settingKey(SettingId::FilareMetadata)).source,
                 SettingSource::ProjectFolder);
        QVERIFY(QFileInfo(out + "/dir-filare/titlepage.html").isFile());

        // Re-run repeats it: same sheets, metadata, components.
        const auto again = test::runCli({"rerun", "--output-dir", out, "dir"}, {}, 600000);
        QVERIFY2(again.exitCode == 0, qPrintable((again.out + again.err).right(3000)));
        QDir runs(out);
        const QStringList records = runs.entryList({"controls-*-run.json"});
        QCOMPARE(records.size(), 1);
        const RunRecord re = loadRecord(out + "/" + records.first());
        QCOMPARE(re.projectFiles, rec.projectFiles);
        QCOMPARE(re.settings.values.filare, rec.settings.values.filare);
        QCOMPARE(profiledFilareArgv(re).mid(0, 8), profiledFilareArgv(rec).mid(0, 8));
    }

    // filare-perf's verdict is Filare's: success where Filare succeeds, failure where it fails.
    void verdictMatchesPlainFilare_data()
    {
        QTest::addColumn<QStringList>("filareOptions");
        QTest::addColumn<QString>("expectInLog"); // Filare's own words, in our log
        QTest::newRow("whole document")
            << QStringList{"--metadata", "metadata.yml", "--components", "components.yml"}
            << QString();
        QTest::newRow("metadata missing")
            << QStringList{"--components", "components.yml"} << "validation error";
        QTest::newRow("components missing")
            << QStringList{"--metadata", "metadata.yml"} << "UnknownTemplateDesignator";
        QTest::newRow("bad components")
            << QStringList{"--metadata", "metadata.yml", "--components",
                           test::dataFile("multi-sheet-broken/bad-components.yml")}
            << "InvalidNumberFormat";
    }
    void verdictMatchesPlainFilare()
    {
        QFETCH(QStringList, filareOptions);
        QFETCH(QString, expectInLog);
        QTemporaryDir dir;
        const QString project = copySample(dir);
        QString filareErr;
        const int plain = plainFilare(
            project, QStringList{"run"} + kSheets + QStringList{"-f", "hstb"} + filareOptions,
            &filareErr);
        QVERIFY(plain >= 0);
        const QString out = dir.filePath("out");
        const auto r = profileRun(QStringList{"run", "--output-dir", out, "--run-label", "v"} +
                                      kFast + kSheets + filareOptions,
                                  {}, 600000, project);
        const RunRecord rec = loadRecord(out + "/v-run.json");
        if (plain == 0) {
            QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
            QCOMPARE(rec.status, RunStatus::Succeeded);
        } else {
            QVERIFY2(r.exitCode == 4, qPrintable((r.out + r.err).right(3000)));
            QCOMPARE(rec.status, RunStatus::Failed);
            QCOMPARE(rec.exitCode, std::optional<int>(plain));
            QVERIFY2(filareErr.contains(expectInLog), qPrintable(filareErr.right(1000)));
            QVERIFY(test::readAll(out + "/v.log").contains(expectInLog));
        }
        // Told before the run, not only by Filare's traceback after it.
        if (!filareOptions.contains("--metadata"))
            QVERIFY(r.err.contains("no project file has a metadata block"));
    }

    // Another Filare command: qty, with its own option from the settings.
    void qtyProfiles()
    {
        QTemporaryDir dir;
        const QString project = copySample(dir);
        const QString out = dir.filePath("out");
        const auto r =
            profileRun(QStringList{"run", "--no-memory", "--output-dir", out, "--run-label", "qty",
                                   "--filare-command", "qty", "--multiplier-file-name",
                                   "quantity_multipliers.txt"} +
                           kSheets,
                       {}, 600000, project);
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        const RunRecord rec = loadRecord(out + "/qty-run.json");
        QCOMPARE(rec.status, RunStatus::Succeeded);
        QCOMPARE(rec.settings.values.filare.command, QStringLiteral("qty"));
        QStringList expected{"qty", "-m", project + "/quantity_multipliers.txt"};
        for (const QString &s : kSheets)
            expected << project + "/" + s;
        QCOMPARE(profiledFilareArgv(rec), expected);
        QVERIFY(rec.profile.usable());
    }

    // What follows -- reaches Filare: recorded, and Filare acts on it.
    void passThroughReachesFilare()
    {
        QTemporaryDir dir;
        const QString project = copySample(dir);
        const QString out = dir.filePath("out");
        const auto r = profileRun({"run", "--no-memory", "--formats", "t", "--output-dir", out,
                                   "--run-label", "pass", "power.yml", "--metadata", "metadata.yml",
                                   "--", "--output-name", "from args"},
                                  {}, 600000, project);
        QVERIFY2(r.exitCode == 0, qPrintable((r.out + r.err).right(3000)));
        const RunRecord rec = loadRecord(out + "/pass-run.json");
        QCOMPARE(rec.settings.values.filare.extraArgs, (QStringList{"--output-name", "from args"}));
        QCOMPARE(profiledFilareArgv(rec).mid(profiledFilareArgv(rec).size() - 2),
                 (QStringList{"--output-name", "from args"}));
        QVERIFY(QFileInfo(out + "/pass-filare/from args.tsv").isFile());
        QVERIFY(!QFileInfo(out + "/pass-filare/power.tsv").exists());

        // The variable is the same setting, and `settings` shows it.
        const auto s = test::runCli({"settings", project + "/power.yml"},
                                    {{"FIL_PERF_FILARE_ARGS", "--output-name 'x y'"}}, 60000);
        QVERIFY2(s.out.contains("FIL_PERF_FILARE_ARGS"), qPrintable(s.out));
        QVERIFY2(s.out.contains("'x y'"), qPrintable(s.out));

        // Filare's output folder is ours to choose: refused, with the fix.
        const auto o = test::runCli({"run", "--output-dir", out, "power.yml", "--", "-o", "/tmp"},
                                    {}, 60000, project);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("choose the folder with --output-dir"), qPrintable(o.err));
    }
};

QTEST_GUILESS_MAIN(FilareProjectsTest)
#include "tst_filare_projects.moc"
