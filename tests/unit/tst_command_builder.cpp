// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/launch/scalene_command_builder.h"

#include <QtTest>

using namespace fperf;

Q_DECLARE_METATYPE(fperf::PerformanceSettings)

namespace {
const QString kPy = QStringLiteral("/v/bin/python");
const QString kFilare = QStringLiteral("/v/bin/filare");
const QString kPkg = QStringLiteral("/v/lib/python3.11/site-packages/filare");

LaunchInputs inputs(const PerformanceSettings &s)
{
    LaunchInputs in;
    in.settings = s;
    in.python = kPy;
    in.scaleneVersion = QVersionNumber(2, 4, 0);
    in.filareScript = kFilare;
    in.filarePackageDir = kPkg;
    in.filareCodePaths = {kPkg + "/__init__.py", kPkg + "/models/", kPkg + "/render/"};
    in.projectFiles = {QStringLiteral("/proj dir/a.yml"), QStringLiteral("/proj dir/b.yml")};
    in.outputDir = QStringLiteral("/out");
    in.label = QStringLiteral("L");
    in.filarePerfProgram = QStringLiteral("/usr/bin/filare-perf");
    in.environmentNames = {"PATH",
                           "HOME",
                           "OPENAI_API_KEY",
                           "AWS_SECRET_ACCESS_KEY",
                           "GITHUB_TOKEN",
                           "ANTHROPIC_API_KEY",
                           "LANG"};
    return in;
}

// Scalene 1.5.x: no subcommand, JSON by flags, --cli keeps it from opening a browser.
QStringList scalene15(const QStringList &middle, const QStringList &filareTail = {})
{
    QStringList argv{kPy, "-m", "scalene", "--cli", "--json", "--outfile", "/out/L-scalene.json"};
    argv += middle;
    argv += QStringList{kFilare, "---", "run", "/proj dir/a.yml", "/proj dir/b.yml"};
    argv += filareTail;
    argv += QStringList{"-o", "/out/L-filare"};
    return argv;
}

QStringList scaleneRun(const QStringList &middle, const QStringList &filareTail = {})
{
    QStringList argv{kPy, "-m", "scalene", "run", "-o", "/out/L-scalene.json"};
    argv += middle;
    argv += QStringList{kFilare, "---", "run", "/proj dir/a.yml", "/proj dir/b.yml"};
    argv += filareTail;
    argv += QStringList{"-o", "/out/L-filare"};
    return argv;
}

const QStringList kDefaultScope{"--profile-all", "--profile-only",
                                kPkg + "/__init__.py," + kPkg + "/models/," + kPkg + "/render/",
                                "--profile-exclude", kPkg + "/templates/"};
} // namespace

