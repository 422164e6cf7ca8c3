// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/enum_key.h"

#include <QObject>
#include <QString>

namespace fperf {

// moc allows one Q_NAMESPACE per namespace, so each enum gets a namespace of its own.
namespace run_status_meta {
Q_NAMESPACE

// The status a run record ends with ("running" while it goes, "interrupted" when found stale).
// The names are machine keys (enumKey): TooShort is "too_short" in records and filters.
enum class RunStatus
{
    Running,
    Succeeded,
    Failed,
    TooShort,
    Crashed,
    NoProfile,
    Cancelled,
    Interrupted,
    TimedOut
};
Q_ENUM_NS(RunStatus)

} // namespace run_status_meta
using run_status_meta::RunStatus;

// The machine key ("too_short"): records, JSON, the CLI and History's filter.
QString runStatusName(RunStatus status);
RunStatus runStatusFromName(const QString &name, bool *ok = nullptr);
// What the window shows ("too short"), translated.
QString runStatusLabel(RunStatus status);

} // namespace fperf
