// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stats/significance.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace fperf::stats {

double mean(const QList<double> &values)
{
    return values.isEmpty()
               ? 0
               : std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

double halfRange(const QList<double> &values)
{
    if (values.isEmpty())
        return 0;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    return (*hi - *lo) / 2;
}

double normalUpperTail(double z)
{
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

namespace {
// The continued fraction of the incomplete beta function (modified Lentz), which converges
// quickly for x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x)
{
    constexpr double kTiny = 1e-300;
    constexpr double kEpsilon = 1e-15;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = std::abs(d) < kTiny ? kTiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 1000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
        d = 1 + aa * d;
        d = std::abs(d) < kTiny ? kTiny : d;
        c = 1 + aa / c;
        c = std::abs(c) < kTiny ? kTiny : c;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
        d = 1 + aa * d;
        d = std::abs(d) < kTiny ? kTiny : d;
        c = 1 + aa / c;
        c = std::abs(c) < kTiny ? kTiny : c;
        d = 1 / d;
        const double step = d * c;
        h *= step;
        if (std::abs(step - 1) < kEpsilon)
            break;
    }
    return h;
}
} // namespace

double incompleteBeta(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                  a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1) / (a + b + 2))
        return front * betaContinuedFraction(a, b, x) / a;
    return 1 - front * betaContinuedFraction(b, a, 1 - x) / b;
}

double studentUpperTail(double t, double df)
{
    if (std::isinf(t))
        return t > 0 ? 0 : 1;
    const double tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t));
    return t >= 0 ? tail : 1 - tail;
}

namespace {
double sampleVariance(const QList<double> &v, double m)
{
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return s / double(v.size() - 1);
}
} // namespace

std::optional<TestResult> welchTTest(const QList<double> &a, const QList<double> &b)
{
    if (a.size() < 2 || b.size() < 2)
        return std::nullopt;
    const double na = double(a.size());
    const double nb = double(b.size());
    const double ma = mean(a);
    const double mb = mean(b);
    const double va = sampleVariance(a, ma) / na;
    const double vb = sampleVariance(b, mb) / nb;
    const double se2 = va + vb;
    if (se2 <= 0)
        return std::nullopt;
    TestResult r;
    r.statistic = (mb - ma) / std::sqrt(se2);
    const double df = se2 * se2 / (va * va / (na - 1) + vb * vb / (nb - 1));
    r.pGreater = studentUpperTail(r.statistic, df);
    r.pTwoSided = std::min(1.0, 2 * studentUpperTail(std::abs(r.statistic), df));
    return r;
}

std::optional<RepeatComparison> compareRepeats(const QList<double> &a, const QList<double> &b)
{
    if (a.isEmpty() || b.isEmpty() || (a.size() < 2 && b.size() < 2))
        return std::nullopt;
    RepeatComparison c;
    c.meanA = mean(a);
    c.meanB = mean(b);
    if (a.size() >= 2 && b.size() >= 2) {
        const auto w = welchTTest(a, b);
        if (!w)
            return std::nullopt;
        c.standardError = std::sqrt(sampleVariance(a, c.meanA) / double(a.size()) +
                                    sampleVariance(b, c.meanB) / double(b.size()));
        c.test = *w;
        return c;
    }
    const QList<double> &group = a.size() >= 2 ? a : b;
    const double variance = sampleVariance(group, mean(group));
    if (variance <= 0)
        return std::nullopt;
    c.standardError = std::sqrt(variance * (1.0 / double(a.size()) + 1.0 / double(b.size())));
    const double df = double(group.size() - 1);
    c.test.statistic = (c.meanB - c.meanA) / c.standardError;
    c.test.pGreater = studentUpperTail(c.test.statistic, df);
    c.test.pTwoSided = std::min(1.0, 2 * studentUpperTail(std::abs(c.test.statistic), df));
    return c;
}

namespace {
// How many of the C(m + n, m) orderings give each U (pairs won by the m side), 0..m*n.
// f(i, j, u) = f(i - 1, j, u - j) + f(i, j - 1, u): the largest value is on the m side (it
// wins all j pairs) or on the other. Built one j at a time, keeping the last column only.
std::vector<double> exactUCounts(int m, int n)
{
    std::vector<std::vector<double>> previous(m + 1), current(m + 1);
    for (int i = 0; i <= m; ++i)
        previous[i] = {1}; // j = 0: U is 0
    for (int j = 1; j <= n; ++j) {
        current[0] = {1};
        for (int i = 1; i <= m; ++i) {
            std::vector<double> &c = current[i];
            c.assign(std::size_t(i) * j + 1, 0);
            for (int u = 0; u <= i * j; ++u) {
                if (u - j >= 0 && u - j <= (i - 1) * j)
                    c[u] += current[i - 1][u - j];
                if (u <= i * (j - 1))
                    c[u] += previous[i][u];
            }
        }
        std::swap(previous, current);
    }
    return previous[m];
}
} // namespace

