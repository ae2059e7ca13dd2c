namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Top-k accuracy <c>top_2_accuracy</c> (scikit-learn <c>top_k_accuracy_score</c>): the weighted share of rows whose
/// true class is among the k classes of highest probability. Ties are broken as scikit-learn's stable arg-sort
/// reversed: among equal probabilities the higher class index ranks first. With k ≥ K every row is a hit.
/// Higher is better. Undefined without probabilities ("no score column: needs --score"). Cost: O(n·K).
/// </summary>
public sealed class TopKAccuracy : IMetric<MulticlassSample>
{
    /// <summary>Creates the metric for a given k ≥ 1.</summary>
    public TopKAccuracy(int k = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
        Name = $"top_{k}_accuracy";
    }

    /// <summary>How many top classes count as a hit.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        if (sample.Probabilities is null) return MetricValue.Undefined(Binary.RocAuc.NoScores);
        var classes = sample.ClassCount;
        var p = sample.Probabilities;
        var labels = sample.Labels;
        var weighted = !weights.IsEmpty;
        double hit = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            var offset = i * classes;
            var t = labels[i];
            var own = p[offset + t];
            var above = 0;
            for (var c = 0; c < classes; c++)
            {
                var v = p[offset + c];
                if (v > own || (v == own && c > t)) above++;
            }
            if (above < K) hit += w;
            total += w;
        }
        return total > 0 ? MetricValue.Of(hit / total) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
