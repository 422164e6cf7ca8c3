// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/profile_diff.h"

#include "core/util/json_number.h"

#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <thread>

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
    return std::abs(cpuDelta()) + std::abs(peakDelta());
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

namespace {
struct LineFigures
{
    QString text;
    double cpu = 0;
    double peak = 0;
    double copy = 0;
};

using LineKey = std::pair<QString, int>;

QMap<LineKey, LineFigures> activeLines(const ScaleneProfile &profile)
{
    QMap<LineKey, LineFigures> out;
    for (const FileProfile &file : profile.files) {
        for (const LineProfile &line : file.lines) {
            LineFigures f;
            f.text = line.text.trimmed();
            f.cpu = line.cpuPercent();
            f.peak = line.peakMb.value_or(0);
            f.copy = line.copyMbPerSec.value_or(0);
            if (f.cpu > 0 || f.peak > 0 || f.copy > 0)
                out.insert({file.path, line.lineno}, f);
        }
    }
    return out;
}

QString number(const std::optional<double> &v, int decimals = 2)
{
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("-");
}

QString signedOpt(const std::optional<double> &v, int decimals = 2, const QString &suffix = {})
{
    return v ? signedNumber(*v, decimals) + suffix : QStringLiteral("-");
}

} // namespace

QString signedNumber(double v, int decimals)
{
    return (v > 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', decimals);
}

ProfileDiff diffProfiles(const RunSummary &a, const ScaleneProfileRead &readA, const RunSummary &b,
                         const ScaleneProfileRead &readB)
{
    const ScaleneProfile &profileA = readA.profile;
    const ScaleneProfile &profileB = readB.profile;
    // `{}` (a run too short) measured nothing: no profiled time rather than 0 s.
    const auto elapsed = [](const ScaleneProfileRead &r) {
        return r.usable() ? std::optional<double>(r.profile.elapsedSec) : std::nullopt;
    };
    ProfileDiff d;
    d.a = a;
    d.b = b;
    const auto samples = [](const RunSummary &r) {
        return r.cpuSamples > 0 ? std::optional<double>(r.cpuSamples) : std::nullopt;
    };
    d.summary = {
        {DiffFigureId::WallTime, a.durationSec, b.durationSec},
        {DiffFigureId::ProfiledTime, elapsed(readA), elapsed(readB)},
        // Without memory profiling there is no peak: no figure, not a zero.
        {DiffFigureId::PeakMemory, profileA.maxFootprintMb, profileB.maxFootprintMb},
        {DiffFigureId::CpuSamples, samples(a), samples(b), 0},
        {DiffFigureId::OverheadRatio, a.overheadRatio, b.overheadRatio},
    };
    if (a.cpuRate != b.cpuRate)
        d.warnings << QStringLiteral("The runs used different CPU intervals (%1 s vs %2 s): "
                                     "sample counts differ for that reason alone")
                          .arg(a.cpuRate)
                          .arg(b.cpuRate);
    if (a.memory != b.memory)
        d.warnings << QStringLiteral("Memory profiling was %1 in A and %2 in B: times are not "
                                     "comparable, and memory figures exist for one run only")
                          .arg(a.memory ? QStringLiteral("on") : QStringLiteral("off"),
                               b.memory ? QStringLiteral("on") : QStringLiteral("off"));

    const QMap<LineKey, LineFigures> la = activeLines(profileA);
    const QMap<LineKey, LineFigures> lb = activeLines(profileB);
    QList<LineKey> keys = la.keys();
    for (const LineKey &k : lb.keys()) {
        if (!la.contains(k))
            keys << k;
    }
    for (const LineKey &k : keys) {
        DiffLine l;
        l.file = k.first;
        l.lineno = k.second;
        l.inA = la.contains(k);
        l.inB = lb.contains(k);
        const LineFigures fa = la.value(k);
        const LineFigures fb = lb.value(k);
        l.text = l.inB ? fb.text : fa.text;
        l.cpuA = fa.cpu;
        l.cpuB = fb.cpu;
        l.peakA = fa.peak;
        l.peakB = fb.peak;
        l.copyA = fa.copy;
        l.copyB = fb.copy;
        d.lines << l;
    }
    std::stable_sort(d.lines.begin(), d.lines.end(), [](const DiffLine &x, const DiffLine &y) {
        return x.changeSize() > y.changeSize();
    });
    return d;
}

std::optional<ProfileDiff> diffRuns(const RunSummary &a, const RunSummary &b, QString *error)
{
    // Reading and parsing the two profiles is most of the work: one thread each.
    struct Loaded
    {
        ScaleneProfileRead profile;
        QString error;
    };
    const auto load = [](const RunSummary &run) {
        Loaded l;
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
            l.error = QStringLiteral("the profile of run %1 is unreadable: %2")
                          .arg(run.label, read.error);
        }
        l.profile = std::move(read);
        return l;
    };
    Loaded la;
    std::thread other([&] { la = load(a); });
    const Loaded lb = load(b);
    other.join();
    for (const Loaded *l : {static_cast<const Loaded *>(&la), &lb}) {
        if (!l->error.isEmpty()) {
            if (error)
                *error = l->error;
            return std::nullopt;
        }
    }
    return diffProfiles(a, la.profile, b, lb.profile);
}

