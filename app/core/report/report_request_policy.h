// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace fperf {

// Reports are untrusted content: nothing they ask for may leave the machine, and they may read
// local files only inside their own folder (allowedFolder, cleaned and absolute).
bool isReportRequestAllowed(const QUrl &url, const QString &allowedFolder);

} // namespace fperf
