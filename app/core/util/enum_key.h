// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaEnum>
#include <QString>

#include <optional>

namespace fperf {

// The machine key of a Q_ENUM value, derived from the enumerator's name: TooShort -> "too_short".
// Keys are in run records, JSON output and filters that users script against, so renaming an
// enumerator changes a public key (tst_enum_keys pins each one).

// How an enum's words are joined; specialise next to the enum when it is not '_'.
template <class E> struct EnumKeyStyle
{
    static constexpr char separator = '_';
};

// "NoProfile" -> "no_profile" (with separator '_').
inline QString camelCaseToKey(const char *name, char separator)
{
    QString out;
    for (const char *c = name; *c; ++c) {
        const QChar ch = QLatin1Char(*c);
        if (ch.isUpper() && c != name)
            out += QLatin1Char(separator);
        out += ch.toLower();
    }
    return out;
}

template <class E> QString enumKey(E value)
{
    const QMetaEnum meta = QMetaEnum::fromType<E>();
    const char *name = meta.valueToKey(int(value));
    return name ? camelCaseToKey(name, EnumKeyStyle<E>::separator) : QString();
}

template <class E> std::optional<E> enumFromKey(QStringView key)
{
    const QMetaEnum meta = QMetaEnum::fromType<E>();
    for (int i = 0; i < meta.keyCount(); ++i) {
        if (camelCaseToKey(meta.key(i), EnumKeyStyle<E>::separator) == key)
            return E(meta.value(i));
    }
    return std::nullopt;
}

// Every value of E in declaration order, for tables and combo boxes.
template <class E> QList<E> enumValues()
{
    const QMetaEnum meta = QMetaEnum::fromType<E>();
    QList<E> out;
    for (int i = 0; i < meta.keyCount(); ++i)
        out << E(meta.value(i));
    return out;
}

} // namespace fperf
