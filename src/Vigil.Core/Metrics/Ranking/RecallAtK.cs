namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Recall at k <c>recall@k</c>: (relevant items among the top k) / (relevant items of the query), averaged over queries;
/// a query with no relevant item scores 0 (the rule scikit-learn's ndcg_score applies to such queries). /// Ties: items with equal scores are ranked pessimistically (lower relevance first), so neither input order nor a
/// constant scorer is rewarded. Relevant means relevance &gt; 0.
/// Cost: O(n log n) once per sample, then O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class RecallAtK : QueryAveragedMetric
{
    /// <summary>Creates the metric for cut-off <paramref name="k"/> ≥ 1.</summary>
    public RecallAtK(int k) : base(AtK("recall", k)) => K = k;

    /// <summary>The cut-off: only the top K ranks count.</summary>
    public int K { get; }

    /// <inheritdoc/>
    protected override double QueryValue(ReadOnlySpan<int> ranked, double[] relevance, double[] scores)
    {
        var relevant = RelevantCount(ranked, relevance);
        var hits = 0;
        for (var i = 0; i < ranked.Length && i < K; i++) if (relevance[ranked[i]] > 0) hits++;
        return relevant > 0 ? (double)hits / relevant : 0;
    }
}
