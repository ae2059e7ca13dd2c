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
    /// squares, not yet rooted). One value per merge step with a branch-free selection; inside a tie group the
    /// interval length is exactly 0, so no grouping is needed.
    /// </summary>
    internal static double CdfDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int p)
    {
        int n1 = a.Length, n2 = b.Length, i = 0, j = 0;
        double inverse1 = 1.0 / n1, inverse2 = 1.0 / n2;
        double sum = 0;
        double previous;
        if (a[0] <= b[0]) { previous = a[0]; i = 1; } else { previous = b[0]; j = 1; }
        if (p == 1)
        {
            while (i < n1 && j < n2)
            {
                var x = a[i];
                var y = b[j];
                var takeA = x <= y;
                var v = takeA ? x : y;
                sum += Math.Abs(i * inverse1 - j * inverse2) * (v - previous);
                previous = v;
                var step = takeA ? 1 : 0;
                i += step;
                j += 1 - step;
            }
        }
        else
        {
            while (i < n1 && j < n2)
            {
                var x = a[i];
                var y = b[j];
                var takeA = x <= y;
                var v = takeA ? x : y;
                var d = i * inverse1 - j * inverse2;
                sum += d * d * (v - previous);
                previous = v;
                var step = takeA ? 1 : 0;
                i += step;
                j += 1 - step;
            }
        }
        // one side is exhausted (its CDF is 1 from here): the other side's remaining values
        for (; i < n1; i++)
        {
            var d = Math.Abs(i * inverse1 - 1);
            sum += (p == 1 ? d : d * d) * (a[i] - previous);
            previous = a[i];
        }
        for (; j < n2; j++)
        {
            var d = Math.Abs(1 - j * inverse2);
            sum += (p == 1 ? d : d * d) * (b[j] - previous);
            previous = b[j];
        }
        return sum;
    }
}
