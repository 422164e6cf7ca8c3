// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile_model.h"
#include "core/util/enum_key.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace fperf {

// moc allows one Q_NAMESPACE per namespace, so the enum gets a namespace of its own.
namespace profile_state_meta {
Q_NAMESPACE
// What LABEL-scalene.json holds; the names are machine keys ("unreadable") in run records.
enum class ProfileState
{
    Missing,
    Unreadable,
    Empty,
    Valid
};
Q_ENUM_NS(ProfileState)
} // namespace profile_state_meta
using profile_state_meta::ProfileState;

QString profileStateName(ProfileState state); // enumKey: "missing", "valid", ...

struct ScaleneProfileRead
{
    ProfileState state = ProfileState::Missing;
    QString error; // why Unreadable
    ScaleneProfile profile;

    bool usable() const { return state == ProfileState::Valid; }
};

// The one reader of Scalene's JSON (2.x and 1.5.x): every key Scalene writes is spelled here
// and nowhere else. `{}` (Scalene's answer to a run too short) is Empty. Parsing a large
// profile takes tens of milliseconds: call it from a worker thread, not the GUI thread.
ScaleneProfileRead readScaleneProfile(const QString &path);
ScaleneProfileRead parseScaleneProfile(const QByteArray &json);

} // namespace fperf
