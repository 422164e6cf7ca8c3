// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/launch/command_spec.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace fperf {

QString commandRoleName(CommandRole role)
{
    return enumKey(role);
}

std::optional<CommandRole> commandRoleFromName(const QString &name)
{
    return enumFromKey<CommandRole>(name);
}

QString commandRoleLabel(CommandRole role)
{
    switch (role) {
    case CommandRole::Baseline:
        return QCoreApplication::translate("CommandRole", "baseline");
    case CommandRole::Profile:
        return QCoreApplication::translate("CommandRole", "profile");
    case CommandRole::Plain:
        return QCoreApplication::translate("CommandRole", "plain run");
    case CommandRole::HtmlReport:
        return QCoreApplication::translate("CommandRole", "HTML report");
    case CommandRole::TextReport:
        return QCoreApplication::translate("CommandRole", "text report");
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
    p.snapshot = dir.filePath(u'.' + label + QStringLiteral("-scalene.snapshot.json"));
    return p;
}

bool completeCommandOutput(const CommandSpec &spec, bool succeeded)
{
    if (spec.renameFrom.isEmpty())
        return succeeded;
    bool ok = succeeded;
    if (ok) {
        QFile::remove(spec.renameTo);
        ok = QFile::rename(spec.renameFrom, spec.renameTo);
    }
    QDir(QFileInfo(spec.renameFrom).absolutePath()).removeRecursively();
    return ok;
}

} // namespace fperf
