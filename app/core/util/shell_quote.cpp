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

std::optional<QStringList> splitShellWords(const QString &text, QString *error)
{
    QStringList words;
    QString word;
    bool inWord = false; // '' is a word too
    enum class Quote
    {
        None,
        Single,
        Double
    } quote = Quote::None;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quote == Quote::Single) {
            if (c == u'\'')
                quote = Quote::None;
            else
                word += c;
            continue;
        }
        if (quote == Quote::Double) {
            if (c == u'"') {
                quote = Quote::None;
            } else if (c == u'\\' && i + 1 < text.size() &&
                       QStringView(u"\"\\$`").contains(text.at(i + 1))) {
                word += text.at(++i);
            } else {
                word += c;
            }
            continue;
        }
        if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\r') {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else if (c == u'\'') {
            quote = Quote::Single;
            inWord = true;
        } else if (c == u'"') {
            quote = Quote::Double;
            inWord = true;
        } else if (c == u'\\') {
            if (i + 1 == text.size()) {
                if (error)
                    *error = QStringLiteral("it ends with a lone backslash");
                return std::nullopt;
            }
            word += text.at(++i);
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (quote != Quote::None) {
        if (error)
            *error = quote == Quote::Single ? QStringLiteral("a ' quote is not closed")
                                            : QStringLiteral("a \" quote is not closed");
        return std::nullopt;
    }
    if (inWord)
        words << word;
    return words;
}

} // namespace fperf
