namespace Vigil.Core.Drift;

/// <summary>
/// k-sample Anderson–Darling test for k = 2 (id <c>anderson</c>), scipy 1.10 <c>anderson_ksamp(midrank=True)</c>:
/// the midrank statistic A²_akN of Scholz &amp; Stephens (1987, J. Amer. Statist. Assoc. 82, eq. 7), standardised as
/// (A² − (k−1))/σ_N. The p-value interpolates log significance quadratically (least squares) over Table 2's
/// critical values for 25%…0.1% and is capped as scipy caps it: 0.25 below the table, 0.001 above it.
/// Undefined with fewer than 2 distinct pooled values. Cost O(N), no allocation.
/// </summary>
public sealed class AndersonDarling : INumericDriftMethod
{
    /// <summary>The largest p-value reported (scipy's cap).</summary>
    public const double PValueCap = 0.25;
    /// <summary>The smallest p-value reported (scipy's floor).</summary>
    public const double PValueFloor = 0.001;

    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
    // Scholz & Stephens (1987) Table 2 interpolation coefficients b0 + b1/√m + b2/m, for m = k − 1 = 1.
    private static readonly double[] Critical = [0.675 - 0.245 - 0.105, 1.281 + 0.25 - 0.305, 1.645 + 0.678 - 0.362,
        1.96 + 1.149 - 0.391, 2.326 + 1.822 - 0.396, 2.573 + 2.364 - 0.345, 3.085 + 3.615 - 0.154];
    private static readonly double[] Fit = FitLogSignificance();

    /// <inheritdoc/>
    public string Id => "anderson";
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
        if (n1 == 0 || n2 == 0) return DriftStatistic.Undefined(ScoreKind, "empty sample");
        double bigN = n1 + n2, a1 = 0, a2 = 0;
        int i = 0, j = 0, distinct = 0;
        long before = 0;
        while (i < n1 || j < n2)
        {
            var v = i < n1 && (j >= n2 || referenceSorted[i] <= currentSorted[j]) ? referenceSorted[i] : currentSorted[j];
            int i0 = i, j0 = j;
            while (i < n1 && referenceSorted[i] == v) i++;
            while (j < n2 && currentSorted[j] == v) j++;
            distinct++;
            double lj = i - i0 + (j - j0);
            var bj = before + lj / 2;
            var denominator = bj * (bigN - bj) - bigN * lj / 4;
            var m1 = i - (i - i0) / 2.0;
            var m2 = j - (j - j0) / 2.0;
            var d1 = bigN * m1 - bj * n1;
            var d2 = bigN * m2 - bj * n2;
            a1 += lj / bigN * d1 * d1 / denominator;
            a2 += lj / bigN * d2 * d2 / denominator;
            before += (long)lj;
        }
        if (distinct < 2) return DriftStatistic.Undefined(ScoreKind, "Anderson–Darling needs more than one distinct value");
        var a2kn = (a1 / n1 + a2 / n2) * (bigN - 1) / bigN;

        const int k = 2;
        var hH = 1.0 / n1 + 1.0 / n2;
        double cumulative = 0, g = 0;
        for (var idx = 0; idx < bigN - 2; idx++)
        {
            cumulative += 1.0 / (bigN - 1 - idx);
            g += cumulative / (idx + 2);
        }
        var h = cumulative + 1;
        var a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hH;
        var b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hH - 8 * h + 4 * g - 6;
        var c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hH + 4 * h;
        var d = (2 * h + 6) * k * k - 4 * h * k;
        var sigmaSquared = (a * bigN * bigN * bigN + b * bigN * bigN + c * bigN + d) / ((bigN - 1) * (bigN - 2) * (bigN - 3));
        var stat = (a2kn - (k - 1)) / Math.Sqrt(sigmaSquared);
        double p;
        if (stat < Critical[0]) p = PValueCap;
        else if (stat > Critical[^1]) p = PValueFloor;
        else p = Math.Exp(Fit[0] + Fit[1] * stat + Fit[2] * stat * stat);
        return new DriftStatistic(stat, p) { PValueMethod = "interpolated (Scholz–Stephens table; capped to [0.001, 0.25])" };
    }

    private static double[] FitLogSignificance()
    {
        var y = new double[Significance.Length];
        for (var i = 0; i < y.Length; i++) y[i] = Math.Log(Significance[i]);
        return MathNet.Numerics.Fit.Polynomial(Critical, y, 2);
    }
}
