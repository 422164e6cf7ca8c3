// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/scalene_profile.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <future>
#include <optional>

namespace fperf {

// Keeps the last whole snapshot of a profile that Scalene 2.x rewrites while the run goes on
// (--profile-interval). Scalene truncates and rewrites the file in place, so a stop, a
// timeout or a final write cut short would leave nothing or a torn file: each new version is
// read on a worker as soon as it is seen, and only if it parses as a whole profile (a file
// still being written does not) is it copied aside, atomically. settleProfile then uses it
// when the final one is not usable; the live views show it meanwhile.
class ProfileSnapshotKeeper : public QObject
{
    Q_OBJECT
public:
    explicit ProfileSnapshotKeeper(QObject *parent = nullptr);
    ~ProfileSnapshotKeeper() override;

    // A short poll: the live view's refresh (P-live, <= 300 ms) waits for it.
    void start(const QString &profilePath, const QString &snapshotPath, int pollMs = 100);
    // Stops polling and waits for a copy in progress, so that the snapshot file is settled.
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    int snapshotsKept() const { return m_kept; }

signals:
    // A whole snapshot is at snapshotPath; it covers the first summary.elapsedSec of the run.
    void snapshotKept(const QString &snapshotPath, const fperf::ProfileSummary &summary);

private:
    void poll();
    void collect(bool wait);

    QTimer m_timer;
    QString m_profile;
    QString m_snapshot;
    qint64 m_doneSize = -1; // the version last read
    QDateTime m_doneTime;
    std::future<std::optional<ProfileSummary>> m_copy; // none when it was not whole
    int m_kept = 0;
};

} // namespace fperf
