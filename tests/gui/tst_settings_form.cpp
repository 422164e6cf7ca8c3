// SPDX-License-Identifier: GPL-3.0-or-later
// The form and its model, both ways, with per-field validation.
#include "gui/settings_form_widget.h"
#include "gui_test_support.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace fperf;

class SettingsFormTest : public QObject
{
    Q_OBJECT
public:
    FPERF_GUI_TEST_INIT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QProcessEnvironment env;
        env.insert("XDG_CONFIG_HOME", m_dir->filePath("config"));
        m_model = std::make_unique<SettingsFormModel>();
        m_model->setEnvironment(env);
        m_form = std::make_unique<SettingsFormWidget>(m_model.get());
        m_form->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_form.get()));
    }

    void modelToForm()
    {
        auto *rate = qobject_cast<QLineEdit *>(m_form->editor("scalene.cpu_rate"));
        auto *memory = qobject_cast<QCheckBox *>(m_form->editor("scalene.memory"));
        QVERIFY(rate && memory);
        QCOMPARE(rate->text(), QStringLiteral("0.01"));
        QVERIFY(memory->isChecked());
        QCOMPARE(m_form->sourceLabel("scalene.cpu_rate")->text(), QStringLiteral("default"));
        QVERIFY(!m_form->resetButton("scalene.cpu_rate")->isEnabled());

        m_model->setFieldText("scalene.cpu_rate", "0.05");
        m_model->setFieldText("scalene.memory", "off");
        QCOMPARE(rate->text(), QStringLiteral("0.05"));
        QVERIFY(!memory->isChecked());
        QCOMPARE(m_form->sourceLabel("scalene.cpu_rate")->text(), QStringLiteral("edited"));
        QVERIFY(m_form->resetButton("scalene.cpu_rate")->isEnabled());
    }

    void formToModel()
    {
        auto *out = qobject_cast<QLineEdit *>(m_form->editor("output_dir"));
        out->selectAll();
        QTest::keyClick(out, Qt::Key_Delete);
        QTest::keyClicks(out, "/tmp/reports");
        QCOMPARE(m_model->resolved().values.outputDir, QStringLiteral("/tmp/reports"));
        QCOMPARE(m_model->fieldOrigin("output_dir").source, SettingSource::Edited);

        auto *html = qobject_cast<QCheckBox *>(m_form->editor("scalene.html"));
        QTest::mouseClick(html, Qt::LeftButton, {}, QPoint(4, html->height() / 2));
        QVERIFY(m_model->resolved().values.scalene.html);

        // Reset puts the default back in the model and the form.
        QTest::mouseClick(m_form->resetButton("output_dir"), Qt::LeftButton);
        QCOMPARE(m_model->resolved().values.outputDir, QStringLiteral("outputs/perf"));
        QCOMPARE(out->text(), QStringLiteral("outputs/perf"));
        QCOMPARE(m_form->sourceLabel("output_dir")->text(), QStringLiteral("default"));
    }

    void errorsArePerFieldAndNeverHidden()
    {
        auto *rate = qobject_cast<QLineEdit *>(m_form->editor("scalene.cpu_rate"));
        rate->selectAll();
        QTest::keyClicks(rate, "fast");
        auto *formats = qobject_cast<QLineEdit *>(m_form->editor("filare.formats"));
        QVERIFY(!formats->isVisible()); // an advanced field, folded away
        m_model->setFieldText("filare.formats", "xyz");
        // Both messages show, each next to its own field; the advanced fold opened.
        QVERIFY(m_form->errorLabel("scalene.cpu_rate")->isVisible());
        QVERIFY(m_form->errorLabel("scalene.cpu_rate")->text().contains("not a number"));
        QVERIFY(formats->isVisible());
        QVERIFY(m_form->errorLabel("filare.formats")->isVisible());
        QVERIFY(m_form->errorLabel("filare.formats")->text().contains("format codes"));
        QVERIFY(!m_form->errorLabel("scalene.memory")->isVisible());
        // The text typed stays in the field while it is wrong.
        QCOMPARE(rate->text(), QStringLiteral("fast"));
        // Fixing one leaves the other.
        rate->selectAll();
        QTest::keyClicks(rate, "0.02");
        QVERIFY(!m_form->errorLabel("scalene.cpu_rate")->isVisible());
        QVERIFY(m_form->errorLabel("filare.formats")->isVisible());
    }

    void tooltipsExplainOverhead()
    {
        QVERIFY(m_form->editor("scalene.cpu_rate")->toolTip().contains("Overhead"));
        QVERIFY(m_form->editor("scalene.memory")->toolTip().contains("Overhead"));
        for (const SettingField &f : settingFields())
            QVERIFY2(m_form->editor(f.key)->toolTip().contains(f.envName), qPrintable(f.key));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SettingsFormModel> m_model;
    std::unique_ptr<SettingsFormWidget> m_form;
};

QTEST_MAIN(SettingsFormTest)
#include "tst_settings_form.moc"
