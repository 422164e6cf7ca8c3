// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one codec of a folder's history index, .filare-perf-history.cbor: a cache of the
// RunSummary of each finished record, keyed by the record's file name and checked against its
// size and time. Its keys are spelled in history_index_codec.cpp only.

#include "core/store/run_history.h"

#include <QDir>
#include <QHash>

namespace fperf {

struct HistoryIndexEntry
{
    qint64 size = 0;    // of the record file when it was indexed
    qint64 mtimeMs = 0; // its modification time, ms since the epoch
    RunSummary summary; // recordPath is left empty: the reader knows where the record is
};
using HistoryIndex = QHash<QString, HistoryIndexEntry>; // by record file name

QString historyIndexFileName();

// An index that is missing, unreadable or of another version reads as empty.
HistoryIndex readHistoryIndex(const QDir &dir);
// A cache: a folder we cannot write to just stays slower, so failures are ignored.
void writeHistoryIndex(const QDir &dir, const HistoryIndex &index);

} // namespace fperf
