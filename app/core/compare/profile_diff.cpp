// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/profile_diff.h"

#include "core/stats/significance.h"
#include "core/util/json_number.h"

#include <QFileInfo>
#include <QJsonArray>

#include <QSet>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>
#include <vector>

namespace fperf {

std::optional<double> DiffFigure::delta() const
{
    if (!a || !b)
        return std::nullopt;
    return *b - *a;
}

std::optional<double> DiffFigure::deltaPercent() const
{
    if (!a || !b || *a == 0)
        return std::nullopt;
    return (*b - *a) / *a * 100.0;
}

double DiffLine::changeSize() const
{
    return std::abs(secDelta());
}

QString diffNoiseBasisKey(DiffNoise::Basis basis)
{
    switch (basis) {
    case DiffNoise::Basis::Sampling:
        return QStringLiteral("sampling");
    case DiffNoise::Basis::Repeats:
        return QStringLiteral("repeats");
    }
    return {};
}

QString diffFigureKey(DiffFigureId id)
{
    switch (id) {
    case DiffFigureId::WallTime:
        return QStringLiteral("wall time (s)");
    case DiffFigureId::ProfiledTime:
        return QStringLiteral("profiled time (s)");
    case DiffFigureId::PeakMemory:
        return QStringLiteral("peak memory (MB)");
    case DiffFigureId::CpuSamples:
        return QStringLiteral("CPU samples");
    case DiffFigureId::OverheadRatio:
        return QStringLiteral("overhead ratio");
    case DiffFigureId::CpuPythonTime:
        return QStringLiteral("CPU Python (s)");
    case DiffFigureId::CpuNativeTime:
        return QStringLiteral("CPU native (s)");
    case DiffFigureId::CpuSystemTime:
        return QStringLiteral("CPU system (s)");
    case DiffFigureId::AllocatedMemory:
        return QStringLiteral("allocated (MB)");
    }
    return {};
}

QString diffFigureLabel(DiffFigureId id)
{
    switch (id) {
    case DiffFigureId::WallTime:
        return QCoreApplication::translate("fperf::DiffFigure", "wall time (s)");
    case DiffFigureId::ProfiledTime:
        return QCoreApplication::translate("fperf::DiffFigure", "profiled time (s)");
    case DiffFigureId::PeakMemory:
        return QCoreApplication::translate("fperf::DiffFigure", "peak memory (MB)");
    case DiffFigureId::CpuSamples:
        return QCoreApplication::translate("fperf::DiffFigure", "CPU samples");
    case DiffFigureId::OverheadRatio:
        return QCoreApplication::translate("fperf::DiffFigure", "overhead ratio");
    case DiffFigureId::CpuPythonTime:
        return QCoreApplication::translate("fperf::DiffFigure", "CPU Python (s)");
    case DiffFigureId::CpuNativeTime:
        return QCoreApplication::translate("fperf::DiffFigure", "CPU native (s)");
    case DiffFigureId::CpuSystemTime:
        return QCoreApplication::translate("fperf::DiffFigure", "CPU system (s)");
    case DiffFigureId::AllocatedMemory:
        return QCoreApplication::translate("fperf::DiffFigure", "allocated (MB)");
    }
    return {};
}

const DiffFigure *ProfileDiff::figure(DiffFigureId id) const
{
    for (const DiffFigure &f : summary) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

DiffFrame ProfileDiff::flameFrame(int node) const
{
    DiffFrame f;
    if (node < 0 || node >= flame.graph.nodes.size())
        return f;
    f.secA = flame.weightA.value(node);
    f.secB = flame.weightB.value(node);
    const double nA = std::max<qsizetype>(1, runsA.size());
    const double nB = std::max<qsizetype>(1, runsB.size());
    const stats::SamplingDifference d =
        stats::samplingDifference(f.secA, noise.dispersion * noise.intervalA / nA, f.secB,
                                  noise.dispersion * noise.intervalB / nB);
    f.noiseSec = d.sigma;
    f.beyondNoise = d.sigma > 0 && d.pTwoSided < kFigureSignificance;
    return f;
}

const DiffLine *ProfileDiff::largestBeyondNoise() const
{
    for (const DiffLine &l : lines) { // largest change first
        if (l.beyondNoise)
            return &l;
    }
    return nullptr;
}

QString ProfileDiff::noiseStatement() const
{
    QString out =
        QCoreApplication::translate("fperf::ProfileDiff",
                                    "%1 of %2 lines changed beyond noise (%3 slower, %4 faster; "
                                    "false-discovery rate %5 %).")
            .arg(noise.linesBeyond)
            .arg(noise.linesCompared)
            .arg(noise.slowerBeyond)
            .arg(noise.fasterBeyond)
            .arg(kFalseDiscoveryRate * 100, 0, 'f', 0);
    if (const DiffLine *l = largestBeyondNoise())
        out += u' ' + QCoreApplication::translate("fperf::ProfileDiff",
                                                  "The largest: %1:%2, %3 s (± %4 s).")
                          .arg(shortSourcePath(l->file))
                          .arg(l->lineno)
                          .arg(signedNumber(l->secDelta(), 3))
                          .arg(l->noiseSec, 0, 'f', 3);
    if (repeated())
        out += u' ' + QCoreApplication::translate(
                          "fperf::ProfileDiff",
                          "Noise from the spread of %1 and %2 repeats: the lines vary %3× as "
                          "much as sampling alone explains, and a line's own repeats must agree "
                          "(Welch's t-test; a single run on one side takes the other side's "
                          "spread).")
                          .arg(runsA.size())
                          .arg(runsB.size())
                          .arg(noise.dispersion, 0, 'f', 1);
    else
        out += u' ' + QCoreApplication::translate(
                          "fperf::ProfileDiff",
                          "Sampling noise only: one run per side, so the run-to-run noise is "
                          "not known; repeat runs for a real test.");
    return out;
}

namespace {
struct ItemFigures
{
    QString text;
    int lineno = 0;
    double cpu = 0; // % of the run
    double peak = 0;
    double copy = 0;
};

// A line, function or file: its file, and its place in it (a line's number, zero-padded so
// that keys sort as numbers; a function's name; nothing for a file).
using ItemKey = std::pair<QString, QString>;
using Items = QMap<ItemKey, ItemFigures>;

bool isActive(const ItemFigures &f)
{
    return f.cpu > 0 || f.peak > 0 || f.copy > 0;
}

ItemFigures figuresOf(const SourceFigures &s)
{
    ItemFigures f;
    f.text = s.text.trimmed();
    f.lineno = s.lineno;
    f.cpu = s.cpuPercent();
    f.peak = s.peakMb.value_or(0);
    f.copy = s.copyMbPerSec.value_or(0);
    return f;
}

struct Levels
{
    Items lines;
    Items functions;
    Items files;
};

Levels activeItems(const ScaleneProfile &profile)
{
    Levels out;
    for (const FileProfile &file : profile.files) {
        ItemFigures whole; // a file: the sum of its lines' CPU and copy, their highest peak
        for (const LineProfile &line : file.lines) {
            const ItemFigures f = figuresOf(line);
            whole.cpu += f.cpu;
            whole.copy += f.copy;
            whole.peak = std::max(whole.peak, f.peak);
            if (isActive(f))
                out.lines.insert(
                    {file.path, QStringLiteral("%1").arg(line.lineno, 8, 10, QLatin1Char('0'))}, f);
        }
        for (const SourceFigures &function : file.functions) {
            const ItemFigures f = figuresOf(function);
            if (isActive(f))
                out.functions.insert({file.path, f.text}, f);
        }
        if (isActive(whole))
            out.files.insert({file.path, QString()}, whole);
    }
    return out;
}

using stats::mean;

// Both sides' items side by side in seconds, averaged over each side's repeats, with the
// noise of each change and false-discovery control over the level; largest change first.
// One run per side: the sampling noise of each time. Repeats: that noise times the dispersion
// the repeats show over all items, and the item's own repeats must agree (Welch).
QList<DiffLine> diffItems(const QList<const Items *> &repeatsA, const QList<double> &secondsA,
                          double intervalA, const QList<const Items *> &repeatsB,
                          const QList<double> &secondsB, double intervalB,
                          double *dispersionOut = nullptr)
{
    QSet<ItemKey> seen;
    QList<ItemKey> keys;
    for (const QList<const Items *> *side : {&repeatsA, &repeatsB}) {
        for (const Items *items : *side) {
            for (auto it = items->keyBegin(); it != items->keyEnd(); ++it) {
                if (!seen.contains(*it)) {
                    seen.insert(*it);
                    keys << *it;
                }
            }
        }
    }
    const bool sampling = repeatsA.size() == 1 && repeatsB.size() == 1;
    QList<DiffLine> out;
    out.reserve(keys.size());
    QList<QList<double>> allA, allB; // each item's seconds in each repeat
    allA.reserve(keys.size());
    allB.reserve(keys.size());
    for (const ItemKey &k : std::as_const(keys)) {
        DiffLine l;
        l.file = k.first;
        // One side's repeats: seconds of each, and the means of the other figures. A repeat
        // that did not sample the item spent no time in it.
        const auto side = [&](const QList<const Items *> &repeats, const QList<double> &seconds,
                              bool *in, double *cpu, double *peak, double *copy) {
            QList<double> values;
            for (qsizetype i = 0; i < repeats.size(); ++i) {
                const auto it = repeats.at(i)->constFind(k);
                if (it == repeats.at(i)->constEnd()) {
                    values << 0;
                    continue;
                }
                *in = true;
                l.text = it->text;
                l.lineno = it->lineno;
                *cpu += it->cpu / double(repeats.size());
                *peak += it->peak / double(repeats.size());
                *copy += it->copy / double(repeats.size());
                values << it->cpu / 100.0 * seconds.at(i);
            }
            return values;
        };
        allA << side(repeatsA, secondsA, &l.inA, &l.cpuA, &l.peakA, &l.copyA);
        allB << side(repeatsB, secondsB, &l.inB, &l.cpuB, &l.peakB, &l.copyB);
        l.secA = mean(allA.last());
        l.secB = mean(allB.last());
        out << l;
    }
    // Repeats: how much more the items vary from run to run than sampling alone explains,
    // pooled over the items (three repeats say little about one line, a hundred lines say a
    // lot about all of them).
    const double dispersion =
        sampling ? 1.0 : stats::samplingDispersion(allA, intervalA, allB, intervalB);
    if (dispersionOut)
        *dispersionOut = dispersion;
    QList<double> pValues;
    QList<double> ownP; // each item's own repeats (Welch), which must agree
    pValues.reserve(out.size());
    for (qsizetype i = 0; i < out.size(); ++i) {
        DiffLine &l = out[i];
        const double nA = double(allA.at(i).size());
        const double nB = double(allB.at(i).size());
        const stats::SamplingDifference d = stats::samplingDifference(
            l.secA, dispersion * intervalA / nA, l.secB, dispersion * intervalB / nB);
        l.noiseSec = d.sigma;
        l.pValue = d.pTwoSided;
        pValues << l.pValue;
        const auto own = sampling ? std::nullopt : stats::compareRepeats(allA.at(i), allB.at(i));
        ownP << (own ? own->test.pTwoSided : l.pValue);
    }
    const QList<double> q = stats::benjaminiHochberg(pValues);
    for (qsizetype i = 0; i < out.size(); ++i) {
        out[i].qValue = q.at(i);
        out[i].beyondNoise = q.at(i) < kFalseDiscoveryRate && ownP.at(i) < kFalseDiscoveryRate;
    }
    std::stable_sort(out.begin(), out.end(), [](const DiffLine &x, const DiffLine &y) {
        if (x.changeSize() != y.changeSize())
            return x.changeSize() > y.changeSize();
        return std::abs(x.peakDelta()) > std::abs(y.peakDelta());
    });
    return out;
}

// A whole-run figure summed over the lines: the CPU split in seconds, or the MB allocated
// (absent without memory profiling, or without a usable profile).
std::optional<double> profileTotal(const ScaleneProfileRead &read, DiffFigureId id)
{
    if (!read.usable())
        return std::nullopt;
    const ScaleneProfile &p = read.profile;
    if (id == DiffFigureId::AllocatedMemory && !p.memory)
        return std::nullopt;
    double sum = 0;
    for (const FileProfile &file : p.files) {
        for (const LineProfile &line : file.lines) {
            switch (id) {
            case DiffFigureId::CpuPythonTime:
                sum += line.cpuPython / 100.0 * p.elapsedSec;
                break;
            case DiffFigureId::CpuNativeTime:
                sum += line.cpuNative / 100.0 * p.elapsedSec;
                break;
            case DiffFigureId::CpuSystemTime:
                sum += line.cpuSystem / 100.0 * p.elapsedSec;
                break;
            default:
                sum += line.mallocMb.value_or(0);
                break;
            }
        }
    }
    return sum;
}

// A side's CPU stacks in seconds, as its lines are (each run's samples spread over the CPU
// time its lines were given), divided by the number of runs: the side's mean.
QList<StackSet> cpuStackSets(const QList<ScaleneProfileRead> &reads)
{
    QList<StackSet> sets;
    for (const ScaleneProfileRead &r : reads) {
        if (!r.usable())
            continue;
        double hits = 0;
        for (const WeightedStack &s : r.profile.combinedStacks)
            hits += std::max(0.0, s.weight);
        const double cpuSec = profileTotal(r, DiffFigureId::CpuPythonTime).value_or(0) +
                              profileTotal(r, DiffFigureId::CpuNativeTime).value_or(0) +
                              profileTotal(r, DiffFigureId::CpuSystemTime).value_or(0);
        if (hits > 0 && cpuSec > 0)
            sets << StackSet{&r.profile.combinedStacks, cpuSec / hits / double(reads.size())};
    }
    return sets;
}

// The interval between CPU samples the run asked Scalene for (Scalene's default 10 ms).
double samplingInterval(const RunSummary &run)
{
    return run.cpuRate > 0 ? run.cpuRate : 0.01;
}

QString number(const std::optional<double> &v, int decimals = 2)
{
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("-");
}

QString signedOpt(const std::optional<double> &v, int decimals = 2, const QString &suffix = {})
{
    return v ? signedNumber(*v, decimals) + suffix : QStringLiteral("-");
}

// "± 0.12 beyond noise" / "± 0.12 within noise" / "noise unknown"
QString noiseCell(const DiffFigure &f)
{
    if (!f.noise)
        return QStringLiteral("noise unknown");
    return QStringLiteral("± %1 %2")
        .arg(*f.noise, 0, 'f', f.decimals)
        .arg(f.beyondNoise() ? QStringLiteral("beyond noise") : QStringLiteral("within noise"));
}

} // namespace

QString signedNumber(double v, int decimals)
{
    return (v > 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', decimals);
}

ProfileDiff diffProfiles(const RunSummary &a, const ScaleneProfileRead &readA, const RunSummary &b,
                         const ScaleneProfileRead &readB)
{
    return diffProfileGroups({a.label, {a}}, {readA}, {b.label, {b}}, {readB});
}

ProfileDiff diffProfileGroups(const DiffSide &a, const QList<ScaleneProfileRead> &readsA,
                              const DiffSide &b, const QList<ScaleneProfileRead> &readsB)
{
    Q_ASSERT(!a.runs.isEmpty() && a.runs.size() == readsA.size());
    Q_ASSERT(!b.runs.isEmpty() && b.runs.size() == readsB.size());
    ProfileDiff d;
    d.a = a.runs.first();
    d.a.label = a.name;
    d.b = b.runs.first();
    d.b.label = b.name;
    d.runsA = a.runs;
    d.runsB = b.runs;
    const bool sampling = a.runs.size() == 1 && b.runs.size() == 1;
    d.noise.basis = sampling ? DiffNoise::Basis::Sampling : DiffNoise::Basis::Repeats;
    // Each figure of each run, or none; a side's figure is its repeats' mean. `{}` (a run
    // too short) measured nothing: no profiled time rather than 0 s; without memory
    // profiling there is no peak.
    using Values = QList<double>;
    const auto valuesOf = [](const QList<RunSummary> &runs, const QList<ScaleneProfileRead> &reads,
                             DiffFigureId id) {
        Values v;
        for (qsizetype i = 0; i < runs.size(); ++i) {
            const RunSummary &r = runs.at(i);
            const ScaleneProfileRead &p = reads.at(i);
            std::optional<double> x;
            switch (id) {
            case DiffFigureId::WallTime:
                x = r.durationSec;
                break;
            case DiffFigureId::ProfiledTime:
                x = p.usable() ? std::optional<double>(p.profile.elapsedSec) : std::nullopt;
                break;
            case DiffFigureId::PeakMemory:
                x = p.profile.maxFootprintMb;
                break;
            case DiffFigureId::CpuSamples:
                x = r.cpuSamples > 0 ? std::optional<double>(r.cpuSamples) : std::nullopt;
                break;
            case DiffFigureId::OverheadRatio:
                x = r.overheadRatio;
                break;
            case DiffFigureId::CpuPythonTime:
            case DiffFigureId::CpuNativeTime:
            case DiffFigureId::CpuSystemTime:
            case DiffFigureId::AllocatedMemory:
                x = profileTotal(p, id);
                break;
            }
            if (!x)
                return Values{}; // a repeat lacks it: the side lacks it
            v << *x;
        }
        return v;
    };
    for (const DiffFigureId id :
         {DiffFigureId::WallTime, DiffFigureId::ProfiledTime, DiffFigureId::PeakMemory,
          DiffFigureId::CpuSamples, DiffFigureId::OverheadRatio, DiffFigureId::CpuPythonTime,
          DiffFigureId::CpuNativeTime, DiffFigureId::CpuSystemTime,
          DiffFigureId::AllocatedMemory}) {
        DiffFigure f;
        f.id = id;
        f.decimals = id == DiffFigureId::CpuSamples ? 0 : 2;
        const Values va = valuesOf(a.runs, readsA, id);
        const Values vb = valuesOf(b.runs, readsB, id);
        if (!va.isEmpty())
            f.a = mean(va);
        if (!vb.isEmpty())
            f.b = mean(vb);
        if (const auto c = stats::compareRepeats(va, vb)) {
            f.noise = c->standardError;
            f.pValue = c->test.pTwoSided;
        }
        d.summary << f;
    }
    const auto allSame = [](const QList<RunSummary> &runs, auto field) {
        for (const RunSummary &r : runs) {
            if (field(r) != field(runs.first()))
                return false;
        }
        return true;
    };
    const auto rate = [](const RunSummary &r) { return r.cpuRate; };
    const auto memory = [](const RunSummary &r) { return r.memory; };
    if (!allSame(a.runs, rate) || !allSame(b.runs, rate))
        d.warnings << QStringLiteral("The repeats of a side used different CPU intervals: "
                                     "their spread is partly that difference");
    if (a.runs.first().cpuRate != b.runs.first().cpuRate)
        d.warnings << QStringLiteral("The runs used different CPU intervals (%1 s vs %2 s): "
                                     "sample counts differ for that reason alone")
                          .arg(a.runs.first().cpuRate)
                          .arg(b.runs.first().cpuRate);
    if (a.runs.first().memory != b.runs.first().memory || !allSame(a.runs, memory) ||
        !allSame(b.runs, memory))
        d.warnings << QStringLiteral("Memory profiling was %1 in A and %2 in B: times are not "
                                     "comparable, and memory figures exist for one run only")
                          .arg(a.runs.first().memory ? QStringLiteral("on") : QStringLiteral("off"),
                               b.runs.first().memory ? QStringLiteral("on")
                                                     : QStringLiteral("off"));

    const auto seconds = [](const QList<ScaleneProfileRead> &reads) {
        Values v;
        for (const ScaleneProfileRead &r : reads)
            v << (r.usable() ? r.profile.elapsedSec : 0.0);
        return v;
    };
    const Values secondsA = seconds(readsA);
    const Values secondsB = seconds(readsB);
    d.noise.intervalA = samplingInterval(a.runs.first());
    d.noise.intervalB = samplingInterval(b.runs.first());
    QList<Levels> levelsA, levelsB;
    for (const ScaleneProfileRead &r : readsA)
        levelsA << activeItems(r.profile);
    for (const ScaleneProfileRead &r : readsB)
        levelsB << activeItems(r.profile);
    const auto diffLevel = [&](Items Levels::*level) {
        QList<const Items *> x, y;
        for (const Levels &l : std::as_const(levelsA))
            x << &(l.*level);
        for (const Levels &l : std::as_const(levelsB))
            y << &(l.*level);
        return diffItems(x, secondsA, d.noise.intervalA, y, secondsB, d.noise.intervalB,
                         level == &Levels::lines ? &d.noise.dispersion : nullptr);
    };
    d.lines = diffLevel(&Levels::lines);
    d.functions = diffLevel(&Levels::functions);
    d.files = diffLevel(&Levels::files);
    d.noise.linesCompared = int(d.lines.size());
    double sampledA = 0, sampledB = 0;
    for (const DiffLine &l : std::as_const(d.lines)) {
        sampledA += l.secA;
        sampledB += l.secB;
        if (!l.beyondNoise)
            continue;
        ++d.noise.linesBeyond;
        if (l.secDelta() > 0)
            ++d.noise.slowerBeyond;
        else if (l.secDelta() < 0)
            ++d.noise.fasterBeyond;
    }
    if (sampling) {
        // The profiled time's noise from one run each: the sampling error of the CPU time the
        // samples attribute to lines. A floor: the run-to-run noise is not known from one run.
        const double sigma =
            stats::samplingDifference(sampledA, d.noise.intervalA, sampledB, d.noise.intervalB)
                .sigma;
        for (DiffFigure &f : d.summary) {
            if (f.id == DiffFigureId::ProfiledTime && f.delta() && sigma > 0) {
                f.noise = sigma;
                f.pValue = std::min(1.0, 2 * stats::normalUpperTail(std::abs(*f.delta()) / sigma));
            }
        }
    }
    d.flame = buildDiffFlameGraph(cpuStackSets(readsA), cpuStackSets(readsB));
    return d;
}

namespace {
struct LoadedProfile
{
    ScaleneProfileRead profile;
    QString error;
};

LoadedProfile loadRunProfile(const RunSummary &run)
{
    LoadedProfile l;
    ScaleneProfileRead read =
        run.profilePath.isEmpty() ? ScaleneProfileRead{} : readScaleneProfile(run.profilePath);
    if (read.state == ProfileState::Missing ||
        (read.state == ProfileState::Unreadable && !QFileInfo::exists(run.profilePath))) {
        l.error = QStringLiteral("run %1 has no readable profile%2")
                      .arg(run.label, run.profilePath.isEmpty()
                                          ? QStringLiteral(" (it was not profiled, or "
                                                           "Scalene wrote none)")
                                          : QStringLiteral(" at %1").arg(run.profilePath));
    } else if (read.state == ProfileState::Unreadable) {
        l.error =
            QStringLiteral("the profile of run %1 is unreadable: %2").arg(run.label, read.error);
    }
    l.profile = std::move(read);
    return l;
}
} // namespace

std::optional<ProfileDiff> diffRuns(const RunSummary &a, const RunSummary &b, QString *error)
{
    return diffRunGroups({a.label, {a}}, {b.label, {b}}, error);
}

std::optional<ProfileDiff> diffRunGroups(const DiffSide &a, const DiffSide &b, QString *error)
{
    // Reading and parsing the profiles is most of the work: one thread per core.
    const QList<RunSummary> runs = a.runs + b.runs;
    std::vector<LoadedProfile> loaded(std::size_t(runs.size())); // one slot per thread's run
    std::atomic<qsizetype> next{0};
    const auto work = [&] {
        for (qsizetype i = next++; i < runs.size(); i = next++)
            loaded[std::size_t(i)] = loadRunProfile(runs.at(i));
    };
    const unsigned threads =
        std::clamp<unsigned>(std::thread::hardware_concurrency(), 1, unsigned(runs.size()));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
    QList<ScaleneProfileRead> readsA, readsB;
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        if (!loaded[i].error.isEmpty()) {
            if (error)
                *error = loaded[i].error;
            return std::nullopt;
        }
        (qsizetype(i) < a.runs.size() ? readsA : readsB) << std::move(loaded[i].profile);
    }
    return diffProfileGroups(a, readsA, b, readsB);
}

namespace {
QString placeOf(const DiffLine &l)
{
    return QStringLiteral("%1:%2").arg(shortSourcePath(l.file)).arg(l.lineno);
}

// "+0.420 s ± 0.050, beyond noise"
QString secondsChange(const DiffLine &l)
{
    return QStringLiteral("%1 s ± %2, %3")
        .arg(signedNumber(l.secDelta(), 3))
        .arg(l.noiseSec, 0, 'f', 3)
        .arg(l.beyondNoise ? QStringLiteral("beyond noise") : QStringLiteral("within noise"));
}
} // namespace

QString formatDiffText(const ProfileDiff &d, int maxLines)
{
    const auto side = [](const RunSummary &first, const QList<RunSummary> &runs) {
        if (runs.size() <= 1)
            return QStringLiteral("%1 (%2)").arg(first.label, first.started.toString(Qt::ISODate));
        QStringList labels;
        for (const RunSummary &r : runs)
            labels << r.label;
        return QStringLiteral("%1 (%2 repeats: %3)")
            .arg(first.label)
            .arg(runs.size())
            .arg(labels.join(QStringLiteral(", ")));
    };
    QString out = QStringLiteral("A: %1\nB: %2\n\n").arg(side(d.a, d.runsA), side(d.b, d.runsB));
    out += QStringLiteral("%1 %2 %3 %4 %5  %6\n")
               .arg(QStringLiteral("figure"), -20)
               .arg(QStringLiteral("A"), 10)
               .arg(QStringLiteral("B"), 10)
               .arg(QStringLiteral("delta"), 10)
               .arg(QStringLiteral("delta %"), 9)
               .arg(QStringLiteral("noise"));
    for (const DiffFigure &f : d.summary)
        out += QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                   .arg(diffFigureKey(f.id), -20)
                   .arg(number(f.a, f.decimals), 10)
                   .arg(number(f.b, f.decimals), 10)
                   .arg(signedOpt(f.delta(), f.decimals), 10)
                   .arg(signedOpt(f.deltaPercent(), 1, QStringLiteral("%")), 9)
                   .arg(noiseCell(f));
    for (const QString &w : d.warnings)
        out += QStringLiteral("warning: %1\n").arg(w);
    out += QStringLiteral("\nNoise: %1\n").arg(d.noiseStatement());
    out += QStringLiteral("\nLines that changed most, in CPU seconds (share of the run x profiled "
                          "time; CPU % = Python + native + system):\n");
    for (const DiffLine &l : d.lines.mid(0, maxLines)) {
        out += QStringLiteral("  %1  CPU %2 -> %3 s, %4 -> %5 % (%6)  peak %7 -> %8 MB (%9)  "
                              "%10%11  %12\n")
                   .arg(secondsChange(l))
                   .arg(l.secA, 0, 'f', 3)
                   .arg(l.secB, 0, 'f', 3)
                   .arg(l.cpuA, 0, 'f', 1)
                   .arg(l.cpuB, 0, 'f', 1)
                   .arg(signedNumber(l.cpuDelta(), 1))
                   .arg(l.peakA, 0, 'f', 1)
                   .arg(l.peakB, 0, 'f', 1)
                   .arg(signedNumber(l.peakDelta(), 1))
                   .arg(placeOf(l))
                   .arg(!l.inA ? QStringLiteral(" [only B]")
                               : (!l.inB ? QStringLiteral(" [only A]") : QString()))
                   .arg(l.text.left(60));
    }
    return out;
}

QString formatDiffMarkdown(const ProfileDiff &d, int maxLines, const QList<GateResult> &gates)
{
    const auto code = [](const QString &text) {
        QString c = text.left(60);
        c.replace(u'|', QStringLiteral("\\|"));
        c.replace(u'`', u'\'');
        return c;
    };
    QString out = QStringLiteral("### Filare Perf: `%1` → `%2`\n\n").arg(d.a.label, d.b.label);
    for (const GateResult &g : gates)
        out += QStringLiteral("- %1 `--%2`: %3\n")
                   .arg(g.failed ? QStringLiteral("❌")
                                 : (g.checked ? QStringLiteral("✅") : QStringLiteral("⚠")),
                        g.option, g.message);
    if (!gates.isEmpty())
        out += u'\n';
    out += QStringLiteral("| figure | A | B | Δ | Δ% | noise |\n|---|---:|---:|---:|---:|---|\n");
    for (const DiffFigure &f : d.summary)
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                   .arg(diffFigureKey(f.id), number(f.a, f.decimals), number(f.b, f.decimals),
                        signedOpt(f.delta(), f.decimals),
                        signedOpt(f.deltaPercent(), 1, QStringLiteral("%")), noiseCell(f));
    for (const QString &w : d.warnings)
        out += QStringLiteral("\n> ⚠ %1\n").arg(w);
    out += QStringLiteral("\n**Noise.** %1\n").arg(d.noiseStatement());
    // The worst regressions and the best improvements beyond noise, then every line.
    for (const bool slower : {true, false}) {
        QList<const DiffLine *> picked;
        for (const DiffLine &l : d.lines) {
            if (l.beyondNoise && (slower ? l.secDelta() > 0 : l.secDelta() < 0) &&
                picked.size() < qMax(1, maxLines / 2))
                picked << &l;
        }
        if (picked.isEmpty())
            continue;
        out += slower ? QStringLiteral("\n#### Slower beyond noise\n\n")
                      : QStringLiteral("\n#### Faster beyond noise\n\n");
        for (const DiffLine *l : picked)
            out += QStringLiteral("- `%1` `%2`: %3 s → %4 s (%5)\n")
                       .arg(placeOf(*l), code(l->text))
                       .arg(l->secA, 0, 'f', 3)
                       .arg(l->secB, 0, 'f', 3)
                       .arg(secondsChange(*l));
    }
    out += QStringLiteral("\n| line | code | CPU s A | CPU s B | Δ s | ± noise | CPU % A | CPU % B "
                          "| Δ CPU | peak MB A | peak MB B | Δ peak |\n"
                          "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (const DiffLine &l : d.lines.mid(0, maxLines)) {
        // Lines within noise are set in italics: shown, not hidden.
        const QString delta = l.beyondNoise
                                  ? QStringLiteral("**%1**").arg(signedNumber(l.secDelta(), 3))
                                  : QStringLiteral("_%1_").arg(signedNumber(l.secDelta(), 3));
        out +=
            QStringLiteral("| `%1`%2 | `%3` | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 | %12 | "
                           "%13 |\n")
                .arg(placeOf(l))
                .arg(!l.inA ? QStringLiteral(" (new)")
                            : (!l.inB ? QStringLiteral(" (gone)") : QString()))
                .arg(code(l.text))
                .arg(l.secA, 0, 'f', 3)
                .arg(l.secB, 0, 'f', 3)
                .arg(delta)
                .arg(QStringLiteral("%1 %2")
                         .arg(l.noiseSec, 0, 'f', 3)
                         .arg(l.beyondNoise ? QStringLiteral("beyond") : QStringLiteral("within")))
                .arg(l.cpuA, 0, 'f', 1)
                .arg(l.cpuB, 0, 'f', 1)
                .arg(signedNumber(l.cpuDelta(), 1))
                .arg(l.peakA, 0, 'f', 1)
                .arg(l.peakB, 0, 'f', 1)
                .arg(signedNumber(l.peakDelta(), 1));
    }
    return out;
}

namespace {
QJsonArray itemsToJson(const QList<DiffLine> &items, const QString &nameKey)
{
    QJsonArray out;
    for (const DiffLine &l : items) {
        QJsonObject o{{QStringLiteral("file"), l.file},
                      {QStringLiteral("lineno"), l.lineno},
                      {QStringLiteral("in_a"), l.inA},
                      {QStringLiteral("in_b"), l.inB},
                      {QStringLiteral("cpu_percent_a"), l.cpuA},
                      {QStringLiteral("cpu_percent_b"), l.cpuB},
                      {QStringLiteral("cpu_percent_delta"), l.cpuDelta()},
                      {QStringLiteral("cpu_seconds_a"), l.secA},
                      {QStringLiteral("cpu_seconds_b"), l.secB},
                      {QStringLiteral("cpu_seconds_delta"), l.secDelta()},
                      {QStringLiteral("noise_seconds"), l.noiseSec},
                      {QStringLiteral("p_value"), l.pValue},
                      {QStringLiteral("q_value"), l.qValue},
                      {QStringLiteral("beyond_noise"), l.beyondNoise},
                      {QStringLiteral("peak_mb_a"), l.peakA},
                      {QStringLiteral("peak_mb_b"), l.peakB},
                      {QStringLiteral("peak_mb_delta"), l.peakDelta()},
                      {QStringLiteral("copy_mb_s_a"), l.copyA},
                      {QStringLiteral("copy_mb_s_b"), l.copyB}};
        if (!nameKey.isEmpty())
            o.insert(nameKey, l.text);
        out.append(o);
    }
    return out;
}
} // namespace

QJsonObject diffToJson(const ProfileDiff &d, const QList<GateResult> &gates)
{
    QJsonArray gateArray;
    for (const GateResult &g : gates)
        gateArray.append(QJsonObject{{QStringLiteral("option"), g.option},
                                     {QStringLiteral("checked"), g.checked},
                                     {QStringLiteral("failed"), g.failed},
                                     {QStringLiteral("message"), g.message}});
    QJsonObject summary;
    for (const DiffFigure &f : d.summary)
        summary.insert(
            diffFigureKey(f.id),
            QJsonObject{{QStringLiteral("a"), jsonNumberOrNull(f.a)},
                        {QStringLiteral("b"), jsonNumberOrNull(f.b)},
                        {QStringLiteral("delta"), jsonNumberOrNull(f.delta())},
                        {QStringLiteral("delta_percent"), jsonNumberOrNull(f.deltaPercent())},
                        {QStringLiteral("noise"), jsonNumberOrNull(f.noise)},
                        {QStringLiteral("p_value"), jsonNumberOrNull(f.pValue)},
                        {QStringLiteral("beyond_noise"), f.beyondNoise()}});
    const QJsonObject noise{{QStringLiteral("basis"), diffNoiseBasisKey(d.noise.basis)},
                            {QStringLiteral("false_discovery_rate"), kFalseDiscoveryRate},
                            {QStringLiteral("interval_a_s"), d.noise.intervalA},
                            {QStringLiteral("interval_b_s"), d.noise.intervalB},
                            {QStringLiteral("dispersion"), d.noise.dispersion},
                            {QStringLiteral("lines_compared"), d.noise.linesCompared},
                            {QStringLiteral("lines_beyond_noise"), d.noise.linesBeyond},
                            {QStringLiteral("lines_slower_beyond_noise"), d.noise.slowerBeyond},
                            {QStringLiteral("lines_faster_beyond_noise"), d.noise.fasterBeyond},
                            {QStringLiteral("statement"), d.noiseStatement()}};
    const auto labels = [](const QList<RunSummary> &runs) {
        QJsonArray out;
        for (const RunSummary &r : runs)
            out.append(r.label);
        return out;
    };
    return QJsonObject{
        {QStringLiteral("a"), d.a.label},
        {QStringLiteral("b"), d.b.label},
        {QStringLiteral("runs_a"), labels(d.runsA)},
        {QStringLiteral("runs_b"), labels(d.runsB)},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("noise"), noise},
        {QStringLiteral("lines"), itemsToJson(d.lines, QStringLiteral("line"))},
        {QStringLiteral("functions"), itemsToJson(d.functions, QStringLiteral("function"))},
        {QStringLiteral("files"), itemsToJson(d.files, {})},
        {QStringLiteral("gates"), gateArray},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(d.warnings)}};
}

