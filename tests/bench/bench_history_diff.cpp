// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: populate the runs list from many records (P4a), diff two large profiles (P4b) and
// two groups of five repeats of them (P4e),
// read a profile (P4d) and load the native view's models from it (P6b, the worker's part).
// Prints figures; asserts nothing (the machines are noisy).
#include "core/compare/profile_diff.h"
#include "core/models/profile_table_model.h"
#include "core/models/run_history_model.h"
#include "core/profile/flame_graph.h"
#include "core/profile/loaded_profile.h"
#include "core/profile/scalene_profile_reader.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>

using namespace fperf;

namespace {
struct Figures
{
    QString id;
    QString what;
    QList<double> ms;
    double target = 0;

    double median() const
    {
        QList<double> s = ms;
        std::sort(s.begin(), s.end());
        return s.isEmpty() ? 0 : s.at(s.size() / 2);
    }
};

template <typename F>
Figures measure(const QString &id, const QString &what, double target, int repeats, F &&work)
{
    Figures f{id, what, {}, target};
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        f.ms << t.nsecsElapsed() / 1e6;
    }
    return f;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        QTextStream(stderr) << "usage: bench_history_diff DATA_DIR RESULTS_JSON [REPEATS]\n";
        return 2;
    }
    const QString data = args.at(1);
    const int repeats = args.value(3, QStringLiteral("5")).toInt();
    QTextStream out(stdout);

    int runs = 0;
    // Cold: no index yet, every record is parsed (the first listing of a folder).
    const Figures cold =
        measure(QStringLiteral("P4a0"), QStringLiteral("populate history, first time (no index)"),
                0, 1, [&] {
                    QDir(data).remove(QStringLiteral(".filare-perf-history.cbor"));
                    RunHistoryModel model;
                    model.setRuns(scanRunRecords({data}).runs);
                    runs = model.rowCount();
                });
    const Figures history =
        measure(QStringLiteral("P4a"), QStringLiteral("populate history from the records"), 300,
                repeats, [&] {
                    RunHistoryModel model;
                    model.setRuns(scanRunRecords({data}).runs);
                    runs = model.rowCount();
                });
    RunSummary a, b;
    a.label = QStringLiteral("a");
    a.profilePath = QDir(data).filePath(QStringLiteral("profile-a.json"));
    b.label = QStringLiteral("b");
    b.profilePath = QDir(data).filePath(QStringLiteral("profile-b.json"));
    int lines = 0;
    const Figures diff = measure(QStringLiteral("P4b"), QStringLiteral("diff two large profiles"),
                                 200, repeats, [&] {
                                     QString error;
                                     const auto d = diffRuns(a, b, &error);
                                     lines = d ? int(d->lines.size()) : -1;
                                 });
    // P4e: two groups of five repeats (the same two profiles five times each): every profile
    // read, then every line tested over the repeats.
    int groupLines = 0;
    const Figures groups =
        measure(QStringLiteral("P4e"), QStringLiteral("compare two groups of 5 repeats"), 500,
                repeats, [&] {
                    QString error;
                    const auto d =
                        diffRunGroups({QStringLiteral("A"), QList<RunSummary>(5, a)},
                                      {QStringLiteral("B"), QList<RunSummary>(5, b)}, &error);
                    groupLines = d ? int(d->lines.size()) : -1;
                });
    const double profileMb = QFileInfo(a.profilePath).size() / 1048576.0;
    // P4d: the whole typed model with simdjson, against a bare QJsonDocument parse of the same
    // file (no model built) in the same run: the ratio carries across machines, the ms do not.
    int files = 0;
    const Figures model =
        measure(QStringLiteral("P4d"), QStringLiteral("read a profile into the model"), 0, repeats,
                [&] { files = int(readScaleneProfile(a.profilePath).profile.files.size()); });
    const Figures qjson =
        measure(QStringLiteral("P4d0"), QStringLiteral("baseline: QJsonDocument parse alone"), 0,
                repeats, [&] {
                    QFile f(a.profilePath);
                    f.open(QIODevice::ReadOnly);
                    files =
                        std::max(files, int(QJsonDocument::fromJson(f.readAll()).object().size()));
                });
    // P6b: what the native view's worker does before the first paint: read the profile,
    // build the rows of every level and the leaks (loadProfileForView), fill the models.
    int tableRows = 0;
    const Figures viewLoad =
        measure(QStringLiteral("P6b"), QStringLiteral("native view: profile into its models"), 150,
                repeats, [&] {
                    const LoadedProfile loaded = loadProfileForView(a.profilePath);
                    tableRows = 0;
                    for (ProfileLevel level :
                         {ProfileLevel::Files, ProfileLevel::Functions, ProfileLevel::Lines}) {
                        ProfileTableModel table;
                        table.setRows(level, loaded.rows(level), loaded.columns);
                        tableRows += table.rowCount();
                    }
                    LeakTableModel leaks;
                    leaks.setLeaks(loaded.leaks);
                });
    // P6d: the CPU flame graph, built on a worker when its page is first shown.
    const LoadedProfile loaded = loadProfileForView(a.profilePath);
    FlameGraph cpuFlame;
    const Figures flameBuild =
        measure(QStringLiteral("P6d"), QStringLiteral("flame graph of the CPU stacks"), 100,
                repeats, [&] { cpuFlame = flameGraphOf(loaded.read.profile, {}); });
    // P6c: its layout at a window's width (each resize, zoom and search).
    int boxes = 0;
    const Figures flameLayout =
        measure(QStringLiteral("P6c"), QStringLiteral("flame graph layout at 1200 px"), 16, repeats,
                [&] { boxes = int(layoutFlameGraph(cpuFlame, 0, 2.0 / 1200).size()); });

    out << QStringLiteral("%1  %2  %3  %4  %5\n")
               .arg(QStringLiteral("id"), -4)
               .arg(QStringLiteral("measure"), -45)
               .arg(QStringLiteral("median ms"), 10)
               .arg(QStringLiteral("min-max ms"), 16)
               .arg(QStringLiteral("target"), 8);
    QJsonArray results;
    for (const Figures &f :
         {cold, history, diff, groups, model, qjson, viewLoad, flameBuild, flameLayout}) {
        const auto [mn, mx] = std::minmax_element(f.ms.begin(), f.ms.end());
        out << QStringLiteral("%1  %2  %3  %4  %5\n")
                   .arg(f.id, -4)
                   .arg(f.what, -45)
                   .arg(f.median(), 10, 'f', 1)
                   .arg(QStringLiteral("%1-%2").arg(*mn, 0, 'f', 1).arg(*mx, 0, 'f', 1), 16)
                   .arg(f.target > 0 ? QStringLiteral("<= %1").arg(f.target)
                                     : QStringLiteral("report"),
                        8);
        QJsonArray samples;
        for (double v : f.ms)
            samples.append(v);
        results.append(QJsonObject{{QStringLiteral("id"), f.id},
                                   {QStringLiteral("measure"), f.what},
                                   {QStringLiteral("median_ms"), f.median()},
                                   {QStringLiteral("samples_ms"), samples},
                                   {QStringLiteral("target_ms"), f.target}});
    }
    out << QStringLiteral("P4d ratio: the model (simdjson) takes %1x the time of a bare "
                          "QJsonDocument parse\n")
               .arg(model.median() / qjson.median(), 0, 'f', 2);
    out << QStringLiteral("P6b ratio: the native view's models load in %1x the time of a bare "
                          "QJsonDocument parse (%2 table rows; the target is for a 12 MB "
                          "profile)\n")
               .arg(viewLoad.median() / qjson.median(), 0, 'f', 2)
               .arg(tableRows);
    out << QStringLiteral("P6c: %1 of %2 flame graph nodes drawn at 1200 px (the rest are "
                          "narrower than 2 px)\n")
               .arg(boxes)
               .arg(cpuFlame.nodes.size());
    out << QStringLiteral("(%1 records listed; profiles of %2 MB, %3 changed lines; %4 repeats)\n")
               .arg(runs)
               .arg(profileMb, 0, 'f', 1)
               .arg(lines)
               .arg(repeats);
    QFile file(args.at(2));
    QJsonObject all;
    if (file.open(QIODevice::ReadOnly))
        all = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    all.insert(QStringLiteral("history_diff"),
               QJsonObject{
                   {QStringLiteral("records"), runs},
                   {QStringLiteral("profile_mb"), profileMb},
                   {QStringLiteral("model_vs_qjson_ratio"), model.median() / qjson.median()},
                   {QStringLiteral("view_load_vs_qjson_ratio"), viewLoad.median() / qjson.median()},
                   {QStringLiteral("results"), results}});
    QDir().mkpath(QFileInfo(file).absolutePath());
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(all).toJson());
    return runs > 0 && lines > 0 && tableRows > 0 && boxes > 0 ? 0 : 1;
}
