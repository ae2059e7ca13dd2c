using Vigil.Core.Metrics;
using Xunit;

namespace Vigil.Core.Tests.Metrics;

public class MetricCatalogTests
{
    [Fact]
    public void BinaryIdsAreTheDocumentedOnesInOrder() =>
        Assert.Equal(["accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc", "cohen_kappa", "roc_auc", "average_precision", "log_loss", "brier"],
            MetricCatalog.Binary.Select(m => m.Name));

    [Fact]
    public void IdsAreUniquePerTaskAndFoundByLookup()
    {
        foreach (var m in MetricCatalog.Binary) Assert.Same(m, MetricCatalog.FindBinary(m.Name));
        foreach (var m in MetricCatalog.Multiclass) Assert.Same(m, MetricCatalog.FindMulticlass(m.Name));
        foreach (var m in MetricCatalog.Regression) Assert.Same(m, MetricCatalog.FindRegression(m.Name));
        var ranking = MetricCatalog.Ranking([3, 7]).Select(m => m.Name).ToArray();
        Assert.Equal(ranking.Length, ranking.Distinct().Count());
        foreach (var id in ranking) Assert.Equal(id, MetricCatalog.FindRanking(id)!.Name);
        Assert.Equal(17, MetricCatalog.Multiclass.Select(m => m.Name).Distinct().Count());
        Assert.Null(MetricCatalog.FindBinary("auc"));
        Assert.Null(MetricCatalog.FindRanking("ndcg@0"));
        Assert.Null(MetricCatalog.FindRanking("ndcg"));
    }
}
