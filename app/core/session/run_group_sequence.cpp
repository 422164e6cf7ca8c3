// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/run_group_sequence.h"

#include "core/session/run_preparation.h"

#include <QFileInfo>

namespace fperf {

std::optional<RunGroupSequence> RunGroupSequence::begin(const ResolvedSettings &settings,
                                                        const QStringList &projectFiles,
                                                        int repeats, const QDateTime &now,
                                                        QString *error)
{
    if (projectFiles.isEmpty() || repeats < 1 || repeats > kMaxRepeats) {
        if (error)
            *error = QStringLiteral("a run group needs project files and 1 to %1 repeats")
                         .arg(kMaxRepeats);
        return std::nullopt;
    }
    RunGroupSequence s;
    s.m_label = chooseGroupLabel(settings.values, projectFiles.first(), repeats, now, error);
    if (s.m_label.isEmpty())
        return std::nullopt;
    s.m_settings = settings;
    s.m_requested = repeats;
    s.m_outputDir =
        effectiveOutputDir(settings.values, QFileInfo(projectFiles.first()).absoluteFilePath());
    return s;
}

bool RunGroupSequence::hasNext() const
{
    if (m_stopped || finishedCount() >= m_requested)
        return false;
    return m_done.isEmpty() || m_done.last().status == RunStatus::Succeeded;
}

ResolvedSettings RunGroupSequence::nextSettings() const
{
    ResolvedSettings next = m_settings;
    next.values.runLabel = repeatLabel(m_label, nextNumber());
    return next;
}

bool RunGroupSequence::repeatEnded(const RunSummary &repeat, QString *writeError)
{
    m_done << repeat;
    return writeRunGroup(group(), writeError);
}

RunGroup RunGroupSequence::group() const
{
    return summariseRunGroup(m_label, m_outputDir, m_requested, m_done);
}

} // namespace fperf
