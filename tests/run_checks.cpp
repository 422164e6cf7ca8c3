// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_checks.h"

#include "core/store/run_record.h"
#include "test_support.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <QTest>

#include <algorithm>
#include <csignal>

namespace fperf::test {

QString stopMomentName(StopMoment moment)
{
    switch (moment) {
    case StopMoment::WhileStarting:
        return QStringLiteral("while starting");
    case StopMoment::RightAfterStart:
        return QStringLiteral("right after start");
    case StopMoment::ScaleneStartup:
        return QStringLiteral("during Scalene's start-up");
    case StopMoment::Anytime:
        return QStringLiteral("at a random moment");
    case StopMoment::WhileDotRuns:
        return QStringLiteral("while dot runs");
    }
    return {};
}

quint32 stormSeed()
{
    bool ok = false;
    quint32 seed = qEnvironmentVariable("FPERF_STORM_SEED").toUInt(&ok);
    if (!ok)
        seed = QRandomGenerator::global()->generate();
    qInfo("random seed: %u (FPERF_STORM_SEED=%u replays it)", seed, seed);
    return seed;
}

QList<StopPlan> stormPlan(quint32 seed, int cycles)
{
    QRandomGenerator rng(seed);
    // Waiting for dot costs a whole Filare start each time: a few of those are enough.
    const QList<QPair<StopMoment, int>> weights{{StopMoment::WhileStarting, 6},
                                                {StopMoment::RightAfterStart, 6},
                                                {StopMoment::ScaleneStartup, 12},
                                                {StopMoment::Anytime, 20},
                                                {StopMoment::WhileDotRuns, 6}};
    QList<StopPlan> plan;
    for (int i = 0; i < cycles; ++i) {
        // Round-robin over the weighted list so that even a short storm has every moment.
        StopMoment m = StopMoment::Anytime;
        int slot = i % 50;
        for (const auto &[moment, weight] : weights) {
            if (slot < weight) {
                m = moment;
                break;
            }
            slot -= weight;
        }
        StopPlan p{m, 0, rng.bounded(2) == 1};
        if (m == StopMoment::ScaleneStartup)
            p.delayMs = 20 + int(rng.bounded(780));
        else if (m == StopMoment::Anytime)
            p.delayMs = int(rng.bounded(3001));
        else if (m == StopMoment::WhileDotRuns)
            p.delayMs = int(rng.bounded(151));
        plan << p;
    }
    std::shuffle(plan.begin(), plan.end(), rng);
    return plan;
}

QList<qint64> markedProcessesNamed(const QString &marker, const QByteArray &comm)
{
    QList<qint64> out;
    for (qint64 pid : processesWithMarker(marker)) {
        QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
        if (f.open(QIODevice::ReadOnly) && f.readAll().trimmed() == comm)
            out << pid;
    }
    return out;
}

QString finalRecordProblem(const QString &recordPath)
{
    QString error;
    const auto record = loadRunRecord(recordPath, &error);
    if (!record)
        return QStringLiteral("%1 does not load: %2").arg(recordPath, error);
    const QJsonObject o = QJsonDocument::fromJson(readAll(recordPath).toUtf8()).object();
    const QString status = runStatusName(record->status);
    if (record->status == RunStatus::Running || record->status == RunStatus::Interrupted)
        return QStringLiteral("%1 is not final: %2").arg(recordPath, status);
    if (!record->ended.isValid() || record->ended < record->started)
        return QStringLiteral("%1 (%2) has no valid end time").arg(recordPath, status);
    if (!o.value(QStringLiteral("process_group")).isNull())
        return QStringLiteral("%1 (%2) still names a process group").arg(recordPath, status);
    const RunPaths &p = record->paths;
    if (!QFile::exists(p.log))
        return QStringLiteral("%1: the log %2 is missing").arg(recordPath, p.log);
    const QJsonObject reports = o.value(QStringLiteral("reports")).toObject();
    for (const auto &[key, path] : {std::pair<QString, QString>{QStringLiteral("json"), p.json},
                                    {QStringLiteral("text"), p.text},
                                    {QStringLiteral("html"), p.html}}) {
        if (reports.contains(key) != QFile::exists(path))
            return QStringLiteral("%1 (%2): reports.%3 is %4 but %5 %6")
                .arg(recordPath, status, key,
                     reports.contains(key) ? QStringLiteral("listed") : QStringLiteral("absent"),
                     path,
                     QFile::exists(path) ? QStringLiteral("exists")
                                         : QStringLiteral("does not exist"));
    }
    if (QFileInfo::exists(p.viewScratch))
        return QStringLiteral("%1: the scratch folder %2 was left").arg(recordPath, p.viewScratch);
    const bool html = record->settings.values.scalene.html;
    const QString report = html ? p.html : p.text;
    const QString other = html ? p.text : p.html;
    if (QFile::exists(other))
        return QStringLiteral("%1: %2 was written, but the run asked for the other report")
            .arg(recordPath, other);
    switch (record->status) {
    case RunStatus::Cancelled:
        // A partial report never looks complete.
        if (QFile::exists(report))
            return QStringLiteral("%1 is cancelled but has the report %2").arg(recordPath, report);
        break;
    case RunStatus::Succeeded:
        if (record->profile.state != ProfileState::Valid || !QFile::exists(p.json))
            return QStringLiteral("%1 succeeded without a valid profile").arg(recordPath);
        if (!QFile::exists(report) &&
            !record->warnings.join(u'\n').contains(QStringLiteral("Stopped before the report")))
            return QStringLiteral("%1 succeeded without its report %2 and says nothing about it")
                .arg(recordPath, report);
        break;
    default:
        break;
    }
    for (const ExecutedCommand &c : record->commands) {
        if (c.spec.argv.isEmpty())
            return QStringLiteral("%1: a command without argv").arg(recordPath);
    }
    return {};
}

QStringList strayFiles(const QString &outputDir, const QStringList &labels)
{
    QStringList stray;
    const QDir dir(outputDir);
    for (const QFileInfo &info :
         dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QString name = info.fileName();
        if (name == u".filare-perf-history.cbor")
            continue;
        bool known = false;
        for (const QString &label : labels) {
            const RunPaths p = runPaths(outputDir, label);
            for (const QString &path : {p.record, p.log, p.json, p.html, p.text, p.filareOut})
                known = known || info.absoluteFilePath() == QFileInfo(path).absoluteFilePath();
        }
        if (!known)
            stray << name;
    }
    return stray;
}

bool startLargeRun(QProcess &app, const QString &dir, const QString &marker, const QString &label)
{
    return startRun(app, dir, marker, label, largeSample());
}

bool startRun(QProcess &app, const QString &dir, const QString &marker, const QString &label,
              const QStringList &projects)
{
    QProcessEnvironment env = cleanEnvironment(dir + QStringLiteral("/config"));
    env.insert(QStringLiteral("FPERF_TEST_MARKER"), marker);
    app.setProcessEnvironment(env);
    // Scalene now and then dies of SIGSEGV as it starts on a loaded machine (exit 245): that
    // run is not what the caller tests, so it is reported, its files removed, and run again.
    for (int attempt = 1; attempt <= 2; ++attempt) {
        app.start(filarePerfBinary(),
                  QStringList{QStringLiteral("run"), QStringLiteral("--output-dir"),
                              dir + QStringLiteral("/out"), QStringLiteral("--run-label"), label} +
                      projects);
        if (!app.waitForStarted())
            return false;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 60000 && app.state() == QProcess::Running) {
            if (QString::fromUtf8(app.peek(1 << 20)).contains(QStringLiteral("Input file:")))
                return true;
            QTest::qWait(20);
        }
        const QByteArray said = app.readAll();
        qWarning("the run did not start: %s", said.right(3000).constData());
        if (attempt == 2 || !said.contains("received signal SIGSEGV") ||
            app.state() != QProcess::NotRunning)
            return false;
        qWarning("Scalene crashed as it started; trying once more");
        removeRunFiles(dir + QStringLiteral("/out"), label);
    }
    return false;
}

