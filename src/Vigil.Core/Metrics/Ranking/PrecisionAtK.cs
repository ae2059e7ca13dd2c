namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Precision at k <c>precision@k</c>: (relevant items among the top k) / k, averaged over queries — the denominator is
/// k even when a query has fewer than k items. /// Ties: items with equal scores are ranked pessimistically (lower relevance first), so neither input order nor a
/// constant scorer is rewarded. Relevant means relevance &gt; 0. Cost: O(n log n) once per sample, then O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class PrecisionAtK : QueryAveragedMetric
{
    /// <summary>Creates the metric for cut-off <paramref name="k"/> ≥ 1.</summary>
    public PrecisionAtK(int k) : base(AtK("precision", k)) => K = k;

    /// <summary>The cut-off: only the top K ranks count.</summary>
    public int K { get; }

    /// <inheritdoc/>
    protected override double QueryValue(ReadOnlySpan<int> ranked, double[] relevance, double[] scores)
    {
        var hits = 0;
        for (var i = 0; i < ranked.Length && i < K; i++) if (relevance[ranked[i]] > 0) hits++;
        return (double)hits / K;
    }
}
