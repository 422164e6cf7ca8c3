// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_estimate.h"
#include "core/store/run_record.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

namespace {
void writeRecord(const QString &dir, const QString &label, RunStatus status, double seconds,
                 const QString &project, const PerformanceSettings &settings)
{
    RunRecord r;
    r.label = label;
    r.status = status;
    r.projectFiles = {project};
    r.durationSec = seconds;
    r.started = QDateTime::currentDateTime();
    r.settings = resolveSettings({});
    r.settings.values = settings;
    QVERIFY(writeRunRecord(r, dir + "/" + label + "-run.json", nullptr));
}
} // namespace

class RunEstimateTest : public QObject
{
    Q_OBJECT
private slots:
    void medianOfMatchingSucceededRuns()
    {
        QTemporaryDir dir;
        PerformanceSettings s;
        QVERIFY(!estimateRunSeconds(dir.path(), {"/p/a.yml"}, s));
        writeRecord(dir.path(), "a", RunStatus::Succeeded, 10, "/p/a.yml", s);
        writeRecord(dir.path(), "b", RunStatus::Succeeded, 30, "/p/a.yml", s);
        writeRecord(dir.path(), "c", RunStatus::Succeeded, 20, "/p/a.yml", s);
        writeRecord(dir.path(), "failed", RunStatus::Failed, 1, "/p/a.yml", s);
        writeRecord(dir.path(), "other-project", RunStatus::Succeeded, 99, "/p/b.yml", s);
        PerformanceSettings cpuOnly = s;
        cpuOnly.scalene.memory = false;
        writeRecord(dir.path(), "other-settings", RunStatus::Succeeded, 2, "/p/a.yml", cpuOnly);
        QFile junk(dir.filePath("junk-run.json"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("{not json");
        junk.close();

        QCOMPARE(estimateRunSeconds(dir.path(), {"/p/a.yml"}, s).value_or(-1), 20.0);
        QCOMPARE(estimateRunSeconds(dir.path(), {"/p/a.yml"}, cpuOnly).value_or(-1), 2.0);
        // The label and the output folder do not change what is measured.
        PerformanceSettings labelled = s;
        labelled.runLabel = "x";
        QCOMPARE(estimateRunSeconds(dir.path(), {"/p/a.yml"}, labelled).value_or(-1), 20.0);
        QVERIFY(!estimateRunSeconds(dir.path(), {"/p/c.yml"}, s));
    }
};

QTEST_GUILESS_MAIN(RunEstimateTest)
#include "tst_run_estimate.moc"
