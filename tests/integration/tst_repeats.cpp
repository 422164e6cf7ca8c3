// SPDX-License-Identifier: GPL-3.0-or-later
// Run groups (run --repeat N) and comparisons that tell noise from change, on real runs of
// the small sample under the real Scalene.
#include "core/compare/profile_diff.h"
#include "core/models/run_history_model.h"
#include "core/store/run_group_codec.h"
#include "core/store/run_record.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

class RepeatsTest : public QObject
{
    Q_OBJECT
private:
    // A group of three CPU-only repeats; a group a Scalene start-up crash cut short (seen
    // under load) is taken once more under the next name.
    QString group(const QString &name)
    {
        for (const QString &label : {name, name + "-again"}) {
            const auto r =
                test::runCli({"run", "--repeat", "3", "--no-memory", "--output-dir", m_out,
                              "--run-label", label, test::sampleProject("small")});
            if (r.exitCode == 0)
                return label;
            qWarning("group %s failed (exit %d): %s", qPrintable(label), r.exitCode,
                     qPrintable(r.err.right(2000)));
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_out = m_dir.filePath("out");
        m_a = group("same-a");
        QVERIFY(!m_a.isEmpty());
        // Two sides of three runs each, taken in turn (x, y, x, y, ...): the machine's drift
        // (load, caches) falls on both sides alike, as in a careful experiment.
        QStringList x, y;
        for (int k = 1; k <= 3; ++k) {
            for (QStringList *side : {&x, &y}) {
                const QString label = QStringLiteral("%1-%2").arg(side == &x ? "x" : "y").arg(k);
                auto r = test::runCli({"run", "--no-memory", "--output-dir", m_out, "--run-label",
                                       label, test::sampleProject("small")});
                if (r.exitCode != 0) { // a Scalene start-up crash (seen under load): once more
                    qWarning("run %s failed (exit %d)", qPrintable(label), r.exitCode);
                    test::removeRunFiles(m_out, label);
                    r = test::runCli({"run", "--no-memory", "--output-dir", m_out, "--run-label",
                                      label, test::sampleProject("small")});
                }
                QVERIFY2(r.exitCode == 0, qPrintable(r.err.right(2000)));
                *side << label;
            }
        }
        m_x = x.join(u',');
        m_y = y.join(u',');
    }

    void aGroupHasItsRepeatsAndFigures()
    {
        QString error;
        const auto g = readRunGroup(m_out + "/" + runGroupFileName(m_a), &error);
        QVERIFY2(g, qPrintable(error));
        QCOMPARE(g->label, m_a);
        QCOMPARE(g->requested, 3);
        QCOMPARE(g->repeats,
                 (QStringList{repeatLabel(m_a, 1), repeatLabel(m_a, 2), repeatLabel(m_a, 3)}));
        QVERIFY(g->complete);
        QCOMPARE(g->figures.size(), 3);
        for (const RunGroupFigure &f : g->figures) {
            if (f.id == RunGroupFigure::Id::PeakMemory) {
                QVERIFY(f.values.isEmpty()); // CPU only: no peak, not a peak of 0
                continue;
            }
            QCOMPARE(f.values.size(), 3);
            QVERIFY(f.median > 0);
            QVERIFY(f.spread >= 0);
        }
        const auto set = findRunGroup(m_a, m_out, &error);
        QVERIFY2(set, qPrintable(error));
        QCOMPARE(set->runs.size(), 3);
        QCOMPARE(set->runs.at(1).label, repeatLabel(m_a, 2));

        // History finds the group file and shows the repeats as one row that expands; twice,
        // the second time from the folder's index.
        for (int pass = 0; pass < 2; ++pass) {
            const HistoryScan scan = scanRunRecords({m_out});
            const auto listing =
                std::find_if(scan.groups.begin(), scan.groups.end(),
                             [this](const RunGroupListing &l) { return l.label == m_a; });
            QVERIFY(listing != scan.groups.end());
            QCOMPARE(listing->repeats.size(), 3);
            int members = 0;
            for (const RunSummary &r : scan.runs)
                members += r.group == m_a ? 1 : 0;
            QCOMPARE(members, 3);
            RunHistoryModel model;
            model.setRuns(scan.runs, scan.groups);
            int groupRows = 0;
            for (int row = 0; row < model.rowCount(); ++row) {
                if (model.isGroup(model.index(row, 0)) && model.row(row).key == m_a) {
                    ++groupRows;
                    QCOMPARE(model.rowCount(model.index(row, 0)), 3);
                    QVERIFY(model.index(row, RunHistoryModel::Duration)
                                .data()
                                .toString()
                                .contains("±"));
                }
            }
            QCOMPARE(groupRows, 1);
        }
        // `history --json` says which group a run is a repeat of.
        const auto r = test::runCli({"history", "--output-dir", m_out, "--json"});
        QCOMPARE(r.exitCode, 0);
        int inGroup = 0;
        for (const QJsonValue &v :
             QJsonDocument::fromJson(r.out.toUtf8()).object().value("runs").toArray())
            inGroup += v.toObject().value("group").toString() == m_a ? 1 : 0;
        QCOMPARE(inGroup, 3);
    }

    // The same project and settings twice: what differs is noise, and it is called that.
    void identicalGroupsRaiseNoFalseAlarm()
    {
        const auto r = test::runCli(
            {"diff", "--output-dir", m_out, m_x, m_y, "--format", "json", "--fail-if-slower", "5"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject noise = o.value("noise").toObject();
        QCOMPARE(noise.value("basis").toString(), QStringLiteral("repeats"));
        QVERIFY(noise.value("lines_compared").toInt() > 20);
        QVERIFY2(noise.value("lines_beyond_noise").toInt() <= 1,
                 qPrintable(noise.value("statement").toString()));
        const QJsonObject wall = o.value("summary").toObject().value("wall time (s)").toObject();
        QVERIFY(wall.value("noise").toDouble() > 0);
        QVERIFY2(!wall.value("beyond_noise").toBool(), qPrintable(r.out.left(2000)));
        QCOMPARE(o.value("runs_a").toArray().size(), 3);
        QVERIFY(r.err.contains("passed --fail-if-slower"));
        const auto text = test::runCli({"diff", "--output-dir", m_out, m_x, m_y});
        QVERIFY(text.out.contains("wall time (s)"));
        QVERIFY(text.out.contains("within noise"));
        QVERIFY(text.out.contains("Noise from the spread of 3 and 3 repeats"));
    }

    // A single run is still a side: it takes the other side's spread. Runs can be listed.
    void aSingleRunOrAListIsASide()
    {
        const auto single =
            test::runCli({"diff", "--output-dir", m_out, "x-1", m_a, "--format", "json"});
        QVERIFY2(single.exitCode == 0, qPrintable(single.err));
        const QJsonObject o = QJsonDocument::fromJson(single.out.toUtf8()).object();
        QCOMPARE(o.value("runs_a").toArray().size(), 1);
        QCOMPARE(o.value("noise").toObject().value("basis").toString(), QStringLiteral("repeats"));
        const auto list =
            test::runCli({"diff", "--output-dir", m_out, "x-1,x-2", m_a, "--format", "json"});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QCOMPARE(
            QJsonDocument::fromJson(list.out.toUtf8()).object().value("runs_a").toArray().size(),
            2);
        // Two single runs: the sampling noise only, said so.
        const auto pair = test::runCli({"diff", "--output-dir", m_out, "x-1", "y-1"});
        QCOMPARE(pair.exitCode, 0);
        QVERIFY(pair.out.contains("Sampling noise only"));
    }

    // A copy of Filare (first on PYTHONPATH, so the tool check and the profile both use it)
    // run as it is, then with a busy loop planted in a function Filare calls while rendering:
    // the planted line ranks first among the regressions, beyond noise, and the gate names it.
    void aPlantedSlowdownIsFoundAndNamed()
    {
        QTemporaryDir site;
        QProcess where;
        where.start(test::venvPython(),
                    {"-c", "import filare, os; print(os.path.dirname(filare.__file__))"});
        QVERIFY(where.waitForFinished(60000) && where.exitCode() == 0);
        const QString package = QString::fromUtf8(where.readAllStandardOutput()).trimmed();
        QVERIFY(QProcess::execute("cp", {"-r", package, site.filePath("filare")}) == 0);
        const QMap<QString, QString> env{{"PYTHONPATH", site.path()}};
        const auto group = [&](const QString &label) {
            for (const QString &name : {label, label + "-again"}) {
                const auto r =
                    test::runCli({"run", "--repeat", "3", "--no-memory", "--output-dir", m_out,
                                  "--run-label", name, test::sampleProject("small")},
                                 env);
                if (r.exitCode == 0) {
                    // The copy is what ran: its folder is the one profiled.
                    if (!r.err.contains(site.path()) && !r.out.contains(site.path()))
                        qWarning("the copy's folder is not named in the output");
                    return name;
                }
                qWarning("group %s failed (exit %d): %s", qPrintable(name), r.exitCode,
                         qPrintable(r.err.right(2000)));
            }
            return QString();
        };
        const QString before = group("unplanted");
        QVERIFY(!before.isEmpty());

        // The plant: a call appended to an existing line (no line moves) and the function at
        // the end of the file, which spins the CPU for half a second per call.
        const QString graphviz = site.filePath("filare/render/graphviz.py");
        QString code = test::readAll(graphviz);
        const QString call = "rendered = get_template(template_name).render(params)";
        QVERIFY(code.contains(call));
        code.replace(call, call + "; _filare_perf_planted()");
        code += "\n\ndef _filare_perf_planted():\n    import time\n"
                "    end = time.process_time() + 0.5\n"
                "    while time.process_time() < end:  # PLANTED-SLOW\n        pass\n";
        QFile out(graphviz);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(code.toUtf8());
        out.close();
        const QString after = group("planted");
        QVERIFY(!after.isEmpty());

        QString error;
        const auto a = findRunGroup(before, m_out, &error);
        const auto b = findRunGroup(after, m_out, &error);
        QVERIFY2(a && b, qPrintable(error));
        const auto diff = diffRunGroups({a->name, a->runs}, {b->name, b->runs}, &error);
        QVERIFY2(diff, qPrintable(error));
        const DiffLine *worst = nullptr; // the slowest regression beyond noise
        for (const DiffLine &l : diff->lines) {
            if (l.beyondNoise && l.secDelta() > 0 && (!worst || l.secDelta() > worst->secDelta()))
                worst = &l;
        }
        QVERIFY2(worst, qPrintable(formatDiffText(*diff, 10)));
        QVERIFY2(worst->text.contains("PLANTED-SLOW"), qPrintable(formatDiffText(*diff, 10)));
        QVERIFY(worst->file.endsWith("filare/render/graphviz.py"));
        QVERIFY(worst->secDelta() > 0.3);

        const auto gate = test::runCli(
            {"diff", "--output-dir", m_out, before, after, "--fail-if-line-slower", "0.3"});
        QCOMPARE(gate.exitCode, 1);
        QVERIFY2(gate.err.contains(QStringLiteral("graphviz.py:%1").arg(worst->lineno)) &&
                     gate.err.contains("PLANTED-SLOW") && gate.err.contains("beyond noise"),
                 qPrintable(gate.err));
    }

    // Filare run from a git checkout (here a copy of the package committed to a new
    // repository, first on PYTHONPATH): the record keeps the commit, and whether tracked files
    // changed since.
    void aCheckoutsCommitIsRecorded()
    {
        QTemporaryDir repo;
        QProcess where;
        where.start(test::venvPython(),
                    {"-c", "import filare, os; print(os.path.dirname(filare.__file__))"});
        QVERIFY(where.waitForFinished(60000) && where.exitCode() == 0);
        const QString package = QString::fromUtf8(where.readAllStandardOutput()).trimmed();
        QVERIFY(QProcess::execute("cp", {"-r", package, repo.filePath("filare")}) == 0);
        const auto git = [&](const QStringList &args) {
            QProcess p;
            p.setWorkingDirectory(repo.path());
            p.start("git", QStringList{"-c", "user.name=t", "-c", "user.email=t@t", "-c",
                                       "commit.gpgsign=false"} +
                               args);
            p.waitForFinished(60000);
            return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        };
        git({"init", "-q"});
        git({"add", "-A"});
        git({"commit", "-q", "-m", "filare"});
        const QString head = git({"rev-parse", "HEAD"});
        QCOMPARE(head.size(), 40);
        const QMap<QString, QString> env{{"PYTHONPATH", repo.path()}};
        const auto run = [&](const QString &label) {
            // Plain, not profiled: the record's tools are what this is about.
            return test::runCli({"run", "--no-scalene", "--output-dir", m_out, "--run-label", label,
                                 test::sampleProject("small")},
                                env);
        };
        const auto clean = run("checkout-clean");
        QVERIFY2(clean.exitCode == 0, qPrintable(clean.err.right(2000)));
        QVERIFY2(clean.out.contains("from a git checkout at " + head.left(12) + "\n"),
                 qPrintable(clean.out));
        QString error;
        auto record = loadRunRecord(m_out + "/checkout-clean-run.json", &error);
        QVERIFY2(record, qPrintable(error));
        QCOMPARE(record->filareCommit, head);
        QCOMPARE(record->filareDirty, std::optional<bool>(false));

        QFile file(repo.filePath("filare/__init__.py"));
        QVERIFY(file.open(QIODevice::Append));
        file.write("\n# a local change\n");
        file.close();
        const auto dirty = run("checkout-dirty");
        QVERIFY2(dirty.exitCode == 0, qPrintable(dirty.err.right(2000)));
        QVERIFY(dirty.out.contains(head.left(12) + "+changes"));
        record = loadRunRecord(m_out + "/checkout-dirty-run.json", &error);
        QVERIFY2(record, qPrintable(error));
        QCOMPARE(record->filareDirty, std::optional<bool>(true));

        // History groups the runs by commit: before and after the local change, one row each.
        RunHistoryModel model;
        const HistoryScan scan = scanRunRecords({m_out});
        model.setRuns(scan.runs, scan.groups);
        model.setGrouping(RunHistoryModel::Grouping::Commits);
        QStringList keys;
        for (const HistoryRow &row : model.rows())
            keys << row.key;
        QVERIFY2(keys.contains(head.left(12)) && keys.contains(head.left(12) + "+changes") &&
                     keys.contains(QString()),
                 qPrintable(keys.join(", ")));
        const auto byCommit =
            test::runCli({"history", "--output-dir", m_out, "--group-by", "commit"});
        QCOMPARE(byCommit.exitCode, 0);
        QVERIFY2(byCommit.out.contains(head.left(12) + "+changes (runs: 1)") &&
                     byCommit.out.contains("\n  checkout-clean "),
                 qPrintable(byCommit.out));
        const auto badGrouping =
            test::runCli({"history", "--output-dir", m_out, "--group-by", "weekday"});
        QCOMPARE(badGrouping.exitCode, 2);
        QVERIFY(badGrouping.err.contains("give run-group or commit"));

        // An installed Filare (site-packages, no checkout) records none.
        record = loadRunRecord(m_out + "/" + repeatLabel(m_a, 1) + "-run.json", &error);
        QVERIFY2(record, qPrintable(error));
        QVERIFY(record->filareCommit.isEmpty());
        QVERIFY(!record->filareDirty);
    }

    void badRepeatsAreRefused()
    {
        for (const char *n : {"0", "-2", "many", "101"}) {
            const auto r = test::runCli(
                {"run", "--repeat", n, "--output-dir", m_out, test::sampleProject("small")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("--repeat") && r.err.contains("give 1 to 100"),
                     qPrintable(r.err));
        }
        // A group's label cannot be taken twice: its repeats would be overwritten.
        const auto again = test::runCli({"run", "--repeat", "2", "--output-dir", m_out,
                                         "--run-label", m_a, test::sampleProject("small")});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("run group \"" + m_a + "\" is already used"),
                 qPrintable(again.err));
        // An unreadable group file is named, with the reason.
        QFile broken(m_out + "/" + runGroupFileName("broken"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{ not json");
        broken.close();
        const auto diff = test::runCli({"diff", "--output-dir", m_out, "broken", m_a});
        QCOMPARE(diff.exitCode, 2);
        QVERIFY2(diff.err.contains("broken-group.json is not a readable run group"),
                 qPrintable(diff.err));
    }

    void groupFiguresAreMediansAndHalfRanges()
    {
        QList<RunSummary> runs;
        for (double wall : {4.0, 5.0, 4.4}) {
            RunSummary r;
            r.label = QString::number(wall);
            r.status = RunStatus::Succeeded;
            r.durationSec = wall;
            r.profiledElapsedSec = wall - 1;
            runs << r;
        }
        const RunGroup g = summariseRunGroup("g", "/tmp", 4, runs);
        QVERIFY(!g.complete); // 3 of 4
        QCOMPARE(g.figures.at(0).median, 4.4);
        QCOMPARE(g.figures.at(0).spread, 0.5);
        QCOMPARE(g.figures.at(1).median, 3.4);
        QVERIFY(g.figures.at(2).values.isEmpty());
        QCOMPARE(repeatLabel("g", 2), QStringLiteral("g-r2"));
    }

private:
    QTemporaryDir m_dir;
    QString m_out;
    QString m_a;
    QString m_x; // "x-1,x-2,x-3": runs taken in turn with m_y's
    QString m_y;
};

QTEST_GUILESS_MAIN(RepeatsTest)
#include "tst_repeats.moc"
