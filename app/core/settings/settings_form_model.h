// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings/settings_resolver.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QSet>

namespace fperf {

// The settings as a form edits them: the standard layers plus the user's unsaved edits on top.
// Widgets bind to it through fieldText/setFieldText and the changed() signal.
class SettingsFormModel : public QObject
{
    Q_OBJECT
public:
    explicit SettingsFormModel(QObject *parent = nullptr);

    void setEnvironment(const QProcessEnvironment &env);
    // folderPicks: what the project's folder suggests (metadata, components), below every
    // file and variable; empty for projects opened as files.
    void setProjectFiles(const QStringList &files, const SettingsLayer &folderPicks = {});
    QString projectFolder() const { return m_folderPicks.location; } // opened as a folder
    void setCommandLine(const QList<EnvEntry> &entries);
    QStringList projectFiles() const { return m_projects; }
    QProcessEnvironment environment() const { return m_env; }

    // Text shown in a field: the edit if there is one (even when invalid), else the value.
    QString fieldText(const QString &id) const;
    void setFieldText(const QString &id, const QString &text);
    // Back to the built-in default, hiding what files or the environment say.
    void resetField(const QString &id);
    bool isEdited(const QString &id) const;

    QString fieldError(const QString &id) const; // empty when valid
    QString fieldWarning(const QString &id) const;
    SettingOrigin fieldOrigin(const QString &id) const;
    QStringList generalErrors() const; // not tied to a field, e.g. a junk line in a file

    const ResolvedSettings &resolved() const { return m_resolved; }
    bool hasErrors() const { return !m_resolved.ok(); }

    QString userFilePath() const;
    QString projectFilePath() const; // empty without a project
    // Writes the edited fields into the user or project file (keeping its other lines), then
    // rereads the files. Reset fields are removed from that file.
    bool save(SettingSource target, QString *error);

    // `FIL_PERF_X=... filare-perf run PROJECT...` with every value that is not the default.
    QString reproduceCommand() const;

    // Rereads the settings files (e.g. after they changed on disk).
    void reload();

signals:
    void changed();

private:
    void readLayers(); // files, environment and command line: only when they can have changed
    void recompute();  // cheap: on every edit

    QProcessEnvironment m_env;
    QStringList m_projects;
    QList<EnvEntry> m_commandLine;
    SettingsLayer m_folderPicks;
    QMap<QString, QString> m_edits; // field id -> text
    QSet<QString> m_resets;         // field ids reset to the default
    QList<SettingsLayer> m_layers;
    ResolvedSettings m_resolved;
};

} // namespace fperf
