namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Multiclass Matthews correlation <c>mcc</c> (Gorodkin 2004; scikit-learn <c>matthews_corrcoef</c>):
/// (c·s − Σₖ tₖpₖ) / √((s² − Σₖ pₖ²)(s² − Σₖ tₖ²)) with tₖ, pₖ the true and predicted class totals, c the correct
/// total and s the total weight. Higher is better. Edge case: when labels or predictions hold one class the
/// denominator is 0; scikit-learn returns 0, Vigil returns undefined ("labels or predictions hold one class only").
/// Cost: O(n + K²).
/// </summary>
public sealed class MulticlassMatthewsCorrelation : IMetric<MulticlassSample>
{
    /// <inheritdoc/>
    public string Name => "mcc";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return MulticlassAgreement.Matthews(ConfusionMatrix.CountMulticlass(sample, weights), sample.ClassCount);
    }
}
