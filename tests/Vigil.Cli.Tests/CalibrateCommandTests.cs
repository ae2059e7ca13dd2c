using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests;

public class CalibrateCommandTests
{
    /// <summary>Over-confident scores: true probability p, reported score p^0.4 (seeded).</summary>
    private static string Overconfident(int n, int seed)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder("y,s\n");
        for (var i = 0; i < n; i++)
        {
            var p = rng.NextDouble();
            var y = rng.NextDouble() < p ? 1 : 0;
            sb.Append(y).Append(',').Append(Math.Pow(p, 0.4).ToString("0.0000", CultureInfo.InvariantCulture)).Append('\n');
        }
        return CliRun.TempFile(sb.ToString());
    }

    [Theory]
    [InlineData("platt")]
    [InlineData("isotonic")]
    [InlineData("histogram")]
    public void FittedCalibratorLowersEceOnHeldOutData(string method)
    {
        var train = Overconfident(4000, 1);
        var test = Overconfident(4000, 2);
        var cal = Path.Combine(Paths.TempFolder(), "cal.json");
        var fit = CliRun.Of("calibrate", "--data", train, "--label", "y", "--score", "s", "--method", method, "--out", cal);
        Assert.Equal(0, fit.ExitCode);
        var run = CliRun.Of("evaluate", "--data", test, "--label", "y", "--score", "s", "--calibrator", cal, "--bootstrap", "0", "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        var before = d.RootElement.GetProperty("calibration").GetProperty("ece").GetDouble();
        var after = d.RootElement.GetProperty("recalibrated").GetProperty("calibration").GetProperty("ece").GetDouble();
        Assert.Equal(method, d.RootElement.GetProperty("recalibrated").GetProperty("method").GetString());
        Assert.True(after < before / 2, $"ece before {before}, after {after}");
        Assert.Equal(15, d.RootElement.GetProperty("calibration").GetProperty("bins").GetArrayLength());
    }

    [Fact]
    public void TemperatureScalingForMulticlass()
    {
        var rng = new Random(3);
        var sb = new StringBuilder("y,a,b,c\n");
        for (var i = 0; i < 900; i++)
        {
            var y = rng.Next(3);
            var logits = new double[3];
            for (var c = 0; c < 3; c++) logits[c] = (c == y ? 1.0 : 0.0) + rng.NextDouble() * 1.5;
            var t = 0.3; // over-confident: logits divided by a small temperature
            var e = logits.Select(z => Math.Exp(z / t)).ToArray();
            var sum = e.Sum();
            sb.Append("abc"[y]).Append(',').Append(string.Join(",", e.Select(v => (v / sum).ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }
        var data = CliRun.TempFile(sb.ToString());
        var cal = Path.Combine(Paths.TempFolder(), "t.json");
        Assert.Equal(0, CliRun.Of("calibrate", "--data", data, "--label", "y", "--score", "a,b,c", "--method", "temperature", "--out", cal).ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(cal));
        Assert.Equal("temperature", doc.RootElement.GetProperty("method").GetString());
        var run = CliRun.Of("evaluate", "--data", data, "--label", "y", "--score", "a,b,c", "--calibrator", cal, "--bootstrap", "0", "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        var before = d.RootElement.GetProperty("metrics").GetProperty("log_loss").GetProperty("value").GetDouble();
        var after = d.RootElement.GetProperty("recalibrated").GetProperty("metrics").GetProperty("log_loss").GetProperty("value").GetDouble();
        Assert.True(after < before);
    }

    [Fact]
    public void CalibratorForAnotherTaskIsAClearError()
    {
        var binary = Overconfident(300, 4);
        var cal = Path.Combine(Paths.TempFolder(), "cal.json");
        Assert.Equal(0, CliRun.Of("calibrate", "--data", binary, "--label", "y", "--score", "s", "--method", "platt", "--out", cal).ExitCode);
        var multi = CliRun.TempFile("y,a,b,c\na,0.7,0.2,0.1\nb,0.2,0.5,0.3\nc,0.1,0.3,0.6\n");
        var run = CliRun.Of("evaluate", "--data", multi, "--label", "y", "--score", "a,b,c", "--calibrator", cal, "--bootstrap", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("calibrator is for binary models", run.Stderr);
    }

    [Fact]
    public void CalibratorFromAFutureVersionIsAClearError()
    {
        var cal = CliRun.TempFile("{\"format\":\"vigil-calibrator\",\"version\":99,\"method\":\"platt\",\"task\":\"binary\",\"parameters\":{}}", "future.json");
        var run = CliRun.Of("evaluate", "--data", Overconfident(50, 5), "--label", "y", "--score", "s", "--calibrator", cal, "--bootstrap", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("future.json", run.Stderr);
        Assert.Contains("99", run.Stderr);
    }

    [Fact]
    public void WrongMethodForTaskExitsTwo()
    {
        var run = CliRun.Of("calibrate", "--data", Overconfident(50, 6), "--label", "y", "--score", "s", "--method", "temperature", "--out", Path.Combine(Paths.TempFolder(), "x.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("multiclass", run.Stderr);
    }

    [Fact]
    public void ScoresOutsideTheUnitIntervalCanBeCalibrated()
    {
        var path = CliRun.TempFile("y,margin\n0,-2.5\n0,-0.2\n1,1.5\n1,3\n0,0.4\n1,0.9\n");
        var run = CliRun.Of("calibrate", "--data", path, "--label", "y", "--score", "margin", "--method", "platt", "--out", Path.Combine(Paths.TempFolder(), "c.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("n/a (scores outside [0,1])", run.Stdout);
    }
}
