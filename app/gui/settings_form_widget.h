// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings/settings_form_model.h"

#include <QGroupBox>
#include <QMap>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Ui {
class SettingsFormWidget;
}

namespace fperf {

// One row per setting, built from the field registry and bound both ways to a
// SettingsFormModel: edits go to the model, the model's changes come back to the editors,
// their source labels and their own error lines.
class SettingsFormWidget : public QGroupBox
{
    Q_OBJECT
public:
    explicit SettingsFormWidget(SettingsFormModel *model, QWidget *parent = nullptr);
    ~SettingsFormWidget() override;

    // For tests and the main window: the widgets of one field.
    QWidget *editor(const QString &fieldId) const;
    QLabel *errorLabel(const QString &fieldId) const;
    QLabel *sourceLabel(const QString &fieldId) const;
    QToolButton *resetButton(const QString &fieldId) const;

signals:
    void message(const QString &text); // for the status bar

public slots:
    void copyCommand();

private:
    struct Row
    {
        QLineEdit *line = nullptr;
        QCheckBox *check = nullptr;
        QLabel *source = nullptr;
        QLabel *error = nullptr;
        QToolButton *reset = nullptr;
    };
    void buildRows();
    void refresh();
    void save(SettingSource target);

    std::unique_ptr<Ui::SettingsFormWidget> m_ui;
    SettingsFormModel *m_model;
    QMap<QString, Row> m_rows;
    bool m_refreshing = false;
};

} // namespace fperf
