// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

#include <optional>

// The statistics behind "beyond noise": pure functions over plain numbers, checked against
// values computed with SciPy (tst_significance).
namespace fperf::stats {

double mean(const QList<double> &values); // 0 for none
double median(QList<double> values);      // 0 for none
// Half the distance between the lowest and the highest value: what "± spread" prints.
double halfRange(const QList<double> &values);

// The standard normal distribution's upper tail, P(Z > z).
double normalUpperTail(double z);
// Student's t distribution with df degrees of freedom: P(T > t).
double studentUpperTail(double t, double df);
// The regularized incomplete beta function I_x(a, b).
double incompleteBeta(double a, double b, double x);

// A test's answer: the p-value of "no difference" (two-sided) and of "B is larger"
// (one-sided), with the statistic it came from.
struct TestResult
{
    double statistic = 0;
    double pTwoSided = 1;
    double pGreater = 1; // the alternative that B's values are larger than A's
};

// Welch's t-test for two samples of at least two values each; none when a side has fewer, or
// both sides have no spread at all.
std::optional<TestResult> welchTTest(const QList<double> &a, const QList<double> &b);

// Repeats of each side: the difference of their means, its standard error and a t-test.
// Both sides with two or more values: Welch's test. One side a single run: the other side's
// spread stands for both (a t-test with that side's n - 1 degrees of freedom). None when
// neither side has two values, or no spread is seen at all.
struct RepeatComparison
{
    double meanA = 0;
    double meanB = 0;
    double standardError = 0; // of meanB - meanA
    TestResult test;
};
std::optional<RepeatComparison> compareRepeats(const QList<double> &a, const QList<double> &b);

// The Mann-Whitney U test of B against A (U counts the pairs where B's value is larger, ties
// count a half). Exact for small samples without ties, the normal approximation with a tie
// correction otherwise, as scipy.stats.mannwhitneyu(method="auto") does.
std::optional<TestResult> mannWhitneyU(const QList<double> &a, const QList<double> &b);

// The difference of two counts of time samples at the sampling intervals of each run:
// a figure seen in n samples of interval dt has about sqrt(n) * dt of sampling error (a
// Poisson count). Returns z = (b - a) / sqrt(a * dtA + b * dtB), with a and b in seconds.
struct SamplingDifference
{
    double sigma = 0; // seconds, of b - a
    double z = 0;
    double pTwoSided = 1;
    double pGreater = 1;
};
SamplingDifference samplingDifference(double aSeconds, double aIntervalSec, double bSeconds,
                                      double bIntervalSec);

// How many times the sampling variance (a time t seen at interval dt varies by t * dt) the
// repeats of many items vary by: the median over items with at least 5 samples of each side
// of s^2 / (mean * dt), corrected for the median of a chi-square with n - 1 degrees of freedom
// (so that pure sampling noise gives 1), and never below 1. Each inner list is one item's
// value in each repeat of that side. 1 when fewer than 3 items say anything.
double samplingDispersion(const QList<QList<double>> &itemsA, double intervalA,
                          const QList<QList<double>> &itemsB, double intervalB);

// Benjamini-Hochberg adjusted p-values (q-values), in the order given: flag a figure when
// its q-value is below the false-discovery rate wanted (e.g. 0.05).
QList<double> benjaminiHochberg(const QList<double> &pValues);

} // namespace fperf::stats
