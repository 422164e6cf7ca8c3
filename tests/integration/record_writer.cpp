// SPDX-License-Identifier: GPL-3.0-or-later
// fperf_record_writer DIR: for tst_record_atomic. Writes two versions of a run record as
// DIR/expected-a.json and DIR/expected-b.json, prints "ready", then rewrites
// DIR/atomic-run.json with them, alternately, until it is killed.
#include "core/store/run_record.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

using namespace fperf;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fperf_record_writer DIR\n");
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    RunRecord a;
    a.label = QStringLiteral("atomic");
    a.status = RunStatus::Running;
    a.outputDir = dir.absolutePath();
    a.settings = resolveSettings({});
    a.started = QDateTime::fromString(QStringLiteral("2030-01-01T10:00:00.000"), Qt::ISODateWithMs);
    a.appPid = 1;
    // B is much larger, so that a kill often lands in the middle of writing it.
    RunRecord b = a;
    b.status = RunStatus::Cancelled;
    b.ended = a.started.addSecs(5);
    for (int i = 0; i < 3000; ++i)
        b.warnings
            << QStringLiteral("warning %1 of a long list that makes the record large").arg(i);
    const QString target = dir.filePath(QStringLiteral("atomic-run.json"));
    if (!writeRunRecord(a, dir.filePath(QStringLiteral("expected-a.json")), nullptr) ||
        !writeRunRecord(b, dir.filePath(QStringLiteral("expected-b.json")), nullptr))
        return 1;
    std::printf("ready\n");
    std::fflush(stdout);
    for (quint64 i = 0;; ++i) {
        QString error;
        if (!writeRunRecord(i % 2 ? b : a, target, &error)) {
            std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(target), qPrintable(error));
            return 1;
        }
    }
}
