// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace fperf {

// Scalene's part of the settings (env prefix FIL_PERF_SCALENE_).
struct ScaleneSettings
{
    bool enabled = true;
    double cpuRate = 0.01;      // sampling interval in seconds
    bool memory = true;         // off: --cpu-only
    bool copy = true;           // copy volume; only meaningful with memory on
    bool html = false;          // HTML report, else a text report
    QString profileOnly;        // empty: Filare's own package folder
    QString profileExclude;     // empty: Filare's Jinja templates folder
    int profileIntervalSec = 0; // 2.x writes its profile this often; 0: only at the end

    // Copy tracking comes with memory profiling; with memory off it counts as off.
    bool effectiveCopy() const { return memory && copy; }
    bool operator==(const ScaleneSettings &) const = default;
};

// How Filare is invoked (env prefix FIL_PERF_FILARE_), with Filare's own option names.
struct FilareSettings
{
    static constexpr const char *kDefaultMultiplierFile = "quantity_multipliers.txt";

    QString command = QStringLiteral("run"); // the Filare command profiled
    QString formats;                         // -f; empty: Filare's default (hpst)
    QStringList metadata;                    // -d, each; relative: to the project's folder
    QStringList components;                  // -c, each; relative: to the project's folder
    QString outputName;                      // -O; empty: each harness's own name
    bool useQtyMultipliers = false;          // -u
    QString multiplierFileName; // -m; empty: Filare's default; relative: to the project's folder
    QStringList extraArgs;      // passed through to Filare after everything else

    bool isRun() const { return command == u"run"; }
    bool operator==(const FilareSettings &) const = default;
};

// Where the profile runs (env prefix FIL_PERF_CONTAINER_): no image means here, as always.
struct ContainerSettings
{
    QString image;        // empty: run locally
    QString engine;       // "podman", "docker"; empty: whichever is installed, podman first
    QString filareSource; // a Filare source tree mounted and run instead of the image's Filare

    bool enabled() const { return !image.isEmpty(); }
    bool operator==(const ContainerSettings &) const = default;
};

// Everything a run needs besides the project files (env prefix FIL_PERF_).
struct PerformanceSettings
{
    QString outputDir = QStringLiteral("outputs/perf"); // relative: to the project's folder
    QString runLabel;                                   // empty: <project stem>-<timestamp>
    QString python;                                     // empty: resolved, see InterpreterResolver
    bool baseline = false;                              // also time a plain run for the overhead
    int timeoutSec = 0; // the profile is stopped after this long; 0: never
    ScaleneSettings scalene;
    FilareSettings filare;
    ContainerSettings container;

    bool operator==(const PerformanceSettings &) const = default;
};

// One Q_NAMESPACE per namespace (moc), so the enum has its own.
namespace setting_id_meta {
Q_NAMESPACE

// Every setting, for code that means one. Its stable string key ("scalene.cpu_rate", in run
// records) is SettingField::key; tst_enum_keys pins each pair.
enum class SettingId
{
    ScaleneEnabled,
    ScaleneCpuRate,
    ScaleneMemory,
    ScaleneCopy,
    ScaleneHtml,
    ScaleneProfileOnly,
    ScaleneProfileExclude,
    OutputDir,
    RunLabel,
    Python,
    FilareFormats,
    Baseline,
    FilareCommand,
    FilareMetadata,
    FilareComponents,
    FilareOutputName,
    FilareUseQtyMultipliers,
    FilareMultiplierFileName,
    FilareArgs,
    ContainerImage,
    ContainerEngine,
    ContainerFilareSource,
    ScaleneProfileInterval,
    Timeout
};
Q_ENUM_NS(SettingId)

} // namespace setting_id_meta
using setting_id_meta::SettingId;

enum class FieldKind
{
    Bool,
    Seconds,
    Text,
    Path,
    Label,
    Formats,
    Command,     // one Filare command word: run, qty, ...
    PathList,    // files as shell words: a 'b c.yml'
    FileName,    // a bare file name or stem, no folder
    Arguments,   // shell words passed through as they are
    Image,       // a container image reference: one word
    Engine,      // a container engine: podman or docker, empty for either
    WholeSeconds // 0 (off) or a whole number of seconds up to a day
};

// One setting as the user sees it in env files, the environment, the CLI and forms.
struct SettingField
{
    SettingId id;
    QString key;            // stable key used in records and forms, e.g. "scalene.cpu_rate"
    QString envName;        // FIL_PERF_...
    QStringList envAliases; // older or proposed names that mean the same
    FieldKind kind;
    QString cliOption; // long option without dashes; bools also get --no-<option>; list kinds
                       // may be repeated; empty: no option (FilareArgs: after --)
    QString title;     // short label for forms
    QString help;      // one or two sentences for --help and tooltips
    bool advanced = false;
};

const QList<SettingField> &settingFields();
const SettingField *findFieldByEnvName(const QString &envName);
// Every SettingId has a field.
const SettingField &settingField(SettingId id);
QString settingKey(SettingId id);
// For keys from outside (records, forms); null when unknown.
const SettingField *findFieldByKey(const QString &key);

// Current value of a field as text ("1"/"0" for booleans, as parsed back by setFieldValue).
QString fieldValueText(const PerformanceSettings &settings, const SettingField &field);
// Parses text into the field; on failure leaves settings untouched and returns the message,
// which names the variable, the value and what is accepted.
std::optional<QString> setFieldValue(PerformanceSettings &settings, const SettingField &field,
                                     const QString &text, const QString &nameForMessages);

// A relative path in the settings means one in the project's folder (that of its first file).
QString resolveAgainstProject(const QString &path, const QString &firstProjectFile);

// Filare arguments that choose Filare's output folder (-o), which filare-perf owns.
bool namesFilareOutputDir(const QStringList &filareArgs);

// List settings as one text (env files, forms): shell words, so any file name fits.
QString listValueText(const QStringList &items);

// Boolean words accepted everywhere, like Filare: 1/0, true/false, yes/no, on/off, any case.
std::optional<bool> parseBoolWord(const QString &text);

constexpr int kMaxWholeSeconds = 86400;
constexpr double kMinCpuRate = 0.001;
constexpr double kMaxCpuRate = 1.0;
// Longer values cannot be right and would not fit in a command line (128 KiB per argument).
constexpr int kMaxPathLength = 4096;
constexpr int kMaxTextLength = 32768;

} // namespace fperf