class CommandBuilderTest : public QObject
{
    Q_OBJECT
private slots:
    void table_data()
    {
        QTest::addColumn<PerformanceSettings>("settings");
        QTest::addColumn<QVersionNumber>("version");
        QTest::addColumn<QStringList>("roles");
        QTest::addColumn<QStringList>("mainArgv");
        const QVersionNumber v24(2, 4, 0);
        const QVersionNumber v15(1, 5, 16);

        PerformanceSettings s;
        QTest::newRow("defaults: memory on, text report")
            << s << v24 << QStringList{"profile", "text-report"}
            << scaleneRun(QStringList{"--cpu-sampling-rate", "0.01"} + kDefaultScope);

        s = {};
        s.scalene.memory = false;
        QTest::newRow("memory off: --cpu-only")
            << s << v24 << QStringList{"profile", "text-report"}
            << scaleneRun(QStringList{"--cpu-sampling-rate", "0.01", "--cpu-only"} + kDefaultScope);

        s = {};
        s.scalene.cpuRate = 0.001;
        s.scalene.html = true;
        QTest::newRow("fine rate, html")
            << s << v24 << QStringList{"profile", "html-report"}
            << scaleneRun(QStringList{"--cpu-sampling-rate", "0.001"} + kDefaultScope);

        s = {};
        s.scalene.profileOnly = "filare/render,filare/flows";
        s.scalene.profileExclude = "graphviz";
        QTest::newRow("custom scope")
            << s << v24 << QStringList{"profile", "text-report"}
            << scaleneRun({"--cpu-sampling-rate", "0.01", "--profile-all", "--profile-only",
                           "filare/render,filare/flows", "--profile-exclude", "graphviz"});

        s = {};
        s.filare.formats = "hs";
        s.baseline = true;
        QTest::newRow("formats and baseline")
            << s << v24 << QStringList{"baseline", "profile", "text-report"}
            << scaleneRun(QStringList{"--cpu-sampling-rate", "0.01"} + kDefaultScope, {"-f", "hs"});

        s = {};
        s.scalene.enabled = false;
        s.baseline = true; // meaningless without Scalene: the plain run is the only one
        QTest::newRow("scalene off: plain Filare")
            << s << v24 << QStringList{"plain"}
            << QStringList{kFilare,           "run", "/proj dir/a.yml",
                           "/proj dir/b.yml", "-o",  "/out/L-filare"};

        // Scalene 1.5.x, checked against 1.5.16's --help: the same scope and sampling flags.
        s = {};
        QTest::newRow("1.5: defaults")
            << s << v15 << QStringList{"profile", "text-report"}
            << scalene15(QStringList{"--cpu-sampling-rate", "0.01"} + kDefaultScope);
        s = {};
        s.scalene.memory = false;
        QTest::newRow("1.5: memory off is --cpu")
            << s << v15 << QStringList{"profile", "text-report"}
            << scalene15(QStringList{"--cpu-sampling-rate", "0.01", "--cpu"} + kDefaultScope);
        s = {};
        s.scalene.html = true;
        s.filare.formats = "hs";
        s.baseline = true;
        s.scalene.profileOnly = "filare/render";
        QTest::newRow("1.5: html, formats, baseline, custom scope")
            << s << QVersionNumber(1, 5) << QStringList{"baseline", "profile", "html-report"}
            << scalene15({"--cpu-sampling-rate", "0.01", "--profile-all", "--profile-only",
                          "filare/render", "--profile-exclude", kPkg + "/templates/"},
                         {"-f", "hs"});
    }
    void table()
    {
        QFETCH(PerformanceSettings, settings);
        QFETCH(QVersionNumber, version);
        QFETCH(QStringList, roles);
        QFETCH(QStringList, mainArgv);
        LaunchInputs in = inputs(settings);
        in.scaleneVersion = version;
        const LaunchPlan plan = buildLaunchPlan(in);
        QVERIFY2(plan.errors.isEmpty(), qPrintable(plan.errors.join('\n')));
        QStringList gotRoles;
        for (const CommandSpec &c : plan.commands)
            gotRoles << commandRoleName(c.role);
        QCOMPARE(gotRoles, roles);
        const auto main = std::find_if(plan.commands.begin(), plan.commands.end(), [](auto &c) {
            return c.role == CommandRole::Profile || c.role == CommandRole::Plain;
        });
        QVERIFY(main != plan.commands.end());
        QCOMPARE(main->argv, mainArgv);
        for (const CommandSpec &c : plan.commands) {
            // Every path is absolute, every child is unbuffered and sees no secrets.
            QVERIFY(QDir::isAbsolutePath(c.argv.first()));
            QVERIFY(QDir::isAbsolutePath(c.cwd));
            QCOMPARE(c.envChanges.value("PYTHONUNBUFFERED"), QStringLiteral("1"));
            QCOMPARE(c.envRemoved, (QStringList{"ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY",
                                                "GITHUB_TOKEN", "OPENAI_API_KEY"}));
        }
        // Filare runs from the project's folder (relative includes keep working).
        QCOMPARE(main->cwd, QStringLiteral("/proj dir"));
    }

