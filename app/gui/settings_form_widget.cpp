// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/settings_form_widget.h"

#include "ui_settings_form_widget.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCoreApplication>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace fperf {

namespace {
QString extraHelp(const SettingField &f)
{
    if (f.id == SettingId::ScaleneCpuRate)
        return QCoreApplication::translate(
            "fperf::SettingsFormWidget",
            "\nOverhead: each sample interrupts Filare; 0.01 s costs little, 0.001 s can add "
            "noticeably to the run time.");
    if (f.id == SettingId::ScaleneMemory)
        return QCoreApplication::translate("fperf::SettingsFormWidget",
                                           "\nOverhead: memory profiling intercepts allocations "
                                           "and often makes the run 1.5x-3x slower.");
    return {};
}
} // namespace

SettingsFormWidget::SettingsFormWidget(SettingsFormModel *model, QWidget *parent)
    : QGroupBox(parent), m_ui(std::make_unique<Ui::SettingsFormWidget>()), m_model(model)
{
    m_ui->setupUi(this);
    buildRows();
    m_ui->advancedFields->setVisible(false);
    connect(m_ui->advancedToggle, &QToolButton::toggled, this, [this](bool on) {
        m_ui->advancedFields->setVisible(on);
        m_ui->advancedToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_ui->saveUserButton, &QPushButton::clicked, this,
            [this] { save(SettingSource::UserFile); });
    connect(m_ui->saveProjectButton, &QPushButton::clicked, this,
            [this] { save(SettingSource::ProjectFile); });
    connect(m_ui->copyCommandButton, &QPushButton::clicked, this, &SettingsFormWidget::copyCommand);
    connect(m_model, &SettingsFormModel::changed, this, &SettingsFormWidget::refresh);
    refresh();
}

SettingsFormWidget::~SettingsFormWidget() = default;

void SettingsFormWidget::buildRows()
{
    const QColor errorColor = palette().color(QPalette::Text).lightness() > 128
                                  ? QColor(255, 120, 120)
                                  : QColor(190, 0, 0);
    int basicRow = 0;
    int advancedRow = 0;
    for (const SettingField &f : settingFields()) {
        QGridLayout *grid = f.advanced ? m_ui->advancedGrid : m_ui->basicGrid;
        int &row = f.advanced ? advancedRow : basicRow;
        Row r;
        const QString tip = tr("%1%2\n\nVariable: %3  Option: --%4")
                                .arg(f.help, extraHelp(f), f.envName, f.cliOption);
        auto *title = new QLabel(f.title, this);
        title->setToolTip(tip);
        grid->addWidget(title, row, 0);
        if (f.kind == FieldKind::Bool) {
            r.check = new QCheckBox(this);
            r.check->setObjectName(f.key);
            r.check->setToolTip(tip);
            title->setBuddy(r.check);
            grid->addWidget(r.check, row, 1);
            connect(r.check, &QCheckBox::toggled, this, [this, id = f.key](bool on) {
                if (!m_refreshing)
                    m_model->setFieldText(id, on ? QStringLiteral("1") : QStringLiteral("0"));
            });
        } else {
            r.line = new QLineEdit(this);
            r.line->setObjectName(f.key);
            r.line->setToolTip(tip);
            r.line->setClearButtonEnabled(true);
            if (f.id == SettingId::RunLabel)
                r.line->setPlaceholderText(tr("automatic: <project>-<date-time>"));
            else if (f.id == SettingId::Python)
                r.line->setPlaceholderText(tr("automatic"));
            else if (f.kind == FieldKind::Text || f.kind == FieldKind::Formats)
                r.line->setPlaceholderText(tr("default"));
            title->setBuddy(r.line);
            grid->addWidget(r.line, row, 1);
            connect(r.line, &QLineEdit::textEdited, this,
                    [this, id = f.key](const QString &text) { m_model->setFieldText(id, text); });
        }
        r.source = new QLabel(this);
        r.source->setObjectName(f.key + QStringLiteral(".source"));
        r.source->setEnabled(false); // greyed: secondary information
        grid->addWidget(r.source, row, 2);
        r.reset = new QToolButton(this);
        r.reset->setObjectName(f.key + QStringLiteral(".reset"));
        r.reset->setText(tr("Reset"));
        r.reset->setAutoRaise(true);
        r.reset->setToolTip(tr("Back to the default for %1").arg(f.title.toLower()));
        grid->addWidget(r.reset, row, 3);
        connect(r.reset, &QToolButton::clicked, this,
                [this, id = f.key] { m_model->resetField(id); });
        ++row;
        r.error = new QLabel(this);
        r.error->setObjectName(f.key + QStringLiteral(".error"));
        r.error->setWordWrap(true);
        QPalette p = r.error->palette();
        p.setColor(QPalette::WindowText, errorColor);
        r.error->setPalette(p);
        r.error->setVisible(false);
        grid->addWidget(r.error, row, 1, 1, 3);
        ++row;
        m_rows.insert(f.key, r);
    }
    m_ui->basicGrid->setColumnStretch(1, 1);
    m_ui->advancedGrid->setColumnStretch(1, 1);
    QPalette p = m_ui->generalErrorsLabel->palette();
    p.setColor(QPalette::WindowText, errorColor);
    m_ui->generalErrorsLabel->setPalette(p);
}

void SettingsFormWidget::refresh()
{
    m_refreshing = true;
    bool advancedProblem = false;
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        const QString &id = it.key();
        Row &r = it.value();
        const QString text = m_model->fieldText(id);
        if (r.check) {
            r.check->setChecked(parseBoolWord(text).value_or(false));
        } else if (r.line->text() != text) {
            r.line->setText(text);
        }
        const SettingOrigin o = m_model->fieldOrigin(id);
        r.source->setText(settingSourceLabel(o.source));
        r.source->setToolTip(o.location.isEmpty() ? QString() : tr("From %1").arg(o.location));
        r.reset->setEnabled(o.source != SettingSource::Default || m_model->isEdited(id));
        QString message = m_model->fieldError(id);
        const QString warning = m_model->fieldWarning(id);
        if (message.isEmpty() && !warning.isEmpty())
            message = warning;
        r.error->setText(message);
        r.error->setVisible(!message.isEmpty());
        if (!message.isEmpty() && findFieldByKey(id)->advanced)
            advancedProblem = true;
    }
    if (advancedProblem && !m_ui->advancedToggle->isChecked())
        m_ui->advancedToggle->setChecked(true); // never hide a problem
    const QStringList general = m_model->generalErrors();
    m_ui->generalErrorsLabel->setText(general.join(u'\n'));
    m_ui->generalErrorsLabel->setVisible(!general.isEmpty());
    m_ui->saveProjectButton->setEnabled(!m_model->projectFilePath().isEmpty());
    m_ui->saveProjectButton->setToolTip(
        m_model->projectFilePath().isEmpty()
            ? tr("Open a project first: its settings file sits next to it.")
            : tr("Save the edited fields to %1").arg(m_model->projectFilePath()));
    m_ui->saveUserButton->setToolTip(
        tr("Save the edited fields to %1 (used for every project)").arg(m_model->userFilePath()));
    m_refreshing = false;
}

void SettingsFormWidget::save(SettingSource target)
{
    QString error;
    if (m_model->save(target, &error))
        emit message(tr("Settings saved to %1")
                         .arg(target == SettingSource::UserFile ? m_model->userFilePath()
                                                                : m_model->projectFilePath()));
    else
        emit message(tr("Settings not saved: %1").arg(error));
}

void SettingsFormWidget::copyCommand()
{
    const QString command = m_model->reproduceCommand();
    QApplication::clipboard()->setText(command);
    emit message(tr("Copied: %1").arg(command));
}

QWidget *SettingsFormWidget::editor(const QString &fieldId) const
{
    const Row r = m_rows.value(fieldId);
    return r.check ? static_cast<QWidget *>(r.check) : r.line;
}
QLabel *SettingsFormWidget::errorLabel(const QString &fieldId) const
{
    return m_rows.value(fieldId).error;
}
QLabel *SettingsFormWidget::sourceLabel(const QString &fieldId) const
{
    return m_rows.value(fieldId).source;
}
QToolButton *SettingsFormWidget::resetButton(const QString &fieldId) const
{
    return m_rows.value(fieldId).reset;
}

} // namespace fperf
