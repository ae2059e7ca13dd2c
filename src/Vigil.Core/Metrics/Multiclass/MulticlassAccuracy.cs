namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Multiclass accuracy <c>accuracy</c> = Σ w·[label = prediction] / Σ w (scikit-learn <c>accuracy_score</c>).
/// Higher is better. Undefined when the total weight is 0. Cost: O(n).
/// </summary>
public sealed class MulticlassAccuracy : IMetric<MulticlassSample>
{
    /// <inheritdoc/>
    public string Name => "accuracy";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        var labels = sample.Labels;
        var predictions = sample.Predictions;
        double hit = 0, total = 0;
        var weighted = !weights.IsEmpty;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            if (labels[i] == predictions[i]) hit += w;
            total += w;
        }
        return total > 0 ? MetricValue.Of(hit / total) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
