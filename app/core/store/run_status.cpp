// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_status.h"

namespace fperf {

namespace {
struct StatusName
{
    RunStatus status;
    const char *name;
};
constexpr StatusName kNames[] = {
    {RunStatus::Running, "running"},     {RunStatus::Succeeded, "succeeded"},
    {RunStatus::Failed, "failed"},       {RunStatus::TooShort, "too_short"},
    {RunStatus::Crashed, "crashed"},     {RunStatus::NoProfile, "no_profile"},
    {RunStatus::Cancelled, "cancelled"}, {RunStatus::Interrupted, "interrupted"},
};
} // namespace

QString runStatusName(RunStatus status)
{
    for (const auto &n : kNames) {
        if (n.status == status)
            return QString::fromLatin1(n.name);
    }
    return {};
}

RunStatus runStatusFromName(const QString &name, bool *ok)
{
    for (const auto &n : kNames) {
        if (name == QLatin1String(n.name)) {
            if (ok)
                *ok = true;
            return n.status;
        }
    }
    if (ok)
        *ok = false;
    return RunStatus::Failed;
}

} // namespace fperf
