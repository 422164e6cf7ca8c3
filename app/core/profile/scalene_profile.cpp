// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/scalene_profile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace fperf {

QString profileStateName(ProfileState state)
{
    switch (state) {
    case ProfileState::Missing:
        return QStringLiteral("missing");
    case ProfileState::Unreadable:
        return QStringLiteral("unreadable");
    case ProfileState::Empty:
        return QStringLiteral("empty");
    case ProfileState::Valid:
        return QStringLiteral("valid");
    }
    return {};
}

ProfileSummary loadProfileSummary(const QString &path, int topCount)
{
    QFile file(path);
    if (!file.exists())
        return {};
    ProfileSummary s;
    if (!file.open(QIODevice::ReadOnly)) {
        s.state = ProfileState::Unreadable;
        s.error = file.errorString();
        return s;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        s.state = ProfileState::Unreadable;
        s.error = error.error != QJsonParseError::NoError ? error.errorString()
                                                          : QStringLiteral("not a JSON object");
        return s;
    }
    return summarizeProfile(doc.object(), topCount);
}

ProfileSummary summarizeProfile(const QJsonObject &profile, int topCount)
{
    ProfileSummary s;
    const QJsonObject files = profile.value(QStringLiteral("files")).toObject();
    if (profile.isEmpty() || !profile.contains(QStringLiteral("elapsed_time_sec"))) {
        s.state = ProfileState::Empty;
        return s;
    }
    s.state = ProfileState::Valid;
    s.elapsedSec = profile.value(QStringLiteral("elapsed_time_sec")).toDouble();
    s.maxFootprintMb = profile.value(QStringLiteral("max_footprint_mb")).toDouble();
    s.memory = profile.value(QStringLiteral("memory")).toBool();
    s.allocSamples = profile.value(QStringLiteral("alloc_samples")).toInt();

    QList<ProfileLine> lines;
    bool anyLine = false;
    bool anySampleList = false;
    for (auto it = files.begin(); it != files.end(); ++it) {
        s.files << it.key();
        const QJsonArray fileLines = it.value().toObject().value(QStringLiteral("lines")).toArray();
        for (const QJsonValue &v : fileLines) {
            const QJsonObject o = v.toObject();
            anyLine = true;
            anySampleList = anySampleList || o.contains(QStringLiteral("cpu_samples_list"));
            ProfileLine l;
            l.file = it.key();
            l.lineno = o.value(QStringLiteral("lineno")).toInt();
            l.text = o.value(QStringLiteral("line")).toString().trimmed();
            l.cpuPython = o.value(QStringLiteral("n_cpu_percent_python")).toDouble();
            l.cpuNative = o.value(QStringLiteral("n_cpu_percent_c")).toDouble();
            l.cpuSystem = o.value(QStringLiteral("n_sys_percent")).toDouble();
            l.peakMb = o.value(QStringLiteral("n_peak_mb")).toDouble();
            l.mallocMb = o.value(QStringLiteral("n_malloc_mb")).toDouble();
            l.copyMbPerSec = o.value(QStringLiteral("n_copy_mb_s")).toDouble();
            l.cpuSamples = o.value(QStringLiteral("cpu_samples_list")).toArray().size();
            s.cpuSamples += l.cpuSamples;
            if (l.cpuPercent() > 0 || l.peakMb > 0 || l.mallocMb > 0)
                lines.append(l);
        }
    }

    s.cpuSamplesKnown = !anyLine || anySampleList;

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

} // namespace fperf
