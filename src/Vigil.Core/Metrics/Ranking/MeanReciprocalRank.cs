namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Mean reciprocal rank <c>mrr</c>: the mean over queries of 1/rank of the first relevant item (0 when the query has
/// none). No cut-off. /// Ties: items with equal scores are ranked pessimistically (lower relevance first), so neither input order nor a
/// constant scorer is rewarded. Relevant means relevance &gt; 0. Cost: O(n log n) once per sample, then O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class MeanReciprocalRank : QueryAveragedMetric
{
    /// <summary>Creates the metric.</summary>
    public MeanReciprocalRank() : base("mrr")
    {
    }

    /// <inheritdoc/>
    protected override double QueryValue(ReadOnlySpan<int> ranked, double[] relevance, double[] scores)
    {
        for (var i = 0; i < ranked.Length; i++) if (relevance[ranked[i]] > 0) return 1.0 / (i + 1);
        return 0;
    }
}
