// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/settings_form_model.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace fperf {

SettingsFormModel::SettingsFormModel(QObject *parent)
    : QObject(parent), m_env(QProcessEnvironment::systemEnvironment())
{
    readLayers();
    recompute();
}

void SettingsFormModel::setEnvironment(const QProcessEnvironment &env)
{
    m_env = env;
    readLayers();
    recompute();
}

void SettingsFormModel::setProjectFiles(const QStringList &files, const SettingsLayer &folderPicks)
{
    m_projects = files;
    m_folderPicks = folderPicks;
    readLayers();
    recompute();
}

void SettingsFormModel::setCommandLine(const QList<EnvEntry> &entries)
{
    m_commandLine = entries;
    readLayers();
    recompute();
}

void SettingsFormModel::reload()
{
    readLayers();
    recompute();
}

void SettingsFormModel::readLayers()
{
    m_layers = standardSettingsLayers(m_env, m_projects.value(0), {}, m_commandLine, m_folderPicks);
}

QString SettingsFormModel::fieldText(const QString &id) const
{
    if (m_edits.contains(id))
        return m_edits.value(id);
    const SettingField *f = findFieldByKey(id);
    return f ? fieldValueText(m_resolved.values, *f) : QString();
}

void SettingsFormModel::setFieldText(const QString &id, const QString &text)
{
    if (!findFieldByKey(id) || (m_edits.contains(id) && m_edits.value(id) == text))
        return;
    m_resets.remove(id);
    m_edits.insert(id, text);
    recompute();
}

void SettingsFormModel::resetField(const QString &id)
{
    m_edits.remove(id);
    m_resets.insert(id);
    recompute();
}

bool SettingsFormModel::isEdited(const QString &id) const
{
    return m_edits.contains(id) || m_resets.contains(id);
}

namespace {
QString messagesFor(const QList<SettingProblem> &problems, const QString &fieldId)
{
    QStringList messages;
    for (const SettingProblem &p : problems) {
        if (p.fieldId == fieldId)
            messages << p.message;
    }
    return messages.join(u'\n');
}
} // namespace

QString SettingsFormModel::fieldError(const QString &id) const
{
    return messagesFor(m_resolved.errors, id);
}

QString SettingsFormModel::fieldWarning(const QString &id) const
{
    return messagesFor(m_resolved.warnings, id);
}

SettingOrigin SettingsFormModel::fieldOrigin(const QString &id) const
{
    return m_resolved.origins.value(id);
}

QStringList SettingsFormModel::generalErrors() const
{
    QStringList out;
    for (const SettingProblem &p : m_resolved.errors) {
        if (p.fieldId.isEmpty())
            out << p.message;
    }
    return out;
}

QString SettingsFormModel::userFilePath() const
{
    return userSettingsPath(m_env);
}

QString SettingsFormModel::projectFilePath() const
{
    return m_projects.isEmpty() ? QString() : projectSettingsPath(m_projects.first());
}

void SettingsFormModel::recompute()
{
    QList<SettingsLayer> layers = m_layers;
    SettingsLayer form;
    form.source = SettingSource::Edited;
    for (auto it = m_edits.begin(); it != m_edits.end(); ++it)
        form.entries.append({findFieldByKey(it.key())->envName, it.value(), 0});
    layers << form;
    ResolvedSettings r = resolveSettings(layers);
    if (!m_resets.isEmpty()) {
        // A reset hides every layer for that field: back to the built-in default.
        const PerformanceSettings defaults;
        for (const QString &id : std::as_const(m_resets)) {
            const SettingField *f = findFieldByKey(id);
            setFieldValue(r.values, *f, fieldValueText(defaults, *f), {});
            r.origins.insert(id, {SettingSource::Default, {}, fieldValueText(defaults, *f)});
            r.errors.removeIf([&id](const SettingProblem &p) { return p.fieldId == id; });
        }
    }
    m_resolved = r;
    emit changed();
}

bool SettingsFormModel::save(SettingSource target, QString *error)
{
    const QString path = target == SettingSource::UserFile ? userFilePath() : projectFilePath();
    if (path.isEmpty()) {
        if (error)
            *error = QStringLiteral("choose a project first: the project file sits next to it");
        return false;
    }
    QMap<QString, QString> updates;
    for (auto it = m_edits.begin(); it != m_edits.end(); ++it) {
        if (!fieldError(it.key()).isEmpty()) {
            if (error)
                *error = QStringLiteral("fix the highlighted fields before saving");
            return false;
        }
        updates.insert(findFieldByKey(it.key())->envName, it.value());
    }
    for (const QString &id : std::as_const(m_resets))
        updates.insert(findFieldByKey(id)->envName, QString());

    QString existing;
    QFile in(path);
    if (in.exists() && in.open(QIODevice::ReadOnly))
        existing = QString::fromUtf8(in.readAll());
    in.close();
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create the folder of %1").arg(path);
        return false;
    }
    QSaveFile out(path);
    const QByteArray data = updateEnvFileText(existing, updates).toUtf8();
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    m_edits.clear();
    m_resets.clear();
    reload();
    return true;
}

QString SettingsFormModel::reproduceCommand() const
{
    return fperf::reproduceCommand(m_resolved.values, m_projects);
}

} // namespace fperf
