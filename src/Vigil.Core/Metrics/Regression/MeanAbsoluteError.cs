namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Mean absolute error <c>mae</c> = Σ wᵢ·|ŷᵢ − yᵢ| / Σ wᵢ (scikit-learn <c>mean_absolute_error</c>). Lower is better.
/// Undefined when the total weight is 0. Cost: O(n).
/// </summary>
public sealed class MeanAbsoluteError : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "mae";

    /// <inheritdoc/>
    public bool HigherIsBetter => false;

    /// <inheritdoc/>
    public MetricValue Compute(RegressionSample sample, ReadOnlySpan<double> weights) => MeanLoss.Value(MeanLoss.Of<AbsoluteLoss>(sample, weights));
}
