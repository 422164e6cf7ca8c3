// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/scalene_profile_reader.h"

#include <QFile>

#include <simdjson.h>

#include <string_view>

namespace fperf {

namespace {
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
using Key = std::string_view;

QString text(element e)
{
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS)
        return {};
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::optional<double> number(element e)
{
    double d = 0;
    if (e.get_double().get(d) != simdjson::SUCCESS)
        return std::nullopt;
    return d;
}

double numberOr0(element e)
{
    return number(e).value_or(0);
}

std::optional<qint64> integer(element e)
{
    if (const auto d = number(e))
        return qint64(*d);
    return std::nullopt;
}

bool boolean(element e)
{
    bool b = false;
    return e.get_bool().get(b) == simdjson::SUCCESS && b;
}

bool has(object o, Key key)
{
    return o[key].error() == simdjson::SUCCESS;
}

// Missing members read as false and 0 (a default element is not safe to query).
bool memberBool(object o, Key key)
{
    bool b = false;
    return o[key].get_bool().get(b) == simdjson::SUCCESS && b;
}

double memberNumber(object o, Key key)
{
    double d = 0;
    return o[key].get_double().get(d) == simdjson::SUCCESS ? d : 0;
}

QStringList strings(element e)
{
    QStringList out;
    array a;
    if (e.get_array().get(a) == simdjson::SUCCESS) {
        for (element item : a)
            out << text(item);
    }
    return out;
}

// [[time, MB], ...]
QList<MemoryPoint> memoryPoints(element e)
{
    QList<MemoryPoint> out;
    array a;
    if (e.get_array().get(a) != simdjson::SUCCESS)
        return out;
    out.reserve(qsizetype(a.size()));
    for (element pair : a) {
        array p;
        if (pair.get_array().get(p) == simdjson::SUCCESS && p.size() >= 2)
            out.append({numberOr0(p.at(0).value_unsafe()), numberOr0(p.at(1).value_unsafe())});
    }
    return out;
}

QList<double> numbers(element e)
{
    QList<double> out;
    array a;
    if (e.get_array().get(a) != simdjson::SUCCESS)
        return out;
    out.reserve(qsizetype(a.size()));
    for (element v : a)
        out.append(numberOr0(v));
    return out;
}

// The figures lines and functions share. False when the key is not one of them.
bool readFigure(SourceFigures &f, Key key, element v)
{
    if (key == "lineno")
        f.lineno = int(numberOr0(v));
    else if (key == "line")
        f.text = text(v);
    else if (key == "n_cpu_percent_python")
        f.cpuPython = numberOr0(v);
    else if (key == "n_cpu_percent_c")
        f.cpuNative = numberOr0(v);
    else if (key == "n_sys_percent")
        f.cpuSystem = numberOr0(v);
    else if (key == "n_core_utilization")
        f.coreUtilization = number(v);
    else if (key == "n_avg_mb")
        f.avgMb = number(v);
    else if (key == "n_peak_mb")
        f.peakMb = number(v);
    else if (key == "n_malloc_mb")
        f.mallocMb = number(v);
    else if (key == "n_growth_mb")
        f.growthMb = number(v);
    else if (key == "n_mallocs")
        f.mallocs = number(v);
    else if (key == "n_python_fraction")
        f.pythonFraction = number(v);
    else if (key == "n_usage_fraction")
        f.usageFraction = number(v);
    else if (key == "n_copy_mb_s")
        f.copyMbPerSec = number(v);
    else if (key == "n_gpu_percent")
        f.gpuPercent = number(v);
    else if (key == "n_gpu_avg_memory_mb")
        f.gpuAvgMb = number(v);
    else if (key == "n_gpu_peak_memory_mb")
        f.gpuPeakMb = number(v);
    else if (key == "n_async_await_percent")
        f.asyncAwaitPercent = number(v);
    else if (key == "n_async_concurrency_mean")
        f.asyncConcurrencyMean = number(v);
    else if (key == "n_async_concurrency_peak")
        f.asyncConcurrencyPeak = number(v);
    else if (key == "async_task_names")
        f.asyncTaskNames = strings(v);
    else if (key == "is_coroutine")
        f.coroutine = boolean(v);
    else if (key == "cpu_samples_list")
        f.cpuSampleTimes = numbers(v);
    else if (key == "memory_samples")
        f.memorySamples = memoryPoints(v);
    else
        return false;
    return true;
}

// Scalene writes 0 for what it did not measure: absent instead.
void dropUnmeasured(SourceFigures &f, const ScaleneProfile &p)
{
    if (!p.memory) {
        for (std::optional<double> *m : {&f.avgMb, &f.peakMb, &f.mallocMb, &f.growthMb, &f.mallocs,
                                         &f.pythonFraction, &f.usageFraction, &f.copyMbPerSec})
            m->reset();
    }
    if (!p.gpu) {
        f.gpuPercent.reset();
        f.gpuAvgMb.reset();
        f.gpuPeakMb.reset();
    }
}

LineProfile lineProfile(object o, const ScaleneProfile &p)
{
    LineProfile l;
    for (const auto field : o) {
        const Key key = field.key;
        if (readFigure(l, key, field.value))
            continue;
        const int n = int(numberOr0(field.value));
        if (key == "start_function_line")
            l.startFunctionLine = n;
        else if (key == "end_function_line")
            l.endFunctionLine = n;
        else if (key == "start_outermost_loop")
            l.startOutermostLoop = n;
        else if (key == "end_outermost_loop")
            l.endOutermostLoop = n;
        else if (key == "start_region_line")
            l.startRegionLine = n;
        else if (key == "end_region_line")
            l.endRegionLine = n;
    }
    dropUnmeasured(l, p);
    return l;
}

FileProfile fileProfile(const QString &path, object o, const ScaleneProfile &p)
{
    FileProfile f;
    f.path = path;
    for (const auto field : o) {
        const Key key = field.key;
        array a;
        if (key == "percent_cpu_time") {
            f.percentCpuTime = numberOr0(field.value);
        } else if (key == "lines" && field.value.get_array().get(a) == simdjson::SUCCESS) {
            f.lines.reserve(qsizetype(a.size()));
            for (element line : a) {
                object lo;
                if (line.get_object().get(lo) == simdjson::SUCCESS)
                    f.lines.append(lineProfile(lo, p));
            }
        } else if (key == "functions" && field.value.get_array().get(a) == simdjson::SUCCESS) {
            for (element fn : a) {
                object fo;
                if (fn.get_object().get(fo) != simdjson::SUCCESS)
                    continue;
                SourceFigures figures;
                for (const auto ff : fo)
                    readFigure(figures, ff.key, ff.value);
                dropUnmeasured(figures, p);
                f.functions.append(figures);
            }
        } else if (key == "leaks") {
            object leaks;
            if (field.value.get_object().get(leaks) != simdjson::SUCCESS)
                continue;
            for (const auto leak : leaks) {
                LeakProfile l;
                l.lineno = QByteArray(leak.key.data(), qsizetype(leak.key.size())).toInt();
                object lo;
                if (leak.value.get_object().get(lo) == simdjson::SUCCESS) {
                    l.likelihood = memberNumber(lo, "likelihood");
                    l.velocityMbPerSec = memberNumber(lo, "velocity_mb_s");
                }
                f.leaks.append(l);
            }
        } else if (key == "imports") {
            f.imports = strings(field.value);
        }
    }
    return f;
}

StackFrame combinedFrame(object o)
{
    StackFrame f;
    for (const auto field : o) {
        const Key key = field.key;
        if (key == "kind")
            f.kind = text(field.value) == u"native" ? StackFrame::Kind::Native
                                                    : StackFrame::Kind::Python;
        else if (key == "display_name")
            f.function = text(field.value);
        else if (key == "filename_or_module")
            f.file = text(field.value);
        else if (key == "line")
            f.line =
                field.value.is_null() ? std::nullopt : std::optional<int>(integer(field.value));
        else if (key == "ip")
            f.ip =
                field.value.is_null() ? std::nullopt : std::optional<quint64>(integer(field.value));
        else if (key == "offset")
            f.offset =
                field.value.is_null() ? std::nullopt : std::optional<quint64>(integer(field.value));
    }
    return f;
}

// [[frame, ...], weight], ...
QList<WeightedStack> weightedStacks(element e)
{
    QList<WeightedStack> out;
    array a;
    if (e.get_array().get(a) != simdjson::SUCCESS)
        return out;
    for (element entry : a) {
        array pair;
        if (entry.get_array().get(pair) != simdjson::SUCCESS || pair.size() < 2)
            continue;
        WeightedStack s;
        array frames;
        if (pair.at(0).get_array().get(frames) == simdjson::SUCCESS) {
            for (element fr : frames) {
                object fo;
                if (fr.get_object().get(fo) == simdjson::SUCCESS)
                    s.frames.append(combinedFrame(fo));
            }
        }
        s.weight = numberOr0(pair.at(1).value_unsafe());
        out.append(s);
    }
    return out;
}

// "path function:line;" (the path may hold spaces, the function name does not).
StackFrame pythonFrame(const QString &frame)
{
    QString s = frame.trimmed();
    if (s.endsWith(u';'))
        s.chop(1);
    StackFrame f;
    const qsizetype colon = s.lastIndexOf(u':');
    bool ok = false;
    const int line = colon > 0 ? s.mid(colon + 1).toInt(&ok) : 0;
    if (ok) {
        f.line = line;
        s.truncate(colon);
    }
    const qsizetype space = s.lastIndexOf(u' ');
    f.file = space > 0 ? s.left(space) : QString();
    f.function = space > 0 ? s.mid(space + 1) : s;
    return f;
}

QList<CpuStack> cpuStacks(element e)
{
    QList<CpuStack> out;
    array a;
    if (e.get_array().get(a) != simdjson::SUCCESS)
        return out;
    for (element entry : a) {
        array pair;
        if (entry.get_array().get(pair) != simdjson::SUCCESS || pair.size() < 2)
            continue;
        CpuStack s;
        for (const QString &frame : strings(pair.at(0).value_unsafe()))
            s.frames.append(pythonFrame(frame));
        object figures;
        if (pair.at(1).get_object().get(figures) == simdjson::SUCCESS) {
            for (const auto field : figures) {
                const Key key = field.key;
                if (key == "python_time")
                    s.pythonSec = numberOr0(field.value);
                else if (key == "c_time")
                    s.nativeSec = numberOr0(field.value);
                else if (key == "cpu_samples")
                    s.cpuSamples = numberOr0(field.value);
                else if (key == "count")
                    s.count = int(numberOr0(field.value));
            }
        }
        out.append(s);
    }
    return out;
}

QList<StackTimelineEvent> stackTimeline(element e)
{
    QList<StackTimelineEvent> out;
    array a;
    if (e.get_array().get(a) != simdjson::SUCCESS)
        return out;
    out.reserve(qsizetype(a.size()));
    for (element entry : a) {
        object o;
        if (entry.get_object().get(o) != simdjson::SUCCESS)
            continue;
        StackTimelineEvent ev;
        for (const auto field : o) {
            const Key key = field.key;
            if (key == "t_sec")
                ev.timeSec = numberOr0(field.value);
            else if (key == "stack_index")
                ev.stackIndex = int(numberOr0(field.value));
            else if (key == "count")
                ev.count = int(numberOr0(field.value));
            else if (key == "thread_id")
                ev.threadId = integer(field.value);
        }
        out.append(ev);
    }
    return out;
}

ScaleneProfileRead readTop(object top)
{
    ScaleneProfileRead r;
    if (top.size() == 0 || !has(top, "elapsed_time_sec")) {
        r.state = ProfileState::Empty;
        return r;
    }
    r.state = ProfileState::Valid;
    ScaleneProfile &p = r.profile;
    // Flags first: they decide which per-line figures count as measured.
    p.memory = memberBool(top, "memory");
    p.gpu = memberBool(top, "gpu");
    p.format = has(top, "stacks") || has(top, "entrypoint_dir") ? ScaleneFormat::Scalene2
                                                                : ScaleneFormat::Scalene15;
    std::optional<element> files;
    bool allocSamplesWritten = false;
    for (const auto field : top) {
        const Key key = field.key;
        const element v = field.value;
        if (key == "elapsed_time_sec")
            p.elapsedSec = numberOr0(v);
        else if (key == "max_footprint_mb")
            p.maxFootprintMb = number(v);
        else if (key == "max_footprint_fname")
            p.maxFootprintFile = text(v);
        else if (key == "max_footprint_lineno")
            p.maxFootprintLine = v.is_null() ? std::nullopt : std::optional<int>(integer(v));
        else if (key == "max_footprint_python_fraction")
            p.maxFootprintPythonFraction = number(v);
        else if (key == "growth_rate")
            p.growthRate = number(v);
        else if (key == "native_allocations_mb")
            p.nativeAllocationsMb = number(v);
        else if (key == "alloc_samples") {
            p.allocSamples = int(numberOr0(v));
            allocSamplesWritten = true;
        } else if (key == "gpu_device")
            p.gpuDevice = text(v);
        else if (key == "async_profile")
            p.asyncProfile = boolean(v);
        else if (key == "program")
            p.program = text(v);
        else if (key == "args")
            p.args = strings(v);
        else if (key == "entrypoint_dir")
            p.entrypointDir = text(v);
        else if (key == "start_time_absolute")
            p.startTimeAbsolute = number(v);
        else if (key == "main_thread_id")
            p.mainThreadId = integer(v);
        else if (key == "samples")
            p.footprint = memoryPoints(v);
        else if (key == "stacks")
            p.stacks = cpuStacks(v);
        else if (key == "combined_stacks")
            p.combinedStacks = weightedStacks(v);
        else if (key == "memory_stacks")
            p.memoryStacks = weightedStacks(v);
        else if (key == "combined_stacks_timeline")
            p.stackTimeline = stackTimeline(v);
        else if (key == "files")
            files = v;
    }
    // Asked for, measured nothing: its zeros are not figures. Debian's Scalene 1.5.16 does
    // this on Filare's runs, though it measures small programs of ours (even ones that import
    // Filare), so no probe before the run can tell: the profile is what decides.
    if (p.memory && allocSamplesWritten && p.allocSamples == 0 && p.maxFootprintMb &&
        *p.maxFootprintMb <= 0) {
        p.memory = false;
        p.memoryNotMeasured = QStringLiteral(
            "memory profiling was on, but Scalene recorded no allocation (0 allocation "
            "samples, a peak of 0 MB), so there is no memory figure. Debian's Scalene 1.5.16 "
            "does this on Filare's runs; use Scalene 2.x from pip (the project's .venv), or "
            "turn memory profiling off");
    }
    if (!p.memory) {
        p.maxFootprintMb.reset();
        p.maxFootprintPythonFraction.reset();
        p.growthRate.reset();
    }
    object filesObject;
    if (files && files->get_object().get(filesObject) == simdjson::SUCCESS) {
        p.files.reserve(qsizetype(filesObject.size()));
        for (const auto field : filesObject) {
            object fo;
            if (field.value.get_object().get(fo) == simdjson::SUCCESS)
                p.files.append(fileProfile(
                    QString::fromUtf8(field.key.data(), qsizetype(field.key.size())), fo, p));
        }
    }
    return r;
}

ScaleneProfileRead parsePadded(const simdjson::padded_string &json)
{
    ScaleneProfileRead r;
    simdjson::dom::parser parser;
    element doc;
    if (const auto error = parser.parse(json).get(doc); error != simdjson::SUCCESS) {
        r.state = ProfileState::Unreadable;
        r.error = QString::fromUtf8(simdjson::error_message(error));
        return r;
    }
    object top;
    if (doc.get_object().get(top) != simdjson::SUCCESS) {
        r.state = ProfileState::Unreadable;
        r.error = QStringLiteral("not a JSON object");
        return r;
    }
    return readTop(top);
}
} // namespace

QString profileStateName(ProfileState state)
{
    return enumKey(state);
}

bool ScaleneProfile::cpuSampleTimesKnown() const
{
    for (const FileProfile &f : files) {
        for (const LineProfile &l : f.lines) {
            if (l.cpuSampleTimes)
                return true;
        }
    }
    return false;
}

ScaleneProfileRead readScaleneProfile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return {};
    ScaleneProfileRead r;
    if (!file.open(QIODevice::ReadOnly)) {
        r.state = ProfileState::Unreadable;
        r.error = file.errorString();
        return r;
    }
    // Read straight into simdjson's padded buffer: no second copy of a large profile.
    const qint64 size = file.size();
    simdjson::padded_string json(size_t(qMax<qint64>(size, 0)));
    if (size > 0 && file.read(json.data(), size) != size) {
        r.state = ProfileState::Unreadable;
        r.error = file.errorString();
        return r;
    }
    return parsePadded(json);
}

ScaleneProfileRead parseScaleneProfile(const QByteArray &json)
{
    return parsePadded(simdjson::padded_string(json.constData(), size_t(json.size())));
}

} // namespace fperf
