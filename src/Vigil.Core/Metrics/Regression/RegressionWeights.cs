namespace Vigil.Core.Metrics.Regression;

/// <summary>Weighted mean helper shared by the two-pass regression metrics.</summary>
internal static class RegressionWeights
{
    public static double WeightedMean(double[] values, ReadOnlySpan<double> weights, out double total, out int rows)
    {
        double sum = 0;
        total = 0;
        rows = 0;
        var weighted = !weights.IsEmpty;
        for (var i = 0; i < values.Length; i++)
        {
            var w = weighted ? weights[i] : 1.0;
            if (w == 0) continue;
            sum += w * values[i];
            total += w;
            rows++;
        }
        return total > 0 ? sum / total : double.NaN;
    }
}
