// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmarks of what the app adds around a run (figures only, no assertions):
//   P2a  1,000,000 lines through the runner (log file included) / the same piped into cat
//   P2b  the same stream into the log view: longest event-loop stall and p99
//   P2c  the app's memory growth during P2b
//   P4c  a standalone Scalene HTML report shown in the report view (load finished)
// Usage: bench_streams PYTHON RESULTS_JSON [LINES] [REPEATS] [HTML_REPORT]
#include "bench_support.h"
#include "core/run/run_controller.h"
#include "gui/log_view.h"
#include "gui/report_view.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace fperf;

namespace {
QString printerScript(int lines)
{
    // About 70 bytes a line, like a chatty build.
    return QStringLiteral("import sys\nw = sys.stdout.write\nfor i in range(%1):\n"
                          "    w(f'line {i:07d} Generating html output for connector X{i % 97} "
                          "and cable W{i % 89}\\n')\n")
        .arg(lines);
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

// One run of the printer through RunController; returns seconds.
double throughRunner(const QString &python, int lines, LogView *view, QList<double> *stalls)
{
    QTemporaryDir dir;
    PreparedRun run;
    run.environment = QProcessEnvironment::systemEnvironment();
    run.plan.paths = runPaths(dir.path(), QStringLiteral("stream"));
    run.plan.directories << dir.path();
    CommandSpec c;
    c.role = CommandRole::Plain;
    c.argv = QStringList{python, QStringLiteral("-c"), printerScript(lines)};
    c.cwd = dir.path();
    run.plan.commands << c;
    run.record.label = QStringLiteral("stream");
    run.record.paths = run.plan.paths;
    run.record.settings.values.scalene.enabled = false;
    run.record.started = QDateTime::currentDateTime();
    RunController controller;
    if (view)
        QObject::connect(&controller, &RunController::outputLine, view, &LogView::appendLine);
    // The probe: a timer that should fire every 2 ms; late ticks are event-loop stalls.
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setInterval(2);
    qint64 last = 0;
    if (stalls) {
        probeClock.start();
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = probeClock.nsecsElapsed();
            if (last > 0)
                stalls->append((now - last) / 1e6);
            last = now;
        });
        probe.start();
    }
    QSignalSpy finished(&controller, &RunController::runFinished);
    QElapsedTimer t;
    t.start();
    controller.start(run);
    finished.wait(600000);
    const double seconds = t.nsecsElapsed() / 1e9;
    if (view)
        view->flush();
    return seconds;
}

double throughCat(const QString &python, int lines)
{
    QTemporaryDir dir;
    QFile script(dir.filePath(QStringLiteral("p.py")));
    script.open(QIODevice::WriteOnly);
    script.write(printerScript(lines).toUtf8());
    script.close();
    QElapsedTimer t;
    t.start();
    QProcess::execute(
        QStringLiteral("sh"),
        {QStringLiteral("-c"),
         QStringLiteral("'%1' '%2' | cat > /dev/null").arg(python, script.fileName())});
    return t.nsecsElapsed() / 1e9;
}
} // namespace

