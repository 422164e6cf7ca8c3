// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tools/container_check.h"

#include "core/tools/filare_source.h"
#include "core/util/commit_label.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>
#include <QVersionNumber>

#include <unistd.h>

namespace fperf {

EngineChoice chooseContainerEngine(const QString &setting, const QString &pathVariable)
{
    if (!setting.isEmpty()) {
        const auto engine = containerEngineFromName(setting).value_or(ContainerEngine::Podman);
        return {engine, findExecutableOnPath(setting, pathVariable),
                QStringLiteral("FIL_PERF_CONTAINER_ENGINE")};
    }
    for (const ContainerEngine engine : {ContainerEngine::Podman, ContainerEngine::Docker}) {
        const QString program = findExecutableOnPath(containerEngineName(engine), pathVariable);
        if (!program.isEmpty())
            return {engine, program, QStringLiteral("first on PATH")};
    }
    return {};
}

QList<QStringList> containerStartCandidates(ContainerEngine engine, bool runcInstalled)
{
    const QStringList limits{QStringLiteral("--ulimit"), QStringLiteral("nofile=1024:1024"),
                             QStringLiteral("--ulimit"), QStringLiteral("nproc=1024:1024")};
    QList<QStringList> out{{}, limits};
    if (engine == ContainerEngine::Podman && runcInstalled) {
        const QStringList runc{QStringLiteral("--runtime"), QStringLiteral("runc")};
        out << runc << runc + limits;
    }
    return out;
}

void splitStartOptions(const QStringList &candidate, QStringList *globalOptions,
                       QStringList *runOptions)
{
    for (qsizetype i = 0; i < candidate.size(); ++i) {
        const bool global = candidate.at(i) == u"--runtime";
        QStringList *into = global ? globalOptions : runOptions;
        into->append(candidate.at(i));
        if (i + 1 < candidate.size())
            into->append(candidate.at(++i));
    }
}

QString filarePackageInTree(const QString &tree)
{
    for (const QString &sub : {QStringLiteral("src/filare"), QStringLiteral("filare")}) {
        const QString dir = QDir(tree).filePath(sub);
        if (QFileInfo(QDir(dir).filePath(QStringLiteral("__init__.py"))).isFile())
            return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    }
    return {};
}

namespace {
const char *kImagePythonLabel = "org.filare.perf.python";

// What worked for an image on this machine: a run does not try the refused options again.
QHash<QString, QStringList> &startOptionsCache()
{
    static QHash<QString, QStringList> cache;
    return cache;
}
QMutex &startOptionsMutex()
{
    static QMutex mutex;
    return mutex;
}

QString lastLines(const QString &text, int n = 3)
{
    QStringList lines = text.trimmed().split(u'\n', Qt::SkipEmptyParts);
    if (lines.size() > n)
        lines = lines.mid(lines.size() - n);
    return lines.join(QStringLiteral(" / ")).left(400);
}

// The image's Filare package, copied out once per image id: the code scope and the source
// view read it here. Empty when the copy failed.
QString copyPackageOutOfImage(const ContainerTarget &t, const QString &packageDir,
                              const std::atomic<bool> *cancel, QString *error)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    const QString dest =
        QDir(base).filePath(QStringLiteral("filare-perf/images/%1/%2")
                                .arg(t.imageId.left(16), QFileInfo(packageDir).fileName()));
    if (QFileInfo(QDir(dest).filePath(QStringLiteral("__init__.py"))).isFile())
        return dest;
    QDir().mkpath(QFileInfo(dest).absolutePath());
    QTemporaryDir scratch(QFileInfo(dest).absolutePath() + QStringLiteral("/.copy-XXXXXX"));
    if (!scratch.isValid()) {
        *error = QStringLiteral("cannot write the cache %1").arg(QFileInfo(dest).absolutePath());
        return {};
    }
    QStringList create = t.globalOptions;
    create << QStringLiteral("create") << QStringLiteral("--pull") << QStringLiteral("never")
           << t.imageId << QStringLiteral("true");
    const QuickRunOutput made = runQuick(t.engineProgram, create, 60000, cancel);
    const QString id = made.out.trimmed().section(u'\n', -1);
    if (made.exitCode != 0 || id.isEmpty()) {
        *error = lastLines(made.out);
        return {};
    }
    QStringList copy = t.globalOptions;
    copy << QStringLiteral("cp") << id + u':' + packageDir << scratch.path();
    const QuickRunOutput copied = runQuick(t.engineProgram, copy, 60000, cancel);
    QStringList remove = t.globalOptions;
    remove << QStringLiteral("rm") << QStringLiteral("-f") << id;
    runQuick(t.engineProgram, remove, 60000, nullptr);
    const QString got = QDir(scratch.path()).filePath(QFileInfo(packageDir).fileName());
    if (copied.exitCode != 0 || !QFileInfo(got).isDir()) {
        *error = lastLines(copied.out);
        return {};
    }
    // Renamed into place whole: a copy cut short is never taken for the package.
    if (!QDir().rename(got, dest) && !QFileInfo(dest).isDir()) {
        *error = QStringLiteral("cannot move the copy to %1").arg(dest);
        return {};
    }
    return dest;
}
} // namespace

