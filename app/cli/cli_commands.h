// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace fperf::cli {

// `filare-perf <command> ...` for run, check and settings; returns the process exit code.
int dispatch(const QStringList &arguments);

} // namespace fperf::cli
