using MathNet.Numerics;

namespace Vigil.Core.Drift;

/// <summary>
/// Welch's unequal-variance t-test (id <c>t_test</c>), scipy 1.10 <c>ttest_ind(equal_var=False)</c>:
/// t = (x̄_ref − x̄_cur) / √(s²_ref/n_ref + s²_cur/n_cur) with sample variances (ddof 1), Welch–Satterthwaite
/// degrees of freedom, two-sided p = I_{ν/(ν+t²)}(ν/2, 1/2). Undefined (NaN) with fewer than 2 values on a side
/// or when both variances are 0. Cost O(n).
/// </summary>
public sealed class WelchTTest : INumericDriftMethod
{
    /// <inheritdoc/>
    public string Id => "t_test";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.PValue;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.05;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Numeric;

    /// <inheritdoc/>
    public DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        int n1 = referenceSorted.Length, n2 = currentSorted.Length;
        if (n1 < 2 || n2 < 2) return DriftStatistic.Undefined(ScoreKind, "t-test needs at least 2 values in each sample");
        var (m1, v1) = SortedSamples.MeanVariance(referenceSorted);
        var (m2, v2) = SortedSamples.MeanVariance(currentSorted);
        var a = v1 * n1 / (n1 - 1.0) / n1;
        var b = v2 * n2 / (n2 - 1.0) / n2;
        if (a + b <= 0) return DriftStatistic.Undefined(ScoreKind, "both samples are constant");
        var t = (m1 - m2) / Math.Sqrt(a + b);
        var df = (a + b) * (a + b) / (a * a / (n1 - 1.0) + b * b / (n2 - 1.0));
        var p = SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));
        return new DriftStatistic(t, Math.Clamp(p, 0, 1)) { PValueMethod = "Student t, Welch–Satterthwaite df" };
    }
}
