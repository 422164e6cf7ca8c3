// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings/performance_settings.h"
#include "core/tools/tool_check.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace fperf {

// Runs checkRunTools (the container's check when an image is set) on a worker thread so a window
// never waits for the interpreter. A newer request supersedes an older one: only the latest result
// is delivered.
class ToolCheckJob : public QObject
{
    Q_OBJECT
public:
    explicit ToolCheckJob(QObject *parent = nullptr);
    ~ToolCheckJob() override;

    void start(const ResolvedInterpreter &interpreter, const QString &pathVariable,
               const ContainerSettings &container = {});
    bool isRunning() const { return m_running > 0; }

signals:
    void started();
    void finished(const fperf::ToolReport &report);

private:
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    int m_generation = 0;
    int m_running = 0;
    QList<QThread *> m_threads;
};

} // namespace fperf
