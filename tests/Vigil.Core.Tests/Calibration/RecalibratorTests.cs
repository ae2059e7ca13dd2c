using System.Text.Json;
using Vigil.Core.Calibration;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Calibration;

public class RecalibratorTests
{
    private static JsonElement Case(string name) => Fixture.Load("calibration/binary.json").RootElement.GetProperty(name);

    private static bool[] Bools(JsonElement e) => e.Ints().Select(v => v == 1).ToArray();

    [Theory]
    [InlineData("continuous")]
    [InlineData("ties")]
    public void PlattMatchesScikitLearnLogisticRegressionOnRawScore(string name)
    {
        var c = Case(name);
        var scores = c.GetProperty("scores").Doubles();
        var labels = Bools(c.GetProperty("labels"));
        var platt = PlattCalibrator.Fit(scores, labels, []);
        var expected = c.GetProperty("platt");
        Approx.Equal(expected.GetProperty("coef").GetDouble(), platt.Slope, 1e-6, 1e-9, "coef_");
        Approx.Equal(expected.GetProperty("intercept").GetDouble(), platt.Intercept, 1e-6, 1e-9, "intercept_");
        var predicted = new double[scores.Length];
        platt.Apply(scores, predicted);
        var p = expected.GetProperty("predict").Doubles();
        for (var i = 0; i < p.Length; i++) Approx.Equal(p[i], predicted[i], 1e-6, 1e-9, $"predict_proba[{i}]");

        var weighted = PlattCalibrator.Fit(scores, labels, c.GetProperty("weights").Doubles());
        Approx.Equal(c.GetProperty("platt_weighted").GetProperty("coef").GetDouble(), weighted.Slope, 1e-6, 1e-9, "weighted coef_");
        Approx.Equal(c.GetProperty("platt_weighted").GetProperty("intercept").GetDouble(), weighted.Intercept, 1e-6, 1e-9, "weighted intercept_");
    }

    [Theory]
    [InlineData("continuous")]
    [InlineData("ties")]
    public void IsotonicMatchesScikitLearnIsotonicRegressionClip(string name)
    {
        var c = Case(name);
        var scores = c.GetProperty("scores").Doubles();
        var labels = Bools(c.GetProperty("labels"));
        var iso = IsotonicCalibrator.Fit(scores, labels, []);
        var iv = c.GetProperty("isotonic");
        Assert.Equal(iv.GetProperty("x_thresholds").Doubles(), iso.Thresholds.ToArray());
        var yThresholds = iv.GetProperty("y_thresholds").Doubles();
        for (var i = 0; i < yThresholds.Length; i++) Approx.Equal(yThresholds[i], iso.Values[i], 0, 1e-12, $"y_thresholds_[{i}]");
        var probe = iv.GetProperty("probe").Doubles();
        var predicted = new double[probe.Length];
        iso.Apply(probe, predicted);
        var expected = iv.GetProperty("predict").Doubles();
        for (var i = 0; i < expected.Length; i++) Approx.Equal(expected[i], predicted[i], 0, 1e-12, $"predict({probe[i]})");

        var weighted = IsotonicCalibrator.Fit(scores, labels, c.GetProperty("weights").Doubles());
        weighted.Apply(probe, predicted);
        var expectedWeighted = c.GetProperty("isotonic_weighted").GetProperty("predict").Doubles();
        for (var i = 0; i < expectedWeighted.Length; i++) Approx.Equal(expectedWeighted[i], predicted[i], 0, 1e-12, $"weighted predict({probe[i]})");
    }

