namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Precision <c>precision</c> = TP / (TP + FP) (scikit-learn <c>precision_score</c>). Higher is better.
/// Edge case: with no predicted positives scikit-learn returns 0 with a warning; Vigil returns
/// undefined with reason "no predicted positives". Cost: O(n).
/// </summary>
public sealed class Precision : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "precision";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = BinaryCounts.From(sample, weights);
        return c.PredictedPositive > 0 ? MetricValue.Of(c.TruePositive / c.PredictedPositive) : MetricValue.Undefined("no predicted positives");
    }
}
