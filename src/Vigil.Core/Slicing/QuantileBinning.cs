using System.Globalization;

namespace Vigil.Core.Slicing;

/// <summary>
/// Quantile bins of a numeric column, as pandas <c>qcut(x, q, duplicates="drop")</c>: the edges are numpy's default
/// (linear, R7) quantiles at 0, 1/q, …, 1 of the non-missing values; tied edges are merged, so there may be fewer than
/// q bins. Bin 0 is closed <c>[e₀, e₁]</c>, bin k &gt; 0 is <c>(e_k, e_{k+1}]</c>. NaN values belong to no bin
/// (<see cref="Assign"/> returns −1). Cost: one sort, O(n log n); assignment O(log q) per value.
/// </summary>
public sealed class QuantileBinning
{
    private QuantileBinning(double[] edges) => Edges = edges;

    /// <summary>The distinct, increasing bin edges; there are <c>Edges.Length − 1</c> bins (none when every value is missing).</summary>
    public double[] Edges { get; }

    /// <summary>Number of bins.</summary>
    public int BinCount => Math.Max(0, Edges.Length - 1);

    /// <summary>Builds the bins from <paramref name="values"/> (NaN = missing, ignored). A constant column gives one bin [v, v].</summary>
    public static QuantileBinning Compute(ReadOnlySpan<double> values, int bins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "need at least one bin");
        var sorted = new double[values.Length];
        var n = 0;
        foreach (var v in values)
            if (!double.IsNaN(v)) sorted[n++] = v;
        if (n == 0) return new QuantileBinning([]);
        Array.Sort(sorted, 0, n);
        var s = sorted.AsSpan(0, n);
        var edges = new List<double>(bins + 1);
        var step = 1.0 / bins; // numpy.linspace(0, 1, q + 1) = k·step, last point exactly 1
        for (var k = 0; k <= bins; k++)
        {
            var e = k == bins ? s[n - 1] : Quantile(s, k * step);
            if (edges.Count == 0 || e > edges[^1]) edges.Add(e);
        }
        if (edges.Count == 1) edges.Add(edges[0]); // constant column: one closed bin [v, v]
        return new QuantileBinning([.. edges]);
    }

    /// <summary>The bin of <paramref name="value"/>, or −1 for NaN or a value outside [e₀, e_last].</summary>
    public int Assign(double value)
    {
        if (double.IsNaN(value) || Edges.Length < 2 || value < Edges[0] || value > Edges[^1]) return -1;
        // first edge index i ≥ 1 with value ≤ Edges[i]; the bin is i − 1
        int lo = 1, hi = Edges.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (value <= Edges[mid]) hi = mid; else lo = mid + 1;
        }
        return lo - 1;
    }

    /// <summary>The bin's label as pandas prints the interval: <c>[18, 29]</c> for bin 0, <c>(29, 37]</c> after.</summary>
    public string Label(int bin)
    {
        if (bin < 0 || bin >= BinCount) throw new ArgumentOutOfRangeException(nameof(bin));
        return (bin == 0 ? "[" : "(") + Format(Edges[bin]) + ", " + Format(Edges[bin + 1]) + "]";
    }

    /// <summary>
    /// Formats an edge for people: at most 7 significant digits, invariant (<c>29</c>, <c>37.5</c>,
    /// <c>-0.8427946</c>), so quantile edges like −0.8427946000000001 read cleanly; the bins themselves use the exact edges.
    /// </summary>
    public static string Format(double value) => value.ToString("G7", CultureInfo.InvariantCulture);

    private static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        // numpy's "linear" method: virtual index n·p − p, then its _lerp, which interpolates from the nearer end
        var h = sorted.Length * p - p;
        var lo = Math.Clamp((int)Math.Floor(h), 0, sorted.Length - 1);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var t = h - lo;
        double a = sorted[lo], b = sorted[hi], d = b - a;
        return t >= 0.5 ? b - d * (1 - t) : a + d * t;
    }
}
