// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/profile_tables.h"

#include <QObject>

namespace fperf {

namespace show_format_meta {
Q_NAMESPACE
// `filare-perf show --format`: keys "text", "markdown", "json".
enum class ShowFormat
{
    Text,
    Markdown,
    Json
};
Q_ENUM_NS(ShowFormat)
} // namespace show_format_meta
using show_format_meta::ShowFormat;

struct ShowRequest
{
    ProfileLevel level = ProfileLevel::Lines;
    RowQuery query;
    bool leaks = false;
    ShowFormat format = ShowFormat::Text;
    QString title; // the run's label
};

// `filare-perf show`: an overview line, then the table of the level and, when asked, the
// leaks. Figures Scalene did not measure are left out of the text and markdown tables (and
// said so), and are null in JSON, never 0.
QString formatProfileView(const ScaleneProfile &profile, const ShowRequest &request);

// The leaks Scalene suspects, most likely first, a line each ("leaks.py:9, 98 % likely,
// growing 0.77 MB/s: source"), for the summary after a run. Empty when none.
QStringList likelyLeakNotes(const ScaleneProfile &profile, int top = 3);

// Short column headings for tables ("Peak MB").
QString profileColumnHeading(ProfileColumn column);

} // namespace fperf
