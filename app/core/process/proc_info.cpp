// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/process/proc_info.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/types.h>
#include <unistd.h>

namespace fperf {

QList<qint64> livePidsInGroup(qint64 pgid)
{
    QList<qint64> pids;
    if (pgid <= 0)
        return pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = stat.readAll();
        // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
        const qsizetype close = data.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> fields = data.mid(close + 2).split(' ');
        if (fields.size() < 3)
            continue;
        if (fields.at(0) == "Z" || fields.at(0) == "X")
            continue;
        if (fields.at(2).toLongLong() == pgid)
            pids << pid;
    }
    return pids;
}

qint64 processStartTicks(qint64 pid)
{
    if (pid <= 0)
        return 0;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray data = stat.readAll();
    const qsizetype close = data.lastIndexOf(')');
    if (close < 0)
        return 0;
    // After "pid (comm) ": state is field 3, starttime field 22.
    const QList<QByteArray> fields = data.mid(close + 2).split(' ');
    if (fields.size() < 20 || fields.at(0) == "Z" || fields.at(0) == "X")
        return 0;
    return fields.at(19).toLongLong();
}

QString currentBootId()
{
    static const QString id = [] {
        QFile f(QStringLiteral("/proc/sys/kernel/random/boot_id"));
        return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
    }();
    return id;
}

bool processEnvironmentHas(qint64 pid, const QString &name, const QString &value)
{
    if (pid <= 0 || name.isEmpty())
        return false;
    QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
    if (!environ.open(QIODevice::ReadOnly))
        return false;
    const QByteArray entry = (name + u'=' + value).toUtf8();
    return environ.readAll().split('\0').contains(entry);
}

namespace {
QString programNextToUs(const QString &name)
{
    const QFileInfo next(QCoreApplication::applicationDirPath() + u'/' + name);
    return next.isExecutable() ? next.absoluteFilePath() : QString();
}
} // namespace

QString guardianProgram()
{
    static const QString path = programNextToUs(QStringLiteral("filare-perf-guardian"));
    return path;
}

QString filarePerfProgram()
{
    static const QString path = programNextToUs(QStringLiteral("filare-perf"));
    return path;
}

} // namespace fperf
