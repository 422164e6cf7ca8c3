// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/profile_diff.h"

#include "core/util/json_number.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

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

const DiffFigure *ProfileDiff::figure(const QString &name) const
{
    for (const DiffFigure &f : summary) {
        if (f.name == name)
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

QMap<LineKey, LineFigures> activeLines(const QJsonObject &profile)
{
    QMap<LineKey, LineFigures> out;
    const QJsonObject files = profile.value(QStringLiteral("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QJsonArray lines = it.value().toObject().value(QStringLiteral("lines")).toArray();
        for (const QJsonValue &v : lines) {
            const QJsonObject o = v.toObject();
            LineFigures f;
            f.text = o.value(QStringLiteral("line")).toString().trimmed();
            f.cpu = o.value(QStringLiteral("n_cpu_percent_python")).toDouble() +
                    o.value(QStringLiteral("n_cpu_percent_c")).toDouble() +
                    o.value(QStringLiteral("n_sys_percent")).toDouble();
            f.peak = o.value(QStringLiteral("n_peak_mb")).toDouble();
            f.copy = o.value(QStringLiteral("n_copy_mb_s")).toDouble();
            if (f.cpu > 0 || f.peak > 0 || f.copy > 0)
                out.insert({it.key(), o.value(QStringLiteral("lineno")).toInt()}, f);
        }
    }
    return out;
}

std::optional<double> opt(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

// Without memory profiling Scalene reports a peak of 0: no figure, not a zero.
std::optional<double> peakOf(const QJsonObject &profile)
{
    if (!profile.value(QStringLiteral("memory")).toBool())
        return std::nullopt;
    return opt(profile, "max_footprint_mb");
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

ProfileDiff diffProfiles(const RunSummary &a, const QJsonObject &profileA, const RunSummary &b,
                         const QJsonObject &profileB)
{
    ProfileDiff d;
    d.a = a;
    d.b = b;
    const auto samples = [](const RunSummary &r) {
        return r.cpuSamples > 0 ? std::optional<double>(r.cpuSamples) : std::nullopt;
    };
    d.summary = {
        {QStringLiteral("wall time (s)"), a.durationSec, b.durationSec},
        {QStringLiteral("profiled time (s)"), opt(profileA, "elapsed_time_sec"),
         opt(profileB, "elapsed_time_sec")},
        {QStringLiteral("peak memory (MB)"), peakOf(profileA), peakOf(profileB)},
        {QStringLiteral("CPU samples"), samples(a), samples(b), 0},
        {QStringLiteral("overhead ratio"), a.overheadRatio, b.overheadRatio},
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
        QJsonObject profile;
        QString error;
    };
    const auto load = [](const RunSummary &run) {
        Loaded l;
        QFile f(run.profilePath);
        if (run.profilePath.isEmpty() || !f.open(QIODevice::ReadOnly)) {
            l.error = QStringLiteral("run %1 has no readable profile%2")
                          .arg(run.label, run.profilePath.isEmpty()
                                              ? QStringLiteral(" (it was not profiled, or "
                                                               "Scalene wrote none)")
                                              : QStringLiteral(" at %1").arg(run.profilePath));
            return l;
        }
        QJsonParseError parseError;
        l.profile = QJsonDocument::fromJson(f.readAll(), &parseError).object();
        if (parseError.error != QJsonParseError::NoError)
            l.error = QStringLiteral("the profile of run %1 is unreadable: %2")
                          .arg(run.label, parseError.errorString());
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
                   .arg(f.name, -20)
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
                   .arg(f.name, number(f.a, f.decimals), number(f.b, f.decimals),
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
        summary.insert(f.name, QJsonObject{{QStringLiteral("a"), jsonNumberOrNull(f.a)},
                                           {QStringLiteral("b"), jsonNumberOrNull(f.b)},
                                           {QStringLiteral("delta"), jsonNumberOrNull(f.delta())},
                                           {QStringLiteral("delta_percent"),
                                            jsonNumberOrNull(f.deltaPercent())}});
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
