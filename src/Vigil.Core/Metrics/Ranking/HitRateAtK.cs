namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Hit rate at k <c>hit_rate@k</c>: the share of queries with at least one relevant item among the top k. /// Ties: items with equal scores are ranked pessimistically (lower relevance first), so neither input order nor a
/// constant scorer is rewarded. Relevant means relevance &gt; 0.
/// Cost: O(n log n) once per sample, then O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class HitRateAtK : QueryAveragedMetric
{
    /// <summary>Creates the metric for cut-off <paramref name="k"/> ≥ 1.</summary>
    public HitRateAtK(int k) : base(AtK("hit_rate", k)) => K = k;

    /// <summary>The cut-off: only the top K ranks count.</summary>
    public int K { get; }

    /// <inheritdoc/>
    protected override double QueryValue(ReadOnlySpan<int> ranked, double[] relevance, double[] scores)
    {
        for (var i = 0; i < ranked.Length && i < K; i++) if (relevance[ranked[i]] > 0) return 1;
        return 0;
    }
}
