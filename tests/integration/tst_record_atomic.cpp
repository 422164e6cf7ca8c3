// SPDX-License-Identifier: GPL-3.0-or-later
// A writer killed at any point leaves the old record or the new one, never a torn one.
#include "core/store/run_history.h"
#include "core/store/run_record.h"
#include "run_checks.h"
#include "test_support.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

using namespace fperf;

class RecordAtomicTest : public QObject
{
    Q_OBJECT
private slots:
    void killedWriterLeavesAWholeRecord()
    {
        const QString writer = QCoreApplication::applicationDirPath() + "/fperf_record_writer";
        QVERIFY2(QFileInfo(writer).isExecutable(), qPrintable(writer));
        QTemporaryDir dir;
        const QString target = dir.filePath("atomic-run.json");
        const quint32 seed = test::stormSeed();
        QRandomGenerator rng(seed);
        QByteArray a;
        QByteArray b;
        int seenA = 0;
        int seenB = 0;
        for (int kill = 0; kill < 200; ++kill) {
            QProcess p;
            p.start(writer, {dir.path()});
            QVERIFY(p.waitForReadyRead(10000));
            QCOMPARE(p.readLine().trimmed(), QByteArray("ready"));
            if (a.isEmpty()) {
                a = test::readAll(dir.filePath("expected-a.json")).toUtf8();
                b = test::readAll(dir.filePath("expected-b.json")).toUtf8();
                QVERIFY(a.size() > 1000 && b.size() > 10 * a.size());
            }
            // Anywhere in the first few writes, or after many.
            QThread::usleep(rng.bounded(kill % 4 == 0 ? 200000 : 20000));
            QVERIFY(::kill(pid_t(p.processId()), SIGKILL) == 0);
            QVERIFY(p.waitForFinished(5000));
            QCOMPARE(p.exitStatus(), QProcess::CrashExit);

            // Absent only before the first write ever finished.
            if (!QFile::exists(target)) {
                QCOMPARE(seenA + seenB, 0);
                continue;
            }
            const QByteArray now = test::readAll(target).toUtf8();
            QVERIFY2(now == a || now == b,
                     qPrintable(QStringLiteral("kill %1 (seed %2): a torn record of %3 bytes")
                                    .arg(kill)
                                    .arg(seed)
                                    .arg(now.size())));
            (now == a ? seenA : seenB)++;
            QString error;
            const auto record = loadRunRecord(target, &error);
            QVERIFY2(record, qPrintable(error));
            QCOMPARE(record->status, now == a ? RunStatus::Running : RunStatus::Cancelled);
        }
        qInfo("200 kills: the old or new record A %d times, B %d times", seenA, seenB);
        QVERIFY(seenA > 0 && seenB > 0);

        // QSaveFile's temporary files, if a kill left any, are not taken for records.
        QStringList stray = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        stray.removeAll("atomic-run.json");
        stray.removeAll("expected-a.json");
        stray.removeAll("expected-b.json");
        qInfo("temporary files left by the kills: %lld %s", qsizetype(stray.size()),
              qPrintable(stray.mid(0, 5).join(' ')));
        const HistoryScan scan = scanRunRecords({dir.path()});
        QCOMPARE(scan.warnings, QStringList());
        QCOMPARE(scan.runs.size(), 1);
        QCOMPARE(scan.runs.first().label, QStringLiteral("atomic"));
        // The running version is not in the history index; the finished one is.
        const bool running = loadRunRecord(target, nullptr)->status == RunStatus::Running;
        QCOMPARE(unfinishedRunRecords(dir.path()),
                 running ? QStringList{QFileInfo(target).absoluteFilePath()} : QStringList());
    }
};

QTEST_GUILESS_MAIN(RecordAtomicTest)
#include "tst_record_atomic.moc"
