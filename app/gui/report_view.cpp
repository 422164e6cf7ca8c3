// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/report_view.h"

#include "gui/web_report_pane.h"
#include "ui_report_view.h"

#include <QDesktopServices>
#include <QFile>
#include <QFileInfo>
#include <QLabel>

namespace fperf {

ReportView::ReportView(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::ReportView>())
{
    m_ui->setupUi(this);
    // Messages need no browser: the web engine (a library and a process tree of its own,
    // hundreds of MB) is loaded only when the first report is shown.
    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("placeholderLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    m_ui->webHostLayout->addWidget(m_placeholder);
    connect(m_ui->openHtmlButton, &QPushButton::clicked, this, &ReportView::openHtmlRequested);
    m_ui->openHtmlButton->setVisible(false);
    m_ui->bannerLabel->setVisible(false);
    showMessage(tr("No report yet. Open a project and press Profile (Ctrl+R)."));
}

bool ReportView::ensureView()
{
    if (m_pane)
        return true;
    WebReportPane::Callbacks callbacks;
    callbacks.requestBlocked = [this](const QUrl &url) {
        m_blockedUrls << url.toString();
        updateBanner();
    };
    callbacks.navigationBlocked = [this](const QUrl &) {
        ++m_navigationsBlocked;
        updateBanner();
    };
    callbacks.externalLinkClicked = [this](const QUrl &url) {
        emit externalLinkOpened(url);
        QDesktopServices::openUrl(url);
    };
    callbacks.loadFinished = [this](bool ok) { emit loadFinished(ok); };
    const WebReportPaneLoad loaded = loadWebReportPane(this, callbacks);
    if (!loaded.pane) {
        showMessage(loaded.error);
        return false;
    }
    m_pane = loaded.pane;
    m_ui->webHostLayout->addWidget(m_pane->widget());
    return true;
}

ReportView::~ReportView()
{
    delete m_pane; // before the widgets its callbacks refer to
}

QWidget *ReportView::webView() const
{
    return m_pane ? m_pane->widget() : nullptr;
}

void ReportView::load(QUrl url, QString folder)
{
    if (!isVisible()) {
        m_pendingUrl = url;
        m_pendingFolder = folder;
        m_placeholder->setText(tr("Scalene's report loads when this page is shown."));
        m_placeholder->setVisible(true);
        if (m_pane)
            m_pane->widget()->setVisible(false);
        return;
    }
    m_pendingUrl.clear();
    if (!ensureView())
        return;
    m_placeholder->setVisible(false);
    m_pane->widget()->setVisible(true);
    m_blockedUrls.clear();
    m_navigationsBlocked = 0;
    m_pane->load(url, folder);
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

void ReportView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_pendingUrl.isEmpty())
        load(m_pendingUrl, m_pendingFolder);
}

void ReportView::showMessage(const QString &text)
{
    m_pendingUrl.clear();
    m_ui->reportTitleLabel->setText(QString());
    m_placeholder->setText(text);
    m_placeholder->setVisible(true);
    if (m_pane) {
        m_pane->widget()->setVisible(false);
        m_pane->clear();
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

QString ReportView::bannerText() const
{
    return m_ui->bannerLabel->text();
}

QUrl ReportView::currentUrl() const
{
    return m_pane ? m_pane->currentUrl() : QUrl();
}

QString ReportView::messageText() const
{
    return m_placeholder->isHidden() ? QString() : m_placeholder->text();
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
        lines << tr("Blocked %n request(s) from the report to %1: the view works offline and "
                    "sends nothing out.",
                    nullptr, int(m_blockedUrls.size()))
                     .arg(hosts.join(QStringLiteral(", ")));
    }
    if (m_navigationsBlocked > 0)
        lines << tr("Blocked %n attempt(s) to navigate away from the report.", nullptr,
                    m_navigationsBlocked);
    m_ui->bannerLabel->setText(lines.join(u'\n'));
    m_ui->bannerLabel->setToolTip(
        m_blockedUrls.isEmpty() ? QString() : tr("Blocked:\n%1").arg(m_blockedUrls.join(u'\n')));
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
