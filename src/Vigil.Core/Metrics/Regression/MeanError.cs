namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Mean error (bias) <c>mean_error</c> = Σ wᵢ·(ŷᵢ − yᵢ) / Σ wᵢ: prediction minus actual, so a positive value means the
/// model over-predicts on average and a negative value that it under-predicts. Closer to 0 is better (HigherIsBetter is
/// false; compare its absolute value). Undefined when the total weight is 0. Cost: O(n).
/// </summary>
public sealed class MeanError : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "mean_error";

    /// <inheritdoc/>
    public bool HigherIsBetter => false;

    /// <inheritdoc/>
    public MetricValue Compute(RegressionSample sample, ReadOnlySpan<double> weights) => MeanLoss.Value(MeanLoss.Of<SignedError>(sample, weights));
}
