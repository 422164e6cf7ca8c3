// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/run_record.h"

#include <QString>

namespace fperf {

// The figures users look at first, as an HTML fragment: elapsed time, samples, peak memory,
// overhead, and the top CPU and memory lines.
QString reportSummaryHtml(const RunRecord &record);

} // namespace fperf
