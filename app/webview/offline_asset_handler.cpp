// SPDX-License-Identifier: GPL-3.0-or-later
#include "webview/offline_asset_handler.h"

#include "core/report/offline_web_assets.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QWebEngineProfile>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

namespace fperf {

OfflineAssetHandler::OfflineAssetHandler(const QString &assetsDir, QObject *parent)
    : QWebEngineUrlSchemeHandler(parent), m_dir(assetsDir)
{}

void OfflineAssetHandler::requestStarted(QWebEngineUrlRequestJob *job)
{
    const OfflineWebAsset *asset = offlineWebAssetForSchemeUrl(job->requestUrl());
    if (!asset || m_dir.isEmpty()) {
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    auto *file = new QFile(QDir(m_dir).filePath(asset->file), job);
    if (!file->open(QIODevice::ReadOnly)) {
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    job->reply(asset->mimeType.toUtf8(), file);
}

void registerOfflineAssetScheme()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    QWebEngineUrlScheme scheme(offlineAssetScheme().toUtf8());
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    // CORS: Bootstrap's tags carry crossorigin and integrity attributes, which need it.
    scheme.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::CorsEnabled);
    QWebEngineUrlScheme::registerScheme(scheme);
}

void installOfflineAssetHandler(QWebEngineProfile *profile)
{
    const QString dir = offlineWebAssetsDir(QCoreApplication::applicationDirPath());
    profile->installUrlSchemeHandler(offlineAssetScheme().toUtf8(),
                                     new OfflineAssetHandler(dir, profile));
}

} // namespace fperf
