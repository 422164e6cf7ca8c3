// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QEventLoop>
#include <QMetaObject>
#include <QThreadPool>

#include <optional>
#include <utility>

namespace fperf {

// Runs work() on a pool thread and waits for its value while the GUI thread keeps painting
// and serving timers; input events wait, so nothing can start a second action meanwhile.
// For blocking core calls (file scans, the YAML check, diffs) behind a synchronous API.
template <typename Work> auto waitOnWorker(Work work) -> decltype(work())
{
    using Result = decltype(work());
    QEventLoop loop;
    std::optional<Result> result;
    QThreadPool::globalInstance()->start([&loop, &result, &work] {
        Result value = work();
        QMetaObject::invokeMethod(
            &loop,
            [&loop, &result, value = std::move(value)]() mutable {
                result = std::move(value);
                loop.quit();
            },
            Qt::QueuedConnection);
    });
    while (!result)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return std::move(*result);
}

} // namespace fperf
