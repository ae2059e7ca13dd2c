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
    public MetricValue Compute(RegressionSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        var actual = sample.Actual;
        var predicted = sample.Predicted;
        var weighted = !weights.IsEmpty;
        double sum = 0, total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            var e = predicted[i] - actual[i];
            sum += w * e * e;
            total += w;
        }
        return total > 0 ? MetricValue.Of(sum / total) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
