namespace Vigil.Core.Sketches;

/// <summary>
/// A histogram read from a <see cref="KllSketch"/>: bin i covers (Edges[i], Edges[i+1]] (the first bin also holds
/// Edges[0], the minimum) and holds an estimated Counts[i] values. Each bin's mass is the difference of two
/// sketch ranks, so every count is within <see cref="CountError"/> = ε_pmf·n of the true count with 99%
/// confidence (ε_pmf from <see cref="KllSketch.NormalizedRankError(bool)"/>; 0 for an exact sketch).
/// </summary>
/// <param name="Edges">Bin edges, ascending (bins + 1 values; tied quantile edges merged).</param>
/// <param name="Counts">Estimated count per bin.</param>
/// <param name="CountError">Bound of each count's error at 99% confidence.</param>
public sealed record SketchHistogram(IReadOnlyList<double> Edges, IReadOnlyList<double> Counts, double CountError)
{
    /// <summary>
    /// Equal-mass bins: edges at the sketch's quantiles i/B (i = 0…B, the outer ones being min and max), tied edges
    /// merged, so each bin holds about n/B values. Empty sketch: no bins. Cost O(B log k).
    /// </summary>
    public static SketchHistogram EqualMass(KllSketch sketch, int bins)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (sketch.Count == 0) return new SketchHistogram([], [], 0);
        var edges = new List<double> { sketch.Min };
        for (var i = 1; i <= bins; i++)
        {
            var e = i == bins ? sketch.Max : sketch.Quantile((double)i / bins);
            if (e > edges[^1]) edges.Add(e);
        }
        return FromEdges(sketch, edges);
    }

    /// <summary>
    /// Equal-width bins between the minimum and maximum; a constant column gives one bin. Empty sketch: no bins.
    /// Cost O(B log k).
    /// </summary>
    public static SketchHistogram EqualWidth(KllSketch sketch, int bins)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (sketch.Count == 0) return new SketchHistogram([], [], 0);
        double lo = sketch.Min, hi = sketch.Max;
        var edges = new List<double> { lo };
        if (hi > lo)
            for (var i = 1; i <= bins; i++) edges.Add(i == bins ? hi : lo + (hi - lo) * i / bins);
        else edges.Add(hi);
        return FromEdges(sketch, edges);
    }

    private static SketchHistogram FromEdges(KllSketch sketch, List<double> edges)
    {
        var counts = new double[edges.Count - 1];
        double previous = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var r = i == counts.Length - 1 ? 1.0 : sketch.Rank(edges[i + 1]);
            counts[i] = (r - previous) * sketch.Count;
            previous = r;
        }
        return new SketchHistogram(edges, counts, sketch.NormalizedRankError(pmf: true) * sketch.Count);
    }
}
