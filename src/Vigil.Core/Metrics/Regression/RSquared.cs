namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Coefficient of determination <c>r2</c> = 1 − Σ wᵢ(yᵢ − ŷᵢ)² / Σ wᵢ(yᵢ − ȳ)², ȳ the weighted mean (scikit-learn
/// <c>r2_score</c>). Higher is better; can be negative. Edge cases as scikit-learn with <c>force_finite=True</c>: a constant
/// target (denominator exactly 0) gives 1.0 when the predictions are perfect (numerator 0) and 0.0 otherwise; fewer
/// than two rows of positive weight is undefined (scikit-learn: NaN with a warning). Cost: two passes, O(n).
/// </summary>
public sealed class RSquared : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "r2";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(RegressionSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        MetricWeights.Check(weights, sample.Count);
        var actual = sample.Actual;
        var predicted = sample.Predicted;
        var weighted = !weights.IsEmpty;
        var mean = RegressionWeights.WeightedMean(actual, weights, out var total, out var rows);
        if (rows < 2 && total < 2) return MetricValue.Undefined("R² needs at least two rows");
        double residual = 0, spread = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            var e = actual[i] - predicted[i];
            var d = actual[i] - mean;
            residual += w * e * e;
            spread += w * d * d;
        }
        _ = total;
        if (spread == 0) return MetricValue.Of(residual == 0 ? 1.0 : 0.0);
        return MetricValue.Of(1 - residual / spread);
    }
}
