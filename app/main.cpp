// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli_commands.h"
#include "gui/gui_launcher.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace {
bool isHeadlessCommand(const char *arg)
{
    const QByteArray a(arg);
    return a == "run" || a == "check" || a == "settings" || a == "history" || a == "diff" ||
           a == "show" || a == "help" || a == "--version" || a == "-V";
}
// A bare word that is neither a command nor a file is a mistyped command, not a project.
bool isUnknownCommand(const char *arg)
{
    const QString a = QString::fromLocal8Bit(arg);
    return !a.isEmpty() && !a.startsWith(u'-') && !a.contains(u'/') && !a.contains(u'.') &&
           !QFileInfo::exists(a);
}
} // namespace

int main(int argc, char *argv[])
{
    // Subcommands run without a window (CI); anything else opens the desktop app.
    if (argc < 2 || (!isHeadlessCommand(argv[1]) && !isUnknownCommand(argv[1])))
        return fperf::gui::runGui(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("filare-perf"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FILARE_PERF_VERSION));
    return fperf::cli::dispatch(QCoreApplication::arguments());
}
