// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>
#include <functional>

class QWidget;

namespace fperf {

// The part of the report view that needs QtWebEngine. It lives in a library of its own
// (filare-perf-webview), loaded when the first report is shown: linking WebEngine into the
// window would map and relocate it, and start Qt Quick, before the window can appear.
class WebReportPane
{
public:
    struct Callbacks
    {
        std::function<void(const QUrl &)> requestBlocked;      // a request leaving the report
        std::function<void(const QUrl &)> navigationBlocked;   // an attempt to navigate away
        std::function<void(const QUrl &)> externalLinkClicked; // a real click on a web link
        std::function<void(bool)> loadFinished;
    };

    virtual ~WebReportPane() = default;
    virtual QWidget *widget() = 0; // the web view itself
    // Shows url; file:// reads are limited to allowedFolder, everything remote is blocked.
    virtual void load(const QUrl &url, const QString &allowedFolder) = 0;
    virtual void clear() = 0; // about:blank, so nothing stale stays behind a message
    virtual QUrl currentUrl() const = 0;
};

// The library's one entry point (extern "C", so it is found by name).
using CreateWebReportPaneFn = WebReportPane *(*)(QWidget *parent,
                                                 const WebReportPane::Callbacks &callbacks);
inline constexpr char kCreateWebReportPaneSymbol[] = "fperf_create_web_report_pane";

struct WebReportPaneLoad
{
    WebReportPane *pane = nullptr;
    QString error; // why it could not be loaded, with the fix
};

// Loads the library (next to the binary in the build tree, or from the installed library
// folder) and creates a pane.
WebReportPaneLoad loadWebReportPane(QWidget *parent, const WebReportPane::Callbacks &callbacks);

} // namespace fperf
