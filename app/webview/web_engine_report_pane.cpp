// SPDX-License-Identifier: GPL-3.0-or-later
// The web engine half of the report view, built as libfilare-perf-webview.so.
#include "gui/web_report_pane.h"
#include "webview/offline_asset_handler.h"
#include "webview/report_page.h"

#include <QChildEvent>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

namespace fperf {
namespace {

class WebEngineReportPane : public QObject, public WebReportPane
{
public:
    WebEngineReportPane(QWidget *parent, const Callbacks &callbacks) : QObject(parent)
    {
        // Off the record: nothing a report does is kept on disk.
        registerOfflineAssetScheme(); // before the first profile starts the engine
        m_profile = new QWebEngineProfile(this);
        installOfflineAssetHandler(m_profile); // Scalene 1.5.x reports' libraries
        m_interceptor = new LocalOnlyInterceptor(m_profile);
        m_profile->setUrlRequestInterceptor(m_interceptor);
        m_page = new ReportPage(m_profile, this);
        QWebEngineSettings *s = m_page->settings();
        // Let remote requests reach the interceptor (which blocks and counts them) instead of
        // failing silently inside Chromium.
        s->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, true);
        s->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, true);
        s->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
        s->setAttribute(QWebEngineSettings::PluginsEnabled, false);
        m_view = new QWebEngineView(parent);
        m_view->setPage(m_page);
        // Mouse input goes to a child the view creates later; watch for it to see real clicks.
        m_view->installEventFilter(this);

        QObject::connect(m_interceptor, &LocalOnlyInterceptor::blocked, this,
                         [cb = callbacks.requestBlocked](const QUrl &url) {
                             if (cb)
                                 cb(url);
                         });
        QObject::connect(m_page, &ReportPage::navigationBlocked, this,
                         [cb = callbacks.navigationBlocked](const QUrl &url) {
                             if (cb)
                                 cb(url);
                         });
        QObject::connect(m_page, &ReportPage::externalLinkRequested, this,
                         [cb = callbacks.externalLinkClicked](const QUrl &url) {
                             if (cb)
                                 cb(url);
                         });
        QObject::connect(m_page, &QWebEnginePage::loadFinished, this,
                         [cb = callbacks.loadFinished](bool ok) {
                             if (cb)
                                 cb(ok);
                         });
    }

    ~WebEngineReportPane() override
    {
        // The page must go before its profile (a child of this object, deleted after).
        delete m_view;
        delete m_page;
    }

    QWidget *widget() override { return m_view; }

    void load(const QUrl &url, const QString &allowedFolder) override
    {
        m_interceptor->setAllowedFolder(allowedFolder);
        m_page->allowNavigationTo(url);
        m_page->load(url);
    }

    void clear() override
    {
        const QUrl blank(QStringLiteral("about:blank"));
        m_page->allowNavigationTo(blank);
        m_page->setUrl(blank);
    }

    QUrl currentUrl() const override { return m_page->url(); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ChildAdded) {
            if (auto *child = static_cast<QChildEvent *>(event)->child(); child->isWidgetType())
                child->installEventFilter(this);
        } else if (event->type() == QEvent::MouseButtonRelease && watched != m_view) {
            m_page->noteUserClick();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QWebEngineProfile *m_profile = nullptr;
    LocalOnlyInterceptor *m_interceptor = nullptr;
    ReportPage *m_page = nullptr;
    QWebEngineView *m_view = nullptr;
};

} // namespace
} // namespace fperf

extern "C" Q_DECL_EXPORT fperf::WebReportPane *
fperf_create_web_report_pane(QWidget *parent, const fperf::WebReportPane::Callbacks &callbacks)
{
    return new fperf::WebEngineReportPane(parent, callbacks);
}
