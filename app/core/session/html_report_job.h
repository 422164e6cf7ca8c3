// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/process/process_group_runner.h"
#include "core/store/run_record.h"

#include <QObject>
#include <memory>

namespace fperf {

// "Open HTML" for a run that kept only its JSON profile: Scalene renders the interactive
// report from it, with the same command, scratch folder and final move as a run's own HTML
// report. One job at a time; the process group ends with the job.
class HtmlReportJob : public QObject
{
    Q_OBJECT
public:
    explicit HtmlReportJob(QObject *parent = nullptr);
    ~HtmlReportJob() override;

    bool isRunning() const;
    // False (and nothing starts) while a job runs or when the record has no profile.
    bool start(const RunRecord &record, const QProcessEnvironment &environment);

signals:
    void line(fperf::OutputStream stream, const QString &text);
    // ok: `html` is the report's path; else `error` says why.
    void finished(bool ok, const QString &html, const QString &error);

private:
    std::unique_ptr<ProcessGroupRunner> m_runner;
};

} // namespace fperf
