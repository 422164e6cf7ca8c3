// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tools/tool_check_job.h"

#include "core/tools/container_check.h"

#include <QPointer>
#include <QThread>

namespace fperf {

ToolCheckJob::ToolCheckJob(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<fperf::ToolReport>("fperf::ToolReport");
}

ToolCheckJob::~ToolCheckJob()
{
    *m_cancel = true; // closing the window must not wait for the interpreter
    for (QThread *t : std::as_const(m_threads)) {
        t->wait(); // the check is bounded by its process time-outs
        delete t;
    }
}

void ToolCheckJob::start(const ResolvedInterpreter &interpreter, const QString &pathVariable,
                         const ContainerSettings &container)
{
    const int generation = ++m_generation;
    ++m_running;
    emit started();
    QPointer<ToolCheckJob> self(this);
    QThread *thread = QThread::create([self, generation, interpreter, pathVariable, container,
                                       cancel = m_cancel] {
        const ToolReport report = checkRunTools(container, interpreter, pathVariable, cancel.get());
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, report] {
                if (!self)
                    return;
                --self->m_running;
                if (generation == self->m_generation)
                    emit self->finished(report);
            },
            Qt::QueuedConnection);
    });
    m_threads << thread;
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    thread->start();
}

} // namespace fperf
