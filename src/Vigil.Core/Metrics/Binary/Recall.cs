namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Recall (sensitivity, true positive rate) <c>recall</c> = TP / (TP + FN) (scikit-learn <c>recall_score</c>).
/// Higher is better. Edge case: with no positive labels scikit-learn returns 0 with a warning; Vigil returns
/// undefined with reason "no positive labels". Cost: O(n).
/// </summary>
public sealed class Recall : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "recall";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = BinaryCounts.From(sample, weights);
        return c.Positive > 0 ? MetricValue.Of(c.TruePositive / c.Positive) : MetricValue.Undefined("no positive labels");
    }
}
