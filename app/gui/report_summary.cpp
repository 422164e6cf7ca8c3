// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/report_summary.h"

namespace fperf {

namespace {
QString lineTable(const QList<ProfileLine> &lines, bool cpu)
{
    QString html = QStringLiteral("<table><tr><th>%1</th><th>where</th><th>code</th></tr>")
                       .arg(cpu ? QStringLiteral("CPU %") : QStringLiteral("peak MB"));
    for (const ProfileLine &l : lines) {
        html += QStringLiteral("<tr><td class=\"num\">%1</td><td>%2:%3</td><td><code>%4</code>"
                               "</td></tr>")
                    .arg(cpu ? QString::number(l.cpuPercent(), 'f', 1)
                             : QString::number(l.peakMb, 'f', 1),
                         shortSourcePath(l.file).toHtmlEscaped())
                    .arg(l.lineno)
                    .arg(l.text.left(100).toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}
} // namespace

QString reportSummaryHtml(const RunRecord &r)
{
    QString html = QStringLiteral("<div class=\"summary\"><div class=\"figures\">");
    const auto figure = [&html](const QString &label, const QString &value) {
        html += QStringLiteral("<div class=\"figure\"><div class=\"value\">%1</div>"
                               "<div class=\"label\">%2</div></div>")
                    .arg(value.toHtmlEscaped(), label.toHtmlEscaped());
    };
    figure(QStringLiteral("wall time"), QStringLiteral("%1 s").arg(r.durationSec, 0, 'f', 1));
    if (r.profile.usable()) {
        figure(QStringLiteral("profiled time"),
               QStringLiteral("%1 s").arg(r.profile.elapsedSec, 0, 'f', 2));
        if (r.profile.cpuSamplesKnown)
            figure(QStringLiteral("CPU samples"), QString::number(r.profile.cpuSamples));
        if (r.profile.memory)
            figure(QStringLiteral("peak memory"),
                   QStringLiteral("%1 MB").arg(r.profile.maxFootprintMb, 0, 'f', 1));
    }
    if (r.overheadRatio)
        figure(QStringLiteral("overhead vs plain run"),
               QStringLiteral("%1×").arg(*r.overheadRatio, 0, 'f', 2));
    html += QStringLiteral("</div>");
    if (!r.profile.topCpu.isEmpty())
        html += QStringLiteral("<h3>Top CPU lines</h3>") + lineTable(r.profile.topCpu, true);
    if (!r.profile.topMemory.isEmpty())
        html += QStringLiteral("<h3>Top memory lines</h3>") + lineTable(r.profile.topMemory, false);
    html += QStringLiteral("<h3>Scalene's report</h3></div>");
    return html;
}

} // namespace fperf
