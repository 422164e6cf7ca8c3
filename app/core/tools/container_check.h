// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/tools/tool_check.h"

#include "core/launch/container_command.h"
#include "core/settings/performance_settings.h"

#include <QString>
#include <QStringList>

#include <atomic>

namespace fperf {

// The engine a setting asks for, or the first installed (podman, then docker): its path, or
// empty when there is none.
struct EngineChoice
{
    ContainerEngine engine = ContainerEngine::Podman;
    QString program;
    QString how; // "FIL_PERF_CONTAINER_ENGINE", "first on PATH"
};
EngineChoice chooseContainerEngine(const QString &setting, const QString &pathVariable);

// The options tried, in order, until a container of the image starts: none; rlimits below
// the current ones (refused as they are where the engine may not raise them); podman's runc
// where its default runtime cannot start here; both. Pure: the order is the rule.
QList<QStringList> containerStartCandidates(ContainerEngine engine, bool runcInstalled);
// Which of a candidate's options go before `run` (podman's --runtime) and which after.
void splitStartOptions(const QStringList &candidate, QStringList *globalOptions,
                       QStringList *runOptions);

// The package folder of a Filare source tree (src/filare or filare), or empty.
QString filarePackageInTree(const QString &tree);

// Checks that profiles can run in settings.image: the engine (present, working), the image
// (present, its id), how a container starts here, and the Python, Scalene, Filare and Graphviz
// inside it (one probe run in a container). With a Filare source tree, that tree is mounted and
// put first on PYTHONPATH, and its checkout's commit is read. The image's Filare package is
// copied once per image id into the cache, so its code scope and source can be read here.
// Each problem names the fix. Blocking (a few seconds): call it from a worker.
ToolReport checkContainerTools(const ContainerSettings &settings, const QString &pathVariable,
                               const std::atomic<bool> *cancel = nullptr);

// The one entry of every front end: the container check when an image is set, else checkTools.
ToolReport checkRunTools(const ContainerSettings &container, const ResolvedInterpreter &interpreter,
                         const QString &pathVariable, const std::atomic<bool> *cancel = nullptr,
                         ToolCheckDepth depth = ToolCheckDepth::Full);

} // namespace fperf
