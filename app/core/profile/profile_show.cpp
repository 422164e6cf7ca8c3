// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/profile_show.h"

#include "core/util/enum_key.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fperf {

QString profileColumnHeading(ProfileColumn column)
{
    switch (column) {
    case ProfileColumn::Cpu:
        return QStringLiteral("CPU %");
    case ProfileColumn::CpuPython:
        return QStringLiteral("Python %");
    case ProfileColumn::CpuNative:
        return QStringLiteral("native %");
    case ProfileColumn::CpuSystem:
        return QStringLiteral("system %");
    case ProfileColumn::CoreUtilization:
        return QStringLiteral("cores");
    case ProfileColumn::AvgMb:
        return QStringLiteral("avg MB");
    case ProfileColumn::PeakMb:
        return QStringLiteral("peak MB");
    case ProfileColumn::MallocMb:
        return QStringLiteral("alloc MB");
    case ProfileColumn::Mallocs:
        return QStringLiteral("allocs");
    case ProfileColumn::CopyMbPerSec:
        return QStringLiteral("copy MB/s");
    case ProfileColumn::GpuPercent:
        return QStringLiteral("GPU %");
    case ProfileColumn::AsyncAwaitPercent:
        return QStringLiteral("await %");
    }
    return {};
}

namespace {
QString number(const std::optional<double> &v, ProfileColumn c)
{
    if (!v)
        return QStringLiteral("-");
    const int decimals = c == ProfileColumn::CoreUtilization ? 2
                         : c == ProfileColumn::Mallocs       ? 0
                                                             : 1;
    return QString::number(*v, 'f', decimals);
}

QString shortPath(const QString &path)
{
    const qsizetype at = path.lastIndexOf(QLatin1String("/site-packages/"));
    return at >= 0 ? path.mid(at + 15) : path;
}

QString place(const ProfileRow &r)
{
    if (r.level == ProfileLevel::Files)
        return shortPath(r.file);
    return QStringLiteral("%1:%2").arg(shortPath(r.file)).arg(r.lineno);
}

QString overview(const ScaleneProfile &p, const QString &title)
{
    QString s = title.isEmpty() ? QString() : title + QStringLiteral(": ");
    s += QStringLiteral("%1 s profiled").arg(p.elapsedSec, 0, 'f', 2);
    if (p.maxFootprintMb)
        s += QStringLiteral(", peak memory %1 MB").arg(*p.maxFootprintMb, 0, 'f', 1);
    else if (!p.memoryNotMeasured.isEmpty())
        s += QStringLiteral(", memory not measured");
    else
        s += QStringLiteral(", memory not profiled");
    if (p.format == ScaleneFormat::Scalene15)
        s += QStringLiteral(" (Scalene 1.5 profile: no core utilisation, stacks or timings)");
    return s;
}

QString levelWord(ProfileLevel level)
{
    switch (level) {
    case ProfileLevel::Files:
        return QStringLiteral("Files");
    case ProfileLevel::Functions:
        return QStringLiteral("Functions");
    case ProfileLevel::Lines:
        return QStringLiteral("Lines");
    }
    return {};
}

QString sortNote(const ShowRequest &r, qsizetype shown, qsizetype total)
{
    return QStringLiteral("%1 by %2, %3 of %4%5")
        .arg(levelWord(r.level), profileColumnHeading(r.query.sortBy))
        .arg(shown)
        .arg(total)
        .arg(r.query.search.isEmpty() ? QString()
                                      : QStringLiteral(" matching \"%1\"").arg(r.query.search));
}

// The last textColumns columns are text (left-aligned); the others figures (right-aligned).
QString textTable(const QStringList &headings, const QList<QStringList> &rows, bool markdown,
                  qsizetype textColumns)
{
    const qsizetype firstText = headings.size() - textColumns;
    if (markdown) {
        QString out =
            QStringLiteral("| ") + headings.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
        for (qsizetype i = 0; i < headings.size(); ++i)
            out += i < firstText ? QStringLiteral("---:|") : QStringLiteral("---|");
        out += u'\n';
        for (const QStringList &r : rows) {
            QStringList cells = r;
            for (QString &c : cells)
                c.replace(u'|', QStringLiteral("\\|"));
            out +=
                QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        }
        return out;
    }
    QList<qsizetype> width;
    for (const QString &h : headings)
        width << h.size();
    for (const QStringList &r : rows) {
        for (qsizetype i = 0; i < r.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], std::min<qsizetype>(r.at(i).size(), 60));
    }
    const auto line = [&width, firstText](const QStringList &cells) {
        QStringList out;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const bool last = i + 1 == cells.size();
            out << (i < firstText ? cells.at(i).rightJustified(width[i])
                                  : cells.at(i).leftJustified(last ? 0 : width[i]));
        }
        return out.join(QStringLiteral("  ")) + u'\n';
    };
    QString out = line(headings);
    for (const QStringList &r : rows)
        out += line(r);
    return out;
}
} // namespace

