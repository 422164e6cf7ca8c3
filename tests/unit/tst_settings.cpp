// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/env_file.h"
#include "core/settings/settings_resolver.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

namespace {
SettingsLayer layer(SettingSource source, QList<EnvEntry> entries, const QString &where = {})
{
    SettingsLayer l;
    l.source = source;
    l.location = where;
    l.entries = std::move(entries);
    return l;
}

void writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}
} // namespace

class SettingsTest : public QObject
{
    Q_OBJECT
private slots:
    void defaults()
    {
        const ResolvedSettings r = resolveSettings({});
        QVERIFY(r.ok());
        QCOMPARE(r.values.outputDir, QStringLiteral("outputs/perf"));
        QCOMPARE(r.values.scalene.cpuRate, 0.01);
        QVERIFY(r.values.scalene.enabled);
        QVERIFY(r.values.scalene.memory);
        QVERIFY(r.values.scalene.copy);
        QVERIFY(!r.values.scalene.html);
        QVERIFY(!r.values.baseline);
        QCOMPARE(r.origins.size(), settingFields().size());
        for (const SettingOrigin &o : r.origins)
            QCOMPARE(o.source, SettingSource::Default);
    }

    void precedence_data()
    {
        QTest::addColumn<QStringList>("layers"); // which layers set the CPU rate
        QTest::addColumn<double>("expected");
        QTest::addColumn<int>("source");
        QTest::newRow("user file") << QStringList{"user"} << 0.02 << int(SettingSource::UserFile);
        QTest::newRow("project over user")
            << QStringList{"user", "project"} << 0.03 << int(SettingSource::ProjectFile);
        QTest::newRow("settings file over project")
            << QStringList{"user", "project", "file"} << 0.04 << int(SettingSource::SettingsFile);
        QTest::newRow("env over files") << QStringList{"user", "project", "file", "env"} << 0.05
                                        << int(SettingSource::Environment);
        QTest::newRow("cli over everything") << QStringList{"user", "project", "file", "env", "cli"}
                                             << 0.06 << int(SettingSource::CommandLine);
        QTest::newRow("cli over user only")
            << QStringList{"user", "cli"} << 0.06 << int(SettingSource::CommandLine);
    }
    void precedence()
    {
        QFETCH(QStringList, layers);
        QFETCH(double, expected);
        QFETCH(int, source);
        const QMap<QString, std::pair<SettingSource, QString>> all{
            {"user", {SettingSource::UserFile, "0.02"}},
            {"project", {SettingSource::ProjectFile, "0.03"}},
            {"file", {SettingSource::SettingsFile, "0.04"}},
            {"env", {SettingSource::Environment, "0.05"}},
            {"cli", {SettingSource::CommandLine, "0.06"}}};
        QList<SettingsLayer> list;
        for (const char *name : {"user", "project", "file", "env", "cli"}) {
            if (layers.contains(name))
                list << layer(all[name].first, {{"FIL_PERF_SCALENE_CPU_RATE", all[name].second, 1}},
                              name);
        }
        const ResolvedSettings r = resolveSettings(list);
        QVERIFY2(r.ok(), qPrintable(r.errorMessages().join('\n')));
        QCOMPARE(r.values.scalene.cpuRate, expected);
        QCOMPARE(int(r.origins.value("scalene.cpu_rate").source), source);
        // Untouched fields keep their defaults.
        QCOMPARE(r.origins.value("output_dir").source, SettingSource::Default);
    }

