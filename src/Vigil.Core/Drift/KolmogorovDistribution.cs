using MathNet.Numerics;

namespace Vigil.Core.Drift;

/// <summary>
/// The finite-n Kolmogorov distribution Pr(D_n &gt; x) of the two-sided one-sample statistic, and the exact
/// two-sample Smirnov probabilities. Follows the algorithm selection of Simard &amp; L'Ecuyer (2011), "Computing
/// the two-sided Kolmogorov–Smirnov distribution", J. Stat. Softw. 39(11) — the same selection scipy's
/// <c>kstwo</c> makes — with Durbin's matrix method as improved by Marsaglia, Tsang &amp; Wang (2003), Pomeranz's
/// recursion (1974), the Pelz–Good (1976) expansion, the Ruben–Gambino closed forms, and the Smirnov/Birnbaum–
/// Tingey sum for the one-sided tail. Two-sample exact counts follow Hodges (1958) with Viehmann's (2021)
/// numerically stable 1 − p recursion (arXiv:2102.08037).
/// </summary>
internal static class KolmogorovDistribution
{
    private const int Exponent128 = 128;
    private static readonly double Two128 = Math.ScaleB(1.0, 128);
    private static readonly double TwoMinus128 = Math.ScaleB(1.0, -128);

    /// <summary>Pr(D_n &gt; x), the survival function of the two-sided one-sample statistic for sample size n.</summary>
    public static double Survival(int n, double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x >= 1.0) return 0.0;
        if (x <= 0.0) return 1.0;
        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5) return 1.0;
            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                for (var i = 1; i <= n; i++) cdf *= i * (1.0 / n) * (2 * t - 1);
            }
            else cdf = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            return Clip(1.0 - cdf);
        }
        if (t >= n - 1) return Clip(2 * Math.Pow(1.0 - x, n));
        if (x >= 0.5) return Clip(2 * Smirnov(n, x));
        var nxx = t * x;
        if (n <= 140)
        {
            if (nxx <= 0.754693) return Clip(1.0 - Durbin(n, x));
            if (nxx <= 4) return Clip(1.0 - Pomeranz(n, x));
            return Clip(2 * Smirnov(n, x));
        }
        if (nxx >= 370.0) return 0.0;
        if (nxx >= 2.2) return Clip(2 * Smirnov(n, x));
        var c = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4 ? Durbin(n, x) : PelzGood(n, x);
        return Clip(1.0 - c);
    }

    private static double Clip(double p) => p < 0 ? 0 : p > 1 ? 1 : p;

    /// <summary>log(n!/n^n) by Stirling's series (the n log n term removed up front).</summary>
    private static double LogFactorialOverPower(int n)
    {
        double rn = 1.0 / n, r2 = rn / n;
        // Stirling series Σ B_{2j} / (2j(2j−1)) n^{1−2j}, j = 1..8, by Horner in 1/n².
        ReadOnlySpan<double> c = [1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400];
        double series = 0;
        for (var j = c.Length - 1; j >= 0; j--) series = series * r2 + c[j];
        series *= rn;
        return 0.5 * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI) + series;
    }

    /// <summary>
    /// One-sided Smirnov tail Pr(D_n^+ ≥ x) = x Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) (x+v/n)^{v−1} (1−x−v/n)^{n−v}
    /// (Smirnov 1944; Birnbaum &amp; Tingey 1951). All terms are positive; each is evaluated in logs and the sum
    /// stops once the terms past the peak fall below 1e-17 of the total.
    /// </summary>
    public static double Smirnov(int n, double x)
    {
        if (x <= 0) return 1.0;
        if (x >= 1) return 0.0;
        var last = (int)Math.Floor(n * (1.0 - x));
        double sum = 0, logC = 0, prev = 0;
        var logX = Math.Log(x);
        for (var v = 0; v <= last; v++)
        {
            var e = x + (double)v / n;
            var om = 1.0 - e;
            if (v > 0) logC += Math.Log((double)(n - v + 1) / v);
            if (om <= 0) continue;
            var logTerm = logC + (v - 1) * Math.Log(e) + (n - v) * Math.Log(om) + logX;
            var term = Math.Exp(logTerm);
            sum += term;
            if (v > 8 && term < prev && term < 1e-17 * sum) break;
            prev = term;
        }
        return Math.Min(sum, 1.0);
    }

    /// <summary>Pr(D_n ≤ d) by Durbin's matrix method in the Marsaglia–Tsang–Wang form, with power scaling.</summary>
    public static double Durbin(int n, double d)
    {
        if (d >= 1.0) return 1.0;
        var nd = n * d;
        if (nd <= 0.5) return 0.0;
        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = 2 * k - 1;
        var hm = new double[m * m];
        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * fac;
        }
        var tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        for (var i = 1; i < m; i++)
            for (var r = i - 1; r < m; r++) hm[r * m + i] = w[r - (i - 1)];
        for (var r = 0; r < m; r++) hm[r * m] = v[r];
        for (var c = 0; c < m; c++) hm[(m - 1) * m + c] = v[m - 1 - c];

        var power = new double[m * m];
        for (var i = 0; i < m; i++) power[i * m + i] = 1.0;
        var tmp = new double[m * m];
        var nn = n;
        int exponent = 0, hExponent = 0;
        while (nn > 0)
        {
            if ((nn & 1) != 0)
            {
                Multiply(power, hm, tmp, m);
                (power, tmp) = (tmp, power);
                exponent += hExponent;
            }
            Multiply(hm, hm, tmp, m);
            (hm, tmp) = (tmp, hm);
            hExponent *= 2;
            if (Math.Abs(hm[(k - 1) * m + (k - 1)]) > Two128)
            {
                for (var i = 0; i < hm.Length; i++) hm[i] /= Two128;
                hExponent += Exponent128;
            }
            nn /= 2;
        }
        var p = power[(k - 1) * m + (k - 1)];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < TwoMinus128) { p *= Two128; exponent -= Exponent128; }
        }
        if (exponent != 0) p = Math.ScaleB(p, exponent);
        return Clip(p);
    }

    private static void Multiply(double[] a, double[] b, double[] result, int m)
    {
        Array.Clear(result);
        for (var i = 0; i < m; i++)
            for (var l = 0; l < m; l++)
            {
                var ail = a[i * m + l];
                if (ail == 0) continue;
                var bo = l * m; var ro = i * m;
                for (var j = 0; j < m; j++) result[ro + j] += ail * b[bo + j];
            }
    }

    /// <summary>Pr(D_n ≤ x) by Pomeranz's recursion (two rows, Poisson-like convolution weights, scaled).</summary>
    public static double Pomeranz(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var npwrs = 2 * (ll + 1);
        var gp = new double[npwrs]; var g2p = new double[npwrs]; var g12p = new double[npwrs];
        gp[0] = g2p[0] = g12p[0] = 1.0;
        double a = g / n, b = 2 * g / n, c = (1 - 2 * g) / n;
        for (var m = 1; m < npwrs; m++)
        {
            gp[m] = gp[m - 1] * a / m;
            g2p[m] = g2p[m - 1] * b / m;
            g12p[m] = g12p[m - 1] * c / m;
        }
        var v0 = new double[npwrs]; var v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0, v1s = 0, expnt = 0;
        var (j1, _) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < 2 * n + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            int j2;
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var pw = i == 1 || i == 2 * n + 1 ? gp : (i % 2 == 1 ? g2p : g12p);
            var ln2 = j2 - k1 + 1;
            if (ln2 > 0)
            {
                var convStart = j1 - k1;
                var convLen = j2 - j1 + 1;
                var offset = k1 - v0s;
                var max = 0.0;
                for (var q = 0; q < convLen; q++)
                {
                    // full convolution index r = convStart + q of V0[offset..offset+ln2) with pw[0..ln2)
                    var r = convStart + q;
                    double s = 0;
                    var lo = Math.Max(0, r - (ln2 - 1));
                    for (var u = lo; u <= Math.Min(r, ln2 - 1); u++) s += v0[offset + u] * pw[r - u];
                    v1[q] = s;
                    if (s > max) max = s;
                }
                if (max > 0 && max < TwoMinus128)
                {
                    for (var q = 0; q < convLen; q++) v1[q] *= Two128;
                    expnt -= Exponent128;
                }
                v1s = v0s + j1 - k1;
            }
        }
        var ans = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(ans) > Two128) { ans *= TwoMinus128; expnt += Exponent128; }
            ans *= m;
        }
        if (expnt != 0) ans = Math.ScaleB(ans, expnt);
        return Clip(ans);
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0) { j1 = -ll - ceilf - 1; j2 = ll + ceilf - 1; }
        else
        {
            var half = (i + 1) / 2; var odd = (i + 1) % 2;
            if (odd == 0)
            {
                if (half == n + 1) { j1 = n - ll - ceilf - 1; j2 = n + ll + ceilf - 1; }
                else { j1 = half - 1 - ll - roundf - 1; j2 = half + ll - 1 + ceilf - 1; }
            }
            else { j1 = half - 1 - ll - 1; j2 = half + ll + roundf - 1; }
        }
        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>Pr(D_n ≤ x) by the Pelz–Good (1976) asymptotic expansion in 1/√n (terms K0..K3).</summary>
    public static double PelzGood(int n, double x)
    {
        if (x <= 0.0) return 0.0;
        if (x >= 1.0) return 1.0;
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        const double pi2 = Math.PI * Math.PI, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
        var qlog = -pi2 / 8 / z2;
        if (qlog < -708) return 0.0;
        var q = Math.Exp(qlog);
        double k1a = -z2, k1b = pi2 / 4;
        double k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16;
        double k3d = pi6 * (5 - 30 * z2) / 64, k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = pi2 * (135 * z4 - 96 * z6) / 4, k3a = -30 * z6 - 90 * z6 * z2;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxk; k > 0; k--)
        {
            double m = 2 * k - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qp = Math.Pow(q, 8 * k);
            s0 = s0 * qp + 1.0;
            s1 = s1 * qp + (k1a + k1b * m2);
            s2 = s2 * qp + (k2a + k2b * m2 + k2c * m4);
            s3 = s3 * qp + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        var sq2pi = Math.Sqrt(2 * Math.PI);
        s0 *= q * sq2pi / z;
        s1 *= q * sq2pi / (6 * z4);
        s2 *= q * sq2pi / (72 * z6 * z);
        s3 *= q * sq2pi / (6480 * z6 * z4);
        var q2 = Math.Exp(-pi2 / 2 / z2);
        double e2 = 0, e3 = 0;
        var sqrt3z = Math.Sqrt(3) * z;
        for (var k = maxk; k > 0; k--)
        {
            double kk = (double)k * k, kpi = Math.PI * k;
            var qk = Math.Pow(q2, kk);
            e2 += kk * qk;
            e3 += (sqrt3z + kpi) * (sqrt3z - kpi) * kk * qk;
        }
        s2 += e2 * pi2 * sq2pi / (-36 * z3);
        s3 += e3 * pi2 * sq2pi / (216 * z6);
        var rn = Math.Sqrt(n);
        return s0 + s1 / rn + s2 / n + s3 / (n * rn);
    }

    /// <summary>
    /// Exact two-sided two-sample probability Pr(D_{m,n} ≥ h/lcm(m,n)). Equal sizes use the closed alternating
    /// sum evaluated Horner-style; unequal sizes walk the lattice band column by column computing 1 − p directly
    /// (Viehmann 2021). O(max(m,n) · band width) time, O(min(m,n)) memory. Returns NaN on numeric failure.
    /// </summary>
    public static double TwoSampleExact(int m, int n, int h)
    {
        if (h == 0) return 1.0;
        if (m == n)
        {
            double p = 0.0;
            for (var k = n / h; k >= 0; k--)
            {
                var p1 = 1.0;
                for (var j = 0; j < h; j++) p1 = (n - (double)k * h - j) * p1 / (n + (double)k * h + j + 1);
                p = p1 * (1.0 - p);
            }
            return 2 * p;
        }
        if (m < n) (m, n) = (n, m);
        var g = (int)Gcd(m, n);
        long mg = m / g, ng = n / g;
        int minj = 0, maxj = (int)Math.Min((long)Math.Ceiling(h / (double)mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min(2 * maxj + 2, n + 1);
        var a = new double[Math.Max(lenA, n + 1)];
        Array.Fill(a, 1.0);
        for (var j = minj; j < maxj; j++) a[j] = 0.0;
        for (var i = 1; i <= m; i++)
        {
            int lastminj = minj, lastlen = curlen;
            minj = (int)Math.Max(FloorDiv(ng * i - h, mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = (int)Math.Min(CeilDiv(ng * i + h, mg), n + 1);
            if (maxj <= minj) return 1.0;
            var val = minj == 0 ? 0.0 : 1.0;
            for (var jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen)
                for (var q = maxj - minj; q < maxj - minj + (lastlen - curlen); q++) a[q] = 1;
        }
        return a[maxj - minj - 1];
    }

    private static long FloorDiv(long a, long b) => (long)Math.Floor(a / (double)b);
    private static long CeilDiv(long a, long b) => (long)Math.Ceiling(a / (double)b);

    public static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
