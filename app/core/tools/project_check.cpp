// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tools/project_check.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

namespace fperf {

namespace {
// argv: N, N components files, then the files to check. One JSON line: per file
// {"problem": null or a kind, "detail": ..., "kind": ..., "conn": bool, "meta": bool,
// "needs_comp": bool}.
const char *kCheckScript = R"PY(
import json, sys
try:
    import yaml
except Exception:
    print("FILARE_PERF_YAML null")
    sys.exit(0)
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DRAWN = ("connectors", "cables", "connections", "additional_bom_items")
DOCUMENT = ("metadata", "options", "titlepage_options", "notes")
def where(mark):
    return "line %d, column %d" % (mark.line + 1, mark.column + 1)
def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")
def describe(e):
    parts = []
    if getattr(e, "context", None):
        ctx = getattr(e, "context_mark", None)
        parts.append(e.context + (" at " + where(ctx) if ctx else ""))
    problem = getattr(e, "problem", None) or str(e)
    mark = getattr(e, "problem_mark", None)
    parts.append(problem + (" at " + where(mark) if mark else ""))
    return ": ".join(parts)
def kind_of(data):
    if "connections" in data:
        return "harness"
    if any(k in data for k in ("connectors", "cables")):
        return "components"
    if "additional_bom_items" in data:
        return "harness"
    if any(k in data for k in DOCUMENT):
        return "metadata"
    return "other"
def check(path, prefix):
    out = {"problem": None, "detail": "", "kind": "other", "conn": False, "meta": False,
           "needs_comp": False}
    try:
        text = read_text(path)
    except UnicodeDecodeError as e:
        out.update(problem="encoding", detail="byte %d" % e.start)
        return out
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as e:
        # Filare puts the components' text in front of each harness: their anchors and
        # templates may be what the harness needs.
        data = None
        if prefix is not None:
            try:
                data = yaml.load(prefix + "\n" + text, Loader=Loader)
                out["needs_comp"] = True
            except yaml.YAMLError:
                data = None
        if not out["needs_comp"]:
            out.update(problem="yaml", detail=describe(e))
            return out
    if data is None:
        out.update(problem="nodata")
        return out
    if not isinstance(data, dict):
        out.update(problem="toplevel", detail=type(data).__name__)
        return out
    out["kind"] = kind_of(data)
    out["conn"] = "connections" in data
    out["meta"] = isinstance(data.get("metadata"), dict)
    out["detail"] = ", ".join(str(k) for k in list(data)[:5])
    return out
n = int(sys.argv[1])
components, files = sys.argv[2:2 + n], sys.argv[2 + n:]
prefix = None
if components:
    try:
        prefix = "\n".join(read_text(c) for c in components)
    except (OSError, UnicodeDecodeError):
        prefix = None
result = []
for p in files:
    try:
        result.append(check(p, prefix))
    except OSError as e:
        result.append({"problem": "io", "detail": e.strerror or str(e), "kind": "other",
                       "conn": False, "meta": False, "needs_comp": False})
print("FILARE_PERF_YAML " + json.dumps(result))
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

QString roleNoun(FileRole role)
{
    switch (role) {
    case FileRole::Project:
        return QStringLiteral("project file");
    case FileRole::Metadata:
        return QStringLiteral("metadata file");
    case FileRole::Components:
        return QStringLiteral("components file");
    }
    return {};
}

// A file that is no valid YAML mapping, whatever its role.
QString readProblem(FileRole role, const YamlFileCheck &c)
{
    const QString what = roleNoun(role);
    const QString give = role == FileRole::Project
                             ? QStringLiteral("give a Filare harness YAML file")
                             : QStringLiteral("give a Filare YAML file");
    if (c.problem == u"yaml")
        return QStringLiteral("%1 %2 is not valid YAML (%3); fix the YAML there")
            .arg(what, c.path, c.detail);
    if (c.problem == u"encoding")
        return QStringLiteral("%1 %2 is not UTF-8 text (%3 is not UTF-8; a binary file?); %4 "
                              "saved as UTF-8")
            .arg(what, c.path, c.detail, give);
    if (c.problem == u"nodata")
        return QStringLiteral("%1 %2 has no YAML data, only comments or blank lines; %3")
            .arg(what, c.path, give);
    if (c.problem == u"toplevel")
        return QStringLiteral("%1 %2 is YAML but not a Filare %3: it holds %4, not a "
                              "mapping%5; %6")
            .arg(what, c.path,
                 role == FileRole::Project ? QStringLiteral("harness") : QStringLiteral("file"),
                 topLevelName(c.detail),
                 role == FileRole::Project
                     ? QStringLiteral(" of connectors, cables and connections")
                     : QString(),
                 give);
    return QStringLiteral("%1 %2 cannot be read (%3); check its permissions")
        .arg(what, c.path, c.detail);
}

// sheet2 before sheet10: runs of digits compare as numbers (QCollator needs ICU for that).
bool naturalLess(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a.at(ei).isDigit())
                ++ei;
            while (ej < b.size() && b.at(ej).isDigit())
                ++ej;
            const QString na = a.mid(i, ei - i).remove(QRegularExpression(QStringLiteral("^0+")));
            const QString nb = b.mid(j, ej - j).remove(QRegularExpression(QStringLiteral("^0+")));
            if (na.size() != nb.size())
                return na.size() < nb.size();
            if (na != nb)
                return na < nb;
            i = ei;
            j = ej;
            continue;
        }
        if (a.at(i) != b.at(j))
            return a.at(i) < b.at(j);
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

FilareFileKind kindFromName(const QString &name)
{
    if (name == u"harness")
        return FilareFileKind::Harness;
    if (name == u"metadata")
        return FilareFileKind::Metadata;
    if (name == u"components")
        return FilareFileKind::Components;
    return FilareFileKind::Other;
}
} // namespace

