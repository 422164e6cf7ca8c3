// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace fperf {

// Scalene 1.5.x's HTML report loads its chart and layout libraries from CDNs. Filare Perf ships
// copies of exactly those files (taken from the npm registry at build time) and the report view
// serves them locally, so the report draws its charts offline and nothing leaves the machine.
struct OfflineWebAsset
{
    QString url;      // as Scalene 1.5.16's template references it
    QString file;     // relative to the assets folder: "vega@5.21.0/build/vega.min.js"
    QString mimeType; // what the page expects from the CDN
};

// The files served locally; every other remote request stays blocked.
const QList<OfflineWebAsset> &offlineWebAssets();

// The local copy of a remote URL; nullptr when the URL is not one of them.
const OfflineWebAsset *offlineWebAssetForUrl(const QUrl &url);

// Local copies are served under their own URL scheme: Chromium refuses to redirect a web URL
// to file://. "filare-perf-asset:/vega@5.21.0/build/vega.min.js".
QString offlineAssetScheme();
QUrl offlineAssetSchemeUrl(const OfflineWebAsset &asset);
// The asset a scheme URL names; nullptr for anything else (no other file is ever served).
const OfflineWebAsset *offlineWebAssetForSchemeUrl(const QUrl &url);

// Where the copies are installed, relative to the folder of the binary: the build tree
// (build/bin, build/share/...) and an installed tree (/usr/bin, /usr/share/...) alike.
QString offlineWebAssetsDir(const QString &applicationDir);

// Files of the list that are not in dir (all of them when dir is empty).
QStringList missingOfflineWebAssets(const QString &dir);

} // namespace fperf
