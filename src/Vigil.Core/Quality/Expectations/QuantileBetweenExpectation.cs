namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>quantile_between</c>: the <see cref="Quantile"/>-quantile of the non-missing values, by linear interpolation
/// between order statistics (Hyndman–Fan type 7, numpy's default: h = (n − 1)q), lies in the range. Undefined (a
/// failure) with no values. Cost O(n log n) (sorts a copy).
/// </summary>
public sealed class QuantileBetweenExpectation : NumericStatisticExpectation
{
    /// <summary>Creates the check; <paramref name="quantile"/> must lie in [0, 1].</summary>
    public QuantileBetweenExpectation(string column, double quantile, double? min, double? max, ExpectationOptions? options = null)
        : base("quantile_between", column, min, max, options)
    {
        if (!(quantile is >= 0 and <= 1)) throw new ArgumentException($"quantile_between: q must lie in [0, 1], got {quantile}", nameof(quantile));
        Quantile = quantile;
    }

    /// <summary>The quantile level q.</summary>
    public double Quantile { get; }

    /// <inheritdoc />
    protected override string StatisticName => $"quantile {ExpectationText.Number(Quantile)}";

    /// <inheritdoc />
    protected override double Compute(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        Array.Sort(values);
        return QuantileSorted(values, Quantile);
    }

    /// <summary>The type-7 quantile of ascending <paramref name="sorted"/> values (non-empty).</summary>
    public static double QuantileSorted(ReadOnlySpan<double> sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
