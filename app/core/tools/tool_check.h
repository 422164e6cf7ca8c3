// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/tools/filare_source.h"

#include "core/tools/interpreter_resolver.h"

#include "core/launch/container_command.h"

#include "core/util/enum_key.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QVersionNumber>

#include <atomic>

namespace fperf {

// One Q_NAMESPACE per namespace (moc), so the enum has its own.
namespace tool_status_meta {
Q_NAMESPACE

// The names are machine keys (enumKey): "ok", "warning", "missing".
enum class ToolStatus
{
    Ok,
    Warning,
    Missing
};
Q_ENUM_NS(ToolStatus)

} // namespace tool_status_meta
using tool_status_meta::ToolStatus;

struct ToolItem
{
    QString name;  // "Interpreter", "Python", "Scalene", "Filare", "Graphviz dot", "Platform"
    QString value; // version or path as found
    ToolStatus status = ToolStatus::Ok;
    QString note;                  // why it is missing or limited, and how to fix it
    bool neededForPlainRun = true; // false: only profiled runs need it
};

// What the interpreter and PATH offer. Produced by checkTools; the command builder reads it.
struct ToolReport
{
    ResolvedInterpreter interpreter;
    QString pythonVersion;
    QVersionNumber scaleneVersion;
    QString filareVersion;
    QString filarePackageDir;                 // .../site-packages/filare
    std::optional<FilareSource> filareSource; // when that folder is in a git checkout
    QString filareScript;                     // <venv>/bin/filare
    QStringList filareCodePaths;              // Filare's Python parts, see filareCodeScope
    QString dotVersion;
    // Container mode: how to run in the image; the paths above are then the image's.
    std::optional<ContainerTarget> container;
    QList<ToolItem> items;

    bool canProfile() const;
    bool canRunPlain() const;
    // "Scalene: not installed in /x/python; fix: ..." for every missing item.
    QStringList problems(bool profiled) const;
};

QString toolStatusName(ToolStatus status);
std::optional<ToolStatus> toolStatusFromName(const QString &name);

// Runs the interpreter (a few seconds at most) and looks for `dot` on PATH. Blocking: call it
// from a worker thread in a GUI.
// Full: Scalene's version from `-m scalene --version` (what `check` shows; ~0.25 s).
// Quick: from the package metadata, for a run about to start, where every 0.1 s shows.
enum class ToolCheckDepth
{
    Full,
    Quick
};

// `cancel`, when given and set, ends the check early (its processes are killed).
ToolReport checkTools(const ResolvedInterpreter &interpreter, const QString &pathVariable,
                      const std::atomic<bool> *cancel = nullptr,
                      ToolCheckDepth depth = ToolCheckDepth::Full);

// A short command's output, for the checks: started, finished within the time, exit code.
struct QuickRunOutput
{
    bool started = false;
    bool finished = false;
    int exitCode = -1;
    QString out; // stdout and stderr together
};
// Runs it in a scratch folder; `cancel` ends it early.
QuickRunOutput runQuick(const QString &program, const QStringList &args, int timeoutMs,
                        const std::atomic<bool> *cancel);

// The script that asks an interpreter about itself without importing Filare or Scalene; it
// prints one line, "FILARE_PERF_PROBE {json}". Run with the argument --dot (`-c SCRIPT --dot`)
// it also asks Graphviz's `dot -V`: in a container, whose PATH is the image's.
QString interpreterProbeScript();

// What the probe printed; ok false when it printed nothing readable.
struct InterpreterProbe
{
    bool ok = false;
    QString pythonVersion;
    QString scriptsDir;
    QString filareVersion; // empty: not installed
    QString scaleneVersion;
    bool scaleneInstalled = false;
    QString filarePackageDir;
    QString dotVersionOutput; // with --dot only; empty: no dot
    QString error;
};
InterpreterProbe parseInterpreterProbe(const QString &output);

// "dot - graphviz version 2.43.0 (0)" -> 2.43.0; the whole text when it has no version.
QString parseDotVersion(const QString &versionOutput);

// "Scalene version 2.4.0 (2026.10.23)" -> 2.4.0; null when absent.
QVersionNumber parseScaleneVersion(const QString &versionOutput);

// What Filare Perf makes of a Scalene version: 2.1+ ok; 1.5.x ok (its HTML report needs the
// chart libraries in webAssetsDir, see offline_web_assets.h); 2.0.x limited; older or unknown
// unusable. The note names the problem and the fix.
struct ScaleneSupport
{
    ToolStatus status = ToolStatus::Missing;
    QString note;
};
ScaleneSupport scaleneSupport(const QVersionNumber &version, const QString &python,
                              const QString &webAssetsDir);

// The parts of Filare's package that hold Python code, for --profile-only: folders of only .py
// files as "dir/", and single .py files where a folder mixes in other files. Jinja templates
// must stay out of scope: Scalene's memory sampler ignores --profile-exclude, attributes
// allocations to the template files, fails to parse them as Python and writes no profile.
QStringList filareCodeScope(const QString &packageDir);

// A table for the terminal.
QString formatToolReport(const ToolReport &report);

} // namespace fperf
