// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tools/project_check.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace fperf {

namespace {
// One JSON line: per file null (fine) or {"kind": ..., "detail": ...}.
const char *kCheckScript = R"PY(
import json, sys
try:
    import yaml
except Exception:
    print("FILARE_PERF_YAML null")
    sys.exit(0)
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SECTIONS = ("connectors", "cables", "connections", "additional_bom_items")
def where(mark):
    return "line %d, column %d" % (mark.line + 1, mark.column + 1)
def check(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return {"kind": "encoding", "detail": "byte %d" % e.start}
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as e:
        parts = []
        if getattr(e, "context", None):
            ctx = getattr(e, "context_mark", None)
            parts.append(e.context + (" at " + where(ctx) if ctx else ""))
        problem = getattr(e, "problem", None) or str(e)
        mark = getattr(e, "problem_mark", None)
        parts.append(problem + (" at " + where(mark) if mark else ""))
        return {"kind": "yaml", "detail": ": ".join(parts)}
    if data is None:
        return {"kind": "nodata", "detail": ""}
    if not isinstance(data, dict):
        return {"kind": "toplevel", "detail": type(data).__name__}
    if not any(k in data for k in SECTIONS):
        return {"kind": "nosections", "detail": ", ".join(str(k) for k in list(data)[:5])}
    return None
out = []
for p in sys.argv[1:]:
    try:
        out.append(check(p))
    except OSError as e:
        out.append({"kind": "io", "detail": e.strerror or str(e)})
print("FILARE_PERF_YAML " + json.dumps(out))
)PY";

QString topLevelName(const QString &pythonType)
{
    if (pythonType == u"list")
        return QStringLiteral("a list");
    if (pythonType == u"str")
        return QStringLiteral("plain text");
    if (pythonType == u"int" || pythonType == u"float")
        return QStringLiteral("a number");
    if (pythonType == u"bool")
        return QStringLiteral("a yes/no value");
    return QStringLiteral("a %1").arg(pythonType);
}

QString message(const QString &path, const QString &kind, const QString &detail)
{
    if (kind == u"yaml")
        return QStringLiteral("project file %1 is not valid YAML (%2); fix the YAML there")
            .arg(path, detail);
    if (kind == u"encoding")
        return QStringLiteral("project file %1 is not UTF-8 text (%2 is not UTF-8; a binary "
                              "file?); give a Filare harness YAML file saved as UTF-8")
            .arg(path, detail);
    if (kind == u"nodata")
        return QStringLiteral("project file %1 has no YAML data, only comments or blank lines; "
                              "give a Filare harness YAML file")
            .arg(path);
    if (kind == u"toplevel")
        return QStringLiteral("project file %1 is YAML but not a Filare harness: it holds %2, "
                              "not a mapping of connectors, cables and connections; give a "
                              "Filare harness YAML file")
            .arg(path, topLevelName(detail));
    if (kind == u"nosections")
        return QStringLiteral("project file %1 is YAML but not a Filare harness: it has none of "
                              "connectors, cables, connections or additional_bom_items (its keys: "
                              "%2); give a Filare harness YAML file")
            .arg(path, detail);
    return QStringLiteral("project file %1 cannot be read (%2); check its permissions")
        .arg(path, detail);
}
} // namespace

QStringList projectContentProblems(const QString &python, const QStringList &projectFiles,
                                   int timeoutMs)
{
    if (python.isEmpty() || projectFiles.isEmpty())
        return {};
    QStringList absolute;
    for (const QString &f : projectFiles)
        absolute << QFileInfo(f).absoluteFilePath();
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(python, QStringList{QStringLiteral("-c"), QString::fromUtf8(kCheckScript)} + absolute);
    if (!p.waitForStarted(timeoutMs))
        return {};
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        return {};
    }
    const QByteArray out = p.readAllStandardOutput();
    const qsizetype at = out.indexOf("FILARE_PERF_YAML ");
    if (at < 0)
        return {};
    const QByteArray line = out.mid(at + 17).split('\n').value(0);
    const QJsonArray results = QJsonDocument::fromJson(line).array();
    QStringList problems;
    for (int i = 0; i < results.size() && i < projectFiles.size(); ++i) {
        const QJsonObject r = results.at(i).toObject();
        if (!r.isEmpty())
            problems << message(projectFiles.at(i), r.value(QStringLiteral("kind")).toString(),
                                r.value(QStringLiteral("detail")).toString());
    }
    return problems;
}

} // namespace fperf