ToolReport checkContainerTools(const ContainerSettings &settings, const QString &pathVariable,
                               const std::atomic<bool> *cancel)
{
    ToolReport r;
    ToolItem engineItem{QStringLiteral("Container engine"), {}, ToolStatus::Missing, {}};
    ToolItem imageItem{QStringLiteral("Image"), settings.image, ToolStatus::Missing, {}};
    ToolItem python{QStringLiteral("Python"), {}, ToolStatus::Missing, {}};
    ToolItem scalene{QStringLiteral("Scalene"), {}, ToolStatus::Missing, {}, false};
    ToolItem filare{QStringLiteral("Filare"), {}, ToolStatus::Missing, {}};
    ToolItem dot{QStringLiteral("Graphviz dot"), {}, ToolStatus::Missing, {}};
    const auto done = [&]() -> ToolReport {
        r.items = {engineItem, imageItem, python, scalene, filare, dot};
        return r;
    };
    const QString build = QStringLiteral("build it with scripts/build-perf-image (in a Filare Perf "
                                         "checkout), or set FIL_PERF_CONTAINER_IMAGE / "
                                         "--container-image to an image that has them");

    const EngineChoice choice = chooseContainerEngine(settings.engine, pathVariable);
    if (choice.program.isEmpty()) {
        engineItem.note =
            settings.engine.isEmpty()
                ? QStringLiteral("neither podman nor docker is on PATH; install one "
                                 "(apt-get install podman runc), or clear "
                                 "FIL_PERF_CONTAINER_IMAGE to profile without a container")
                : QStringLiteral("%1 (FIL_PERF_CONTAINER_ENGINE) is not on PATH; install it, "
                                 "or name the engine you have")
                      .arg(settings.engine);
        return done();
    }
    ContainerTarget t;
    t.engine = choice.engine;
    t.engineProgram = choice.program;
    t.image = settings.image;
    t.rootless = choice.engine == ContainerEngine::Podman && ::getuid() != 0;
    const QuickRunOutput version = runQuick(t.engineProgram,
                                            {QStringLiteral("version"), QStringLiteral("--format"),
                                             QStringLiteral("{{.Client.Version}}")},
                                            30000, cancel);
    if (version.exitCode != 0) {
        engineItem.value = t.engineProgram;
        engineItem.note = QStringLiteral("%1 does not work here (%2); check `%1 info`, or "
                                         "clear FIL_PERF_CONTAINER_IMAGE to profile without a "
                                         "container")
                              .arg(t.engineProgram, lastLines(version.out));
        return done();
    }
    t.engineVersion = version.out.trimmed().section(u'\n', -1);
    engineItem.value =
        QStringLiteral("%1 %2 (%3, %4)")
            .arg(containerEngineName(t.engine), t.engineVersion, t.engineProgram, choice.how);
    engineItem.status = ToolStatus::Ok;

    // The image, without pulling it: `run --pull never` would fail later in a worse place.
    const QuickRunOutput inspected =
        runQuick(t.engineProgram,
                 {QStringLiteral("inspect"), QStringLiteral("--type"), QStringLiteral("image"),
                  QStringLiteral("--format"),
                  QStringLiteral("{{.Id}} {{index .Config.Labels \"%1\"}}").arg(kImagePythonLabel),
                  settings.image},
                 30000, cancel);
    if (inspected.exitCode != 0) {
        imageItem.note = QStringLiteral("%1 is not on this machine; %2, or pull it (%3 pull %1)")
                             .arg(settings.image, build, containerEngineName(t.engine));
        return done();
    }
    const QString line = inspected.out.trimmed().section(u'\n', -1);
    t.imageId = line.section(u' ', 0, 0);
    QString inImagePython = line.section(u' ', 1).trimmed();
    if (inImagePython.isEmpty() || inImagePython.startsWith(u'<'))
        inImagePython = QStringLiteral("python3"); // an image of the user's own: its PATH's
    imageItem.value = QStringLiteral("%1 (%2)").arg(settings.image, t.imageId.left(12));
    imageItem.status = ToolStatus::Ok;

    // A Filare source tree runs instead of the image's Filare: first on PYTHONPATH.
    QString treePackage;
    if (!settings.filareSource.isEmpty()) {
        const QString tree = QFileInfo(settings.filareSource).absoluteFilePath();
        treePackage = filarePackageInTree(tree);
        if (treePackage.isEmpty()) {
            filare.note = QStringLiteral("%1 (FIL_PERF_CONTAINER_FILARE_SOURCE) holds no Filare "
                                         "package (looked for src/filare and filare); give the "
                                         "top folder of a Filare checkout")
                              .arg(tree);
            return done();
        }
        t.readOnlyMounts << tree;
        t.environment.insert(QStringLiteral("PYTHONPATH"), QFileInfo(treePackage).path());
    }

    // How a container starts here: the options that worked before for this image, else each
    // candidate in turn. The probe is the start.
    const QString cacheKey = t.engineProgram + u'\n' + t.imageId;
    QStringList known;
    {
        QMutexLocker lock(&startOptionsMutex());
        known = startOptionsCache().value(cacheKey, QStringList{QStringLiteral("?")});
    }
    QList<QStringList> candidates =
        known == QStringList{QStringLiteral("?")}
            ? containerStartCandidates(
                  t.engine, !findExecutableOnPath(QStringLiteral("runc"), pathVariable).isEmpty())
            : QList<QStringList>{known};
    InterpreterProbe probe;
    QString refused;
    const QList<ContainerMount> mounts = containerMounts(t.readOnlyMounts, {});
    for (const QStringList &candidate : candidates) {
        ContainerTarget tried = t;
        splitStartOptions(candidate, &tried.globalOptions, &tried.runOptions);
        CommandSpec spec;
        spec.argv = QStringList{inImagePython, QStringLiteral("-c"), interpreterProbeScript(),
                                QStringLiteral("--dot")};
        const CommandSpec wrapped =
            containerCommand(spec, tried, mounts, HostUser{::getuid(), ::getgid()},
                             QStringLiteral("fperf-check-%1")
                                 .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
        const QuickRunOutput out =
            runQuick(wrapped.argv.first(), wrapped.argv.mid(1), 60000, cancel);
        if (!out.finished)
            runQuick(wrapped.cleanupArgv.first(), wrapped.cleanupArgv.mid(1), 30000, nullptr);
        probe = parseInterpreterProbe(out.out);
        if (probe.ok) {
            t = tried;
            QMutexLocker lock(&startOptionsMutex());
            startOptionsCache().insert(cacheKey, candidate);
            break;
        }
        refused = lastLines(out.out);
        if (cancel && *cancel)
            break;
    }
    if (!probe.ok) {
        engineItem.status = ToolStatus::Missing;
        engineItem.note = QStringLiteral("no container of %1 starts here, with or without "
                                         "lower rlimits or runc (%2); check `%3 run --rm %1 "
                                         "%4 --version`")
                              .arg(settings.image, refused, t.engineProgram, inImagePython);
        return done();
    }
    if (!t.globalOptions.isEmpty() || !t.runOptions.isEmpty())
        engineItem.note = QStringLiteral("starts containers with %1 (the defaults are refused "
                                         "on this machine)")
                              .arg((t.globalOptions + t.runOptions).join(u' '));

    r.interpreter.found = true;
    r.interpreter.path = QDir(probe.scriptsDir).filePath(QStringLiteral("python"));
    r.interpreter.how = QStringLiteral("in %1").arg(settings.image);
    r.pythonVersion = probe.pythonVersion;
    python.value =
        QStringLiteral("%1 (%2 in the image)").arg(probe.pythonVersion, r.interpreter.path);
    python.status = ToolStatus::Ok;

    if (probe.filareVersion.isEmpty() || probe.filarePackageDir.isEmpty()) {
        filare.note = QStringLiteral("not installed in %1; %2").arg(settings.image, build);
    } else {
        r.filareVersion = probe.filareVersion;
        r.filarePackageDir = probe.filarePackageDir;
        r.filareScript = QDir(probe.scriptsDir).filePath(QStringLiteral("filare"));
        filare.value = QStringLiteral("%1 (%2)").arg(r.filareVersion, r.filarePackageDir);
        filare.status = ToolStatus::Ok;
        if (!treePackage.isEmpty()) {
            // Mounted at its own path: what runs is what is on disk here.
            r.filareCodePaths = filareCodeScope(treePackage);
            r.filareSource = readFilareSource(treePackage);
            filare.value += QStringLiteral(", the mounted tree %1").arg(settings.filareSource);
            if (r.filareSource)
                filare.value += QStringLiteral(" at %1").arg(
                    shortCommitLabel(r.filareSource->commit, r.filareSource->dirty));
        } else {
            QString why;
            const QString copy = copyPackageOutOfImage(t, r.filarePackageDir, cancel, &why);
            if (copy.isEmpty()) {
                filare.status = ToolStatus::Warning;
                filare.note = QStringLiteral("its files could not be copied out of the image "
                                             "(%1): the whole package is profiled and the "
                                             "source view is empty")
                                  .arg(why);
            } else {
                t.packageDirInImage = r.filarePackageDir;
                t.packageCopy = copy;
                for (const QString &part : filareCodeScope(copy))
                    r.filareCodePaths << r.filarePackageDir + part.mid(copy.size());
            }
        }
    }

    if (probe.scaleneInstalled) {
        r.scaleneVersion = QVersionNumber::fromString(probe.scaleneVersion);
        scalene.value = r.scaleneVersion.toString();
        // The image's Scalene 1.5 would need our chart libraries inside it; 2.x needs nothing.
        const ScaleneSupport support = scaleneSupport(r.scaleneVersion, r.interpreter.path, {});
        scalene.status =
            r.scaleneVersion.majorVersion() == 1 ? ToolStatus::Warning : support.status;
        scalene.note = r.scaleneVersion.majorVersion() == 1
                           ? QStringLiteral("1.5.x in the image: its HTML reports show no "
                                            "charts; use Scalene 2.4.0 in the image")
                           : support.note;
    } else {
        scalene.note = QStringLiteral("not installed in %1; %2").arg(settings.image, build);
    }

    if (probe.dotVersionOutput.isEmpty()) {
        dot.note = QStringLiteral("`dot` is not in %1; Filare needs Graphviz to draw diagrams; %2")
                       .arg(settings.image, build);
    } else {
        r.dotVersion = parseDotVersion(probe.dotVersionOutput);
        dot.value = QStringLiteral("%1 (in the image)").arg(r.dotVersion);
        dot.status = ToolStatus::Ok;
    }
    r.container = t;
    return done();
}

ToolReport checkRunTools(const ContainerSettings &container, const ResolvedInterpreter &interpreter,
                         const QString &pathVariable, const std::atomic<bool> *cancel,
                         ToolCheckDepth depth)
{
    if (container.enabled())
        return checkContainerTools(container, pathVariable, cancel);
    return checkTools(interpreter, pathVariable, cancel, depth);
}

} // namespace fperf
