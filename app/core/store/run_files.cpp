// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_files.h"

#include "core/launch/command_spec.h"

#include <QFile>
#include <QFileInfo>

namespace fperf {

QStringList runFiles(const QString &recordPath, const QString &label)
{
    const RunPaths p = runPaths(QFileInfo(recordPath).absolutePath(), label);
    return {p.log, p.json, p.html, p.text, p.filareOut, p.baselineOut, p.record};
}

TrashResult moveRunToTrash(const QString &recordPath, const QString &label)
{
    TrashResult result;
    for (const QString &path : runFiles(recordPath, label)) {
        if (!QFileInfo::exists(path))
            continue;
        QString inTrash;
        if (QFile::moveToTrash(path, &inTrash))
            result.trashed << inTrash;
        else
            result.failed << path;
    }
    return result;
}

TrashResult moveRunsToTrash(const QList<RunSummary> &runs, const QStringList &groupFiles)
{
    TrashResult result;
    for (const RunSummary &r : runs) {
        const TrashResult one = moveRunToTrash(r.recordPath, r.label);
        result.trashed << one.trashed;
        result.failed << one.failed;
    }
    for (const QString &path : groupFiles) {
        QString inTrash;
        if (!QFileInfo::exists(path))
            continue;
        if (QFile::moveToTrash(path, &inTrash))
            result.trashed << inTrash;
        else
            result.failed << path;
    }
    return result;
}

} // namespace fperf
