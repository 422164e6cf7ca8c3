// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/json_file.h"

#include <QJsonDocument>
#include <QSaveFile>

namespace fperf {

bool writeJsonAtomically(const QJsonObject &json, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const QByteArray data = QJsonDocument(json).toJson(QJsonDocument::Indented);
    // Qt 6.4's commit() renames the file even when its final flush failed (disk full), which
    // would replace a whole file with a torn one: flush first and check.
    if (file.write(data) != data.size() || !file.flush() || !file.commit()) {
        if (error)
            *error = file.errorString();
        file.cancelWriting();
        return false;
    }
    return true;
}

} // namespace fperf
