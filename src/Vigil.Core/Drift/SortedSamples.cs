namespace Vigil.Core.Drift;

/// <summary>Helpers over NaN-free ascending-sorted samples shared by the numeric drift methods (all O(n), no allocation).</summary>
internal static class SortedSamples
{
    /// <summary>Throws when a span is not ascending or holds NaN (checked in O(n); cheap next to any test).</summary>
    public static void Validate(ReadOnlySpan<double> sorted, string name)
    {
        for (var i = 0; i < sorted.Length; i++)
        {
            if (double.IsNaN(sorted[i]))
                throw new ArgumentException($"{name} must not contain NaN (remove missing values first)", name);
            if (i > 0 && sorted[i] < sorted[i - 1])
                throw new ArgumentException($"{name} must be sorted ascending (index {i})", name);
        }
    }

    /// <summary>Quantile with numpy's default linear interpolation (Hyndman–Fan R7): h = (n−1)p.</summary>
    public static double QuantileR7(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The k-th smallest (0-based) value of the union of two sorted samples, by binary search (O(log n)).</summary>
    public static double KthOfUnion(ReadOnlySpan<double> a, ReadOnlySpan<double> b, long k)
    {
        // i = how many of the k smallest pooled values come from a: the smallest i with a[i] ≥ b[k−i−1]
        long lo = Math.Max(0, k - b.Length), hi = Math.Min(a.Length, k);
        while (lo < hi)
        {
            var i = (lo + hi) / 2;
            var j = k - i - 1;
            if (j >= 0 && a[(int)i] < b[(int)j]) lo = i + 1; else hi = i;
        }
        var ii = (int)lo; var jj = (int)(k - lo);
        var x = ii < a.Length ? a[ii] : double.PositiveInfinity;
        var y = jj < b.Length ? b[jj] : double.PositiveInfinity;
        return Math.Min(x, y);
    }

    /// <summary>R7 quantile of the pooled sample without materialising it.</summary>
    public static double PooledQuantileR7(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double p)
    {
        long n = a.Length + b.Length;
        var h = (n - 1) * p;
        var lo = (long)Math.Floor(h);
        var hi = Math.Min(lo + 1, n - 1);
        var x = KthOfUnion(a, b, lo);
        var y = KthOfUnion(a, b, hi);
        return x + (h - lo) * (y - x);
    }

    /// <summary>Population mean and variance (ddof 0) by a two-pass algorithm.</summary>
    public static (double Mean, double Variance) MeanVariance(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (var i = 0; i < x.Length; i++) s += x[i];
        var m = s / x.Length;
        double ss = 0, c = 0;
        for (var i = 0; i < x.Length; i++) { var d = x[i] - m; ss += d * d; c += d; }
        return (m, (ss - c * c / x.Length) / x.Length);
    }
}
