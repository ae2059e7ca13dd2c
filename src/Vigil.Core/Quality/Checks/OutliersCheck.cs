using System.Globalization;
using Vigil.Core.Data;
using Vigil.Core.Statistics;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// <c>outliers</c>: per numeric column (the label excepted), two counts of outlying values.
/// <list type="bullet">
/// <item>Tukey's fences: x &lt; Q1 − k·IQR or x &gt; Q3 + k·IQR, k = <see cref="DataCheckSettings.IqrFactor"/> (1.5),
/// quartiles by linear interpolation (numpy's default, R7).</item>
/// <item>Modified z-score (Iglewicz &amp; Hoaglin 1993, "How to Detect and Handle Outliers"):
/// |0.6745·(x − median)/MAD| &gt; 3.5 with MAD = median |x − median| (unscaled). When MAD = 0 the score is undefined:
/// <c>robust_z_outliers</c> is NaN (null in JSON) with the reason in the message.</item>
/// </list>
/// One info finding per column where either count is positive. Missing values are ignored. Numbers:
/// <c>iqr_outliers</c>, <c>lower_fence</c>, <c>upper_fence</c>, <c>robust_z_outliers</c>, <c>median</c>, <c>mad</c>,
/// <c>values</c>. Samples: the most extreme outlying rows (largest |x − median|). Cost: O(n log n) per column
/// with one sorted scratch copy at a time.
/// </summary>
public sealed class OutliersCheck : IDataCheck
{
    /// <summary>0.6745 ≈ Φ⁻¹(0.75), making MAD consistent with σ for normal data (Iglewicz &amp; Hoaglin).</summary>
    public const double ModifiedZConstant = 0.6745;

    /// <inheritdoc />
    public string Id => "outliers";

    /// <inheritdoc />
    public string? CannotRun(DataCheckInput input) => null;

    /// <inheritdoc />
    public IReadOnlyList<CheckFinding> Run(DataCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var findings = new List<CheckFinding>();
        foreach (var column in input.Features)
        {
            if (column is not NumericColumn num) continue;
            var stats = Compute(num.Values, input.Settings.IqrFactor, input.Settings.RobustZ);
            if (stats.Values < 2) continue;
            var robust = double.IsNaN(stats.RobustZOutliers) ? 0 : stats.RobustZOutliers;
            if (stats.IqrOutliers == 0 && robust == 0) continue;
            var values = num.Values;
            var candidates = new List<int>();
            for (var i = 0; i < values.Length; i++)
            {
                var x = values[i];
                if (!double.IsNaN(x) && (x < stats.LowerFence || x > stats.UpperFence || IsRobustOutlier(x, stats, input.Settings.RobustZ))) candidates.Add(i);
            }
            candidates.Sort((a, b) => Math.Abs(values[b] - stats.Median).CompareTo(Math.Abs(values[a] - stats.Median)) is var c && c != 0 ? c : a.CompareTo(b));
            var samples = new List<CheckSample>();
            for (var k = 0; k < candidates.Count && k < input.Settings.MaxSamples; k++)
            {
                var i = candidates[k];
                var z = stats.Mad > 0 ? ModifiedZConstant * (values[i] - stats.Median) / stats.Mad : double.NaN;
                samples.Add(new CheckSample(input.Data.LineOf(i), "data",
                    $"{column.Name} = {values[i].ToString("R", CultureInfo.InvariantCulture)}" + (double.IsNaN(z) ? "" : $" (modified z {z.ToString("0.##", CultureInfo.InvariantCulture)})")));
            }
            var robustText = double.IsNaN(stats.RobustZOutliers) ? "modified z undefined (MAD = 0)" : $"{stats.RobustZOutliers.ToString("N0", CultureInfo.InvariantCulture)} beyond modified z {input.Settings.RobustZ.ToString(CultureInfo.InvariantCulture)}";
            findings.Add(new CheckFinding(Id, CheckSeverity.Info,
                $"Column '{column.Name}': {stats.IqrOutliers.ToString("N0", CultureInfo.InvariantCulture)} values outside the {input.Settings.IqrFactor.ToString(CultureInfo.InvariantCulture)}×IQR fences [{stats.LowerFence.ToString("G6", CultureInfo.InvariantCulture)}, {stats.UpperFence.ToString("G6", CultureInfo.InvariantCulture)}]; {robustText}.",
                [column.Name],
                [
                    new("iqr_outliers", stats.IqrOutliers), new("lower_fence", stats.LowerFence), new("upper_fence", stats.UpperFence),
                    new("robust_z_outliers", stats.RobustZOutliers), new("median", stats.Median), new("mad", stats.Mad), new("values", stats.Values),
                ], samples));
        }
        return findings;
    }

    private static bool IsRobustOutlier(double x, OutlierStatistics s, double threshold) =>
        s.Mad > 0 && Math.Abs(ModifiedZConstant * (x - s.Median) / s.Mad) > threshold;

    /// <summary>Outlier statistics of <paramref name="values"/> (NaN ignored); see the type's documentation.</summary>
    public static OutlierStatistics Compute(ReadOnlySpan<double> values, double iqrFactor = 1.5, double robustZ = 3.5)
    {
        var sorted = new double[values.Length];
        var n = 0;
        foreach (var v in values)
            if (!double.IsNaN(v)) sorted[n++] = v;
        if (n == 0) return new OutlierStatistics(0, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN);
        var s = sorted.AsSpan(0, n);
        s.Sort();
        var q1 = Bootstrap.Quantile(s, 0.25);
        var q3 = Bootstrap.Quantile(s, 0.75);
        var median = Bootstrap.Quantile(s, 0.5);
        var lower = q1 - iqrFactor * (q3 - q1);
        var upper = q3 + iqrFactor * (q3 - q1);
        var iqrCount = 0;
        foreach (var x in s)
            if (x < lower || x > upper) iqrCount++;
        // reuse the scratch copy for absolute deviations
        for (var i = 0; i < n; i++) s[i] = Math.Abs(s[i] - median);
        s.Sort();
        var mad = Bootstrap.Quantile(s, 0.5);
        double robust;
        if (!(mad > 0)) robust = double.NaN;
        else
        {
            var count = 0;
            foreach (var d in s)
                if (ModifiedZConstant * d / mad > robustZ) count++;
            robust = count;
        }
        return new OutlierStatistics(n, lower, upper, iqrCount, robust, median, mad);
    }
}

/// <summary>Outlier statistics of one numeric column.</summary>
/// <param name="Values">Non-missing values.</param>
/// <param name="LowerFence">Q1 − k·IQR.</param>
/// <param name="UpperFence">Q3 + k·IQR.</param>
/// <param name="IqrOutliers">Values outside the fences.</param>
/// <param name="RobustZOutliers">Values with |modified z| above the threshold; NaN when MAD = 0.</param>
/// <param name="Median">The median.</param>
/// <param name="Mad">Median absolute deviation from the median (unscaled).</param>
public sealed record OutlierStatistics(int Values, double LowerFence, double UpperFence, int IqrOutliers, double RobustZOutliers, double Median, double Mad);
