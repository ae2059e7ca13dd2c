namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Mean reciprocal rank <c>mrr</c>: the mean over queries of 1/rank of the first relevant item (0 when the query has
/// none). No cut-off. /// Ties: items with equal scores are ranked pessimistically (lower relevance first), so neither input order nor a
/// constant scorer is rewarded. Relevant means relevance &gt; 0. Cost: O(n log n) once per sample, then O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class MeanReciprocalRank : IMetric<RankingSample>
{
    private readonly QueryValueCache _cache;

    /// <summary>Creates the metric.</summary>
    public MeanReciprocalRank() => _cache = new QueryValueCache(PerQuery);

    /// <inheritdoc/>
    public string Name => "mrr";

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
            var value = 0.0;
            for (var i = start; i < end; i++)
                if (relevance[order[i]] > 0) { value = 1.0 / (i - start + 1); break; }
            values[q] = value;
        }
        return values;
    }
}
