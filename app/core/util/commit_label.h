// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace fperf {

// "a1b2c3d4e5f6" or "a1b2c3d4e5f6+changes": how the views name a commit of a Filare
// checkout. Empty for no commit.
QString shortCommitLabel(const QString &commit, bool dirty);

} // namespace fperf
