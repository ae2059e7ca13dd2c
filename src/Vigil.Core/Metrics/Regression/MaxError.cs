namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Maximum error <c>max_error</c> = maxᵢ |ŷᵢ − yᵢ| over rows of positive weight (scikit-learn <c>max_error</c>, which has no
/// weights; a weight only decides whether the row is present, so integer weights equal duplicated rows).
/// Lower is better. Undefined when no row has positive weight. Cost: O(n).
/// </summary>
public sealed class MaxError : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "max_error";

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
        var max = double.NegativeInfinity;
        for (var i = 0; i < actual.Length; i++)
        {
            if (weighted && !(weights[i] > 0)) continue;
            var e = Math.Abs(predicted[i] - actual[i]);
            if (e > max) max = e;
        }
        return max >= 0 ? MetricValue.Of(max) : MetricValue.Undefined(MetricWeights.NoRows);
    }
}
