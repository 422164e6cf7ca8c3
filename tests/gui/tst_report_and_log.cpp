// SPDX-License-Identifier: GPL-3.0-or-later
// The report view stays offline; the log view caps its lines while the log file keeps all.
#include "core/report/report_request_policy.h"
#include "core/run/run_controller.h"
#include "gui/log_view.h"
#include "gui/report_view.h"
#include "gui_test_support.h"
#include "test_support.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QWebEnginePage>
#include <QWebEngineView>
#include <QtTest>

using namespace fperf;

class ReportAndLogTest : public QObject
{
    Q_OBJECT
public:
    FPERF_GUI_TEST_INIT

private slots:
    void remoteRequestsAreBlockedAndCounted()
    {
        QTemporaryDir dir;
        const QString page = dir.filePath("report.html");
        QVERIFY(QFile::copy(test::dataFile("remote_request_page.html"), page));
        ReportView view;
        view.resize(800, 600);
        view.show();
        QSignalSpy loaded(&view, &ReportView::loadFinished);
        view.showHtmlFile(page, "test page");
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 20000);
        // Script, stylesheet, image and fetch: all remote, all blocked before leaving.
        QTRY_VERIFY_WITH_TIMEOUT(view.blockedRequests() >= 4, 10000);
        QVERIFY2(view.bannerText().contains("Blocked"), qPrintable(view.bannerText()));
        // The page tried to navigate away after 300 ms; it is still on the report.
        QTRY_VERIFY_WITH_TIMEOUT(view.bannerText().contains("navigate away"), 10000);
        QCOMPARE(view.currentUrl(), QUrl::fromLocalFile(page));
        // The page itself rendered.
        QTRY_VERIFY_WITH_TIMEOUT(evaluateInPage(view, "document.getElementById('status').innerText")
                                     .toString()
                                     .contains("offline test"),
                                 10000);
    }

    void aHiddenReportLoadsWhenShown()
    {
        // Scalene's page sits behind the native view: chosen while hidden, it loads only when
        // its page is shown.
        QTabWidget tabs;
        tabs.resize(900, 600);
        tabs.addTab(new QWidget, "first");
        auto *view = new ReportView;
        tabs.addTab(view, "report");
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        const QString page = test::dataFile("remote_request_page.html");
        view->showHtmlFile(page, "test page");
        QCOMPARE(view->pendingUrl(), QUrl::fromLocalFile(page));
        QVERIFY(!view->webView()); // not even the web engine is loaded yet
        tabs.setCurrentIndex(1);
        QTRY_COMPARE_WITH_TIMEOUT(view->currentUrl(), QUrl::fromLocalFile(page), 20000);
        QVERIFY(view->pendingUrl().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluateInPage(*view, "document.getElementById('status').innerText")
                .toString()
                .contains("offline test"),
            10000);
    }

    void aMissingWebViewLibraryIsExplained()
    {
        // The window itself never links QtWebEngine: the report view loads it with the first
        // report. Without the library, the view says so and how to fix it.
        qputenv("FILARE_PERF_WEBVIEW", "/nonexistent/libfilare-perf-webview.so");
        ReportView view;
        view.show(); // a hidden view loads nothing until shown
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showHtmlFile(test::dataFile("remote_request_page.html"), "test page");
        qunsetenv("FILARE_PERF_WEBVIEW");
        QVERIFY(!view.webView());
        QVERIFY2(view.messageText().contains("could not be loaded") &&
                     view.messageText().contains("/nonexistent/libfilare-perf-webview.so") &&
                     view.messageText().contains("Reinstall"),
                 qPrintable(view.messageText()));
    }

    void scalene15ReportDrawsItsChartsOffline()
    {
        // A real report of Debian's Scalene 1.5.16: its template loads jQuery, Bootstrap and
        // Vega from CDNs and a Google analytics script.
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        const auto run = test::fixtureRun({"run", "--python", test::venv15Python(), "--html",
                                           "--no-memory", "--output-dir", out, "--run-label", "g15",
                                           test::sampleProject("small")},
                                          out + "/g15.log");
        QVERIFY2(run.exitCode == 0, qPrintable((run.out + run.err).right(3000)));
        const QString html = out + "/g15-scalene.html";
        QVERIFY(test::readAll(html).contains("https://cdn.jsdelivr.net/npm/vega@5.21.0"));

        ReportView view;
        view.resize(1200, 900);
        view.show();
        QSignalSpy loaded(&view, &ReportView::loadFinished);
        view.showHtmlFile(html, "g15");
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 30000);
        QVERIFY(loaded.first().first().toBool());

        // The libraries ran (served from the local copies)...
        const auto eval = [&view](const QString &js) { return evaluateInPage(view, js); };
        QCOMPARE(eval("typeof vega + ' ' + typeof vegaLite + ' ' + typeof vegaEmbed").toString(),
                 QStringLiteral("object object function"));
        QCOMPARE(eval("typeof jQuery + ' ' + typeof bootstrap").toString(),
                 QStringLiteral("function object"));
        // ...Bootstrap's stylesheet applies (it passed its integrity check)...
        QVERIFY(
            eval("getComputedStyle(document.body).fontFamily").toString().contains("system-ui"));
        // ...and Vega drew the charts into the vega-embed containers.
        QTRY_VERIFY_WITH_TIMEOUT(
            eval("document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length")
                    .toInt() > 0,
            20000);
        QVERIFY(eval("Array.from(document.querySelectorAll('.vega-embed canvas'))"
                     ".some(c => c.width > 0 && c.height > 0)")
                    .toBool());

        // The analytics script was blocked and counted; no library request was.
        QTRY_VERIFY_WITH_TIMEOUT(
            view.blockedUrls().join('\n').contains("https://www.googletagmanager.com/gtag/js"),
            10000);
        QVERIFY2(view.bannerText().contains("www.googletagmanager.com"),
                 qPrintable(view.bannerText()));
        for (const QString &url : view.blockedUrls()) {
            QVERIFY2(!url.contains("jsdelivr") && !url.contains("code.jquery.com"),
                     qPrintable(url));
        }
        QCOMPARE(view.currentUrl(), QUrl::fromLocalFile(html));
    }

    void filesOutsideTheReportFolderAreRefused()
    {
        QCOMPARE(LocalOnlyInterceptorCheck("file:///etc/passwd", "/tmp/r"), false);
        QCOMPARE(LocalOnlyInterceptorCheck("file:///tmp/r/a.html", "/tmp/r"), true);
        QCOMPARE(LocalOnlyInterceptorCheck("file:///tmp/r/../x", "/tmp/r"), false);
        QCOMPARE(LocalOnlyInterceptorCheck("file:///tmp/rx/a", "/tmp/r"), false);
        QCOMPARE(LocalOnlyInterceptorCheck("https://example.com/", "/tmp/r"), false);
        QCOMPARE(LocalOnlyInterceptorCheck("data:text/plain,x", "/tmp/r"), true);
        // The local copies of Scalene 1.5.x's libraries, and nothing else under their scheme.
        QCOMPARE(
            LocalOnlyInterceptorCheck("filare-perf-asset:/vega@5.21.0/build/vega.min.js", "/tmp/r"),
            true);
        QCOMPARE(LocalOnlyInterceptorCheck("filare-perf-asset:/etc/passwd", "/tmp/r"), false);
        QCOMPARE(LocalOnlyInterceptorCheck("https://cdn.jsdelivr.net/npm/vega@5.21.0", "/tmp/r"),
                 false); // not allowed as such: redirected to the copy
    }

    void logViewCapsWhileTheLogFileKeepsEverything()
    {
        QTemporaryDir dir;
        // A program of ours that prints more lines than the view keeps, run by the core.
        PreparedRun run;
        run.environment = QProcessEnvironment::systemEnvironment();
        run.plan.paths = runPaths(dir.path(), "many");
        run.plan.directories << dir.path();
        CommandSpec print;
        print.role = CommandRole::Plain;
        print.argv = QStringList{test::venvPython(), "-c",
                                 "import sys\nfor i in range(60000):\n"
                                 "    print(f'line {i}', file=sys.stderr if i % 1000 == 0 else "
                                 "sys.stdout)\n"};
        print.cwd = dir.path();
        run.plan.commands << print;
        run.record.label = "many";
        run.record.paths = run.plan.paths;
        run.record.settings.values.scalene.enabled = false;
        run.record.started = QDateTime::currentDateTime();

        LogView view;
        QCOMPARE(view.maxLines(), 50000);
        view.show();
        RunController controller;
        connect(&controller, &RunController::outputLine, &view, &LogView::appendLine);
        view.setLogFile(run.plan.paths.log);
        QSignalSpy finished(&controller, &RunController::runFinished);
        QVERIFY(controller.start(run));
        QVERIFY(finished.wait(60000));
        view.flush();
        QCOMPARE(view.receivedLines(), 60000);
        QVERIFY(view.lineCount() <= 50000);
        QVERIFY(view.isCapped());
        QVERIFY(view.text().contains("line 59999")); // the newest lines are kept
        // The oldest lines went (which exactly depends on how stdout and stderr interleave).
        QVERIFY(!view.text().startsWith("line 0\n"));
        QVERIFY(!view.text().contains("\nline 100\n"));
        auto *cap = view.findChild<QLabel *>("capLabel");
        QVERIFY(cap->isVisible());
        QVERIFY2(cap->text().contains("50,000") && cap->text().contains("60,000"),
                 qPrintable(cap->text()));
        // The file on disk has every line.
        const QStringList lines = test::readAll(run.plan.paths.log).split('\n');
        int printed = 0;
        for (const QString &l : lines)
            printed += l.startsWith("line ") ? 1 : 0;
        QCOMPARE(printed, 60000);
    }

    void aClickedWebLinkGoesToTheSystemBrowserOnly()
    {
        QTemporaryDir dir;
        const QString page = dir.filePath("links.html");
        QFile f(page);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<html><body style='margin:0'><a id='l' href='https://example.invalid/docs' "
                "style='display:block;width:300px;height:100px'>docs</a></body></html>");
        f.close();
        ReportView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&view, &ReportView::loadFinished);
        view.showHtmlFile(page, "links");
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 20000);
        QSignalSpy external(&view, &ReportView::externalLinkOpened);
        // A script following the link is not a click: refused.
        webEngineView(view)->page()->runJavaScript("document.getElementById('l').click()");
        QTRY_VERIFY_WITH_TIMEOUT(view.bannerText().contains("navigate away"), 10000);
        QCOMPARE(external.count(), 0);
        // A real click hands the link to the system browser; the view stays on the report.
        QWidget *input = webEngineView(view)->focusProxy();
        QVERIFY(input);
        QTest::mouseClick(input, Qt::LeftButton, {}, QPoint(50, 50));
        QTRY_COMPARE_WITH_TIMEOUT(external.count(), 1, 10000);
        QCOMPARE(external.first().first().toUrl(), QUrl("https://example.invalid/docs"));
        QCOMPARE(view.currentUrl(), QUrl::fromLocalFile(page));
    }

    void stderrIsDistinctAndFindWorks()
    {
        LogView view;
        view.show();
        view.appendLine(OutputStream::Stdout, "Input file: a.yml");
        view.appendLine(OutputStream::Stderr, "Traceback: boom");
        view.appendLine(OutputStream::Stdout, "Output file: a.html");
        view.flush();
        auto *text = view.findChild<QPlainTextEdit *>("logText");
        const QTextDocument *doc = text->document();
        const QColor out =
            doc->findBlockByNumber(0).begin().fragment().charFormat().foreground().color();
        const QColor err =
            doc->findBlockByNumber(1).begin().fragment().charFormat().foreground().color();
        QVERIFY(out != err);
        // Ctrl+F's field finds and selects, and stops auto-scroll so the match stays in view.
        view.focusFind();
        auto *find = view.findChild<QLineEdit *>("findEdit");
        QTest::keyClicks(find, "Output");
        QTest::keyClick(find, Qt::Key_Return);
        QCOMPARE(text->textCursor().selectedText(), QStringLiteral("Output"));
        QVERIFY(!view.findChild<QCheckBox *>("autoScrollCheck")->isChecked());
    }

private:
    static bool LocalOnlyInterceptorCheck(const char *url, const char *folder);
};

#include "core/report/report_request_policy.h"
bool ReportAndLogTest::LocalOnlyInterceptorCheck(const char *url, const char *folder)
{
    return isReportRequestAllowed(QUrl(QString::fromUtf8(url)), QString::fromUtf8(folder));
}

QTEST_MAIN(ReportAndLogTest)
#include "tst_report_and_log.moc"
