// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/editor_command.h"

#include "core/util/shell_quote.h"

#include <QFileInfo>

namespace fperf {

std::optional<EditorCommand> editorCommand(const QString &visual, const QString &editor,
                                           const QString &file, int line)
{
    for (const QString &variable : {visual, editor}) {
        const std::optional<QStringList> words = splitShellWords(variable.trimmed());
        if (!words || words->isEmpty())
            continue;
        EditorCommand c{words->first(), words->mid(1)};
        const QString name = QFileInfo(c.program).fileName();
        if (line <= 0)
            c.arguments << file;
        else if (name == QLatin1String("code") || name == QLatin1String("codium") ||
                 name == QLatin1String("code-insiders") || name == QLatin1String("cursor"))
            c.arguments << QStringLiteral("-g") << QStringLiteral("%1:%2").arg(file).arg(line);
        else if (name == QLatin1String("subl"))
            c.arguments << QStringLiteral("%1:%2").arg(file).arg(line);
        else if (name == QLatin1String("kate"))
            c.arguments << QStringLiteral("--line") << QString::number(line) << file;
        else
            c.arguments << QStringLiteral("+%1").arg(line) << file;
        return c;
    }
    return std::nullopt;
}

} // namespace fperf
