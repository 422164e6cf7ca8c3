// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tools/interpreter_resolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace fperf {

namespace {
QString venvPython(const QString &dir)
{
    const QFileInfo py(QDir(dir).filePath(QStringLiteral(".venv/bin/python")));
    return py.isExecutable() ? py.absoluteFilePath() : QString();
}

// A console script's first line names its interpreter: "#!/path/to/python".
QString shebangInterpreter(const QString &script)
{
    QFile file(script);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray first = file.readLine(4096).trimmed();
    if (!first.startsWith("#!"))
        return {};
    const QString interp = QString::fromUtf8(first.mid(2)).trimmed().section(u' ', 0, 0);
    const QFileInfo info(interp);
    return info.isAbsolute() && info.isExecutable() ? interp : QString();
}
} // namespace

QString findExecutableOnPath(const QString &name, const QString &pathVariable)
{
    for (const QString &dir : pathVariable.split(u':', Qt::SkipEmptyParts)) {
        const QFileInfo candidate(QDir(dir).filePath(name));
        if (candidate.isFile() && candidate.isExecutable())
            return candidate.absoluteFilePath();
    }
    return {};
}

ResolvedInterpreter resolveInterpreter(const InterpreterSearch &search)
{
    if (!search.configured.isEmpty()) {
        QString path = search.configured;
        if (!path.contains(u'/')) {
            const QString onPath = findExecutableOnPath(path, search.pathVariable);
            if (!onPath.isEmpty())
                path = onPath;
        }
        // A relative path names a file from the current folder; the check runs elsewhere.
        const QFileInfo info(path);
        return {path.contains(u'/') ? info.absoluteFilePath() : path,
                QStringLiteral("set by FIL_PERF_PYTHON or --python"),
                info.isFile() && info.isExecutable()};
    }
    if (!search.projectDir.isEmpty()) {
        QDir dir(search.projectDir);
        while (true) {
            const QString py = venvPython(dir.absolutePath());
            if (!py.isEmpty())
                return {py, QStringLiteral(".venv in %1").arg(dir.absolutePath()), true};
            if (!dir.cdUp())
                break;
        }
    }
    if (!search.repositoryDir.isEmpty()) {
        const QString py = venvPython(search.repositoryDir);
        if (!py.isEmpty())
            return {py, QStringLiteral("Filare Perf's own .venv"), true};
    }
    const QString filare = findExecutableOnPath(QStringLiteral("filare"), search.pathVariable);
    if (!filare.isEmpty()) {
        const QString py = shebangInterpreter(filare);
        if (!py.isEmpty())
            return {py, QStringLiteral("interpreter of %1").arg(filare), true};
    }
    const QString python3 = findExecutableOnPath(QStringLiteral("python3"), search.pathVariable);
    if (!python3.isEmpty())
        return {python3, QStringLiteral("python3 on PATH"), true};
    return {QStringLiteral("python3"), QStringLiteral("no interpreter found"), false};
}

QString compiledRepositoryDir()
{
#ifdef FILARE_PERF_SOURCE_DIR
    const QString dir = QStringLiteral(FILARE_PERF_SOURCE_DIR);
    return QFileInfo(dir).isDir() ? dir : QString();
#else
    return {};
#endif
}

} // namespace fperf
