using System.Text.Json;
using Vigil.Core.Calibration;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Calibration;

public class CalibrationMetricsTests
{
    private static JsonElement Case(string name) => Fixture.Load("calibration/binary.json").RootElement.GetProperty(name);

    private static bool[] Bools(JsonElement e)
    {
        var ints = e.Ints();
        var b = new bool[ints.Length];
        for (var i = 0; i < b.Length; i++) b[i] = ints[i] == 1;
        return b;
    }

    private static double[] Outcomes(bool[] labels)
    {
        var o = new double[labels.Length];
        for (var i = 0; i < o.Length; i++) o[i] = labels[i] ? 1 : 0;
        return o;
    }

    // scikit-learn calibration_curve returns only the non-empty bins: prob_true = observed frequency,
    // prob_pred = mean confidence.
    private static void AssertCurve(JsonElement curve, IReadOnlyList<CalibrationBin> bins, string what)
    {
        var expectedTrue = curve.GetProperty("prob_true").Doubles();
        var expectedPred = curve.GetProperty("prob_pred").Doubles();
        var nonEmpty = bins.Where(b => b.Count > 0).ToArray();
        Assert.Equal(expectedTrue.Length, nonEmpty.Length);
        for (var i = 0; i < nonEmpty.Length; i++)
        {
            Approx.Equal(expectedTrue[i], nonEmpty[i].ObservedFrequency, 1e-12, 1e-14, $"{what} prob_true[{i}]");
            Approx.Equal(expectedPred[i], nonEmpty[i].MeanConfidence, 1e-12, 1e-14, $"{what} prob_pred[{i}]");
        }
    }

    [Theory]
    [InlineData("continuous")]
    [InlineData("ties")]
    public void BinsMatchScikitLearnCalibrationCurve(string name)
    {
        var c = Case(name);
        var scores = c.GetProperty("scores").Doubles();
        var outcomes = Outcomes(Bools(c.GetProperty("labels")));
        foreach (var curve in c.GetProperty("curves").EnumerateArray())
        {
            var bins = curve.GetProperty("bins").GetInt32();
            var edges = curve.GetProperty("strategy").GetString() == "uniform"
                ? CalibrationBinning.EqualWidthEdges(bins)
                : CalibrationBinning.EqualMassEdges(scores, [], bins);
            AssertCurve(curve, CalibrationBinning.Accumulate(scores, outcomes, [], edges), $"{name} {curve.GetProperty("strategy").GetString()} {bins}");
        }
    }

    [Theory]
    [InlineData("continuous")]
    [InlineData("ties")]
    public void WeightedBinsMatchCalibrationCurveOnRepeatedRows(string name)
    {
        var c = Case(name);
        var scores = c.GetProperty("scores").Doubles();
        var outcomes = Outcomes(Bools(c.GetProperty("labels")));
        var weights = c.GetProperty("weights").Doubles();
        foreach (var curve in c.GetProperty("weighted_curves").EnumerateArray())
        {
            var edges = curve.GetProperty("strategy").GetString() == "uniform"
                ? CalibrationBinning.EqualWidthEdges(10)
                : CalibrationBinning.EqualMassEdges(scores, weights, 10);
            AssertCurve(curve, CalibrationBinning.Accumulate(scores, outcomes, weights, edges), name + " weighted");
        }
    }

