// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace fperf {

// One Q_NAMESPACE per namespace (moc), so the enums have their own.
namespace filare_file_meta {
Q_NAMESPACE

// What a Filare YAML file holds, told by its content as Filare reads it:
// Harness: connections (or a drawing without them: connectors, cables, BOM items);
// Metadata: a metadata, options or notes block and nothing to draw (--metadata);
// Components: connector or cable templates and no connections (--components);
// Other: valid YAML of none of these (or not YAML: see YamlFileCheck::problem).
enum class FilareFileKind
{
    Harness,
    Metadata,
    Components,
    Other
};
Q_ENUM_NS(FilareFileKind)

// The part a file was given to play.
enum class FileRole
{
    Project,
    Metadata,
    Components
};
Q_ENUM_NS(FileRole)

} // namespace filare_file_meta
using filare_file_meta::FilareFileKind;
using filare_file_meta::FileRole;

// One file as the check script read it.
struct YamlFileCheck
{
    QString path;
    FilareFileKind kind = FilareFileKind::Other;
    // Empty: valid YAML mapping. Else yaml, encoding, nodata, toplevel or io.
    QString problem;
    QString detail; // the parser's words, the top-level type or keys
    bool hasConnections = false;
    bool hasMetadataBlock = false; // a `metadata:` mapping
    bool neededComponents = false; // parsed only with the components in front, as Filare does
};

// Reads each file with the interpreter's PyYAML, through the safe loader Filare uses; each
// harness with the components files' text in front of it, as Filare joins them. Null when the
// check cannot run (no PyYAML, interpreter broken): Filare then reports what it finds.
// Blocking, about 0.07 s for a small project.
std::optional<QList<YamlFileCheck>> checkYamlFiles(const QString &python, const QStringList &files,
                                                   const QStringList &componentsFiles = {},
                                                   int timeoutMs = 30000);

// Pure: the message for a file in a role, or empty when it fits. otherHarnesses: another
// project file has connections (then a file of templates only is a components file).
QString fileKindProblem(FileRole role, const YamlFileCheck &check, bool otherHarnesses);

// Pure: a warning when Filare's title page will want metadata that nothing gives.
QString missingMetadataWarning(const QList<YamlFileCheck> &projectChecks,
                               const QStringList &metadataFiles, bool titlePageAsked);

struct ProjectContent
{
    QStringList problems; // one per file that cannot be used as given: nothing may run
    QStringList warnings;
};

// The whole check of a run's files: project files, --metadata and --components files.
ProjectContent checkProjectContent(const QString &python, const QStringList &projectFiles,
                                   const QStringList &metadataFiles,
                                   const QStringList &componentsFiles, bool titlePageAsked,
                                   int timeoutMs = 30000);

// A project given as a folder: its files told apart by content (not by name).
struct ProjectFolderPick
{
    QString folder;         // absolute
    QStringList harnesses;  // absolute, in natural name order (sheet2 before sheet10)
    QStringList metadata;   // absolute
    QStringList components; // absolute
    QString settingsFile;   // filare-perf.env in the folder, if there is one
    QStringList skipped;    // "name: why", for files that are none of these
    QString problem;        // nothing to profile: what is wrong and what to do

    bool ok() const { return problem.isEmpty(); }
};

// Pure: from the checks of the folder's YAML files. Templates without connections are
// components when another file has connections, else a drawing (a harness).
ProjectFolderPick pickProjectFiles(const QString &folder, const QList<YamlFileCheck> &checks,
                                   const QString &settingsFile);

// Lists the folder's *.yml and *.yaml files (not its subfolders, not Filare's own
// *.document.yaml outputs), checks them and picks. Blocking: the window calls it on a worker.
ProjectFolderPick scanProjectFolder(const QString &python, const QString &folder,
                                    int timeoutMs = 30000);

// The project files' problems alone (no metadata or components files).
QStringList projectContentProblems(const QString &python, const QStringList &projectFiles,
                                   int timeoutMs = 30000);

} // namespace fperf
