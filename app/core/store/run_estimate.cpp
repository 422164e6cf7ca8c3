// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_estimate.h"

#include "core/store/run_record_codec.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace fperf {

namespace {
// Settings that change what is measured (the label and folder do not).
bool sameMeasuredSettings(const QHash<QString, QString> &recorded,
                          const PerformanceSettings &settings)
{
    for (const SettingField &f : settingFields()) {
        if (f.id == SettingId::RunLabel || f.id == SettingId::OutputDir)
            continue;
        if (recorded.value(f.key) != fieldValueText(settings, f))
            return false;
    }
    return true;
}
} // namespace

std::optional<double> estimateRunSeconds(const QString &outputDir, const QStringList &projectFiles,
                                         const PerformanceSettings &settings)
{
    QStringList absolute;
    for (const QString &p : projectFiles)
        absolute << QFileInfo(p).absoluteFilePath();
    QList<double> durations;
    const QDir dir(outputDir);
    const QStringList records =
        dir.entryList({QStringLiteral("*-run.json")}, QDir::Files, QDir::Time);
    for (const QString &name : records.mid(0, 200)) { // newest first; enough for a median
        const auto run = loadRunMeasurement(dir.filePath(name), nullptr);
        if (!run || run->status != RunStatus::Succeeded || run->projectFiles != absolute ||
            !sameMeasuredSettings(run->settingValues, settings))
            continue;
        durations << run->durationSec;
    }
    if (durations.isEmpty())
        return std::nullopt;
    std::sort(durations.begin(), durations.end());
    return durations.at(durations.size() / 2);
}

} // namespace fperf
