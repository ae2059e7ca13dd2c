using MathNet.Numerics;

namespace Vigil.Core.Drift;

/// <summary>
/// Two-sample Cramér–von Mises test (id <c>cramer_von_mises</c>), scipy 1.10 <c>cramervonmises_2samp(method="auto")</c>.
/// With midranks r of the pooled sample, U = n_ref Σ(r_i − i)² + n_cur Σ(s_j − j)² and
/// T = U/(n_ref n_cur N) − (4 n_ref n_cur − 1)/(6N) (Anderson 1962, eq. 9–10), the reported statistic.
/// p-value: exact when max(n) ≤ 20 (the frequency table of U over all C(N, n_ref) arrangements, Xiao, Gordon &amp;
/// Yakovlev 2006, J. Stat. Softw. 17(8)); otherwise T is standardised (Anderson 1962, eq. 11–15) and referred to the
/// limiting one-sample distribution (Csörgő &amp; Faraway 1996, eq. 1.2, series truncated at terms &lt; 1e-7 as scipy
/// does). Needs at least 2 values per sample. Cost O(N) plus the exact table for tiny samples.
/// </summary>
public sealed class CramerVonMises : INumericDriftMethod
{
    /// <inheritdoc/>
    public string Id => "cramer_von_mises";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.PValue;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.05;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Numeric;

    /// <inheritdoc/>
    public DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        int nx = referenceSorted.Length, ny = currentSorted.Length;
        if (nx <= 1 || ny <= 1) return DriftStatistic.Undefined(ScoreKind, "Cramér–von Mises needs at least 2 values in each sample");
        double sx = 0, sy = 0;
        int i = 0, j = 0;
        long before = 0;
        while (i < nx || j < ny)
        {
            var v = i < nx && (j >= ny || referenceSorted[i] <= currentSorted[j]) ? referenceSorted[i] : currentSorted[j];
            int i0 = i, j0 = j;
            while (i < nx && referenceSorted[i] == v) i++;
            while (j < ny && currentSorted[j] == v) j++;
            long t = i - i0 + (j - j0);
            var r = before + (t + 1) / 2.0;
            for (var a = i0 + 1; a <= i; a++) { var d = r - a; sx += d * d; }
            for (var b = j0 + 1; b <= j; b++) { var d = r - b; sy += d * d; }
            before += t;
        }
        var u = nx * sx + ny * sy;
        double k = (double)nx * ny, n = nx + ny;
        var stat = u / (k * n) - (4 * k - 1) / (6 * n);
        if (Math.Max(nx, ny) <= 20)
            return new DriftStatistic(stat, ExactPValue(u, nx, ny)) { PValueMethod = "exact" };
        var et = (1 + 1 / n) / 6;
        var vt = (n + 1) * (4 * k * n - 3 * ((double)nx * nx + (double)ny * ny) - 2 * k) / (45 * n * n * 4 * k);
        var tn = 1.0 / 6 + (stat - et) / Math.Sqrt(45 * vt);
        var p = tn < 0.003 ? 1.0 : Math.Max(0, 1 - LimitingCdf(tn));
        return new DriftStatistic(stat, Math.Min(p, 1)) { PValueMethod = "asymptotic" };
    }

    /// <summary>Exact Pr(U' ≥ U) by the path recursion of Xiao et al. (2006) over the lattice (n_ref × n_cur).</summary>
    internal static double ExactPValue(double u, int m, int n)
    {
        long lcm = m / KolmogorovDistribution.Gcd(m, n) * n;
        long a = lcm / m, b = lcm / n;
        double mn = (double)m * n;
        var zeta = Math.Floor(lcm * (double)lcm * (m + n) * (6 * u - mn * (4 * mn - 1)) / (6 * mn * mn));
        // row[v]: frequency of each partial sum Σ (a·v' − b·u')² over the lattice points visited so far by
        // paths ending at (u, v); one step is one more value from either sample.
        var row = new Dictionary<long, double>[m + 1];
        for (var uu = 0; uu <= n; uu++)
        {
            for (var v = 0; v <= m; v++)
            {
                var merged = new Dictionary<long, double>();
                if (uu == 0 && v == 0) merged[0] = 1;
                if (uu > 0) foreach (var (key, f) in row[v]) merged[key] = f;
                if (v > 0) foreach (var (key, f) in row[v - 1]) merged[key] = merged.GetValueOrDefault(key) + f;
                var add = (a * v - b * uu) * (a * v - b * uu);
                var shifted = new Dictionary<long, double>(merged.Count);
                foreach (var (key, f) in merged) shifted[key + add] = f;
                row[v] = shifted;
            }
        }
        var gs = row;
        double tail = 0, total = 0;
        foreach (var (key, f) in gs[m]) { total += f; if (key >= zeta) tail += f; }
        return tail / total;
    }

    /// <summary>Limiting CDF of the one-sample CvM statistic (Csörgő &amp; Faraway 1996, eq. 1.2), terms added until |term| &lt; 1e-7.</summary>
    internal static double LimitingCdf(double x)
    {
        double total = 0;
        for (var k = 0; k < 1000; k++)
        {
            var u = Math.Exp(SpecialFunctions.GammaLn(k + 0.5) - SpecialFunctions.GammaLn(k + 1)) / (Math.Pow(Math.PI, 1.5) * Math.Sqrt(x));
            double y = 4 * k + 1;
            var q = y * y / (16 * x);
            var term = u * Math.Sqrt(y) * Math.Exp(-q) * BesselKQuarter(q);
            total += term;
            if (Math.Abs(term) < 1e-7) break;
        }
        return total;
    }

    /// <summary>Modified Bessel K_{1/4}(z) = ∫₀^∞ e^{−z cosh t} cosh(t/4) dt by the trapezoid rule (geometric convergence for this analytic integrand).</summary>
    internal static double BesselKQuarter(double z)
    {
        if (z > 700) return 0;
        const double h = 0.01;
        var sum = 0.5 * Math.Exp(-z);
        for (var s = 1; ; s++)
        {
            var t = s * h;
            var e = z * Math.Cosh(t);
            sum += Math.Exp(-e) * Math.Cosh(t / 4);
            if (e - z > 45) break;
        }
        return sum * h;
    }
}
