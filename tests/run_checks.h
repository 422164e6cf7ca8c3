// SPDX-License-Identifier: GPL-3.0-or-later
// Checks shared by the cancel storms (core and window): random stop moments, leftover
// processes, whole and final run records.
#pragma once

#include "core/session/run_preparation.h"

#include <QList>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace fperf::test {

enum class StopMoment
{
    WhileStarting,   // from a slot of stateChanged(Starting): before any command exists
    RightAfterStart, // the group was just forked (the guardian may not have run yet)
    ScaleneStartup,  // 20-800 ms in: Scalene starting, re-executing itself
    Anytime,         // 0-3 s in: Scalene, Filare starting, Filare parsing
    WhileDotRuns     // as soon as Graphviz `dot` is seen, plus 0-150 ms
};
QString stopMomentName(StopMoment moment);

struct StopPlan
{
    StopMoment moment;
    int delayMs = 0;
    bool html = false; // HTML report instead of text: a scratch folder to clean up
};

// FPERF_STORM_SEED, or a fresh one; printed so a failure can be replayed.
quint32 stormSeed();
// `cycles` stops with every moment present, shuffled by the seed.
QList<StopPlan> stormPlan(quint32 seed, int cycles);

// Live processes carrying FPERF_TEST_MARKER=marker whose name is `comm` (e.g. "dot").
QList<qint64> markedProcessesNamed(const QString &marker, const QByteArray &comm);

// Empty when the record is whole and final (never "running"), and the files it lists exist,
// the others are absent, as its status says: a cancelled run has no text or HTML report.
QString finalRecordProblem(const QString &recordPath);

// Files of the output folder that belong to none of the labels' runs (scratch folders,
// temporary files), as a list; the history index is allowed.
QStringList strayFiles(const QString &outputDir, const QStringList &labels);

// `filare-perf run` on the large sample (output in DIR/out, config in DIR/config), its
// processes marked; true once Filare has started (it then works quietly for many seconds).
bool startLargeRun(QProcess &app, const QString &dir, const QString &marker, const QString &label);
// The same on other project files: true once Filare has read its input ("Input file:").
bool startRun(QProcess &app, const QString &dir, const QString &marker, const QString &label,
              const QStringList &projects);

// The app and its guardian both SIGKILLed mid-run (the guardian first held with SIGSTOP so it
// cannot end the group when the app's pipe closes): the run's group is left alive, orphaned.
// Returns the group's id, or 0 and why.
qint64 orphanRunGroup(QProcess &app, const QString &recordPath, const QString &marker,
                      QString *why);

// Fake keys under the names of real credentials: no file a run writes may hold one.
QMap<QString, QString> plantedSecrets();
// Files under root (hidden ones and subfolders included) holding any of the values; *read
// counts the files read.
QStringList filesContaining(const QString &root, const QStringList &values, int *read = nullptr);

// A plain run of tests/data/print_lines.py printing `lines` lines, label "stream", in dir.
PreparedRun printerRun(const QString &dir, int lines);
// The line print_lines.py prints as number i.
QString printedLine(int i);
// This process's resident memory in MB: "VmRSS" now, or "VmHWM" the peak since
// resetPeakResident() (if the kernel allows the reset).
double residentMb(const char *field = "VmRSS");
void resetPeakResident();

// The process's resident memory from construction to stop(): sampled every 10 ms while the
// event loop runs, and the kernel's high-water mark at the end.
class ResidentPeak
{
public:
    ResidentPeak();
    void stop();
    double before() const { return m_before; }
    double peak() const { return m_peak; }

private:
    double m_before = 0;
    double m_peak = 0;
    QTimer m_sampler;
};

} // namespace fperf::test
