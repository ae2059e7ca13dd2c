namespace Vigil.Core.Metrics;

/// <summary>Checks and sums the per-row (per-query) weights every metric accepts.</summary>
internal static class MetricWeights
{
    /// <summary>Throws when a non-empty weight span does not have one weight per row.</summary>
    public static void Check(ReadOnlySpan<double> weights, int count)
    {
        if (!weights.IsEmpty && weights.Length != count)
            throw new ArgumentException($"weights hold {weights.Length} values for {count} rows (give none or one per row).", nameof(weights));
    }

    /// <summary>The weight of row <paramref name="i"/> (1 when no weights are given).</summary>
    public static double At(ReadOnlySpan<double> weights, int i) => weights.IsEmpty ? 1.0 : weights[i];

    /// <summary>The weighted mean Σ wᵢ·vᵢ / Σ wᵢ of per-item values; NaN when the total weight is 0.</summary>
    public static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        Check(weights, values.Length);
        double sum = 0, total = 0;
        if (weights.IsEmpty)
        {
            for (var i = 0; i < values.Length; i++) sum += values[i];
            total = values.Length;
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                var w = weights[i];
                if (w == 0) continue;
                sum += w * values[i];
                total += w;
            }
        }
        return total > 0 ? sum / total : double.NaN;
    }

    /// <summary>Reason used when every row has weight 0 or the sample is empty.</summary>
    public const string NoRows = "no rows (or all weights are 0)";
}
