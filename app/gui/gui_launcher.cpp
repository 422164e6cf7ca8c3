// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/gui_launcher.h"

#include "gui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <unistd.h>

namespace fperf::gui {

namespace {
// The window's translations for the user's languages: installed .qm files first (a translator
// or packager can add a language without a rebuild), then the ones built into the executable.
// Nothing found means English, the source language.
void installTranslations(QCoreApplication &app)
{
    QStringList dirs{QDir(QCoreApplication::applicationDirPath())
                         .filePath(QStringLiteral(FILARE_PERF_TRANSLATIONS_DIR))};
    dirs << QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                      QStringLiteral("filare-perf/translations"),
                                      QStandardPaths::LocateDirectory);
    dirs << QStringLiteral(":/i18n");
    auto *ours = new QTranslator(&app);
    for (const QString &dir : std::as_const(dirs)) {
        if (ours->load(QLocale(), QStringLiteral("filare-perf"), QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(ours);
            break;
        }
    }
    // Qt's own strings (standard buttons, file dialogs), when Debian's qt6-translations-l10n
    // is installed.
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}
} // namespace

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
    installTranslations(app);
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.filare.FilarePerf"),
                                                 QIcon(QStringLiteral(":/icons/filare-perf.svg"))));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "fperf::gui", "Profile Filare builds with Scalene. Without a command, opens the window.\n"
                      "Headless commands: run, check, settings (see `filare-perf help`)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("profile"),
         QCoreApplication::translate("fperf::gui", "Start profiling the given project at once.")});
    parser.addPositionalArgument(QStringLiteral("PROJECT.yml"),
                                 QCoreApplication::translate("fperf::gui",
                                                             "Filare YAML files, or one project "
                                                             "folder"),
                                 QStringLiteral("[PROJECT.yml...]"));
    parser.process(app);

    fperf::MainWindow window;
    const QStringList projects = parser.positionalArguments();
    if (projects.size() == 1 && QFileInfo(projects.first()).isDir())
        window.openProjectFolder(projects.first()); // its files, picked by content
    else if (!projects.isEmpty())
        window.openProjects(projects);
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
