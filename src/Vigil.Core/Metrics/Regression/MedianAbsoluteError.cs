namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Median absolute error <c>median_ae</c>: the weighted median of |ŷᵢ − yᵢ|. Definition: with the errors sorted
/// ascending and W the total weight, the lower median is the first error whose cumulative weight reaches W/2, the upper
/// median the first whose cumulative weight exceeds W/2, and the result is their mean. Unweighted this is numpy's
/// median (scikit-learn <c>median_absolute_error</c>); with integer weights it equals the median of the sample with rows
/// duplicated. (scikit-learn's weighted version returns the lower median only, so it differs for even totals.)
/// Lower is better. Undefined when the total weight is 0. Cost: O(n) per call over errors sorted once and shared.
/// </summary>
public sealed class MedianAbsoluteError : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "median_ae";

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
        var (order, errors) = sample.AbsoluteErrorsAscending();
        double total = 0;
        if (weighted) foreach (var w in weights) total += w;
        else total = actual.Length;
        if (!(total > 0)) return MetricValue.Undefined(MetricWeights.NoRows);
        var half = total / 2;
        double cumulative = 0;
        var lower = double.NaN;
        for (var i = 0; i < order.Length; i++)
        {
            var w = weighted ? weights[order[i]] : 1.0;
            if (w == 0) continue;
            cumulative += w;
            if (double.IsNaN(lower) && cumulative >= half) lower = errors[i];
            if (cumulative > half) return MetricValue.Of((lower + errors[i]) / 2);
        }
        return MetricValue.Of(lower);
    }
}
