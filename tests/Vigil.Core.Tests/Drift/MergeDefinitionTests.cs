using Vigil.Core.Drift;
using Xunit;

namespace Vigil.Core.Tests.Drift;

/// <summary>
/// The O(n) merges of ks and wasserstein/energy_distance against their definitions evaluated by brute force: the
/// empirical CDFs F(x) = #{values ≤ x}/n counted at every distinct pooled value (Kolmogorov–Smirnov: sup |F − G|;
/// Wasserstein-p: Σ |F − G|^p · gap between consecutive distinct pooled values). Heavy ties, negative values, −0.0
/// and unequal sizes are generated on purpose.
/// </summary>
public class MergeDefinitionTests
{
    private static double Cdf(double[] sorted, double x)
    {
        var c = 0;
        foreach (var v in sorted) if (v <= x) c++;
        return (double)c / sorted.Length;
    }

    private static (double Ks, double W1, double W2) Definition(double[] a, double[] b)
    {
        var pooled = a.Concat(b).Distinct().OrderBy(v => v).ToArray();
        double ks = 0, w1 = 0, w2 = 0;
        for (var k = 0; k < pooled.Length; k++)
        {
            var d = Math.Abs(Cdf(a, pooled[k]) - Cdf(b, pooled[k]));
            ks = Math.Max(ks, d);
            if (k + 1 < pooled.Length) { w1 += d * (pooled[k + 1] - pooled[k]); w2 += d * d * (pooled[k + 1] - pooled[k]); }
        }
        return (ks, w1, w2);
    }

    private static double[] Sample(Random random, int n, int levels, double shift)
    {
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            var level = random.Next(levels) - levels / 2;
            x[i] = level == 0 && random.Next(2) == 0 ? -0.0 : level * 0.75 + shift;
        }
        Array.Sort(x);
        return x;
    }

    [FsCheck.Xunit.Property(MaxTest = 150)]
    public bool MergesEqualTheDefinition(int seed, byte sizes, byte levelCount)
    {
        var random = new Random(seed);
        int n1 = 1 + sizes % 40, n2 = 1 + (sizes / 7) % 55, levels = 1 + levelCount % 30;
        var shift = random.Next(3) == 0 ? 0 : random.NextDouble() - 0.5;
        var a = Sample(random, n1, levels, 0);
        var b = Sample(random, n2, levels, shift);
        var (ks, w1, w2) = Definition(a, b);
        var tolerance = 1e-12 * Math.Max(1, w1);
        return Math.Abs(KolmogorovSmirnov.Statistic(a, b) - ks) <= 1e-12
            && Math.Abs(KolmogorovSmirnov.Statistic(b, a) - ks) <= 1e-12
            && Math.Abs(Wasserstein.CdfDistance(a, b, 1) - w1) <= tolerance
            && Math.Abs(Wasserstein.CdfDistance(b, a, 1) - w1) <= tolerance
            && Math.Abs(Wasserstein.CdfDistance(a, b, 2) - w2) <= 1e-12 * Math.Max(1, w2);
    }

    [Fact]
    public void TieGroupAtTheEndOfTheMergeIsCompletedBeforeTheStatisticIsTaken()
    {
        // the reference runs out inside the tie group at 1: F_ref(1) = 1, F_cur(1) = 3/4, D = 1/2 at x = 0
        double[] reference = [0, 0, 1, 1];
        double[] current = [1, 1, 1, 2];
        Assert.Equal(Definition(reference, current).Ks, KolmogorovSmirnov.Statistic(reference, current), 15);
        Assert.Equal(0.5, KolmogorovSmirnov.Statistic(reference, current), 15);
    }
}
