// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace fperf::cli {

// Turns the signals that ask a run to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT) into a Qt signal
// (through a self-pipe), so Ctrl+C, `kill` or a closed terminal stop a run cleanly instead of
// killing filare-perf and orphaning the profiled processes. SIGPIPE only makes writes fail.
class SignalBridge : public QObject
{
    Q_OBJECT
public:
    explicit SignalBridge(QObject *parent = nullptr);
    ~SignalBridge() override;

    // The signals that emit interrupted().
    static QList<int> stopSignals();
    // "SIGHUP" and so on.
    static QString signalName(int signalNumber);

signals:
    void interrupted(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fperf::cli
