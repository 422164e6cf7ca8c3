// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace fperf::test {

QString repoDir();
QString venvPython();       // <repo>/.venv/bin/python: the real tools
QString venv15Python();     // <repo>/.venv-scalene15/bin/python: Debian's Scalene 1.5.16, Filare
QString oldScalenePython(); // <repo>/.venv-scalene-old/bin/python: Scalene 1.3.12, too old
QString filarePerfBinary(); // the built CLI
QString dataFile(const QString &name);      // tests/data/<name>
QString sampleProject(const QString &name); // resources/samples/<name>/harness.yml

struct CliResult
{
    int exitCode = -1;
    bool finished = false;
    QString out;
    QString err;
};

// Runs filare-perf with the given environment changes (empty value: removed).
CliResult runCli(const QStringList &args, const QMap<QString, QString> &env = {},
                 int timeoutMs = 600000, const QString &cwd = {});

// A fixture run of filare-perf that later tests build on. A failed attempt is reported with its
// log (qWarning) and tried once more: the fixture is not what those tests check.
CliResult fixtureRun(const QStringList &args, const QString &logPath);

// Environment for children that must not see the developer's own settings.
QProcessEnvironment cleanEnvironment(const QString &configHome);

QString readAll(const QString &path);

// Removes a run's files (LABEL-run.json, LABEL.log, LABEL-filare/, ...) from its folder, so a
// run with the same label can start again.
void removeRunFiles(const QString &outputDir, const QString &label);

} // namespace fperf::test

#include "core/process/process_group_runner.h"

namespace fperf::test {
// Runs one command through the real ProcessGroupRunner and waits for its end.
struct RunToEnd
{
    ProcessResult result;
    QStringList stdoutLines;
    QStringList stderrLines;
    bool timedOut = false;
};
RunToEnd runToEnd(const CommandSpec &spec, int timeoutMs = 120000);

// python -m scalene run -o JSON [extra] SCRIPT --- ARGS, from the repository's .venv.
CommandSpec scaleneOnScript(const QString &script, const QString &json,
                            const QStringList &scriptArgs, const QStringList &extra = {});

// The same under Debian's Scalene 1.5.16 (<repo>/.venv-scalene15), in its own syntax:
// --cli --json --outfile JSON, and --program-path (1.5.x profiles the code under the working
// directory unless told where it is). Runs in json's folder.
CommandSpec scalene15OnScript(const QString &script, const QString &json);

// Every live process whose environment holds FPERF_TEST_MARKER=marker: a whole run, however
// deep (Scalene's re-executed child, Filare, Graphviz dot).
QList<qint64> processesWithMarker(const QString &marker);

// The four files of the large sample.
QStringList largeSample();
} // namespace fperf::test
