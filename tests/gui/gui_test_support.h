// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gui/report_view.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>

// The report's web view (from the web view library, loaded with the first report).
inline QWebEngineView *webEngineView(const fperf::ReportView &view)
{
    return qobject_cast<QWebEngineView *>(view.webView());
}

// Runs a script in the report's page and waits for its value (an invalid QVariant on timeout).
// The result lives on the heap: a callback that arrives after the timeout must not write into
// a returned stack frame.
inline QVariant evaluateInPage(const fperf::ReportView &view, const QString &script,
                               int timeoutMs = 10000)
{
    struct Result
    {
        QVariant value;
        bool done = false;
    };
    auto result = std::make_shared<Result>();
    QWebEngineView *web = webEngineView(view);
    if (!web)
        return {};
    web->page()->runJavaScript(script, [result](const QVariant &v) {
        result->value = v;
        result->done = true;
    });
    (void)QTest::qWaitFor([&result] { return result->done; }, timeoutMs);
    return result->value;
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
