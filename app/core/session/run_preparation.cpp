// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/run_preparation.h"

#include "core/process/proc_info.h"
#include "core/process/process_group_runner.h"
#include "core/settings/run_label.h"
#include "core/store/run_group_codec.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QUuid>

#include <unistd.h>

namespace fperf {

QString effectiveOutputDir(const PerformanceSettings &settings, const QString &firstProjectFile)
{
    return resolveAgainstProject(settings.outputDir.isEmpty() ? QStringLiteral("outputs/perf")
                                                              : settings.outputDir,
                                 firstProjectFile);
}

QString chooseGroupLabel(const PerformanceSettings &settings, const QString &firstProjectFile,
                         int repeats, const QDateTime &now, QString *error)
{
    const QDir dir(effectiveOutputDir(settings, QFileInfo(firstProjectFile).absoluteFilePath()));
    const auto taken = [&](const QString &label) {
        if (QFileInfo::exists(dir.filePath(runGroupFileName(label))))
            return true;
        for (int k = 1; k <= repeats; ++k) {
            if (QFileInfo::exists(runPaths(dir.path(), repeatLabel(label, k)).record))
                return true;
        }
        return false;
    };
    if (!settings.runLabel.isEmpty()) {
        const QString label = sanitizeRunLabel(settings.runLabel);
        if (!taken(label))
            return label;
        if (error)
            *error = QStringLiteral("run group \"%1\" is already used in %2; choose another "
                                    "--run-label, or leave it empty for an automatic one")
                         .arg(label, dir.path());
        return {};
    }
    const QString base = automaticRunLabel(QFileInfo(firstProjectFile).absoluteFilePath(), now);
    for (int n = 1; n < 1000; ++n) {
        const QString candidate = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
        if (!taken(candidate))
            return candidate;
    }
    if (error)
        *error = QStringLiteral("no free run group label in %1; set one with --run-label")
                     .arg(dir.path());
    return {};
}

namespace {
// what: "project file"; where: how it was given, for the fix ("" for project files).
QString inputFileProblem(const QString &path, const QString &what, const QString &where)
{
    const QFileInfo info(path);
    const QString given = where.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(where);
    if (path.isEmpty())
        return QStringLiteral("an empty %1 path was given%2; name a Filare YAML file")
            .arg(what.section(u' ', 0, 0), given);
    if (!info.exists())
        return QStringLiteral("%1 %2 does not exist; check the path%3").arg(what, path, given);
    if (info.isDir())
        return QStringLiteral("%1 is a folder, not a %2%3; give the YAML file(s) inside it")
            .arg(path, what, given);
    // Reading a pipe or a device could wait forever or never end.
    if (!info.isFile())
        return QStringLiteral("%1 is not a regular file (a pipe or a device?)%2; give a Filare "
                              "YAML file")
            .arg(path, given);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1 %2 cannot be read (%3); check its permissions")
            .arg(what, path, file.errorString());
    if (info.size() == 0 || file.read(4096).trimmed().isEmpty())
        return QStringLiteral("%1 %2 is empty%3; give a Filare %4YAML file")
            .arg(what, path, given, where.isEmpty() ? QStringLiteral("harness ") : QString());
    return {};
}
} // namespace

QString projectFileProblem(const QString &path)
{
    return inputFileProblem(path, QStringLiteral("project file"), {});
}

FilareInputs filareInputs(const PerformanceSettings &settings, const QString &firstProjectFile)
{
    FilareInputs in;
    const FilareSettings &f = settings.filare;
    if (!f.isRun())
        return in;
    in.titlePageAsked = f.formats.isEmpty() || f.formats.contains(u'h');
    for (const QString &m : f.metadata) {
        in.metadata << resolveAgainstProject(m, firstProjectFile);
        if (const QString p = inputFileProblem(in.metadata.last(), QStringLiteral("metadata file"),
                                               QStringLiteral("--metadata, or "
                                                              "FIL_PERF_FILARE_METADATA: "
                                                              "relative to the project's "
                                                              "folder"));
            !p.isEmpty())
            in.problems << p;
    }
    for (const QString &c : f.components) {
        in.components << resolveAgainstProject(c, firstProjectFile);
        if (const QString p = inputFileProblem(
                in.components.last(), QStringLiteral("components file"),
                QStringLiteral("--components, or FIL_PERF_FILARE_COMPONENTS: relative to the "
                               "project's folder"));
            !p.isEmpty())
            in.problems << p;
    }
    return in;
}

namespace {
QString outputDirProblem(const QString &dir)
{
    const QFileInfo info(dir);
    if (info.exists() && !info.isDir())
        return QStringLiteral("output folder %1 is a file; choose another folder with "
                              "--output-dir or FIL_PERF_OUTPUT_DIR")
            .arg(dir);
    if (!QDir().mkpath(dir))
        return QStringLiteral("output folder %1 cannot be created; check the path and its "
                              "permissions, or choose another with --output-dir or "
                              "FIL_PERF_OUTPUT_DIR")
            .arg(dir);
    QTemporaryFile probe(QDir(dir).filePath(QStringLiteral(".write-test-XXXXXX")));
    if (!probe.open())
        return QStringLiteral("output folder %1 is not writable (%2); fix its permissions or "
                              "choose another with --output-dir or FIL_PERF_OUTPUT_DIR")
            .arg(dir, probe.errorString());
    return {};
}
} // namespace

PreparedRun prepareRun(const ResolvedSettings &settings, const QStringList &projectFiles,
                       const ToolReport &tools, const QProcessEnvironment &environment,
                       const QDateTime &now)
{
    PreparedRun run;
    run.environment = environment;
    const auto fail = [&run](int code, const QStringList &errors) {
        run.exitCode = code;
        run.errors = errors;
        return run;
    };

    if (!settings.ok())
        return fail(exit_code::kUsage, settings.errorMessages());
    if (projectFiles.isEmpty())
        return fail(exit_code::kUsage,
                    {QStringLiteral("no project file given; name one or more Filare YAML files")});
    QStringList absoluteFiles;
    QStringList problems;
    for (const QString &f : projectFiles) {
        const QString problem = projectFileProblem(f);
        if (!problem.isEmpty())
            problems << problem;
        absoluteFiles << QFileInfo(f).absoluteFilePath();
    }
    if (!problems.isEmpty())
        return fail(exit_code::kUsage, problems);

    // The output folder is bad usage too: reported before missing tools, like the rest.
    const PerformanceSettings &s = settings.values;
    const QString outputDir = effectiveOutputDir(s, absoluteFiles.first());
    if (const QString problem = outputDirProblem(outputDir); !problem.isEmpty())
        return fail(exit_code::kUsage, {problem});

    const QStringList toolProblems = tools.problems(s.scalene.enabled);
    if (!toolProblems.isEmpty())
        return fail(exit_code::kToolsMissing, toolProblems);

    // Pick the label and claim it: a second run with the same label must not overwrite.
    QStringList warnings = settings.warningMessages();
    QString label;
    if (!s.runLabel.isEmpty()) {
        label = sanitizeRunLabel(s.runLabel);
        if (label != s.runLabel) {
            const QString given =
                s.runLabel.size() > 60 ? s.runLabel.left(57) + QStringLiteral("...") : s.runLabel;
            warnings << QStringLiteral("Run label \"%1\" was reduced to \"%2\" (letters, "
                                       "digits, '.', '_' and '-' only)")
                            .arg(given, label);
        }
        QString error;
        if (!claimRunRecord(runPaths(outputDir, label).record, &error)) {
            return fail(exit_code::kUsage,
                        {QStringLiteral("run label \"%1\" is already used in %2 (%3); choose "
                                        "another label, or leave it empty for an automatic one")
                             .arg(label, outputDir, error)});
        }
    } else {
        const QString base = automaticRunLabel(absoluteFiles.first(), now);
        for (int n = 1; n < 1000 && label.isEmpty(); ++n) {
            const QString candidate = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
            if (claimRunRecord(runPaths(outputDir, candidate).record, nullptr))
                label = candidate;
        }
        if (label.isEmpty())
            return fail(exit_code::kUsage,
                        {QStringLiteral("no free run label in %1; set one with --run-label")
                             .arg(outputDir)});
    }

    const QString runToken = QUuid::createUuid().toString(QUuid::WithoutBraces);
    LaunchInputs in;
    in.settings = s;
    in.container = tools.container;
    in.runToken = runToken;
    in.user = HostUser{::getuid(), ::getgid()};
    in.python = tools.interpreter.path;
    in.scaleneVersion = tools.scaleneVersion;
    in.filareScript = tools.filareScript;
    in.filarePackageDir = tools.filarePackageDir;
    in.filareCodePaths = tools.filareCodePaths;
    in.projectFiles = absoluteFiles;
    in.outputDir = outputDir;
    in.label = label;
    in.environmentNames = environment.keys();
    in.filarePerfProgram = filarePerfProgram();
    run.plan = buildLaunchPlan(in);
    if (!run.plan.errors.isEmpty()) {
        QFile::remove(run.plan.paths.record);
        return fail(exit_code::kToolsMissing, run.plan.errors);
    }

    RunRecord &r = run.record;
    r.label = label;
    r.status = RunStatus::Running;
    r.projectFiles = absoluteFiles;
    r.outputDir = outputDir;
    r.settings = settings;
    r.started = now;
    r.interpreter = tools.interpreter.path;
    r.pythonVersion = tools.pythonVersion;
    r.scaleneVersion = tools.scaleneVersion.toString();
    r.filareVersion = tools.filareVersion;
    if (tools.filareSource) {
        r.filareCommit = tools.filareSource->commit;
        r.filareDirty = tools.filareSource->dirty;
    }
    r.dotVersion = tools.dotVersion;
    r.appPid = QCoreApplication::applicationPid();
    r.appStartTicks = processStartTicks(r.appPid);
    r.bootId = currentBootId();
    r.container = tools.container;
    r.runToken = runToken;
    run.environment.insert(QLatin1String(kRunTokenVariable), r.runToken);
    r.paths = run.plan.paths;
    r.warnings = warnings + run.plan.warnings;
    return run;
}

} // namespace fperf
