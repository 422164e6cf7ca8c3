// SPDX-License-Identifier: GPL-3.0-or-later
// The floor for the start-up benchmark: a plain Qt Widgets window that quits once shown.
#include <QApplication>
#include <QMainWindow>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 820);
    window.show();
    if (qEnvironmentVariableIsSet("FPERF_QUIT_WHEN_SHOWN"))
        QTimer::singleShot(0, &app, [] {
            std::fputs("shown\n", stdout); // the benchmark times exec to this line
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    return QApplication::exec();
}
