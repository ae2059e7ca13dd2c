namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Mean average precision at k <c>map@k</c>: per query AP@k = (1 / min(k, R))·Σ_{i ≤ k, item i relevant} P@i, with R the
/// query's number of relevant items and P@i the precision of the top i; normalising by min(k, R) makes a perfect ranking
/// score 1 even when R &gt; k. A query with R = 0 scores 0 (as scikit-learn's ndcg_score treats such queries). /// Ties: items with equal scores are ranked pessimistically (lower relevance first), so neither input order nor a
/// constant scorer is rewarded. Relevant means relevance &gt; 0.
/// Cost: O(n log n) once per sample, then O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class MeanAveragePrecisionAtK : QueryAveragedMetric
{
    /// <summary>Creates the metric for cut-off <paramref name="k"/> ≥ 1.</summary>
    public MeanAveragePrecisionAtK(int k) : base(AtK("map", k)) => K = k;

    /// <summary>The cut-off: only the top K ranks count.</summary>
    public int K { get; }

    /// <inheritdoc/>
    protected override double QueryValue(ReadOnlySpan<int> ranked, double[] relevance, double[] scores)
    {
        var relevant = RelevantCount(ranked, relevance);
        double sum = 0;
        var hits = 0;
        for (var i = 0; i < ranked.Length && i < K; i++)
        {
            if (!(relevance[ranked[i]] > 0)) continue;
            hits++;
            sum += (double)hits / (i + 1);
        }
        return relevant > 0 ? sum / Math.Min(K, relevant) : 0;
    }
}
