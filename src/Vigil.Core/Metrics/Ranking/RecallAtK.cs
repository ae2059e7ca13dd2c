namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Recall at k <c>recall@k</c>: (relevant items among the top k) / (relevant items of the query), averaged over queries;
/// a query with no relevant item scores 0 (the rule scikit-learn's ndcg_score applies to such queries). /// Ties: items with equal scores are ranked pessimistically (lower relevance first), so neither input order nor a
/// constant scorer is rewarded. Relevant means relevance &gt; 0.
/// Cost: O(n log n) once per sample, then O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class RecallAtK : IMetric<RankingSample>
{
    private readonly QueryValueCache _cache;

    /// <summary>Creates the metric for cut-off <paramref name="k"/> ≥ 1.</summary>
    public RecallAtK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
        Name = "recall@" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cache = new QueryValueCache(PerQuery);
    }

    /// <summary>The cut-off: only the top K ranks count.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(RankingSample sample, ReadOnlySpan<double> weights) => _cache.Average(sample, weights);

    private double[] PerQuery(RankingSample sample)
    {
        var order = sample.RankOrder();
        var relevance = sample.Relevance;
        var values = new double[sample.GroupCount];
        for (var q = 0; q < values.Length; q++)
        {
            var start = sample.GroupStarts[q];
            var end = sample.GroupStarts[q + 1];
            var relevant = QueryValueCache.RelevantCount(sample, start, end);
            var hits = 0;
            for (var i = start; i < end && i - start < K; i++) if (relevance[order[i]] > 0) hits++;
            values[q] = relevant > 0 ? (double)hits / relevant : 0;
        }
        return values;
    }
}
