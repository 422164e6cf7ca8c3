// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/env_file.h"
#include "core/settings/settings_form_model.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

namespace {
void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}
QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
} // namespace

class SettingsFormModelTest : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_env = QProcessEnvironment();
        m_env.insert("XDG_CONFIG_HOME", m_dir->filePath("config"));
        m_project = m_dir->filePath("proj/harness.yml");
        writeFile(m_project, "connectors: {}\n");
    }

    void editsOverrideEveryLayerAndReportSources()
    {
        writeFile(m_dir->filePath("config/filare/perf.env"), "FIL_PERF_SCALENE_CPU_RATE=0.02\n");
        m_env.insert("FIL_PERF_SCALENE_HTML", "1");
        SettingsFormModel m;
        m.setEnvironment(m_env);
        m.setProjectFiles({m_project});
        QCOMPARE(m.fieldText("scalene.cpu_rate"), QStringLiteral("0.02"));
        QCOMPARE(m.fieldOrigin("scalene.cpu_rate").source, SettingSource::UserFile);
        QCOMPARE(m.fieldOrigin("scalene.html").source, SettingSource::Environment);
        QSignalSpy changed(&m, &SettingsFormModel::changed);
        m.setFieldText("scalene.cpu_rate", "0.05");
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m.resolved().values.scalene.cpuRate, 0.05);
        QCOMPARE(m.fieldOrigin("scalene.cpu_rate").source, SettingSource::Edited);
        QVERIFY(m.isEdited("scalene.cpu_rate"));
        // Reset hides the file and the environment too.
        m.resetField("scalene.html");
        QVERIFY(!m.resolved().values.scalene.html);
        QCOMPARE(m.fieldOrigin("scalene.html").source, SettingSource::Default);
        QCOMPARE(m.fieldText("scalene.html"), QStringLiteral("0"));
    }

    void invalidEditsKeepTheirTextAndEachFieldItsOwnError()
    {
        SettingsFormModel m;
        m.setEnvironment(m_env);
        m.setFieldText("scalene.cpu_rate", "fast");
        m.setFieldText("filare.formats", "xyz");
        QVERIFY(m.hasErrors());
        QCOMPARE(m.fieldText("scalene.cpu_rate"), QStringLiteral("fast"));
        QVERIFY(m.fieldError("scalene.cpu_rate").contains("not a number"));
        QVERIFY(m.fieldError("filare.formats").contains("format codes"));
        QVERIFY(m.fieldError("scalene.memory").isEmpty());
        QCOMPARE(m.resolved().values.scalene.cpuRate, 0.01); // the last valid value stays
        m.setFieldText("scalene.cpu_rate", "0.02");
        QVERIFY(m.fieldError("scalene.cpu_rate").isEmpty());
        QVERIFY(!m.fieldError("filare.formats").isEmpty()); // one fix does not hide another
        m.setFieldText("filare.formats", "hs");
        QVERIFY(!m.hasErrors());
    }

    void saveToProjectFileKeepsOtherLines()
    {
        const QString file = m_dir->filePath("proj/filare-perf.env");
        writeFile(file, "# team defaults\nFIL_PERF_SCALENE_MEMORY=off\nOTHER_TOOL=1\n");
        SettingsFormModel m;
        m.setEnvironment(m_env);
        m.setProjectFiles({m_project});
        QVERIFY(!m.resolved().values.scalene.memory);
        m.setFieldText("scalene.cpu_rate", "0.005");
        m.resetField("scalene.memory");
        QString error;
        QVERIFY2(m.save(SettingSource::ProjectFile, &error), qPrintable(error));
        QCOMPARE(
            readFile(file),
            QStringLiteral("# team defaults\nOTHER_TOOL=1\nFIL_PERF_SCALENE_CPU_RATE=0.005\n"));
        // Now the value comes from the file, and a new model reads it back the same.
        QCOMPARE(m.fieldOrigin("scalene.cpu_rate").source, SettingSource::ProjectFile);
        QVERIFY(!m.isEdited("scalene.cpu_rate"));
        SettingsFormModel again;
        again.setEnvironment(m_env);
        again.setProjectFiles({m_project});
        QCOMPARE(again.resolved().values.scalene.cpuRate, 0.005);
        QVERIFY(again.resolved().values.scalene.memory);
    }

    void saveToUserFileCreatesIt()
    {
        SettingsFormModel m;
        m.setEnvironment(m_env);
        m.setFieldText("scalene.html", "on");
        QString error;
        QVERIFY(m.save(SettingSource::UserFile, &error));
        QCOMPARE(readFile(m_dir->filePath("config/filare/perf.env")),
                 QStringLiteral("FIL_PERF_SCALENE_HTML=on\n"));
        QCOMPARE(m.fieldOrigin("scalene.html").source, SettingSource::UserFile);
    }

    void saveRefusesInvalidFieldsAndProjectlessTarget()
    {
        SettingsFormModel m;
        m.setEnvironment(m_env);
        m.setFieldText("scalene.cpu_rate", "9");
        QString error;
        QVERIFY(!m.save(SettingSource::UserFile, &error));
        QVERIFY(!QFile::exists(m_dir->filePath("config/filare/perf.env")));
        m.setFieldText("scalene.cpu_rate", "0.1");
        QVERIFY(!m.save(SettingSource::ProjectFile, &error));
        QVERIFY(error.contains("project"));
    }

    void reproduceCommand()
    {
        SettingsFormModel m;
        m.setEnvironment(m_env);
        m.setProjectFiles({m_project});
        QCOMPARE(m.reproduceCommand(), "filare-perf run " + m_project);
        m.setFieldText("scalene.memory", "no");
        m.setFieldText("output_dir", "/tmp/out dir");
        QCOMPARE(m.reproduceCommand(),
                 "FIL_PERF_SCALENE_MEMORY=0 FIL_PERF_OUTPUT_DIR='/tmp/out dir' filare-perf run " +
                     m_project);
    }

    void updateEnvFileText_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("append to empty") << ""
                                         << "A=1\n";
        QTest::newRow("replace in place") << "# c\nA=0\nB=2\n"
                                          << "# c\nA=1\nB=2\n";
        QTest::newRow("remove") << "R=1\nB=2"
                                << "B=2\nA=1\n";
        QTest::newRow("duplicates collapse") << "A=0\nA=5\n"
                                             << "A=1\n";
    }
    void updateEnvFileText()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QCOMPARE(fperf::updateEnvFileText(before, {{"A", "1"}, {"R", QString()}}), after);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env;
    QString m_project;
};

QTEST_GUILESS_MAIN(SettingsFormModelTest)
#include "tst_settings_form_model.moc"
