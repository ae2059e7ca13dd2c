using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Estimation;
using Vigil.Core.Estimation.Regression;
using Vigil.Models;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Models.Tests;

public class DirectLossEstimationTests(ITestOutputHelper output)
{
    private const int ChunkSize = 1000;
    private static readonly string[] Features = ["x1", "x2"];

    /// <summary>Noise standard deviation at x1: grows linearly with x1 (heteroscedastic).</summary>
    private static double Sigma(double x1) => 0.2 + 0.3 * x1;

    /// <summary>
    /// y = 2·x1 + x2 + ε, ε ~ N(0, σ(x1)²); the monitored model predicts the true mean 2·x1 + x2, so its error is ε and
    /// E|ε| = σ·√(2/π), E ε² = σ². Chunk c (1000 rows) draws x1 ~ U(low(c), 10): low = 0 for the reference chunks and the
    /// first four analysis chunks, then 1.2, 2.4, … 7.2 — the data moves toward the noisy region.
    /// </summary>
    private static DataFrame Data(int chunks, int seed, bool shift)
    {
        var random = new Random(seed);
        var n = chunks * ChunkSize;
        double[] x1 = new double[n], x2 = new double[n], y = new double[n], prediction = new double[n];
        for (var i = 0; i < n; i++)
        {
            var c = i / ChunkSize;
            var low = shift && c >= 4 ? (c - 3) * 1.2 : 0;
            x1[i] = low + (10 - low) * random.NextDouble();
            x2[i] = Normal(random);
            prediction[i] = 2 * x1[i] + x2[i];
            y[i] = prediction[i] + Sigma(x1[i]) * Normal(random);
        }
        return new DataFrame([new NumericColumn("x1", x1), new NumericColumn("x2", x2), new NumericColumn("y", y), new NumericColumn("prediction", prediction)]);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static (PerformanceEstimationResult Result, DataFrame Analysis) Run(ILossModelTrainer trainer)
    {
        var reference = Data(5, 11, shift: false);
        var analysis = Data(10, 12, shift: true);
        var chunker = new RowCountChunker(ChunkSize);
        var estimator = DirectLossEstimator.Fit(reference, "y", "prediction", Features, chunker.Split(reference.RowCount, []), trainer);
        return (estimator.Estimate(analysis, chunker.Split(analysis.RowCount, []), "y"), analysis);
    }

    [Fact]
    public void EstimatedMaeTracksRealizedMaeWhenDataMovesToTheNoisyRegion()
    {
        var (result, _) = Run(new FastTreeLossModelTrainer());
        Assert.Equal("dle", result.Method);
        Assert.Equal(10, result.Chunks.Count);
        var estimated = result.Chunks.Select(c => c.Metrics["mae"].Estimated).ToArray();
        var realized = result.Chunks.Select(c => c.Metrics["mae"].Realized).ToArray();
        for (var c = 0; c < estimated.Length; c++) output.WriteLine($"chunk {c}: estimated {estimated[c]:F4} realized {realized[c]:F4} alert {result.Chunks[c].Metrics["mae"].Alert}");
        var meanAbsoluteDifference = estimated.Zip(realized, (e, r) => Math.Abs(e - r)).Average();
        var level = realized.Average();
        output.WriteLine($"MAE of the estimate {meanAbsoluteDifference:F4} at a realized MAE level of {level:F4} ({meanAbsoluteDifference / level:P1})");
        Assert.True(meanAbsoluteDifference < 0.05 * level, $"{meanAbsoluteDifference} vs level {level}");

        // The rise: analytic E|ε| goes from ≈1.36 (x1 ~ U(0,10)) to ≈2.22 (x1 ~ U(7.2,10)); both series must follow it.
        Assert.True(realized[9] - realized[0] > 0.6);
        Assert.True(estimated[9] - estimated[0] > 0.6);
        Assert.True(Correlation(estimated, realized) > 0.95);
        Assert.False(result.Chunks[0].Metrics["mae"].Alert);
        Assert.True(result.Chunks[9].Metrics["mae"].Alert);
        foreach (var chunk in result.Chunks)
        {
            var mse = chunk.Metrics["mse"];
            Assert.Equal(Math.Sqrt(mse.Estimated), chunk.Metrics["rmse"].Estimated, 12);
            Assert.Equal(Math.Sqrt(mse.Realized), chunk.Metrics["rmse"].Realized, 12);
        }
    }

    /// <summary>
    /// With an oracle loss model that returns the closed-form expected loss (E|ε| = σ√(2/π), E ε² = σ²), the Core
    /// estimator's chunk estimate must equal the mean of those closed forms and the realized value must fall inside the
    /// ±3 SE band in nearly every chunk.
    /// </summary>
    [Fact]
    public void CoreEstimatorWithAnOracleLossModelMatchesTheClosedForm()
    {
        var (result, analysis) = Run(new OracleTrainer());
        var x1 = ((NumericColumn)analysis["x1"]).Values;
        var inBand = 0;
        for (var c = 0; c < result.Chunks.Count; c++)
        {
            double expectedMae = 0, expectedMse = 0;
            for (var i = c * ChunkSize; i < (c + 1) * ChunkSize; i++)
            {
                expectedMae += Sigma(x1[i]) * Math.Sqrt(2 / Math.PI);
                expectedMse += Sigma(x1[i]) * Sigma(x1[i]);
            }
            var mae = result.Chunks[c].Metrics["mae"];
            Assert.Equal(expectedMae / ChunkSize, mae.Estimated, 9);
            Assert.Equal(expectedMse / ChunkSize, result.Chunks[c].Metrics["mse"].Estimated, 9);
            if (mae.Realized >= mae.Lower && mae.Realized <= mae.Upper) inBand++;
        }
        Assert.True(inBand >= 9, $"{inBand} of 10 chunks in band");
    }

    [Fact]
    public void JsonHasTheCbpeShapeWithMethodDle()
    {
        var (result, _) = Run(new OracleTrainer());
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) result.WriteJson(writer);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("dle", root.GetProperty("method").GetString());
        Assert.False(root.GetProperty("calibrated").GetBoolean());
        var thresholds = root.GetProperty("reference_thresholds");
        Assert.True(thresholds.GetProperty("mae").GetProperty("upper").GetDouble() > thresholds.GetProperty("mae").GetProperty("lower").GetDouble());
        var metric = root.GetProperty("chunks")[0].GetProperty("metrics").GetProperty("rmse");
        foreach (var key in new[] { "estimated", "lower", "upper", "realized", "alert" }) Assert.True(metric.TryGetProperty(key, out _), key);
    }

