namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Matthews correlation coefficient <c>mcc</c> = (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN))
/// (Matthews 1975; scikit-learn <c>matthews_corrcoef</c>). Range −1..1, higher is better.
/// Edge case: when labels or predictions hold one class only the denominator is 0; scikit-learn silently
/// returns 0, Vigil returns undefined with reason "labels or predictions hold one class only". Cost: O(n).
/// </summary>
public sealed class MatthewsCorrelation : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "mcc";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = BinaryCounts.From(sample, weights);
        return MulticlassAgreement.Matthews([c.TrueNegative, c.FalsePositive, c.FalseNegative, c.TruePositive], 2);
    }
}
