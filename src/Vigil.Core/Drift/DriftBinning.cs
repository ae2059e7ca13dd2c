using System.Globalization;

namespace Vigil.Core.Drift;

/// <summary>How many reference-quantile bins a binned drift method uses.</summary>
public enum BinCountRule
{
    /// <summary>A fixed number of bins.</summary>
    Fixed,
    /// <summary>Sturges: ⌈log₂ n_ref + 1⌉ bins.</summary>
    Sturges,
    /// <summary>Doane: ⌈1 + log₂ n_ref + log₂(1 + |g₁|/σ_g₁)⌉ bins, g₁ the reference skewness, σ_g₁ = √(6(n−2)/((n+1)(n+3))).</summary>
    Doane,
}

/// <summary>
/// The binning shared by <c>psi</c>, <c>jensenshannon</c>, <c>kl_div</c>, <c>hellinger</c>, <c>tvd</c> and
/// <c>l_infinity</c> on numeric data. Edge rule (stated in the JSON by <see cref="Describe"/>): B bins from the
/// reference's quantiles at i/B, i = 1…B−1, with numpy's default linear interpolation (Hyndman–Fan R7); the outer
/// edges are open (−∞, +∞) so current values outside the reference range land in the first/last bin; bins are
/// right-closed, (e_{i−1}, e_i]; equal edges (ties in the reference) are merged, so a heavily tied column gets fewer
/// bins. Each sample's share of a bin is its count ≤ e_i minus its count ≤ e_{i−1}, found by binary search on the
/// sorted inputs: O(B log n), no allocation beyond the B-sized share buffers. The number of bins B is fixed (default
/// 10) or chosen by Sturges' or Doane's rule from the reference sample.
/// </summary>
public sealed class DriftBinning
{
    /// <summary>The empty-bin rule of <c>psi</c> and <c>kl_div</c>, as stated in the JSON.</summary>
    public const string EmptyBinFloorRule = "empty bin share replaced by 0.0001 (reference and current) before the logarithm";

    /// <summary>The floor used for empty bins by <c>psi</c> and <c>kl_div</c>.</summary>
    public const double EmptyBinShare = 1e-4;

    /// <summary>The default: 10 reference-quantile bins.</summary>
    public static DriftBinning Default { get; } = new(BinCountRule.Fixed, 10);

    /// <summary>Creates a binning.</summary>
    /// <param name="rule">How the number of bins is chosen.</param>
    /// <param name="binCount">The number of bins for <see cref="BinCountRule.Fixed"/> (2…10,000); ignored otherwise.</param>
    public DriftBinning(BinCountRule rule, int binCount = 10)
    {
        if (rule == BinCountRule.Fixed && (binCount < 2 || binCount > 10000))
            throw new ArgumentOutOfRangeException(nameof(binCount), binCount, "bins must be between 2 and 10000");
        Rule = rule;
        BinCount = binCount;
    }

    /// <summary>The rule choosing the number of bins.</summary>
    public BinCountRule Rule { get; }

    /// <summary>The fixed number of bins (meaningful for <see cref="BinCountRule.Fixed"/>).</summary>
    public int BinCount { get; }

    /// <summary>Parses the <c>--bins</c> value: a number, <c>sturges</c> or <c>doane</c>.</summary>
    public static DriftBinning Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Equals("sturges", StringComparison.OrdinalIgnoreCase)) return new DriftBinning(BinCountRule.Sturges);
        if (t.Equals("doane", StringComparison.OrdinalIgnoreCase)) return new DriftBinning(BinCountRule.Doane);
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 2 && n <= 10000)
            return new DriftBinning(BinCountRule.Fixed, n);
        throw new ArgumentException($"--bins must be an integer 2..10000, 'sturges' or 'doane'; got '{text}'", nameof(text));
    }

    /// <summary>The number of bins requested for a reference sample (before merging tied edges).</summary>
    public int RequestedBins(ReadOnlySpan<double> referenceSorted)
    {
        var n = Math.Max(referenceSorted.Length, 1);
        switch (Rule)
        {
            case BinCountRule.Fixed: return BinCount;
            case BinCountRule.Sturges: return Math.Clamp((int)Math.Ceiling(Math.Log2(n) + 1), 2, 10000);
            default:
                if (n < 3) return 2;
                var (mean, variance) = SortedSamples.MeanVariance(referenceSorted);
                double m3 = 0;
                for (var i = 0; i < referenceSorted.Length; i++) { var d = referenceSorted[i] - mean; m3 += d * d * d; }
                m3 /= n;
                var g1 = variance > 0 ? m3 / Math.Pow(variance, 1.5) : 0;
                var sg = Math.Sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3.0)));
                return Math.Clamp((int)Math.Ceiling(1 + Math.Log2(n) + Math.Log2(1 + Math.Abs(g1) / sg)), 2, 10000);
        }
    }

    /// <summary>A description of the binning for the JSON (e.g. <c>"10 reference-quantile bins (R7), right-closed, open outer edges"</c>).</summary>
    public string Describe(int binsUsed)
    {
        var rule = Rule switch
        {
            BinCountRule.Fixed => $"{BinCount}",
            BinCountRule.Sturges => "sturges",
            _ => "doane",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"bins={rule}: {binsUsed} reference-quantile bins (numpy linear/R7 quantiles at i/B), right-closed (a, b], open outer edges, tied edges merged");
    }

    /// <summary>
    /// Fills the reference and current bin shares (each sums to 1) and returns the number of bins used (≤ the
    /// requested count after tied edges merge). The share buffers must hold at least <see cref="RequestedBins"/> values.
    /// </summary>
    public int Shares(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted, Span<double> referenceShares, Span<double> currentShares)
    {
        if (referenceSorted.IsEmpty || currentSorted.IsEmpty) throw new ArgumentException("binning needs non-empty samples", nameof(referenceSorted));
        var bins = RequestedBins(referenceSorted);
        if (referenceShares.Length < bins || currentShares.Length < bins)
            throw new ArgumentException($"share buffers must hold {bins} values", nameof(referenceShares));
        int used = 0, prevRef = 0, prevCur = 0;
        var lastEdge = double.NegativeInfinity;
        for (var i = 1; i <= bins; i++)
        {
            var edge = i == bins ? double.PositiveInfinity : SortedSamples.QuantileR7(referenceSorted, (double)i / bins);
            if (edge <= lastEdge) continue;
            lastEdge = edge;
            var r = i == bins ? referenceSorted.Length : UpperBound(referenceSorted, edge);
            var c = i == bins ? currentSorted.Length : UpperBound(currentSorted, edge);
            referenceShares[used] = (double)(r - prevRef) / referenceSorted.Length;
            currentShares[used] = (double)(c - prevCur) / currentSorted.Length;
            prevRef = r; prevCur = c;
            used++;
        }
        return used;
    }

    /// <summary>The number of values ≤ x in a sorted span.</summary>
    internal static int UpperBound(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
