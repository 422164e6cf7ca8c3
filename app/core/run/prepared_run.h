// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/launch/scalene_command_builder.h"
#include "core/store/run_record.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace fperf {

// A run checked and planned, ready for RunController; or the reasons it cannot start.
struct PreparedRun
{
    QStringList errors; // each names the problem and the fix
    int exitCode = 0;   // exit_code::kUsage or kToolsMissing when errors is not empty
    LaunchPlan plan;
    RunRecord record; // status running, not yet written
    QProcessEnvironment environment;

    bool ok() const { return errors.isEmpty(); }
};

} // namespace fperf
