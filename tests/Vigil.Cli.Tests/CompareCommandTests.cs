using System.Globalization;
using System.Text;
using Xunit;

namespace Vigil.Cli.Tests;

public class CompareCommandTests
{
    // 400 rows: the candidate separates the classes better than the baseline (seeded, deterministic).
    private static string Data()
    {
        var rng = new Random(42);
        var sb = new StringBuilder("id,y,base,cand\n");
        for (var i = 0; i < 400; i++)
        {
            var y = rng.NextDouble() < 0.4 ? 1 : 0;
            var b = Math.Clamp((y == 1 ? 0.58 : 0.42) + (rng.NextDouble() - 0.5) * 0.9, 0.01, 0.99);
            var c = Math.Clamp((y == 1 ? 0.75 : 0.25) + (rng.NextDouble() - 0.5) * 0.7, 0.01, 0.99);
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{y},{b:R},{c:R}\n");
        }
        return sb.ToString();
    }

    private static string[] Args(string path, params string[] more) =>
        ["compare", "--data", path, "--label", "y", "--baseline-score", "base", "--candidate-score", "cand", "--bootstrap", "200", .. more];

    [Fact]
    public void GatePassesExitsZeroAndWritesTheJsonContract()
    {
        var html = Path.Combine(Vigil.TestSupport.Paths.TempFolder(), "cmp.html");
        var run = CliRun.Of(Args(CliRun.TempFile(Data()), "--gate", "roc_auc >= -0.01; f1 >= -0.02", "--floor", "roc_auc >= 0.7", "--json", "-", "--out", html));
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        var root = d.RootElement;
        Assert.Equal(400, root.GetProperty("rows").GetInt32());
        Assert.True(root.GetProperty("gate").GetProperty("passed").GetBoolean());
        Assert.Equal(3, root.GetProperty("gate").GetProperty("checks").GetArrayLength());
        var auc = root.GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("metric").GetString() == "roc_auc");
        Assert.Equal("better", auc.GetProperty("decision").GetString());
        Assert.Equal("delong", auc.GetProperty("test").GetString());
        var check = root.GetProperty("gate").GetProperty("checks")[0];
        Assert.Equal("ci_low", check.GetProperty("bound").GetString());
        Assert.Equal(auc.GetProperty("ci_low").GetDouble(), check.GetProperty("observed").GetDouble());
        var page = File.ReadAllText(html);
        Assert.Contains("Gate passed", page);
        Assert.Contains("forest plot", page);
    }

    [Fact]
    public void GateFailsExitsOne()
    {
        // Swapping roles makes the candidate clearly worse: the margin cannot hold on the lower bound.
        var run = CliRun.Of("compare", "--data", CliRun.TempFile(Data()), "--label", "y", "--baseline-score", "cand", "--candidate-score", "base",
            "--bootstrap", "100", "--gate", "roc_auc >= -0.01", "--json", "-");
        Assert.Equal(1, run.ExitCode);
        using var d = run.Json();
        Assert.False(d.RootElement.GetProperty("gate").GetProperty("passed").GetBoolean());
        Assert.Contains("gate failed", run.Stderr);
    }

    [Fact]
    public void UnknownMetricExitsTwo()
    {
        var run = CliRun.Of(Args(CliRun.TempFile(Data()), "--metric", "f1,roc_aux"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown metric 'roc_aux'", run.Stderr);
    }

    [Fact]
    public void MissingColumnExitsTwoNamingIt()
    {
        var run = CliRun.Of("compare", "--data", CliRun.TempFile(Data()), "--label", "y", "--baseline-score", "base", "--candidate-score", "model_b");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no candidate score column 'model_b'", run.Stderr);
    }

    [Fact]
    public void IdJoinWithDisagreeingLabelsIsAnInputError()
    {
        var baseline = CliRun.TempFile("id,y,score\na,1,0.9\nb,0,0.2\nc,1,0.6\n", "base.csv");
        var candidate = CliRun.TempFile("id,y,score\na,1,0.8\nb,1,0.3\nc,1,0.7\n", "cand.csv");
        var run = CliRun.Of("compare", "--baseline", baseline, "--candidate", candidate, "--id", "id", "--label", "y",
            "--baseline-score", "score", "--candidate-score", "score", "--metric", "accuracy", "--bootstrap", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("label '1' for id 'b' disagrees with the baseline file's '0'", run.Stderr);
    }

    [Fact]
    public void IdJoinReportsUnmatchedIds()
    {
        var baseline = CliRun.TempFile("id,y,score\na,1,0.9\nb,0,0.2\nc,1,0.6\nd,0,0.4\ne,1,0.3\nx,0,0.5\n", "base.csv");
        var candidate = CliRun.TempFile("id,score\ne,0.8\nd,0.1\nc,0.7\nb,0.3\na,0.95\ny,0.4\nz,0.2\n", "cand.csv");
        var run = CliRun.Of("compare", "--baseline", baseline, "--candidate", candidate, "--id", "id", "--label", "y",
            "--baseline-score", "score", "--candidate-score", "score", "--metric", "accuracy,roc_auc", "--bootstrap", "0", "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        var data = d.RootElement.GetProperty("data");
        Assert.Equal(5, d.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(1, data.GetProperty("unmatched_baseline").GetInt32());
        Assert.Equal(2, data.GetProperty("unmatched_candidate").GetInt32());
        // Joined rows: a(1) .9/.95, b(0) .2/.3, c(1) .6/.7, d(0) .4/.1, e(1) .3/.8 → accuracy 4/5 vs 5/5.
        var acc = d.RootElement.GetProperty("metrics")[0];
        Assert.Equal(0.8, acc.GetProperty("baseline").GetDouble(), 12);
        Assert.Equal(1.0, acc.GetProperty("candidate").GetDouble(), 12);
        Assert.Equal("mcnemar_exact", acc.GetProperty("test").GetString());
        Assert.Equal(1.0, acc.GetProperty("p_value").GetDouble(), 12); // binomtest(0, 1, 0.5) = 1
        Assert.Contains("1 baseline rows and 2 candidate rows unmatched", run.Stderr);
    }
}
