// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/launch/container_command.h"

#include <QDir>

#include <algorithm>

namespace fperf {

QString containerEngineName(ContainerEngine engine)
{
    return enumKey(engine);
}

std::optional<ContainerEngine> containerEngineFromName(const QString &name)
{
    return enumFromKey<ContainerEngine>(name);
}

QStringList userMappingOptions(const ContainerTarget &target, const HostUser &user)
{
    if (target.engine == ContainerEngine::Podman && target.rootless)
        return {QStringLiteral("--userns=keep-id")};
    if (user.uid == 0)
        return {};
    return {QStringLiteral("--user"), QStringLiteral("%1:%2").arg(user.uid).arg(user.gid)};
}

namespace {
bool isInside(const QString &path, const QString &folder)
{
    return path == folder || path.startsWith(folder.endsWith(u'/') ? folder : folder + u'/');
}
} // namespace

QList<ContainerMount> containerMounts(const QStringList &readOnlyDirs,
                                      const QStringList &readWriteDirs)
{
    QList<ContainerMount> all;
    for (const QString &d : readOnlyDirs)
        all.append({QDir::cleanPath(d), true});
    for (const QString &d : readWriteDirs)
        all.append({QDir::cleanPath(d), false});
    // Parents first: the engine mounts in this order, so a writable folder inside a read-only
    // one is mounted over it.
    std::sort(all.begin(), all.end(), [](const ContainerMount &a, const ContainerMount &b) {
        return a.path != b.path ? a.path < b.path : !a.readOnly && b.readOnly;
    });
    QList<ContainerMount> kept;
    for (const ContainerMount &m : all) {
        if (m.path.isEmpty())
            continue;
        // Covered by a kept mount of the same kind (or a writable one): nothing to add.
        const bool covered = std::any_of(kept.begin(), kept.end(), [&m](const ContainerMount &k) {
            return isInside(m.path, k.path) && (k.readOnly == m.readOnly || !k.readOnly);
        });
        if (!covered)
            kept.append(m);
    }
    return kept;
}

QString containerMountProblem(const QString &path)
{
    if (path.contains(u':'))
        return QStringLiteral("%1 has a ':' in its path, which a container engine's volume "
                              "option cannot carry; rename or move it, or run without a "
                              "container (empty FIL_PERF_CONTAINER_IMAGE)")
            .arg(path);
    return {};
}

QStringList containerRemoveCommand(const ContainerTarget &target, const QString &name)
{
    QStringList argv{target.engineProgram};
    argv += target.globalOptions;
    argv << QStringLiteral("rm") << QStringLiteral("-f");
    if (target.engine == ContainerEngine::Podman)
        argv << QStringLiteral("--time") << QStringLiteral("0") << QStringLiteral("--ignore");
    argv << name;
    return argv;
}

QString hostPathOfProfiledFile(const ContainerTarget &target, const QString &path)
{
    const QString &inImage = target.packageDirInImage;
    if (inImage.isEmpty() || target.packageCopy.isEmpty() || !isInside(path, inImage))
        return path;
    return target.packageCopy + path.mid(inImage.size());
}

QString containerName(const QString &runToken, CommandRole role)
{
    return QStringLiteral("fperf-%1-%2").arg(runToken, commandRoleName(role));
}

CommandSpec containerCommand(const CommandSpec &spec, const ContainerTarget &target,
                             const QList<ContainerMount> &mounts, const HostUser &user,
                             const QString &name)
{
    QStringList argv{target.engineProgram};
    argv += target.globalOptions;
    argv << QStringLiteral("run") << QStringLiteral("--rm") << QStringLiteral("--name") << name
         << QStringLiteral("--pull") << QStringLiteral("never") << QStringLiteral("--network")
         << QStringLiteral("none");
    argv += target.runOptions;
    const QStringList mapping = userMappingOptions(target, user);
    argv += mapping;
    for (const ContainerMount &m : mounts)
        argv << QStringLiteral("-v")
             << m.path + u':' + m.path + (m.readOnly ? QStringLiteral(":ro") : QString());
    if (!spec.cwd.isEmpty())
        argv << QStringLiteral("-w") << spec.cwd;
    QMap<QString, QString> env = target.environment;
    // A mapped user has no home in the image; Python and Scalene write their caches there.
    if (!mapping.isEmpty() && !env.contains(QStringLiteral("HOME")))
        env.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
    for (auto it = spec.envChanges.begin(); it != spec.envChanges.end(); ++it)
        env.insert(it.key(), it.value());
    for (auto it = env.begin(); it != env.end(); ++it)
        argv << QStringLiteral("-e") << it.key() + u'=' + it.value();
    argv << target.image;
    argv += spec.argv;

    CommandSpec wrapped = spec;
    wrapped.argv = argv;
    // The engine's client needs no variables of ours; the container gets them with -e.
    wrapped.envChanges.clear();
    wrapped.cleanupArgv = containerRemoveCommand(target, name);
    return wrapped;
}

} // namespace fperf
