using System.Globalization;
using System.Text;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil estimate</c> for regression models (DLE) on seeded heteroscedastic data with a covariate shift.</summary>
public class EstimateRegressionTests
{
    /// <summary>y = 2·x1 + x2 + ε with sd(ε) = 0.2 + 0.3·x1; the model predicts 2·x1 + x2 (so its error is ε).</summary>
    private static string Data(int rows, double x1Low, double x1High, int seed, bool withLabels = true)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder(withLabels ? "x1,x2,y,yhat\n" : "x1,x2,yhat\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = x1Low + (x1High - x1Low) * i / rows;
            var x2 = rng.NextDouble();
            var noise = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()) * (0.2 + 0.3 * x1);
            var yhat = 2 * x1 + x2;
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},"));
            if (withLabels) sb.Append((yhat + noise).ToString("R", CultureInfo.InvariantCulture)).Append(',');
            sb.Append(yhat.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return CliRun.TempFile(sb.ToString());
    }

    [Fact]
    public void DleTracksTheRealizedMaeAsTheDataMovesIntoTheNoisyRegion()
    {
        var reference = Data(6000, 0, 3, 1);
        var analysis = Data(5000, 1, 3, 2);
        var run = CliRun.Of("estimate", "--reference", reference, "--analysis", analysis, "--label", "y", "--prediction", "yhat",
            "--features", "x1,x2", "--chunk-size", "1000", "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.Equal("dle", d.RootElement.GetProperty("method").GetString());
        var chunks = d.RootElement.GetProperty("chunks").EnumerateArray().ToArray();
        Assert.Equal(5, chunks.Length);
        double error = 0, level = 0;
        foreach (var c in chunks)
        {
            var mae = c.GetProperty("metrics").GetProperty("mae");
            error += Math.Abs(mae.GetProperty("estimated").GetDouble() - mae.GetProperty("realized").GetDouble());
            level += mae.GetProperty("realized").GetDouble();
        }
        // The true MAE of ε is sd·√(2/π): it rises with x1 from ~0.56 to ~0.88 across the analysis chunks.
        Assert.True(error / level < 0.08, $"relative error {error / level:0.000}");
        Assert.True(chunks[^1].GetProperty("metrics").GetProperty("mae").GetProperty("estimated").GetDouble()
                    > chunks[0].GetProperty("metrics").GetProperty("mae").GetProperty("estimated").GetDouble() * 1.2);
    }

    [Fact]
    public void RegressionWithoutPredictionIsAUsageError()
    {
        var reference = Data(200, 0, 1, 3);
        var run = CliRun.Of("estimate", "--reference", reference, "--analysis", reference, "--label", "y", "--task", "regression");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--prediction", run.Stderr);
    }
}