int main(int argc, char *argv[])
{
    // The report view loads QtWebEngine later, which needs this before the application.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        QTextStream(stderr) << "usage: bench_streams PYTHON RESULTS_JSON [LINES] [REPEATS] "
                               "[HTML_REPORT...]\n";
        return 2;
    }
    const QString python = QFileInfo(args.at(1)).absoluteFilePath();
    const int lines = args.value(3, QStringLiteral("1000000")).toInt();
    const int repeats = args.value(4, QStringLiteral("3")).toInt();
    const QString html = args.value(5);
    QTextStream out(stdout);

    QList<double> runner, cat;
    for (int i = 0; i < repeats; ++i) { // interleaved pairs
        runner << throughRunner(python, lines, nullptr, nullptr);
        cat << throughCat(python, lines);
    }
    const double p2a = median(runner) / median(cat);

    LogView view;
    view.resize(900, 600);
    view.show();
    QList<double> stalls;
    const double before = rssMb();
    throughRunner(python, lines, &view, &stalls);
    const double after = rssMb();
    std::sort(stalls.begin(), stalls.end());
    const double maxStall = stalls.isEmpty() ? 0 : stalls.last();
    const double p99 = stalls.isEmpty() ? 0 : stalls.at(int(stalls.size() * 0.99));

    struct ReportLoad
    {
        QString path;
        double mb = 0;
        double firstMs = -1; // the web engine starting with it
        double nextMs = -1;  // the engine already running (the usual case)
    };
    QList<ReportLoad> reports;
    for (const QString &html : args.mid(5)) {
        if (!QFile::exists(html)) {
            QTextStream(stderr) << "P4c: no report at " << html << "\n";
            continue;
        }
        ReportLoad r{html, QFileInfo(html).size() / 1048576.0};
        // A fresh view each time: its web engine starts with its first report.
        ReportView report;
        report.resize(1200, 800);
        report.show();
        QSignalSpy loaded(&report, &ReportView::loadFinished);
        QElapsedTimer t;
        t.start();
        report.showHtmlFile(html, QStringLiteral("bench"));
        loaded.wait(60000);
        r.firstMs = t.nsecsElapsed() / 1e6;
        if (loaded.isEmpty() || !loaded.first().first().toBool())
            QTextStream(stderr) << "P4c: the report did not load\n";
        QList<double> next;
        for (int i = 0; i < 3; ++i) {
            report.showMessage(QStringLiteral("next"));
            loaded.clear();
            loaded.wait(10000); // about:blank
            loaded.clear();
            t.restart();
            report.showHtmlFile(html, QStringLiteral("bench"));
            loaded.wait(60000);
            next << t.nsecsElapsed() / 1e6;
        }
        r.nextMs = median(next);
        reports << r;
    }

    out << QStringLiteral("P2a   %1 lines through the runner / piped into cat        %2x   "
                          "(%3 s vs %4 s)   <= 1.0\n")
               .arg(lines)
               .arg(p2a, 0, 'f', 2)
               .arg(median(runner), 0, 'f', 2)
               .arg(median(cat), 0, 'f', 2);
    out << QStringLiteral("P2b   event-loop stall while the log view takes them     max %1 ms, "
                          "p99 %2 ms   <= 50 / 16\n")
               .arg(maxStall, 0, 'f', 1)
               .arg(p99, 0, 'f', 1);
    out << QStringLiteral("P2c   memory growth of the app during P2b                 %1 MB "
                          "(RSS %2 -> %3 MB)   bounded\n")
               .arg(after - before, 0, 'f', 1)
               .arg(before, 0, 'f', 1)
               .arg(after, 0, 'f', 1);
    for (const ReportLoad &r : reports)
        out << QStringLiteral("P4c   %1 MB Scalene HTML report shown in the view         %2 ms "
                              "(first, engine starting), %3 ms (next, median of 3)   <= 1000 "
                              "for 2 MB\n")
                   .arg(r.mb, 0, 'f', 1)
                   .arg(r.firstMs, 0, 'f', 0)
                   .arg(r.nextMs, 0, 'f', 0);
    out.flush();

    QJsonArray p4cRows;
    for (const ReportLoad &r : reports)
        p4cRows.append(QJsonObject{{QStringLiteral("report"), r.path},
                                   {QStringLiteral("mb"), r.mb},
                                   {QStringLiteral("first_load_ms"), r.firstMs},
                                   {QStringLiteral("next_load_ms"), r.nextMs}});
    QFile file(args.at(2));
    QJsonObject all;
    if (file.open(QIODevice::ReadOnly))
        all = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    all.insert(QStringLiteral("streams"),
               QJsonObject{{QStringLiteral("lines"), lines},
                           {QStringLiteral("runner_s"), QJsonArray::fromVariantList(QVariantList(
                                                            runner.begin(), runner.end()))},
                           {QStringLiteral("cat_s"),
                            QJsonArray::fromVariantList(QVariantList(cat.begin(), cat.end()))},
                           {QStringLiteral("p2a_ratio"), p2a},
                           {QStringLiteral("p2b_max_stall_ms"), maxStall},
                           {QStringLiteral("p2b_p99_ms"), p99},
                           {QStringLiteral("p2c_growth_mb"), after - before},
                           {QStringLiteral("p4c_reports"), p4cRows}});
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(all).toJson());
    return 0;
}
