// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace fperf {

struct EditorCommand
{
    QString program;
    QStringList arguments;
};

// "Open in editor" at a line: $VISUAL, else $EDITOR (split as a shell would, without
// expansion), with the line in the editor's own syntax: `-g FILE:LINE` for VS Code and its
// forks, `FILE:LINE` for Sublime Text, `--line LINE FILE` for Kate, else `+LINE FILE`
// (vi, Emacs, nano, gedit...). Null when neither variable names a program: the caller
// opens the file with the desktop's default handler instead.
std::optional<EditorCommand> editorCommand(const QString &visual, const QString &editor,
                                           const QString &file, int line);

} // namespace fperf
