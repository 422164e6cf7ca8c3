// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/report_summary.h"

#include <QCoreApplication>

namespace fperf {

namespace {
QString lineTable(const QList<ProfileLine> &lines, bool cpu)
{
    QString html = QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th></tr>")
                       .arg(cpu ? QCoreApplication::translate("fperf::ReportSummary", "CPU %")
                                : QCoreApplication::translate("fperf::ReportSummary", "peak MB"),
                            QCoreApplication::translate("fperf::ReportSummary", "where"),
                            QCoreApplication::translate("fperf::ReportSummary", "code"));
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
    figure(
        QCoreApplication::translate("fperf::ReportSummary", "wall time"),
        QCoreApplication::translate("fperf::ReportSummary", "%1 s").arg(r.durationSec, 0, 'f', 1));
    if (r.profile.usable()) {
        figure(QCoreApplication::translate("fperf::ReportSummary", "profiled time"),
               QCoreApplication::translate("fperf::ReportSummary", "%1 s")
                   .arg(r.profile.elapsedSec, 0, 'f', 2));
        if (r.profile.cpuSamplesKnown)
            figure(QCoreApplication::translate("fperf::ReportSummary", "CPU samples"),
                   QString::number(r.profile.cpuSamples));
        if (r.profile.memory)
            figure(QCoreApplication::translate("fperf::ReportSummary", "peak memory"),
                   QCoreApplication::translate("fperf::ReportSummary", "%1 MB")
                       .arg(r.profile.maxFootprintMb, 0, 'f', 1));
    }
    if (r.overheadRatio)
        figure(QCoreApplication::translate("fperf::ReportSummary", "overhead vs plain run"),
               QCoreApplication::translate("fperf::ReportSummary", "%1×")
                   .arg(*r.overheadRatio, 0, 'f', 2));
    html += QStringLiteral("</div>");
    if (!r.profile.topCpu.isEmpty())
        html += QStringLiteral("<h3>%1</h3>")
                    .arg(QCoreApplication::translate("fperf::ReportSummary", "Top CPU lines")) +
                lineTable(r.profile.topCpu, true);
    if (!r.profile.topMemory.isEmpty())
        html += QStringLiteral("<h3>%1</h3>")
                    .arg(QCoreApplication::translate("fperf::ReportSummary", "Top memory lines")) +
                lineTable(r.profile.topMemory, false);
    html += QStringLiteral("<h3>%1</h3></div>")
                .arg(QCoreApplication::translate("fperf::ReportSummary", "Scalene's report"));
    return html;
}

} // namespace fperf
