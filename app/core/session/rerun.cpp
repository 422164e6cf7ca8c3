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
        if (f.id == u"run_label")
            value.clear();
        else if (f.id == u"python" && !record.interpreter.isEmpty())
            value = record.interpreter;
        else if (f.id == u"output_dir" && !record.outputDir.isEmpty())
            value = record.outputDir;
        request.fieldTexts.append({f.id, value});
        const bool defaulted = record.settings.origins.value(f.id).source == SettingSource::Default;
        if (defaulted && f.id != u"python" && f.id != u"output_dir")
            request.defaulted << f.id;
    }
    return request;
}

QList<EnvEntry> RerunRequest::commandLineEntries() const
{
    QList<EnvEntry> entries;
    for (const auto &[id, value] : fieldTexts) {
        if (defaulted.contains(id))
            continue;
        if (const SettingField *f = findFieldById(id); f && !value.isEmpty())
            entries.append({f->envName, value, 0});
    }
    return entries;
}

} // namespace fperf
