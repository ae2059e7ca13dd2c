namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Mean squared error <c>mse</c> = Σ wᵢ·(ŷᵢ − yᵢ)² / Σ wᵢ (scikit-learn <c>mean_squared_error</c>). Lower is better.
/// Undefined when the total weight is 0. Cost: O(n).
/// </summary>
public sealed class MeanSquaredError : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "mse";

    /// <inheritdoc/>
    public bool HigherIsBetter => false;

    /// <inheritdoc/>
    public MetricValue Compute(RegressionSample sample, ReadOnlySpan<double> weights) => MeanLoss.Value(MeanLoss.Of<SquaredLoss>(sample, weights));
}
