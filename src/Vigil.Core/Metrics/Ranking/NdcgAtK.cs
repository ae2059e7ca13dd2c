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
public sealed class NdcgAtK : QueryAveragedMetric
{
    /// <summary>Creates the metric for cut-off <paramref name="k"/> ≥ 1.</summary>
    public NdcgAtK(int k) : base(AtK("ndcg", k)) => K = k;

    /// <summary>The cut-off: only the top K ranks count.</summary>
    public int K { get; }

    /// <inheritdoc/>
    protected override double QueryValue(ReadOnlySpan<int> ranked, double[] relevance, double[] scores)
    {
        var n = ranked.Length;
        var depth = Math.Min(K, n);
        // DCG with tie groups: each group gets its mean relevance times the discounts of the ranks it spans
        double dcg = 0;
        var i = 0;
        while (i < depth)
        {
            var j = i;
            double groupRelevance = 0;
            while (j < n && scores[ranked[j]] == scores[ranked[i]]) { groupRelevance += relevance[ranked[j]]; j++; }
            double discounts = 0;
            for (var r = i; r < j && r < depth; r++) discounts += Discount(r);
            dcg += groupRelevance / (j - i) * discounts;
            i = j;
        }
        var ideal = new double[n];
        for (var r = 0; r < n; r++) ideal[r] = relevance[ranked[r]];
        Array.Sort(ideal);
        double idcg = 0;
        for (var r = 0; r < depth; r++) idcg += ideal[n - 1 - r] * Discount(r);
        return idcg != 0 ? dcg / idcg : 0;
    }

    private static double Discount(int rank) => 1.0 / Math.Log2(rank + 2);
}
