namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Cohen's kappa <c>cohen_kappa</c> = 1 − Σ_{a≠b} Oₐᵦ / Σ_{a≠b} Eₐᵦ, with O the weighted confusion matrix and
/// E its expectation from the marginals (Cohen 1960; scikit-learn <c>cohen_kappa_score</c>, unweighted).
/// Higher is better. Edge case: chance agreement 1 (scikit-learn NaN) is undefined ("chance agreement is 1").
/// Cost: O(n + K²).
/// </summary>
public sealed class MulticlassCohenKappa : IMetric<MulticlassSample>
{
    /// <inheritdoc/>
    public string Name => "cohen_kappa";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return MulticlassAgreement.Kappa(ConfusionMatrix.CountMulticlass(sample, weights), sample.ClassCount);
    }
}
