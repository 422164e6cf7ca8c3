// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli_signal_bridge.h"

#include <QList>
#include <QSocketNotifier>
#include <QString>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace fperf::cli {

namespace {
int g_pipe[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const int saved = errno; // the interrupted code may be about to read errno
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}

// SIGPIPE does not stop the run: a reader that went away (`filare-perf run ... | head -1`)
// did not ask for that, and the run's product is its files, not what it prints. Writes then
// fail with EPIPE and are dropped; the run ends as it would have, with its final record and
// exit code. A handler that does nothing rather than SIG_IGN: exec resets handlers, not
// SIG_IGN, so the profiled programs keep the default SIGPIPE.
void onBrokenPipe(int) {}
} // namespace

QList<int> SignalBridge::stopSignals()
{
    return {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
}

QString SignalBridge::signalName(int signalNumber)
{
    switch (signalNumber) {
    case SIGINT:
        return QStringLiteral("SIGINT");
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGHUP:
        return QStringLiteral("SIGHUP");
    case SIGQUIT:
        return QStringLiteral("SIGQUIT");
    case SIGPIPE:
        return QStringLiteral("SIGPIPE");
    }
    return QStringLiteral("signal %1").arg(signalNumber);
}

SignalBridge::SignalBridge(QObject *parent) : QObject(parent)
{
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        while (::read(g_pipe[0], &byte, 1) == 1)
            emit interrupted(int(byte));
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int s : stopSignals())
        ::sigaction(s, &action, nullptr);
    action.sa_handler = onBrokenPipe;
    ::sigaction(SIGPIPE, &action, nullptr);
}

SignalBridge::~SignalBridge()
{
    for (const int s : stopSignals())
        ::signal(s, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
}

} // namespace fperf::cli
