// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_status.h"

#include <QCoreApplication>

namespace fperf {

QString runStatusName(RunStatus status)
{
    return enumKey(status);
}

RunStatus runStatusFromName(const QString &name, bool *ok)
{
    const std::optional<RunStatus> s = enumFromKey<RunStatus>(name);
    if (ok)
        *ok = s.has_value();
    return s.value_or(RunStatus::Failed);
}

QString runStatusLabel(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
        return QCoreApplication::translate("RunStatus", "running");
    case RunStatus::Succeeded:
        return QCoreApplication::translate("RunStatus", "succeeded");
    case RunStatus::Failed:
        return QCoreApplication::translate("RunStatus", "failed");
    case RunStatus::TooShort:
        return QCoreApplication::translate("RunStatus", "too short");
    case RunStatus::Crashed:
        return QCoreApplication::translate("RunStatus", "crashed");
    case RunStatus::NoProfile:
        return QCoreApplication::translate("RunStatus", "no profile");
    case RunStatus::Cancelled:
        return QCoreApplication::translate("RunStatus", "cancelled");
    case RunStatus::Interrupted:
        return QCoreApplication::translate("RunStatus", "interrupted");
    case RunStatus::TimedOut:
        return QCoreApplication::translate("RunStatus", "timed out");
    }
    return {};
}

} // namespace fperf
