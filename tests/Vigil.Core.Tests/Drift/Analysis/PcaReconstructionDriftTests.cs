using Vigil.Core.Data;
using Vigil.Core.Drift.Analysis;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Drift.Analysis;

/// <summary>PCA reconstruction error against scikit-learn's StandardScaler + PCA(n_components=0.65) (tests/fixtures/gen_drift_analysis.py).</summary>
public class PcaReconstructionDriftTests
{
    [Fact]
    public void CaliforniaHousingMatchesScikitLearn()
    {
        using var doc = Fixture.Load("drift_analysis/pca.json");
        var e = doc.RootElement;
        var cols = e.GetProperty("columns").Strings();
        var r = TestFrames.ReadPlainCsv(Paths.Data("nannyml_california_housing", "california_housing_reference.csv"));
        var c = TestFrames.ReadPlainCsv(Paths.Data("nannyml_california_housing", "california_housing_analysis.csv"));
        var result = PcaReconstructionDrift.Compute(cols, [.. cols.Select(n => ((NumericColumn)r[n]).Values)], [.. cols.Select(n => ((NumericColumn)c[n]).Values)]);
        Approx.Equal(e.GetProperty("reference_mean").GetDouble(), result.ReferenceValue, 1e-9);
        Approx.Equal(e.GetProperty("current_mean").GetDouble(), result.Statistic, 1e-9);
        var half = 3 * e.GetProperty("reference_sd").GetDouble() / Math.Sqrt(e.GetProperty("current_rows").GetInt32());
        Approx.Equal(e.GetProperty("reference_mean").GetDouble() + half, result.Upper, 1e-9);
        Assert.Contains($"{e.GetProperty("components").GetInt32()} components", result.Details);
        Assert.True(result.Drift); // 1.38 is far above 1.07 + 0.03
    }

    [Fact]
    public void TheReferenceAgainstItselfDoesNotDriftAndTooFewColumnsAreUndefined()
    {
        var rng = new Random(7);
        var a = Enumerable.Range(0, 500).Select(_ => rng.NextDouble()).ToArray();
        var b = a.Select(x => x * 2 + rng.NextDouble()).ToArray();
        var same = PcaReconstructionDrift.Compute(["a", "b"], [a, b], [a, b]);
        Assert.False(same.Drift);
        Assert.Equal(same.ReferenceValue, same.Statistic, 12);
        var one = PcaReconstructionDrift.Compute(["a"], [a], [a]);
        Assert.NotNull(one.Reason);
        Assert.False(one.Drift);
    }
}
