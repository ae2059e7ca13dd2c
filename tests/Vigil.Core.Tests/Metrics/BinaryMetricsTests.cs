using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Binary;
using Vigil.Core.Metrics.Curves;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Metrics;

public class BinaryMetricsTests
{
    [Theory]
    [InlineData("binary_probabilities.json")]
    [InlineData("binary_logits.json")]
    public void ConsistentWithScikitLearn(string file)
    {
        using var doc = MetricFixtures.Load(file);
        var root = doc.RootElement;
        var sample = MetricFixtures.Binary(root);
        Assert.Equal(12, MetricCatalog.Binary.Count);
        MetricFixtures.AssertMatches(MetricCatalog.Binary, sample, root.GetProperty("unweighted"), null, file);
    }

    [Theory]
    [InlineData("binary_probabilities.json")]
    [InlineData("binary_logits.json")]
    public void WeightedConsistentWithScikitLearnSampleWeight(string file)
    {
        using var doc = MetricFixtures.Load(file);
        var root = doc.RootElement;
        MetricFixtures.AssertMatches(MetricCatalog.Binary, MetricFixtures.Binary(root), root.GetProperty("weighted"), root.GetProperty("weights").Doubles(), file);
    }

    [Fact]
    public void LogitScoresMakeProbabilityMetricsUndefinedWithReason()
    {
        using var doc = MetricFixtures.Load("binary_logits.json");
        var sample = MetricFixtures.Binary(doc.RootElement);
        Assert.Equal("scores outside [0,1]", new LogLoss().Compute(sample, default).Reason);
        Assert.Equal("scores outside [0,1]", new Brier().Compute(sample, default).Reason);
        Assert.True(new RocAuc().Compute(sample, default).IsDefined);
    }

    [Fact]
    public void RocCurveConsistentWithScikitLearnRocCurveWithoutDroppingIntermediatePoints()
    {
        using var doc = MetricFixtures.Load("binary_probabilities.json");
        var root = doc.RootElement;
        var sample = MetricFixtures.Binary(root);
        AssertCurve(root.GetProperty("roc"), RocCurve.Compute(sample)!);
        AssertCurve(root.GetProperty("roc_weighted"), RocCurve.Compute(sample, root.GetProperty("weights").Doubles())!);
    }

    private static void AssertCurve(System.Text.Json.JsonElement e, RocCurve curve)
    {
        AssertArray(e.GetProperty("fpr").Doubles(), curve.FalsePositiveRate, "fpr");
        AssertArray(e.GetProperty("tpr").Doubles(), curve.TruePositiveRate, "tpr");
        AssertArray(e.GetProperty("thresholds").Doubles(), curve.Thresholds, "thresholds");
    }

    [Fact]
    public void PrecisionRecallCurveConsistentWithScikitLearn()
    {
        using var doc = MetricFixtures.Load("binary_probabilities.json");
        var root = doc.RootElement;
        var curve = PrecisionRecallCurve.Compute(MetricFixtures.Binary(root))!;
        var e = root.GetProperty("pr");
        AssertArray(e.GetProperty("precision").Doubles(), curve.Precision, "precision");
        AssertArray(e.GetProperty("recall").Doubles(), curve.Recall, "recall");
        AssertArray(e.GetProperty("thresholds").Doubles(), curve.Thresholds, "thresholds");
    }

    [Fact]
    public void DownsampledCurvesKeepEndsAndStayWithinLimit()
    {
        var rng = new Random(5);
        var n = 5000;
        var labels = new bool[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++) { labels[i] = rng.NextDouble() < 0.4; scores[i] = rng.NextDouble(); }
        var sample = new BinarySample(labels, scores);
        var full = RocCurve.Compute(sample)!;
        var small = full.Downsample(1000);
        Assert.Equal(1000, small.Count);
        Assert.Equal(full.FalsePositiveRate[0], small.FalsePositiveRate[0]);
        Assert.Equal(full.Thresholds[^1], small.Thresholds[^1]);
        Assert.Equal(1.0, small.TruePositiveRate[^1]);
        var pr = PrecisionRecallCurve.Compute(sample)!.Downsample(1000);
        Assert.Equal(1000, pr.Precision.Length);
        Assert.Equal(999, pr.Thresholds.Length);
        Assert.Equal(0.0, pr.Recall[^1]);
    }

    [Fact]
    public void ZeroDivisionAndOneClassCasesAreUndefinedWithReasons()
    {
        // all labels negative, all predictions negative
        var sample = new BinarySample([false, false, false], [0.1, 0.2, 0.3]);
        Assert.Equal("no predicted positives", new Precision().Compute(sample, default).Reason);
        Assert.Equal("no positive labels", new Recall().Compute(sample, default).Reason);
        Assert.False(new F1().Compute(sample, default).IsDefined);
        Assert.Equal("only one class present in labels", new RocAuc().Compute(sample, default).Reason);
        Assert.Equal("only one class present in labels", new AveragePrecision().Compute(sample, default).Reason);
        Assert.False(new MatthewsCorrelation().Compute(sample, default).IsDefined);
        Assert.Equal(1.0, new Accuracy().Compute(sample, default).Value);
        Assert.Equal(1.0, new Specificity().Compute(sample, default).Value);
        Assert.True(new LogLoss().Compute(sample, default).IsDefined);
        Assert.Null(RocCurve.Compute(sample));

        var noScores = new BinarySample([true, false], null, [true, true]);
        Assert.Equal("no score column: needs --score", new RocAuc().Compute(noScores, default).Reason);
        Assert.Equal("no score column: needs --score", new LogLoss().Compute(noScores, default).Reason);
        Assert.Equal(0.5, new Precision().Compute(noScores, default).Value);
    }

    [Fact]
    public void LogLossClipsCertainMistakesAtMachineEpsilon()
    {
        // log(eps) for a certain wrong answer: -ln(2.220446049250313e-16) = 36.04365338911715 (scikit-learn 1.2 eps="auto")
        var sample = new BinarySample([true], [0.0]);
        Approx.Equal(-Math.Log(2.220446049250313e-16), new LogLoss().Compute(sample, default).Value, 1e-12);
    }

    [Fact]
    public void WrongWeightLengthThrows() =>
        Assert.Throws<ArgumentException>(() => new Accuracy().Compute(new BinarySample([true, false], [0.2, 0.9]), new double[3]));

    [Fact]
    public void ConfusionMatrixHoldsWeightedCells()
    {
        var sample = new BinarySample([true, true, false, false], [0.9, 0.1, 0.8, 0.2]);
        var m = ConfusionMatrix.FromBinary(sample, [1, 2, 3, 4]);
        Assert.Equal([4.0, 3.0, 2.0, 1.0], m.Counts);
        Assert.Equal(3.0, m[0, 1]);
    }

    internal static void AssertArray(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Approx.Equal(expected[i], actual[i], 1e-9, 1e-12, $"{what}[{i}]");
    }
}
