// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/web_report_pane.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>

namespace fperf {

WebReportPaneLoad loadWebReportPane(QWidget *parent, const WebReportPane::Callbacks &callbacks)
{
    // FILARE_PERF_WEBVIEW_DIR: the library folder relative to the binary's, the same in the
    // build tree and once installed.
    // FILARE_PERF_WEBVIEW: another copy of the library (a packager's layout, a test).
    QString path = qEnvironmentVariable("FILARE_PERF_WEBVIEW");
    if (path.isEmpty())
        path = QDir(QCoreApplication::applicationDirPath())
                   .filePath(QStringLiteral(FILARE_PERF_WEBVIEW_DIR "/libfilare-perf-webview.so"));
    QLibrary library(QDir::cleanPath(path));
    // Resolved at load: a broken install fails here, with the loader's reason.
    library.setLoadHints(QLibrary::ResolveAllSymbolsHint);
    auto create =
        reinterpret_cast<CreateWebReportPaneFn>(library.resolve(kCreateWebReportPaneSymbol));
    if (!create) {
        return {nullptr,
                QCoreApplication::translate(
                    "fperf::ReportView",
                    "The report viewer could not be loaded (%1). Reinstall filare-perf with its "
                    "Qt WebEngine libraries (apt-get install libqt6webenginewidgets6), or open "
                    "the report file in a browser.")
                    .arg(library.errorString())};
    }
    return {create(parent, callbacks), {}};
}

} // namespace fperf
