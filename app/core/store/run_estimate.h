// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings/performance_settings.h"

#include <QStringList>
#include <optional>

namespace fperf {

// Expected duration of a run, from earlier succeeded runs of the same project files with the
// same settings (label and output folder aside) found in the output folder. Median seconds.
std::optional<double> estimateRunSeconds(const QString &outputDir, const QStringList &projectFiles,
                                         const PerformanceSettings &settings);

} // namespace fperf
