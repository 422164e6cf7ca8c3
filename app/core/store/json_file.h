// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace fperf {

// Writes json to path through QSaveFile: readers see the old file or the whole new one, never
// a torn file. The codecs of the store's JSON formats share it.
bool writeJsonAtomically(const QJsonObject &json, const QString &path, QString *error);

} // namespace fperf
