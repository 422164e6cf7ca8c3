// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile_model.h"

#include <QByteArray>
#include <QString>

namespace fperf {

enum class ProfileState
{
    Missing,
    Unreadable,
    Empty,
    Valid
};
QString profileStateName(ProfileState state);

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
