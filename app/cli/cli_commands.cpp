// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli_commands.h"

#include "cli/cli_signal_bridge.h"
#include "core/compare/profile_diff.h"
#include "core/models/run_history_model.h"
#include "core/profile/profile_show.h"
#include "core/profile/profile_text.h"
#include "core/profile/scalene_profile_reader.h"
#include "core/run/run_controller.h"
#include "core/session/profile_session.h"
#include "core/session/rerun.h"
#include "core/session/run_group_sequence.h"
#include "core/session/run_preparation.h"
#include "core/settings/settings_resolver.h"
#include "core/store/run_group_codec.h"
#include "core/store/run_record_codec.h"
#include "core/store/stale_runs.h"
#include "core/tools/container_check.h"
#include "core/tools/interpreter_resolver.h"
#include "core/tools/project_check.h"
#include "core/tools/tool_check.h"
#include "core/util/commit_label.h"
#include "core/util/shell_quote.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace fperf::cli {

namespace {
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}
QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

const char *kUsage = R"(Usage: filare-perf <command> [options]

Profile Filare builds with Scalene.

Commands:
  run PROJECT.yml...     profile Filare on the project files and write reports (--repeat N)
  rerun RUN              profile a recorded run again with its files and settings
  check [PROJECT.yml]    show the interpreter, Python, Scalene, Filare and Graphviz found
  settings [PROJECT.yml] show effective settings and where each comes from (--export: env file)
  history                list the runs in an output folder (--json for scripts)
  diff A B               compare two runs or run groups in seconds, with noise; exit 1 when a
                         --fail-if-... gate fails beyond noise
  show RUN               print a run's profile: its lines, functions or files, and leaks
  profile-text FILE.json print a saved Scalene JSON profile as a table of its active lines

Run `filare-perf <command> --help` for a command's options.
Settings come from defaults, $XDG_CONFIG_HOME/filare/perf.env, filare-perf.env next to the
project, --settings files, FIL_PERF_* variables and options, in rising order.
)";

// Bad usage: the message on stderr, exit 2.
int usageError(const QString &message)
{
    err() << "filare-perf: error: " << message << "\n";
    err().flush();
    return exit_code::kUsage;
}

// Options shared by run, check and settings: one per setting, plus --settings.
void addSettingOptions(QCommandLineParser &parser)
{
    for (const SettingField &f : settingFields()) {
        if (f.cliOption.isEmpty())
            continue; // given another way (FilareArgs: after --)
        if (f.kind == FieldKind::Bool) {
            parser.addOption({f.cliOption, QStringLiteral("%1 [%2]").arg(f.help, f.envName)});
            parser.addOption({QStringLiteral("no-") + f.cliOption,
                              QStringLiteral("Turn off: %1").arg(f.title.toLower())});
        } else {
            parser.addOption({f.cliOption, QStringLiteral("%1 [%2]").arg(f.help, f.envName),
                              QStringLiteral("value")});
        }
    }
    parser.addOption({QStringLiteral("settings"),
                      QStringLiteral("Extra settings file (KEY=value lines); may be repeated."),
                      QStringLiteral("file")});
}

struct ParsedSettings
{
    QStringList errors;
    ResolvedSettings resolved;
    QStringList projects;
};

ParsedSettings resolveFromCommandLine(const QCommandLineParser &parser,
                                      const QProcessEnvironment &env,
                                      const QStringList &filareArgs = {},
                                      const ProjectFolderPick *folder = nullptr)
{
    ParsedSettings p;
    QList<EnvEntry> cli;
    for (const SettingField &f : settingFields()) {
        if (f.kind == FieldKind::Bool) {
            const bool on = parser.isSet(f.cliOption);
            const bool off = parser.isSet(QStringLiteral("no-") + f.cliOption);
            if (on && off)
                p.errors
                    << QStringLiteral("--%1 and --no-%1 were both given; use one").arg(f.cliOption);
            else if (on || off)
                cli.append({f.envName, on ? QStringLiteral("1") : QStringLiteral("0"), 0});
        } else if (f.kind == FieldKind::PathList && parser.isSet(f.cliOption)) {
            // Repeated like Filare's option; relative to the current folder, as the shell
            // completed it (settings files and variables: to the project's folder).
            QStringList files;
            for (const QString &v : parser.values(f.cliOption))
                files << (v.isEmpty() ? v : QFileInfo(v).absoluteFilePath());
            cli.append({f.envName, listValueText(files), 0});
        } else if (!f.cliOption.isEmpty() && parser.isSet(f.cliOption)) {
            cli.append({f.envName, parser.value(f.cliOption), 0});
        }
    }
    if (!filareArgs.isEmpty())
        cli.append({settingField(SettingId::FilareArgs).envName, listValueText(filareArgs), 0});
    p.projects = parser.positionalArguments();
    QString first = p.projects.value(0);
    SettingsLayer picks;
    if (folder) {
        p.projects = folder->harnesses;
        first = p.projects.value(0, folderSettingsAnchor(folder->folder));
        picks = folderPicksLayer(*folder);
    } else if (QFileInfo(first).isDir()) {
        first = folderSettingsAnchor(first); // its filare-perf.env, before the files are known
    }
    p.resolved = resolveSettings(
        standardSettingsLayers(env, first, parser.values(QStringLiteral("settings")), cli, picks));
    // Messages about command-line values should name the option, not the variable.
    for (SettingProblem &problem : p.resolved.errors) {
        const SettingField *f = findFieldByKey(problem.fieldId);
        if (f && problem.message.startsWith(f->envName + u'=') &&
            std::any_of(cli.begin(), cli.end(),
                        [&](const EnvEntry &e) { return e.key == f->envName; }))
            problem.message = QStringLiteral("--%1 (%2)").arg(f->cliOption, problem.message);
    }
    return p;
}

