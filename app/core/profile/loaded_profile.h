// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/profile_overview.h"
#include "core/profile/profile_tables.h"
#include "core/profile/scalene_profile_reader.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace fperf {

// Everything the native view shows of one profile, prepared off the GUI thread: the parsed
// profile, its overview, the rows of each level and the leaks.
struct LoadedProfile
{
    QString path;
    ScaleneProfileRead read;
    ProfileOverview overview;
    QList<ProfileColumn> columns; // measuredColumns()
    QList<ProfileRow> files;
    QList<ProfileRow> filesWithoutImportTime; // sums of the lines that are not import time
    QList<ProfileRow> functions;
    QList<ProfileRow> lines;
    QList<LeakRow> leaks;
    QList<QPointF> footprint;
    // The stacks' weight (CPU samples, MB) and how much of it is module import; the flame
    // graphs themselves are built when first shown (flameGraphOf).
    double cpuStackWeight = 0;
    double cpuImportWeight = 0;
    double memoryStackWeight = 0;
    double memoryImportWeight = 0;

    // Lines carry importTime, for RowQuery::hideImportTime; files come summed both ways.
    const QList<ProfileRow> &rows(ProfileLevel level, bool withoutImportTime = false) const;
};

// Reads and prepares a Scalene JSON profile; takes tens of milliseconds on a large one, so
// call it from a worker. An unusable profile comes back with read.state and read.error set.
LoadedProfile loadProfileForView(const QString &path);

} // namespace fperf
