using MathNet.Numerics;

namespace Vigil.Core.Drift;

/// <summary>
/// Mann–Whitney U test (id <c>mann_whitney</c>), two-sided, scipy 1.10 <c>mannwhitneyu(use_continuity=True,
/// method="auto")</c>. U_ref = R_ref − n_ref(n_ref+1)/2 with midranks of the pooled sample (the reported
/// statistic); p uses U = max(U_ref, U_cur). Exact (null distribution of U by Gaussian-binomial coefficients) when
/// min(n) ≤ 8 and there are no ties; otherwise normal with tie correction
/// σ = √(n₁n₂/12 · ((N+1) − Σ(t³−t)/(N(N−1)))) and continuity: z = (U − n₁n₂/2 − 0.5)/σ, p = 2·(1 − Φ(z)).
/// Ranks come from one merge of the sorted inputs: O(N) time, no allocation (exact path: O(n₁·n₁n₂) with the
/// small side ≤ 8). Reference: Mann &amp; Whitney (1947), Ann. Math. Statist. 18.
/// </summary>
public sealed class MannWhitney : INumericDriftMethod
{
    /// <inheritdoc/>
    public string Id => "mann_whitney";
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
        double r1 = 0, tieTerm = 0;
        int i = 0, j = 0;
        long before = 0;
        var ties = false;
        while (i < n1 || j < n2)
        {
            var v = i < n1 && (j >= n2 || referenceSorted[i] <= currentSorted[j]) ? referenceSorted[i] : currentSorted[j];
            int i0 = i, j0 = j;
            while (i < n1 && referenceSorted[i] == v) i++;
            while (j < n2 && currentSorted[j] == v) j++;
            long t = i - i0 + (j - j0);
            var midrank = before + (t + 1) / 2.0;
            r1 += (i - i0) * midrank;
            if (t > 1) { ties = true; tieTerm += (double)t * t * t - t; }
            before += t;
        }
        var u1 = r1 - n1 * (n1 + 1.0) / 2;
        var u2 = (double)n1 * n2 - u1;
        var u = Math.Max(u1, u2);
        double p;
        string how;
        if ((n1 > 8 && n2 > 8) || ties)
        {
            double n = n1 + n2;
            var s = Math.Sqrt(n1 * (double)n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
            var z = (u - n1 * (double)n2 / 2 - 0.5) / s;
            p = 2 * 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));
            how = "asymptotic";
        }
        else
        {
            p = 2 * ExactSurvival((long)Math.Round(u), n1, n2);
            how = "exact";
        }
        return new DriftStatistic(u1, Math.Clamp(p, 0, 1)) { PValueMethod = how };
    }

    /// <summary>Pr(U ≥ u) under the null for sizes m, n (no ties), from the coefficients of the Gaussian binomial [m+n choose m]_q.</summary>
    internal static double ExactSurvival(long u, int m, int n)
    {
        if (m > n) (m, n) = (n, m);
        var degree = (long)m * n;
        var c = new double[degree + 1];
        c[0] = 1;
        long top = 0;
        for (var k = 1; k <= m; k++)
        {
            // multiply by (1 − q^{n+k}) then divide by (1 − q^k): [n+k choose k]_q from [n+k−1 choose k−1]_q
            var shift = n + k;
            var newTop = top + n;
            for (var e = newTop; e >= shift; e--) c[e] -= c[e - shift];
            for (var e = k; e <= newTop; e++) c[e] += c[e - k];
            top = newTop;
        }
        double total = 0, tail = 0;
        for (long e = 0; e <= degree; e++)
        {
            total += c[e];
            if (e >= u) tail += c[e];
        }
        return tail / total;
    }
}