qint64 orphanRunGroup(QProcess &app, const QString &recordPath, const QString &marker, QString *why)
{
    const auto fail = [why](const QString &text) {
        *why = text;
        return qint64(0);
    };
    const QJsonObject group = QJsonDocument::fromJson(readAll(recordPath).toUtf8())
                                  .object()
                                  .value(QStringLiteral("process_group"))
                                  .toObject();
    const qint64 pgid = group.value(QStringLiteral("pgid")).toInteger();
    if (pgid <= 0)
        return fail(QStringLiteral("the record names no process group"));
    if (!processesWithMarker(marker).contains(pgid))
        return fail(QStringLiteral("the recorded group leader %1 is not the run's").arg(pgid));
    if (::kill(pid_t(pgid), SIGSTOP) != 0 || ::kill(pid_t(app.processId()), SIGKILL) != 0 ||
        !app.waitForFinished(5000) || ::kill(pid_t(pgid), SIGKILL) != 0)
        return fail(QStringLiteral("could not kill the app and its guardian"));
    // Filare is quiet for many seconds after "Input file:": nothing dies of a closed pipe.
    QTest::qWait(500);
    const QList<qint64> left = processesWithMarker(marker);
    if (left.size() < 2 || left.contains(pgid))
        return fail(QStringLiteral("Scalene and Filare should outlive their guardian; left: %1")
                        .arg(left.size()));
    return pgid;
}

