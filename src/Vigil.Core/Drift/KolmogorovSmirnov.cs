namespace Vigil.Core.Drift;

/// <summary>
/// Two-sample Kolmogorov–Smirnov test (id <c>ks</c>), two-sided, matching scipy 1.10 <c>ks_2samp(method="auto")</c>.
/// D = sup_x |F_ref(x) − F_cur(x)| over the empirical CDFs (ties handled by evaluating after each distinct value).
/// p-value: exact when max(n_ref, n_cur) ≤ 10,000 (scipy's <c>MAX_AUTO_N</c>): D is snapped to h/lcm(n_ref, n_cur)
/// and Pr(D ≥ h/lcm) is computed by Hodges' lattice-path counting (Viehmann's 1 − p recursion; closed form for equal
/// sizes); should that fail numerically it falls back as scipy does. Otherwise asymptotic: the one-sample
/// Kolmogorov survival function at D with n = round(n_ref·n_cur/(n_ref+n_cur)) (scipy's <c>kstwo.sf</c>), which
/// underflows to 0 for large shifted samples. Cost: O(n_ref + n_cur) for D (one branch-free merge of the sorted inputs, no
/// allocation); the exact p-value costs O(max(n) · D·min(n)) time and O(min(n)) memory.
/// References: Hodges (1958) Ark. Mat. 3; Simard &amp; L'Ecuyer (2011) J. Stat. Softw. 39(11).
/// </summary>
public sealed class KolmogorovSmirnov : INumericDriftMethod
{
    /// <summary>scipy's size limit for the exact p-value under <c>method="auto"</c>.</summary>
    public const int MaxExactSize = 10000;

    /// <inheritdoc/>
    public string Id => "ks";
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
        var d = Statistic(referenceSorted, currentSorted);
        var g = KolmogorovDistribution.Gcd(n1, n2);
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var lcm = (n1 / g) * (long)n2;
            var h = (int)Math.Round(d * lcm, MidpointRounding.ToEven);
            var dSnapped = h / (double)lcm;
            var p = KolmogorovDistribution.TwoSampleExact(n1, n2, h);
            if (p >= 0 && p <= 1) return new DriftStatistic(dSnapped, p) { PValueMethod = "exact" };
            d = dSnapped;
        }
        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = (int)Math.Round(m * n / (m + n), MidpointRounding.ToEven);
        return new DriftStatistic(d, KolmogorovDistribution.Survival(en, d)) { PValueMethod = "asymptotic" };
    }

    /// <summary>
    /// The two-sided statistic D by one merge over the sorted samples (O(n), no allocation). The merge takes one value
    /// per step (the selection is branch-free) and records n_ref·n_cur·(F_ref − F_cur) only where the value changes,
    /// i.e. after each complete tie group, exactly the points where the empirical CDFs are evaluated.
    /// </summary>
    public static double Statistic(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        int n1 = referenceSorted.Length, n2 = currentSorted.Length, i = 0, j = 0;
        if (n1 == 0 || n2 == 0) return double.NaN;
        long max = 0, min = 0; // n_ref·n_cur·(F_ref − F_cur), exact in integers (no division per value)
        long diff = 0;
        var previous = Math.Min(referenceSorted[0], currentSorted[0]);
        while (i < n1 && j < n2)
        {
            var a = referenceSorted[i];
            var b = currentSorted[j];
            var step = a <= b ? 1 : 0; // setcc, no branch: the two samples interleave unpredictably
            var mask = -(long)step;
            var v = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a) & mask) | (BitConverter.DoubleToInt64Bits(b) & ~mask));
            if (v != previous)
            {
                // the state after the previous tie group is an evaluation point
                max = Math.Max(max, diff);
                min = Math.Min(min, diff);
                previous = v;
            }
            i += step;
            j += 1 - step;
            diff += (n2 & mask) - (n1 & ~mask);
        }
        // one sample is exhausted: finish the current tie group on the other side, record it; after that the
        // difference moves monotonically towards 0
        while (i < n1 && referenceSorted[i] == previous) { i++; diff += n2; }
        while (j < n2 && currentSorted[j] == previous) { j++; diff -= n1; }
        max = Math.Max(max, diff);
        min = Math.Min(min, diff);
        return Math.Max(max, -min) / ((double)n1 * n2);
    }
}
