// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace fperf {

// Reads each project file with the interpreter's PyYAML, through the safe loader Filare uses,
// and returns one message per file that is not valid YAML or not a Filare harness (a mapping
// with connectors, cables, connections or additional_bom_items); each names the problem and
// the fix. Empty when all are fine, or when the check cannot run (no PyYAML, interpreter
// broken): Filare then reports what it finds. Blocking, about 0.07 s for a small project.
QStringList projectContentProblems(const QString &python, const QStringList &projectFiles,
                                   int timeoutMs = 30000);

} // namespace fperf