    [Theory]
    [InlineData("continuous")]
    [InlineData("ties")]
    public void HistogramBinningMapsToBinFrequencies(string name)
    {
        var c = Case(name);
        var scores = c.GetProperty("scores").Doubles();
        var h = HistogramBinningCalibrator.Fit(scores, Bools(c.GetProperty("labels")), [], 10);
        var expected = c.GetProperty("histogram_uniform_10").Doubles();
        for (var b = 0; b < expected.Length; b++) Approx.Equal(expected[b], h.Values[b], 1e-12, 1e-14, $"bin {b}");
        var output = new double[3];
        h.Apply([0.0, 0.1, 0.1000001], output);
        Assert.Equal(h.Values[0], output[0]);
        Assert.Equal(h.Values[0], output[1]); // 0.1 is the first bin's closed upper edge
        Assert.Equal(h.Values[1], output[2]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TemperatureMatchesScipyMinimizeScalar(bool logits)
    {
        var f = Fixture.Load("calibration/temperature.json").RootElement;
        var k = f.GetProperty("classes").GetInt32();
        var labels = f.GetProperty("labels").Ints();
        var outputs = f.GetProperty(logits ? "logits" : "probabilities").Doubles();
        var t = TemperatureScalingCalibrator.Fit(outputs, k, labels, [], logits);
        Approx.Equal(f.GetProperty(logits ? "temperature_logits" : "temperature_probabilities").GetDouble(), t.Temperature, 1e-5, 0, "T (scipy minimize_scalar bounded)");
        if (logits)
            Approx.Equal(f.GetProperty("loss_at_optimum").GetDouble(), TemperatureScalingCalibrator.LogLoss(outputs, k, labels, [], true, t.Temperature), 1e-9, 0, "log loss at T*");
        var calibrated = new double[outputs.Length];
        t.Apply(outputs, calibrated);
        for (var i = 0; i < labels.Length; i++)
            Approx.Equal(1.0, calibrated.AsSpan(i * k, k).ToArray().Sum(), 1e-12, 1e-12, "row sums to 1");
    }

    public static TheoryData<string> Methods => new() { "platt", "isotonic", "histogram", "temperature" };

    private static ICalibrator FitAny(string method)
    {
        var c = Case("ties");
        var scores = c.GetProperty("scores").Doubles();
        var labels = Bools(c.GetProperty("labels"));
        if (method == "temperature")
        {
            var f = Fixture.Load("calibration/temperature.json").RootElement;
            return TemperatureScalingCalibrator.Fit(f.GetProperty("logits").Doubles(), 4, f.GetProperty("labels").Ints(), [], true);
        }
        return method switch
        {
            "platt" => PlattCalibrator.Fit(scores, labels, []),
            "isotonic" => IsotonicCalibrator.Fit(scores, labels, []),
            _ => HistogramBinningCalibrator.Fit(scores, labels, [], 12, BinningStrategy.EqualMass),
        };
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void JsonRoundTripGivesTheSameMap(string method)
    {
        var calibrator = FitAny(method);
        var json = CalibratorJson.Serialize(calibrator);
        using (var doc = JsonDocument.Parse(json))
        {
            Assert.Equal(method, doc.RootElement.GetProperty("method").GetString());
            Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        }
        var loaded = CalibratorJson.Deserialize(json, calibrator.Task);
        var input = Enumerable.Range(0, 40 * calibrator.Width).Select(i => (i % 41) / 40.0).ToArray();
        var a = new double[input.Length];
        var b = new double[input.Length];
        calibrator.Apply(input, a);
        loaded.Apply(input, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void CalibratorFromAnotherTaskOrAFutureVersionIsAClearError()
    {
        var json = CalibratorJson.Serialize(FitAny("platt"));
        var wrongTask = Assert.Throws<InvalidDataException>(() => CalibratorJson.Deserialize(json, CalibrationTask.Multiclass));
        Assert.Contains("binary", wrongTask.Message);
        Assert.Contains("multiclass", wrongTask.Message);
        var future = Assert.Throws<InvalidDataException>(() => CalibratorJson.Deserialize(json.Replace("\"version\": 1", "\"version\": 7"), CalibrationTask.Binary));
        Assert.Contains("version 7", future.Message);
        Assert.Throws<InvalidDataException>(() => CalibratorJson.Deserialize("{\"format\":\"other\"}"));
        Assert.Throws<InvalidDataException>(() => CalibratorJson.Deserialize("not json"));
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool IsotonicOutputIsMonotoneAndWithinLabelRange(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(1, 80);
        var scores = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble(), 1)).ToArray();
        var labels = scores.Select(s => rng.NextDouble() < s).ToArray();
        var iso = IsotonicCalibrator.Fit(scores, labels, []);
        var probe = Enumerable.Range(0, 50).Select(i => i / 49.0).ToArray();
        var output = new double[probe.Length];
        iso.Apply(probe, output);
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] < -1e-15 || output[i] > 1 + 1e-15) return false;
            if (i > 0 && output[i] < output[i - 1] - 1e-15) return false;
        }
        return true;
    }
}