QString fileKindProblem(FileRole role, const YamlFileCheck &c, bool otherHarnesses)
{
    if (!c.problem.isEmpty())
        return readProblem(role, c);
    const QString &p = c.path;
    switch (role) {
    case FileRole::Project:
        if (c.kind == FilareFileKind::Metadata)
            return QStringLiteral("project file %1 is a Filare metadata file (its keys: %2; "
                                  "nothing to draw), not a harness; pass it with --metadata %1 "
                                  "(FIL_PERF_FILARE_METADATA, or Metadata files in the window)")
                .arg(p, c.detail);
        // A drawing without connections is a harness too, unless it sits beside real ones.
        if (c.kind == FilareFileKind::Components && otherHarnesses)
            return QStringLiteral("project file %1 looks like a Filare components file "
                                  "(templates: %2, and no connections) beside harnesses that "
                                  "have connections; pass it with --components %1 "
                                  "(FIL_PERF_FILARE_COMPONENTS, or Components files in the "
                                  "window)")
                .arg(p, c.detail);
        if (c.kind == FilareFileKind::Other)
            return QStringLiteral("project file %1 is YAML but not a Filare harness: it has "
                                  "none of connectors, cables, connections or "
                                  "additional_bom_items (its keys: %2); give a Filare harness "
                                  "YAML file")
                .arg(p, c.detail);
        return {};
    case FileRole::Metadata:
        if (c.hasConnections)
            return QStringLiteral("metadata file %1 is a harness (it has connections); give "
                                  "it as a project file, and the document's metadata file "
                                  "with --metadata")
                .arg(p);
        if (c.kind == FilareFileKind::Components)
            return QStringLiteral("metadata file %1 holds component templates (its keys: %2), not "
                                  "metadata; pass it with --components %1")
                .arg(p, c.detail);
        if (c.kind != FilareFileKind::Metadata)
            return QStringLiteral("metadata file %1 has no metadata, options or notes block "
                                  "(its keys: %2); give a file with a `metadata:` mapping "
                                  "(title, pn, authors, revisions)")
                .arg(p, c.detail);
        return {};
    case FileRole::Components:
        if (c.hasConnections)
            return QStringLiteral("components file %1 is a harness (it has connections); give "
                                  "it as a project file")
                .arg(p);
        if (c.kind == FilareFileKind::Metadata)
            return QStringLiteral("components file %1 is a Filare metadata file (its keys: %2); "
                                  "pass it "
                                  "with --metadata %1")
                .arg(p, c.detail);
        return {}; // templates, or anchors only: Filare puts the text in front of each harness
    }
    return {};
}

