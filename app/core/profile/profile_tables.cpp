// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/profile_tables.h"

#include <QDir>
#include <QMap>

#include <algorithm>

namespace fperf {

std::optional<double> columnValue(const ProfileRow &row, ProfileColumn column)
{
    const SourceFigures &f = row.figures;
    switch (column) {
    case ProfileColumn::Cpu:
        return f.cpuPercent();
    case ProfileColumn::CpuPython:
        return f.cpuPython;
    case ProfileColumn::CpuNative:
        return f.cpuNative;
    case ProfileColumn::CpuSystem:
        return f.cpuSystem;
    case ProfileColumn::CoreUtilization:
        return f.coreUtilization;
    case ProfileColumn::AvgMb:
        return f.avgMb;
    case ProfileColumn::PeakMb:
        return f.peakMb;
    case ProfileColumn::MallocMb:
        return f.mallocMb;
    case ProfileColumn::Mallocs:
        return f.mallocs;
    case ProfileColumn::CopyMbPerSec:
        return f.copyMbPerSec;
    case ProfileColumn::GpuPercent:
        return f.gpuPercent;
    case ProfileColumn::AsyncAwaitPercent:
        return f.asyncAwaitPercent;
    }
    return std::nullopt;
}

QList<double> columnMaxima(const QList<ProfileRow> &rows, const QList<int> &indexes,
                           const QList<ProfileColumn> &columns)
{
    QList<double> max(columns.size(), 0.0);
    for (int i : indexes) {
        for (int c = 0; c < columns.size(); ++c) {
            if (const auto v = columnValue(rows.at(i), columns.at(c)))
                max[c] = std::max(max[c], *v);
        }
    }
    return max;
}

std::optional<double> barFraction(const std::optional<double> &value, double columnMax)
{
    if (!value || columnMax <= 0)
        return std::nullopt;
    return std::clamp(*value / columnMax, 0.0, 1.0);
}

QList<ProfileColumn> measuredColumns(const ScaleneProfile &p)
{
    QList<ProfileColumn> out{ProfileColumn::Cpu, ProfileColumn::CpuPython, ProfileColumn::CpuNative,
                             ProfileColumn::CpuSystem};
    if (p.format == ScaleneFormat::Scalene2)
        out << ProfileColumn::CoreUtilization;
    if (p.memory)
        out << ProfileColumn::AvgMb << ProfileColumn::PeakMb << ProfileColumn::MallocMb
            << ProfileColumn::Mallocs << ProfileColumn::CopyMbPerSec;
    if (p.gpu)
        out << ProfileColumn::GpuPercent;
    if (p.asyncProfile)
        out << ProfileColumn::AsyncAwaitPercent;
    return out;
}

namespace {
void addTo(std::optional<double> &sum, const std::optional<double> &v)
{
    if (v)
        sum = sum.value_or(0) + *v;
}
void maxTo(std::optional<double> &peak, const std::optional<double> &v)
{
    if (v)
        peak = std::max(peak.value_or(*v), *v);
}

QString trimmedSource(QString text)
{
    while (text.endsWith(u'\n') || text.endsWith(u'\r') || text.endsWith(u' '))
        text.chop(1);
    return text;
}
} // namespace

bool isImportTimeLine(const ScaleneProfile &p, const QString &file, const LineProfile &line)
{
    return p.format == ScaleneFormat::Scalene2 && line.startFunctionLine == 0 &&
           QDir::cleanPath(file) != QDir::cleanPath(p.program);
}

QList<ProfileRow> profileRows(const ScaleneProfile &p, ProfileLevel level, bool withoutImportTime)
{
    QList<ProfileRow> rows;
    for (const FileProfile &file : p.files) {
        if (level == ProfileLevel::Functions) {
            for (const SourceFigures &fn : file.functions) {
                if (fn.active())
                    rows.append({level, file.path, fn.text, fn.lineno, fn});
            }
            continue;
        }
        if (level == ProfileLevel::Lines) {
            for (const LineProfile &line : file.lines) {
                if (!line.active())
                    continue;
                const bool importTime = isImportTimeLine(p, file.path, line);
                if (importTime && withoutImportTime)
                    continue;
                ProfileRow row{level,       file.path, trimmedSource(line.text),
                               line.lineno, line,      importTime};
                row.figures.text = row.name;
                rows.append(row);
            }
            continue;
        }
        // A file: the sum of its lines (utilisation and averages are not sums: the highest).
        SourceFigures sum;
        bool any = false;
        for (const LineProfile &l : file.lines) {
            if (!l.active() || (withoutImportTime && isImportTimeLine(p, file.path, l)))
                continue;
            any = true;
            sum.cpuPython += l.cpuPython;
            sum.cpuNative += l.cpuNative;
            sum.cpuSystem += l.cpuSystem;
            maxTo(sum.coreUtilization, l.coreUtilization);
            maxTo(sum.avgMb, l.avgMb);
            maxTo(sum.peakMb, l.peakMb);
            addTo(sum.mallocMb, l.mallocMb);
            addTo(sum.mallocs, l.mallocs);
            addTo(sum.copyMbPerSec, l.copyMbPerSec);
            addTo(sum.gpuPercent, l.gpuPercent);
            addTo(sum.asyncAwaitPercent, l.asyncAwaitPercent);
        }
        if (any)
            rows.append({level, file.path, {}, 0, sum});
    }
    return rows;
}

bool isFilareSource(const QString &path)
{
    QString p = path;
    p.replace(u'\\', u'/');
    // Under site-packages only the package counts: a venv inside a checkout named filare
    // holds every dependency under ".../filare/.venv/...".
    static const QLatin1String sitePackages("site-packages/");
    const qsizetype at = p.lastIndexOf(sitePackages);
    if (at >= 0)
        return p.mid(at + sitePackages.size()).startsWith(QLatin1String("filare/"));
    return p.startsWith(QLatin1String("filare/")) || p.contains(QLatin1String("/filare/"));
}

QList<int> selectRowIndexes(const QList<ProfileRow> &rows, const RowQuery &q)
{
    // Sort keys are taken once per row and the rows themselves never move: on a profile of
    // hundreds of thousands of lines, moving rows was most of the time.
    struct Key
    {
        double value;
        bool measured;
        int index;
    };
    std::vector<Key> keys;
    keys.reserve(size_t(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const ProfileRow &r = rows.at(i);
        if (q.filareOnly && !isFilareSource(r.file))
            continue;
        if (q.hideImportTime && r.importTime)
            continue;
        if (!q.search.isEmpty() && !r.file.contains(q.search, Qt::CaseInsensitive) &&
            !r.name.contains(q.search, Qt::CaseInsensitive))
            continue;
        const std::optional<double> v = columnValue(r, q.sortBy);
        keys.push_back({v.value_or(0), v.has_value(), i});
    }
    const auto before = [&rows, &q](const Key &a, const Key &b) {
        if (a.measured != b.measured)
            return a.measured; // measured before absent
        if (a.measured && a.value != b.value)
            return q.ascending ? a.value < b.value : a.value > b.value;
        const ProfileRow &ra = rows.at(a.index);
        const ProfileRow &rb = rows.at(b.index);
        if (ra.file != rb.file)
            return ra.file < rb.file;
        if (ra.lineno != rb.lineno)
            return ra.lineno < rb.lineno;
        return a.index < b.index; // a total order: the same rows come out the same way
    };
    if (q.top > 0 && keys.size() > size_t(q.top)) {
        std::partial_sort(keys.begin(), keys.begin() + q.top, keys.end(), before);
        keys.resize(size_t(q.top));
    } else {
        std::sort(keys.begin(), keys.end(), before);
    }
    QList<int> out;
    out.reserve(qsizetype(keys.size()));
    for (const Key &k : keys)
        out.append(k.index);
    return out;
}

QList<ProfileRow> selectRows(const QList<ProfileRow> &rows, const RowQuery &q)
{
    QList<ProfileRow> out;
    for (int i : selectRowIndexes(rows, q))
        out.append(rows.at(i));
    return out;
}

QList<ProfileRow> sourceRows(const ScaleneProfile &p, const QString &file,
                             const QStringList &diskLines)
{
    QMap<int, ProfileRow> byLine;
    for (const FileProfile &f : p.files) {
        if (f.path != file)
            continue;
        for (const LineProfile &line : f.lines) {
            ProfileRow row{ProfileLevel::Lines, f.path, trimmedSource(line.text),
                           line.lineno,         line,   isImportTimeLine(p, f.path, line)};
            row.figures.text = row.name;
            byLine.insert(line.lineno, row);
        }
    }
    for (int i = 0; i < diskLines.size(); ++i) {
        const int lineno = i + 1;
        if (!byLine.contains(lineno)) {
            ProfileRow row{ProfileLevel::Lines, file, trimmedSource(diskLines.at(i)), lineno, {}};
            row.figures.lineno = lineno;
            row.figures.text = row.name;
            byLine.insert(lineno, row);
        }
    }
    return byLine.values();
}

QList<LeakRow> rankedLeaks(const ScaleneProfile &p)
{
    QList<LeakRow> out;
    for (const FileProfile &file : p.files) {
        for (const LeakProfile &leak : file.leaks) {
            QString text;
            for (const LineProfile &l : file.lines) {
                if (l.lineno == leak.lineno)
                    text = trimmedSource(l.text);
            }
            out.append({file.path, leak.lineno, text, leak.likelihood, leak.velocityMbPerSec});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const LeakRow &a, const LeakRow &b) {
        if (a.likelihood != b.likelihood)
            return a.likelihood > b.likelihood;
        return a.velocityMbPerSec > b.velocityMbPerSec;
    });
    return out;
}

} // namespace fperf
