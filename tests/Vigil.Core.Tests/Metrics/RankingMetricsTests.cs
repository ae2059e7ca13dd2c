using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Ranking;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Metrics;

public class RankingMetricsTests
{
    [Fact]
    public void ConsistentWithScikitLearnNdcgAndNumpyDefinitions()
    {
        using var doc = MetricFixtures.Load("ranking.json");
        var root = doc.RootElement;
        var ks = root.GetProperty("ks").Ints();
        MetricFixtures.AssertMatches(MetricCatalog.Ranking(ks), MetricFixtures.Ranking(root), root.GetProperty("unweighted"), null, "ranking");
    }

    [Fact]
    public void WeightedByQueryConsistentWithNumpyAverage()
    {
        using var doc = MetricFixtures.Load("ranking.json");
        var root = doc.RootElement;
        var ks = root.GetProperty("ks").Ints();
        MetricFixtures.AssertMatches(MetricCatalog.Ranking(ks), MetricFixtures.Ranking(root), root.GetProperty("weighted"), root.GetProperty("weights").Doubles(), "ranking weighted");
    }

    [Fact]
    public void NdcgAveragesTiesAsScikitLearnDocstringExample()
    {
        // scikit-learn ndcg_score docstring: true [[10, 0, 0, 1, 5]], scores [[1, 0, 0, 0, 1]], k=1 → 0.75 with ties averaged
        var sample = new RankingSample([0, 5], [10, 0, 0, 1, 5], [1, 0, 0, 0, 1]);
        Approx.Equal(0.75, new NdcgAtK(1).Compute(sample, default).Value);
    }

    [Fact]
    public void QueryWithoutRelevantItemsScoresZero()
    {
        var sample = new RankingSample([0, 2], [0, 0], [0.3, 0.1]);
        Assert.Equal(0.0, new NdcgAtK(5).Compute(sample, default).Value);
        Assert.Equal(0.0, new MeanAveragePrecisionAtK(5).Compute(sample, default).Value);
        Assert.Equal(0.0, new RecallAtK(5).Compute(sample, default).Value);
    }
}
