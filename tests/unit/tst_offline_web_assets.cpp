// SPDX-License-Identifier: GPL-3.0-or-later
// The local copies that Scalene 1.5.x HTML reports get instead of CDN files.
#include "core/report/offline_web_assets.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace fperf;

namespace {
// Where Debian's python3-scalene keeps the template its generate_html renders.
const QString kDebianTemplate =
    QStringLiteral("/usr/share/python3-scalene/scalene-gui/index.html.template");
} // namespace

class OfflineWebAssetsTest : public QObject
{
    Q_OBJECT
private slots:
    void urlsMapToLocalFiles_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("file"); // empty: not served, stays blocked
        QTest::newRow("jquery") << "https://code.jquery.com/jquery-3.6.0.slim.min.js"
                                << "jquery@3.6.0/dist/jquery.slim.min.js";
        QTest::newRow("bootstrap css")
            << "https://cdn.jsdelivr.net/npm/bootstrap@5.1.3/dist/css/bootstrap.min.css"
            << "bootstrap@5.1.3/dist/css/bootstrap.min.css";
        QTest::newRow("bootstrap js")
            << "https://cdn.jsdelivr.net/npm/bootstrap@5.1.3/dist/js/bootstrap.bundle.min.js"
            << "bootstrap@5.1.3/dist/js/bootstrap.bundle.min.js";
        QTest::newRow("vega") << "https://cdn.jsdelivr.net/npm/vega@5.21.0"
                              << "vega@5.21.0/build/vega.min.js";
        QTest::newRow("vega-lite") << "https://cdn.jsdelivr.net/npm/vega-lite@5.2.0"
                                   << "vega-lite@5.2.0/build/vega-lite.min.js";
        QTest::newRow("vega-embed") << "https://cdn.jsdelivr.net/npm/vega-embed@6.20.0"
                                    << "vega-embed@6.20.0/build/vega-embed.min.js";
        QTest::newRow("analytics") << "https://www.googletagmanager.com/gtag/js?id=G-4JXPHEBMTY"
                                   << "";
        QTest::newRow("other version") << "https://cdn.jsdelivr.net/npm/vega@5.22.0"
                                       << "";
        QTest::newRow("other file of a package")
            << "https://cdn.jsdelivr.net/npm/bootstrap@5.1.3/dist/css/bootstrap.css"
            << "";
        QTest::newRow("query added") << "https://cdn.jsdelivr.net/npm/vega@5.21.0?x=1"
                                     << "";
        QTest::newRow("plain http") << "http://code.jquery.com/jquery-3.6.0.slim.min.js"
                                    << "";
        QTest::newRow("image from the template")
            << "https://github.com/plasma-umass/scalene/raw/master/scalene/scalene-gui/"
               "scalene-image.png"
            << "";
    }
    void urlsMapToLocalFiles()
    {
        QFETCH(QString, url);
        QFETCH(QString, file);
        const OfflineWebAsset *asset = offlineWebAssetForUrl(QUrl(url));
        QCOMPARE(asset ? asset->file : QString(), file);
        if (!asset)
            return;
        // The local URL names the same asset and nothing else.
        const QUrl local = offlineAssetSchemeUrl(*asset);
        QCOMPARE(local.scheme(), QStringLiteral("filare-perf-asset"));
        QCOMPARE(offlineWebAssetForSchemeUrl(local), asset);
        QCOMPARE(asset->mimeType, file.endsWith(".css") ? QStringLiteral("text/css")
                                                        : QStringLiteral("text/javascript"));
    }

    void schemeServesOnlyListedFiles()
    {
        for (const char *u :
             {"filare-perf-asset:/../../../etc/passwd",
              "filare-perf-asset:/jquery@3.6.0/LICENSE.txt",
              "filare-perf-asset:/vega@5.21.0/build/vega.min.js?x",
              "filare-perf-asset:/vega@5.21.0/build/../build/vega.min.js",
              "file:///vega@5.21.0/build/vega.min.js", "https://cdn.jsdelivr.net/npm/vega@5.21.0"})
            QVERIFY2(!offlineWebAssetForSchemeUrl(QUrl(QString::fromUtf8(u))), u);
    }

    void folderNextToTheBinary()
    {
        QCOMPARE(offlineWebAssetsDir("/usr/bin"),
                 QStringLiteral("/usr/share/filare-perf/web-assets"));
        QCOMPARE(offlineWebAssetsDir("/w/build/bin"),
                 QStringLiteral("/w/build/share/filare-perf/web-assets"));
        QCOMPARE(offlineWebAssetsDir(""), QString());
        QCOMPARE(missingOfflineWebAssets("").size(), offlineWebAssets().size());
        QCOMPARE(missingOfflineWebAssets("/nonexistent").size(), offlineWebAssets().size());
    }

    void theBuildFetchedEveryFile()
    {
        // Test binaries sit in build/bin like filare-perf.
        const QString dir = offlineWebAssetsDir(QCoreApplication::applicationDirPath());
        QCOMPARE(missingOfflineWebAssets(dir), QStringList());
        for (const OfflineWebAsset &a : offlineWebAssets())
            QVERIFY2(QFileInfo(QDir(dir).filePath(a.file)).size() > 10000, qPrintable(a.file));
    }

    void debiansTemplateLoadsExactlyTheseFiles()
    {
        // The real template of Debian's Scalene 1.5.16: every library it loads from a CDN is
        // one we serve, and the copies pass its integrity (SRI) checks.
        QFile f(kDebianTemplate);
        QVERIFY2(f.open(QIODevice::ReadOnly),
                 qPrintable(kDebianTemplate + " is missing: run ./scripts/setup"));
        const QString html = QString::fromUtf8(f.readAll());
        static const QRegularExpression tag(
            QStringLiteral("<(script|link)\\b[^>]*\\b(?:src|href)=\"(https://[^\"]+)\"[^>]*>"));
        static const QRegularExpression integrity(QStringLiteral("integrity=\"sha384-([^\"]+)\""));
        const QString dir = offlineWebAssetsDir(QCoreApplication::applicationDirPath());
        QStringList served;
        int checkedHashes = 0;
        auto it = tag.globalMatch(html);
        while (it.hasNext()) {
            const auto m = it.next();
            const QString url = m.captured(2);
            const OfflineWebAsset *asset = offlineWebAssetForUrl(QUrl(url));
            if (url.contains("googletagmanager") || url.endsWith("favicon.ico")) {
                QVERIFY2(!asset, qPrintable(url)); // analytics and icon stay blocked
                continue;
            }
            QVERIFY2(asset, qPrintable("not served locally: " + url));
            served << asset->file;
            const auto sri = integrity.match(m.captured(0));
            if (sri.hasMatch()) {
                QFile copy(QDir(dir).filePath(asset->file));
                QVERIFY(copy.open(QIODevice::ReadOnly));
                QCOMPARE(QString::fromLatin1(
                             QCryptographicHash::hash(copy.readAll(), QCryptographicHash::Sha384)
                                 .toBase64()),
                         sri.captured(1));
                ++checkedHashes;
            }
        }
        served.sort();
        QStringList all;
        for (const OfflineWebAsset &a : offlineWebAssets())
            all << a.file;
        all.sort();
        QCOMPARE(served, all);
        QCOMPARE(checkedHashes, 2); // Bootstrap's stylesheet and script
    }
};

QTEST_GUILESS_MAIN(OfflineWebAssetsTest)
#include "tst_offline_web_assets.moc"
