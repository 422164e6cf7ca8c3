// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace fperf {

// One KEY=value line of an env file, with the line it came from.
struct EnvEntry
{
    QString key;
    QString value;
    int line = 0;
};

struct EnvFileProblem
{
    int line = 0;
    QString message;
};

struct EnvFileContent
{
    QList<EnvEntry> entries;
    QList<EnvFileProblem> problems;
};

// Env-file syntax shared by the GUI, the CLI and `env $(cat file)`: KEY=value lines,
// blank lines and # comments. An optional `export ` prefix and matching quotes are accepted.
EnvFileContent parseEnvFile(const QString &text);

// Writes entries back; values with spaces or quotes are single-quoted (parseEnvFile undoes it).
QString formatEnvFile(const QList<EnvEntry> &entries, const QString &headerComment = {});

// Sets or removes keys in env-file text, keeping comments, order and other lines. A key mapped
// to a null QString is removed; new keys are appended.
QString updateEnvFileText(const QString &text, const QMap<QString, QString> &updates);

// Reads a file; a missing file is not a problem (empty content), an unreadable one is.
EnvFileContent readEnvFile(const QString &path, bool *exists = nullptr);

} // namespace fperf
