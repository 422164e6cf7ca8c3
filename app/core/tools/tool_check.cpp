// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tools/tool_check.h"

#include "core/report/offline_web_assets.h"
#include "core/util/commit_label.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>

#include <future>

namespace fperf {

namespace {
// Asks the interpreter about itself without importing Filare or Scalene (fast, no side effects).
const char *kProbeScript = R"PY(
import json, os, platform, sys, sysconfig
out = {"python": platform.python_version(), "scripts": sysconfig.get_path("scripts")}
try:
    import importlib.metadata as md
    import importlib.util as iu
    for name in ("filare", "scalene"):
        try:
            out[name] = md.version(name)
        except Exception:
            out[name] = None
    spec = iu.find_spec("filare")
    out["filare_dir"] = os.path.dirname(spec.origin) if spec and spec.origin else None
except Exception as e:
    out["error"] = str(e)
if "--dot" in sys.argv:
    import subprocess
    try:
        done = subprocess.run(["dot", "-V"], capture_output=True, text=True, timeout=20)
        out["dot"] = (done.stderr + done.stdout).strip()
    except Exception:
        out["dot"] = None
print("FILARE_PERF_PROBE " + json.dumps(out))
)PY";

using ProcessOutput = QuickRunOutput;
} // namespace

QString interpreterProbeScript()
{
    return QString::fromUtf8(kProbeScript);
}

InterpreterProbe parseInterpreterProbe(const QString &output)
{
    InterpreterProbe p;
    const qsizetype at = output.indexOf(QLatin1String("FILARE_PERF_PROBE "));
    if (at < 0)
        return p;
    const QString json = output.mid(at + 18).section(u'\n', 0, 0);
    const QJsonObject probe = QJsonDocument::fromJson(json.toUtf8()).object();
    if (probe.isEmpty())
        return p;
    p.ok = true;
    p.pythonVersion = probe.value(QStringLiteral("python")).toString();
    p.scriptsDir = probe.value(QStringLiteral("scripts")).toString();
    p.filareVersion = probe.value(QStringLiteral("filare")).toString();
    p.scaleneInstalled = probe.value(QStringLiteral("scalene")).isString();
    p.scaleneVersion = probe.value(QStringLiteral("scalene")).toString();
    p.filarePackageDir = probe.value(QStringLiteral("filare_dir")).toString();
    p.dotVersionOutput = probe.value(QStringLiteral("dot")).toString();
    p.error = probe.value(QStringLiteral("error")).toString();
    return p;
}

QuickRunOutput runQuick(const QString &program, const QStringList &args, int timeoutMs,
                        const std::atomic<bool> *cancel)
{
    QuickRunOutput result;
    QProcess p;
    QTemporaryDir cwd; // keep stray files of the tools away from the user's folders
    if (cwd.isValid())
        p.setWorkingDirectory(cwd.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    result.started = p.waitForStarted(timeoutMs);
    if (!result.started)
        return result;
    p.closeWriteChannel();
    // Waits in short slices so a cancelled check (the window closing) ends at once.
    QElapsedTimer clock;
    clock.start();
    while (!result.finished && clock.elapsed() < timeoutMs && !(cancel && *cancel))
        result.finished = p.waitForFinished(50);
    if (!result.finished) {
        p.kill();
        p.waitForFinished(1000);
    }
    result.out = QString::fromUtf8(p.readAll());
    if (result.finished && p.exitStatus() == QProcess::NormalExit)
        result.exitCode = p.exitCode();
    return result;
}

namespace {

const QString kInstallHint = QStringLiteral(
    "create a virtual environment with them (python3 -m venv ~/.venvs/filare && "
    "~/.venvs/filare/bin/pip install filare==1.6.0 scalene==2.4.0 faker) and point "
    "FIL_PERF_PYTHON or --python at ~/.venvs/filare/bin/python, or put a .venv next to your "
    "project; in a Filare Perf checkout, ./scripts/setup does it");
} // namespace

namespace {
// Folders of only Python files are named whole ("dir/"); in a folder that also holds other
// files (templates, data), its Python files and subfolders are named one by one.
void collectCodeScope(const QDir &dir, QStringList &parts)
{
    const QFileInfoList entries =
        dir.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &e : entries) {
        if (e.isFile() && e.suffix() == u"py") {
            parts << e.absoluteFilePath();
        } else if (e.isDir() && e.fileName() != u"__pycache__") {
            bool onlyPython = true;
            bool anyPython = false;
            QDirIterator it(e.absoluteFilePath(), QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QFileInfo f(it.next());
                if (f.path().contains(QLatin1String("__pycache__")))
                    continue;
                if (f.suffix() == u"py")
                    anyPython = true;
                else
                    onlyPython = false;
            }
            if (anyPython && onlyPython)
                parts << e.absoluteFilePath() + u'/';
            else if (anyPython)
                collectCodeScope(QDir(e.absoluteFilePath()), parts);
        }
    }
}
} // namespace

