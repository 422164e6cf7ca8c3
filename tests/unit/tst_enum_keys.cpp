// SPDX-License-Identifier: GPL-3.0-or-later
// Pins every machine key. They are in run records, `history --json`, `settings` output and
// History's filter, and users script against them: renaming an enumerator must fail here.
#include "core/compare/profile_diff.h"
#include "core/launch/command_spec.h"
#include "core/profile/scalene_profile_reader.h"
#include "core/settings/performance_settings.h"
#include "core/settings/settings_resolver.h"
#include "core/store/run_status.h"
#include "core/tools/tool_check.h"
#include "core/util/enum_key.h"

#include <QSet>
#include <QTest>

using namespace fperf;

namespace {
template <class E> struct Pin
{
    E value;
    const char *key;
};

const Pin<RunStatus> kRunStatus[] = {
    {RunStatus::Running, "running"},     {RunStatus::Succeeded, "succeeded"},
    {RunStatus::Failed, "failed"},       {RunStatus::TooShort, "too_short"},
    {RunStatus::Crashed, "crashed"},     {RunStatus::NoProfile, "no_profile"},
    {RunStatus::Cancelled, "cancelled"}, {RunStatus::Interrupted, "interrupted"},
    {RunStatus::TimedOut, "timed_out"}};
const Pin<SettingSource> kSettingSource[] = {{SettingSource::Default, "default"},
                                             {SettingSource::ProjectFolder, "project folder"},
                                             {SettingSource::UserFile, "user file"},
                                             {SettingSource::ProjectFile, "project file"},
                                             {SettingSource::SettingsFile, "settings file"},
                                             {SettingSource::Environment, "environment"},
                                             {SettingSource::CommandLine, "command line"},
                                             {SettingSource::Edited, "edited"}};
const Pin<ToolStatus> kToolStatus[] = {
    {ToolStatus::Ok, "ok"}, {ToolStatus::Warning, "warning"}, {ToolStatus::Missing, "missing"}};
const Pin<CommandRole> kCommandRole[] = {{CommandRole::Baseline, "baseline"},
                                         {CommandRole::Profile, "profile"},
                                         {CommandRole::Plain, "plain"},
                                         {CommandRole::HtmlReport, "html-report"},
                                         {CommandRole::TextReport, "text-report"}};
const Pin<ProfileState> kProfileState[] = {{ProfileState::Missing, "missing"},
                                           {ProfileState::Unreadable, "unreadable"},
                                           {ProfileState::Empty, "empty"},
                                           {ProfileState::Valid, "valid"}};
// diff --json and --fail-if-* read these: spelled out, not derived.
const Pin<DiffFigureId> kDiffFigure[] = {{DiffFigureId::WallTime, "wall time (s)"},
                                         {DiffFigureId::ProfiledTime, "profiled time (s)"},
                                         {DiffFigureId::PeakMemory, "peak memory (MB)"},
                                         {DiffFigureId::CpuSamples, "CPU samples"},
                                         {DiffFigureId::OverheadRatio, "overhead ratio"},
                                         {DiffFigureId::CpuPythonTime, "CPU Python (s)"},
                                         {DiffFigureId::CpuNativeTime, "CPU native (s)"},
                                         {DiffFigureId::CpuSystemTime, "CPU system (s)"},
                                         {DiffFigureId::AllocatedMemory, "allocated (MB)"}};
// Not derived from the names: an explicit table in settingFields(), pinned the same way.
const Pin<SettingId> kSettingId[] = {
    {SettingId::ScaleneEnabled, "scalene.enabled"},
    {SettingId::ScaleneCpuRate, "scalene.cpu_rate"},
    {SettingId::ScaleneMemory, "scalene.memory"},
    {SettingId::ScaleneCopy, "scalene.copy"},
    {SettingId::ScaleneHtml, "scalene.html"},
    {SettingId::ScaleneProfileOnly, "scalene.profile_only"},
    {SettingId::ScaleneProfileExclude, "scalene.profile_exclude"},
    {SettingId::OutputDir, "output_dir"},
    {SettingId::RunLabel, "run_label"},
    {SettingId::Python, "python"},
    {SettingId::FilareFormats, "filare.formats"},
    {SettingId::Baseline, "baseline"},
    {SettingId::FilareCommand, "filare.command"},
    {SettingId::FilareMetadata, "filare.metadata"},
    {SettingId::FilareComponents, "filare.components"},
    {SettingId::FilareOutputName, "filare.output_name"},
    {SettingId::FilareUseQtyMultipliers, "filare.use_qty_multipliers"},
    {SettingId::FilareMultiplierFileName, "filare.multiplier_file_name"},
    {SettingId::FilareArgs, "filare.args"},
    {SettingId::ContainerImage, "container.image"},
    {SettingId::ContainerEngine, "container.engine"},
    {SettingId::ContainerFilareSource, "container.filare_source"},
    {SettingId::ScaleneProfileInterval, "scalene.profile_interval"},
    {SettingId::Timeout, "timeout"}};

template <class E, size_t N> void addRows(const char *type, const Pin<E> (&pins)[N])
{
    for (const Pin<E> &p : pins)
        QTest::addRow("%s %s", type, p.key)
            << QString::fromLatin1(type) << int(p.value) << QString::fromLatin1(p.key);
}

// Every value of E has exactly one pin.
template <class E, size_t N> bool pinsEveryValue(const Pin<E> (&pins)[N])
{
    QSet<int> pinned;
    for (const Pin<E> &p : pins)
        pinned.insert(int(p.value));
    QSet<int> all;
    for (E e : enumValues<E>())
        all.insert(int(e));
    return pinned == all && size_t(all.size()) == N;
}

template <class E> std::optional<int> parsed(const QString &key)
{
    const std::optional<E> e = enumFromKey<E>(key);
    return e ? std::optional<int>(int(*e)) : std::nullopt;
}
} // namespace