QString formatDiffText(const ProfileDiff &d, int maxLines)
{
    QString out = QStringLiteral("A: %1 (%2)\nB: %3 (%4)\n\n")
                      .arg(d.a.label, d.a.started.toString(Qt::ISODate), d.b.label,
                           d.b.started.toString(Qt::ISODate));
    out += QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("figure"), -20)
               .arg(QStringLiteral("A"), 10)
               .arg(QStringLiteral("B"), 10)
               .arg(QStringLiteral("delta"), 10)
               .arg(QStringLiteral("delta %"), 9);
    for (const DiffFigure &f : d.summary)
        out += QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(diffFigureKey(f.id), -20)
                   .arg(number(f.a, f.decimals), 10)
                   .arg(number(f.b, f.decimals), 10)
                   .arg(signedOpt(f.delta(), f.decimals), 10)
                   .arg(signedOpt(f.deltaPercent(), 1, QStringLiteral("%")), 9);
    for (const QString &w : d.warnings)
        out += QStringLiteral("warning: %1\n").arg(w);
    out += QStringLiteral("\nLines that changed most (CPU % = Python + native + system):\n");
    for (const DiffLine &l : d.lines.mid(0, maxLines)) {
        out += QStringLiteral("  CPU %1 -> %2 (%3)  peak %4 -> %5 MB (%6)  %7:%8%9  %10\n")
                   .arg(l.cpuA, 0, 'f', 1)
                   .arg(l.cpuB, 0, 'f', 1)
                   .arg(signedNumber(l.cpuDelta(), 1))
                   .arg(l.peakA, 0, 'f', 1)
                   .arg(l.peakB, 0, 'f', 1)
                   .arg(signedNumber(l.peakDelta(), 1))
                   .arg(shortSourcePath(l.file))
                   .arg(l.lineno)
                   .arg(!l.inA ? QStringLiteral(" [only B]")
                               : (!l.inB ? QStringLiteral(" [only A]") : QString()))
                   .arg(l.text.left(60));
    }
    return out;
}

QString formatDiffMarkdown(const ProfileDiff &d, int maxLines)
{
    QString out = QStringLiteral("### Filare Perf: `%1` → `%2`\n\n").arg(d.a.label, d.b.label);
    out += QStringLiteral("| figure | A | B | Δ | Δ% |\n|---|---:|---:|---:|---:|\n");
    for (const DiffFigure &f : d.summary)
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                   .arg(diffFigureKey(f.id), number(f.a, f.decimals), number(f.b, f.decimals),
                        signedOpt(f.delta(), f.decimals),
                        signedOpt(f.deltaPercent(), 1, QStringLiteral("%")));
    for (const QString &w : d.warnings)
        out += QStringLiteral("\n> ⚠ %1\n").arg(w);
    out += QStringLiteral("\n| line | code | CPU % A | CPU % B | Δ CPU | peak MB A | peak MB B | "
                          "Δ peak |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (const DiffLine &l : d.lines.mid(0, maxLines)) {
        QString code = l.text.left(60);
        code.replace(u'|', QStringLiteral("\\|"));
        code.replace(u'`', u'\'');
        out += QStringLiteral("| `%1:%2`%3 | `%4` | %5 | %6 | %7 | %8 | %9 | %10 |\n")
                   .arg(shortSourcePath(l.file))
                   .arg(l.lineno)
                   .arg(!l.inA ? QStringLiteral(" (new)")
                               : (!l.inB ? QStringLiteral(" (gone)") : QString()))
                   .arg(code)
                   .arg(l.cpuA, 0, 'f', 1)
                   .arg(l.cpuB, 0, 'f', 1)
                   .arg(signedNumber(l.cpuDelta(), 1))
                   .arg(l.peakA, 0, 'f', 1)
                   .arg(l.peakB, 0, 'f', 1)
                   .arg(signedNumber(l.peakDelta(), 1));
    }
    return out;
}

QJsonObject diffToJson(const ProfileDiff &d)
{
    QJsonObject summary;
    for (const DiffFigure &f : d.summary)
        summary.insert(
            diffFigureKey(f.id),
            QJsonObject{{QStringLiteral("a"), jsonNumberOrNull(f.a)},
                        {QStringLiteral("b"), jsonNumberOrNull(f.b)},
                        {QStringLiteral("delta"), jsonNumberOrNull(f.delta())},
                        {QStringLiteral("delta_percent"), jsonNumberOrNull(f.deltaPercent())}});
    QJsonArray lines;
    for (const DiffLine &l : d.lines)
        lines.append(QJsonObject{{QStringLiteral("file"), l.file},
                                 {QStringLiteral("lineno"), l.lineno},
                                 {QStringLiteral("line"), l.text},
                                 {QStringLiteral("in_a"), l.inA},
                                 {QStringLiteral("in_b"), l.inB},
                                 {QStringLiteral("cpu_percent_a"), l.cpuA},
                                 {QStringLiteral("cpu_percent_b"), l.cpuB},
                                 {QStringLiteral("cpu_percent_delta"), l.cpuDelta()},
                                 {QStringLiteral("peak_mb_a"), l.peakA},
                                 {QStringLiteral("peak_mb_b"), l.peakB},
                                 {QStringLiteral("peak_mb_delta"), l.peakDelta()},
                                 {QStringLiteral("copy_mb_s_a"), l.copyA},
                                 {QStringLiteral("copy_mb_s_b"), l.copyB}});
    return QJsonObject{{QStringLiteral("a"), d.a.label},
                       {QStringLiteral("b"), d.b.label},
                       {QStringLiteral("summary"), summary},
                       {QStringLiteral("lines"), lines},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(d.warnings)}};
}

} // namespace fperf