QStringList filareCodeScope(const QString &packageDir)
{
    QStringList parts;
    if (!packageDir.isEmpty() && QDir(packageDir).exists())
        collectCodeScope(QDir(packageDir), parts);
    return parts;
}

QString toolStatusName(ToolStatus status)
{
    return enumKey(status);
}

std::optional<ToolStatus> toolStatusFromName(const QString &name)
{
    return enumFromKey<ToolStatus>(name);
}

bool ToolReport::canProfile() const
{
    return problems(true).isEmpty();
}
bool ToolReport::canRunPlain() const
{
    return problems(false).isEmpty();
}

QStringList ToolReport::problems(bool profiled) const
{
    QStringList out;
    for (const ToolItem &item : items) {
        // Items without a note were not checked: the interpreter's own problem says why.
        if (item.status == ToolStatus::Missing && (profiled || item.neededForPlainRun) &&
            !item.note.isEmpty())
            out << QStringLiteral("%1: %2").arg(item.name, item.note);
    }
    return out;
}

QString parseDotVersion(const QString &versionOutput)
{
    static const QRegularExpression re(QStringLiteral("version\\s+([0-9][^\\s]*)"));
    const auto m = re.match(versionOutput);
    return m.hasMatch() ? m.captured(1) : versionOutput.trimmed();
}

QVersionNumber parseScaleneVersion(const QString &versionOutput)
{
    static const QRegularExpression re(QStringLiteral("Scalene version (\\d+(?:\\.\\d+)+)"));
    const auto m = re.match(versionOutput);
    return m.hasMatch() ? QVersionNumber::fromString(m.captured(1)) : QVersionNumber();
}

ScaleneSupport scaleneSupport(const QVersionNumber &version, const QString &python,
                              const QString &webAssetsDir)
{
    if (version.isNull())
        return {ToolStatus::Missing, QStringLiteral("its version could not be read; reinstall it "
                                                    "(pip install --force-reinstall "
                                                    "scalene==2.4.0)")};
    if (version < QVersionNumber(1, 5))
        return {ToolStatus::Missing,
                QStringLiteral("version %1 is too old: Filare Perf needs Scalene 1.5 or newer; "
                               "upgrade it (%2 -m pip install --upgrade scalene==2.4.0), or use "
                               "Debian's python3-scalene (1.5.16)")
                    .arg(version.toString(), python)};
    if (version.majorVersion() == 1) {
        const QStringList missing = missingOfflineWebAssets(webAssetsDir);
        if (!missing.isEmpty())
            return {
                ToolStatus::Warning,
                QStringLiteral("1.5.x: its HTML reports will show no charts, because the "
                               "chart libraries they load are not installed in %1 "
                               "(missing: %2); reinstall Filare Perf, or upgrade to Scalene "
                               "2.4.0 (pip install scalene==2.4.0)")
                    .arg(webAssetsDir.isEmpty() ? QStringLiteral("(unknown folder)") : webAssetsDir,
                         missing.join(QStringLiteral(", ")))};
        return {ToolStatus::Ok,
                QStringLiteral("1.5.x: supported; its HTML reports load the chart libraries "
                               "installed in %1")
                    .arg(webAssetsDir)};
    }
    if (version < QVersionNumber(2, 1))
        return {ToolStatus::Warning, QStringLiteral("older than 2.1: HTML reports are not "
                                                    "standalone; upgrade with pip install "
                                                    "scalene==2.4.0")};
    return {ToolStatus::Ok, {}};
}

