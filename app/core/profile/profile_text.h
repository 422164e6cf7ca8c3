// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile_model.h"

namespace fperf {

// A plain table of a profile's lines with activity, file by file: the text report of a
// Scalene 1.5.x run (1.5.x cannot show a saved profile as text itself).
QString formatProfileTable(const ScaleneProfile &profile);

} // namespace fperf