    void standardLayersReadRealFiles()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath("config");
        QDir().mkpath(config + "/filare");
        writeFile(config + "/filare/perf.env",
                  "# user defaults\nFIL_PERF_SCALENE_MEMORY=off\nFIL_PERF_RUN_LABEL=from-user\n");
        QDir().mkpath(dir.filePath("proj"));
        writeFile(dir.filePath("proj/harness.yml"), "connectors: {}\n");
        writeFile(dir.filePath("proj/filare-perf.env"),
                  "FIL_PERF_RUN_LABEL=from-project\nFIL_PERF_SCALENE_HTML=yes\n");
        writeFile(dir.filePath("extra.env"), "export FIL_PERF_SCALENE_HTML='no'\n");
        QProcessEnvironment env;
        env.insert("XDG_CONFIG_HOME", config);
        env.insert("FIL_PERF_OUTPUT_DIR", "/tmp/x y");
        const ResolvedSettings r = resolveSettings(
            standardSettingsLayers(env, dir.filePath("proj/harness.yml"),
                                   {dir.filePath("extra.env")}, {{"FIL_PERF_BASELINE", "1", 0}}));
        QVERIFY2(r.ok(), qPrintable(r.errorMessages().join('\n')));
        QVERIFY(!r.values.scalene.memory);
        QCOMPARE(r.origins.value("scalene.memory").source, SettingSource::UserFile);
        QCOMPARE(r.origins.value("scalene.memory").location, config + "/filare/perf.env:2");
        QCOMPARE(r.values.runLabel, QStringLiteral("from-project"));
        QCOMPARE(r.origins.value("run_label").source, SettingSource::ProjectFile);
        QVERIFY(!r.values.scalene.html);
        QCOMPARE(r.origins.value("scalene.html").source, SettingSource::SettingsFile);
        QCOMPARE(r.values.outputDir, QStringLiteral("/tmp/x y"));
        QCOMPARE(r.origins.value("output_dir").source, SettingSource::Environment);
        QVERIFY(r.values.baseline);
        QCOMPARE(r.origins.value("baseline").source, SettingSource::CommandLine);
    }

    void userFileFollowsFilareFolderRules()
    {
        QProcessEnvironment env;
        env.insert("HOME", "/home/u");
        QCOMPARE(userSettingsPath(env), QStringLiteral("/home/u/.config/filare/perf.env"));
        env.insert("XDG_CONFIG_HOME", "/xdg");
        QCOMPARE(userSettingsPath(env), QStringLiteral("/xdg/filare/perf.env"));
        env.insert("FIL_CONFIG_PATH", "/fil");
        QCOMPARE(userSettingsPath(env), QStringLiteral("/fil/perf.env"));
    }

    void booleans_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected"); // 1, 0, or -1 for an error
        for (const char *t : {"1", "true", "TRUE", "yes", "Yes", "on", "ON", " on "})
            QTest::newRow(t) << QString(t) << 1;
        for (const char *t : {"0", "false", "False", "no", "NO", "off", "Off"})
            QTest::newRow(t) << QString(t) << 0;
        for (const char *t : {"", "2", "y", "n", "enabled", "truee", "-1", "nan"})
            QTest::newRow(qPrintable(QString("bad '%1'").arg(t))) << QString(t) << -1;
    }
    void booleans()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        const ResolvedSettings r = resolveSettings(
            {layer(SettingSource::Environment, {{"FIL_PERF_SCALENE_MEMORY", text, 0}})});
        if (expected < 0) {
            QCOMPARE(r.errors.size(), 1);
            const QString msg = r.errors.first().message;
            QCOMPARE(r.errors.first().fieldId, QStringLiteral("scalene.memory"));
            QVERIFY2(msg.contains("FIL_PERF_SCALENE_MEMORY"), qPrintable(msg));
            QVERIFY2(msg.contains('"' + text + '"'), qPrintable(msg));
            QVERIFY2(msg.contains("1/0, true/false, yes/no or on/off"), qPrintable(msg));
        } else {
            QVERIFY(r.ok());
            QCOMPARE(r.values.scalene.memory, expected == 1);
        }
    }

    void values_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("rate min") << "FIL_PERF_SCALENE_CPU_RATE"
                                  << "0.001" << true;
        QTest::newRow("rate max") << "FIL_PERF_SCALENE_CPU_RATE"
                                  << "1" << true;
        QTest::newRow("rate below") << "FIL_PERF_SCALENE_CPU_RATE"
                                    << "0.0009" << false;
        QTest::newRow("rate above") << "FIL_PERF_SCALENE_CPU_RATE"
                                    << "1.5" << false;
        QTest::newRow("rate zero") << "FIL_PERF_SCALENE_CPU_RATE"
                                   << "0" << false;
        QTest::newRow("rate negative") << "FIL_PERF_SCALENE_CPU_RATE"
                                       << "-0.01" << false;
        QTest::newRow("rate NaN") << "FIL_PERF_SCALENE_CPU_RATE"
                                  << "NaN" << false;
        QTest::newRow("rate inf") << "FIL_PERF_SCALENE_CPU_RATE"
                                  << "inf" << false;
        QTest::newRow("rate huge") << "FIL_PERF_SCALENE_CPU_RATE"
                                   << "1e400" << false;
        QTest::newRow("rate text") << "FIL_PERF_SCALENE_CPU_RATE"
                                   << "fast" << false;
        QTest::newRow("rate empty") << "FIL_PERF_SCALENE_CPU_RATE"
                                    << "" << false;
        QTest::newRow("formats ok") << "FIL_PERF_FILARE_FORMATS"
                                    << "hsPt" << true;
        QTest::newRow("formats bad") << "FIL_PERF_FILARE_FORMATS"
                                     << "hx" << false;
        QTest::newRow("label ok") << "FIL_PERF_RUN_LABEL"
                                  << "nightly-1" << true;
        QTest::newRow("label with slash") << "FIL_PERF_RUN_LABEL"
                                          << "a/b" << true;
        QTest::newRow("label dots") << "FIL_PERF_RUN_LABEL"
                                    << ".." << false;
        QTest::newRow("label slashes") << "FIL_PERF_RUN_LABEL"
                                       << "///" << false;
        QTest::newRow("label empty means automatic") << "FIL_PERF_RUN_LABEL"
                                                     << "" << true;
        QTest::newRow("output dir newline") << "FIL_PERF_OUTPUT_DIR"
                                            << "a\nb" << false;
        QTest::newRow("python path") << "FIL_PERF_PYTHON"
                                     << "/usr/bin/python3" << true;
        QTest::newRow("command qty") << "FIL_PERF_FILARE_COMMAND"
                                     << "qty" << true;
        QTest::newRow("command with its arguments") << "FIL_PERF_FILARE_COMMAND"
                                                    << "qty -f" << false;
        QTest::newRow("command upper case") << "FIL_PERF_FILARE_COMMAND"
                                            << "Run" << false;
        QTest::newRow("metadata two files") << "FIL_PERF_FILARE_METADATA"
                                            << "meta.yml 'rev B/extra meta.yml'" << true;
        QTest::newRow("metadata open quote") << "FIL_PERF_FILARE_METADATA"
                                             << "'meta.yml" << false;
        QTest::newRow("metadata empty item") << "FIL_PERF_FILARE_METADATA"
                                             << "a.yml ''" << false;
        QTest::newRow("components lone backslash") << "FIL_PERF_FILARE_COMPONENTS"
                                                   << "c.yml \\" << false;
        QTest::newRow("output name") << "FIL_PERF_FILARE_OUTPUT_NAME"
                                     << "document" << true;
        QTest::newRow("output name with folder") << "FIL_PERF_FILARE_OUTPUT_NAME"
                                                 << "out/document" << false;
        QTest::newRow("qty multipliers word") << "FIL_PERF_FILARE_USE_QTY_MULTIPLIERS"
                                              << "yes" << true;
        QTest::newRow("qty multipliers junk") << "FIL_PERF_FILARE_USE_QTY_MULTIPLIERS"
                                              << "maybe" << false;
        QTest::newRow("multiplier file") << "FIL_PERF_FILARE_MULTIPLIER_FILE_NAME"
                                         << "qty/multipliers.txt" << true;
        QTest::newRow("filare args") << "FIL_PERF_FILARE_ARGS"
                                     << "--formats \"h s\" -x" << true;
        QTest::newRow("filare args open quote") << "FIL_PERF_FILARE_ARGS"
                                                << "--x \"a" << false;
        QTest::newRow("image with tag") << "FIL_PERF_CONTAINER_IMAGE"
                                        << "localhost/filare-perf-tools:latest" << true;
        QTest::newRow("image by digest") << "FIL_PERF_CONTAINER_IMAGE"
                                         << "ghcr.io/x/perf@sha256:0123456789abcdef" << true;
        QTest::newRow("image empty means here") << "FIL_PERF_CONTAINER_IMAGE"
                                                << "" << true;
        QTest::newRow("image with a blank") << "FIL_PERF_CONTAINER_IMAGE"
                                            << "filare perf" << false;
        QTest::newRow("image option-like") << "FIL_PERF_CONTAINER_IMAGE"
                                           << "--privileged" << false;
        QTest::newRow("engine podman") << "FIL_PERF_CONTAINER_ENGINE"
                                       << "podman" << true;
        QTest::newRow("engine docker any case") << "FIL_PERF_CONTAINER_ENGINE"
                                                << "Docker" << true;
        QTest::newRow("engine unknown") << "FIL_PERF_CONTAINER_ENGINE"
                                        << "lxc" << false;
        QTest::newRow("interval") << "FIL_PERF_SCALENE_PROFILE_INTERVAL"
                                  << "5" << true;
        QTest::newRow("interval off") << "FIL_PERF_SCALENE_PROFILE_INTERVAL"
                                      << "0" << true;
        QTest::newRow("interval fraction") << "FIL_PERF_SCALENE_PROFILE_INTERVAL"
                                           << "0.5" << false;
        QTest::newRow("timeout negative") << "FIL_PERF_TIMEOUT"
                                          << "-1" << false;
        QTest::newRow("timeout a day") << "FIL_PERF_TIMEOUT"
                                       << "86400" << true;
        QTest::newRow("timeout over a day") << "FIL_PERF_TIMEOUT"
                                            << "86401" << false;
        QTest::newRow("timeout words") << "FIL_PERF_TIMEOUT"
                                       << "ten" << false;
        QTest::newRow("filare source") << "FIL_PERF_CONTAINER_FILARE_SOURCE"
                                       << "/home/me/src/filare" << true;
    }

    void listSettingsRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("items");
        QTest::newRow("one") << "FIL_PERF_FILARE_METADATA"
                             << "metadata.yml" << QStringList{"metadata.yml"};
        QTest::newRow("blanks and quotes")
            << "FIL_PERF_FILARE_METADATA"
            << "  a.yml\t\"b c.yml\" 'd \"e\".yml' f\\ g.yml "
            << QStringList{"a.yml", "b c.yml", "d \"e\".yml", "f g.yml"};
        QTest::newRow("unicode and leading dash")
            << "FIL_PERF_FILARE_COMPONENTS"
            << "'-komponenten ü.yml'" << QStringList{"-komponenten ü.yml"};
        QTest::newRow("empty") << "FIL_PERF_FILARE_ARGS"
                               << "" << QStringList{};
        QTest::newRow("empty argument kept") << "FIL_PERF_FILARE_ARGS"
                                             << "-x ''" << QStringList{"-x", ""};
        QTest::newRow("single quote inside") << "FIL_PERF_FILARE_ARGS"
                                             << "\"it's\"" << QStringList{"it's"};
    }
    void listSettingsRoundTrip()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(QStringList, items);
        const SettingField *field = findFieldByEnvName(name);
        QVERIFY(field);
        PerformanceSettings s;
        QCOMPARE(setFieldValue(s, *field, text, name), std::nullopt);
        const QString canonical = fieldValueText(s, *field);
        // The canonical text reads back to the same items (records, forms, Copy Command).
        PerformanceSettings again;
        QCOMPARE(setFieldValue(again, *field, canonical, name), std::nullopt);
        QCOMPARE(again, s);
        const QStringList got = field->id == SettingId::FilareArgs       ? s.filare.extraArgs
                                : field->id == SettingId::FilareMetadata ? s.filare.metadata
                                                                         : s.filare.components;
        QCOMPARE(got, items);
    }

    void outputFolderInFilareArgsIsRefused_data()
    {
        QTest::addColumn<QString>("args");
        QTest::addColumn<bool>("refused");
        QTest::newRow("-o") << "-o /x" << true;
        QTest::newRow("-o joined") << "-o/x" << true;
        QTest::newRow("--output-dir") << "--output-dir /x" << true;
        QTest::newRow("--output-dir=") << "--output-dir=/x" << true;
        QTest::newRow("--output-name is fine") << "--output-name x" << false;
        QTest::newRow("-O is fine") << "-O x" << false;
        QTest::newRow("after --, a file") << "-- -o" << false;
    }
    void outputFolderInFilareArgsIsRefused()
    {
        QFETCH(QString, args);
        QFETCH(bool, refused);
        const ResolvedSettings r = resolveSettings(
            {layer(SettingSource::Environment, {{"FIL_PERF_FILARE_ARGS", args, 0}})});
        QCOMPARE(!r.ok(), refused);
        if (refused) {
            QCOMPARE(r.errors.first().fieldId, settingKey(SettingId::FilareArgs));
            QVERIFY(r.errors.first().message.contains("choose the folder with --output-dir"));
        }
        // Another command has no output folder of filare-perf's: its arguments are its own.
        const ResolvedSettings qty = resolveSettings(
            {layer(SettingSource::Environment,
                   {{"FIL_PERF_FILARE_ARGS", args, 0}, {"FIL_PERF_FILARE_COMMAND", "qty", 0}})});
        QVERIFY(qty.ok());
    }

    // A project folder's picks sit just above the defaults: every source the user wrote wins.
    void folderPicksAreTheLowestLayer()
    {
        SettingsLayer picks;
        picks.source = SettingSource::ProjectFolder;
        picks.location = "/p";
        picks.entries = {{"FIL_PERF_FILARE_METADATA", "/p/metadata.yml", 0},
                         {"FIL_PERF_FILARE_COMPONENTS", "/p/components.yml", 0}};
        QProcessEnvironment env;
        env.insert("FIL_CONFIG_PATH", "/nonexistent-config");
        env.insert("FIL_PERF_FILARE_COMPONENTS", "/mine/c.yml");
        const ResolvedSettings r = resolveSettings(standardSettingsLayers(
            env, "/p/a.yml", {}, {{"FIL_PERF_FILARE_METADATA", "/cli/m.yml", 0}}, picks));
        QVERIFY(r.ok());
        QCOMPARE(r.values.filare.metadata, QStringList{"/cli/m.yml"});
        QCOMPARE(r.values.filare.components, QStringList{"/mine/c.yml"});
        const ResolvedSettings alone =
            resolveSettings(standardSettingsLayers(env, "/p/a.yml", {}, {}, picks));
        QCOMPARE(alone.values.filare.metadata, QStringList{"/p/metadata.yml"});
        QCOMPARE(alone.origins.value(settingKey(SettingId::FilareMetadata)).source,
                 SettingSource::ProjectFolder);
        QCOMPARE(alone.origins.value(settingKey(SettingId::FilareMetadata)).location,
                 QStringLiteral("/p"));
    }

    // Copy Command: Filare's lists survive the shell, twice quoted (the variable, its words).
    void reproduceCommandKeepsFilareLists()
    {
        PerformanceSettings s;
        s.filare.metadata = {"metadata.yml", "rev B/extra meta.yml"};
        s.filare.extraArgs = {"--output-name", "it's"};
        const QString command = reproduceCommand(s, {"/p/a.yml"});
        QVERIFY2(command.contains("FIL_PERF_FILARE_METADATA="), qPrintable(command));
        QVERIFY(command.contains("FIL_PERF_FILARE_ARGS="));
        QVERIFY(!command.contains("FIL_PERF_FILARE_COMMAND")); // the default is left out
        // What a shell would hand the program, read back as the setting.
        QProcess sh;
        sh.start("sh", {"-c", command.section(" filare-perf ", 0, 0).prepend("env -i ") +
                                  " sh -c 'printf %s \"$FIL_PERF_FILARE_METADATA\"; printf "
                                  "\"\\\\n\"; printf %s \"$FIL_PERF_FILARE_ARGS\"'"});
        QVERIFY(sh.waitForFinished(10000));
        const QStringList lines = QString::fromUtf8(sh.readAllStandardOutput()).split('\n');
        QCOMPARE(lines.size(), 2);
        PerformanceSettings back;
        QCOMPARE(setFieldValue(back, settingField(SettingId::FilareMetadata), lines.at(0), {}),
                 std::nullopt);
        QCOMPARE(setFieldValue(back, settingField(SettingId::FilareArgs), lines.at(1), {}),
                 std::nullopt);
        QCOMPARE(back.filare.metadata, s.filare.metadata);
        QCOMPARE(back.filare.extraArgs, s.filare.extraArgs);
    }

    void filareDefaults()
    {
        const PerformanceSettings s;
        QCOMPARE(s.filare.command, QStringLiteral("run"));
        QVERIFY(s.filare.isRun());
        QCOMPARE(fieldValueText(s, settingField(SettingId::FilareCommand)), QStringLiteral("run"));
        // An empty command means the default, as an empty value does everywhere else.
        PerformanceSettings t;
        t.filare.command = "qty";
        QCOMPARE(setFieldValue(t, settingField(SettingId::FilareCommand), "", {}), std::nullopt);
        QVERIFY(t.filare.isRun());
    }
    void values()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        const ResolvedSettings r =
            resolveSettings({layer(SettingSource::Environment, {{name, value, 0}})});
        QCOMPARE(r.ok(), valid);
        if (!valid) {
            QVERIFY2(r.errors.first().message.contains(name), qPrintable(r.errors.first().message));
            QVERIFY(!r.errors.first().fieldId.isEmpty());
        }
    }

    void severalErrorsAreAllReported()
    {
        const ResolvedSettings r = resolveSettings(
            {layer(SettingSource::Environment, {{"FIL_PERF_SCALENE_CPU_RATE", "abc", 0},
                                                {"FIL_PERF_SCALENE_HTML", "maybe", 0},
                                                {"FIL_PERF_FILARE_FORMATS", "zz", 0}})});
        QCOMPARE(r.errors.size(), 3);
        QStringList ids;
        for (const SettingProblem &p : r.errors)
            ids << p.fieldId;
        QVERIFY(ids.contains("scalene.cpu_rate"));
        QVERIFY(ids.contains("scalene.html"));
        QVERIFY(ids.contains("filare.formats"));
    }

    void enableAliases()
    {
        // The alias alone works.
        ResolvedSettings r = resolveSettings(
            {layer(SettingSource::Environment, {{"FIL_PERF_ENABLE_SCALENE", "off", 0}})});
        QVERIFY(r.ok());
        QVERIFY(!r.values.scalene.enabled);
        // Agreeing values are fine.
        r = resolveSettings(
            {layer(SettingSource::Environment,
                   {{"FIL_PERF_ENABLE_SCALENE", "no", 0}, {"FIL_PERF_SCALENE_ENABLED", "0", 0}})});
        QVERIFY(r.ok());
        // Conflicting values are an error that names both.
        r = resolveSettings(
            {layer(SettingSource::Environment,
                   {{"FIL_PERF_ENABLE_SCALENE", "yes", 0}, {"FIL_PERF_SCALENE_ENABLED", "0", 0}})});
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.first().message.contains("FIL_PERF_SCALENE_ENABLED"));
        QVERIFY(r.errors.first().message.contains("alias"));
    }

    void copyNeedsMemory()
    {
        ResolvedSettings r = resolveSettings(
            {layer(SettingSource::Environment,
                   {{"FIL_PERF_SCALENE_MEMORY", "0", 0}, {"FIL_PERF_SCALENE_COPY", "1", 0}})});
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.size(), 1);
        QCOMPARE(r.warnings.first().fieldId, QStringLiteral("scalene.copy"));
        QVERIFY(!r.values.scalene.effectiveCopy());
        r = resolveSettings(
            {layer(SettingSource::Environment, {{"FIL_PERF_SCALENE_MEMORY", "1", 0}})});
        QVERIFY(r.values.scalene.effectiveCopy());
        QVERIFY(r.warnings.isEmpty());
    }

    void unknownScaleneVariableIsWarned()
    {
        const ResolvedSettings r = resolveSettings(
            {layer(SettingSource::Environment,
                   {{"FIL_PERF_SCALENE_MEMROY", "1", 0}, {"FIL_PERF_CONTAINER_IMAGE", "x", 0}})});
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.size(), 1); // Filare's own FIL_PERF_ variables are not ours to judge
        QVERIFY(r.warnings.first().message.contains("FIL_PERF_SCALENE_MEMROY"));
    }

    void envFileParsing()
    {
        const EnvFileContent c = parseEnvFile("# comment\n\nA=1\r\nexport B = two words \n"
                                              "C='quoted # not comment'\nD=\"x\"\nE=\n"
                                              "junk line\n=novalue\n1BAD=3\n");
        QCOMPARE(c.entries.size(), 5);
        QCOMPARE(c.entries[0].key, QStringLiteral("A"));
        QCOMPARE(c.entries[0].line, 3);
        QCOMPARE(c.entries[1].value, QStringLiteral("two words"));
        QCOMPARE(c.entries[2].value, QStringLiteral("quoted # not comment"));
        QCOMPARE(c.entries[3].value, QStringLiteral("x"));
        QCOMPARE(c.entries[4].value, QString());
        QCOMPARE(c.problems.size(), 3);
        QCOMPARE(c.problems[0].line, 8);
        QVERIFY(c.problems[0].message.contains("junk line"));
    }

    void junkInSettingsFileIsAnErrorWithLine()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("perf.env"), "FIL_PERF_SCALENE_HTML=1\nthis is junk\n");
        const ResolvedSettings r =
            resolveSettings({fileLayer(SettingSource::ProjectFile, dir.filePath("perf.env"))});
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.first().message.contains("line 2"));
        QVERIFY(r.errors.first().message.contains(dir.filePath("perf.env")));
        QVERIFY(r.values.scalene.html); // good lines still apply, for the forms
    }

    void envFileRoundTrip()
    {
        PerformanceSettings s;
        s.outputDir = "/tmp/with space/perf";
        s.runLabel = "nightly";
        s.scalene.cpuRate = 0.005;
        s.scalene.memory = false;
        s.scalene.html = true;
        s.scalene.profileOnly = "filare/render,filare/flows";
        s.filare.formats = "hs";
        s.baseline = true;
        QList<EnvEntry> entries;
        for (const SettingField &f : settingFields())
            entries.append({f.envName, fieldValueText(s, f), 0});
        const QString text = formatEnvFile(entries, "header line");
        const EnvFileContent back = parseEnvFile(text);
        QVERIFY(back.problems.isEmpty());
        SettingsLayer l = layer(SettingSource::UserFile, back.entries, "f");
        const ResolvedSettings r = resolveSettings({l});
        QVERIFY(r.ok());
        QVERIFY(r.values == s);

        // The export of resolved settings reads back to the same values too.
        const ResolvedSettings again = resolveSettings(
            {layer(SettingSource::UserFile, parseEnvFile(exportSettings(r)).entries)});
        QVERIFY(again.ok());
        QVERIFY(again.values == s);
    }
};

QTEST_GUILESS_MAIN(SettingsTest)
#include "tst_settings.moc"
