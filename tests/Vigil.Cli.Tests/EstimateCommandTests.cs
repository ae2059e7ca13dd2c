using System.Text.Json;
using Vigil.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Cli.Tests;

public class EstimateCommandTests(ITestOutputHelper output)
{
    private static string Data(string file) => Paths.Data("nannyml_california_housing", file);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = VigilApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string[] Base(string analysis, string? labels) =>
    [
        "estimate", "--reference", Data("california_housing_reference.csv"), "--analysis", analysis,
        "--label", "clf_target", "--score", "y_pred_proba", "--prediction", "y_pred", "--timestamp", "timestamp", "--window", "1M",
        .. labels is null ? Array.Empty<string>() : ["--analysis-labels", labels, "--id", "id"],
    ];

    [Fact]
    public void MonthlyRocAucEstimatesTrackRealizedOnNannyMLCaliforniaHousing()
    {
        var html = Path.Combine(Paths.TempFolder(), "estimate.html");
        var (code, stdout, stderr) = Run([.. Base(Data("california_housing_analysis.csv"), Data("california_housing_analysis_gt.csv")), "--json", "-", "--out", html]);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("cbpe", root.GetProperty("method").GetString());
        Assert.Contains(root.GetProperty("calibrated").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.True(root.GetProperty("reference_thresholds").TryGetProperty("roc_auc", out _));

        // Realized monthly values must equal scikit-learn's on the joined labels (tests/fixtures/gen_estimation.py).
        using var fixture = Fixture.Load("estimation/cbpe.json");
        var expected = fixture.RootElement.GetProperty("california").GetProperty("analysis_monthly").EnumerateArray().ToArray();
        var chunks = root.GetProperty("chunks").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, chunks.Length);
        double absoluteError = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            Assert.Equal(expected[i].GetProperty("key").GetString(), chunks[i].GetProperty("key").GetString());
            Assert.Equal(expected[i].GetProperty("rows").GetInt32(), chunks[i].GetProperty("rows").GetInt32());
            var auc = chunks[i].GetProperty("metrics").GetProperty("roc_auc");
            foreach (var field in new[] { "estimated", "lower", "upper", "realized", "alert" }) Assert.True(auc.TryGetProperty(field, out _), field);
            Approx.Equal(expected[i].GetProperty("roc_auc").GetDouble(), auc.GetProperty("realized").GetDouble(), 1e-12, 1e-14, "realized roc_auc (sklearn)");
            absoluteError += Math.Abs(auc.GetProperty("estimated").GetDouble() - auc.GetProperty("realized").GetDouble());
        }
        var mae = absoluteError / chunks.Length;
        output.WriteLine($"MAE of monthly roc_auc estimates vs realized (vigil estimate CLI): {mae:F4}");
        Assert.True(mae <= 0.05, $"MAE {mae} > 0.05 (CONTRACTS)");

        Assert.Contains("8,232 of 8,232 analysis rows matched", stderr);
        var page = File.ReadAllText(html);
        Assert.Contains("<svg", page);
        Assert.Contains("no concept shift", page);
        Assert.Contains("2021-06", page);
        Assert.Contains("± 3 standard errors", page);
    }

    [Fact]
    public void UnmatchedIdsAreCountedAndTheirRowsHaveNoRealizedLabel()
    {
        var folder = Paths.TempFolder();
        var labels = Path.Combine(folder, "gt.csv");
        var lines = File.ReadAllLines(Data("california_housing_analysis_gt.csv"));
        // Keep the header, drop the first 100 ids (all in June 2021), add one id that matches nothing.
        File.WriteAllLines(labels, [lines[0], .. lines.Skip(101), "99999999,1"]);
        var (code, stdout, stderr) = Run([.. Base(Data("california_housing_analysis.csv"), labels), "--metrics", "roc_auc,accuracy"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("8,132 of 8,232 analysis rows matched", stdout);
        Assert.Contains("100 analysis rows have no label", stdout);
        Assert.Contains("1 ids in", stdout);
    }

    [Fact]
    public void LabelsInsideTheAnalysisFileAreUsedAndRowCountChunksWork()
    {
        // The reference file has labels: estimating on it gives realized values without a join.
        var (code, stdout, stderr) = Run("estimate", "--reference", Data("california_housing_reference.csv"), "--current", Data("california_housing_reference.csv"),
            "--label", "clf_target", "--score", "y_pred_proba", "--chunk-size", "1000", "--metrics", "roc_auc,f1", "--json", "-");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var chunks = json.RootElement.GetProperty("chunks").EnumerateArray().ToArray();
        Assert.Equal("[0:999]", chunks[0].GetProperty("key").GetString());
        Assert.All(chunks, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("metrics").GetProperty("roc_auc").GetProperty("realized").ValueKind));
        Assert.False(chunks[0].GetProperty("metrics").TryGetProperty("accuracy", out _));
    }

    [Fact]
    public void AnalysisWithoutTheScoreColumnIsAUsageError()
    {
        var analysis = Path.Combine(Paths.TempFolder(), "analysis.csv");
        File.WriteAllLines(analysis, File.ReadLines(Data("california_housing_analysis.csv")).Take(50).Select(l => string.Join(',', l.Split(',')[..10])));
        var (code, _, stderr) = Run(Base(analysis, null));
        Assert.Equal(2, code);
        Assert.Contains("y_pred_proba", stderr);
        Assert.Contains("score", stderr);
    }

    [Fact]
    public void BadOptionsAreUsageErrors()
    {
        var analysis = Data("california_housing_analysis.csv");
        Assert.Equal(2, Run([.. Base(analysis, null), "--metrics", "roc_auc,bogus"]).Code);
        Assert.Equal(2, Run([.. Base(analysis, null), "--chunk-size", "10"]).Code);
        Assert.Equal(2, Run([.. Base(analysis, null), "--threshold", "0.3"]).Code);
        var noId = Run([.. Base(analysis, null), "--analysis-labels", Data("california_housing_analysis_gt.csv")]);
        Assert.Equal(2, noId.Code);
        Assert.Contains("--id", noId.Err);
    }

    [Fact]
    public void ScoresOutsideTheUnitIntervalAreCountedInAWarning()
    {
        var rows = new System.Text.StringBuilder("y,score\n");
        var rng = new Random(3);
        for (var i = 0; i < 400; i++)
        {
            var y = rng.NextDouble() < 0.4 ? 1 : 0;
            var margin = (y == 1 ? 1.0 : -1.0) + 2 * (rng.NextDouble() - 0.5) * 3;
            rows.Append(y).Append(',').Append(margin.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        var file = CliRun.TempFile(rows.ToString());
        var (code, stdout, stderr) = Run("estimate", "--reference", file, "--analysis", file, "--label", "y", "--score", "score", "--chunk-size", "100");
        Assert.True(code == 0, stderr);
        Assert.Matches(@"note: \d+ scores in 'score' fall outside \[0, 1\]", stdout);
    }
}
