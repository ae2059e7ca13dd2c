using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Multiclass;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Metrics;

public class MulticlassMetricsTests
{
    [Theory]
    [InlineData("multiclass_3.json")]
    [InlineData("multiclass_4.json")]
    public void ConsistentWithScikitLearn(string file)
    {
        using var doc = MetricFixtures.Load(file);
        var root = doc.RootElement;
        MetricFixtures.AssertMatches(MetricCatalog.Multiclass, MetricFixtures.Multiclass(root), root.GetProperty("unweighted"), null, file);
    }

    [Theory]
    [InlineData("multiclass_3.json")]
    [InlineData("multiclass_4.json")]
    public void WeightedConsistentWithScikitLearnSampleWeight(string file)
    {
        using var doc = MetricFixtures.Load(file);
        var root = doc.RootElement;
        MetricFixtures.AssertMatches(MetricCatalog.Multiclass, MetricFixtures.Multiclass(root), root.GetProperty("weighted"), root.GetProperty("weights").Doubles(), file);
    }

    [Theory]
    [InlineData("multiclass_3.json")]
    [InlineData("multiclass_4.json")]
    public void PerClassReportAndConfusionMatrixConsistentWithScikitLearn(string file)
    {
        using var doc = MetricFixtures.Load(file);
        var root = doc.RootElement;
        var sample = MetricFixtures.Multiclass(root);
        var reports = PerClassReport.Compute(sample);
        var e = root.GetProperty("per_class");
        var precision = e.GetProperty("precision").Doubles();
        var recall = e.GetProperty("recall").Doubles();
        var f1 = e.GetProperty("f1").Doubles();
        var support = e.GetProperty("support").Doubles();
        for (var c = 0; c < reports.Length; c++)
        {
            Approx.Equal(precision[c], reports[c].Precision.Value, what: "precision");
            Approx.Equal(recall[c], reports[c].Recall.Value, what: "recall");
            Approx.Equal(f1[c], reports[c].F1.Value, what: "f1");
            Assert.Equal(support[c], reports[c].Support);
        }
        var matrix = ConfusionMatrix.FromMulticlass(sample, default).ToRows();
        var k = 0;
        foreach (var row in root.GetProperty("confusion_matrix").EnumerateArray())
        {
            Assert.Equal(row.Doubles(), matrix[k]);
            k++;
        }
    }

    [Fact]
    public void NeverPredictedClassIsUndefinedInPerClassReport()
    {
        var sample = new MulticlassSample(["a", "b", "c"], [0, 1, 2, 2], null, [0, 1, 1, 1]);
        var reports = PerClassReport.Compute(sample);
        Assert.Equal("class never predicted", reports[2].Precision.Reason);
        Assert.Equal(0.0, reports[2].Recall.Value);
        // macro precision counts the ill-defined class as 0, as scikit-learn: (1 + 1/3 + 0) / 3
        Approx.Equal((1 + 1.0 / 3) / 3, new MulticlassPrecision(ClassAveraging.Macro).Compute(sample, default).Value);
    }

    [Fact]
    public void MacroOneVsRestAucIsUndefinedWhenAClassIsAbsent()
    {
        var sample = new MulticlassSample(["a", "b", "c"], [0, 1, 0, 1], [0.6, 0.3, 0.1, 0.2, 0.7, 0.1, 0.5, 0.4, 0.1, 0.3, 0.3, 0.4]);
        Assert.False(new OneVsRestRocAuc(ClassAveraging.Macro).Compute(sample, default).IsDefined);
        // class a: AUC 1; class b: positives {0.7, 0.3} vs negatives {0.3, 0.4} → (2 + ½) / 4 = 0.625; support 2 each
        Approx.Equal(0.8125, new OneVsRestRocAuc(ClassAveraging.Weighted).Compute(sample, default).Value);
    }
}
