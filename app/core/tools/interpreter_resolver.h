// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace fperf {

struct ResolvedInterpreter
{
    QString path; // absolute when found; the bare name "python3" as last resort
    QString how;  // human-readable reason, e.g. ".venv next to the project"
    bool found = false;
};

struct InterpreterSearch
{
    QString configured;    // FIL_PERF_PYTHON / --python
    QString projectDir;    // folder of the first project file
    QString repositoryDir; // this tool's source folder (its .venv)
    QString pathVariable;  // PATH
};

// Order: configured; .venv in the project's folder or its parents; the repository's .venv;
// the interpreter of the `filare` found on PATH; python3 on PATH.
ResolvedInterpreter resolveInterpreter(const InterpreterSearch &search);

// First executable file called `name` in the folders of a PATH-style list, or empty.
QString findExecutableOnPath(const QString &name, const QString &pathVariable);

// The repository folder compiled in, or empty when it is gone (e.g. an installed package).
QString compiledRepositoryDir();

} // namespace fperf
