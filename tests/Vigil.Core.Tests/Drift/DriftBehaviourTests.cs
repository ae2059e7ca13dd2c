using Vigil.Core.Drift;
using Xunit;

namespace Vigil.Core.Tests.Drift;

public class DriftBehaviourTests
{
    private static double[] Normal(int n, double shift, int seed)
    {
        var r = new Random(seed);
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = shift + Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
        Array.Sort(x);
        return x;
    }

    [Fact]
    public void CatalogHoldsEveryContractId()
    {
        string[] ids = ["ks", "chisquare", "z", "psi", "jensenshannon", "kl_div", "wasserstein", "wasserstein_norm", "hellinger", "energy_distance", "anderson", "cramer_von_mises", "mann_whitney", "epps_singleton", "t_test", "g_test", "fisher_exact", "tvd", "l_infinity", "mmd"];
        Assert.Equal(ids.OrderBy(x => x), DriftMethodCatalog.Default.Ids.OrderBy(x => x));
        Assert.Null(DriftMethodCatalog.Default.Get("wasserstein").DefaultThreshold);
        Assert.Equal(0.1, DriftMethodCatalog.Default.Get("psi").DefaultThreshold);
        var e = Assert.Throws<ArgumentException>(() => DriftMethodCatalog.Default.Get("nope"));
        Assert.Contains("ks", e.Message);
        Assert.Throws<ArgumentException>(() => DriftMethodCatalog.Default.GetCategorical("ks"));
    }

    [Fact]
    public void DecisionDirectionIsPValueBelowOrDistanceAtLeast()
    {
        Assert.True(DriftDecision.IsDrift(DriftScoreKind.PValue, 3, 0.01, 0.05));
        Assert.False(DriftDecision.IsDrift(DriftScoreKind.PValue, 3, 0.05, 0.05));
        Assert.True(DriftDecision.IsDrift(DriftScoreKind.Distance, 0.1, null, 0.1));
        Assert.False(DriftDecision.IsDrift(DriftScoreKind.Distance, 0.09, null, 0.1));
        Assert.False(DriftDecision.IsDrift(DriftScoreKind.Distance, double.NaN, null, 0.1));
    }

    [Fact]
    public void MethodsWithoutDefaultThresholdNeedOne()
    {
        var x = Normal(50, 0, 1);
        foreach (var id in new[] { "wasserstein", "energy_distance" })
        {
            var m = DriftMethodCatalog.Default.GetNumeric(id);
            var e = Assert.Throws<ArgumentException>(() => DriftDecision.Decide(m, m.Compute(x, x), null, 50, 50));
            Assert.Contains(id, e.Message);
            Assert.False(DriftDecision.Decide(m, m.Compute(x, x), 0.5, 50, 50).Drift);
        }
    }

    [Fact]
    public void MmdDetectsMeanShiftAndNotIdenticalSamples()
    {
        var mmd = new MaximumMeanDiscrepancy(permutations: 100, seed: 7);
        var a = Normal(400, 0, 1); var b = Normal(400, 0.8, 2); var c = Normal(400, 0, 3);
        var shifted = mmd.Compute(a, b);
        Assert.True(shifted.PValue < 0.05, $"p = {shifted.PValue}");
        var same = mmd.Compute(a, a);
        Assert.True(same.PValue > 0.5, $"p = {same.PValue}");
        var sameDistribution = mmd.Compute(a, c);
        Assert.InRange(sameDistribution.PValue!.Value, 0, 1);
        Assert.Equal(shifted.PValue, mmd.Compute(a, b).PValue); // seeded
    }

    [Theory]
    [InlineData(DriftColumnKind.Numeric, 5832, 812, "wasserstein_norm", "numeric, 5832 reference rows > 1000, 812 distinct values → wasserstein_norm")]
    [InlineData(DriftColumnKind.Numeric, 1000, 812, "ks", "numeric, 1000 reference rows <= 1000, 812 distinct values → ks")]
    [InlineData(DriftColumnKind.Categorical, 400, 2, "z", "categorical, 400 reference rows <= 1000, 2 categories → z")]
    [InlineData(DriftColumnKind.Categorical, 400, 5, "chisquare", "categorical, 400 reference rows <= 1000, 5 categories → chisquare")]
    [InlineData(DriftColumnKind.Categorical, 4000, 2, "jensenshannon", "categorical, 4000 reference rows > 1000, 2 categories → jensenshannon")]
    public void PolicyChoosesAndExplains(DriftColumnKind kind, long rows, long distinct, string method, string reason)
    {
        var c = DriftMethodPolicy.Choose(kind, rows, distinct);
        Assert.Equal(method, c.Method);
        Assert.Equal(reason, c.Reason);
        Assert.NotNull(DriftMethodCatalog.Default.Get(c.Method));
    }

    [Fact]
    public void BinningMergesTiedEdgesAndParsesRules()
    {
        double[] reference = [1, 1, 1, 1, 1, 1, 1, 2, 3, 4];
        double[] current = [0, 1, 5, 6];
        Span<double> r = stackalloc double[10], c = stackalloc double[10];
        var used = DriftBinning.Default.Shares(reference, current, r, c);
        Assert.True(used < 10);
        Assert.Equal(0.7, r[0], 12); // (−∞, 1] holds the seven 1s
        Assert.Equal(0.5, c[0], 12);
        Assert.Equal(BinCountRule.Sturges, DriftBinning.Parse("sturges").Rule);
        Assert.Equal(5, DriftBinning.Parse("5").BinCount);
        Assert.Throws<ArgumentException>(() => DriftBinning.Parse("many"));
        Assert.Equal(11, new DriftBinning(BinCountRule.Sturges).RequestedBins(new double[1024]));
        var psi = new PopulationStabilityIndex().Compute(reference, current);
        Assert.Contains("right-closed", psi.Binning);
        Assert.Contains("0.0001", psi.EmptyBinRule);
    }

    [Fact]
    public void UnsortedInputIsNotSilentlyAccepted()
    {
        // caller bugs surface through validation helpers used by the CLI
        Assert.Throws<ArgumentException>(() => SortedSamples.Validate([2.0, 1.0], "referenceSorted"));
        Assert.Throws<ArgumentException>(() => SortedSamples.Validate([double.NaN], "currentSorted"));
    }

    [Fact]
    public void LargeShiftUnderflowsKsPValueLikeScipy()
    {
        var r = new KolmogorovSmirnov().Compute(Normal(50000, 0, 11), Normal(50000, 1, 12));
        Assert.Equal(0.0, r.PValue);
        Assert.Equal("asymptotic", r.PValueMethod);
    }
}
