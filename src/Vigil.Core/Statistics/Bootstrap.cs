using MathNet.Numerics.Distributions;
using Vigil.Core.Metrics;

namespace Vigil.Core.Statistics;

/// <summary>
/// Nonparametric bootstrap confidence intervals for any <see cref="IMetric{TSample}"/>. Replicate <c>i</c>
/// draws <c>n</c> units with replacement using a generator seeded by (seed, i), turns the draws into integer
/// weights (resample counts) and evaluates every metric on the original sample with those weights — no rows
/// are copied, and results do not depend on the number of cores. Units are rows (or queries for ranking).
/// Replicates on which a metric is undefined (e.g. a resample with one class) are left out of that metric's
/// interval and counted.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Runs <paramref name="replicates"/> resamples of <paramref name="units"/> units and returns, per metric,
    /// the replicate values (NaN where undefined). <paramref name="progress"/> receives completed replicate counts.
    /// </summary>
    public static double[][] Replicate<TSample>(TSample sample, int units, IReadOnlyList<IMetric<TSample>> metrics,
        int replicates, long seed, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var values = new double[metrics.Count][];
        for (var m = 0; m < values.Length; m++) values[m] = new double[replicates];
        ForEachResample(units, replicates, seed, (i, weights) =>
        {
            for (var m = 0; m < metrics.Count; m++) values[m][i] = metrics[m].Compute(sample, weights).Value;
        }, progress);
        return values;
    }

    /// <summary>
    /// The resampling loop every bootstrap shares: for replicate <c>i</c> in parallel, draws <paramref name="units"/>
    /// units with replacement from a generator seeded by (<paramref name="seed"/>, i), turns them into integer weights
    /// and calls <paramref name="body"/>(i, weights). The weights buffer is per thread and reused: read it inside
    /// <paramref name="body"/> only. <paramref name="progress"/> receives completed replicate counts.
    /// </summary>
    public static void ForEachResample(int units, int replicates, long seed, Action<int, double[]> body, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(replicates);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        var done = 0;
        Parallel.For(0, replicates, () => new double[units], (i, _, weights) =>
        {
            Array.Clear(weights);
            var rng = new SeededRandom(seed, i);
            for (var k = 0; k < units; k++) weights[rng.NextInt(units)] += 1;
            body(i, weights);
            var d = Interlocked.Increment(ref done);
            if (progress is not null && (d % 16 == 0 || d == replicates)) progress(d);
            return weights;
        }, _ => { });
    }

    /// <summary>
    /// The interval from replicate values. For <see cref="BootstrapMethod.Bca"/>, <paramref name="jackknife"/>
    /// must give the leave-out estimates used for the acceleration (see <see cref="Jackknife{TSample}"/>).
    /// </summary>
    public static ConfidenceInterval Interval(double estimate, ReadOnlySpan<double> replicateValues, double level,
        BootstrapMethod method, ReadOnlySpan<double> jackknife = default)
    {
        var name = method == BootstrapMethod.Bca ? "bca" : "percentile";
        if (double.IsNaN(estimate)) return ConfidenceInterval.Unavailable(name, level, "the metric is undefined on the data");
        var sorted = new double[replicateValues.Length];
        var n = 0;
        foreach (var v in replicateValues)
            if (!double.IsNaN(v)) sorted[n++] = v;
        if (n < 2) return ConfidenceInterval.Unavailable(name, level, "too few bootstrap replicates where the metric is defined");
        Array.Sort(sorted, 0, n);
        var s = sorted.AsSpan(0, n);
        var alpha = 1 - level;
        double lowP = alpha / 2, highP = 1 - alpha / 2;
        if (method == BootstrapMethod.Bca)
        {
            var less = 0;
            var equal = 0;
            foreach (var v in s)
            {
                if (v < estimate) less++;
                else if (v == estimate) equal++;
            }
            var p0 = (less + 0.5 * equal) / n;
            if (p0 <= 0 || p0 >= 1)
                return new ConfidenceInterval(Quantile(s, lowP), Quantile(s, highP), name, level,
                    "bias correction undefined (every replicate on one side of the estimate): percentile bounds used");
            var z0 = Normal.InvCDF(0, 1, p0);
            var a = Acceleration(jackknife);
            lowP = Adjust(z0, a, Normal.InvCDF(0, 1, alpha / 2));
            highP = Adjust(z0, a, Normal.InvCDF(0, 1, 1 - alpha / 2));
        }
        return new ConfidenceInterval(Quantile(s, lowP), Quantile(s, highP), name, level);
    }

    private static double Adjust(double z0, double a, double z)
    {
        var t = z0 + z;
        return Normal.CDF(0, 1, z0 + t / (1 - a * t));
    }

    /// <summary>Efron's acceleration Σ(θ̄−θᵢ)³ / (6 (Σ(θ̄−θᵢ)²)^1.5) from jackknife estimates; 0 when unavailable.</summary>
    public static double Acceleration(ReadOnlySpan<double> jackknife)
    {
        double mean = 0;
        var n = 0;
        foreach (var v in jackknife)
            if (!double.IsNaN(v)) { mean += v; n++; }
        if (n < 3) return 0;
        mean /= n;
        double s2 = 0, s3 = 0;
        foreach (var v in jackknife)
        {
            if (double.IsNaN(v)) continue;
            var d = mean - v;
            s2 += d * d;
            s3 += d * d * d;
        }
        return s2 == 0 ? 0 : s3 / (6 * Math.Pow(s2, 1.5));
    }

    /// <summary>
    /// Jackknife estimates for the BCa acceleration: leave-one-out when there are at most
    /// <paramref name="maxGroups"/> units, otherwise a delete-a-group jackknife over <paramref name="maxGroups"/>
    /// groups of units assigned by a seeded shuffle (Efron &amp; Tibshirani 1993, §11.5), which keeps BCa linear in n.
    /// </summary>
    public static double[][] Jackknife<TSample>(TSample sample, int units, IReadOnlyList<IMetric<TSample>> metrics, long seed, int maxGroups = 200)
    {
        var groups = Math.Min(units, maxGroups);
        var groupOf = new int[units];
        for (var k = 0; k < units; k++) groupOf[k] = k % groups;
        var rng = new SeededRandom(seed, -1);
        for (var k = units - 1; k > 0; k--)
        {
            var j = rng.NextInt(k + 1);
            (groupOf[k], groupOf[j]) = (groupOf[j], groupOf[k]);
        }
        var values = new double[metrics.Count][];
        for (var m = 0; m < values.Length; m++) values[m] = new double[groups];
        Parallel.For(0, groups, () => new double[units], (g, _, weights) =>
        {
            for (var k = 0; k < units; k++) weights[k] = groupOf[k] == g ? 0 : 1;
            for (var m = 0; m < metrics.Count; m++) values[m][g] = metrics[m].Compute(sample, weights).Value;
            return weights;
        }, _ => { });
        return values;
    }

    /// <summary>Quantile of sorted values with linear interpolation between order statistics (numpy's default, R7).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var h = (sorted.Length - 1) * Math.Clamp(p, 0, 1);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
