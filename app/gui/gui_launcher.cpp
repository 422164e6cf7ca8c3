// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/gui_launcher.h"

#include "gui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace fperf::gui {

void prepareWebEngineEnvironment()
{
    if (::geteuid() == 0 && qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

int runGui(int argc, char *argv[])
{
    const bool hasDisplay = !qEnvironmentVariableIsEmpty("DISPLAY") ||
                            !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
                            !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    if (!hasDisplay) {
        QTextStream(stderr) << "filare-perf: no display to open the window on.\n"
                               "Use `filare-perf run PROJECT.yml` to profile without a window, or "
                               "run under xvfb-run.\n";
        return 2;
    }
    prepareWebEngineEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("filare-perf"));
    QApplication::setOrganizationName(QStringLiteral("Filare"));
    QApplication::setApplicationDisplayName(QStringLiteral("Filare Perf"));
    QApplication::setApplicationVersion(QStringLiteral(FILARE_PERF_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.filare.FilarePerf"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.filare.FilarePerf"),
                                                 QIcon(QStringLiteral(":/icons/filare-perf.svg"))));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Profile Filare builds with Scalene. Without a command, opens the window.\n"
                       "Headless commands: run, check, settings (see `filare-perf help`)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("profile"), QStringLiteral("Start profiling the given project at once.")});
    parser.addPositionalArgument(QStringLiteral("PROJECT.yml"), QStringLiteral("Filare YAML files"),
                                 QStringLiteral("[PROJECT.yml...]"));
    parser.process(app);

    fperf::MainWindow window;
    if (!parser.positionalArguments().isEmpty())
        window.openProjects(parser.positionalArguments());
    window.show();
    // For the start-up benchmark: say so and quit as soon as the window is on screen.
    if (qEnvironmentVariableIsSet("FPERF_QUIT_WHEN_SHOWN"))
        QTimer::singleShot(0, &app, [] {
            std::fputs("shown\n", stdout);
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    if (parser.isSet(QStringLiteral("profile")))
        window.profileWhenReady();
    return QApplication::exec();
}

} // namespace fperf::gui
