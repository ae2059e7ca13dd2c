namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Specificity (true negative rate) <c>specificity</c> = TN / (TN + FP), i.e. scikit-learn
/// <c>recall_score(pos_label=negative)</c>. Higher is better. Edge case: with no negative labels
/// (scikit-learn: 0 with a warning) Vigil returns undefined with reason "no negative labels". Cost: O(n).
/// </summary>
public sealed class Specificity : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "specificity";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = BinaryCounts.From(sample, weights);
        return c.Negative > 0 ? MetricValue.Of(c.TrueNegative / c.Negative) : MetricValue.Undefined("no negative labels");
    }
}
