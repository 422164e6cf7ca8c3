// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gui/report_view.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QWebEngineView>

// The report's web view (from the web view library, loaded with the first report).
inline QWebEngineView *webEngineView(const fperf::ReportView &view)
{
    return qobject_cast<QWebEngineView *>(view.webView());
}

// Called by QTEST_MAIN before the QApplication exists.
#define FPERF_GUI_TEST_INIT                                                                        \
    static void initMain()                                                                         \
    {                                                                                              \
        QStandardPaths::setTestModeEnabled(true);                                                  \
        QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);                                \
        if (qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX"))                            \
            qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");                                           \
    }
