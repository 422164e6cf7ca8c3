// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/report_view.h"

#include "gui/offline_asset_handler.h"
#include "gui/report_page.h"
#include "ui_report_view.h"

#include <QDesktopServices>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

namespace fperf {

ReportView::ReportView(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::ReportView>())
{
    m_ui->setupUi(this);
    // Messages need no browser: the web engine (a process tree of its own, hundreds of MB)
    // starts only when the first report is shown.
    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("placeholderLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    m_ui->webHostLayout->addWidget(m_placeholder);
    connect(m_ui->openHtmlButton, &QPushButton::clicked, this, &ReportView::openHtmlRequested);
    m_ui->openHtmlButton->setVisible(false);
    m_ui->bannerLabel->setVisible(false);
    showMessage(QStringLiteral("No report yet. Open a project and press Profile (Ctrl+R)."));
}

void ReportView::ensureView()
{
    if (m_view)
        return;
    // Off the record: nothing a report does is kept on disk. Declared before the page, which
    // must be destroyed first.
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
    m_view = new QWebEngineView(this);
    m_view->setPage(m_page);
    m_ui->webHostLayout->addWidget(m_view);
    // Mouse input goes to a child the view creates later; watch for it to see real clicks.
    m_view->installEventFilter(this);

    connect(m_interceptor, &LocalOnlyInterceptor::blocked, this, [this](const QUrl &url) {
        m_blockedUrls << url.toString();
        updateBanner();
    });
    connect(m_page, &ReportPage::navigationBlocked, this, [this] {
        ++m_navigationsBlocked;
        updateBanner();
    });
    connect(m_page, &ReportPage::externalLinkRequested, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_page, &QWebEnginePage::loadFinished, this, &ReportView::loadFinished);
}

ReportView::~ReportView()
{
    // The page must go before its profile.
    delete m_view;
    delete m_page;
}

void ReportView::load(const QUrl &url, const QString &folder)
{
    ensureView();
    m_placeholder->setVisible(false);
    m_view->setVisible(true);
    m_blockedUrls.clear();
    m_navigationsBlocked = 0;
    m_interceptor->setAllowedFolder(folder);
    m_page->allowNavigationTo(url);
    m_page->load(url);
    updateBanner();
}

void ReportView::showHtmlFile(const QString &path, const QString &title)
{
    m_ui->reportTitleLabel->setText(title);
    const QFileInfo file(path); // a relative path makes no file URL
    load(QUrl::fromLocalFile(file.absoluteFilePath()), file.absolutePath());
}

void ReportView::showTextFile(const QString &path, const QString &title, const QString &summaryHtml)
{
    QFile in(path);
    QString text;
    if (in.open(QIODevice::ReadOnly))
        text = QString::fromUtf8(in.readAll());
    const QPalette pal = palette();
    const QString css =
        QStringLiteral(
            "body{margin:0;padding:12px;background:%1;color:%2;font-family:sans-serif;}"
            "pre{font-family:monospace;font-size:12px;line-height:1.3;margin:0;}"
            ".figures{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:8px;}"
            ".figure{border:1px solid %3;border-radius:4px;padding:6px 12px;min-width:110px;}"
            ".value{font-size:20px;font-weight:bold;}.label{color:%4;font-size:12px;}"
            "h3{margin:14px 0 4px 0;font-size:14px;}table{border-collapse:collapse;font-size:12px;}"
            "td,th{padding:2px 8px;text-align:left;border-bottom:1px solid %3;}"
            "td.num{text-align:right;font-variant-numeric:tabular-nums;}")
            .arg(pal.color(QPalette::Base).name(), pal.color(QPalette::Text).name(),
                 pal.color(QPalette::Mid).name(), pal.color(QPalette::PlaceholderText).name());
    const QString html =
        QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                       "<style>%2</style></head><body>%3<pre>%4</pre></body></html>")
            .arg(title.toHtmlEscaped(), css, summaryHtml, text.toHtmlEscaped());
    // setHtml is limited to 2 MB; a file in our own scratch folder has no limit.
    const QString rendered = m_scratch.filePath(QStringLiteral("text-report.html"));
    QFile out(rendered);
    if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        out.write(html.toUtf8());
    out.close();
    m_ui->reportTitleLabel->setText(title);
    load(QUrl::fromLocalFile(rendered), m_scratch.path());
}

void ReportView::showMessage(const QString &text)
{
    m_ui->reportTitleLabel->setText(QString());
    m_placeholder->setText(text);
    m_placeholder->setVisible(true);
    if (m_view) {
        m_view->setVisible(false);
        const QUrl blank(QStringLiteral("about:blank")); // nothing stale behind the message
        m_page->allowNavigationTo(blank);
        m_page->setUrl(blank);
    }
}

void ReportView::setWarnings(const QStringList &warnings)
{
    m_warnings = warnings;
    updateBanner();
}

void ReportView::setOpenHtmlAvailable(bool available)
{
    m_ui->openHtmlButton->setVisible(available);
}

bool ReportView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ChildAdded) {
        if (auto *child = static_cast<QChildEvent *>(event)->child(); child->isWidgetType())
            child->installEventFilter(this);
    } else if (event->type() == QEvent::MouseButtonRelease && watched != m_view && m_page) {
        m_page->noteUserClick();
    }
    return QWidget::eventFilter(watched, event);
}

QString ReportView::bannerText() const
{
    return m_ui->bannerLabel->text();
}

QUrl ReportView::currentUrl() const
{
    return m_page ? m_page->url() : QUrl();
}

QString ReportView::messageText() const
{
    return m_placeholder->isVisible() ? m_placeholder->text() : QString();
}

void ReportView::updateBanner()
{
    QStringList lines = m_warnings;
    if (!m_blockedUrls.isEmpty()) {
        QStringList hosts;
        for (const QString &u : m_blockedUrls) {
            const QUrl url(u);
            const QString host = url.port() > 0
                                     ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port())
                                     : url.host();
            if (!hosts.contains(host))
                hosts << host;
        }
        lines << QStringLiteral("Blocked %1 request(s) from the report to %2: the view works "
                                "offline and sends nothing out.")
                     .arg(m_blockedUrls.size())
                     .arg(hosts.join(QStringLiteral(", ")));
    }
    if (m_navigationsBlocked > 0)
        lines << QStringLiteral("Blocked %1 attempt(s) to navigate away from the report.")
                     .arg(m_navigationsBlocked);
    m_ui->bannerLabel->setText(lines.join(u'\n'));
    m_ui->bannerLabel->setToolTip(m_blockedUrls.isEmpty()
                                      ? QString()
                                      : QStringLiteral("Blocked:\n") + m_blockedUrls.join(u'\n'));
    m_ui->bannerLabel->setVisible(!lines.isEmpty());
    if (!lines.isEmpty()) {
        // A warning colour that reads on light and dark palettes alike.
        const bool dark = palette().color(QPalette::Window).lightness() < 128;
        m_ui->bannerLabel->setStyleSheet(
            dark ? QStringLiteral("background:#4a3b00;color:#ffe9a8;border-radius:3px;")
                 : QStringLiteral("background:#fff3cd;color:#5c4400;border-radius:3px;"));
    }
}

} // namespace fperf
