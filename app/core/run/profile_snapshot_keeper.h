// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <future>

namespace fperf {

// Keeps the last whole snapshot of a profile that Scalene 2.x rewrites while the run goes on
// (--profile-interval). Scalene truncates and rewrites the file in place, so a stop, a
// timeout or a final write cut short would leave nothing or a torn file: each new version
// that stays unchanged for one poll is read on a worker, and only if it parses as a whole
// profile is it copied aside, atomically (settleProfile then uses it when the final one is
// not usable).
class ProfileSnapshotKeeper : public QObject
{
    Q_OBJECT
public:
    explicit ProfileSnapshotKeeper(QObject *parent = nullptr);
    ~ProfileSnapshotKeeper() override;

    void start(const QString &profilePath, const QString &snapshotPath, int pollMs = 250);
    // Stops polling and waits for a copy in progress, so that the snapshot file is settled.
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    int snapshotsKept() const { return m_kept; }

signals:
    // A whole snapshot is at snapshotPath; it covers the first elapsedSec of the run.
    void snapshotKept(const QString &snapshotPath, double elapsedSec);

private:
    void poll();
    void collect(bool wait);

    QTimer m_timer;
    QString m_profile;
    QString m_snapshot;
    qint64 m_seenSize = -1;
    QDateTime m_seenTime;
    qint64 m_doneSize = -1;
    QDateTime m_doneTime;
    std::future<double> m_copy; // the snapshot's elapsed seconds, or < 0 when it was not whole
    int m_kept = 0;
};

} // namespace fperf
