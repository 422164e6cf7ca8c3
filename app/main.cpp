// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli_commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("filare-perf"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FILARE_PERF_VERSION));
    return fperf::cli::dispatch(QCoreApplication::arguments());
}