QList<GateResult> evaluateGates(const ProfileDiff &d, const DiffGates &gates)
{
    QList<GateResult> out;
    const auto percentGate = [&](const std::optional<double> &limit, const QString &option,
                                 DiffFigureId id, const QString &what) {
        if (!limit)
            return;
        GateResult g;
        g.option = option;
        const DiffFigure *f = d.figure(id);
        const std::optional<double> pct = f ? f->deltaPercent() : std::nullopt;
        if (!pct) {
            g.message = QStringLiteral("cannot check %1: a run lacks the figure").arg(what);
            out << g;
            return;
        }
        g.checked = true;
        const QString change = QStringLiteral("%1 grew by %2% (limit %3%)")
                                   .arg(what, QString::number(*pct, 'f', 1))
                                   .arg(*limit);
        if (*pct <= *limit) {
            g.message = QStringLiteral("%1 %2 by %3%, within the limit of %4%")
                            .arg(what, *pct < 0 ? QStringLiteral("fell") : QStringLiteral("grew"),
                                 QString::number(std::abs(*pct), 'f', 1))
                            .arg(*limit);
        } else if (!f->noise) {
            // No spread is known: the limit alone decides, and the message says so.
            g.failed = true;
            g.message = change + QStringLiteral("; its noise is not known from one run per "
                                                "side (repeat runs to know it)");
        } else if (f->beyondNoise()) {
            g.failed = true;
            g.message = change + QStringLiteral(", beyond noise (± %1, p = %2)")
                                     .arg(*f->noise, 0, 'f', f->decimals)
                                     .arg(*f->pValue, 0, 'g', 2);
        } else {
            g.message = change + QStringLiteral(", but within noise (± %1, p = %2): not failed")
                                     .arg(*f->noise, 0, 'f', f->decimals)
                                     .arg(*f->pValue, 0, 'g', 2);
        }
        out << g;
    };
    percentGate(gates.slowerPercent, QStringLiteral("fail-if-slower"), DiffFigureId::ProfiledTime,
                QStringLiteral("profiled time"));
    percentGate(gates.peakOverPercent, QStringLiteral("fail-if-peak-over"),
                DiffFigureId::PeakMemory, QStringLiteral("peak memory"));
    if (gates.peakHigherMb) {
        GateResult g;
        g.option = QStringLiteral("fail-if-peak-higher");
        const DiffFigure *f = d.figure(DiffFigureId::PeakMemory);
        if (const std::optional<double> mb = f ? f->delta() : std::nullopt; !mb) {
            g.message = QStringLiteral("cannot check peak memory: a run lacks the figure");
        } else {
            g.checked = true;
            g.failed = *mb > *gates.peakHigherMb;
            g.message = g.failed ? QStringLiteral("peak memory grew by %1 MB (limit %2 MB); its "
                                                  "noise is not known from one run per side")
                                       .arg(*mb, 0, 'f', 1)
                                       .arg(*gates.peakHigherMb)
                                 : QStringLiteral("peak memory changed by %1 MB, within the "
                                                  "limit of %2 MB")
                                       .arg(signedNumber(*mb, 1))
                                       .arg(*gates.peakHigherMb);
        }
        out << g;
    }
    if (gates.lineSlowerSec) {
        GateResult g;
        g.option = QStringLiteral("fail-if-line-slower");
        g.checked = true;
        const DiffLine *worst = nullptr;       // beyond noise and over the limit
        const DiffLine *worstWithin = nullptr; // over the limit, within noise
        for (const DiffLine &l : d.lines) {
            if (l.secDelta() <= *gates.lineSlowerSec)
                continue;
            const DiffLine *&slot = l.beyondNoise ? worst : worstWithin;
            if (!slot || l.secDelta() > slot->secDelta())
                slot = &l;
        }
        if (worst) {
            g.failed = true;
            g.message =
                QStringLiteral("%1 (%2) is %3 s slower (limit %4 s), beyond noise "
                               "(± %5 s, q = %6)")
                    .arg(placeOf(*worst), worst->text.left(60), signedNumber(worst->secDelta(), 3))
                    .arg(*gates.lineSlowerSec)
                    .arg(worst->noiseSec, 0, 'f', 3)
                    .arg(worst->qValue, 0, 'g', 2);
        } else if (worstWithin) {
            g.message = QStringLiteral("no line is slower by more than %1 s beyond noise; %2 "
                                       "is %3 s slower, within noise (± %4 s)")
                            .arg(*gates.lineSlowerSec)
                            .arg(placeOf(*worstWithin), signedNumber(worstWithin->secDelta(), 3))
                            .arg(worstWithin->noiseSec, 0, 'f', 3);
        } else {
            g.message =
                QStringLiteral("no line is slower by more than %1 s").arg(*gates.lineSlowerSec);
        }
        out << g;
    }
    return out;
}

