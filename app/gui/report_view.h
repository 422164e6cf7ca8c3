// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTemporaryDir>
#include <QUrl>
#include <QWidget>
#include <memory>

class QLabel;

namespace Ui {
class ReportView;
}

namespace fperf {

class WebReportPane;

// Shows a run's report offline: Scalene's standalone HTML, or its text report rendered as a
// page. A banner above it carries the run's warnings and counts blocked requests.
class ReportView : public QWidget
{
    Q_OBJECT
public:
    explicit ReportView(QWidget *parent = nullptr);
    ~ReportView() override;

    void showHtmlFile(const QString &path, const QString &title);
    // summaryHtml: an optional fragment shown above the text.
    void showTextFile(const QString &path, const QString &title, const QString &summaryHtml = {});
    void showMessage(const QString &text);
    void setWarnings(const QStringList &warnings);
    void setOpenHtmlAvailable(bool available);

    int blockedRequests() const { return m_blockedUrls.size(); }
    QStringList blockedUrls() const { return m_blockedUrls; }
    QString bannerText() const;
    QWidget *webView() const;    // the QWebEngineView; null until a report was shown
    QString messageText() const; // the message shown instead, if any
    QUrl currentUrl() const;
    // A report chosen while the view was hidden: it loads when the view is first shown, so
    // a large page costs nothing until someone looks at it.
    QUrl pendingUrl() const { return m_pendingUrl; }

signals:
    void openHtmlRequested();
    void loadFinished(bool ok);
    void externalLinkOpened(const QUrl &url); // handed to the system browser

protected:
    void showEvent(QShowEvent *event) override;

private:
    bool ensureView();
    void load(QUrl url, QString folder); // by value: callers pass the pending members
    void updateBanner();

    std::unique_ptr<Ui::ReportView> m_ui;
    WebReportPane *m_pane = nullptr;
    QLabel *m_placeholder = nullptr;
    QTemporaryDir m_scratch;
    QStringList m_warnings;
    QStringList m_blockedUrls;
    int m_navigationsBlocked = 0;
    QUrl m_pendingUrl;
    QString m_pendingFolder;
};

} // namespace fperf
