// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings/settings_resolver.h"
#include "core/store/run_group_codec.h"

#include <QDateTime>
#include <optional>

namespace fperf {

// The "profile N times into one run group" use case of both front ends: it names the group
// and each repeat (LABEL-r1..rN), says whether another repeat runs, and keeps
// LABEL-group.json current after each one, so that a group stopped half way is on disk and
// says it is partial. The front end runs each repeat as it runs any profile.
class RunGroupSequence
{
public:
    // Picks a free group label in the output folder (the run label when one is set); nullopt
    // with the reason and the fix in error when none is free.
    static std::optional<RunGroupSequence> begin(const ResolvedSettings &settings,
                                                 const QStringList &projectFiles, int repeats,
                                                 const QDateTime &now, QString *error);

    QString label() const { return m_label; }
    QString outputDir() const { return m_outputDir; }
    int requested() const { return m_requested; }
    int finishedCount() const { return int(m_done.size()); }
    // 1-based number of the repeat that runs next.
    int nextNumber() const { return finishedCount() + 1; }
    bool hasNext() const;
    // The settings of the next repeat: the group's, with the repeat's label.
    ResolvedSettings nextSettings() const;

    // A repeat ended (its record's summary): it joins the group, and the group file is
    // rewritten. The first repeat that did not succeed ends the group.
    bool repeatEnded(const RunSummary &repeat, QString *writeError);
    // A repeat that could not start, or a stop the user asked for: no further repeats.
    void stop() { m_stopped = true; }
    bool stopped() const { return m_stopped; }
    // The group as the file says it (empty figures before the first repeat ends).
    RunGroup group() const;

private:
    ResolvedSettings m_settings;
    QString m_label;
    QString m_outputDir;
    int m_requested = 0;
    QList<RunSummary> m_done;
    bool m_stopped = false;
};

// Repeats the CLI and the window accept.
inline constexpr int kMaxRepeats = 100;

} // namespace fperf
