using Vigil.Core.Drift.Multivariate;
using Xunit;

namespace Vigil.Core.Tests.Drift.Multivariate;

/// <summary>
/// Multivariate MMD behaviour (Gretton et al. 2012): the biased MMD² of a sample with itself is exactly 0 (its three
/// kernel means coincide), a shift in one of two columns is found, two draws of one distribution are not, and a seed
/// fixes the result regardless of the number of cores.
/// </summary>
public class MultivariateMaximumMeanDiscrepancyTests
{
    private static double[][] Normal(int n, int d, double shift, int seed)
    {
        var rng = new Random(seed);
        var cols = new double[d][];
        for (var j = 0; j < d; j++)
        {
            cols[j] = new double[n];
            for (var i = 0; i < n; i++)
                cols[j][i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()) + (j == 0 ? shift : 0);
        }
        return cols;
    }

    [Fact]
    public void ASampleAgainstItselfHasZeroStatisticAndNoDrift()
    {
        var a = Normal(300, 3, 0, 1);
        var r = MultivariateMaximumMeanDiscrepancy.Compute(["a", "b", "c"], a, a, seed: 3);
        Assert.Equal(0, r.Statistic, 6);
        Assert.False(r.Drift);
        Assert.Equal(1.0, r.PValue, 12); // every permutation is at least 0
    }

    [Fact]
    public void AShiftInOneColumnDriftsAndTwoDrawsOfOneDistributionDoNot()
    {
        var reference = Normal(400, 2, 0, 11);
        var shifted = MultivariateMaximumMeanDiscrepancy.Compute(["x", "y"], reference, Normal(400, 2, 0.5, 12), seed: 5);
        Assert.True(shifted.Drift);
        Assert.Equal(1.0 / 201, shifted.PValue, 12);
        var same = MultivariateMaximumMeanDiscrepancy.Compute(["x", "y"], reference, Normal(400, 2, 0, 13), seed: 5);
        Assert.False(same.Drift);
        Assert.True(same.Statistic < shifted.Statistic);
    }

    [Fact]
    public void TheSeedFixesTheResultWhateverTheParallelism()
    {
        var a = Normal(700, 2, 0, 21);
        var b = Normal(650, 2, 0.1, 22);
        var one = MultivariateMaximumMeanDiscrepancy.Compute(["x", "y"], a, b, seed: 9, maxRowsPerSide: 500, maxDegreeOfParallelism: 1);
        var two = MultivariateMaximumMeanDiscrepancy.Compute(["x", "y"], a, b, seed: 9, maxRowsPerSide: 500, maxDegreeOfParallelism: 2);
        Assert.Equal(one.Statistic, two.Statistic);
        Assert.Equal(one.PValue, two.PValue);
        Assert.Equal(500, one.ReferenceRows);
    }
}
