// SPDX-License-Identifier: GPL-3.0-or-later
// Re-running a record (History's Re-run, `filare-perf rerun`): a pure function of the record.
#include "core/session/rerun.h"

#include <QtTest>

using namespace fperf;

class RerunTest : public QObject
{
    Q_OBJECT
private:
    static RunRecord record()
    {
        RunRecord r;
        r.label = "old";
        r.projectFiles = {"/p/a.yml", "/p/b.yml"};
        r.outputDir = "/runs";
        r.interpreter = "/venv/bin/python";
        r.settings = resolveSettings({});
        r.settings.values.scalene.cpuRate = 0.02;
        r.settings.origins["scalene.cpu_rate"].source = SettingSource::CommandLine;
        r.settings.values.runLabel = "old";
        r.settings.origins["run_label"].source = SettingSource::CommandLine;
        r.settings.values.scalene.memory = false;
        r.settings.origins["scalene.memory"].source = SettingSource::Environment;
        // A folder project: what the folder held, and what went after --.
        r.settings.values.filare.metadata = {"metadata.yml"};
        r.settings.origins["filare.metadata"].source = SettingSource::ProjectFolder;
        r.settings.values.filare.components = {"parts/components a.yml"};
        r.settings.origins["filare.components"].source = SettingSource::ProjectFolder;
        r.settings.values.filare.extraArgs = {"--output-name", "doc 1"};
        r.settings.origins["filare.args"].source = SettingSource::CommandLine;
        r.settings.values.filare.command = "qty";
        r.settings.origins["filare.command"].source = SettingSource::CommandLine;
        return r;
    }

private slots:
    void fields_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("text");   // what the form is given
        QTest::addColumn<QString>("option"); // the command-line entry; "-" for none
        QTest::newRow("a set value is kept") << "scalene.cpu_rate"
                                             << "0.02"
                                             << "0.02";
        QTest::newRow("a set switch is kept") << "scalene.memory"
                                              << "0"
                                              << "0";
        QTest::newRow("the label is new") << "run_label"
                                          << ""
                                          << "-";
        QTest::newRow("the interpreter that ran") << "python"
                                                  << "/venv/bin/python"
                                                  << "/venv/bin/python";
        QTest::newRow("the folder it went to") << "output_dir"
                                               << "/runs"
                                               << "/runs";
        QTest::newRow("metadata picked from the folder") << "filare.metadata"
                                                         << "metadata.yml"
                                                         << "metadata.yml";
        QTest::newRow("components, quoted") << "filare.components"
                                            << "'parts/components a.yml'"
                                            << "'parts/components a.yml'";
        QTest::newRow("pass-through arguments") << "filare.args"
                                                << "--output-name 'doc 1'"
                                                << "--output-name 'doc 1'";
        QTest::newRow("the Filare command") << "filare.command"
                                            << "qty"
                                            << "qty";
        QTest::newRow("a default stays a default") << "scalene.copy"
                                                   << "1"
                                                   << "-";
    }

    void fields()
    {
        QFETCH(QString, id);
        QFETCH(QString, text);
        QFETCH(QString, option);
        const RerunRequest request = rerunRequest(record());
        QCOMPARE(request.projectFiles, QStringList({"/p/a.yml", "/p/b.yml"}));
        QString given = "(missing)";
        for (const auto &[fieldId, value] : request.fieldTexts) {
            if (fieldId == id)
                given = value;
        }
        QCOMPARE(given, text);
        const SettingField *field = findFieldByKey(id);
        QVERIFY(field);
        QString entry = "-";
        for (const EnvEntry &e : request.commandLineEntries()) {
            if (e.key == field->envName)
                entry = e.value;
        }
        QCOMPARE(entry, option);
    }

    void everyFieldIsGiven()
    {
        const RerunRequest request = rerunRequest(record());
        QCOMPARE(request.fieldTexts.size(), settingFields().size());
    }
};

QTEST_MAIN(RerunTest)
#include "tst_rerun.moc"
