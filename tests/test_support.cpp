// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

namespace fperf::test {

QString repoDir()
{
    return qEnvironmentVariable("FILARE_PERF_REPO");
}
QString venvPython()
{
    return repoDir() + QStringLiteral("/.venv/bin/python");
}
QString venv15Python()
{
    return repoDir() + QStringLiteral("/.venv-scalene15/bin/python");
}

QString oldScalenePython()
{
    return repoDir() + QStringLiteral("/.venv-scalene-old/bin/python");
}

QString filarePerfBinary()
{
    return qEnvironmentVariable("FILARE_PERF_BIN");
}
QString dataFile(const QString &name)
{
    return repoDir() + QStringLiteral("/tests/data/") + name;
}
QString sampleProject(const QString &name)
{
    return repoDir() + QStringLiteral("/resources/samples/%1/harness.yml").arg(name);
}

QProcessEnvironment cleanEnvironment(const QString &configHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("FIL_PERF_")) || key == u"FIL_CONFIG_PATH")
            env.remove(key);
    }
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    return env;
}

CliResult runCli(const QStringList &args, const QMap<QString, QString> &env, int timeoutMs,
                 const QString &cwd)
{
    QProcess p;
    QProcessEnvironment e = cleanEnvironment(QDir::tempPath() + QStringLiteral("/fperf-no-config"));
    for (auto it = env.begin(); it != env.end(); ++it) {
        if (it.value().isNull())
            e.remove(it.key());
        else
            e.insert(it.key(), it.value());
    }
    p.setProcessEnvironment(e);
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.start(filarePerfBinary(), args);
    CliResult r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

CliResult fixtureRun(const QStringList &args, const QString &logPath)
{
    CliResult r = runCli(args);
    if (r.exitCode != 0) {
        qWarning("fixture run failed (exit %d), trying once more. stderr:\n%s\nlog:\n%s",
                 r.exitCode, qPrintable(r.err.right(3000)),
                 qPrintable(readAll(logPath).right(3000)));
        QFile::rename(logPath, logPath + QStringLiteral(".failed"));
        const QString record =
            QString(logPath).replace(QStringLiteral(".log"), QStringLiteral("-run.json"));
        QFile::remove(record);
        r = runCli(args);
    }
    return r;
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace fperf::test

#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

namespace fperf::test {

RunToEnd runToEnd(const CommandSpec &spec, int timeoutMs)
{
    RunToEnd r;
    ProcessGroupRunner runner;
    QEventLoop loop;
    bool done = false;
    QObject::connect(&runner, &ProcessGroupRunner::line, [&r](OutputStream s, const QString &t) {
        (s == OutputStream::Stdout ? r.stdoutLines : r.stderrLines) << t;
    });
    QObject::connect(&runner, &ProcessGroupRunner::finished, [&](const ProcessResult &res) {
        r.result = res;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        r.timedOut = true;
        loop.quit();
    });
    runner.start(spec, QProcessEnvironment::systemEnvironment());
    if (!done)
        loop.exec();
    return r;
}

CommandSpec scaleneOnScript(const QString &script, const QString &json,
                            const QStringList &scriptArgs, const QStringList &extra)
{
    CommandSpec c;
    c.argv = QStringList{venvPython(),          "-m",  "scalene", "run", "-o", json,
                         "--cpu-sampling-rate", "0.01"} +
             extra + QStringList{script, "---"} + scriptArgs;
    c.cwd = QFileInfo(json).absolutePath();
    c.envChanges.insert("PYTHONUNBUFFERED", "1");
    return c;
}

CommandSpec scalene15OnScript(const QString &script, const QString &json)
{
    CommandSpec c;
    c.argv = QStringList{venv15Python(),
                         "-m",
                         "scalene",
                         "--cli",
                         "--json",
                         "--outfile",
                         json,
                         "--cpu-sampling-rate",
                         "0.01",
                         "--program-path",
                         QFileInfo(script).absolutePath(),
                         script};
    c.cwd = QFileInfo(json).absolutePath();
    return c;
}

QList<qint64> processesWithMarker(const QString &marker)
{
    QList<qint64> pids;
    const QByteArray needle = "FPERF_TEST_MARKER=" + marker.toUtf8();
    for (const QString &entry : QDir("/proc").entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile env("/proc/" + entry + "/environ");
        if (!env.open(QIODevice::ReadOnly) || !env.readAll().split('\0').contains(needle))
            continue;
        QFile stat("/proc/" + entry + "/stat");
        if (stat.open(QIODevice::ReadOnly)) {
            const QByteArray s = stat.readAll();
            if (s.mid(s.lastIndexOf(')') + 2, 1) == "Z")
                continue;
        }
        pids << pid;
    }
    return pids;
}

QStringList largeSample()
{
    const QDir dir(repoDir() + "/resources/samples/large");
    QStringList files;
    for (const QString &f : dir.entryList({"*.yml"}, QDir::Files, QDir::Name))
        files << dir.filePath(f);
    return files;
}
void removeRunFiles(const QString &outputDir, const QString &label)
{
    const QFileInfoList files = QDir(outputDir).entryInfoList(
        {label + QStringLiteral("*")}, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &f : files) {
        if (f.isDir())
            QDir(f.absoluteFilePath()).removeRecursively();
        else
            QFile::remove(f.absoluteFilePath());
    }
}

} // namespace fperf::test
