using Vigil.Core.Metrics;
using Vigil.Core.Statistics;

namespace Vigil.Core.Comparison;

/// <summary>
/// The paired bootstrap of a metric difference (Efron &amp; Tibshirani 1993, §16; Koehn 2004 "Statistical significance tests
/// for machine translation evaluation" for the paired form). Replicate <c>i</c> draws n row indices with replacement from a
/// generator seeded by (seed, i) — the same draws as <see cref="Bootstrap.Replicate{TSample}"/> — and evaluates every
/// metric on the baseline and the candidate with the <em>same</em> integer weights, so each replicate gives one paired
/// difference dᵢ = metric(candidate) − metric(baseline).
/// <para>
/// Interval: percentile bounds of the dᵢ (numpy's R7 quantile). p-value (two-sided): p = min(1, 2·min(#{dᵢ ≤ 0}, #{dᵢ ≥ 0}) / B)
/// over the B replicates where the difference is defined — the smallest two-sided level at which the percentile
/// interval would still contain 0, so p &lt; α agrees with the (1 − α) percentile interval excluding 0 up to quantile
/// interpolation. Identical models give dᵢ = 0 for every i and p = 1. Replicates on which either model's metric is undefined
/// are NaN and left out.
/// </para>
/// Cost: O(B·n) per metric (two metric evaluations per replicate), O(n) scratch per worker thread.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>
    /// Per metric, the replicate differences candidate − baseline (NaN where undefined). <paramref name="progress"/>
    /// receives completed replicate counts.
    /// </summary>
    public static double[][] Differences<TSample>(TSample baseline, TSample candidate, int units, IReadOnlyList<IMetric<TSample>> metrics,
        int replicates, long seed, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var values = new double[metrics.Count][];
        for (var m = 0; m < values.Length; m++) values[m] = new double[replicates];
        Bootstrap.ForEachResample(units, replicates, seed, (i, weights) =>
        {
            for (var m = 0; m < metrics.Count; m++)
                values[m][i] = metrics[m].Compute(candidate, weights).Value - metrics[m].Compute(baseline, weights).Value;
        }, progress);
        return values;
    }

    /// <summary>The two-sided bootstrap p-value min(1, 2·min(#{d ≤ 0}, #{d ≥ 0}) / B) over the defined replicates; NaN when none is defined.</summary>
    public static double PValue(ReadOnlySpan<double> differences)
    {
        int atMost = 0, atLeast = 0, defined = 0;
        foreach (var d in differences)
        {
            if (double.IsNaN(d)) continue;
            defined++;
            if (d <= 0) atMost++;
            if (d >= 0) atLeast++;
        }
        return defined == 0 ? double.NaN : Math.Min(1.0, 2.0 * Math.Min(atMost, atLeast) / defined);
    }
}