// `run A.yml -- ARGS`: what follows the first -- is Filare's, not ours.
struct SplitArguments
{
    QStringList ours;
    QStringList filare;
};

SplitArguments splitAtDoubleDash(const QStringList &args)
{
    const qsizetype at = args.indexOf(QStringLiteral("--"), 1);
    if (at < 0)
        return {args, {}};
    return {args.mid(0, at), args.mid(at + 1)};
}

bool parseOrFail(QCommandLineParser &parser, const QString &command, const QStringList &args,
                 int *exitCode)
{
    if (!parser.parse(args)) {
        err() << "filare-perf: " << parser.errorText() << "\n";
        // "-harness.yml" reads as the short options -h -a -r ...: say how to name such a file.
        for (const QString &a : args.mid(1)) {
            if (a.size() > 1 && a.startsWith(u'-') && !a.startsWith(QLatin1String("--")) &&
                (QFileInfo::exists(a) || a.endsWith(QLatin1String(".yml")) ||
                 a.endsWith(QLatin1String(".yaml"))))
                err() << "filare-perf: " << a
                      << " looks like options; to name a project file that starts with '-', "
                         "write ./"
                      << a << "\n";
        }
        err() << "Run `filare-perf " << command << " --help` for the options.\n";
        err().flush();
        *exitCode = exit_code::kUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        *exitCode = 0;
        return false;
    }
    return true;
}

ToolReport checkToolsFor(const PerformanceSettings &settings, const QStringList &projects,
                         const QProcessEnvironment &env,
                         ToolCheckDepth depth = ToolCheckDepth::Full)
{
    const InterpreterSearch search = interpreterSearchFor(settings, projects, env);
    return checkRunTools(settings.container, resolveInterpreter(search), search.pathVariable,
                         nullptr, depth);
}

void printSummary(const RunRecord &r)
{
    QTextStream &o = out();
    o << "\n== " << r.label << ": " << runStatusName(r.status);
    if (r.exitCode)
        o << " (exit code " << *r.exitCode << ")";
    o << ", " << QString::number(r.durationSec, 'f', 1) << " s\n";
    if (!r.filareCommit.isEmpty())
        o << "Filare " << r.filareVersion << " from a git checkout at "
          << shortCommitLabel(r.filareCommit, r.filareDirty.value_or(false)) << "\n";
    if (r.profile.usable()) {
        if (r.profile.partial)
            o << "Partial profile: " << QString::number(r.profile.elapsedSec, 'f', 1)
              << " s of the run (the warnings say which part)\n";
        o << "Profiled time: " << QString::number(r.profile.elapsedSec, 'f', 2) << " s";
        if (r.profile.cpuSamplesKnown)
            o << ", CPU samples: " << r.profile.cpuSamples;
        if (r.profile.memory)
            o << ", peak memory: " << QString::number(r.profile.maxFootprintMb, 'f', 1) << " MB";
        else if (!r.profile.memoryNotMeasured.isEmpty())
            o << ", peak memory: not measured";
        o << "\n";
        if (!r.profile.memoryNotMeasured.isEmpty())
            o << "Memory not measured: " << r.profile.memoryNotMeasured << "\n";
        if (!r.profile.topCpu.isEmpty()) {
            o << "Top CPU lines:\n";
            for (const ProfileLine &l : r.profile.topCpu)
                o << QStringLiteral("  %1%  %2:%3  %4\n")
                         .arg(l.cpuPercent(), 5, 'f', 1)
                         .arg(shortSourcePath(l.file))
                         .arg(l.lineno)
                         .arg(l.text.left(70));
        }
        if (!r.profile.topMemory.isEmpty()) {
            o << "Top memory lines (peak):\n";
            for (const ProfileLine &l : r.profile.topMemory)
                o << QStringLiteral("  %1 MB  %2:%3  %4\n")
                         .arg(l.peakMb, 7, 'f', 1)
                         .arg(shortSourcePath(l.file))
                         .arg(l.lineno)
                         .arg(l.text.left(70));
        }
    }
    if (r.profile.usable() && r.profile.memory) {
        // The record keeps no leaks: they are read from the profile (tens of ms at 12 MB).
        const QStringList leaks = likelyLeakNotes(readScaleneProfile(r.paths.json).profile);
        if (!leaks.isEmpty()) {
            o << "Likely leaks (Scalene's estimate; `filare-perf show " << r.label
              << " --leaks`):\n";
            for (const QString &l : leaks)
                o << "  " << l << "\n";
        }
    }
    if (r.overheadRatio)
        o << "Overhead: " << QString::number(*r.overheadRatio, 'f', 2) << "x against a plain run\n";
    for (const QString &w : r.warnings)
        o << "Warning: " << w << "\n";
    o << "Files:\n";
    const auto show = [&o](const char *what, const QString &path) {
        if (!path.isEmpty() && QFileInfo::exists(path))
            o << "  " << what << path << "\n";
    };
    show("report  ", r.paths.html);
    show("report  ", r.paths.text);
    show("profile ", r.paths.json);
    show("log     ", r.paths.log);
    show("record  ", r.paths.record);
    show("filare  ", r.paths.filareOut);
    o.flush();
}

