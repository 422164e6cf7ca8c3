// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/run_controller.h"

#include <QtTest>

using namespace fperf;
using S = RunController::State;

class RunStateTest : public QObject
{
    Q_OBJECT
private slots:
    void transitions()
    {
        const QList<S> all{S::Idle,     S::Starting, S::Running,  S::Stopping,
                           S::Finished, S::Failed,   S::Cancelled};
        const QList<QPair<S, S>> allowed{
            {S::Idle, S::Starting},      {S::Finished, S::Starting},  {S::Failed, S::Starting},
            {S::Cancelled, S::Starting}, {S::Starting, S::Running},   {S::Starting, S::Stopping},
            {S::Starting, S::Failed},    {S::Running, S::Stopping},   {S::Running, S::Finished},
            {S::Running, S::Failed},     {S::Stopping, S::Cancelled}, {S::Stopping, S::Failed},
            {S::Stopping, S::Finished}};
        for (S from : all) {
            for (S to : all) {
                QVERIFY2(RunController::canTransition(from, to) == allowed.contains({from, to}),
                         qPrintable(RunController::stateName(from) + " -> " +
                                    RunController::stateName(to)));
            }
        }
    }

    void buttonsFollowTheState()
    {
        RunController c;
        QCOMPARE(c.state(), S::Idle);
        QVERIFY(c.canStart());
        QVERIFY(!c.canStop());
        QVERIFY(RunController::isActive(S::Stopping));
        QVERIFY(!RunController::isActive(S::Cancelled));
        PreparedRun bad;
        bad.errors << "x";
        QVERIFY(!c.start(bad)); // a run that failed preparation never starts
        QCOMPARE(c.state(), S::Idle);
    }
};

QTEST_GUILESS_MAIN(RunStateTest)
#include "tst_run_state.moc"
