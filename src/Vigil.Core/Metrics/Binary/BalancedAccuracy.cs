namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Balanced accuracy <c>balanced_accuracy</c> = (recall + specificity) / 2 = ½·(TP/(TP+FN) + TN/(TN+FP))
/// (scikit-learn <c>balanced_accuracy_score</c>, <c>adjusted=False</c>). Higher is better.
/// Edge case, as scikit-learn: when the labels hold one class only, the recall of the absent class is
/// dropped and the result is the recall of the present class; undefined when the total weight is 0. Cost: O(n).
/// </summary>
public sealed class BalancedAccuracy : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "balanced_accuracy";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = BinaryCounts.From(sample, weights);
        double sum = 0;
        var classes = 0;
        if (c.Positive > 0) { sum += c.TruePositive / c.Positive; classes++; }
        if (c.Negative > 0) { sum += c.TrueNegative / c.Negative; classes++; }
        return classes > 0 ? MetricValue.Of(sum / classes) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
