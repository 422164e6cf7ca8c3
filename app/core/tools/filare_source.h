// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace fperf {

// Where the Filare that runs comes from, when it is a source checkout (an editable install, or
// a tree first on PYTHONPATH): "before my change / after my change" is then a commit apart.
struct FilareSource
{
    QString root;       // the checkout's top folder
    QString commit;     // HEAD, full hash
    bool dirty = false; // tracked files changed since that commit
};

// The folder holding the git worktree that contains packageDir, or empty: a cheap look for a
// .git up the tree, so that a site-packages install costs no git call.
QString gitWorktreeOf(const QString &packageDir);

// The checkout's commit and state, read with git (a few ms); none when packageDir is not
// tracked in a git checkout, or git is missing or fails. Blocking: the tool check calls it on its
// worker.
std::optional<FilareSource> readFilareSource(const QString &packageDir);

} // namespace fperf
