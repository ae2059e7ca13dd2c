namespace Vigil.Core.Metrics.Regression;

/// <summary>A per-row loss of the error e = ŷ − y, resolved at compile time (no delegate call per row).</summary>
internal interface IRowLoss
{
    static abstract double Of(double error);
}

/// <summary>|e|.</summary>
internal readonly struct AbsoluteLoss : IRowLoss
{
    public static double Of(double error) => Math.Abs(error);
}

/// <summary>e².</summary>
internal readonly struct SquaredLoss : IRowLoss
{
    public static double Of(double error) => error * error;
}

/// <summary>e itself (signed).</summary>
internal readonly struct SignedError : IRowLoss
{
    public static double Of(double error) => error;
}

/// <summary>The weighted mean of a per-row loss, shared by mae, mse, rmse and mean_error.</summary>
internal static class MeanLoss
{
    /// <summary>Σ wᵢ·L(ŷᵢ − yᵢ) / Σ wᵢ; NaN when the total weight is 0.</summary>
    public static double Of<TLoss>(RegressionSample sample, ReadOnlySpan<double> weights) where TLoss : IRowLoss
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
            sum += w * TLoss.Of(predicted[i] - actual[i]);
            total += w;
        }
        return total > 0 ? sum / total : double.NaN;
    }

    /// <summary>Wraps a mean as a metric value (undefined when NaN: no rows).</summary>
    public static MetricValue Value(double mean) => double.IsNaN(mean) ? MetricValue.Undefined(MetricWeights.NoRows) : MetricValue.Of(mean);
}
