using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Regression;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Metrics;

public class RegressionMetricsTests
{
    [Fact]
    public void ConsistentWithScikitLearn()
    {
        using var doc = MetricFixtures.Load("regression.json");
        var root = doc.RootElement;
        MetricFixtures.AssertMatches(MetricCatalog.Regression, MetricFixtures.Regression(root), root.GetProperty("unweighted"), null, "regression");
    }

    [Fact]
    public void WeightedConsistentWithScikitLearnSampleWeightAndNumpyOnRepeatedRows()
    {
        using var doc = MetricFixtures.Load("regression.json");
        var root = doc.RootElement;
        MetricFixtures.AssertMatches(MetricCatalog.Regression, MetricFixtures.Regression(root), root.GetProperty("weighted"), root.GetProperty("weights").Doubles(), "regression weighted");
    }

    [Fact]
    public void EdgeCasesFollowScikitLearnForceFinite()
    {
        using var doc = MetricFixtures.Load("regression.json");
        var e = doc.RootElement.GetProperty("edge_cases");
        Assert.Equal(e.GetProperty("r2_constant_perfect").GetDouble(), new RSquared().Compute(new RegressionSample([2, 2, 2], [2, 2, 2]), default).Value);
        Assert.Equal(e.GetProperty("r2_constant_imperfect").GetDouble(), new RSquared().Compute(new RegressionSample([2, 2, 2], [2, 2.5, 2]), default).Value);
        Assert.Equal(e.GetProperty("explained_variance_constant_imperfect").GetDouble(), new ExplainedVariance().Compute(new RegressionSample([2, 2, 2], [2, 2.5, 2]), default).Value);
        Approx.Equal(e.GetProperty("median_ae_even").GetDouble(), new MedianAbsoluteError().Compute(new RegressionSample([1, 2, 3, 4], [1.5, 2, 5, 0]), default).Value);
        Assert.False(new RSquared().Compute(new RegressionSample([1], [2]), default).IsDefined);
    }

    [Fact]
    public void MeanErrorIsPredictionMinusActual() =>
        Assert.Equal(1.0, new MeanError().Compute(new RegressionSample([1, 2], [2, 3]), default).Value);
}