    void reportCommands()
    {
        PerformanceSettings s;
        LaunchPlan plan = buildLaunchPlan(inputs(s));
        const CommandSpec text = plan.commands.last();
        QCOMPARE(text.argv, (QStringList{kPy, "-m", "scalene", "view", "--cli", "--reduced",
                                         "/out/L-scalene.json"}));
        QCOMPARE(text.stdoutFile, QStringLiteral("/out/L-scalene.txt"));
        QCOMPARE(text.envChanges.value("NO_COLOR"), QStringLiteral("1"));

        s.scalene.html = true;
        plan = buildLaunchPlan(inputs(s));
        const CommandSpec html = plan.commands.last();
        QCOMPARE(html.argv, (QStringList{kPy, "-m", "scalene", "view", "--standalone",
                                         "/out/L-scalene.json"}));
        // `view` writes a fixed name into its cwd: a private folder, then a rename.
        QCOMPARE(html.cwd, QStringLiteral("/out/.L-view"));
        QCOMPARE(html.renameFrom, QStringLiteral("/out/.L-view/scalene-profile.html"));
        QCOMPARE(html.renameTo, QStringLiteral("/out/L-scalene.html"));
        QVERIFY(plan.directories.contains("/out/.L-view"));
    }

    void reportCommands15()
    {
        // 1.5.x has no `view`: the HTML page comes from its profiler class, the text from
        // filare-perf's own table of the JSON; both read the profile the run wrote.
        PerformanceSettings s;
        LaunchInputs in = inputs(s);
        in.scaleneVersion = QVersionNumber(1, 5, 16);
        LaunchPlan plan = buildLaunchPlan(in);
        const CommandSpec text = plan.commands.last();
        QCOMPARE(text.role, CommandRole::TextReport);
        QCOMPARE(text.argv,
                 (QStringList{"/usr/bin/filare-perf", "profile-text", "/out/L-scalene.json"}));
        QCOMPARE(text.stdoutFile, QStringLiteral("/out/L-scalene.txt"));
        QVERIFY(!plan.warnings.join(' ').contains("No text report"));

        // Without filare-perf beside us there is no text report, and the plan says so.
        in.filarePerfProgram.clear();
        plan = buildLaunchPlan(in);
        QCOMPARE(plan.commands.last().role, CommandRole::Profile);
        QVERIFY(plan.warnings.join(' ').contains("No text report"));
        in.filarePerfProgram = "/usr/bin/filare-perf";

        in.settings.scalene.html = true;
        plan = buildLaunchPlan(in);
        const CommandSpec html = plan.commands.last();
        QCOMPARE(html.role, CommandRole::HtmlReport);
        QCOMPARE(html.argv.mid(0, 2), (QStringList{kPy, "-c"}));
        QVERIFY(html.argv.at(2).contains("Scalene.generate_html(src, dst)"));
        QCOMPARE(html.argv.mid(3),
                 (QStringList{"/out/L-scalene.json", "/out/.L-view/scalene-profile.html"}));
        QCOMPARE(html.cwd, QStringLiteral("/out/.L-view"));
        QCOMPARE(html.renameFrom, QStringLiteral("/out/.L-view/scalene-profile.html"));
        QCOMPARE(html.renameTo, QStringLiteral("/out/L-scalene.html"));
        // The same command renders a report later from the JSON (the window's button).
        QCOMPARE(htmlReportCommand(kPy, in.scaleneVersion, plan.paths, html.envRemoved), html);
        QCOMPARE(htmlReportCommand(kPy, QVersionNumber(2, 4, 0), plan.paths, {}).argv.at(3),
                 QStringLiteral("view"));
    }

    void baselineUsesItsOwnOutputFolder()
    {
        PerformanceSettings s;
        s.baseline = true;
        const LaunchPlan plan = buildLaunchPlan(inputs(s));
        QCOMPARE(plan.commands.first().argv,
                 (QStringList{kFilare, "run", "/proj dir/a.yml", "/proj dir/b.yml", "-o",
                              "/out/L-baseline-filare"}));
        QVERIFY(plan.directories.contains("/out/L-baseline-filare"));
        QVERIFY(plan.directories.contains("/out/L-filare"));
    }

    void warnings()
    {
        PerformanceSettings s;
        s.scalene.memory = false;
        LaunchPlan plan = buildLaunchPlan(inputs(s));
        QVERIFY(plan.warnings.join('\n').contains("Copy-volume tracking needs memory"));
        s = {};
        plan = buildLaunchPlan(inputs(s));
        QVERIFY(plan.warnings.join('\n').contains("Memory profiling is on"));
    }

