// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one codec of LABEL-run.json (docs/run-record.md): every key of the record is spelled in
// run_record_codec.cpp and nowhere else (tests/format/record_keys.cmake checks it). Everything
// else uses RunRecord, RunSummary and the partial shapes below. writeRunRecord and
// loadRunRecord (run_record.h) are implemented there too.

#include "core/store/run_history.h"
#include "core/store/run_record.h"

#include <QHash>
#include <QJsonObject>
#include <optional>

namespace fperf {

QJsonObject runRecordToJson(const RunRecord &record);
// path: where the record was read from (its folder when the record names none).
RunRecord runRecordFromJson(const QJsonObject &json, const QString &path);

// The JSON of a record file, checked to be a record with a known status; else nullopt and why.
std::optional<QJsonObject> readRunRecordJson(const QString &path, QString *error);

// What the runs list shows; nullopt for a non-record. A "running" record whose filare-perf is
// gone reads as interrupted. finished: the file itself no longer says "running".
std::optional<RunSummary> runSummaryFromJson(const QJsonObject &record, const QString &path);
// What the runs list shows of a record held in memory (a run that just ended).
RunSummary summariseRunRecord(const RunRecord &record);
std::optional<RunSummary> loadRunSummary(const QString &path, QString *error,
                                         bool *finished = nullptr);

// `filare-perf history --json`: {"output_dir": ..., "runs": [runSummaryToJson...]}. Scripts
// read it: its keys and values do not change.
QJsonObject runSummaryToJson(const RunSummary &run);
QJsonObject historyToJson(const QString &outputDir, const QList<RunSummary> &runs);

// What an estimate of a run's duration compares, read without resolving settings.
struct RunMeasurement
{
    RunStatus status = RunStatus::Failed;
    QStringList projectFiles;
    double durationSec = 0;
    QHash<QString, QString> settingValues; // setting id -> value text as recorded
};
std::optional<RunMeasurement> loadRunMeasurement(const QString &path, QString *error);

// False when the file surely is no "running" record; reads its text only, no JSON.
bool mayBeRunningRecord(const QString &path);

// Who ran a record and what it may have left running (see stale_runs.h).
struct RunOwnership
{
    QString label;
    RunStatus status = RunStatus::Failed;
    qint64 appPid = 0;
    qint64 appStartTicks = 0;
    QString bootId;
    QString runToken;
    qint64 processGroup = 0;
    qint64 processGroupStartTicks = 0;
};
std::optional<RunOwnership> loadRunOwnership(const QString &path, QString *error);

// Rewrites the record with a new status and more warnings. Every other key stays as written,
// even those of a newer format: the record still says exactly how its run was made.
bool amendRunRecord(const QString &path, RunStatus status, const QStringList &moreWarnings,
                    QString *error);

} // namespace fperf
