namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Mean absolute percentage error <c>mape</c> = Σ wᵢ·|ŷᵢ − yᵢ| / max(|yᵢ|, ε) / Σ wᵢ with ε = 2.220446049250313e-16
/// (scikit-learn <c>mean_absolute_percentage_error</c>): a fraction, not a percentage; rows with yᵢ = 0 give huge
/// values, as in scikit-learn. Lower is better. Undefined when the total weight is 0. Cost: O(n).
/// </summary>
public sealed class MeanAbsolutePercentageError : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "mape";

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
            sum += w * (Math.Abs(predicted[i] - actual[i]) / Math.Max(Math.Abs(actual[i]), Binary.LogLoss.Epsilon));
            total += w;
        }
        return total > 0 ? MetricValue.Of(sum / total) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
