// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace fperf {

// The status a run record ends with ("running" while it goes, "interrupted" when found stale).
enum class RunStatus
{
    Running,
    Succeeded,
    Failed,
    TooShort,
    Crashed,
    NoProfile,
    Cancelled,
    Interrupted
};
QString runStatusName(RunStatus status);
RunStatus runStatusFromName(const QString &name, bool *ok = nullptr);

} // namespace fperf