QString missingMetadataWarning(const QList<YamlFileCheck> &projectChecks,
                               const QStringList &metadataFiles, bool titlePageAsked)
{
    if (!titlePageAsked || !metadataFiles.isEmpty() || projectChecks.isEmpty())
        return {};
    for (const YamlFileCheck &c : projectChecks) {
        if (c.hasMetadataBlock || !c.problem.isEmpty())
            return {};
    }
    return QStringLiteral("no project file has a metadata block and no metadata file is given: "
                          "Filare's title page (HTML output) needs the document's title, pn, "
                          "company and address, and Filare will fail after drawing the "
                          "sheets; pass the metadata file with --metadata FILE");
}

std::optional<QList<YamlFileCheck>> checkYamlFiles(const QString &python, const QStringList &files,
                                                   const QStringList &componentsFiles,
                                                   int timeoutMs)
{
    if (python.isEmpty())
        return std::nullopt;
    if (files.isEmpty())
        return QList<YamlFileCheck>{};
    QStringList args{QStringLiteral("-c"), QString::fromUtf8(kCheckScript),
                     QString::number(componentsFiles.size())};
    for (const QString &f : componentsFiles + files)
        args << QFileInfo(f).absoluteFilePath();
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(python, args);
    if (!p.waitForStarted(timeoutMs))
        return std::nullopt;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        return std::nullopt;
    }
    const QByteArray out = p.readAllStandardOutput();
    const qsizetype at = out.indexOf("FILARE_PERF_YAML ");
    if (at < 0)
        return std::nullopt;
    const QByteArray line = out.mid(at + 17).split('\n').value(0);
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    if (!doc.isArray() || doc.array().size() != files.size())
        return std::nullopt;
    QList<YamlFileCheck> checks;
    const QJsonArray results = doc.array();
    for (int i = 0; i < results.size(); ++i) {
        const QJsonObject r = results.at(i).toObject();
        YamlFileCheck c;
        c.path = files.at(i);
        c.problem = r.value(QStringLiteral("problem")).toString();
        c.detail = r.value(QStringLiteral("detail")).toString();
        c.kind = kindFromName(r.value(QStringLiteral("kind")).toString());
        c.hasConnections = r.value(QStringLiteral("conn")).toBool();
        c.hasMetadataBlock = r.value(QStringLiteral("meta")).toBool();
        c.neededComponents = r.value(QStringLiteral("needs_comp")).toBool();
        checks << c;
    }
    return checks;
}

ProjectContent checkProjectContent(const QString &python, const QStringList &projectFiles,
                                   const QStringList &metadataFiles,
                                   const QStringList &componentsFiles, bool titlePageAsked,
                                   int timeoutMs)
{
    ProjectContent content;
    const auto checks = checkYamlFiles(python, projectFiles + metadataFiles + componentsFiles,
                                       componentsFiles, timeoutMs);
    if (!checks)
        return content;
    const QList<YamlFileCheck> project = checks->mid(0, projectFiles.size());
    const bool anyConnections = std::any_of(
        project.begin(), project.end(), [](const YamlFileCheck &c) { return c.hasConnections; });
    for (qsizetype i = 0; i < checks->size(); ++i) {
        const FileRole role = i < projectFiles.size() ? FileRole::Project
                              : i < projectFiles.size() + metadataFiles.size()
                                  ? FileRole::Metadata
                                  : FileRole::Components;
        if (const QString problem = fileKindProblem(role, checks->at(i), anyConnections);
            !problem.isEmpty())
            content.problems << problem;
    }
    if (const QString w = missingMetadataWarning(project, metadataFiles, titlePageAsked);
        !w.isEmpty())
        content.warnings << w;
    return content;
}

