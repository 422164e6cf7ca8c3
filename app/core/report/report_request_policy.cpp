// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/report_request_policy.h"

#include "core/report/offline_web_assets.h"

#include <QDir>
#include <QFileInfo>

namespace fperf {

bool isReportRequestAllowed(const QUrl &url, const QString &allowedFolder)
{
    const QString scheme = url.scheme();
    if (scheme == u"data" || scheme == u"blob" || scheme == u"about" || scheme == u"qrc")
        return true;
    if (scheme == offlineAssetScheme()) // our copies of Scalene 1.5.x's CDN libraries
        return offlineWebAssetForSchemeUrl(url) != nullptr;
    if (scheme == u"file") {
        const QString path = QDir::cleanPath(QFileInfo(url.toLocalFile()).absoluteFilePath());
        return !allowedFolder.isEmpty() &&
               (path == allowedFolder || path.startsWith(allowedFolder + u'/'));
    }
    return false; // http, https, ws, ftp, ...
}

} // namespace fperf
