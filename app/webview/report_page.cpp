// SPDX-License-Identifier: GPL-3.0-or-later
#include "webview/report_page.h"

#include "core/report/offline_web_assets.h"
#include "core/report/report_request_policy.h"

#include <QCoreApplication>
#include <QDir>
#include <QMetaObject>

namespace fperf {

LocalOnlyInterceptor::LocalOnlyInterceptor(QObject *parent)
    : QWebEngineUrlRequestInterceptor(parent),
      m_assetsDir(offlineWebAssetsDir(QCoreApplication::applicationDirPath()))
{}

void LocalOnlyInterceptor::setAllowedFolder(const QString &folder)
{
    m_folder = QDir::cleanPath(folder);
}

void LocalOnlyInterceptor::interceptRequest(QWebEngineUrlRequestInfo &info)
{
    const QUrl url = info.requestUrl();
    if (isReportRequestAllowed(url, m_folder))
        return;
    // A missing copy is blocked (and counted) like any other remote request.
    if (const OfflineWebAsset *asset = offlineWebAssetForUrl(url);
        asset && missingOfflineWebAssets(m_assetsDir).isEmpty()) {
        info.redirect(offlineAssetSchemeUrl(*asset));
        return;
    }
    info.block(true);
    QMetaObject::invokeMethod(
        this, [this, url] { emit blocked(url); }, Qt::QueuedConnection);
}

bool ReportPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (!isMainFrame)
        return isReportRequestAllowed(url, {}) || url.scheme() == u"file";
    if (url == m_allowed || url.scheme() == u"data")
        return true;
    if (url.matches(m_allowed, QUrl::RemoveFragment))
        return true; // in-page anchors
    const bool userClicked = m_lastClick.isValid() && m_lastClick.elapsed() < 1500;
    if (type == NavigationTypeLinkClicked && userClicked &&
        (url.scheme() == u"http" || url.scheme() == u"https")) {
        m_lastClick.invalidate();
        emit externalLinkRequested(url); // the user clicked: hand it to the system browser
        return false;
    }
    emit navigationBlocked(url);
    return false;
}

QWebEnginePage *ReportPage::createWindow(WebWindowType)
{
    return nullptr; // no pop-ups
}

} // namespace fperf