    [Theory]
    [InlineData("continuous")]
    [InlineData("ties")]
    public void SummaryMatchesNumpyAndScikitLearn(string name)
    {
        var c = Case(name);
        var scores = c.GetProperty("scores").Doubles();
        var labels = Bools(c.GetProperty("labels"));
        foreach (var bins in new[] { 10, 15 })
        {
            var s = BinaryCalibrationMetrics.Compute(scores, labels, [], bins);
            Approx.Equal(c.GetProperty($"ece_{bins}").GetDouble(), s.Ece, 1e-12, 1e-14, "ece");
            Approx.Equal(c.GetProperty($"mce_{bins}").GetDouble(), s.Mce, 1e-12, 1e-14, "mce");
            Approx.Equal(c.GetProperty($"adaptive_ece_{bins}").GetDouble(), s.AdaptiveEce, 1e-12, 1e-14, "adaptive_ece");
            Approx.Equal(c.GetProperty("brier").GetDouble(), s.Brier, 1e-12, 1e-14, "brier (sklearn brier_score_loss)");
            Assert.Equal(bins, s.Bins.Count);
            Approx.Equal(c.GetProperty($"ece_{bins}").GetDouble(), BinaryCalibrationMetrics.ExpectedCalibrationError(scores, labels, [], bins), 1e-12, 1e-14);
        }
        var weighted = BinaryCalibrationMetrics.Compute(scores, labels, c.GetProperty("weights").Doubles());
        Approx.Equal(c.GetProperty("weighted_brier").GetDouble(), weighted.Brier, 1e-12, 1e-14, "weighted brier (sklearn sample_weight)");
    }

    [Fact]
    public void MurphyDecompositionIsExactWhenScoresAreConstantWithinBins()
    {
        var f = Fixture.Load("calibration/murphy.json").RootElement;
        var scores = f.GetProperty("scores").Doubles();
        var labels = Bools(f.GetProperty("labels"));
        var s = BinaryCalibrationMetrics.Compute(scores, labels, [], 10);
        var brier = f.GetProperty("brier").GetDouble();
        Approx.Equal(brier, s.Brier, 1e-12, 1e-14, "brier (sklearn)");
        Approx.Equal(brier, s.BrierReliability - s.BrierResolution + s.BrierUncertainty, 1e-12, 1e-14, "REL − RES + UNC");
    }

    [Fact]
    public void TopLabelAndMulticlassBrierMatchNumpy()
    {
        var f = Fixture.Load("calibration/temperature.json").RootElement;
        var k = f.GetProperty("classes").GetInt32();
        var s = MulticlassCalibrationMetrics.Compute(f.GetProperty("probabilities").Doubles(), k, f.GetProperty("labels").Ints(), []);
        Approx.Equal(f.GetProperty("top_label_ece_15").GetDouble(), s.TopLabel.Ece, 1e-12, 1e-14, "top-label ece");
        Approx.Equal(f.GetProperty("multiclass_brier").GetDouble(), s.Brier, 1e-12, 1e-14, "multiclass brier");
        Assert.Equal(k, s.PerClass.Count);
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool IntegerWeightsEqualRepeatedRows(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(1, 60);
        var scores = new double[n];
        var labels = new bool[n];
        var weights = new double[n];
        var repeatedScores = new List<double>();
        var repeatedLabels = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            scores[i] = Math.Round(rng.NextDouble(), 2);
            labels[i] = rng.NextDouble() < scores[i];
            weights[i] = rng.Next(0, 4);
            for (var r = 0; r < weights[i]; r++) { repeatedScores.Add(scores[i]); repeatedLabels.Add(labels[i]); }
        }
        if (repeatedScores.Count == 0) return true;
        var a = BinaryCalibrationMetrics.Compute(scores, labels, weights, 7);
        var b = BinaryCalibrationMetrics.Compute(repeatedScores.ToArray(), repeatedLabels.ToArray(), [], 7);
        return Close(a.Ece, b.Ece) && Close(a.AdaptiveEce, b.AdaptiveEce) && Close(a.Mce, b.Mce) && Close(a.Brier, b.Brier)
            && Close(a.BrierReliability, b.BrierReliability) && Close(a.BrierResolution, b.BrierResolution);
    }

    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-12;

    [Fact]
    public void ScoresOutsideUnitIntervalAreACallerBug() =>
        Assert.Throws<ArgumentException>(() => BinaryCalibrationMetrics.Compute([0.2, 1.5], [true, false], []));
}
