namespace Vigil.Core.Drift;

/// <summary>
/// First Wasserstein (earth mover's) distance between the two empirical distributions (id <c>wasserstein</c>),
/// scipy 1.10 <c>wasserstein_distance</c>: W1 = ∫ |F_ref(x) − F_cur(x)| dx, in the data's units. No default
/// threshold (the scale is the data's). Cost O(n_ref + n_cur): one merge of the sorted inputs, no allocation.
/// Reference: Ramdas, García Trillos &amp; Cuturi (2017), "On Wasserstein two-sample testing", Entropy 19(2).
/// </summary>
public sealed class Wasserstein : INumericDriftMethod
{
    /// <inheritdoc/>
    public string Id => "wasserstein";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.Distance;
    /// <inheritdoc/>
    public double? DefaultThreshold => null;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Numeric;

    /// <inheritdoc/>
    public DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        if (referenceSorted.Length == 0 || currentSorted.Length == 0) return DriftStatistic.Undefined(ScoreKind, "empty sample");
        return new DriftStatistic(CdfDistance(referenceSorted, currentSorted, 1), null);
    }

    /// <summary>
    /// ∫ |F_a − F_b|^p dx over the merged sorted values (p = 1 returns the integral, p = 2 the integral of
    /// squares, not yet rooted).
    /// </summary>
    internal static double CdfDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int p)
    {
        int n1 = a.Length, n2 = b.Length, i = 0, j = 0;
        double sum = 0;
        while (i < n1 || j < n2)
        {
            var v = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
            while (i < n1 && a[i] == v) i++;
            while (j < n2 && b[j] == v) j++;
            if (i == n1 && j == n2) break;
            var next = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
            var diff = Math.Abs((double)i / n1 - (double)j / n2);
            sum += (p == 1 ? diff : diff * diff) * (next - v);
        }
        return sum;
    }
}
