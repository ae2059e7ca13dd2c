namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// F1 score <c>f1</c> = 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall
/// (scikit-learn <c>f1_score</c>). Higher is better. When TP = 0 but FP + FN &gt; 0 the value is 0, as in
/// scikit-learn. Edge case: with no positive labels and no positive predictions (2·TP + FP + FN = 0)
/// scikit-learn returns 0 with a warning; Vigil returns undefined with reason
/// "no positive labels and no predicted positives". Cost: O(n).
/// </summary>
public sealed class F1 : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "f1";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = BinaryCounts.From(sample, weights);
        var denominator = 2 * c.TruePositive + c.FalsePositive + c.FalseNegative;
        return denominator > 0
            ? MetricValue.Of(2 * c.TruePositive / denominator)
            : MetricValue.Undefined("no positive labels and no predicted positives");
    }
}