// What a project folder was found to hold, and what of it a run uses.
void printFolderPick(const ProjectFolderPick &pick)
{
    QTextStream &e = err();
    const auto names = [&pick](const QStringList &files) {
        QStringList out;
        for (const QString &f : files)
            out << QDir(pick.folder).relativeFilePath(f);
        return out.isEmpty() ? QStringLiteral("none") : out.join(QStringLiteral(", "));
    };
    e << "filare-perf: project folder " << pick.folder << "\n"
      << "  harnesses   " << names(pick.harnesses) << "\n"
      << "  metadata    " << names(pick.metadata) << "\n"
      << "  components  " << names(pick.components) << "\n"
      << "  settings    "
      << (pick.settingsFile.isEmpty() ? QStringLiteral("none") : names({pick.settingsFile}))
      << "\n";
    for (const QString &s : pick.skipped)
        e << "  skipped     " << s << "\n";
    if (!pick.metadata.isEmpty() || !pick.components.isEmpty())
        e << "  (--metadata and --components, or their FIL_PERF_FILARE_* settings, replace the "
             "files picked)\n";
    e.flush();
}

void reportStaleRuns(const QList<StaleRun> &stale)
{
    for (const StaleRun &s : stale)
        err() << "filare-perf: note: " << s.message() << "\n";
    err().flush();
}

// --output-dir of the commands that read runs (history, diff, rerun).
void addRunsFolderOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("output-dir"),
                      QStringLiteral("Folder of the runs (default: the output folder of your "
                                     "settings, FIL_PERF_OUTPUT_DIR or perf.env, else "
                                     "outputs/perf in the current folder)."),
                      QStringLiteral("dir")});
}

QString defaultOutputDir(const QCommandLineParser &parser)
{
    return runsFolder(parser.value(QStringLiteral("output-dir")),
                      QProcessEnvironment::systemEnvironment());
}

// run --live: what a snapshot shows, as the run goes on. Seconds, not shares: a share of a
// growing total moves even when a line does not.
void printLiveSnapshot(const ProfileSummary &s, double wallSec)
{
    QTextStream &o = out();
    o << "\n== live, " << QString::number(wallSec, 'f', 0) << " s in: the profile covers "
      << QString::number(s.elapsedSec, 'f', 1) << " s";
    if (s.memory)
        o << ", peak memory so far " << QString::number(s.maxFootprintMb, 'f', 1) << " MB";
    o << "\n";
    for (const ProfileLine &l : s.topCpu)
        o << QStringLiteral("  %1 s  %2:%3  %4\n")
                 .arg(l.cpuPercent() * s.elapsedSec / 100, 6, 'f', 2)
                 .arg(shortSourcePath(l.file))
                 .arg(l.lineno)
                 .arg(l.text.left(70));
    o.flush();
}

// The profile run itself, after its settings are known: `run` and `rerun` alike.
int profileProjects(const ResolvedSettings &settings, const QStringList &projects,
                    const QProcessEnvironment &env, bool live = false)
{
    ProfileRequest request;
    request.settings = settings;
    request.projectFiles = projects;
    request.environment = env;
    const ProfileStart start = prepareProfileRun(request);
    reportStaleRuns(start.staleRuns);
    const PreparedRun &prepared = start.run;
    if (!prepared.ok()) {
        for (const QString &e : prepared.errors)
            err() << "filare-perf: error: " << e << "\n";
        if (prepared.exitCode == exit_code::kToolsMissing)
            err() << "Run `filare-perf check` for the full tool report.\n";
        err().flush();
        return prepared.exitCode;
    }

    RunController controller;
    SignalBridge bridge;
    int stopSignal = 0; // the first signal that asked to stop: the exit code is 128 + it
    QObject::connect(&bridge, &SignalBridge::interrupted, &controller,
                     [&controller, &stopSignal](int signalNumber) {
                         if (stopSignal == 0)
                             stopSignal = signalNumber;
                         err() << "\nfilare-perf: " << SignalBridge::signalName(signalNumber)
                               << ": stopping the run (a second Ctrl+C or signal forces it)...\n";
                         err().flush();
                         controller.cancel();
                     });
    QObject::connect(&controller, &RunController::outputLine, &controller,
                     [](OutputStream s, const QString &text) {
                         QTextStream &target = s == OutputStream::Stdout ? out() : err();
                         target << text << "\n";
                         target.flush();
                     });
    QObject::connect(&controller, &RunController::commandStarted, &controller,
                     [](const CommandSpec &c) {
                         err() << "filare-perf: [" << commandRoleName(c.role) << "] "
                               << shellJoin(c.argv) << "\n";
                         err().flush();
                     });
    QElapsedTimer clock;
    if (live)
        QObject::connect(&controller, &RunController::profileSnapshot, &controller,
                         [&clock](const QString &, const ProfileSummary &summary) {
                             printLiveSnapshot(summary, clock.elapsed() / 1000.0);
                         });
    int exitCode = exit_code::kFilareFailed;
    // A run stopped by signal N exits with 128 + N, as the shell shows a process killed by it
    // (130 for Ctrl+C); a run that ended anyway keeps its own exit code.
    const auto cliExitCode = [&controller, &stopSignal] {
        const Outcome &o = controller.outcome();
        return o.status == RunStatus::Cancelled && stopSignal > 0 ? 128 + stopSignal
                                                                  : o.cliExitCode;
    };
    QObject::connect(&controller, &RunController::runFinished, &controller,
                     [&exitCode, &cliExitCode](const RunRecord &record) {
                         exitCode = cliExitCode();
                         printSummary(record);
                         QCoreApplication::exit(exitCode);
                     });

    err() << "filare-perf: run " << prepared.record.label << " -> " << prepared.record.outputDir
          << "\n";
    for (const QString &w : prepared.record.warnings)
        err() << "filare-perf: warning: " << w << "\n";
    err().flush();
    clock.start();
    controller.start(prepared);
    if (RunController::isActive(controller.state()))
        QCoreApplication::exec();
    return cliExitCode();
}

