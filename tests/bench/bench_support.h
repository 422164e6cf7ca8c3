// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>

// The process's resident memory now, in MB (VmRSS of /proc/self/status); 0 if unreadable.
inline double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}
