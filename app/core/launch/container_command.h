// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/launch/command_spec.h"
#include "core/util/enum_key.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace fperf {

// One Q_NAMESPACE per namespace (moc), so the enum has its own.
namespace container_engine_meta {
Q_NAMESPACE

// The names are machine keys in run records and settings: "podman", "docker".
enum class ContainerEngine
{
    Podman,
    Docker
};
Q_ENUM_NS(ContainerEngine)

} // namespace container_engine_meta
using container_engine_meta::ContainerEngine;

// The image scripts/build-perf-image builds: the window's default for "In container".
inline constexpr char kPerfImage[] = "localhost/filare-perf-tools:latest";

QString containerEngineName(ContainerEngine engine);
std::optional<ContainerEngine> containerEngineFromName(const QString &name);

// How to run a profile in one image on this machine, as the container check found it.
struct ContainerTarget
{
    ContainerEngine engine = ContainerEngine::Podman;
    QString engineProgram; // absolute path of podman or docker
    QString engineVersion;
    bool rootless = false;      // podman run by a user: ids are mapped with --userns=keep-id
    QStringList globalOptions;  // before `run`: e.g. --runtime runc where the default fails
    QStringList runOptions;     // after `run`: e.g. --ulimit where the default rlimits fail
    QString image;              // as the user named it
    QString imageId;            // the full id, in the record
    QStringList readOnlyMounts; // mounted at the same path, besides the run's own
    QMap<QString, QString> environment; // inside, e.g. PYTHONPATH for a mounted Filare tree
    // Where the image's Filare package was copied on this machine, for the source view.
    QString packageDirInImage;
    QString packageCopy;

    bool operator==(const ContainerTarget &) const = default;
};

// The ids a container's processes run as, so that what they write is the user's.
struct HostUser
{
    uint uid = 0;
    uint gid = 0;
};

// `ENGINE run` options that map the user: rootless podman keeps the ids (--userns=keep-id);
// docker and rootful podman run as uid:gid unless that is root. Empty for root.
QStringList userMappingOptions(const ContainerTarget &target, const HostUser &user);

// The folders a run's container sees, each at its host path: read-only ones (the project's,
// the metadata's and components' folders, a Filare tree) and read-write ones (the output
// folder). A folder inside another of the list is not mounted twice, unless it is writable
// under a read-only one. Sorted, parents first.
struct ContainerMount
{
    QString path;
    bool readOnly = true;
    bool operator==(const ContainerMount &) const = default;
};
QList<ContainerMount> containerMounts(const QStringList &readOnlyDirs,
                                      const QStringList &readWriteDirs);
// A path the engine's -v syntax cannot carry (':' separates its fields); empty when fine.
QString containerMountProblem(const QString &path);

// The command run inside a container: the same argv, working folder and variables, with the
// mounts at their host paths so every path in the profile and the record reads as on the host.
// The container is named (`name`), removed when it ends (--rm), never pulled (--pull never:
// a missing image is the check's error, not a download), and has no network. cleanupArgv
// removes it if the engine's client is killed, which does not stop a container.
CommandSpec containerCommand(const CommandSpec &spec, const ContainerTarget &target,
                             const QList<ContainerMount> &mounts, const HostUser &user,
                             const QString &name);

// `ENGINE rm -f NAME`, without waiting for a stop grace: what cleanupArgv holds.
QStringList containerRemoveCommand(const ContainerTarget &target, const QString &name);

// Where a file a profile names can be read on this machine: a file of the image's Filare
// package is read from its copy (ContainerTarget::packageCopy); any other path is the host's
// (mounted at the same path), and is returned as it is.
QString hostPathOfProfiledFile(const ContainerTarget &target, const QString &path);

// The container name of one command of a run: "fperf-<token>-<role>".
QString containerName(const QString &runToken, CommandRole role);

} // namespace fperf
