// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/offline_web_assets.h"

#include <QDir>
#include <QFileInfo>

namespace fperf {

const QList<OfflineWebAsset> &offlineWebAssets()
{
    // Keep in step with cmake/FetchWebAssets.cmake. A bare jsDelivr package URL serves the
    // file its package.json names under "jsdelivr".
    static const QString js = QStringLiteral("text/javascript");
    static const QString css = QStringLiteral("text/css");
    static const QList<OfflineWebAsset> assets{
        {QStringLiteral("https://code.jquery.com/jquery-3.6.0.slim.min.js"),
         QStringLiteral("jquery@3.6.0/dist/jquery.slim.min.js"), js},
        {QStringLiteral("https://cdn.jsdelivr.net/npm/bootstrap@5.1.3/dist/css/bootstrap.min.css"),
         QStringLiteral("bootstrap@5.1.3/dist/css/bootstrap.min.css"), css},
        {QStringLiteral("https://cdn.jsdelivr.net/npm/bootstrap@5.1.3/dist/js/"
                        "bootstrap.bundle.min.js"),
         QStringLiteral("bootstrap@5.1.3/dist/js/bootstrap.bundle.min.js"), js},
        {QStringLiteral("https://cdn.jsdelivr.net/npm/vega@5.21.0"),
         QStringLiteral("vega@5.21.0/build/vega.min.js"), js},
        {QStringLiteral("https://cdn.jsdelivr.net/npm/vega-lite@5.2.0"),
         QStringLiteral("vega-lite@5.2.0/build/vega-lite.min.js"), js},
        {QStringLiteral("https://cdn.jsdelivr.net/npm/vega-embed@6.20.0"),
         QStringLiteral("vega-embed@6.20.0/build/vega-embed.min.js"), js},
    };
    return assets;
}

const OfflineWebAsset *offlineWebAssetForUrl(const QUrl &url)
{
    // Exact matches only: a query or another file of the same package is not a copy we have.
    const QString wanted = url.toString(QUrl::FullyEncoded);
    for (const OfflineWebAsset &a : offlineWebAssets()) {
        if (a.url == wanted)
            return &a;
    }
    return nullptr;
}

QString offlineAssetScheme()
{
    return QStringLiteral("filare-perf-asset");
}

QUrl offlineAssetSchemeUrl(const OfflineWebAsset &asset)
{
    return QUrl(offlineAssetScheme() + QStringLiteral(":/") + asset.file);
}

const OfflineWebAsset *offlineWebAssetForSchemeUrl(const QUrl &url)
{
    if (url.scheme() != offlineAssetScheme() || url.hasQuery() || url.hasFragment())
        return nullptr;
    for (const OfflineWebAsset &a : offlineWebAssets()) {
        if (url == offlineAssetSchemeUrl(a))
            return &a;
    }
    return nullptr;
}

QString offlineWebAssetsDir(const QString &applicationDir)
{
    if (applicationDir.isEmpty())
        return {};
    return QDir::cleanPath(applicationDir + QStringLiteral("/../share/filare-perf/web-assets"));
}

QStringList missingOfflineWebAssets(const QString &dir)
{
    QStringList missing;
    for (const OfflineWebAsset &a : offlineWebAssets()) {
        if (dir.isEmpty() || !QFileInfo(QDir(dir).filePath(a.file)).isFile())
            missing << a.file;
    }
    return missing;
}

} // namespace fperf
