// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/run_outcome.h"

#include <QRegularExpression>

namespace fperf {

Outcome classifyOutcome(const ProcessEnd &end, bool profiled, ProfileState profile)
{
    Outcome o;
    const bool kept = profiled && profile == ProfileState::Valid;
    if (end.cancelled && end.timedOut) {
        o.status = RunStatus::TimedOut;
        o.cliExitCode = exit_code::kTimedOut;
        return o;
    }
    if (end.cancelled) {
        o.status = RunStatus::Cancelled;
        o.cliExitCode = exit_code::kCancelled;
        if (kept)
            o.warnings << QStringLiteral("Cancelled: the partial profile Scalene wrote is kept");
        return o;
    }
    if (end.startFailed) {
        o.status = RunStatus::Failed;
        o.cliExitCode = exit_code::kToolsMissing;
        return o;
    }
    // Scalene passes a child's death by signal on as 128+N (or 256-N); Qt reports its own.
    const bool bySignal = end.crashExit || end.exitCode >= 128;
    if (bySignal) {
        o.status = RunStatus::Crashed;
        o.cliExitCode = exit_code::kNoProfile;
        if (kept)
            o.warnings << QStringLiteral("The run crashed, but Scalene left a profile: it is "
                                         "kept and may be incomplete");
        return o;
    }
    if (end.exitCode != 0) {
        o.status = RunStatus::Failed;
        o.cliExitCode = exit_code::kFilareFailed;
        if (kept)
            o.warnings << QStringLiteral("Filare failed (exit code %1); the profile up to the "
                                         "failure is kept")
                              .arg(end.exitCode);
        return o;
    }
    if (!profiled) {
        o.status = RunStatus::Succeeded;
        o.cliExitCode = exit_code::kSuccess;
        return o;
    }
    switch (profile) {
    case ProfileState::Valid:
        o.status = RunStatus::Succeeded;
        o.cliExitCode = exit_code::kSuccess;
        break;
    case ProfileState::Empty:
        o.status = RunStatus::TooShort;
        o.cliExitCode = exit_code::kNoProfile;
        o.warnings << QStringLiteral("The run was too short for Scalene to profile (it wrote an "
                                     "empty profile); profile a larger project or lower "
                                     "--cpu-rate");
        break;
    case ProfileState::Missing:
    case ProfileState::Unreadable:
        o.status = RunStatus::NoProfile;
        o.cliExitCode = exit_code::kNoProfile;
        o.warnings << QStringLiteral("Scalene ended without a usable profile; see the log for "
                                     "its error");
        break;
    }
    return o;
}

bool isScaleneImportRace(const QStringList &lines)
{
    bool viaScalene = false;
    bool inImportLock = false;
    for (const QString &l : lines) {
        viaScalene = viaScalene || l.contains(QLatin1String("scalene/replacement_exec.py"));
        inImportLock = inImportLock || l.contains(QLatin1String("importlib._bootstrap"));
        if (viaScalene && inImportLock && l.startsWith(QLatin1String("KeyError:")))
            return true;
    }
    return false;
}

QString pythonErrorLine(const QStringList &lines)
{
    // An exception's name: CamelCase with two capitals at least (ValueError, OSError,
    // UnknownTemplateDesignator), maybe module-qualified; not "Warning:" or "Scalene:".
    static const QRegularExpression exception(QStringLiteral(
        "^(?:[a-z_][a-z0-9_]*\\.)*(?:[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*|Exception|Error): \\S"));
    constexpr int kWrapWidth = 78; // rich wraps its tracebacks at about 80 columns
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        if (!exception.match(lines.at(i)).hasMatch())
            continue;
        QString text = lines.at(i).trimmed();
        for (qsizetype j = i + 1;
             j < lines.size() && j <= i + 3 && lines.at(j - 1).size() >= kWrapWidth &&
             !lines.at(j).trimmed().isEmpty();
             ++j)
            text += u' ' + lines.at(j).trimmed();
        return text.size() > 300 ? text.left(297) + QStringLiteral("...") : text;
    }
    return {};
}

} // namespace fperf
