// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings/env_file.h"
#include "core/store/run_record.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace fperf {

// What re-running a recorded run means: exactly its project files and settings, with the same
// interpreter and output folder, under a new (automatic) label.
struct RerunRequest
{
    QStringList projectFiles;
    QList<QPair<QString, QString>> fieldTexts; // setting id -> value as a form or option shows it
    QStringList defaulted; // ids whose recorded value was the default: no option is needed

    // The values that were not defaults, as command-line entries (FIL_PERF_* names), for the
    // CLI's resolver; the defaults stay defaults, so no warning is raised that the run had not.
    QList<EnvEntry> commandLineEntries() const;
};

// Pure: from the record alone.
RerunRequest rerunRequest(const RunRecord &record);

} // namespace fperf
