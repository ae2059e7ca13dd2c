using System.Text.Json;
using Vigil.Core.Data;
using Vigil.IO;
using Vigil.IO.Csv;
using Vigil.Models;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary>Slices, weak slices and fairness through <c>vigil evaluate</c>, on the synthetic example and on real data scored by an ML.NET model.</summary>
public class EvaluationDepthTests
{
    private static readonly Lazy<string> ExampleData = new(() =>
    {
        var dir = Paths.TempFolder();
        Assert.Equal(0, CliRun.Of("example", "evaluate", "--dir", dir, "--rows", "4000").ExitCode);
        return Path.Combine(dir, "credit_scores.csv");
    });

    /// <summary>Adult's test split scored by a FastTree model trained on its train split (held-out scores).</summary>
    private static readonly Lazy<string> ScoredAdult = new(() =>
    {
        var frame = DataFile.Read(Paths.Data("adult", "adult.csv"));
        var split = frame["split"];
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < frame.RowCount; i++) (split.GetText(i) == "train" ? train : test).Add(i);
        var trainFrame = Without(frame.Take([.. train]), "split");
        var testFrame = Without(frame.Take([.. test]), "split");
        var scores = QuickClassifier.FitPredict(trainFrame, "class", ">50K", Without(testFrame, "class"));
        var scored = new DataFrame([.. testFrame.Columns, new NumericColumn("score", scores)], "adult-test");
        var path = Path.Combine(Paths.TempFolder(), "adult_scored.csv");
        CsvWriter.Write(scored, path);
        return path;
    });

    private static DataFrame Without(DataFrame f, string column) => new([.. f.Columns.Where(c => c.Name != column)], f.Source);

    [Fact]
    public void SlicesFairnessAndWeakSlicesOnTheExample()
    {
        var run = CliRun.Of("evaluate", "--data", ExampleData.Value, "--label", "default", "--score", "score", "--bootstrap", "100",
            "--slice", "region,age", "--find-slices", "--sensitive", "region", "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        var slices = d.RootElement.GetProperty("slices");
        Assert.Equal(4 + 5, slices.GetArrayLength());
        foreach (var s in slices.EnumerateArray())
        {
            Assert.True(s.GetProperty("rows").GetInt32() > 0);
            Assert.True(s.TryGetProperty("significantly_worse", out _));
            Assert.True(s.TryGetProperty("p_value", out _));
        }
        Assert.True(d.RootElement.GetProperty("weak_slices").GetArrayLength() is > 0 and <= 10);
        var fairness = d.RootElement.GetProperty("fairness");
        Assert.Equal(4, fairness.GetProperty("groups").GetArrayLength());
        Assert.True(fairness.GetProperty("demographic_parity_difference").GetProperty("value").GetDouble() >= 0);
    }

    [Fact]
    public void MissingSliceOrSensitiveColumnExitsTwo()
    {
        var a = CliRun.Of("evaluate", "--data", ExampleData.Value, "--label", "default", "--score", "score", "--slice", "planet");
        Assert.Equal(2, a.ExitCode);
        Assert.Contains("no column 'planet'", a.Stderr);
        var b = CliRun.Of("evaluate", "--data", ExampleData.Value, "--label", "default", "--score", "score", "--sensitive", "gender");
        Assert.Equal(2, b.ExitCode);
        Assert.Contains("no column 'gender'", b.Stderr);
    }

    [Fact]
    public void AdultScoredByAnMlNetModelGetsTheWholeReport()
    {
        var html = Path.Combine(Paths.TempFolder(), "adult.html");
        var run = CliRun.Of("evaluate", "--data", ScoredAdult.Value, "--label", "class", "--score", "score", "--positive-label", ">50K",
            "--bootstrap", "200", "--slice", "sex,race", "--find-slices", "--sensitive", "sex,race", "--out", html, "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.True(d.RootElement.GetProperty("metrics").GetProperty("roc_auc").GetProperty("value").GetDouble() > 0.85);
        Assert.Equal(16_281, d.RootElement.GetProperty("data").GetProperty("rows_used").GetInt32());
        var groups = d.RootElement.GetProperty("fairness").GetProperty("groups");
        Assert.Equal(10, groups.GetArrayLength()); // 2 sexes × 5 races in adult
        Assert.False(d.RootElement.GetProperty("fairness").GetProperty("four_fifths_rule").GetProperty("passed").GetBoolean());
        Assert.Contains(d.RootElement.GetProperty("slices").EnumerateArray(), s => s.GetProperty("column").GetString() == "sex");
        var text = File.ReadAllText(html);
        Assert.Contains("Weakest slices", text);
        Assert.Contains("Fairness", text);
        Assert.Contains("Reliability diagram", text);
        Assert.True(text.Length < 2_000_000);
    }

    [Fact]
    public void GermanCreditScoredByAnMlNetModelGetsSlicesAndFairness()
    {
        // First 700 rows train a FastTree model, the last 300 are scored; class 2 = bad credit is the positive class.
        var frame = DataFile.Read(Paths.Data("german_credit", "german_credit_with_header.csv"));
        var train = frame.Take([.. Enumerable.Range(0, 700)]);
        var test = frame.Take([.. Enumerable.Range(700, 300)]);
        var scores = QuickClassifier.FitPredict(train, "class", "2", Without(test, "class"));
        var scored = new DataFrame([.. test.Columns, new NumericColumn("score", scores)], "german-test");
        var path = Path.Combine(Paths.TempFolder(), "german_scored.csv");
        CsvWriter.Write(scored, path);
        var html = Path.Combine(Paths.TempFolder(), "german.html");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "class", "--score", "score", "--positive-label", "2",
            "--bootstrap", "200", "--slice", "personal_status_sex,age_years", "--find-slices", "--sensitive", "personal_status_sex,foreign_worker",
            "--out", html, "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.InRange(d.RootElement.GetProperty("metrics").GetProperty("roc_auc").GetProperty("value").GetDouble(), 0.7, 0.9);
        Assert.Equal(300, d.RootElement.GetProperty("data").GetProperty("rows_used").GetInt32());
        // 300 rows split over sex codes × foreign worker: several groups are below 30 rows and must be flagged, not tested.
        Assert.Contains(d.RootElement.GetProperty("fairness").GetProperty("groups").EnumerateArray(), g => g.GetProperty("insufficient_data").GetBoolean());
        Assert.Contains(d.RootElement.GetProperty("slices").EnumerateArray(), s => s.GetProperty("column").GetString() == "age_years");
        Assert.Contains("Fairness", File.ReadAllText(html));
    }
}
