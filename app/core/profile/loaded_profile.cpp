// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/loaded_profile.h"

#include "core/profile/flame_graph.h"

namespace fperf {

const QList<ProfileRow> &LoadedProfile::rows(ProfileLevel level, bool withoutImportTime) const
{
    switch (level) {
    case ProfileLevel::Files:
        return withoutImportTime ? filesWithoutImportTime : files;
    case ProfileLevel::Functions:
        return functions;
    case ProfileLevel::Lines:
        break;
    }
    return lines;
}

LoadedProfile loadProfileForView(const QString &path)
{
    LoadedProfile l;
    l.path = path;
    l.read = readScaleneProfile(path);
    if (!l.read.usable())
        return l;
    const ScaleneProfile &p = l.read.profile;
    l.overview = profileOverview(p);
    l.columns = measuredColumns(p);
    l.files = profileRows(p, ProfileLevel::Files);
    l.filesWithoutImportTime = profileRows(p, ProfileLevel::Files, true);
    l.functions = profileRows(p, ProfileLevel::Functions);
    l.lines = profileRows(p, ProfileLevel::Lines);
    l.leaks = rankedLeaks(p);
    l.footprint = footprintSeries(p);
    for (const WeightedStack &s : p.combinedStacks)
        l.cpuStackWeight += qMax(0.0, s.weight);
    for (const WeightedStack &s : p.memoryStacks)
        l.memoryStackWeight += qMax(0.0, s.weight);
    l.cpuImportWeight = importWeight(p.combinedStacks);
    l.memoryImportWeight = importWeight(p.memoryStacks);
    return l;
}

} // namespace fperf
