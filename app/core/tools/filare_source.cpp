// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tools/filare_source.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

namespace fperf {

QString gitWorktreeOf(const QString &packageDir)
{
    if (packageDir.isEmpty())
        return {};
    QDir dir(QFileInfo(packageDir).absoluteFilePath());
    for (int depth = 0; depth < 40; ++depth) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return {};
}

namespace {
// git's output, trimmed; none when it cannot run or fails.
std::optional<QString> git(const QString &worktree, const QStringList &args)
{
    QProcess p;
    p.setProgram(QStringLiteral("git"));
    p.setArguments(QStringList{QStringLiteral("-C"), worktree} + args);
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start();
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished(1000);
        return std::nullopt;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return std::nullopt;
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}
} // namespace

std::optional<FilareSource> readFilareSource(const QString &packageDir)
{
    const QString worktree = gitWorktreeOf(packageDir);
    if (worktree.isEmpty())
        return std::nullopt;
    // The package must be tracked there: a virtualenv inside some other repository (ours, in
    // a clone of filare-perf) is not a Filare checkout.
    const auto tracked =
        git(worktree, {QStringLiteral("ls-files"), QStringLiteral("--"),
                       QDir(packageDir).absoluteFilePath(QStringLiteral("__init__.py"))});
    if (!tracked || tracked->isEmpty())
        return std::nullopt;
    const auto commit = git(worktree, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    if (!commit || commit->size() < 7)
        return std::nullopt;
    // Tracked files only: build outputs and caches left in a checkout are not changes.
    const auto status = git(worktree, {QStringLiteral("status"), QStringLiteral("--porcelain"),
                                       QStringLiteral("--untracked-files=no")});
    if (!status)
        return std::nullopt;
    return FilareSource{worktree, *commit, !status->isEmpty()};
}

} // namespace fperf
