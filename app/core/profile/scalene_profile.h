// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile_reader.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace fperf {

// One line of the summary's top lists (as the run record keeps them), with the figures a
// reader of the summary needs; the full figures are in ScaleneProfile.
struct ProfileLine
{
    QString file;
    int lineno = 0;
    QString text;
    double cpuPython = 0; // % of run time
    double cpuNative = 0;
    double cpuSystem = 0;
    double peakMb = 0;
    double mallocMb = 0;
    double copyMbPerSec = 0;
    int cpuSamples = 0;

    double cpuPercent() const { return cpuPython + cpuNative + cpuSystem; }
};

struct ProfileSummary
{
    ProfileState state = ProfileState::Missing;
    QString error; // why Unreadable
    double elapsedSec = 0;
    double maxFootprintMb = 0;
    bool memory = false;         // memory figures were measured
    QString memoryNotMeasured;   // asked for but not measured: why (ScaleneProfile's)
    int cpuSamples = 0;          // samples attributed to profiled lines
    bool cpuSamplesKnown = true; // false: Scalene 1.5.x, whose profiles do not count them
    int allocSamples = 0;
    QStringList files;            // profiled source files
    QList<ProfileLine> topCpu;    // most CPU first
    QList<ProfileLine> topMemory; // largest peak first
    // Of a run that did not end by itself (stopped, timed out, failed): it covers elapsedSec
    // of the run, not all of it.
    bool partial = false;
    bool fromSnapshot = false; // the last snapshot, as the final write was missing or torn

    bool usable() const { return state == ProfileState::Valid; }
};

// Reads LABEL-scalene.json (see readScaleneProfile) and summarises it.
ProfileSummary loadProfileSummary(const QString &path, int topCount = 5);
ProfileSummary summarizeProfile(const ScaleneProfileRead &read, int topCount = 5);

// The profile a run keeps: LABEL-scalene.json when it is whole; else the last snapshot
// (copied aside while the run went on, see ProfileSnapshotKeeper) moved in its place. The
// snapshot file is gone afterwards either way. Blocking: file IO and a parse.
ProfileSummary settleProfile(const QString &jsonPath, const QString &snapshotPath,
                             int topCount = 5);

// A source path as people read it: from the package on ("filare/render/pdf.py") when it lies
// under site-packages, else unchanged.
QString shortSourcePath(const QString &file);

} // namespace fperf