    // Snapshots (issue 16): 2.x gets --profile-interval; 1.5 has none, and says what that means.
    void profileInterval()
    {
        PerformanceSettings s;
        s.scalene.profileIntervalSec = 5;
        const LaunchPlan plan = buildLaunchPlan(inputs(s));
        const QStringList &argv = plan.commands.first().argv;
        const qsizetype at = argv.indexOf("--profile-interval");
        QVERIFY(at > 0 && at < argv.indexOf(kFilare));
        QCOMPARE(argv.at(at + 1), QStringLiteral("5"));
        LaunchInputs old = inputs(s);
        old.scaleneVersion = QVersionNumber(1, 5, 16);
        const LaunchPlan plan15 = buildLaunchPlan(old);
        QVERIFY(!plan15.commands.first().argv.contains("--profile-interval"));
        QVERIFY(plan15.warnings.join('\n').contains("Scalene 1.5 writes no profile snapshots"));
        // Memory on with 1.5: said before the run that it will likely measure nothing; not with
        // 2.x, nor with memory off.
        QVERIFY(old.settings.scalene.memory);
        QVERIFY(plan15.warnings.join('\n').contains("recording no allocation at all"));
        QVERIFY(!buildLaunchPlan(inputs(s)).warnings.join('\n').contains("no allocation at all"));
        old.settings.scalene.memory = false;
        QVERIFY(!buildLaunchPlan(old).warnings.join('\n').contains("no allocation at all"));
        s.scalene.profileIntervalSec = 0;
        QVERIFY(!buildLaunchPlan(inputs(s)).commands.first().argv.contains("--profile-interval"));
        QCOMPARE(buildLaunchPlan(inputs(s)).paths.snapshot,
                 QStringLiteral("/out/.L-scalene.snapshot.json"));
    }

