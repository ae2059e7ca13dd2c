namespace Vigil.Core.Metrics.Ranking;

/// <summary>
/// Normalised discounted cumulative gain at k <c>ndcg@k</c> (Järvelin &amp; Kekäläinen 2002; scikit-learn 1.2
/// <c>ndcg_score(k=k, ignore_ties=False)</c> applied per query): DCG@k = Σ_{i &lt; k} relᵢ / log₂(i + 2) with linear gain,
/// where tied scores share the mean relevance of their tie group over the group's discounted positions (McSherry &amp;
/// Najork 2008); NDCG = DCG@k / IDCG@k. A query whose ideal DCG is 0 (no relevant item) scores 0 and still counts in the
/// mean — exactly what scikit-learn does. Queries may differ in length. Cost: O(n log n) once per sample, then
/// O(queries) per call.
/// Weights are per query. Higher is better. Undefined when there are no queries (or all weights are 0).
/// </summary>
public sealed class NdcgAtK : IMetric<RankingSample>
{
    private readonly QueryValueCache _cache;

    /// <summary>Creates the metric for cut-off <paramref name="k"/> ≥ 1.</summary>
    public NdcgAtK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
        Name = "ndcg@" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
            var n = end - start;
            var depth = Math.Min(K, n);
            // DCG with tie groups: each group gets its mean relevance times the discounts of the ranks it spans
            double dcg = 0;
            var i = start;
            while (i < end && i - start < depth)
            {
                var j = i;
                double groupRelevance = 0;
                while (j < end && sample.Scores[order[j]] == sample.Scores[order[i]]) { groupRelevance += relevance[order[j]]; j++; }
                double discounts = 0;
                for (var r = i - start; r < j - start && r < depth; r++) discounts += Discount(r);
                dcg += groupRelevance / (j - i) * discounts;
                i = j;
            }
            var ideal = new double[n];
            Array.Copy(relevance, start, ideal, 0, n);
            Array.Sort(ideal);
            double idcg = 0;
            for (var r = 0; r < depth; r++) idcg += ideal[n - 1 - r] * Discount(r);
            values[q] = idcg != 0 ? dcg / idcg : 0;
        }
        return values;
    }

    private static double Discount(int rank) => 1.0 / Math.Log2(rank + 2);
}
