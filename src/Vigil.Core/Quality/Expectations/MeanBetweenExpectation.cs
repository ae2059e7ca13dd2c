namespace Vigil.Core.Quality.Expectations;

/// <summary><c>mean_between</c>: the arithmetic mean of the non-missing values lies in the range (NaN, hence a failure, with no values). Cost O(n).</summary>
public sealed class MeanBetweenExpectation : NumericStatisticExpectation
{
    /// <summary>Creates the check.</summary>
    public MeanBetweenExpectation(string column, double? min, double? max, ExpectationOptions? options = null) : base("mean_between", column, min, max, options) { }

    /// <inheritdoc />
    protected override string StatisticName => "mean";

    /// <inheritdoc />
    protected override double Compute(double[] values) => Mean(values);

    /// <summary>The mean of <paramref name="values"/>, NaN when empty.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return double.NaN;
        double s = 0;
        foreach (var x in values) s += x;
        return s / values.Length;
    }
}
