namespace Vigil.Core.Drift.Streaming;

/// <summary>The two-sample Kolmogorov–Smirnov test for two samples of the same size n, as KSWIN needs it.</summary>
internal static class KolmogorovSmirnovEqualSizes
{
    /// <summary>
    /// p[h] = P(D ≥ h/n) under H0 for two samples of size n (two-sided, exact), by scipy 1.10's
    /// <c>_compute_prob_outside_square(n, h)</c> (the reflection-principle sum over lattice paths leaving the band
    /// |i − j| &lt; h), with p[0] = 1 and values clipped to [0, 1] as scipy does.
    /// </summary>
    public static double[] PValueTable(int n)
    {
        var table = new double[n + 1];
        table[0] = 1.0;
        for (var h = 1; h <= n; h++)
        {
            var p = 0.0;
            for (var k = n / h; k >= 0; k--)
            {
                var p1 = 1.0;
                for (var j = 0; j < h; j++)
                    p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
                p = p1 * (1.0 - p);
            }
            table[h] = Math.Clamp(2 * p, 0.0, 1.0);
        }
        return table;
    }

    /// <summary>max over x of |#{a ≤ x} − #{b ≤ x}| for two sorted samples of equal length (ties handled as scipy's
    /// <c>searchsorted(side="right")</c>); the KS statistic is this count divided by the length.</summary>
    public static int MaxCountDifference(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        int i = 0, j = 0, max = 0, n = sortedA.Length, m = sortedB.Length;
        while (i < n && j < m)
        {
            var v = Math.Min(sortedA[i], sortedB[j]);
            while (i < n && sortedA[i] == v) i++;
            while (j < m && sortedB[j] == v) j++;
            var d = Math.Abs(i - j);
            if (d > max) max = d;
        }
        return max;
    }
}