    void oldScaleneIsRefused()
    {
        LaunchInputs in = inputs({});
        in.scaleneVersion = QVersionNumber(1, 4, 2);
        QStringList errors = buildLaunchPlan(in).errors;
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains("Scalene 1.4.2 is not supported") &&
                     errors.first().contains("1.5 or newer") &&
                     errors.first().contains("pip install scalene==2.4.0"),
                 qPrintable(errors.first()));
        in.scaleneVersion = QVersionNumber(1, 5, 16);
        QVERIFY(buildLaunchPlan(in).errors.isEmpty());
        in.scaleneVersion = QVersionNumber();
        QVERIFY(!buildLaunchPlan(in).errors.isEmpty());
        in.settings.scalene.enabled = false; // a plain run does not need Scalene
        QVERIFY(buildLaunchPlan(in).errors.isEmpty());
    }

    void packageFolderWhenPartsAreUnknown()
    {
        LaunchInputs in = inputs({});
        in.filareCodePaths.clear();
        const QStringList argv = buildLaunchPlan(in).commands.first().argv;
        QCOMPARE(argv.at(argv.indexOf("--profile-only") + 1), kPkg + "/");
    }

    void pure()
    {
        const LaunchInputs in = inputs({});
        const LaunchPlan a = buildLaunchPlan(in);
        const LaunchPlan b = buildLaunchPlan(in);
        QCOMPARE(a.commands, b.commands);
    }

    void secretNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        for (const char *n : {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
                              "GOOGLE_API_KEY", "AZURE_OPENAI_ENDPOINT", "AWS_SECRET_ACCESS_KEY",
                              "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN", "MY_APIKEY", "DB_PASSWORD",
                              "SSH_PRIVATE_KEY", "STRIPE_KEY", "GPG_PASSPHRASE", "SENTRY_DSN"})
            QTest::newRow(n) << QString(n) << true;
        for (const char *n : {"PATH", "HOME", "LANG", "PYTHONPATH", "FIL_PERF_OUTPUT_DIR",
                              "XDG_CONFIG_HOME", "KEYBOARD", "KEYMAP", "SSH_AUTH_SOCK"})
            QTest::newRow(n) << QString(n) << false;
    }
    void secretNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(isSecretVariable(name), secret);
    }

    // Filare's part of the profiled command, for every Filare setting.
    void filareArguments_data()
    {
        QTest::addColumn<PerformanceSettings>("settings");
        QTest::addColumn<QStringList>("filareArgv"); // after "---"
        QTest::addColumn<QStringList>("warnings");   // fragments
        const QStringList files{"/proj dir/a.yml", "/proj dir/b.yml"};
        const QStringList out{"-o", "/out/L-filare"};
        PerformanceSettings s;
        QTest::newRow("defaults") << s << QStringList{"run"} + files + out << QStringList{};

        s.filare.metadata = {"metadata.yml", "/abs/more meta.yml"};
        s.filare.components = {"parts/components.yml"};
        QTest::newRow("metadata and components, relative to the project's folder")
            << s
            << QStringList{"run"} + files +
                   QStringList{"-d", "/proj dir/metadata.yml",        "-d", "/abs/more meta.yml",
                               "-c", "/proj dir/parts/components.yml"} +
                   out
            << QStringList{};

        s = {};
        s.filare.formats = "hpstb";
        s.filare.outputName = "document";
        s.filare.useQtyMultipliers = true;
        QTest::newRow("output name, multipliers from the project's folder")
            << s
            << QStringList{"run"} + files + QStringList{"-f",
                                                        "hpstb",
                                                        "-O",
                                                        "document",
                                                        "-u",
                                                        "-m",
                                                        "/proj dir/quantity_multipliers.txt"} +
                   out
            << QStringList{};

        s.filare.multiplierFileName = "/elsewhere/q.txt";
        QTest::newRow("own multiplier file")
            << s
            << QStringList{"run"} + files +
                   QStringList{"-f", "hpstb", "-O", "document", "-u", "-m", "/elsewhere/q.txt"} +
                   out
            << QStringList{};

        s = {};
        s.filare.extraArgs = {"--some-new-option", "a b"};
        QTest::newRow("pass-through last")
            << s << QStringList{"run"} + files + out + QStringList{"--some-new-option", "a b"}
            << QStringList{};

        s = {};
        s.filare.command = "qty";
        QTest::newRow("qty") << s << QStringList{"qty"} + files << QStringList{};

        s.filare.multiplierFileName = "m.txt";
        s.filare.extraArgs = {"--force-new"};
        s.filare.metadata = {"metadata.yml"};
        s.filare.formats = "h";
        QTest::newRow("qty: own arguments first, run's options not passed")
            << s << QStringList{"qty", "-m", "/proj dir/m.txt", "--force-new"} + files
            << QStringList{"--formats, --metadata only apply to `filare run`",
                           "not passed to `filare qty`"};

        s = {};
        s.filare.command = "metadata";
        s.filare.extraArgs = {"validate"};
        QTest::newRow("a subcommand")
            << s << QStringList{"metadata", "validate"} + files << QStringList{};
    }
    void filareArguments()
    {
        QFETCH(PerformanceSettings, settings);
        QFETCH(QStringList, filareArgv);
        QFETCH(QStringList, warnings);
        settings.scalene.memory = false; // fewer warnings to look through
        const LaunchPlan plan = buildLaunchPlan(inputs(settings));
        QVERIFY2(plan.errors.isEmpty(), qPrintable(plan.errors.join('\n')));
        const QStringList argv = plan.commands.first().argv;
        QCOMPARE(argv.mid(argv.indexOf("---") + 1), filareArgv);
        for (const QString &w : warnings)
            QVERIFY2(plan.warnings.join('\n').contains(w), qPrintable(plan.warnings.join('\n')));
        // A plain run (and the baseline) passes Filare the same arguments.
        settings.scalene.enabled = false;
        const LaunchPlan plain = buildLaunchPlan(inputs(settings));
        QCOMPARE(plain.commands.first().argv, QStringList{kFilare} + filareArgv);
    }
};

QTEST_GUILESS_MAIN(CommandBuilderTest)
#include "tst_command_builder.moc"
