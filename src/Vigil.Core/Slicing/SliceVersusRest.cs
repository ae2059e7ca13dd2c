using Vigil.Core.Drift;

namespace Vigil.Core.Slicing;

/// <summary>The outcome of one slice-vs-rest test: the test's id, its two-sided p-value, or why it could not run.</summary>
/// <param name="Test">The test id (<c>two_proportion_z</c>, <c>fisher_exact</c>, <c>welch_t</c>), null when not run.</param>
/// <param name="PValue">Two-sided p-value, NaN when undefined.</param>
/// <param name="Reason">Why the p-value is undefined, else null.</param>
public sealed record SliceTestOutcome(string? Test, double PValue, string? Reason);

/// <summary>
/// Tests whether a slice's error differs from the rest of the rows'.
/// Classification (0/1 errors at the threshold): on the 2×2 table [[errors, correct] of the slice, [errors, correct]
/// of the rest], Fisher's exact test (scipy <c>fisher_exact</c>) when any expected count is below 5 (Cochran's rule),
/// else the pooled two-proportion z-test (statsmodels <c>proportions_ztest</c>). Regression: Welch's t-test on the
/// absolute errors (scipy <c>ttest_ind(equal_var=False)</c>). All p-values are two-sided; the direction ("worse")
/// is judged by the caller from the two error means. Cost O(1) for proportions, O(n) for Welch.
/// </summary>
public static class SliceVersusRest
{
    /// <summary>Expected cell count below which Fisher's exact test replaces the z-test (Cochran 1954).</summary>
    public const double MinimumExpectedCount = 5;

    /// <summary>Compares error proportions: <paramref name="sliceErrors"/> of <paramref name="sliceRows"/> against <paramref name="restErrors"/> of <paramref name="restRows"/>.</summary>
    public static SliceTestOutcome Proportions(long sliceErrors, long sliceRows, long restErrors, long restRows)
    {
        if (sliceErrors < 0 || sliceErrors > sliceRows || restErrors < 0 || restErrors > restRows)
            throw new ArgumentException("error counts must lie between 0 and the row counts");
        if (sliceRows == 0) return new SliceTestOutcome(null, double.NaN, "the slice has no rows");
        if (restRows == 0) return new SliceTestOutcome(null, double.NaN, "the slice holds every row: nothing to compare with");
        long errors = sliceErrors + restErrors, total = sliceRows + restRows;
        if (errors == 0) return new SliceTestOutcome(null, double.NaN, "no errors in any row");
        if (errors == total) return new SliceTestOutcome(null, double.NaN, "every row is an error");
        var counts = new CategoryCounts(["error", "correct"], [sliceErrors, sliceRows - sliceErrors], [restErrors, restRows - restErrors]);
        var smallestExpected = (double)Math.Min(sliceRows, restRows) * Math.Min(errors, total - errors) / total;
        var useFisher = smallestExpected < MinimumExpectedCount && total <= int.MaxValue;
        var statistic = useFisher ? new FisherExact().Compute(counts) : new TwoProportionZ().Compute(counts);
        var p = statistic.PValue ?? double.NaN;
        return new SliceTestOutcome(useFisher ? "fisher_exact" : "two_proportion_z", p, double.IsNaN(p) ? statistic.Reason : null);
    }

    /// <summary>Compares mean absolute errors with Welch's t-test.</summary>
    public static SliceTestOutcome Means(ReadOnlySpan<double> sliceErrors, ReadOnlySpan<double> restErrors)
    {
        if (restErrors.IsEmpty) return new SliceTestOutcome(null, double.NaN, "the slice holds every row: nothing to compare with");
        var statistic = new WelchTTest().Compute(sliceErrors, restErrors);
        var p = statistic.PValue ?? double.NaN;
        return new SliceTestOutcome("welch_t", p, double.IsNaN(p) ? statistic.Reason : null);
    }
}
