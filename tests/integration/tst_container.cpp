// SPDX-License-Identifier: GPL-3.0-or-later
// Container mode on the real engine and the real perf image (scripts/build-perf-image): the
// small sample profiled in a container, a mounted Filare tree, cancel and a killed app leaving
// no container, and a missing image or engine refused with the fix.
//
// Without the image these tests skip, saying how to build it, unless FPERF_REQUIRE_CONTAINER
// is set (CI builds the image first and sets it): then a missing image fails.
#include "core/profile/scalene_profile_reader.h"
#include "core/store/run_record_codec.h"
#include "run_checks.h"
#include "test_support.h"

#include <QtTest>

#include <csignal>

using namespace fperf;
using namespace fperf::test;

namespace {
const QString kImage = QStringLiteral("localhost/filare-perf-tools:latest");

QString engine()
{
    return QStandardPaths::findExecutable(QStringLiteral("podman"));
}

// The names of the containers (running or not) whose name holds `part`.
QStringList containersNamed(const QString &part)
{
    QProcess p;
    p.start(engine(), {QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--format"),
                       QStringLiteral("{{.Names}}")});
    p.waitForFinished(30000);
    QStringList out;
    for (const QString &n : QString::fromUtf8(p.readAllStandardOutput()).split(u'\n'))
        if (n.contains(part))
            out << n.trimmed();
    return out;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (done())
            return true;
        QTest::qWait(200);
    }
    return done();
}

QStringList namesIn(const QString &dir)
{
    QStringList names =
        QDir(dir).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    names.removeAll(QStringLiteral(".history-index.cbor"));
    return names;
}
} // namespace

class ContainerTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;
    QString m_packageCopy; // the image's Filare, copied out by the check

    QMap<QString, QString> containerEnv(const QString &image = kImage) const
    {
        return {{QStringLiteral("FIL_PERF_CONTAINER_IMAGE"), image},
                {QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config"))},
                {QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("cache"))}};
    }

    // The same, for a filare-perf started with QProcess.
    QProcessEnvironment containerProcessEnv() const
    {
        QProcessEnvironment env = cleanEnvironment(m_dir.filePath(QStringLiteral("config")));
        for (auto [k, v] : containerEnv().asKeyValueRange())
            env.insert(k, v);
        return env;
    }

    // Runs filare-perf in the background on the large sample in a container; true once the
    // container is up and Filare has read its input.
    bool startContainerRun(QProcess &app, const QString &label, QString *token)
    {
        const QProcessEnvironment env = containerProcessEnv();
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::MergedChannels);
        const QString out = m_dir.filePath(QStringLiteral("out"));
        app.start(filarePerfBinary(),
                  QStringList{QStringLiteral("run"), QStringLiteral("--no-memory"),
                              QStringLiteral("--output-dir"), out, QStringLiteral("--run-label"),
                              label} +
                      largeSample());
        if (!app.waitForStarted())
            return false;
        const bool started = waitUntil(
            [&app] {
                return app.state() != QProcess::Running ||
                       QString::fromUtf8(app.peek(1 << 20)).contains(QStringLiteral("Input file:"));
            },
            120000);
        const auto record = loadRunRecord(runPaths(out, label).record, nullptr);
        if (!started || app.state() != QProcess::Running || !record) {
            qWarning("the run did not start: %s", app.readAll().right(3000).constData());
            return false;
        }
        *token = record->runToken;
        return !containersNamed(*token).isEmpty();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const bool required = !qEnvironmentVariableIsEmpty("FPERF_REQUIRE_CONTAINER");
        QProcess inspect;
        if (!engine().isEmpty()) {
            inspect.start(engine(), {QStringLiteral("inspect"), QStringLiteral("--type"),
                                     QStringLiteral("image"), kImage});
            inspect.waitForFinished(30000);
        }
        if (engine().isEmpty() || inspect.exitCode() != 0) {
            const QByteArray why = "no podman or no " + kImage.toUtf8() +
                                   ": build it with scripts/build-perf-image (after apt-get "
                                   "install podman runc mmdebstrap)";
            if (required)
                QFAIL(why.constData());
            QSKIP(why.constData());
        }
        QDir(m_dir.path()).mkpath(QStringLiteral("proj"));
        QFile::copy(sampleProject(QStringLiteral("small")),
                    m_dir.filePath(QStringLiteral("proj/harness.yml")));
        m_project = m_dir.filePath(QStringLiteral("proj/harness.yml"));
    }

    // The same files as a local run, where a local run puts them, and a record naming the
    // engine and the image.
    void smallSampleAsLocally()
    {
        const QString out = m_dir.filePath(QStringLiteral("proj/outputs/perf"));
        const CliResult local =
            runCli({QStringLiteral("run"), QStringLiteral("--no-memory"),
                    QStringLiteral("--run-label"), QStringLiteral("here"), m_project},
                   {{QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config"))}});
        QVERIFY2(local.exitCode == 0, qPrintable(local.err.right(3000)));
        const CliResult inside =
            runCli({QStringLiteral("run"), QStringLiteral("--no-memory"),
                    QStringLiteral("--run-label"), QStringLiteral("boxed"), m_project},
                   containerEnv());
        QVERIFY2(inside.exitCode == 0, qPrintable(inside.err.right(3000)));

        QStringList localFiles = namesIn(out).filter(QStringLiteral("here"));
        localFiles.replaceInStrings(QStringLiteral("here"), QStringLiteral("boxed"));
        QCOMPARE(namesIn(out).filter(QStringLiteral("boxed")), localFiles);
        QCOMPARE(namesIn(out + QStringLiteral("/boxed-filare")),
                 namesIn(out + QStringLiteral("/here-filare")));

        QString error;
        const auto r = loadRunRecord(out + QStringLiteral("/boxed-run.json"), &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->status, RunStatus::Succeeded);
        QVERIFY(r->container);
        QCOMPARE(r->container->image, kImage);
        QVERIFY(r->container->imageId.size() >= 12);
        QCOMPARE(r->container->engine, ContainerEngine::Podman);
        QVERIFY(!r->container->engineVersion.isEmpty());
        QCOMPARE(r->commands.first().spec.argv.first(), engine());
        QVERIFY(r->commands.first().spec.argv.contains(kImage));
        QCOMPARE(r->interpreter, QStringLiteral("/opt/perf/bin/python"));
        // The files are the user's, and the profile's paths read as on the host: Filare's
        // outputs are where the record says.
        QCOMPARE(QFileInfo(r->paths.json).ownerId(), ::getuid());
        QVERIFY(r->profile.usable());
        QVERIFY(!r->profile.topCpu.isEmpty());
        QVERIFY(QFileInfo(r->container->packageCopy + QStringLiteral("/__init__.py")).isFile());
        m_packageCopy = r->container->packageCopy;
        QVERIFY(containersNamed(r->runToken).isEmpty());
    }

    // FIL_PERF_CONTAINER_FILARE_SOURCE: the mounted tree is what runs.
    void mountedFilareTreeRuns()
    {
        if (m_packageCopy.isEmpty())
            QSKIP("needs smallSampleAsLocally's copy of the image's Filare");
        const QString tree = m_dir.filePath(QStringLiteral("filare-src"));
        QVERIFY(QDir().mkpath(tree + QStringLiteral("/src")));
        QVERIFY(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), m_packageCopy,
                                                         tree + QStringLiteral("/src/")}) == 0);
        // The marker: a loop that only this tree has, long enough to be sampled.
        QFile init(tree + QStringLiteral("/src/filare/__init__.py"));
        QVERIFY(init.open(QIODevice::Append));
        init.write("\ndef _fperf_planted_marker():\n"
                   "    total = 0\n"
                   "    for i in range(6000000):\n"
                   "        total += i * i\n"
                   "    return total\n"
                   "_fperf_planted_marker()\n");
        init.close();
        QMap<QString, QString> env = containerEnv();
        env.insert(QStringLiteral("FIL_PERF_CONTAINER_FILARE_SOURCE"), tree);
        const CliResult check = runCli({QStringLiteral("check"), m_project}, env);
        QVERIFY2(check.out.contains(QStringLiteral("the mounted tree")), qPrintable(check.out));
        const CliResult run =
            runCli({QStringLiteral("run"), QStringLiteral("--no-memory"),
                    QStringLiteral("--run-label"), QStringLiteral("tree"), m_project},
                   env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
        const QString json = m_dir.filePath(QStringLiteral("proj/outputs/perf/tree-scalene.json"));
        const ScaleneProfileRead read = readScaleneProfile(json);
        QVERIFY(read.usable());
        bool sawMarker = false;
        for (const FileProfile &f : read.profile.files) {
            QVERIFY2(!f.path.startsWith(QStringLiteral("/opt/perf")), qPrintable(f.path));
            if (f.path == tree + QStringLiteral("/src/filare/__init__.py")) {
                for (const LineProfile &l : f.lines)
                    sawMarker = sawMarker || (l.text.contains(QStringLiteral("total += i * i")) &&
                                              l.cpuPython + l.cpuNative > 0);
            }
        }
        QVERIFY2(sawMarker, "the planted loop of the mounted tree is not in the profile");
    }

    // Stop: SIGINT reaches the container through the engine's client; nothing is left.
    void cancelLeavesNoContainer()
    {
        QProcess app;
        QString token;
        QVERIFY(startContainerRun(app, QStringLiteral("stopped"), &token));
        ::kill(pid_t(app.processId()), SIGINT);
        QVERIFY(app.waitForFinished(60000));
        QVERIFY(waitUntil([&token] { return containersNamed(token).isEmpty(); }, 20000));
        const QString record = m_dir.filePath(QStringLiteral("out/stopped-run.json"));
        QCOMPARE(loadRunRecord(record, nullptr)->status, RunStatus::Cancelled);
        QCOMPARE(finalRecordProblem(record), QString());
    }

    // Stops at random moments (before the container exists, as it starts, while Filare runs):
    // never a container left, never a record left running.
    void cancelStormLeavesNoContainer()
    {
        const quint32 seed = stormSeed();
        QRandomGenerator random(seed);
        qInfo("storm seed %u (FPERF_STORM_SEED replays it)", seed);
        const QString out = m_dir.filePath(QStringLiteral("storm"));
        const QProcessEnvironment env = containerProcessEnv();
        for (int cycle = 0; cycle < 5; ++cycle) {
            const int delayMs = cycle == 0 ? 0 : int(random.bounded(200, 6000));
            const QString label = QStringLiteral("storm%1").arg(cycle);
            QProcess app;
            app.setProcessEnvironment(env);
            app.setProcessChannelMode(QProcess::MergedChannels);
            app.start(filarePerfBinary(), {QStringLiteral("run"), QStringLiteral("--no-memory"),
                                           QStringLiteral("--output-dir"), out,
                                           QStringLiteral("--run-label"), label, m_project});
            QVERIFY(app.waitForStarted());
            QTest::qWait(delayMs);
            ::kill(pid_t(app.processId()), SIGINT);
            QVERIFY2(app.waitForFinished(60000), qPrintable(label));
            QVERIFY2(waitUntil([] { return containersNamed(QStringLiteral("fperf-")).isEmpty(); },
                               20000),
                     qPrintable(QStringLiteral("%1 (stopped after %2 ms): %3")
                                    .arg(label)
                                    .arg(delayMs)
                                    .arg(containersNamed(QStringLiteral("fperf-")).join(u' '))));
            const QString record = runPaths(out, label).record;
            if (QFile::exists(record))
                QVERIFY2(finalRecordProblem(record).isEmpty(),
                         qPrintable(label + u' ' + finalRecordProblem(record)));
        }
    }

    // The app killed: its guardian removes the container (killing the engine's client does
    // not stop it), and the next start marks the run interrupted.
    void killedAppLeavesNoContainer()
    {
        QProcess app;
        QString token;
        QVERIFY(startContainerRun(app, QStringLiteral("killed"), &token));
        ::kill(pid_t(app.processId()), SIGKILL);
        QVERIFY(app.waitForFinished(10000));
        QVERIFY2(waitUntil([&token] { return containersNamed(token).isEmpty(); }, 30000),
                 qPrintable(containersNamed(token).join(u' ')));
        const QString record = m_dir.filePath(QStringLiteral("out/killed-run.json"));
        const CliResult again =
            runCli({QStringLiteral("run"), QStringLiteral("--output-dir"),
                    m_dir.filePath(QStringLiteral("out")), QStringLiteral("--run-label"),
                    QStringLiteral("killed"), m_project},
                   containerEnv());
        Q_UNUSED(again); // the label is taken; what counts is the recovery on the way
        QCOMPARE(loadRunRecord(record, nullptr)->status, RunStatus::Interrupted);
    }

    // The app and its guardian both killed (the guardian held first, so it cannot clean up):
    // the container runs on, and the next filare-perf (here `history`) removes it.
    void staleRunRecoveryRemovesTheContainer()
    {
        QProcess app;
        QString token;
        QVERIFY(startContainerRun(app, QStringLiteral("orphan"), &token));
        const QString record = m_dir.filePath(QStringLiteral("out/orphan-run.json"));
        const qint64 guardian = loadRunRecord(record, nullptr)->processGroup;
        QVERIFY(guardian > 0);
        QCOMPARE(::kill(pid_t(guardian), SIGSTOP), 0);
        QCOMPARE(::kill(pid_t(app.processId()), SIGKILL), 0);
        QVERIFY(app.waitForFinished(5000));
        QCOMPARE(::kill(pid_t(guardian), SIGKILL), 0);
        QTest::qWait(1000);
        QVERIFY2(!containersNamed(token).isEmpty(), "the container should outlive both");

        const CliResult history = runCli({QStringLiteral("history"), QStringLiteral("--output-dir"),
                                          m_dir.filePath(QStringLiteral("out"))},
                                         containerEnv());
        QVERIFY2(history.exitCode == 0, qPrintable(history.err));
        QVERIFY2(containersNamed(token).isEmpty(), qPrintable(containersNamed(token).join(u' ')));
        const auto r = loadRunRecord(record, nullptr);
        QCOMPARE(r->status, RunStatus::Interrupted);
        QVERIFY2(r->warnings.join(u'\n').contains(QStringLiteral("container was still running")),
                 qPrintable(r->warnings.join(u'\n')));
    }

    // A failed test must not leave its containers to the next one.
    void cleanup()
    {
        for (const QString &name : containersNamed(QStringLiteral("fperf-")))
            QProcess::execute(engine(), {QStringLiteral("rm"), QStringLiteral("-f"),
                                         QStringLiteral("--time"), QStringLiteral("0"), name});
    }

    void missingImageOrEngine_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("engineSetting");
        QTest::addColumn<QString>("says");
        QTest::newRow("no such image") << "localhost/no-such-perf-image:1"
                                       << ""
                                       << "scripts/build-perf-image";
        QTest::newRow("no such engine") << kImage << "docker"
                                        << "is not on PATH";
    }
    void missingImageOrEngine()
    {
        QFETCH(QString, image);
        QFETCH(QString, engineSetting);
        QFETCH(QString, says);
        QMap<QString, QString> env = containerEnv(image);
        env.insert(QStringLiteral("FIL_PERF_CONTAINER_ENGINE"), engineSetting);
        // Only podman's folder and the system's: no docker anywhere.
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin:/usr/sbin:/sbin"));
        if (!QStandardPaths::findExecutable(QStringLiteral("docker"), {"/usr/bin", "/bin"})
                 .isEmpty())
            QSKIP("docker is installed here");
        const CliResult r = runCli({QStringLiteral("run"), QStringLiteral("--run-label"),
                                    QStringLiteral("refused"), m_project},
                                   env);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QVERIFY(
            !QFile::exists(m_dir.filePath(QStringLiteral("proj/outputs/perf/refused-run.json"))));
    }
};

QTEST_GUILESS_MAIN(ContainerTest)
#include "tst_container.moc"
