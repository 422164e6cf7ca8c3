// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QWebEnginePage>
#include <QWebEngineUrlRequestInterceptor>

namespace fperf {

// Applies isReportRequestAllowed to every request of a report; blocked requests are counted
// for the banner. The CDN libraries of Scalene 1.5.x reports are redirected to the local copies
// shipped with Filare Perf (core/offline_web_assets.h) when those are installed.
class LocalOnlyInterceptor : public QWebEngineUrlRequestInterceptor
{
    Q_OBJECT
public:
    explicit LocalOnlyInterceptor(QObject *parent = nullptr);
    void setAllowedFolder(const QString &folder);
    void interceptRequest(QWebEngineUrlRequestInfo &info) override;

signals:
    void blocked(const QUrl &url);

private:
    QString m_folder;
    QString m_assetsDir;
};

// Keeps the view on the report: link clicks to the web go to the system browser, every other
// navigation away is refused.
class ReportPage : public QWebEnginePage
{
    Q_OBJECT
public:
    using QWebEnginePage::QWebEnginePage;
    void allowNavigationTo(const QUrl &url) { m_allowed = url; }
    // Scripts can "click" links too; only a navigation right after a real click counts.
    void noteUserClick() { m_lastClick.start(); }

signals:
    void externalLinkRequested(const QUrl &url);
    void navigationBlocked(const QUrl &url);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;

private:
    QUrl m_allowed;
    QElapsedTimer m_lastClick;
};

} // namespace fperf