ProjectFolderPick pickProjectFiles(const QString &folder, const QList<YamlFileCheck> &checks,
                                   const QString &settingsFile)
{
    ProjectFolderPick pick;
    pick.folder = folder;
    pick.settingsFile = settingsFile;
    const bool anyConnections = std::any_of(checks.begin(), checks.end(), [](const auto &c) {
        return c.problem.isEmpty() && c.hasConnections;
    });
    for (const YamlFileCheck &c : checks) {
        const QString name = QFileInfo(c.path).fileName();
        if (!c.problem.isEmpty()) {
            pick.skipped << QStringLiteral("%1: %2").arg(name, readProblem(FileRole::Project, c));
            continue;
        }
        switch (c.kind) {
        case FilareFileKind::Harness:
            pick.harnesses << c.path;
            break;
        case FilareFileKind::Components:
            (anyConnections ? pick.components : pick.harnesses) << c.path;
            break;
        case FilareFileKind::Metadata:
            pick.metadata << c.path;
            break;
        case FilareFileKind::Other:
            pick.skipped
                << QStringLiteral("%1: not a Filare file (its keys: %2)").arg(name, c.detail);
            break;
        }
    }
    const auto byName = [](const QString &a, const QString &b) {
        return naturalLess(QFileInfo(a).fileName(), QFileInfo(b).fileName());
    };
    std::sort(pick.harnesses.begin(), pick.harnesses.end(), byName);
    std::sort(pick.metadata.begin(), pick.metadata.end(), byName);
    std::sort(pick.components.begin(), pick.components.end(), byName);
    if (pick.harnesses.isEmpty())
        pick.problem = checks.isEmpty()
                           ? QStringLiteral("folder %1 has no YAML files (*.yml, *.yaml); open "
                                            "the folder of a Filare project, or its files")
                                 .arg(folder)
                           : QStringLiteral("folder %1 has no Filare harness file (one with "
                                            "connectors, cables or connections) among its %2 "
                                            "YAML file(s); open the folder of a Filare project, "
                                            "or its files")
                                 .arg(folder)
                                 .arg(checks.size());
    return pick;
}

ProjectFolderPick scanProjectFolder(const QString &python, const QString &folder, int timeoutMs)
{
    const QDir dir(folder);
    const QString absolute = dir.absolutePath();
    const QString settings = dir.filePath(QStringLiteral("filare-perf.env"));
    const QString settingsFile = QFileInfo(settings).isFile() ? settings : QString();
    if (!QFileInfo(absolute).isDir()) {
        ProjectFolderPick pick;
        pick.folder = absolute;
        pick.problem = QStringLiteral("folder %1 does not exist; check the path").arg(absolute);
        return pick;
    }
    QStringList files;
    QStringList skipped;
    const QFileInfoList entries =
        dir.entryInfoList({QStringLiteral("*.yml"), QStringLiteral("*.yaml")},
                          QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo &e : entries) {
        // What Filare writes next to its outputs is YAML too, and would read as a harness.
        if (e.fileName().endsWith(QLatin1String(".document.yaml")) ||
            e.fileName() == u"document_hashes.yaml")
            skipped << QStringLiteral("%1: Filare's own output").arg(e.fileName());
        else
            files << e.absoluteFilePath();
    }
    auto checks = checkYamlFiles(python, files, {}, timeoutMs);
    if (!checks) {
        ProjectFolderPick pick;
        pick.folder = absolute;
        pick.problem =
            QStringLiteral("the YAML files of %1 could not be read with %2 (PyYAML "
                           "missing?); check the interpreter with `filare-perf "
                           "check`, or name the files")
                .arg(absolute, python.isEmpty() ? QStringLiteral("no interpreter") : python);
        return pick;
    }
    // A harness that uses the components' anchors is valid YAML only behind them: check the
    // files that failed again, with the components found in front, as Filare reads them.
    ProjectFolderPick first = pickProjectFiles(absolute, *checks, settingsFile);
    QStringList retry;
    for (const YamlFileCheck &c : *checks) {
        if (c.problem == u"yaml")
            retry << c.path;
    }
    if (!retry.isEmpty() && !first.components.isEmpty()) {
        if (const auto again = checkYamlFiles(python, retry, first.components, timeoutMs)) {
            for (YamlFileCheck &c : *checks) {
                const qsizetype i = retry.indexOf(c.path);
                if (i >= 0 && again->at(i).problem.isEmpty())
                    c = again->at(i);
            }
        }
    }
    ProjectFolderPick pick = pickProjectFiles(absolute, *checks, settingsFile);
    pick.skipped = skipped + pick.skipped;
    return pick;
}

QStringList projectContentProblems(const QString &python, const QStringList &projectFiles,
                                   int timeoutMs)
{
    return checkProjectContent(python, projectFiles, {}, {}, false, timeoutMs).problems;
}

} // namespace fperf
