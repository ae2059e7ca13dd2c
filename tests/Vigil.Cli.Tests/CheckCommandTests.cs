using System.Text.Json;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests;

public sealed class CheckCommandTests
{
    private static readonly string Adult = Paths.Data("adult", "adult.csv");
    private static readonly string German = Paths.Data("german_credit", "german_credit_with_header.csv");
    private static readonly string Leak = Paths.Fixture("quality", "leakage.csv");

    [Fact]
    public void AdultJsonReportsPandasDuplicateCountAndFnlwgtOutliers()
    {
        using var reference = Fixture.Load("quality/adult.json");
        var html = Path.Combine(Paths.TempFolder(), "check.html");
        var run = CliRun.Of("check", "--data", Adult, "--label", "class", "--json", "-", "--out", html);
        Assert.Equal(0, run.ExitCode);
        using var doc = run.Json();
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal(48842, root.GetProperty("data").GetProperty("rows").GetInt32());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        var dup = findings.Single(f => f.GetProperty("check").GetString() == "duplicate_rows");
        Assert.Equal(reference.RootElement.GetProperty("duplicate_rows").GetInt32(), dup.GetProperty("numbers").GetProperty("duplicate_rows").GetInt32());
        Assert.Equal("warn", dup.GetProperty("severity").GetString());
        Assert.Equal(20, dup.GetProperty("samples").GetArrayLength());
        var fnlwgt = findings.Single(f => f.GetProperty("check").GetString() == "outliers" && f.GetProperty("columns")[0].GetString() == "fnlwgt");
        Assert.Equal(reference.RootElement.GetProperty("outliers").GetProperty("fnlwgt").GetProperty("iqr_outliers").GetInt32(),
            fnlwgt.GetProperty("numbers").GetProperty("iqr_outliers").GetInt32());
        var capitalGain = findings.Single(f => f.GetProperty("check").GetString() == "outliers" && f.GetProperty("columns")[0].GetString() == "capital-gain");
        Assert.Equal(JsonValueKind.Null, capitalGain.GetProperty("numbers").GetProperty("robust_z_outliers").ValueKind); // MAD = 0
        Assert.Contains(root.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("check").GetString() == "train_test_overlap");
        Assert.Contains("duplicate_rows", run.Stderr); // human table on stderr with --json -
        var page = File.ReadAllText(html);
        Assert.Contains("<h1>Data check</h1>", page);
        Assert.Contains("fnlwgt", page);
    }

    [Fact]
    public void AdultSplitIntoTrainAndTestFilesReportsTheOverlap()
    {
        using var reference = Fixture.Load("quality/adult.json");
        var dir = Paths.TempFolder();
        var lines = File.ReadAllLines(Adult);
        var header = lines[0][..lines[0].LastIndexOf(',')];
        var train = new List<string> { header };
        var test = new List<string> { header };
        foreach (var l in lines.Skip(1))
            (l.EndsWith(",train", StringComparison.Ordinal) ? train : test).Add(l[..l.LastIndexOf(',')]);
        File.WriteAllLines(Path.Combine(dir, "train.csv"), train);
        File.WriteAllLines(Path.Combine(dir, "test.csv"), test);
        var run = CliRun.Of("check", "--data", Path.Combine(dir, "train.csv"), "--label", "class", "--test", Path.Combine(dir, "test.csv"), "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var doc = run.Json();
        var overlap = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("check").GetString() == "train_test_overlap");
        Assert.Equal(reference.RootElement.GetProperty("overlap").GetProperty("overlapping_test_rows").GetInt32(), overlap.GetProperty("numbers").GetProperty("overlapping_test_rows").GetInt32());
        // every sample is a test line whose features (all but class) equal the named training line
        foreach (var s in overlap.GetProperty("samples").EnumerateArray())
        {
            Assert.Equal("test", s.GetProperty("source").GetString());
            var t = test[s.GetProperty("line").GetInt32() - 1];
            var r = train[int.Parse(s.GetProperty("detail").GetString()!.Split(' ')[^1]) - 1];
            Assert.Equal(t[..t.LastIndexOf(',')], r[..r.LastIndexOf(',')]);
        }
    }

    [Fact]
    public void PlantedLeakIsAnErrorAndFailOnErrorExitsOne()
    {
        var ok = CliRun.Of("check", "--data", Leak, "--label", "target");
        Assert.Equal(0, ok.ExitCode); // findings are not failures by default
        Assert.Contains("leak_numeric", ok.Stdout);
        var failed = CliRun.Of("check", "--data", Leak, "--label", "target", "--fail-on", "error");
        Assert.Equal(1, failed.ExitCode);
        var german = CliRun.Of("check", "--data", German, "--label", "class", "--fail-on", "error");
        Assert.Equal(0, german.ExitCode);
    }

    [Fact]
    public void UsageErrorsExitTwo()
    {
        Assert.Equal(2, CliRun.Of("check", "--data", German, "--label", "nope").ExitCode);
        Assert.Equal(2, CliRun.Of("check", "--data", "/no/such/file.csv").ExitCode);
        Assert.Equal(2, CliRun.Of("check", "--data", German, "--fail-on", "sometimes").ExitCode);
        var other = CliRun.TempFile("a,b\n1,2\n");
        var run = CliRun.Of("check", "--data", German, "--label", "class", "--test", other);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("lacks the feature column", run.Stderr);
    }

    [Fact]
    public void LineageRecordsDatasetsAndReportAndShowPrintsTheTree()
    {
        var dir = Paths.TempFolder();
        var store = Path.Combine(dir, "lineage.jsonl");
        var json = Path.Combine(dir, "check.json");
        var run = CliRun.Of("check", "--data", German, "--label", "class", "--lineage", store, "--json", json);
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var report = doc.RootElement.GetProperty("lineage").GetProperty("report").GetString()!;
        var dataset = doc.RootElement.GetProperty("lineage").GetProperty("datasets")[0].GetString()!;
        var fp = CliRun.Of("fingerprint", German, "--json", "-");
        using var fpDoc = fp.Json();
        Assert.Equal("dataset:" + fpDoc.RootElement.GetProperty("content_hash").GetString()![..16], dataset);

        var show = CliRun.Of("lineage", "show", dataset, "--lineage", store);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("downstream", show.Stdout);
        Assert.Contains("└─ " + report, show.Stdout);
        var up = CliRun.Of("lineage", "show", report, "--lineage", store, "--json", "-");
        using var upDoc = up.Json();
        Assert.Equal(dataset, upDoc.RootElement.GetProperty("upstream").GetProperty("children")[0].GetProperty("id").GetString());
        Assert.Equal("report", upDoc.RootElement.GetProperty("record").GetProperty("kind").GetString());
        Assert.Equal(2, CliRun.Of("lineage", "show", "report:doesnotexist", "--lineage", store).ExitCode);
        Assert.Equal(2, CliRun.Of("lineage", "show", "x", "--lineage", Path.Combine(dir, "missing.jsonl")).ExitCode);
    }
}