std::optional<TestResult> mannWhitneyU(const QList<double> &a, const QList<double> &b)
{
    if (a.isEmpty() || b.isEmpty())
        return std::nullopt;
    const int na = int(a.size());
    const int nb = int(b.size());
    // Ranks over both samples, ties given their mean rank.
    struct Value
    {
        double v;
        bool fromB;
    };
    std::vector<Value> all;
    for (double v : a)
        all.push_back({v, false});
    for (double v : b)
        all.push_back({v, true});
    std::sort(all.begin(), all.end(), [](const Value &x, const Value &y) { return x.v < y.v; });
    const int n = na + nb;
    double rankSumB = 0;
    double tieTerm = 0;
    bool ties = false;
    for (int i = 0; i < n;) {
        int j = i;
        while (j + 1 < n && all[j + 1].v == all[i].v)
            ++j;
        const double rank = (i + j) / 2.0 + 1;
        const double t = j - i + 1;
        if (t > 1) {
            ties = true;
            tieTerm += t * t * t - t;
        }
        for (int k = i; k <= j; ++k) {
            if (all[k].fromB)
                rankSumB += rank;
        }
        i = j + 1;
    }
    TestResult r;
    const double uB = rankSumB - nb * (nb + 1) / 2.0; // pairs where B's value is larger
    const double uA = double(na) * nb - uB;
    r.statistic = uB;
    // As SciPy's method="auto": exact when a side has at most 8 values and nothing ties.
    if (!ties && std::min(na, nb) <= 8) {
        // U has the same distribution whichever side counts: the smaller side keeps it small.
        const std::vector<double> counts = exactUCounts(std::min(na, nb), std::max(na, nb));
        const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
        const auto atLeast = [&](double u) {
            double c = 0;
            for (int k = int(std::ceil(u - 1e-9)); k < int(counts.size()); ++k)
                c += counts[k];
            return c / total;
        };
        r.pGreater = atLeast(uB);
        r.pTwoSided = std::min(1.0, 2 * atLeast(std::max(uA, uB)));
        return r;
    }
    const double mu = double(na) * nb / 2;
    const double sigma =
        std::sqrt(double(na) * nb / 12.0 * ((n + 1) - tieTerm / (double(n) * (n - 1))));
    if (sigma <= 0)
        return std::nullopt; // every value the same
    r.pGreater = normalUpperTail((uB - mu - 0.5) / sigma);
    r.pTwoSided = std::min(1.0, 2 * normalUpperTail((std::max(uA, uB) - mu - 0.5) / sigma));
    return r;
}

SamplingDifference samplingDifference(double aSeconds, double aIntervalSec, double bSeconds,
                                      double bIntervalSec)
{
    SamplingDifference d;
    const double variance =
        std::max(0.0, aSeconds) * aIntervalSec + std::max(0.0, bSeconds) * bIntervalSec;
    d.sigma = std::sqrt(variance);
    if (d.sigma <= 0)
        return d; // nothing sampled on either side: no difference to speak of
    d.z = (bSeconds - aSeconds) / d.sigma;
    d.pGreater = normalUpperTail(d.z);
    d.pTwoSided = std::min(1.0, 2 * normalUpperTail(std::abs(d.z)));
    return d;
}

double samplingDispersion(const QList<QList<double>> &itemsA, double intervalA,
                          const QList<QList<double>> &itemsB, double intervalB)
{
    QList<double> ratios;
    const auto add = [&ratios](const QList<QList<double>> &items, double interval) {
        for (const QList<double> &values : items) {
            if (values.size() < 2 || interval <= 0)
                continue;
            const double m = mean(values);
            if (m / interval < 5)
                continue; // too few samples to say how it varies
            const double k = double(values.size() - 1);
            // The median of chi-square(k) / k (Wilson-Hilferty): s^2 / sigma^2 has it.
            const double chiMedian = std::pow(1 - 2 / (9 * k), 3);
            ratios << sampleVariance(values, m) / (m * interval) / chiMedian;
        }
    };
    add(itemsA, intervalA);
    add(itemsB, intervalB);
    if (ratios.size() < 3)
        return 1;
    return std::max(1.0, median(ratios));
}

QList<double> benjaminiHochberg(const QList<double> &pValues)
{
    const qsizetype m = pValues.size();
    QList<qsizetype> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype x, qsizetype y) { return pValues.at(x) < pValues.at(y); });
    QList<double> q(m, 1.0);
    double running = 1.0;
    for (qsizetype k = m - 1; k >= 0; --k) {
        const double adjusted = pValues.at(order.at(k)) * double(m) / double(k + 1);
        running = std::min(running, adjusted);
        q[order.at(k)] = std::min(1.0, running);
    }
    return q;
}

} // namespace fperf::stats
