namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>stdev_between</c>: the sample standard deviation s = √(Σ(x − x̄)² / (n − 1)) of the non-missing values (ddof = 1,
/// as pandas' <c>Series.std</c> and Great Expectations) lies in the range; undefined (a failure) with fewer than 2
/// values. Two-pass for accuracy. Cost O(n).
/// </summary>
public sealed class StandardDeviationBetweenExpectation : NumericStatisticExpectation
{
    /// <summary>Creates the check.</summary>
    public StandardDeviationBetweenExpectation(string column, double? min, double? max, ExpectationOptions? options = null) : base("stdev_between", column, min, max, options) { }

    /// <inheritdoc />
    protected override string StatisticName => "standard deviation";

    /// <inheritdoc />
    protected override double Compute(double[] values) => SampleStandardDeviation(values);

    /// <summary>The sample (ddof = 1) standard deviation; NaN with fewer than 2 values.</summary>
    public static double SampleStandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2) return double.NaN;
        var m = MeanBetweenExpectation.Mean(values);
        double ss = 0, c = 0;
        foreach (var x in values) { var d = x - m; ss += d * d; c += d; }
        return Math.Sqrt(Math.Max(0, (ss - c * c / values.Length) / (values.Length - 1)));
    }
}