QString formatProfileView(const ScaleneProfile &p, const ShowRequest &r)
{
    const QList<ProfileRow> all = profileRows(p, r.level);
    const QList<ProfileRow> rows = selectRows(all, r.query);
    const QList<ProfileColumn> columns = measuredColumns(p);
    const QList<LeakRow> leaks = r.leaks ? rankedLeaks(p) : QList<LeakRow>{};

    if (r.format == ShowFormat::Json) {
        QJsonObject root;
        root.insert(QStringLiteral("label"), r.title);
        root.insert(QStringLiteral("elapsed_s"), p.elapsedSec);
        root.insert(QStringLiteral("peak_memory_mb"),
                    p.maxFootprintMb ? QJsonValue(*p.maxFootprintMb) : QJsonValue());
        root.insert(QStringLiteral("level"), enumKey(r.level));
        root.insert(QStringLiteral("sort"), enumKey(r.query.sortBy));
        root.insert(QStringLiteral("rows_total"), int(all.size()));
        QJsonArray out;
        for (const ProfileRow &row : rows) {
            QJsonObject o;
            o.insert(QStringLiteral("file"), row.file);
            if (row.level != ProfileLevel::Files) {
                o.insert(QStringLiteral("line"), row.lineno);
                o.insert(QStringLiteral("name"), row.name);
            }
            // Every column, measured or not: a script sees null where Scalene measured nothing.
            for (const ProfileColumn c : enumValues<ProfileColumn>()) {
                const auto v = columns.contains(c) ? columnValue(row, c) : std::nullopt;
                o.insert(enumKey(c), v ? QJsonValue(*v) : QJsonValue());
            }
            out.append(o);
        }
        root.insert(QStringLiteral("rows"), out);
        if (r.leaks) {
            QJsonArray l;
            for (const LeakRow &leak : leaks)
                l.append(QJsonObject{{QStringLiteral("file"), leak.file},
                                     {QStringLiteral("line"), leak.lineno},
                                     {QStringLiteral("source"), leak.text},
                                     {QStringLiteral("likelihood"), leak.likelihood},
                                     {QStringLiteral("velocity_mb_s"), leak.velocityMbPerSec}});
            root.insert(QStringLiteral("leaks"), l);
        }
        return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
    }

    const bool md = r.format == ShowFormat::Markdown;
    QString out =
        (md ? QStringLiteral("**%1**\n\n") : QStringLiteral("%1\n")).arg(overview(p, r.title));
    if (!p.memory)
        out += p.memoryNotMeasured.isEmpty()
                   ? QStringLiteral("(memory columns are left out: memory profiling was off)\n")
                   : QStringLiteral("(memory columns are left out: %1)\n").arg(p.memoryNotMeasured);
    out += (md ? QStringLiteral("\n%1:\n\n") : QStringLiteral("\n%1:\n"))
               .arg(sortNote(r, rows.size(), all.size()));
    QStringList headings;
    for (const ProfileColumn c : columns)
        headings << profileColumnHeading(c);
    headings << (r.level == ProfileLevel::Files ? QStringLiteral("file")
                                                : QStringLiteral("file:line"));
    if (r.level != ProfileLevel::Files)
        headings << (r.level == ProfileLevel::Functions ? QStringLiteral("function")
                                                        : QStringLiteral("source"));
    QList<QStringList> cells;
    for (const ProfileRow &row : rows) {
        QStringList c;
        for (const ProfileColumn col : columns)
            c << number(columnValue(row, col), col);
        c << place(row);
        if (row.level != ProfileLevel::Files)
            c << row.name.trimmed().left(100);
        cells << c;
    }
    out += rows.isEmpty() ? QStringLiteral("(no rows)\n")
                          : textTable(headings, cells, md, r.level == ProfileLevel::Files ? 1 : 2);
    if (r.leaks) {
        out += md ? QStringLiteral("\nLikely leaks:\n\n") : QStringLiteral("\nLikely leaks:\n");
        if (leaks.isEmpty()) {
            out += p.memory ? QStringLiteral("(none reported by Scalene)\n")
                   : p.memoryNotMeasured.isEmpty()
                       ? QStringLiteral("(not measured: memory profiling was off)\n")
                       : QStringLiteral("(not measured: Scalene recorded no allocation)\n");
        } else {
            QList<QStringList> l;
            for (const LeakRow &leak : leaks)
                l << QStringList{QString::number(leak.likelihood * 100, 'f', 0),
                                 QString::number(leak.velocityMbPerSec, 'f', 2),
                                 QStringLiteral("%1:%2").arg(shortPath(leak.file)).arg(leak.lineno),
                                 leak.text.trimmed().left(100)};
            out += textTable({QStringLiteral("likely %"), QStringLiteral("MB/s"),
                              QStringLiteral("file:line"), QStringLiteral("source")},
                             l, md, 2);
        }
    }
    return out;
}

QStringList likelyLeakNotes(const ScaleneProfile &p, int top)
{
    QStringList out;
    for (const LeakRow &leak : rankedLeaks(p)) {
        if (out.size() >= top)
            break;
        out << QStringLiteral("%1:%2, %3 % likely, growing %4 MB/s: %5")
                   .arg(shortPath(leak.file))
                   .arg(leak.lineno)
                   .arg(leak.likelihood * 100, 0, 'f', 0)
                   .arg(leak.velocityMbPerSec, 0, 'f', 2)
                   .arg(leak.text.trimmed().left(70));
    }
    return out;
}

} // namespace fperf