QMap<QString, QString> plantedSecrets()
{
    QMap<QString, QString> secrets;
    for (const char *name : {"OPENAI_API_KEY",
                             "ANTHROPIC_API_KEY",
                             "GEMINI_API_KEY",
                             "GOOGLE_API_KEY",
                             "AZURE_OPENAI_API_KEY",
                             "MISTRAL_API_KEY",
                             "GROQ_API_KEY",
                             "OPENROUTER_API_KEY",
                             "COHERE_API_KEY",
                             "REPLICATE_API_TOKEN",
                             "HF_TOKEN",
                             "HUGGING_FACE_HUB_TOKEN",
                             "GITHUB_TOKEN",
                             "GH_TOKEN",
                             "NPM_TOKEN",
                             "SLACK_BOT_TOKEN",
                             "AWS_ACCESS_KEY_ID",
                             "AWS_SECRET_ACCESS_KEY",
                             "AWS_SESSION_TOKEN",
                             "AZURE_CLIENT_SECRET",
                             "DATABASE_PASSWORD"}) {
        // Unique per name, and unlike anything a tool would print by chance.
        secrets.insert(QString::fromLatin1(name),
                       QStringLiteral("PLANTED-%1-7f3a9c2e11b4").arg(QString::fromLatin1(name)));
    }
    return secrets;
}

QStringList filesContaining(const QString &root, const QStringList &values, int *read)
{
    QStringList found;
    int count = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            found << path + QStringLiteral(" (unreadable)");
            continue;
        }
        const QByteArray data = f.readAll();
        ++count;
        for (const QString &v : values) {
            if (data.contains(v.toUtf8()))
                found << QStringLiteral("%1 holds %2").arg(path, v);
        }
    }
    if (read)
        *read = count;
    return found;
}

PreparedRun printerRun(const QString &dir, int lines)
{
    PreparedRun run;
    run.environment = QProcessEnvironment::systemEnvironment();
    run.plan.paths = runPaths(dir, QStringLiteral("stream"));
    run.plan.directories << dir;
    CommandSpec c;
    c.role = CommandRole::Plain;
    c.argv = QStringList{venvPython(), dataFile(QStringLiteral("print_lines.py")),
                         QString::number(lines)};
    c.cwd = dir;
    run.plan.commands << c;
    run.record.label = QStringLiteral("stream");
    run.record.outputDir = dir;
    run.record.paths = run.plan.paths;
    run.record.settings = resolveSettings({});
    run.record.settings.values.scalene.enabled = false;
    run.record.started = QDateTime::currentDateTime();
    return run;
}

QString printedLine(int i)
{
    return QStringLiteral("line %1 Generating html output for connector X%2 and cable W%3")
        .arg(i, 7, 10, QChar(u'0'))
        .arg(i % 97)
        .arg(i % 89);
}

double residentMb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

ResidentPeak::ResidentPeak() : m_before(residentMb())
{
    resetPeakResident();
    m_peak = m_before;
    QObject::connect(&m_sampler, &QTimer::timeout, [this] { m_peak = qMax(m_peak, residentMb()); });
    m_sampler.start(10);
}

void ResidentPeak::stop()
{
    m_sampler.stop();
    m_peak = qMax(m_peak, residentMb("VmHWM"));
}

void resetPeakResident()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

} // namespace fperf::test
