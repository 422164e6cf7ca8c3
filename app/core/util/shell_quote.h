// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace fperf {

// POSIX shell quoting, for commands a user can paste into a terminal.
QString shellQuote(const QString &word);
QString shellJoin(const QStringList &words);

// The inverse of shellJoin, for lists typed as one value (FIL_PERF_FILARE_ARGS, a form
// field): words split at blanks, 'single' and "double" quotes and backslash escapes as in a
// POSIX shell; no variables, globs or substitutions. Null for an unterminated quote or a
// trailing backslash, with the reason in *error.
std::optional<QStringList> splitShellWords(const QString &text, QString *error = nullptr);

} // namespace fperf
