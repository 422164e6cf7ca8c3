// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/scalene_profile.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace fperf {

ProfileSummary loadProfileSummary(const QString &path, int topCount)
{
    return summarizeProfile(readScaleneProfile(path), topCount);
}

ProfileSummary summarizeProfile(const ScaleneProfileRead &read, int topCount)
{
    ProfileSummary s;
    s.state = read.state;
    s.error = read.error;
    if (!read.usable())
        return s;
    const ScaleneProfile &profile = read.profile;
    s.elapsedSec = profile.elapsedSec;
    s.maxFootprintMb = profile.maxFootprintMb.value_or(0);
    s.memory = profile.memory;
    s.memoryNotMeasured = profile.memoryNotMeasured;
    s.allocSamples = profile.allocSamples;

    QList<ProfileLine> lines;
    bool anyLine = false;
    for (const FileProfile &file : profile.files) {
        s.files << file.path;
        for (const LineProfile &line : file.lines) {
            anyLine = true;
            ProfileLine l;
            l.file = file.path;
            l.lineno = line.lineno;
            l.text = line.text.trimmed();
            l.cpuPython = line.cpuPython;
            l.cpuNative = line.cpuNative;
            l.cpuSystem = line.cpuSystem;
            l.peakMb = line.peakMb.value_or(0);
            l.mallocMb = line.mallocMb.value_or(0);
            l.copyMbPerSec = line.copyMbPerSec.value_or(0);
            l.cpuSamples = line.cpuSampleTimes ? int(line.cpuSampleTimes->size()) : 0;
            s.cpuSamples += l.cpuSamples;
            if (l.cpuPercent() > 0 || l.peakMb > 0 || l.mallocMb > 0)
                lines.append(l);
        }
    }

    s.cpuSamplesKnown = !anyLine || profile.cpuSampleTimesKnown();

    QList<ProfileLine> byCpu = lines;
    std::stable_sort(byCpu.begin(), byCpu.end(), [](const ProfileLine &a, const ProfileLine &b) {
        return a.cpuPercent() > b.cpuPercent();
    });
    for (const ProfileLine &l : byCpu) {
        if (s.topCpu.size() >= topCount || l.cpuPercent() <= 0)
            break;
        s.topCpu.append(l);
    }
    QList<ProfileLine> byMemory = lines;
    std::stable_sort(byMemory.begin(), byMemory.end(),
                     [](const ProfileLine &a, const ProfileLine &b) {
                         if (a.peakMb != b.peakMb)
                             return a.peakMb > b.peakMb;
                         return a.mallocMb > b.mallocMb;
                     });
    for (const ProfileLine &l : byMemory) {
        if (s.topMemory.size() >= topCount || (l.peakMb <= 0 && l.mallocMb <= 0))
            break;
        s.topMemory.append(l);
    }
    return s;
}

QString shortSourcePath(const QString &file)
{
    static const QLatin1String marker("/site-packages/");
    const qsizetype at = file.indexOf(marker);
    return at >= 0 ? file.mid(at + marker.size()) : file;
}

ProfileSummary settleProfile(const QString &jsonPath, const QString &snapshotPath, int topCount)
{
    ProfileSummary summary = loadProfileSummary(jsonPath, topCount);
    if (!summary.usable() && QFileInfo(snapshotPath).isFile()) {
        QFile::remove(jsonPath);
        if (QFile::rename(snapshotPath, jsonPath)) {
            summary = loadProfileSummary(jsonPath, topCount);
            summary.fromSnapshot = summary.usable();
        }
    }
    QFile::remove(snapshotPath);
    return summary;
}

} // namespace fperf
