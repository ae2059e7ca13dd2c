namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Root mean squared error <c>rmse</c> = √(Σ wᵢ·(ŷᵢ − yᵢ)² / Σ wᵢ) (scikit-learn <c>mean_squared_error(squared=False)</c>).
/// Lower is better. Undefined when the total weight is 0. Cost: O(n).
/// </summary>
public sealed class RootMeanSquaredError : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "rmse";

    /// <inheritdoc/>
    public bool HigherIsBetter => false;

    /// <inheritdoc/>
    public MetricValue Compute(RegressionSample sample, ReadOnlySpan<double> weights) => MeanLoss.Value(Math.Sqrt(MeanLoss.Of<SquaredLoss>(sample, weights)));
}
