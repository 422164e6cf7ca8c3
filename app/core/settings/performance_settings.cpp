// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/performance_settings.h"

#include "core/settings/run_label.h"
#include "core/util/shell_quote.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <cmath>

namespace fperf {

const QList<SettingField> &settingFields()
{
    static const QList<SettingField> fields = {
        {SettingId::ScaleneEnabled,
         QStringLiteral("scalene.enabled"),
         QStringLiteral("FIL_PERF_SCALENE_ENABLED"),
         {QStringLiteral("FIL_PERF_ENABLE_SCALENE")},
         FieldKind::Bool,
         QStringLiteral("scalene"),
         QStringLiteral("Profile with Scalene"),
         QStringLiteral("Run Filare under Scalene. Off runs Filare alone and only times it.")},
        {SettingId::ScaleneCpuRate,
         QStringLiteral("scalene.cpu_rate"),
         QStringLiteral("FIL_PERF_SCALENE_CPU_RATE"),
         {},
         FieldKind::Seconds,
         QStringLiteral("cpu-rate"),
         QStringLiteral("CPU sampling interval"),
         QStringLiteral("Seconds between CPU samples, 0.001 to 1 (default 0.01). Shorter "
                        "intervals give finer profiles of short runs and cost more overhead.")},
        {SettingId::ScaleneMemory,
         QStringLiteral("scalene.memory"),
         QStringLiteral("FIL_PERF_SCALENE_MEMORY"),
         {},
         FieldKind::Bool,
         QStringLiteral("memory"),
         QStringLiteral("Memory profiling"),
         QStringLiteral("Track allocations per line (default on). It typically makes the run "
                        "1.5x-3x slower; turn it off for CPU timings.")},
        {SettingId::ScaleneCopy,
         QStringLiteral("scalene.copy"),
         QStringLiteral("FIL_PERF_SCALENE_COPY"),
         {},
         FieldKind::Bool,
         QStringLiteral("copy"),
         QStringLiteral("Copy-volume tracking"),
         QStringLiteral("Report memory copied per second (MB/s). It comes with memory profiling "
                        "and counts as off when memory is off.")},
        {SettingId::ScaleneHtml,
         QStringLiteral("scalene.html"),
         QStringLiteral("FIL_PERF_SCALENE_HTML"),
         {},
         FieldKind::Bool,
         QStringLiteral("html"),
         QStringLiteral("HTML report"),
         QStringLiteral("Write an interactive standalone HTML report (about 9 MB) instead of a "
                        "text report. The JSON profile is always kept.")},
        {SettingId::ScaleneProfileOnly,
         QStringLiteral("scalene.profile_only"),
         QStringLiteral("FIL_PERF_SCALENE_PROFILE_ONLY"),
         {},
         FieldKind::Text,
         QStringLiteral("profile-only"),
         QStringLiteral("Profile only"),
         QStringLiteral("Comma-separated path fragments of the code to attribute. Empty: "
                        "Filare's own Python code (Scalene skips site-packages unless told)."),
         true},
        {SettingId::ScaleneProfileExclude,
         QStringLiteral("scalene.profile_exclude"),
         QStringLiteral("FIL_PERF_SCALENE_PROFILE_EXCLUDE"),
         {},
         FieldKind::Text,
         QStringLiteral("profile-exclude"),
         QStringLiteral("Profile exclude"),
         QStringLiteral("Comma-separated path fragments to leave out. Empty: Filare's Jinja "
                        "templates folder, which Scalene cannot parse as Python."),
         true},
        {SettingId::OutputDir,
         QStringLiteral("output_dir"),
         QStringLiteral("FIL_PERF_OUTPUT_DIR"),
         {},
         FieldKind::Path,
         QStringLiteral("output-dir"),
         QStringLiteral("Output folder"),
         QStringLiteral("Where reports go (default outputs/perf). A relative path is relative "
                        "to the project's folder.")},
        {SettingId::RunLabel,
         QStringLiteral("run_label"),
         QStringLiteral("FIL_PERF_RUN_LABEL"),
         {},
         FieldKind::Label,
         QStringLiteral("run-label"),
         QStringLiteral("Run label"),
         QStringLiteral("File-name stem of the run's files. Empty: <project>-<YYYYmmdd-HHMMSS>. "
                        "Reduced to letters, digits, '.', '_' and '-'.")},
        {SettingId::Python,
         QStringLiteral("python"),
         QStringLiteral("FIL_PERF_PYTHON"),
         {},
         FieldKind::Path,
         QStringLiteral("python"),
         QStringLiteral("Python interpreter"),
         QStringLiteral("Interpreter that has Filare and Scalene. Empty: a .venv next to the "
                        "project or above it, then this tool's .venv, then filare on PATH, "
                        "then python3."),
         true},
        {SettingId::FilareFormats,
         QStringLiteral("filare.formats"),
         QStringLiteral("FIL_PERF_FILARE_FORMATS"),
         {},
         FieldKind::Formats,
         QStringLiteral("formats"),
         QStringLiteral("Filare output formats"),
         QStringLiteral("Filare's -f codes: c=csv g=gv h=html p=png P=pdf s=svg t=tsv "
                        "b=shared BOM. Empty: Filare's default (hpst)."),
         true},
        {SettingId::Baseline,
         QStringLiteral("baseline"),
         QStringLiteral("FIL_PERF_BASELINE"),
         {},
         FieldKind::Bool,
         QStringLiteral("baseline"),
         QStringLiteral("Measure overhead"),
         QStringLiteral("Also run Filare once without Scalene and record the overhead ratio "
                        "(profiled time / plain time). Doubles the work.")},
        // Filare's own options, with Filare's names (`filare run --help`).
        {SettingId::FilareCommand,
         QStringLiteral("filare.command"),
         QStringLiteral("FIL_PERF_FILARE_COMMAND"),
         {},
         FieldKind::Command,
         QStringLiteral("filare-command"),
         QStringLiteral("Filare command"),
         QStringLiteral("The Filare command to profile (default run). Another one, e.g. qty, "
                        "gets the project files, --multiplier-file-name and the arguments "
                        "after --, which come first (a subcommand)."),
         true},
        {SettingId::FilareMetadata,
         QStringLiteral("filare.metadata"),
         QStringLiteral("FIL_PERF_FILARE_METADATA"),
         {},
         FieldKind::PathList,
         QStringLiteral("metadata"),
         QStringLiteral("Metadata files"),
         QStringLiteral("Filare's --metadata: YAML files of document metadata (title page, "
                        "authors, revisions) merged into each harness. Several are shell words; "
                        "relative to the project's folder (the option: to the current one).")},
        {SettingId::FilareComponents,
         QStringLiteral("filare.components"),
         QStringLiteral("FIL_PERF_FILARE_COMPONENTS"),
         {},
         FieldKind::PathList,
         QStringLiteral("components"),
         QStringLiteral("Components files"),
         QStringLiteral("Filare's --components: YAML files of component templates prepended "
                        "to each harness. Several are shell words; relative to the project's "
                        "folder (the option: to the current one).")},
        {SettingId::FilareOutputName,
         QStringLiteral("filare.output_name"),
         QStringLiteral("FIL_PERF_FILARE_OUTPUT_NAME"),
         {},
         FieldKind::FileName,
         QStringLiteral("output-name"),
         QStringLiteral("Output name"),
         QStringLiteral("Filare's --output-name: file name (without extension) of the outputs. "
                        "Empty: each harness's own name."),
         true},
        {SettingId::FilareUseQtyMultipliers,
         QStringLiteral("filare.use_qty_multipliers"),
         QStringLiteral("FIL_PERF_FILARE_USE_QTY_MULTIPLIERS"),
         {},
         FieldKind::Bool,
         QStringLiteral("use-qty-multipliers"),
         QStringLiteral("Use quantity multipliers"),
         QStringLiteral("Filare's --use-qty-multipliers: scale the shared BOM counts with the "
                        "quantity multipliers file."),
         true},
        {SettingId::FilareMultiplierFileName,
         QStringLiteral("filare.multiplier_file_name"),
         QStringLiteral("FIL_PERF_FILARE_MULTIPLIER_FILE_NAME"),
         {},
         FieldKind::Path,
         QStringLiteral("multiplier-file-name"),
         QStringLiteral("Multiplier file"),
         QStringLiteral("Filare's --multiplier-file-name: the quantity multipliers file "
                        "(default quantity_multipliers.txt), relative to the project's folder, "
                        "where Filare finds it when it writes its outputs there."),
         true},
        {SettingId::FilareArgs,
         QStringLiteral("filare.args"),
         QStringLiteral("FIL_PERF_FILARE_ARGS"),
         {},
         FieldKind::Arguments,
         QString(),
         QStringLiteral("More Filare arguments"),
         QStringLiteral("Anything else Filare accepts, as shell words, passed on after the "
                        "other options. On the command line: after --, as in `filare-perf run "
                        "PROJECT.yml -- ARGS`."),
         true},
        {SettingId::ScaleneProfileInterval,
         QStringLiteral("scalene.profile_interval"),
         QStringLiteral("FIL_PERF_SCALENE_PROFILE_INTERVAL"),
         {},
         FieldKind::WholeSeconds,
         QStringLiteral("profile-interval"),
         QStringLiteral("Snapshot interval"),
         QStringLiteral("Seconds between the profile snapshots Scalene 2.x writes while the run "
                        "goes on: the report shows each one live, and the last good one is kept "
                        "when the run is stopped, times out or fails. 0 (default): only at the "
                        "end. Each write takes Scalene a second or two: keep it well above that."),
         true},
        {SettingId::Timeout,
         QStringLiteral("timeout"),
         QStringLiteral("FIL_PERF_TIMEOUT"),
         {},
         FieldKind::WholeSeconds,
         QStringLiteral("timeout"),
         QStringLiteral("Timeout"),
         QStringLiteral("Stop the profile after this many seconds, as Stop does, and record the "
                        "run as timed out. 0 (default): no limit."),
         true},
        // Container mode (Filare's FEAT-PERF-0006): the same run inside a perf image.
        {SettingId::ContainerImage,
         QStringLiteral("container.image"),
         QStringLiteral("FIL_PERF_CONTAINER_IMAGE"),
         {},
         FieldKind::Image,
         QStringLiteral("container-image"),
         QStringLiteral("Container image"),
         QStringLiteral("Run the profile inside this image, e.g. localhost/filare-perf-tools "
                        "(built by scripts/build-perf-image). Empty: run here, with the "
                        "interpreter found on this machine.")},
        {SettingId::ContainerEngine,
         QStringLiteral("container.engine"),
         QStringLiteral("FIL_PERF_CONTAINER_ENGINE"),
         {},
         FieldKind::Engine,
         QStringLiteral("container-engine"),
         QStringLiteral("Container engine"),
         QStringLiteral("podman or docker. Empty: whichever is installed, podman first."),
         true},
        {SettingId::ContainerFilareSource,
         QStringLiteral("container.filare_source"),
         QStringLiteral("FIL_PERF_CONTAINER_FILARE_SOURCE"),
         {},
         FieldKind::Path,
         QStringLiteral("container-filare-source"),
         QStringLiteral("Filare source tree"),
         QStringLiteral("A Filare checkout on this machine, mounted read-only into the "
                        "container and run instead of the image's Filare (container mode only)."),
         true},
    };
    return fields;
}

const SettingField *findFieldByEnvName(const QString &envName)
{
    for (const SettingField &f : settingFields()) {
        if (f.envName == envName || f.envAliases.contains(envName))
            return &f;
    }
    return nullptr;
}

const SettingField &settingField(SettingId id)
{
    for (const SettingField &f : settingFields()) {
        if (f.id == id)
            return f;
    }
    Q_UNREACHABLE(); // tst_enum_keys checks that every id has a field
}

QString settingKey(SettingId id)
{
    return settingField(id).key;
}

const SettingField *findFieldByKey(const QString &key)
{
    for (const SettingField &f : settingFields()) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

std::optional<bool> parseBoolWord(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"1" || t == u"true" || t == u"yes" || t == u"on")
        return true;
    if (t == u"0" || t == u"false" || t == u"no" || t == u"off")
        return false;
    return std::nullopt;
}

namespace {
template <typename S> auto boolMember(S &s, SettingId id) -> decltype(&s.baseline)
{
    if (id == SettingId::ScaleneEnabled)
        return &s.scalene.enabled;
    if (id == SettingId::ScaleneMemory)
        return &s.scalene.memory;
    if (id == SettingId::ScaleneCopy)
        return &s.scalene.copy;
    if (id == SettingId::ScaleneHtml)
        return &s.scalene.html;
    if (id == SettingId::Baseline)
        return &s.baseline;
    if (id == SettingId::FilareUseQtyMultipliers)
        return &s.filare.useQtyMultipliers;
    return nullptr;
}

template <typename S> auto textMember(S &s, SettingId id) -> decltype(&s.python)
{
    if (id == SettingId::ScaleneProfileOnly)
        return &s.scalene.profileOnly;
    if (id == SettingId::ScaleneProfileExclude)
        return &s.scalene.profileExclude;
    if (id == SettingId::OutputDir)
        return &s.outputDir;
    if (id == SettingId::RunLabel)
        return &s.runLabel;
    if (id == SettingId::Python)
        return &s.python;
    if (id == SettingId::FilareFormats)
        return &s.filare.formats;
    if (id == SettingId::FilareCommand)
        return &s.filare.command;
    if (id == SettingId::FilareOutputName)
        return &s.filare.outputName;
    if (id == SettingId::FilareMultiplierFileName)
        return &s.filare.multiplierFileName;
    if (id == SettingId::ContainerImage)
        return &s.container.image;
    if (id == SettingId::ContainerEngine)
        return &s.container.engine;
    if (id == SettingId::ContainerFilareSource)
        return &s.container.filareSource;
    return nullptr;
}

template <typename S> auto listMember(S &s, SettingId id) -> decltype(&s.filare.metadata)
{
    if (id == SettingId::FilareMetadata)
        return &s.filare.metadata;
    if (id == SettingId::FilareComponents)
        return &s.filare.components;
    if (id == SettingId::FilareArgs)
        return &s.filare.extraArgs;
    return nullptr;
}

QString shown(const QString &value)
{
    QString v = value;
    v.replace(u'\n', QStringLiteral("\\n"));
    if (v.size() > 60)
        v = v.left(57) + QStringLiteral("...");
    return u'"' + v + u'"';
}
} // namespace

QString fieldValueText(const PerformanceSettings &settings, const SettingField &field)
{
    if (const bool *b = boolMember(settings, field.id))
        return *b ? QStringLiteral("1") : QStringLiteral("0");
    if (field.id == SettingId::ScaleneCpuRate)
        return QString::number(settings.scalene.cpuRate, 'g', 6);
    if (field.id == SettingId::ScaleneProfileInterval)
        return QString::number(settings.scalene.profileIntervalSec);
    if (field.id == SettingId::Timeout)
        return QString::number(settings.timeoutSec);
    if (const QString *t = textMember(settings, field.id))
        return *t;
    if (const QStringList *l = listMember(settings, field.id))
        return listValueText(*l);
    return {};
}

QString resolveAgainstProject(const QString &path, const QString &firstProjectFile)
{
    if (QDir::isAbsolutePath(path))
        return QDir::cleanPath(path);
    const QString base = firstProjectFile.isEmpty() ? QDir::currentPath()
                                                    : QFileInfo(firstProjectFile).absolutePath();
    return QDir::cleanPath(QDir(base).filePath(path));
}

bool namesFilareOutputDir(const QStringList &filareArgs)
{
    for (const QString &a : filareArgs) {
        if (a == u"--")
            break; // Filare's own positional arguments follow
        if (a == u"--output-dir" || a.startsWith(QLatin1String("--output-dir=")) ||
            (a.startsWith(QLatin1String("-o")) && !a.startsWith(QLatin1String("--"))))
            return true;
    }
    return false;
}

QString listValueText(const QStringList &items)
{
    return shellJoin(items);
}

std::optional<QString> setFieldValue(PerformanceSettings &settings, const SettingField &field,
                                     const QString &text, const QString &nameForMessages)
{
    const QString name = nameForMessages.isEmpty() ? field.envName : nameForMessages;
    switch (field.kind) {
    case FieldKind::Bool: {
        const auto b = parseBoolWord(text);
        if (!b) {
            return QStringLiteral("%1=%2 is not a yes/no value; use 1/0, true/false, yes/no or "
                                  "on/off")
                .arg(name, shown(text));
        }
        *boolMember(settings, field.id) = *b;
        return std::nullopt;
    }
    case FieldKind::Seconds: {
        bool ok = false;
        const double v = text.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            return QStringLiteral("%1=%2 is not a number of seconds; use a value from %3 to %4, "
                                  "e.g. 0.01")
                .arg(name, shown(text))
                .arg(kMinCpuRate)
                .arg(kMaxCpuRate);
        }
        if (v < kMinCpuRate || v > kMaxCpuRate) {
            return QStringLiteral("%1=%2 is out of range; use a value from %3 to %4 seconds")
                .arg(name, shown(text))
                .arg(kMinCpuRate)
                .arg(kMaxCpuRate);
        }
        settings.scalene.cpuRate = v;
        return std::nullopt;
    }
    case FieldKind::Formats: {
        static const QRegularExpression codes(QStringLiteral("^[cghpPstb]*$"));
        const QString v = text.trimmed();
        if (!codes.match(v).hasMatch()) {
            return QStringLiteral("%1=%2 has unknown format codes; use letters from cghpPstb "
                                  "(c=csv g=gv h=html p=png P=pdf s=svg t=tsv b=shared BOM)")
                .arg(name, shown(text));
        }
        settings.filare.formats = v;
        return std::nullopt;
    }
    case FieldKind::Command: {
        static const QRegularExpression word(QStringLiteral("^[a-z][a-z0-9_-]*$"));
        const QString v = text.trimmed();
        if (v.isEmpty()) {
            settings.filare.command = QStringLiteral("run");
            return std::nullopt;
        }
        if (!word.match(v).hasMatch()) {
            return QStringLiteral("%1=%2 is not a Filare command; give one word such as run or "
                                  "qty (`filare --help` lists them), and put its arguments "
                                  "after --")
                .arg(name, shown(text));
        }
        settings.filare.command = v;
        return std::nullopt;
    }
    case FieldKind::PathList:
    case FieldKind::Arguments: {
        QString why;
        const auto words = splitShellWords(text, &why);
        if (!words) {
            return QStringLiteral("%1=%2 cannot be read as shell words: %3; quote each item "
                                  "as in a shell, e.g. 'my file.yml'")
                .arg(name, shown(text), why);
        }
        if (text.size() > kMaxTextLength) {
            return QStringLiteral("%1=%2 is too long (%3 characters); give at most %4")
                .arg(name, shown(text))
                .arg(text.size())
                .arg(kMaxTextLength);
        }
        if (field.kind == FieldKind::PathList) {
            for (const QString &w : *words) {
                if (w.isEmpty() || w.contains(QChar(0)))
                    return QStringLiteral("%1=%2 has an empty file name; remove the empty "
                                          "quotes")
                        .arg(name, shown(text));
                if (w.size() > kMaxPathLength)
                    return QStringLiteral("%1=%2 has a path of %3 characters; give paths of "
                                          "at most %4")
                        .arg(name, shown(text))
                        .arg(w.size())
                        .arg(kMaxPathLength);
            }
        }
        *listMember(settings, field.id) = *words;
        return std::nullopt;
    }
    case FieldKind::FileName: {
        const QString v = text.trimmed();
        if (v.contains(u'\n') || v.contains(u'\r') || v.contains(QChar(0))) {
            return QStringLiteral("%1=%2 contains a line break; give a file name on one line")
                .arg(name, shown(text));
        }
        if (v.contains(u'/') || v == u"." || v == u"..") {
            return QStringLiteral("%1=%2 is not a bare file name; give a name without a folder "
                                  "(no '/')")
                .arg(name, shown(text));
        }
        if (v.size() > 255) {
            return QStringLiteral("%1=%2 is too long for a file name (%3 characters, at most "
                                  "255)")
                .arg(name, shown(text))
                .arg(v.size());
        }
        *textMember(settings, field.id) = v;
        return std::nullopt;
    }
    case FieldKind::Label: {
        const QString v = text.trimmed();
        if (v.contains(u'\n') || v.contains(u'\r')) {
            return QStringLiteral("%1=%2 contains a line break; give the label on one line")
                .arg(name, shown(text));
        }
        if (!v.isEmpty() && sanitizeRunLabel(v).isEmpty()) {
            return QStringLiteral("%1=%2 has no usable characters for a file name; use letters, "
                                  "digits, '.', '_' or '-', or leave it empty for an automatic "
                                  "label")
                .arg(name, shown(text));
        }
        settings.runLabel = v;
        return std::nullopt;
    }
    case FieldKind::Path:
        if (text.contains(u'\n') || text.contains(QChar(0))) {
            return QStringLiteral("%1=%2 contains a line break; give a single path")
                .arg(name, shown(text));
        }
        if (text.trimmed().size() > kMaxPathLength) {
            return QStringLiteral("%1=%2 is too long (%3 characters); give a path of at most %4")
                .arg(name, shown(text))
                .arg(text.trimmed().size())
                .arg(kMaxPathLength);
        }
        *textMember(settings, field.id) = text.trimmed();
        return std::nullopt;
    case FieldKind::WholeSeconds: {
        bool ok = false;
        const QString v = text.trimmed();
        const int n = v.isEmpty() ? 0 : v.toInt(&ok);
        if ((!v.isEmpty() && !ok) || n < 0 || n > kMaxWholeSeconds) {
            return QStringLiteral("%1=%2 is not a whole number of seconds from 0 (off) to %3; "
                                  "e.g. 30")
                .arg(name, shown(text))
                .arg(kMaxWholeSeconds);
        }
        (field.id == SettingId::Timeout ? settings.timeoutSec
                                        : settings.scalene.profileIntervalSec) = n;
        return std::nullopt;
    }
    case FieldKind::Image: {
        // Engines accept [registry/]name[:tag][@digest] and a bare image id.
        static const QRegularExpression ref(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._/:@-]*$"));
        const QString v = text.trimmed();
        if (!v.isEmpty() && (!ref.match(v).hasMatch() || v.size() > 512)) {
            return QStringLiteral("%1=%2 is not a container image name; give one such as "
                                  "localhost/filare-perf-tools:latest, or leave it empty to run "
                                  "here")
                .arg(name, shown(text));
        }
        settings.container.image = v;
        return std::nullopt;
    }
    case FieldKind::Engine: {
        const QString v = text.trimmed().toLower();
        if (!v.isEmpty() && v != u"podman" && v != u"docker") {
            return QStringLiteral("%1=%2 is not a container engine; use podman or docker, or "
                                  "leave it empty for whichever is installed")
                .arg(name, shown(text));
        }
        settings.container.engine = v;
        return std::nullopt;
    }
    case FieldKind::Text:
        if (text.contains(u'\n')) {
            return QStringLiteral("%1=%2 contains a line break; give comma-separated fragments")
                .arg(name, shown(text));
        }
        if (text.trimmed().size() > kMaxTextLength) {
            return QStringLiteral("%1=%2 is too long (%3 characters); give at most %4 characters "
                                  "of comma-separated fragments")
                .arg(name, shown(text))
                .arg(text.trimmed().size())
                .arg(kMaxTextLength);
        }
        *textMember(settings, field.id) = text.trimmed();
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace fperf