// run --repeat N: the same profile N times as LABEL-r1..rN into LABEL-group.json (the
// sequence, shared with the window, decides what runs next and keeps the group file).
int profileRepeats(const ResolvedSettings &settings, const QStringList &projects,
                   const QProcessEnvironment &env, int repeats, bool live)
{
    QString error;
    auto sequence =
        RunGroupSequence::begin(settings, projects, repeats, QDateTime::currentDateTime(), &error);
    if (!sequence) {
        err() << "filare-perf: error: " << error << "\n";
        err().flush();
        return exit_code::kUsage;
    }
    int exitCode = exit_code::kSuccess;
    bool groupWritten = true;
    while (sequence->hasNext()) {
        err() << "filare-perf: repeat " << sequence->nextNumber() << " of " << repeats
              << " of group " << sequence->label() << "\n";
        err().flush();
        const ResolvedSettings next = sequence->nextSettings();
        exitCode = profileProjects(next, projects, env, live);
        const auto run = findRun(next.values.runLabel, sequence->outputDir(), nullptr);
        if (!run) {
            sequence->stop(); // it did not start: nothing to add
            break;
        }
        groupWritten = sequence->repeatEnded(*run, &error) && groupWritten;
        if (exitCode != exit_code::kSuccess)
            sequence->stop();
    }
    const RunGroup g = sequence->group();
    if (g.repeats.isEmpty())
        return exitCode; // nothing ran: no group to write
    const QString groupFile = QDir(sequence->outputDir()).filePath(runGroupFileName(g.label));
    if (!groupWritten) {
        err() << "filare-perf: error: cannot write the run group " << groupFile << ": " << error
              << "\n";
        err().flush();
        return exitCode == exit_code::kSuccess ? exit_code::kUsage : exitCode;
    }
    out() << "\nRun group " << g.label << ": " << g.repeats.size() << " of " << repeats
          << " repeats" << (g.complete ? "" : " (partial: a repeat did not succeed)") << "\n";
    for (const RunGroupFigure &f : g.figures) {
        if (f.values.isEmpty())
            continue;
        const char *what = f.id == RunGroupFigure::Id::WallTime       ? "wall time"
                           : f.id == RunGroupFigure::Id::ProfiledTime ? "profiled time"
                                                                      : "peak memory";
        const char *unit = f.id == RunGroupFigure::Id::PeakMemory ? " MB" : " s";
        out() << "  " << what << ": median " << QString::number(f.median, 'f', 2) << unit << " ± "
              << QString::number(f.spread, 'f', 2) << unit << " (half the range)\n";
    }
    out() << "  " << groupFile << "\n  compare with: filare-perf diff OTHER_GROUP " << g.label
          << "\n";
    out().flush();
    return exitCode;
}

int runCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Profile Filare under Scalene on PROJECT.yml... and write LABEL-scalene.* reports, "
        "LABEL.log and LABEL-run.json to the output folder.\n"
        "Exit codes: 0 success, 2 bad usage/setting/project file/output folder, 3 tools missing, "
        "4 Filare failed, 5 no usable profile, 128+N stopped by signal N (130 Ctrl+C, 129 SIGHUP, "
        "131 SIGQUIT, 143 SIGTERM)."));
    parser.addHelpOption();
    addSettingOptions(parser);
    parser.addOption({QStringLiteral("repeat"),
                      QStringLiteral("Profile N times into one run group: runs LABEL-r1..rN and "
                                     "LABEL-group.json (medians, spreads), for `diff` to tell "
                                     "noise from change. Default 1."),
                      QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption(
        {QStringLiteral("live"),
         QStringLiteral("Print the top lines, in seconds, at each snapshot while the "
                        "run goes on. Needs a snapshot interval (--profile-interval).")});
    parser.addPositionalArgument(QStringLiteral("PROJECT.yml"), QStringLiteral("Filare YAML files"),
                                 QStringLiteral("PROJECT.yml..."));
    parser.addPositionalArgument(QStringLiteral("--"),
                                 QStringLiteral("What follows is passed to Filare as it is "
                                                "[FIL_PERF_FILARE_ARGS]"),
                                 QStringLiteral("[-- FILARE_ARGS...]"));
    int code = 0;
    const SplitArguments split = splitAtDoubleDash(args);
    if (!parseOrFail(parser, QStringLiteral("run"), split.ours, &code))
        return code;

    bool repeatOk = false;
    const int repeats = parser.value(QStringLiteral("repeat")).toInt(&repeatOk);
    if (!repeatOk || repeats < 1 || repeats > kMaxRepeats) {
        err() << "filare-perf: error: --repeat " << parser.value(QStringLiteral("repeat"))
              << " is not a number of runs; give 1 to " << kMaxRepeats << "\n";
        err().flush();
        return exit_code::kUsage;
    }
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    ParsedSettings parsed = resolveFromCommandLine(parser, env, split.filare);
    if (parsed.projects.isEmpty()) {
        err() << "filare-perf: error: no project file given; usage: filare-perf run "
                 "[options] PROJECT.yml... [-- FILARE_ARGS...]\n";
        if (!split.filare.isEmpty())
            err() << "filare-perf: project files come before --; what follows it is passed to "
                     "Filare (name a file that starts with '-' as ./"
                  << split.filare.first() << ")\n";
        err().flush();
        return exit_code::kUsage;
    }
    if (!parsed.errors.isEmpty() || !parsed.resolved.ok()) {
        for (const QString &e : parsed.errors + parsed.resolved.errorMessages())
            err() << "filare-perf: error: " << e << "\n";
        err().flush();
        return exit_code::kUsage;
    }
    // A folder: its files told apart by content, then the settings again with what it holds.
    if (std::any_of(parsed.projects.begin(), parsed.projects.end(),
                    [](const QString &p) { return QFileInfo(p).isDir(); })) {
        if (parsed.projects.size() != 1) {
            err() << "filare-perf: error: give one project folder, or project files, not both; "
                     "a folder's harness files are all profiled together\n";
            err().flush();
            return exit_code::kUsage;
        }
        const ProjectFolderPick pick =
            pickProjectFolder(parsed.projects.first(), parsed.resolved.values, env);
        printFolderPick(pick);
        if (!pick.ok()) {
            err() << "filare-perf: error: " << pick.problem << "\n";
            err().flush();
            return exit_code::kUsage;
        }
        parsed = resolveFromCommandLine(parser, env, split.filare, &pick);
        if (!parsed.errors.isEmpty() || !parsed.resolved.ok()) {
            for (const QString &e : parsed.errors + parsed.resolved.errorMessages())
                err() << "filare-perf: error: " << e << "\n";
            err().flush();
            return exit_code::kUsage;
        }
    }
    const bool live = parser.isSet(QStringLiteral("live"));
    if (live && parsed.resolved.values.scalene.profileIntervalSec <= 0) {
        err() << "filare-perf: error: --live shows the snapshots Scalene writes while the run "
                 "goes on, and none is asked for: give a snapshot interval, e.g. "
                 "--profile-interval 10 (seconds), or set FIL_PERF_SCALENE_PROFILE_INTERVAL\n";
        err().flush();
        return exit_code::kUsage;
    }
    if (repeats == 1)
        return profileProjects(parsed.resolved, parsed.projects, env, live);
    return profileRepeats(parsed.resolved, parsed.projects, env, repeats, live);
}

int rerunCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Profile a recorded run again: the same project files, settings, interpreter and output "
        "folder, under a new label. RUN is a label in the output folder or a path to a "
        "LABEL-run.json file. Exit codes as for `run`."));
    parser.addHelpOption();
    addRunsFolderOption(parser);
    parser.addPositionalArgument(QStringLiteral("RUN"), QStringLiteral("the run to repeat"));
    int code = 0;
    if (!parseOrFail(parser, QStringLiteral("rerun"), args, &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        err() << "filare-perf: error: give one run: filare-perf rerun RUN\n";
        err().flush();
        return exit_code::kUsage;
    }
    QString error;
    const auto summary =
        findRun(parser.positionalArguments().first(), defaultOutputDir(parser), &error);
    const auto record = summary ? loadRunRecord(summary->recordPath, &error) : std::nullopt;
    if (!record) {
        err() << "filare-perf: error: " << error << "\n";
        err().flush();
        return exit_code::kUsage;
    }
    const RerunRequest request = rerunRequest(*record);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The recorded values win over files and variables, as options do for `run`.
    const ResolvedSettings settings = resolveSettings(standardSettingsLayers(
        env, request.projectFiles.value(0), {}, request.commandLineEntries()));
    err() << "filare-perf: re-running " << record->label << "\n";
    return profileProjects(settings, request.projectFiles, env);
}

int checkCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Check that a profiled run can start. Exit 0 when it can, 3 when something is missing."));
    parser.addHelpOption();
    addSettingOptions(parser);
    parser.addPositionalArgument(QStringLiteral("PROJECT.yml"),
                                 QStringLiteral("optional: look for a .venv next to it"),
                                 QStringLiteral("[PROJECT.yml]"));
    int code = 0;
    const SplitArguments split = splitAtDoubleDash(args);
    if (!parseOrFail(parser, QStringLiteral("check"), split.ours, &code))
        return code;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const ParsedSettings parsed = resolveFromCommandLine(parser, env, split.filare);
    const ToolReport tools = checkToolsFor(parsed.resolved.values, parsed.projects, env);
    out() << formatToolReport(tools);
    const bool profiled = parsed.resolved.values.scalene.enabled;
    const QStringList problems = tools.problems(profiled);
    if (!problems.isEmpty()) {
        out() << "\nA profiled run cannot start:\n";
        for (const QString &p : problems)
            out() << "  - " << p << "\n";
        out().flush();
        return exit_code::kToolsMissing;
    }
    out() << "\nReady: " << (profiled ? "a profiled run can start." : "a plain run can start.")
          << "\n";
    out().flush();
    return exit_code::kSuccess;
}

int settingsCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print the effective settings and where each value comes from."));
    parser.addHelpOption();
    addSettingOptions(parser);
    parser.addOption({QStringLiteral("export"), QStringLiteral("Print them as an env file.")});
    parser.addPositionalArgument(QStringLiteral("PROJECT.yml"),
                                 QStringLiteral("optional: also read filare-perf.env next to it"),
                                 QStringLiteral("[PROJECT.yml]"));
    int code = 0;
    const SplitArguments split = splitAtDoubleDash(args);
    if (!parseOrFail(parser, QStringLiteral("settings"), split.ours, &code))
        return code;
    const ParsedSettings parsed =
        resolveFromCommandLine(parser, QProcessEnvironment::systemEnvironment(), split.filare);
    for (const QString &w : parsed.resolved.warningMessages())
        err() << "filare-perf: warning: " << w << "\n";
    if (!parsed.errors.isEmpty() || !parsed.resolved.ok()) {
        for (const QString &e : parsed.errors + parsed.resolved.errorMessages())
            err() << "filare-perf: error: " << e << "\n";
        err().flush();
        return exit_code::kUsage;
    }
    err().flush();
    if (parser.isSet(QStringLiteral("export"))) {
        out() << exportSettings(parsed.resolved);
        out().flush();
        return 0;
    }
    int width = 0;
    for (const SettingField &f : settingFields())
        width = qMax(width, int(f.envName.size()));
    for (const SettingField &f : settingFields()) {
        const SettingOrigin o = parsed.resolved.origins.value(f.key);
        QString value = fieldValueText(parsed.resolved.values, f);
        if (value.isEmpty())
            value = QStringLiteral("(automatic)");
        out() << f.envName.leftJustified(width) << "  " << value.leftJustified(16) << "  "
              << settingSourceName(o.source)
              << (o.location.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(o.location))
              << "\n";
    }
    if (!parsed.projects.isEmpty())
        out() << "Output folder for " << parsed.projects.first() << ": "
              << effectiveOutputDir(parsed.resolved.values, parsed.projects.first()) << "\n";
    out().flush();
    return 0;
}

int historyCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the runs recorded in an output folder, newest first. A run whose filare-perf "
        "died while it ran is shown as interrupted; files that are not run records are skipped "
        "with a warning."));
    parser.addHelpOption();
    addRunsFolderOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print {\"runs\": [...]} as JSON.")});
    parser.addOption({QStringLiteral("group-by"),
                      QStringLiteral("run-group: the repeats of each run group (run --repeat N) "
                                     "under one row (the default); commit: every run under the "
                                     "Filare checkout commit it ran."),
                      QStringLiteral("HOW"), QStringLiteral("run-group")});
    int code = 0;
    if (!parseOrFail(parser, QStringLiteral("history"), args, &code))
        return code;
    const QString dir = defaultOutputDir(parser);
    if (!QFileInfo(dir).isDir()) {
        err() << "filare-perf: error: output folder " << dir
              << " does not exist; give the folder of your runs with --output-dir\n";
        err().flush();
        return exit_code::kUsage;
    }
    const HistoryScan scan = scanRunRecords({dir});
    // The scan already found them (status computed as interrupted): no second pass.
    QList<StaleRun> stale;
    for (const RunSummary &r : scan.runs) {
        if (r.status == RunStatus::Interrupted) {
            if (const auto s = recoverInterruptedRun(r.recordPath))
                stale << *s;
        }
    }
    reportStaleRuns(stale);
    for (const QString &w : scan.warnings)
        err() << "filare-perf: warning: " << w << "\n";
    err().flush();
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(historyToJson(dir, scan.runs)).toJson(QJsonDocument::Indented);
        out().flush();
        return 0;
    }
    RunHistoryModel model;
    model.setRuns(scan.runs, scan.groups);
    const QString groupBy = parser.value(QStringLiteral("group-by"));
    if (groupBy == u"commit") {
        model.setGrouping(RunHistoryModel::Grouping::Commits);
    } else if (groupBy != u"run-group") {
        err() << "filare-perf: error: --group-by " << groupBy
              << " is not a grouping; give run-group or commit\n";
        err().flush();
        return exit_code::kUsage;
    }
    // Every row, a group's runs indented under it.
    QList<QModelIndex> rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex top = model.index(r, 0);
        rows << top;
        for (int c = 0; c < model.rowCount(top); ++c)
            rows << model.index(c, 0, top);
    }
    const auto cellText = [&model](const QModelIndex &index, int column) {
        const QString text = model.index(index.row(), column, index.parent()).data().toString();
        return column == 0 && index.parent().isValid() ? QStringLiteral("  ") + text : text;
    };
    QList<int> widths(RunHistoryModel::ColumnCount, 0);
    for (int c = 0; c < RunHistoryModel::ColumnCount; ++c) {
        widths[c] = int(model.headerData(c, Qt::Horizontal).toString().size());
        for (const QModelIndex &index : std::as_const(rows))
            widths[c] = qMin(60, qMax(widths[c], int(cellText(index, c).size())));
    }
    const auto row = [&widths](const QStringList &cells) {
        QStringList padded;
        for (int c = 0; c < cells.size(); ++c)
            padded << cells[c].left(widths[c]).leftJustified(widths[c]);
        // Trailing blanks only: a group's runs keep their indent.
        QString line = padded.join(QStringLiteral("  "));
        while (line.endsWith(u' '))
            line.chop(1);
        return line + u'\n';
    };
    QStringList header;
    for (int c = 0; c < RunHistoryModel::ColumnCount; ++c)
        header << model.headerData(c, Qt::Horizontal).toString();
    out() << row(header);
    for (const QModelIndex &index : std::as_const(rows)) {
        QStringList cells;
        for (int c = 0; c < RunHistoryModel::ColumnCount; ++c)
            cells << cellText(index, c);
        out() << row(cells);
    }
    if (scan.runs.isEmpty())
        out() << "(no runs in " << dir << ")\n";
    out().flush();
    return 0;
}

int diffCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare run B against run A: the summary, and the lines, functions and files that "
        "changed most, in CPU seconds, each with its noise.\n"
        "A and B are run labels in the output folder, paths to LABEL-run.json files, run "
        "groups (run --repeat N), or comma-separated lists of runs: the repeats of a side.\n"
        "A gate fails only when its limit is crossed and the change is beyond noise (where "
        "the noise is known: one run per side gives the sampling noise of times only).\n"
        "Exit codes: 0 no gate failed, 1 a gate failed, 2 a run is missing or unreadable."));
    parser.addHelpOption();
    addRunsFolderOption(parser);
    parser.addOption({QStringLiteral("format"), QStringLiteral("text, markdown, json or junit."),
                      QStringLiteral("format"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("fail-if-slower"),
                      QStringLiteral("Exit 1 if B's profiled time is more than PCT % above A's, "
                                     "beyond noise."),
                      QStringLiteral("PCT")});
    parser.addOption({QStringLiteral("fail-if-line-slower"),
                      QStringLiteral("Exit 1 if any line takes more than SECONDS longer in B, "
                                     "beyond noise."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("fail-if-peak-over"),
                      QStringLiteral("Exit 1 if B's peak memory is more than PCT % above A's."),
                      QStringLiteral("PCT")});
    parser.addOption({QStringLiteral("fail-if-peak-higher"),
                      QStringLiteral("Exit 1 if B's peak memory is more than MB above A's."),
                      QStringLiteral("MB")});
    parser.addOption({QStringLiteral("lines"),
                      QStringLiteral("How many lines to list (text and "
                                     "markdown)."),
                      QStringLiteral("N"), QStringLiteral("20")});
    parser.addPositionalArgument(QStringLiteral("A"), QStringLiteral("the earlier run"));
    parser.addPositionalArgument(QStringLiteral("B"), QStringLiteral("the later run"));
    int code = 0;
    if (!parseOrFail(parser, QStringLiteral("diff"), args, &code))
        return code;
    const auto fail = usageError;
    if (parser.positionalArguments().size() != 2)
        return fail(QStringLiteral("give two runs: filare-perf diff A B"));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != u"text" && format != u"markdown" && format != u"json" && format != u"junit")
        return fail(QStringLiteral("--format %1 is unknown; use text, markdown, json or junit")
                        .arg(format));
    DiffGates gates;
    for (const auto &[name, target, unit] :
         {std::tuple{QStringLiteral("fail-if-slower"), &gates.slowerPercent,
                     QStringLiteral("a percentage; give a number such as 10")},
          std::tuple{QStringLiteral("fail-if-peak-over"), &gates.peakOverPercent,
                     QStringLiteral("a percentage; give a number such as 10")},
          std::tuple{QStringLiteral("fail-if-peak-higher"), &gates.peakHigherMb,
                     QStringLiteral("a number of MB; give a number such as 50")},
          std::tuple{QStringLiteral("fail-if-line-slower"), &gates.lineSlowerSec,
                     QStringLiteral("a number of seconds; give a number such as 0.5")}}) {
        if (!parser.isSet(name))
            continue;
        bool ok = false;
        const double v = parser.value(name).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < 0)
            return fail(QStringLiteral("--%1 %2 is not %3").arg(name, parser.value(name), unit));
        *target = v;
    }
    const QString dir = defaultOutputDir(parser);
    QString error;
    const auto a = findRunGroup(parser.positionalArguments().at(0), dir, &error);
    if (!a)
        return fail(error);
    const auto b = findRunGroup(parser.positionalArguments().at(1), dir, &error);
    if (!b)
        return fail(error);
    const auto diff = diffRunGroups({a->name, a->runs}, {b->name, b->runs}, &error);
    if (!diff)
        return fail(error);
    const QList<GateResult> results = evaluateGates(*diff, gates);
    const int maxLines = qMax(0, parser.value(QStringLiteral("lines")).toInt());
    if (format == u"json") {
        out() << QJsonDocument(diffToJson(*diff, results)).toJson(QJsonDocument::Indented);
    } else if (format == u"markdown") {
        out() << formatDiffMarkdown(*diff, maxLines, results);
    } else if (format == u"junit") {
        out() << formatGatesJunit(*diff, results);
    } else {
        out() << formatDiffText(*diff, maxLines);
    }

    int result = exit_code::kSuccess;
    for (const GateResult &g : results) {
        if (g.failed) {
            err() << "filare-perf: " << g.message << "\n";
            result = 1;
        } else if (!g.checked) {
            err() << "filare-perf: warning: " << g.message << "\n";
        } else {
            err() << "filare-perf: passed --" << g.option << ": " << g.message << "\n";
        }
    }
    out().flush();
    err().flush();
    return result;
}
// The text report of a Scalene 1.5.x run (a command of the run, see buildLaunchPlan), and a
// quick look at any saved profile.
int profileTextCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print a saved Scalene JSON profile (2.x or 1.5.x) as a table of the lines "
                       "with activity, file by file. Figures Scalene did not measure print "
                       "as -.\nExit codes: 0 printed, 5 the file holds no profile, 2 it is "
                       "missing or unreadable."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.json"), QStringLiteral("the profile"));
    int code = 0;
    if (!parseOrFail(parser, QStringLiteral("profile-text"), args, &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        err() << "filare-perf: error: give one profile: filare-perf profile-text FILE.json\n";
        return exit_code::kUsage;
    }
    const QString path = parser.positionalArguments().first();
    const ScaleneProfileRead read = readScaleneProfile(path);
    switch (read.state) {
    case ProfileState::Missing:
        err() << "filare-perf: error: " << path << " does not exist\n";
        return exit_code::kUsage;
    case ProfileState::Unreadable:
        err() << "filare-perf: error: " << path << " is not a readable Scalene profile ("
              << read.error << ")\n";
        return exit_code::kUsage;
    case ProfileState::Empty:
        err() << "filare-perf: error: " << path
              << " holds no profile: Scalene writes {} when the program ran too briefly\n";
        return exit_code::kNoProfile;
    case ProfileState::Valid:
        break;
    }
    out() << formatProfileTable(read.profile);
    out().flush();
    return out().status() == QTextStream::Ok ? exit_code::kSuccess : exit_code::kUsage;
}
int showCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print the profile of a past run as tables: its lines (default), functions or files, "
        "highest first, and the leaks Scalene suspects. RUN is a label in the output folder or "
        "a path to a LABEL-run.json file. Figures Scalene did not measure are left out (text, "
        "markdown) or null (json), never 0.\nExit codes: 0 printed, 2 bad usage or no such "
        "run, 5 the run has no usable profile."));
    parser.addHelpOption();
    addRunsFolderOption(parser);
    parser.addOption({QStringLiteral("top"), QStringLiteral("Rows to print (default 20; 0: all)."),
                      QStringLiteral("N"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("functions"), QStringLiteral("The functions' table.")});
    parser.addOption({QStringLiteral("files"), QStringLiteral("The files' table.")});
    parser.addOption({QStringLiteral("leaks"), QStringLiteral("Also the likely leaks.")});
    parser.addOption({QStringLiteral("sort"),
                      QStringLiteral("Column to sort by: cpu, cpu_python, cpu_native, "
                                     "cpu_system, core_utilization, avg_mb, peak_mb, malloc_mb, "
                                     "mallocs, copy_mb_per_sec, gpu_percent, "
                                     "async_await_percent (default cpu)."),
                      QStringLiteral("column"), QStringLiteral("cpu")});
    parser.addOption({QStringLiteral("search"),
                      QStringLiteral("Only rows whose file, function or source contains TEXT."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("text, markdown or json."),
                      QStringLiteral("format"), QStringLiteral("text")});
    parser.addPositionalArgument(QStringLiteral("RUN"), QStringLiteral("the run to show"));
    int code = 0;
    if (!parseOrFail(parser, QStringLiteral("show"), args, &code))
        return code;
    const auto usage = usageError;
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("give one run: filare-perf show RUN"));
    ShowRequest request;
    bool ok = false;
    request.query.top = parser.value(QStringLiteral("top")).toInt(&ok);
    if (!ok || request.query.top < 0)
        return usage(QStringLiteral("--top %1 is not a number of rows; give 0 (all) or more")
                         .arg(parser.value(QStringLiteral("top"))));
    if (parser.isSet(QStringLiteral("functions")) && parser.isSet(QStringLiteral("files")))
        return usage(QStringLiteral("--functions and --files were both given; use one"));
    request.level = parser.isSet(QStringLiteral("functions")) ? ProfileLevel::Functions
                    : parser.isSet(QStringLiteral("files"))   ? ProfileLevel::Files
                                                              : ProfileLevel::Lines;
    const auto sort = enumFromKey<ProfileColumn>(parser.value(QStringLiteral("sort")));
    if (!sort)
        return usage(QStringLiteral("--sort %1 is not a column; see filare-perf show --help")
                         .arg(parser.value(QStringLiteral("sort"))));
    request.query.sortBy = *sort;
    request.query.search = parser.value(QStringLiteral("search"));
    const auto format = enumFromKey<ShowFormat>(parser.value(QStringLiteral("format")));
    if (!format)
        return usage(QStringLiteral("--format %1 is not known; use text, markdown or json")
                         .arg(parser.value(QStringLiteral("format"))));
    request.format = *format;
    request.leaks = parser.isSet(QStringLiteral("leaks"));

    QString error;
    const auto summary =
        findRun(parser.positionalArguments().first(), defaultOutputDir(parser), &error);
    const auto record = summary ? loadRunRecord(summary->recordPath, &error) : std::nullopt;
    if (!record)
        return usage(error);
    request.title = record->label;
    const ScaleneProfileRead read = readScaleneProfile(record->paths.json);
    if (!read.usable()) {
        err() << "filare-perf: error: run " << record->label << " has no usable profile ("
              << profileStateName(read.state)
              << (read.error.isEmpty() ? QString() : QStringLiteral(": ") + read.error)
              << "); its log " << record->paths.log << " says why\n";
        err().flush();
        return exit_code::kNoProfile;
    }
    out() << formatProfileView(read.profile, request);
    out().flush();
    return out().status() == QTextStream::Ok ? exit_code::kSuccess : exit_code::kUsage;
}
} // namespace

