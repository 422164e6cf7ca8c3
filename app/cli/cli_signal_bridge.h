// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace fperf::cli {

// Turns SIGINT/SIGTERM into a Qt signal (through a self-pipe), so Ctrl+C can stop a run
// cleanly instead of killing filare-perf and orphaning the profiled processes.
class SignalBridge : public QObject
{
    Q_OBJECT
public:
    explicit SignalBridge(QObject *parent = nullptr);
    ~SignalBridge() override;

signals:
    void interrupted(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fperf::cli
