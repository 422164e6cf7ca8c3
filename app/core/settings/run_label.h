// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace fperf {

constexpr int kMaxRunLabelLength = 100;

// Reduces a label to [A-Za-z0-9._-]: other characters become '_', runs of '_' collapse, and
// leading dots go so the label never names a hidden file, "." or "..". May return empty.
QString sanitizeRunLabel(const QString &label);

// <project stem>-<YYYYmmdd-HHMMSS>, sanitised.
QString automaticRunLabel(const QString &projectPath, const QDateTime &when);

} // namespace fperf
