// SPDX-License-Identifier: GPL-3.0-or-later
// The statistics of the comparison against values computed once with SciPy 1.17.1
// (scipy.stats.ttest_ind(b, a, equal_var=False), mannwhitneyu(b, a), t.sf, special.betainc,
// false_discovery_control(method="bh"), norm.sf).
#include "core/stats/significance.h"

#include <QtTest>

using namespace fperf::stats;
using Sample = QList<double>;

namespace {
bool near(double got, double want, double tolerance = 1e-8)
{
    return std::abs(got - want) <= tolerance * std::max(1.0, std::abs(want));
}
} // namespace

class SignificanceTest : public QObject
{
    Q_OBJECT
private slots:
    void distributions_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("b");
        QTest::addColumn<double>("want");
        QTest::newRow("betainc(2,3;0.3)") << "beta" << 0.3 << 2.0 << 3.0 << 0.3483;
        QTest::newRow("betainc(.5,.5;0.7)") << "beta" << 0.7 << 0.5 << 0.5 << 0.630989880434;
        QTest::newRow("betainc(5,.5;0.2)") << "beta" << 0.2 << 5.0 << 0.5 << 8.63021615315e-05;
        QTest::newRow("betainc(10,2;0.9)") << "beta" << 0.9 << 10.0 << 2.0 << 0.6973568802;
        QTest::newRow("t.sf(2; 3)") << "t" << 2.0 << 3.0 << 0.0 << 0.0696629842794;
        QTest::newRow("t.sf(-1.5; 7.5)") << "t" << -1.5 << 7.5 << 0.0 << 0.912759714707;
        QTest::newRow("t.sf(0; 4)") << "t" << 0.0 << 4.0 << 0.0 << 0.5;
        QTest::newRow("t.sf(4.2; 2.2)") << "t" << 4.2 << 2.2 << 0.0 << 0.0220957179919;
        QTest::newRow("norm.sf(1.96)") << "norm" << 1.96 << 0.0 << 0.0 << 0.0249978951482;
        QTest::newRow("norm.sf(-0.5)") << "norm" << -0.5 << 0.0 << 0.0 << 0.691462461274;
    }
    void distributions()
    {
        QFETCH(QString, function);
        QFETCH(double, x);
        QFETCH(double, a);
        QFETCH(double, b);
        QFETCH(double, want);
        const double got = function == "beta" ? incompleteBeta(a, b, x)
                           : function == "t"  ? studentUpperTail(x, a)
                                              : normalUpperTail(x);
        QVERIFY2(near(got, want, 1e-9), qPrintable(QString::number(got, 'g', 12)));
    }

    void twoSampleTests_data()
    {
        QTest::addColumn<Sample>("a");
        QTest::addColumn<Sample>("b");
        QTest::addColumn<double>("welchT");
        QTest::addColumn<double>("welchP2");
        QTest::addColumn<double>("welchPg");
        QTest::addColumn<double>("u");
        QTest::addColumn<double>("uP2");
        QTest::addColumn<double>("uPg");
        // Three repeats each, fully separated: the exact U test cannot go below 0.1 two-sided.
        QTest::newRow("separated, 3 each")
            << Sample{4.0, 4.1, 4.2} << Sample{5.0, 5.2, 5.1} << 12.24744871 << 0.0002552167494
            << 0.0001276083747 << 9.0 << 0.1 << 0.05;
        QTest::newRow("B faster") << Sample{5.0, 5.2, 5.1} << Sample{4.0, 4.1, 4.2} << -12.24744871
                                  << 0.0002552167494 << 0.9998723916 << 0.0 << 0.1 << 1.0;
        QTest::newRow("overlapping, 4 each")
            << Sample{1, 2, 3, 4} << Sample{2.5, 3.5, 4.5, 5.5} << 1.643167673 << 0.1514540016
            << 0.07572700082 << 13.0 << 0.2 << 0.1;
        // Ties: the normal approximation with the tie correction.
        QTest::newRow("ties") << Sample{1, 2, 2, 3} << Sample{2, 3, 3, 4} << 1.732050808
                              << 0.1339745962 << 0.06698729811 << 13.0 << 0.1720337089
                              << 0.08601685446;
        // 12 and 10 values: the normal approximation with continuity correction.
        QTest::newRow("12 vs 10") << Sample{10.0,   10.909, 11.818, 12.727, 13.636, 14.545,
                                            15.455, 16.364, 17.273, 18.182, 19.091, 20.0}
                                  << Sample{12.0,   13.222, 14.444, 15.667, 16.889,
                                            18.111, 19.333, 20.556, 21.778, 23.0}
                                  << 1.661212196 << 0.1137644681 << 0.05688223403 << 83.0
                                  << 0.1379134594 << 0.06895672971;
    }
    void twoSampleTests()
    {
        QFETCH(Sample, a);
        QFETCH(Sample, b);
        QFETCH(double, welchT);
        QFETCH(double, welchP2);
        QFETCH(double, welchPg);
        QFETCH(double, u);
        QFETCH(double, uP2);
        QFETCH(double, uPg);
        const auto w = welchTTest(a, b);
        QVERIFY(w);
        QVERIFY2(near(w->statistic, welchT), qPrintable(QString::number(w->statistic, 'g', 12)));
        QVERIFY2(near(w->pTwoSided, welchP2), qPrintable(QString::number(w->pTwoSided, 'g', 12)));
        QVERIFY2(near(w->pGreater, welchPg), qPrintable(QString::number(w->pGreater, 'g', 12)));
        const auto m = mannWhitneyU(a, b);
        QVERIFY(m);
        QCOMPARE(m->statistic, u);
        QVERIFY2(near(m->pTwoSided, uP2), qPrintable(QString::number(m->pTwoSided, 'g', 12)));
        QVERIFY2(near(m->pGreater, uPg), qPrintable(QString::number(m->pGreater, 'g', 12)));
    }

    void exactUWithOneSmallSide()
    {
        // scipy: mannwhitneyu([3.5, 6.5, 9.5], [1..11, 12.5]) is exact: U 18, greater 0.527...
        const auto m = mannWhitneyU({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12.5}, {3.5, 6.5, 9.5});
        QVERIFY(m);
        QCOMPARE(m->statistic, 18.0);
        QVERIFY(near(m->pGreater, 0.5274725275));
        QCOMPARE(m->pTwoSided, 1.0);
    }

    void degenerateSamplesGiveNoTest()
    {
        QVERIFY(!welchTTest({1.0}, {2.0, 3.0}));
        QVERIFY(!welchTTest({2.0, 2.0}, {2.0, 2.0}));
        QVERIFY(!mannWhitneyU({}, {1.0}));
    }

    void samplingNoise()
    {
        // 4 s at 10 ms against 4.4 s at 10 ms: sigma = sqrt(0.04 + 0.044).
        const SamplingDifference d = samplingDifference(4.0, 0.01, 4.4, 0.01);
        QVERIFY(near(d.sigma, std::sqrt(0.084)));
        QVERIFY(near(d.z, 0.4 / std::sqrt(0.084)));
        QVERIFY(near(d.pTwoSided, 2 * normalUpperTail(0.4 / std::sqrt(0.084))));
        // One sample on one side only is within noise; nothing on either side is no change.
        QVERIFY(samplingDifference(0, 0.01, 0.01, 0.01).pTwoSided > 0.3);
        const SamplingDifference none = samplingDifference(0, 0.01, 0, 0.01);
        QCOMPARE(none.pTwoSided, 1.0);
        QCOMPARE(none.sigma, 0.0);
    }

    void dispersionOverSampling()
    {
        // Three items seen ~100 times at 10 ms, each varying by s^2 = 0.01 = mean * dt: what
        // sampling alone gives, over the median of chi-square(2) / 2 (Wilson-Hilferty).
        const QList<QList<double>> poisson{{0.9, 1.0, 1.1}, {1.9, 2.0, 2.1}, {0.9, 1.0, 1.1}};
        const double chiMedian = std::pow(1 - 2.0 / 18, 3);
        // (The second item varies half as much for its mean: the median takes the others.)
        QVERIFY(near(samplingDispersion(poisson, 0.01, {}, 0.01), 1 / chiMedian));
        // Twice the spread: four times the variance.
        const QList<QList<double>> wide{{0.8, 1.0, 1.2}, {0.8, 1.0, 1.2}, {0.8, 1.0, 1.2}};
        QVERIFY(near(samplingDispersion(wide, 0.01, wide, 0.01), 4 / chiMedian));
        // Never below sampling noise; nothing to say with fewer than three items, or items
        // seen fewer than five times.
        QCOMPARE(samplingDispersion({{1, 1, 1}, {2, 2, 2}, {3, 3, 3}}, 0.01, {}, 0.01), 1.0);
        QCOMPARE(samplingDispersion({{0.8, 1.0, 1.2}}, 0.01, {}, 0.01), 1.0);
        QCOMPARE(samplingDispersion({{0.02, 0.03, 0.04}, {0.02, 0.03, 0.04}, {0.02, 0.03, 0.04}},
                                    0.01, {}, 0.01),
                 1.0);
    }

    void benjaminiHochbergMatchesScipy()
    {
        const QList<double> q = benjaminiHochberg({0.01, 0.04, 0.03, 0.005, 0.5, 0.2});
        const QList<double> want{0.03, 0.06, 0.06, 0.03, 0.5, 0.24};
        QCOMPARE(q.size(), want.size());
        for (qsizetype i = 0; i < q.size(); ++i)
            QVERIFY2(near(q.at(i), want.at(i)), qPrintable(QString::number(i)));
        QVERIFY(benjaminiHochberg({}).isEmpty());
    }

    void medianAndSpread()
    {
        QCOMPARE(median({3, 1, 2}), 2.0);
        QCOMPARE(median({4, 1, 2, 3}), 2.5);
        QCOMPARE(median({}), 0.0);
        QCOMPARE(halfRange({4.0, 5.0, 4.4}), 0.5);
    }
};

QTEST_APPLESS_MAIN(SignificanceTest)
#include "tst_significance.moc"
