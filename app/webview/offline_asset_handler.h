// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWebEngineUrlSchemeHandler>

class QWebEngineProfile;

namespace fperf {

// Serves the local copies of the libraries Scalene 1.5.x reports load from CDNs (see
// core/offline_web_assets.h) under their own scheme; LocalOnlyInterceptor redirects the CDN
// URLs there. Only the listed files are served, from the folder given.
class OfflineAssetHandler : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT
public:
    explicit OfflineAssetHandler(const QString &assetsDir, QObject *parent = nullptr);
    void requestStarted(QWebEngineUrlRequestJob *job) override;

private:
    QString m_dir;
};

// Registers the scheme (once per process). Call it before the web engine starts, i.e. before
// the first QWebEngineProfile or page exists; Qt 6.4 accepts that after QApplication.
void registerOfflineAssetScheme();

// Installs a handler serving the copies next to the binary on the profile.
void installOfflineAssetHandler(QWebEngineProfile *profile);

} // namespace fperf
