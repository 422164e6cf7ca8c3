// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/shell_quote.h"

#include <QRegularExpression>

namespace fperf {

QString shellQuote(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString shellJoin(const QStringList &words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString &w : words)
        quoted << shellQuote(w);
    return quoted.join(u' ');
}

} // namespace fperf
