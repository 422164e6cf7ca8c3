// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/html_report_job.h"

#include "core/launch/scalene_command_builder.h"

#include <QDir>
#include <QFileInfo>
#include <QVersionNumber>

namespace fperf {

HtmlReportJob::HtmlReportJob(QObject *parent) : QObject(parent) {}

HtmlReportJob::~HtmlReportJob() = default;

bool HtmlReportJob::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

bool HtmlReportJob::start(const RunRecord &record, const QProcessEnvironment &environment)
{
    if (isRunning() || !QFileInfo::exists(record.paths.json))
        return false;
    // The same variables are kept from Scalene as in the run (it copies keys into reports).
    const CommandSpec command = htmlReportCommand(
        record.interpreter, QVersionNumber::fromString(record.scaleneVersion), record.paths,
        record.commands.isEmpty() ? QStringList() : record.commands.first().spec.envRemoved);
    QDir().mkpath(record.paths.viewScratch);
    m_runner = std::make_unique<ProcessGroupRunner>();
    connect(m_runner.get(), &ProcessGroupRunner::line, this, &HtmlReportJob::line);
    connect(m_runner.get(), &ProcessGroupRunner::finished, this,
            [this, command](const ProcessResult &r) {
                const bool ok = completeCommandOutput(command, !r.startFailed && !r.crashExit &&
                                                                   r.exitCode == 0);
                // Deleted later: this slot runs inside the runner's own signal.
                m_runner.release()->deleteLater();
                emit finished(ok, ok ? command.renameTo : QString(),
                              ok ? QString()
                                 : QStringLiteral("Scalene could not render the HTML report "
                                                  "(exit code %1); see the log")
                                       .arg(r.exitCode));
            });
    m_runner->start(command, environment);
    return true;
}

} // namespace fperf