class TestEnumKeys : public QObject
{
    Q_OBJECT
private slots:
    void keys_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("key");
        addRows("RunStatus", kRunStatus);
        addRows("SettingSource", kSettingSource);
        addRows("ToolStatus", kToolStatus);
        addRows("CommandRole", kCommandRole);
        addRows("SettingId", kSettingId);
        addRows("ProfileState", kProfileState);
        addRows("DiffFigureId", kDiffFigure);
    }
    void keys()
    {
        QFETCH(QString, type);
        QFETCH(int, value);
        QFETCH(QString, key);
        if (type == u"RunStatus") {
            QCOMPARE(runStatusName(RunStatus(value)), key);
            bool ok = false;
            QCOMPARE(int(runStatusFromName(key, &ok)), value);
            QVERIFY(ok);
            QVERIFY(!runStatusLabel(RunStatus(value)).isEmpty());
        } else if (type == u"SettingSource") {
            QCOMPARE(settingSourceName(SettingSource(value)), key);
            QCOMPARE(parsed<SettingSource>(key), value);
            QVERIFY(!settingSourceLabel(SettingSource(value)).isEmpty());
        } else if (type == u"ToolStatus") {
            QCOMPARE(toolStatusName(ToolStatus(value)), key);
            QCOMPARE(parsed<ToolStatus>(key), value);
        } else if (type == u"CommandRole") {
            QCOMPARE(commandRoleName(CommandRole(value)), key);
            QCOMPARE(parsed<CommandRole>(key), value);
            QVERIFY(!commandRoleLabel(CommandRole(value)).isEmpty());
        } else if (type == u"SettingId") {
            QCOMPARE(settingKey(SettingId(value)), key);
            const SettingField *f = findFieldByKey(key);
            QVERIFY(f);
            QCOMPARE(int(f->id), value);
        } else if (type == u"ProfileState") {
            QCOMPARE(profileStateName(ProfileState(value)), key);
            QCOMPARE(parsed<ProfileState>(key), value);
        } else if (type == u"DiffFigureId") {
            QCOMPARE(diffFigureKey(DiffFigureId(value)), key);
            QVERIFY(!diffFigureLabel(DiffFigureId(value)).isEmpty());
        } else {
            QFAIL("unknown type");
        }
    }

    // A new enumerator needs a pin above; a new setting needs an id of its own.
    void everyValuePinned()
    {
        QVERIFY(pinsEveryValue(kRunStatus));
        QVERIFY(pinsEveryValue(kSettingSource));
        QVERIFY(pinsEveryValue(kToolStatus));
        QVERIFY(pinsEveryValue(kCommandRole));
        QVERIFY(pinsEveryValue(kSettingId));
        QVERIFY(pinsEveryValue(kProfileState));
        QSet<int> fieldIds;
        for (const SettingField &f : settingFields())
            fieldIds.insert(int(f.id));
        QCOMPARE(fieldIds.size(), settingFields().size());
        QCOMPARE(size_t(fieldIds.size()), std::size(kSettingId));
    }

    void unknownKeys()
    {
        bool ok = true;
        runStatusFromName(QStringLiteral("TooShort"), &ok); // the enumerator, not the key
        QVERIFY(!ok);
        runStatusFromName(QStringLiteral("bogus"), &ok);
        QVERIFY(!ok);
        QVERIFY(!enumFromKey<SettingSource>(u"user_file"));
        QVERIFY(!enumFromKey<CommandRole>(u"html_report"));
        QVERIFY(!findFieldByKey(QStringLiteral("scalene.cpuRate")));
    }
};

QTEST_GUILESS_MAIN(TestEnumKeys)
#include "tst_enum_keys.moc"
