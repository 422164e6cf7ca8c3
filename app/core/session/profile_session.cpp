// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/profile_session.h"

#include "core/session/run_preparation.h"
#include "core/store/run_estimate.h"
#include "core/tools/container_check.h"
#include "core/tools/interpreter_resolver.h"
#include "core/tools/project_check.h"

#include <QDir>
#include <QFileInfo>
#include <future>

namespace fperf {

InterpreterSearch interpreterSearchFor(const PerformanceSettings &settings,
                                       const QStringList &projectFiles,
                                       const QProcessEnvironment &environment)
{
    InterpreterSearch search;
    search.configured = settings.python;
    search.projectDir =
        projectFiles.isEmpty() ? QString() : QFileInfo(projectFiles.first()).absolutePath();
    search.repositoryDir = compiledRepositoryDir();
    search.pathVariable = environment.value(QStringLiteral("PATH"));
    return search;
}

ProfileStart prepareProfileRun(const ProfileRequest &request)
{
    ProfileStart start;
    PreparedRun &run = start.run;
    const auto fail = [&start](int code, const QStringList &errors) {
        start.run.exitCode = code;
        start.run.errors = errors;
        return start;
    };
    if (!request.settings.ok())
        return fail(exit_code::kUsage, request.settings.errorMessages());
    if (request.projectFiles.isEmpty())
        return fail(exit_code::kUsage,
                    {QStringLiteral("no project file given; name one or more Filare YAML files")});
    // Bad project files are bad usage: reported before time is spent on the tools.
    QStringList problems;
    for (const QString &f : request.projectFiles) {
        if (const QString p = projectFileProblem(f); !p.isEmpty())
            problems << p;
    }
    const PerformanceSettings &values = request.settings.values;
    const FilareInputs inputs = filareInputs(values, request.projectFiles.first());
    problems += inputs.problems;
    if (!problems.isEmpty())
        return fail(exit_code::kUsage, problems);

    start.staleRuns =
        recoverInterruptedRuns({effectiveOutputDir(values, request.projectFiles.first())});

    // Bad YAML, or YAML that is no harness: said now, not after a profiled Filare failure. The
    // interpreter reads it while the tool check (when one is needed) asks it about itself.
    const InterpreterSearch search =
        interpreterSearchFor(values, request.projectFiles, request.environment);
    // In a container, the YAML is read here by this machine's interpreter, if it has one.
    const bool inContainer = values.container.enabled();
    const ResolvedInterpreter interpreter =
        request.tools && !inContainer ? request.tools->interpreter : resolveInterpreter(search);
    std::future<ProjectContent> content = std::async(std::launch::async, [&] {
        return interpreter.found
                   ? checkProjectContent(interpreter.path, request.projectFiles, inputs.metadata,
                                         inputs.components, inputs.titlePageAsked)
                   : ProjectContent();
    });
    // The window's background check counts only if it checked what this run asks for.
    const bool toolsFit =
        request.tools && request.tools->container.has_value() == inContainer &&
        (!inContainer || request.tools->container->image == values.container.image);
    const ToolReport tools = toolsFit
                                 ? *request.tools
                                 : checkRunTools(values.container, interpreter, search.pathVariable,
                                                 nullptr, ToolCheckDepth::Quick);
    const ProjectContent checked = content.get();
    // Without a working Python the check could not run; the tool problems say why.
    if ((inContainer || !tools.pythonVersion.isEmpty()) && !checked.problems.isEmpty())
        return fail(exit_code::kUsage, checked.problems);

    run = prepareRun(request.settings, request.projectFiles, tools, request.environment);
    if (run.ok())
        run.record.warnings = checked.warnings + run.record.warnings;
    if (run.ok())
        start.estimatedSec =
            estimateRunSeconds(run.record.outputDir, run.record.projectFiles, values);
    return start;
}

ProjectFolderPick pickProjectFolder(const QString &folder, const PerformanceSettings &settings,
                                    const QProcessEnvironment &environment)
{
    const InterpreterSearch search =
        interpreterSearchFor(settings, {folderSettingsAnchor(folder)}, environment);
    const ResolvedInterpreter interpreter = resolveInterpreter(search);
    return scanProjectFolder(interpreter.found ? interpreter.path : QString(), folder);
}

SettingsLayer folderPicksLayer(const ProjectFolderPick &pick)
{
    SettingsLayer layer;
    layer.source = SettingSource::ProjectFolder;
    layer.location = pick.folder;
    // Relative to the folder, which holds the first harness: what the user sees in the form
    // is "metadata.yml", and it resolves to the same file.
    const QDir dir(pick.folder);
    const auto names = [&dir](const QStringList &files) {
        QStringList out;
        for (const QString &f : files)
            out << dir.relativeFilePath(f);
        return listValueText(out);
    };
    if (!pick.metadata.isEmpty())
        layer.entries.append(
            {settingField(SettingId::FilareMetadata).envName, names(pick.metadata), 0});
    if (!pick.components.isEmpty())
        layer.entries.append(
            {settingField(SettingId::FilareComponents).envName, names(pick.components), 0});
    return layer;
}

QString folderSettingsAnchor(const QString &folder)
{
    return QDir(QFileInfo(folder).absoluteFilePath()).filePath(QStringLiteral("filare-perf.env"));
}

QString runsFolder(const QString &given, const QProcessEnvironment &environment)
{
    if (!given.isEmpty())
        return QFileInfo(given).absoluteFilePath();
    const ResolvedSettings resolved =
        resolveSettings(standardSettingsLayers(environment, QString(), {}, {}));
    return effectiveOutputDir(resolved.values, QString());
}

} // namespace fperf
