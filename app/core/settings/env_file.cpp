// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/env_file.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace fperf {

namespace {
const QRegularExpression &keyPattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re;
}

QString unquote(const QString &value)
{
    if (value.size() >= 2) {
        const QChar first = value.front();
        if ((first == u'"' || first == u'\'') && value.back() == first)
            return value.mid(1, value.size() - 2);
    }
    return value;
}
} // namespace

EnvFileContent parseEnvFile(const QString &text)
{
    EnvFileContent content;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        QString body = trimmed;
        if (body.startsWith(QLatin1String("export ")))
            body = body.mid(7).trimmed();
        const qsizetype eq = body.indexOf(u'=');
        if (eq <= 0) {
            content.problems.append(
                {i + 1,
                 QStringLiteral("line %1 is not KEY=value: \"%2\"").arg(i + 1).arg(trimmed)});
            continue;
        }
        const QString key = body.left(eq).trimmed();
        if (!keyPattern().match(key).hasMatch()) {
            content.problems.append(
                {i + 1, QStringLiteral("line %1 has an invalid name \"%2\" (use letters, digits "
                                       "and _)")
                            .arg(i + 1)
                            .arg(key)});
            continue;
        }
        content.entries.append({key, unquote(body.mid(eq + 1).trimmed()), i + 1});
    }
    return content;
}

QString formatEnvFile(const QList<EnvEntry> &entries, const QString &headerComment)
{
    QString out;
    for (const QString &line : headerComment.split(u'\n', Qt::SkipEmptyParts))
        out += QStringLiteral("# ") + line + u'\n';
    for (const EnvEntry &e : entries) {
        const bool needsQuotes = e.value.contains(u' ') || e.value.contains(u'"') ||
                                 e.value.contains(u'#') || e.value.contains(u'\t');
        out += e.key + u'=' + (needsQuotes ? u'\'' + e.value + u'\'' : e.value) + u'\n';
    }
    return out;
}

QString updateEnvFileText(const QString &text, const QMap<QString, QString> &updates)
{
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    QMap<QString, QString> pending = updates;
    QStringList out;
    for (const QString &line : std::as_const(lines)) {
        const EnvFileContent parsed = parseEnvFile(line);
        if (parsed.entries.size() == 1 && updates.contains(parsed.entries.first().key)) {
            const QString key = parsed.entries.first().key;
            if (pending.contains(key) && !pending.value(key).isNull())
                out << formatEnvFile({{key, pending.value(key), 0}}).trimmed();
            pending.remove(key); // a second line for the same key is dropped
            continue;
        }
        out << line;
    }
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        if (!it.value().isNull())
            out << formatEnvFile({{it.key(), it.value(), 0}}).trimmed();
    }
    return out.isEmpty() ? QString() : out.join(u'\n') + u'\n';
}

EnvFileContent readEnvFile(const QString &path, bool *exists)
{
    const QFileInfo info(path);
    if (exists)
        *exists = info.exists();
    if (!info.exists())
        return {};
    QFile file(path);
    if (info.isDir() || !file.open(QIODevice::ReadOnly)) {
        EnvFileContent content;
        content.problems.append(
            {0,
             QStringLiteral("cannot read settings file %1: %2; check the path and its "
                            "permissions")
                 .arg(path, info.isDir() ? QStringLiteral("it is a folder") : file.errorString())});
        return content;
    }
    return parseEnvFile(QString::fromUtf8(file.readAll()));
}

} // namespace fperf
