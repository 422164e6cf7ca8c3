// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/commit_label.h"

namespace fperf {

QString shortCommitLabel(const QString &commit, bool dirty)
{
    if (commit.isEmpty())
        return {};
    return commit.left(12) + (dirty ? QStringLiteral("+changes") : QString());
}

} // namespace fperf
