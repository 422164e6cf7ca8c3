// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace fperf {

// POSIX shell quoting, for commands a user can paste into a terminal.
QString shellQuote(const QString &word);
QString shellJoin(const QStringList &words);

} // namespace fperf
