// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/rerun.h"

#include "core/settings/performance_settings.h"

namespace fperf {

RerunRequest rerunRequest(const RunRecord &record)
{
    RerunRequest request;
    request.projectFiles = record.projectFiles;
    for (const SettingField &f : settingFields()) {
        QString value = fieldValueText(record.settings.values, f);
        if (f.id == SettingId::RunLabel)
            value.clear();
        else if (f.id == SettingId::Python && !record.interpreter.isEmpty())
            value = record.interpreter;
        else if (f.id == SettingId::OutputDir && !record.outputDir.isEmpty())
            value = record.outputDir;
        request.fieldTexts.append({f.key, value});
        const bool defaulted =
            record.settings.origins.value(f.key).source == SettingSource::Default;
        if (defaulted && f.id != SettingId::Python && f.id != SettingId::OutputDir)
            request.defaulted << f.key;
    }
    return request;
}

QList<EnvEntry> RerunRequest::commandLineEntries() const
{
    QList<EnvEntry> entries;
    for (const auto &[id, value] : fieldTexts) {
        if (defaulted.contains(id))
            continue;
        if (const SettingField *f = findFieldByKey(id); f && !value.isEmpty())
            entries.append({f->envName, value, 0});
    }
    return entries;
}

} // namespace fperf
