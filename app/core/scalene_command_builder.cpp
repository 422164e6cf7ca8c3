// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scalene_command_builder.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace fperf {

QString commandRoleName(CommandRole role)
{
    switch (role) {
    case CommandRole::Baseline:
        return QStringLiteral("baseline");
    case CommandRole::Profile:
        return QStringLiteral("profile");
    case CommandRole::Plain:
        return QStringLiteral("plain");
    case CommandRole::HtmlReport:
        return QStringLiteral("html-report");
    case CommandRole::TextReport:
        return QStringLiteral("text-report");
    }
    return {};
}

RunPaths runPaths(const QString &outputDir, const QString &label)
{
    const QDir dir(outputDir);
    RunPaths p;
    p.outputDir = outputDir;
    p.label = label;
    p.record = dir.filePath(label + QStringLiteral("-run.json"));
    p.log = dir.filePath(label + QStringLiteral(".log"));
    p.json = dir.filePath(label + QStringLiteral("-scalene.json"));
    p.html = dir.filePath(label + QStringLiteral("-scalene.html"));
    p.text = dir.filePath(label + QStringLiteral("-scalene.txt"));
    p.filareOut = dir.filePath(label + QStringLiteral("-filare"));
    p.baselineOut = dir.filePath(label + QStringLiteral("-baseline-filare"));
    p.viewScratch = dir.filePath(u'.' + label + QStringLiteral("-view"));
    return p;
}

bool isSecretVariable(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("(^AWS_|^AZURE_OPENAI_|API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

namespace {
QStringList filareArguments(const LaunchInputs &in, const QString &outDir)
{
    QStringList args{QStringLiteral("run")};
    args += in.projectFiles;
    if (!in.settings.filareFormats.isEmpty())
        args << QStringLiteral("-f") << in.settings.filareFormats;
    args << QStringLiteral("-o") << outDir;
    return args;
}

QString withTrailingSlash(const QString &dir)
{
    return dir.endsWith(u'/') ? dir : dir + u'/';
}
} // namespace

CommandSpec htmlReportCommand(const QString &python, const RunPaths &paths,
                              const QStringList &envRemoved)
{
    // `view` always writes scalene-profile.html into its working directory.
    return {CommandRole::HtmlReport,
            {python, QStringLiteral("-m"), QStringLiteral("scalene"), QStringLiteral("view"),
             QStringLiteral("--standalone"), paths.json},
            paths.viewScratch,
            {{QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1")}},
            envRemoved,
            {},
            QDir(paths.viewScratch).filePath(QStringLiteral("scalene-profile.html")),
            paths.html};
}

LaunchPlan buildLaunchPlan(const LaunchInputs &in)
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

    plan.directories << p.outputDir << p.filareOut;

    if (!sc.enabled) {
        plan.commands.append({CommandRole::Plain,
                              QStringList{in.filareScript} + filareArguments(in, p.filareOut),
                              projectDir,
                              unbuffered,
                              removed,
                              {},
                              {},
                              {}});
        return plan;
    }

    if (in.scaleneVersion.isNull() || in.scaleneVersion.majorVersion() < 2) {
        plan.errors << QStringLiteral("Scalene %1 is not supported; install Scalene 2.1 or newer")
                           .arg(in.scaleneVersion.isNull() ? QStringLiteral("(unknown version)")
                                                           : in.scaleneVersion.toString());
    }
    if (in.settings.baseline) {
        plan.directories << p.baselineOut;
        plan.commands.append({CommandRole::Baseline,
                              QStringList{in.filareScript} + filareArguments(in, p.baselineOut),
                              projectDir,
                              unbuffered,
                              removed,
                              {},
                              {},
                              {}});
    }

    QStringList profile{in.python,
                        QStringLiteral("-m"),
                        QStringLiteral("scalene"),
                        QStringLiteral("run"),
                        QStringLiteral("-o"),
                        p.json,
                        QStringLiteral("--cpu-sampling-rate"),
                        QString::number(sc.cpuRate, 'g', 6)};
    if (!sc.memory)
        profile << QStringLiteral("--cpu-only");
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
        {CommandRole::Profile, profile, projectDir, unbuffered, removed, {}, {}, {}});

    if (sc.html) {
        plan.directories << p.viewScratch;
        plan.commands.append(htmlReportCommand(in.python, p, removed));
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
             {}});
    }

    if (sc.copy && !sc.memory)
        plan.warnings << QStringLiteral("Copy-volume tracking needs memory profiling; it is off "
                                        "for this run");
    if (sc.memory)
        plan.warnings << QStringLiteral("Memory profiling is on: it slows Filare down (often "
                                        "1.5x-3x); use --no-memory for CPU timings");
    return plan;
}

} // namespace fperf
