// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStandardPaths>

// Called by QTEST_MAIN before the QApplication exists.
#define FPERF_GUI_TEST_INIT                                                                        \
    static void initMain()                                                                         \
    {                                                                                              \
        QStandardPaths::setTestModeEnabled(true);                                                  \
        QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);                                \
        if (qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX"))                            \
            qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");                                           \
    }
