// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/profile_snapshot_keeper.h"

#include "core/profile/scalene_profile_reader.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <chrono>

namespace fperf {

namespace {
// On a worker: the bytes as they are now, copied only if they are a whole profile.
std::optional<ProfileSummary> copyIfWhole(const QString &profilePath, const QString &snapshotPath)
{
    QFile in(profilePath);
    if (!in.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray bytes = in.readAll();
    const ScaleneProfileRead read = parseScaleneProfile(bytes);
    if (!read.usable())
        return std::nullopt;
    QSaveFile out(snapshotPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return std::nullopt;
    return summarizeProfile(read);
}
} // namespace

ProfileSnapshotKeeper::ProfileSnapshotKeeper(QObject *parent) : QObject(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &ProfileSnapshotKeeper::poll);
}

ProfileSnapshotKeeper::~ProfileSnapshotKeeper()
{
    stop();
}

void ProfileSnapshotKeeper::start(const QString &profilePath, const QString &snapshotPath,
                                  int pollMs)
{
    stop();
    m_profile = profilePath;
    m_snapshot = snapshotPath;
    m_doneSize = -1;
    m_doneTime = {};
    m_kept = 0;
    m_timer.start(pollMs);
}

void ProfileSnapshotKeeper::stop()
{
    m_timer.stop();
    collect(true);
}

void ProfileSnapshotKeeper::collect(bool wait)
{
    if (!m_copy.valid())
        return;
    if (!wait && m_copy.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    if (const std::optional<ProfileSummary> summary = m_copy.get()) {
        ++m_kept;
        emit snapshotKept(m_snapshot, *summary);
    }
}

void ProfileSnapshotKeeper::poll()
{
    collect(false);
    if (m_copy.valid())
        return; // one copy at a time
    const QFileInfo info(m_profile);
    if (!info.isFile())
        return;
    const qint64 size = info.size();
    const QDateTime time = info.lastModified();
    // A version read while Scalene was still writing it does not parse; the rest of the
    // write changes the size or the time, and it is read again.
    if (size == 0 || (size == m_doneSize && time == m_doneTime))
        return;
    m_doneSize = size;
    m_doneTime = time;
    m_copy = std::async(std::launch::async, copyIfWhole, m_profile, m_snapshot);
}

} // namespace fperf
