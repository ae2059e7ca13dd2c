namespace Vigil.Core.Drift;

/// <summary>
/// Benjamini–Hochberg false discovery rate adjustment (for <c>--fdr Q</c>), as statsmodels
/// <c>multipletests(method="fdr_bh")</c>: with p sorted ascending, adj_(i) = min_{j ≥ i} min(1, m·p_(j)/j), returned in
/// the input order; a column drifts when adj &lt; Q. NaN p-values are left NaN and not counted in m.
/// Reference: Benjamini &amp; Hochberg (1995), J. R. Stat. Soc. B 57(1). Cost O(m log m).
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>The adjusted p-values, in the order of <paramref name="pValues"/>.</summary>
    public static double[] Adjust(ReadOnlySpan<double> pValues)
    {
        var result = new double[pValues.Length];
        var order = new List<int>(pValues.Length);
        for (var i = 0; i < pValues.Length; i++)
        {
            var p = pValues[i];
            if (double.IsNaN(p)) { result[i] = double.NaN; continue; }
            if (p < 0 || p > 1) throw new ArgumentException($"p-value {p} at index {i} is outside [0, 1]", nameof(pValues));
            order.Add(i);
        }
        var values = pValues.ToArray();
        order.Sort((a, b) => values[a].CompareTo(values[b]));
        var m = order.Count;
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            running = Math.Min(running, Math.Min(1.0, values[index] * m / rank));
            result[index] = running;
        }
        return result;
    }
}