    [Fact]
    public void UnknownColumnsAndMetricsAreCallerErrors()
    {
        var reference = Data(2, 1, false);
        var chunks = new RowCountChunker(ChunkSize).Split(reference.RowCount, []);
        Assert.Throws<ArgumentException>(() => DirectLossEstimator.Fit(reference, "nope", "prediction", Features, chunks, new OracleTrainer()));
        Assert.Throws<ArgumentException>(() => DirectLossEstimator.Fit(reference, "y", "prediction", ["x1", "y"], chunks, new OracleTrainer()));
        Assert.Throws<ArgumentException>(() => DirectLossEstimator.Fit(reference, "y", "prediction", Features, chunks, new OracleTrainer(), new DleOptions { Metrics = ["r2"] }));
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Knows the data-generating process: predicts E|ε| when fitted to absolute errors, E ε² otherwise.</summary>
    private sealed class OracleTrainer : ILossModelTrainer
    {
        private int _fits;

        public ILossModel Fit(DataFrame data, IReadOnlyList<string> features, ReadOnlySpan<double> losses, int seed) =>
            new Oracle(_fits++ == 0, features);

        private sealed class Oracle(bool absolute, IReadOnlyList<string> features) : ILossModel
        {
            public IReadOnlyList<string> Features => features;

            public double[] Predict(DataFrame data)
            {
                var x1 = ((NumericColumn)data["x1"]).Values;
                return x1.Select(x => absolute ? Sigma(x) * Math.Sqrt(2 / Math.PI) : Sigma(x) * Sigma(x)).ToArray();
            }
        }
    }
}
