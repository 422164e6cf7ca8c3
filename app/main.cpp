// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli_commands.h"
#include "gui/gui_launcher.h"

#include <QCoreApplication>

namespace {
bool isHeadlessCommand(const char *arg)
{
    const QByteArray a(arg);
    return a == "run" || a == "check" || a == "settings" || a == "history" || a == "diff" ||
           a == "help" || a == "--version" || a == "-V";
}
} // namespace

int main(int argc, char *argv[])
{
    // Subcommands run without a window (CI); anything else opens the desktop app.
    if (argc < 2 || !isHeadlessCommand(argv[1]))
        return fperf::gui::runGui(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("filare-perf"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FILARE_PERF_VERSION));
    return fperf::cli::dispatch(QCoreApplication::arguments());
}
