namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Mean average precision at k <c>map@k</c>: per query AP@k = (1 / min(k, R))·Σ_{i ≤ k, item i relevant} P@i, with R the
/// query's number of relevant items and P@i the precision of the top i; normalising by min(k, R) makes a perfect ranking
/// score 1 even when R &gt; k. A query with R = 0 scores 0 (as scikit-learn's ndcg_score treats such queries). /// Ties: items with equal scores are ranked pessimistically (lower relevance first), so neither input order nor a
/// constant scorer is rewarded. Relevant means relevance &gt; 0.
/// Cost: O(n log n) once per sample, then O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class MeanAveragePrecisionAtK : IMetric<RankingSample>
{
    private readonly QueryValueCache _cache;

    /// <summary>Creates the metric for cut-off <paramref name="k"/> ≥ 1.</summary>
    public MeanAveragePrecisionAtK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
        Name = "map@" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
            double sum = 0;
            var hits = 0;
            for (var i = start; i < end && i - start < K; i++)
            {
                if (!(relevance[order[i]] > 0)) continue;
                hits++;
                sum += (double)hits / (i - start + 1);
            }
            values[q] = relevant > 0 ? sum / Math.Min(K, relevant) : 0;
        }
        return values;
    }
}
