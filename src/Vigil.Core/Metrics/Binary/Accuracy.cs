namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Binary accuracy <c>accuracy</c> = (TP + TN) / (TP + FP + TN + FN), weighted by row weights
/// (scikit-learn <c>accuracy_score</c>). Higher is better. Undefined when the total weight is 0. Cost: O(n).
/// </summary>
public sealed class Accuracy : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "accuracy";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = BinaryCounts.From(sample, weights);
        var total = c.Total;
        return total > 0 ? MetricValue.Of((c.TruePositive + c.TrueNegative) / total) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
