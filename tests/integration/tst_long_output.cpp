// SPDX-License-Identifier: GPL-3.0-or-later
// A child that prints a million lines: the app's memory stays bounded and the log is whole.
#include "core/run/run_controller.h"
#include "run_checks.h"
#include "test_support.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace fperf;

namespace {
constexpr int kLines = 1000000;
// The lines alone are about 80 MB (160 MB as QString): keeping them would show.
constexpr double kMaxGrowthMb = 150;
} // namespace

class LongOutputTest : public QObject
{
    Q_OBJECT
private slots:
    void millionLinesKeepMemoryBoundedAndTheLogWhole()
    {
        QTemporaryDir dir;
        const PreparedRun run = test::printerRun(dir.path(), kLines);
        RunController controller;
        qint64 received = 0;
        qint64 outOfOrder = 0;
        connect(&controller, &RunController::outputLine, this,
                [&](OutputStream s, const QString &text) {
                    if (s != OutputStream::Stdout)
                        return;
                    // Cheap: the number only; the log file is compared in full below.
                    if (QStringView(text).mid(5, 7).toInt() != received)
                        ++outOfOrder;
                    ++received;
                });
        QSignalSpy finished(&controller, &RunController::runFinished);
        test::ResidentPeak memory;
        QVERIFY(controller.start(run));
        QVERIFY(finished.wait(600000));
        memory.stop();
        const double before = memory.before();
        const double peak = memory.peak();
        qInfo("resident memory: %.1f MB before, %.1f MB at the peak (%.1f MB growth)", before, peak,
              peak - before);

        QCOMPARE(controller.state(), RunController::State::Finished);
        QCOMPARE(received, qint64(kLines));
        QCOMPARE(outOfOrder, qint64(0));
        QVERIFY2(peak - before < kMaxGrowthMb,
                 qPrintable(QStringLiteral("grew by %1 MB").arg(peak - before)));

        // The log holds every line, whole and in order, between our own "$"/"#" notes.
        QFile log(run.plan.paths.log);
        QVERIFY(log.open(QIODevice::ReadOnly));
        int printed = 0;
        QStringList notes;
        while (!log.atEnd()) {
            const QByteArray raw = log.readLine();
            QVERIFY2(raw.endsWith('\n'), "a line without its end");
            const QString line = QString::fromUtf8(raw.chopped(1));
            if (line.startsWith(u'$') || line.startsWith(u'#')) {
                notes << line;
                continue;
            }
            if (line != test::printedLine(printed))
                QFAIL(qPrintable(QStringLiteral("log line %1 is \"%2\", expected \"%3\"")
                                     .arg(printed)
                                     .arg(line, test::printedLine(printed))));
            ++printed;
        }
        QCOMPARE(printed, kLines);
        QCOMPARE(notes.size(), 2); // the command, and how it ended
        QVERIFY(notes.last().contains("exit code 0"));
    }
};

QTEST_GUILESS_MAIN(LongOutputTest)
#include "tst_long_output.moc"
