// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <optional>

namespace fperf {

// A figure that may be unknown: null in JSON, never 0 (0 is a real figure).
inline QJsonValue jsonNumberOrNull(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

inline std::optional<double> optionalNumberFromJson(const QJsonValue &v)
{
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

} // namespace fperf
