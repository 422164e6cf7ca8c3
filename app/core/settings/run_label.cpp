// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/run_label.h"

#include <QFileInfo>

namespace fperf {

QString sanitizeRunLabel(const QString &label)
{
    QString out;
    out.reserve(label.size());
    for (const QChar c : label) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                             (c >= u'0' && c <= u'9') || c == u'.' || c == u'_' || c == u'-';
        const QChar next = allowed ? c : QChar(u'_');
        if (next == u'_' && out.endsWith(u'_'))
            continue;
        out.append(next);
    }
    while (out.startsWith(u'.') || out.startsWith(u'_'))
        out.remove(0, 1);
    while (out.endsWith(u'_'))
        out.chop(1);
    if (out.size() > kMaxRunLabelLength)
        out.truncate(kMaxRunLabelLength);
    // A label of only dots would still be "." or ".." after truncation; the loop above already
    // removed leading dots, so what is left starts with a safe character.
    return out;
}

QString automaticRunLabel(const QString &projectPath, const QDateTime &when)
{
    QString stem = sanitizeRunLabel(QFileInfo(projectPath).completeBaseName());
    if (stem.isEmpty())
        stem = QStringLiteral("run");
    return stem.left(kMaxRunLabelLength - 16) + u'-' +
           when.toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

} // namespace fperf
