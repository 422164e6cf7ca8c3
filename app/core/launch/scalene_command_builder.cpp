// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/launch/scalene_command_builder.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace fperf {

bool isSecretVariable(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("(^AWS_|^AZURE_OPENAI_|API_?KEY|_KEY$|PRIVATE|TOKEN|SECRET|PASSWORD|PASSWD|"
                       "PASSPHRASE|CREDENTIAL|_DSN$)"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

namespace {
QStringList filareArguments(const LaunchInputs &in, const QString &outDir)
{
    const FilareSettings &f = in.settings.filare;
    const QString first = in.projectFiles.value(0);
    QStringList args{f.command};
    // Filare looks for a bare multiplier file name in its output folder, which is the
    // project's folder when Filare is run by hand; here the outputs go elsewhere.
    const QString multipliers = resolveAgainstProject(
        f.multiplierFileName.isEmpty() ? QString::fromLatin1(FilareSettings::kDefaultMultiplierFile)
                                       : f.multiplierFileName,
        first);
    if (!f.isRun()) {
        // Another command's own arguments (a subcommand first) come before the files.
        if (!f.multiplierFileName.isEmpty())
            args << QStringLiteral("-m") << multipliers;
        return args + f.extraArgs + in.projectFiles;
    }
    args += in.projectFiles;
    if (!f.formats.isEmpty())
        args << QStringLiteral("-f") << f.formats;
    for (const QString &m : f.metadata)
        args << QStringLiteral("-d") << resolveAgainstProject(m, first);
    for (const QString &c : f.components)
        args << QStringLiteral("-c") << resolveAgainstProject(c, first);
    if (!f.outputName.isEmpty())
        args << QStringLiteral("-O") << f.outputName;
    if (f.useQtyMultipliers)
        args << QStringLiteral("-u");
    if (f.useQtyMultipliers || !f.multiplierFileName.isEmpty())
        args << QStringLiteral("-m") << multipliers;
    args << QStringLiteral("-o") << outDir;
    return args + f.extraArgs;
}

// Settings for `filare run` only, set while another command is profiled.
QStringList runOnlySettingsSet(const FilareSettings &f)
{
    QStringList names;
    if (!f.formats.isEmpty())
        names << QStringLiteral("--formats");
    if (!f.metadata.isEmpty())
        names << QStringLiteral("--metadata");
    if (!f.components.isEmpty())
        names << QStringLiteral("--components");
    if (!f.outputName.isEmpty())
        names << QStringLiteral("--output-name");
    if (f.useQtyMultipliers)
        names << QStringLiteral("--use-qty-multipliers");
    return names;
}

QString withTrailingSlash(const QString &dir)
{
    return dir.endsWith(u'/') ? dir : dir + u'/';
}

// Scalene 1.5.x renders its interactive page only from inside its profiler class, and says
// nothing when it fails: the script turns a missing page into an error.
const char *kScalene15Html = R"PY(import os, sys
from scalene.scalene_profiler import Scalene
src, dst = sys.argv[1:3]
Scalene.generate_html(src, dst)
if not (os.path.isfile(dst) and os.path.getsize(dst) > 0):
    sys.exit("Scalene wrote no HTML report for " + src)
)PY";

} // namespace

bool isScalene15(const QVersionNumber &scaleneVersion)
{
    return scaleneVersion.majorVersion() == 1;
}

CommandSpec htmlReportCommand(const QString &python, const QVersionNumber &scaleneVersion,
                              const RunPaths &paths, const QStringList &envRemoved)
{
    const QString scratchHtml =
        QDir(paths.viewScratch).filePath(QStringLiteral("scalene-profile.html"));
    // `view` always writes scalene-profile.html into its working directory.
    QStringList argv{python,
                     QStringLiteral("-m"),
                     QStringLiteral("scalene"),
                     QStringLiteral("view"),
                     QStringLiteral("--standalone"),
                     paths.json};
    if (isScalene15(scaleneVersion))
        argv = QStringList{python, QStringLiteral("-c"), QString::fromUtf8(kScalene15Html),
                           paths.json, scratchHtml};
    return {CommandRole::HtmlReport,
            argv,
            paths.viewScratch,
            {{QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1")}},
            envRemoved,
            {},
            scratchHtml,
            paths.html,
            {}};
}

namespace {
LaunchPlan localLaunchPlan(const LaunchInputs &in);

// The folders a run's containers see: what Filare reads, read-only; the output folder, writable.
QList<ContainerMount> runMounts(const LaunchInputs &in, QStringList *problems)
{
    const QString first = in.projectFiles.value(0);
    QStringList readOnly = in.container->readOnlyMounts;
    for (const QString &f : in.projectFiles)
        readOnly << QFileInfo(f).absolutePath();
    const FilareSettings &fs = in.settings.filare;
    if (fs.isRun()) {
        for (const QString &m : fs.metadata + fs.components)
            readOnly << QFileInfo(resolveAgainstProject(m, first)).absolutePath();
    }
    if (!fs.multiplierFileName.isEmpty())
        readOnly << QFileInfo(resolveAgainstProject(fs.multiplierFileName, first)).absolutePath();
    const QList<ContainerMount> mounts = containerMounts(readOnly, {in.outputDir});
    for (const ContainerMount &m : mounts) {
        if (const QString p = containerMountProblem(m.path); !p.isEmpty())
            *problems << p;
    }
    return mounts;
}
} // namespace

LaunchPlan buildLaunchPlan(const LaunchInputs &in)
{
    LaunchPlan plan = localLaunchPlan(in);
    if (!in.container)
        return plan;
    const QList<ContainerMount> mounts = runMounts(in, &plan.errors);
    for (CommandSpec &c : plan.commands) {
        // filare-perf's own text report of a 1.5.x profile runs here.
        if (!in.filarePerfProgram.isEmpty() && c.argv.value(0) == in.filarePerfProgram)
            continue;
        c = containerCommand(c, *in.container, mounts, in.user, containerName(in.runToken, c.role));
    }
    return plan;
}

namespace {
LaunchPlan localLaunchPlan(const LaunchInputs &in)
{
    LaunchPlan plan;
    plan.paths = runPaths(in.outputDir, in.label);
    const RunPaths &p = plan.paths;
    const ScaleneSettings &sc = in.settings.scalene;

    QStringList removed;
    for (const QString &name : in.environmentNames) {
        if (isSecretVariable(name))
            removed << name;
    }
    removed.sort();
    // Filare is run as users run it: from the project's folder, outputs elsewhere.
    const QString projectDir = in.projectFiles.isEmpty()
                                   ? in.outputDir
                                   : QFileInfo(in.projectFiles.first()).absolutePath();
    const QMap<QString, QString> unbuffered{
        {QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1")}};

    if (in.projectFiles.isEmpty())
        plan.errors << QStringLiteral("no project file given");
    if (in.filareScript.isEmpty())
        plan.errors << QStringLiteral("Filare's console script was not found");
    const FilareSettings &fs = in.settings.filare;
    if (!fs.isRun()) {
        const QStringList ignored = runOnlySettingsSet(fs);
        if (!ignored.isEmpty())
            plan.warnings << QStringLiteral("%1 only apply to `filare run`; they are not passed "
                                            "to `filare %2`")
                                 .arg(ignored.join(QStringLiteral(", ")), fs.command);
    }

    plan.directories << p.outputDir << p.filareOut;

    if (!sc.enabled) {
        plan.commands.append({CommandRole::Plain,
                              QStringList{in.filareScript} + filareArguments(in, p.filareOut),
                              projectDir,
                              unbuffered,
                              removed,
                              {},
                              {},
                              {},
                              {}});
        return plan;
    }

    if (in.scaleneVersion.isNull() || in.scaleneVersion < QVersionNumber(1, 5)) {
        plan.errors << QStringLiteral("Scalene %1 is not supported; install Scalene 1.5 or newer "
                                      "(pip install scalene==2.4.0)")
                           .arg(in.scaleneVersion.isNull() ? QStringLiteral("(unknown version)")
                                                           : in.scaleneVersion.toString());
    }
    const bool v15 = isScalene15(in.scaleneVersion);
    if (in.settings.baseline) {
        plan.directories << p.baselineOut;
        plan.commands.append({CommandRole::Baseline,
                              QStringList{in.filareScript} + filareArguments(in, p.baselineOut),
                              projectDir,
                              unbuffered,
                              removed,
                              {},
                              {},
                              {},
                              {}});
    }

    QStringList profile{in.python, QStringLiteral("-m"), QStringLiteral("scalene")};
    if (v15) {
        // Without --cli, 1.5.x on a desktop ignores --outfile, writes profile.json and
        // profile.html into the working directory and opens a browser.
        profile << QStringLiteral("--cli") << QStringLiteral("--json")
                << QStringLiteral("--outfile") << p.json;
    } else {
        profile << QStringLiteral("run") << QStringLiteral("-o") << p.json;
    }
    profile << QStringLiteral("--cpu-sampling-rate") << QString::number(sc.cpuRate, 'g', 6);
    // Snapshots of the profile while the run goes on: what Stop, a timeout or a failure keep.
    if (sc.profileIntervalSec > 0 && !v15)
        profile << QStringLiteral("--profile-interval") << QString::number(sc.profileIntervalSec);
    if (sc.profileIntervalSec > 0 && v15)
        plan.warnings << QStringLiteral("Scalene 1.5 writes no profile snapshots "
                                        "(--profile-interval): a stopped run keeps no partial "
                                        "profile; use Scalene 2.4.0 for them");
    // 1.5.x: naming --cpu alone turns memory (and GPU) profiling off.
    if (!sc.memory)
        profile << (v15 ? QStringLiteral("--cpu") : QStringLiteral("--cpu-only"));
    // Site-packages is skipped unless told, and Filare lives there. Its parts are named one by
    // one so that its Jinja templates are never in scope (see filareCodeScope).
    QString only = sc.profileOnly;
    if (only.isEmpty()) {
        only = in.filareCodePaths.isEmpty() ? withTrailingSlash(in.filarePackageDir)
                                            : in.filareCodePaths.join(u',');
    }
    // Scalene tries to parse Jinja templates run from Filare's package as Python and then
    // writes no profile at all.
    const QString exclude =
        sc.profileExclude.isEmpty()
            ? withTrailingSlash(QDir(in.filarePackageDir).filePath(QStringLiteral("templates")))
            : sc.profileExclude;
    profile << QStringLiteral("--profile-all") << QStringLiteral("--profile-only") << only
            << QStringLiteral("--profile-exclude") << exclude;
    // "---" keeps Filare's options away from Scalene, which would take unknown ones silently.
    profile << in.filareScript << QStringLiteral("---") << filareArguments(in, p.filareOut);
    plan.commands.append(
        {CommandRole::Profile, profile, projectDir, unbuffered, removed, {}, {}, {}, {}});

    if (sc.html) {
        plan.directories << p.viewScratch;
        plan.commands.append(htmlReportCommand(in.python, in.scaleneVersion, p, removed));
    } else if (v15) {
        // 1.5.x cannot show a saved profile as text (it has no `view`): filare-perf prints
        // the table itself, from the one reader of Scalene's JSON.
        if (in.filarePerfProgram.isEmpty())
            plan.warnings << QStringLiteral("No text report: filare-perf was not found next to "
                                            "the running program; the JSON profile is kept");
        else
            plan.commands.append({CommandRole::TextReport,
                                  {in.filarePerfProgram, QStringLiteral("profile-text"), p.json},
                                  p.outputDir,
                                  unbuffered,
                                  removed,
                                  p.text,
                                  {},
                                  {},
                                  {}});
    } else {
        QMap<QString, QString> env = unbuffered;
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        env.insert(QStringLiteral("COLUMNS"), QStringLiteral("160"));
        plan.commands.append(
            {CommandRole::TextReport,
             {in.python, QStringLiteral("-m"), QStringLiteral("scalene"), QStringLiteral("view"),
              QStringLiteral("--cli"), QStringLiteral("--reduced"), p.json},
             p.outputDir,
             env,
             removed,
             p.text,
             {},
             {},
             {}});
    }

    if (sc.copy && !sc.memory)
        plan.warnings << QStringLiteral("Copy-volume tracking needs memory profiling; it is off "
                                        "for this run");
    if (sc.memory)
        plan.warnings << QStringLiteral("Memory profiling is on: it slows Filare down (often "
                                        "1.5x-3x); use --no-memory for CPU timings");
    // Said before the run from the version: no probe can tell, as 1.5.16 does measure small
    // programs (see the guide). The profile then decides what is shown.
    if (sc.memory && v15)
        plan.warnings << QStringLiteral(
            "Scalene 1.5 was seen recording no allocation at all on Filare's runs (Debian's "
            "1.5.16): memory figures will likely be absent. For memory, use Scalene 2.4.0 "
            "(the project's .venv, or --python / FIL_PERF_PYTHON); else --no-memory");
    return plan;
}
} // namespace

} // namespace fperf