ToolReport checkTools(const ResolvedInterpreter &interpreter, const QString &pathVariable,
                      const std::atomic<bool> *cancel, ToolCheckDepth depth)
{
    ToolReport r;
    r.interpreter = interpreter;
    const QString py = interpreter.path;
    // Graphviz is asked for its version while the interpreter answers (part of each run's
    // start-up).
    const QString dotPath = findExecutableOnPath(QStringLiteral("dot"), pathVariable);
    std::future<ProcessOutput> dotOutput;
    if (!dotPath.isEmpty())
        dotOutput = std::async(std::launch::async, [&dotPath, cancel] {
            return runQuick(dotPath, {QStringLiteral("-V")}, 10000, cancel);
        });

    ToolItem interp{QStringLiteral("Interpreter"), py, ToolStatus::Ok, interpreter.how};
    ToolItem python{QStringLiteral("Python"), {}, ToolStatus::Missing, {}};
    ToolItem scalene{QStringLiteral("Scalene"), {}, ToolStatus::Missing, {}, false};
    ToolItem filare{QStringLiteral("Filare"), {}, ToolStatus::Missing, {}};

    InterpreterProbe probe;
    if (!interpreter.found) {
        interp.status = ToolStatus::Missing;
        const QFileInfo info(py);
        const QString what = !info.exists() ? QStringLiteral("does not exist")
                             : info.isDir() ? QStringLiteral("is a folder, not an interpreter")
                                            : QStringLiteral("is not executable");
        interp.note = QStringLiteral("%1 %2; %3").arg(py, what, kInstallHint);
    } else {
        const ProcessOutput out =
            runQuick(py, {QStringLiteral("-c"), interpreterProbeScript()}, 20000, cancel);
        probe = parseInterpreterProbe(out.out);
        if (!probe.ok) {
            interp.status = ToolStatus::Missing;
            interp.note =
                QStringLiteral("%1 did not run as a Python 3 interpreter%2; point "
                               "FIL_PERF_PYTHON / --python at a Python 3.9+ "
                               "interpreter")
                    .arg(py, out.started ? QString() : QStringLiteral(" (could not start)"));
        }
    }

    if (probe.ok) {
        r.pythonVersion = probe.pythonVersion;
        python.value = r.pythonVersion;
        python.status = ToolStatus::Ok;
        const QString scripts = probe.scriptsDir;

        r.filareVersion = probe.filareVersion;
        r.filarePackageDir = probe.filarePackageDir;
        const QString script = QDir(scripts).filePath(QStringLiteral("filare"));
        if (r.filareVersion.isEmpty() || r.filarePackageDir.isEmpty()) {
            filare.note = QStringLiteral("not installed for %1; %2").arg(py, kInstallHint);
        } else if (!QFileInfo(script).isExecutable()) {
            filare.note = QStringLiteral("its console script %1 is missing; reinstall Filare "
                                         "(pip install --force-reinstall filare==1.6.0)")
                              .arg(script);
        } else {
            r.filareScript = script;
            r.filareCodePaths = filareCodeScope(r.filarePackageDir);
            r.filareSource = readFilareSource(r.filarePackageDir);
            filare.value = QStringLiteral("%1 (%2)").arg(r.filareVersion, r.filarePackageDir);
            if (r.filareSource)
                filare.value +=
                    QStringLiteral(", a checkout at %1")
                        .arg(shortCommitLabel(r.filareSource->commit, r.filareSource->dirty));
            filare.status = ToolStatus::Ok;
        }

        if (probe.scaleneInstalled) {
            // The version flag is what `check` reports; its exit code means nothing.
            if (depth == ToolCheckDepth::Full) {
                const ProcessOutput v = runQuick(
                    py,
                    {QStringLiteral("-m"), QStringLiteral("scalene"), QStringLiteral("--version")},
                    30000, cancel);
                r.scaleneVersion = parseScaleneVersion(v.out);
            }
            if (r.scaleneVersion.isNull())
                r.scaleneVersion = QVersionNumber::fromString(probe.scaleneVersion);
            scalene.value = r.scaleneVersion.toString();
            const ScaleneSupport support = scaleneSupport(
                r.scaleneVersion, py, offlineWebAssetsDir(QCoreApplication::applicationDirPath()));
            scalene.status = support.status;
            scalene.note = support.note;
        } else {
            scalene.note = QStringLiteral("not installed for %1; %2").arg(py, kInstallHint);
        }
    }

    ToolItem dot{QStringLiteral("Graphviz dot"), {}, ToolStatus::Missing, {}};
    if (dotPath.isEmpty()) {
        dot.note = QStringLiteral("`dot` is not on PATH; Filare needs it to draw diagrams "
                                  "(apt-get install graphviz)");
    } else {
        const ProcessOutput v = dotOutput.get();
        r.dotVersion = parseDotVersion(v.out);
        dot.value = QStringLiteral("%1 (%2)").arg(r.dotVersion, dotPath);
        dot.status = ToolStatus::Ok;
    }

    ToolItem platform{QStringLiteral("Platform"), QSysInfo::prettyProductName(), ToolStatus::Ok,
                      QStringLiteral("Linux: fully supported")};
#if defined(Q_OS_MACOS)
    platform.status = ToolStatus::Warning;
    platform.note = QStringLiteral("macOS: memory profiling uses DYLD_INSERT_LIBRARIES and may be "
                                   "blocked by System Integrity Protection for system Pythons");
#elif defined(Q_OS_WIN)
    platform.status = ToolStatus::Warning;
    platform.note = QStringLiteral("Windows: memory profiling needs Scalene 2.0+, process "
                                   "groups are not used, and cancel ends only the direct child");
#endif

    r.items = {interp, python, scalene, filare, dot, platform};
    return r;
}

QString formatToolReport(const ToolReport &report)
{
    QString out;
    int width = 0;
    for (const ToolItem &i : report.items)
        width = qMax(width, int(i.name.size()));
    for (const ToolItem &i : report.items) {
        // A missing tool shouts, as `check` always printed it.
        const QString status = i.status == ToolStatus::Missing ? toolStatusName(i.status).toUpper()
                                                               : toolStatusName(i.status);
        out += QStringLiteral("%1  %2  %3")
                   .arg(i.name.leftJustified(width), status.leftJustified(7),
                        i.value.isEmpty() ? QStringLiteral("-") : i.value);
        if (!i.note.isEmpty())
            out +=
                QStringLiteral("\n%1  %2  %3").arg(QString(width, u' '), QString(7, u' '), i.note);
        out += u'\n';
    }
    return out;
}

} // namespace fperf