int dispatch(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    if (command == u"run")
        return runCommand(arguments.mid(0, 1) + arguments.mid(2));
    if (command == u"rerun")
        return rerunCommand(arguments.mid(0, 1) + arguments.mid(2));
    if (command == u"check")
        return checkCommand(arguments.mid(0, 1) + arguments.mid(2));
    if (command == u"settings")
        return settingsCommand(arguments.mid(0, 1) + arguments.mid(2));
    if (command == u"history")
        return historyCommand(arguments.mid(0, 1) + arguments.mid(2));
    if (command == u"diff")
        return diffCommand(arguments.mid(0, 1) + arguments.mid(2));
    if (command == u"profile-text")
        return profileTextCommand(arguments.mid(0, 1) + arguments.mid(2));
    if (command == u"show")
        return showCommand(arguments.mid(0, 1) + arguments.mid(2));
    if (command == u"--version" || command == u"-V") {
        out() << "filare-perf " << QCoreApplication::applicationVersion() << "\n";
        out().flush();
        return 0;
    }
    if (command.isEmpty() || command == u"help" || command == u"--help" || command == u"-h") {
        out() << kUsage;
        out().flush();
        return command.isEmpty() ? exit_code::kUsage : 0;
    }
    err() << "filare-perf: unknown command \"" << command
          << "\"; use one of the commands below, or give YAML files to open them in the window\n"
          << kUsage;
    err().flush();
    return exit_code::kUsage;
}

} // namespace fperf::cli
