// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/profile_text.h"

#include <algorithm>

namespace fperf {

namespace {
// A figure Scalene did not measure prints as "-", not as 0.
QString cell(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 1).rightJustified(9)
             : QStringLiteral("-").rightJustified(9);
}
} // namespace

QString formatProfileTable(const ScaleneProfile &p)
{
    const QString memory = p.maxFootprintMb
                               ? QStringLiteral("peak %1 MB").arg(*p.maxFootprintMb, 0, 'f', 1)
                           : p.memoryNotMeasured.isEmpty()
                               ? QStringLiteral("not profiled")
                               : QStringLiteral("not measured (%1)").arg(p.memoryNotMeasured);
    QString out =
        QStringLiteral("%1: %2 s; memory usage: %3\n")
            .arg(p.format == ScaleneFormat::Scalene15 ? QStringLiteral("Scalene 1.5 profile")
                                                      : QStringLiteral("Scalene profile"))
            .arg(p.elapsedSec, 0, 'f', 2)
            .arg(memory);
    QList<const FileProfile *> files;
    for (const FileProfile &f : p.files)
        files << &f;
    std::sort(files.begin(), files.end(),
              [](const FileProfile *a, const FileProfile *b) { return a->path < b->path; });
    for (const FileProfile *f : std::as_const(files)) {
        out += QStringLiteral("\n%1: %2% of the time\n")
                   .arg(f->path)
                   .arg(f->percentCpuTime, 0, 'f', 1);
        out += QStringLiteral("  line  Python %  native %  system %   peak MB  alloc MB copy MB/s  "
                              "source\n");
        for (const LineProfile &l : f->lines) {
            if (!l.active())
                continue;
            QString source = l.text;
            while (source.endsWith(u'\n') || source.endsWith(u'\r') || source.endsWith(u' '))
                source.chop(1);
            out += QString::number(l.lineno).rightJustified(6) + u' ' + cell(l.cpuPython) + u' ' +
                   cell(l.cpuNative) + u' ' + cell(l.cpuSystem) + u' ' + cell(l.peakMb) + u' ' +
                   cell(l.mallocMb) + u' ' + cell(l.copyMbPerSec) + QStringLiteral("  ") + source +
                   u'\n';
        }
    }
    return out;
}

} // namespace fperf
