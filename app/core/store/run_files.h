// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/run_history.h"

#include <QString>
#include <QStringList>

namespace fperf {

// Every file and folder a run may have (log, profile, reports, Filare's outputs, record),
// whether or not it exists. The record comes last: deleting in this order never leaves a
// file that no record points to.
QStringList runFiles(const QString &recordPath, const QString &label);

struct TrashResult
{
    QStringList trashed; // where each file went in the trash
    QStringList failed;  // files that could not be moved
};

// Moves a run's existing files to the desktop's trash (nothing is deleted for good).
TrashResult moveRunToTrash(const QString &recordPath, const QString &label);

// The "delete runs" use case: each run's files, then the given group files (LABEL-group.json
// of the run groups deleted whole).
TrashResult moveRunsToTrash(const QList<RunSummary> &runs, const QStringList &groupFiles);

} // namespace fperf
