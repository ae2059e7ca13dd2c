namespace Vigil.Core.Metrics.Binary;

/// <summary>
/// Cohen's kappa <c>cohen_kappa</c> = (p_o − p_e) / (1 − p_e) between labels and predictions, with p_o the
/// observed agreement and p_e the agreement expected from the marginals (Cohen 1960; scikit-learn
/// <c>cohen_kappa_score</c>, unweighted). Higher is better. Edge case: when p_e = 1 (labels and predictions
/// both constant and equal) scikit-learn returns NaN; Vigil returns undefined with reason
/// "chance agreement is 1". Cost: O(n).
/// </summary>
public sealed class CohenKappa : IMetric<BinarySample>
{
    /// <inheritdoc/>
    public string Name => "cohen_kappa";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(BinarySample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = BinaryCounts.From(sample, weights);
        return MulticlassAgreement.Kappa([c.TrueNegative, c.FalsePositive, c.FalseNegative, c.TruePositive], 2);
    }
}
