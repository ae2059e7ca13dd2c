namespace Vigil.Core.Metrics.Regression;

/// <summary>
/// Explained variance <c>explained_variance</c> = 1 − Var_w(y − ŷ) / Var_w(y) with weighted population variances
/// (scikit-learn <c>explained_variance_score</c>). Higher is better. Edge cases as scikit-learn with
/// <c>force_finite=True</c>: Var(y) exactly 0 gives 1.0 when Var(y − ŷ) is 0 and 0.0 otherwise; undefined when the total
/// weight is 0. Cost: two passes, O(n).
/// </summary>
public sealed class ExplainedVariance : IMetric<RegressionSample>
{
    /// <inheritdoc/>
    public string Name => "explained_variance";

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
        double sumY = 0, sumD = 0, total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            sumY += w * actual[i];
            sumD += w * (actual[i] - predicted[i]);
            total += w;
        }
        if (!(total > 0)) return MetricValue.Undefined(MetricWeights.NoRows);
        var meanY = sumY / total;
        var meanD = sumD / total;
        double varY = 0, varD = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            var dy = actual[i] - meanY;
            var dd = actual[i] - predicted[i] - meanD;
            varY += w * dy * dy;
            varD += w * dd * dd;
        }
        varY /= total;
        varD /= total;
        if (varY == 0) return MetricValue.Of(varD == 0 ? 1.0 : 0.0);
        return MetricValue.Of(1 - varD / varY);
    }
}