QString formatGatesJunit(const ProfileDiff &d, const QList<GateResult> &gates)
{
    int failures = 0, skipped = 0;
    for (const GateResult &g : gates) {
        failures += g.failed ? 1 : 0;
        skipped += g.checked ? 0 : 1;
    }
    const QString suite = QStringLiteral("filare-perf diff %1 %2").arg(d.a.label, d.b.label);
    QString out = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out += QStringLiteral("<testsuites>\n  <testsuite name=\"%1\" tests=\"%2\" failures=\"%3\" "
                          "skipped=\"%4\">\n")
               .arg(suite.toHtmlEscaped())
               .arg(gates.size() + 1)
               .arg(failures)
               .arg(skipped);
    // The noise statement is a passing case of its own, so a diff without gates still reports.
    out += QStringLiteral("    <testcase classname=\"filare-perf.diff\" name=\"noise\">\n"
                          "      <system-out>%1</system-out>\n    </testcase>\n")
               .arg(d.noiseStatement().toHtmlEscaped());
    for (const GateResult &g : gates) {
        out += QStringLiteral("    <testcase classname=\"filare-perf.diff\" name=\"%1\">\n")
                   .arg(g.option.toHtmlEscaped());
        if (g.failed)
            out +=
                QStringLiteral("      <failure message=\"%1\"/>\n").arg(g.message.toHtmlEscaped());
        else if (!g.checked)
            out +=
                QStringLiteral("      <skipped message=\"%1\"/>\n").arg(g.message.toHtmlEscaped());
        else
            out += QStringLiteral("      <system-out>%1</system-out>\n")
                       .arg(g.message.toHtmlEscaped());
        out += QStringLiteral("    </testcase>\n");
    }
    out += QStringLiteral("  </testsuite>\n</testsuites>\n");
    return out;
}

} // namespace fperf
