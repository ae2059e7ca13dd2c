using System.Text.Json;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests;

public class EvaluateCommandTests
{
    // scikit-learn's documented examples: roc_auc_score([0,0,1,1],[0.1,0.4,0.35,0.8]) = 0.75 and
    // average_precision_score(same) = 0.8333 (sklearn.metrics docstrings).
    private const string SklearnDocExample = "y,p\n0,0.1\n0,0.4\n1,0.35\n1,0.8\n";

    private static JsonElement Metric(JsonDocument d, string name) => d.RootElement.GetProperty("metrics").GetProperty(name);

    [Fact]
    public void BinaryMetricsMatchScikitLearnsDocumentedExample()
    {
        var path = CliRun.TempFile(SklearnDocExample);
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p", "--json", "-", "--bootstrap", "200");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.Equal("binary", d.RootElement.GetProperty("task").GetString());
        Assert.Equal(0.75, Metric(d, "roc_auc").GetProperty("value").GetDouble(), 12);
        Assert.Equal("delong", Metric(d, "roc_auc").GetProperty("ci_method").GetString());
        Assert.Equal(0.8333333333333333, Metric(d, "average_precision").GetProperty("value").GetDouble(), 12);
        Assert.Equal("1", d.RootElement.GetProperty("positive_label").GetString());
        Assert.Equal(1, d.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Contains("binary", run.Stderr);
    }

    [Fact]
    public void MissingLabelColumnExitsTwoNamingItAndListingColumns()
    {
        var run = CliRun.Of("evaluate", "--data", CliRun.TempFile(SklearnDocExample), "--label", "target", "--score", "p");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no label column 'target' (columns: y, p)", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void MissingScoreColumnExitsTwo()
    {
        var run = CliRun.Of("evaluate", "--data", CliRun.TempFile(SklearnDocExample), "--label", "y", "--score", "prob");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no score column 'prob'", run.Stderr);
    }

    [Fact]
    public void NonNumericScoreNamesFileLineAndColumn()
    {
        var path = CliRun.TempFile("y,p\n0,0.1\n1,0.9\n1,high\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{path}:4 column 'p': expected a number (score), found 'high'", run.Stderr);
    }

    [Fact]
    public void RowsWithMissingLabelsOrScoresAreSkippedAndCounted()
    {
        var path = CliRun.TempFile("y,p\n0,0.1\n,0.4\n1,\n1,NaN\n1,0.8\n0,0.3\nNA,0.2\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p", "--json", "-", "--bootstrap", "0");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        var data = d.RootElement.GetProperty("data");
        Assert.Equal(7, data.GetProperty("rows").GetInt32());
        Assert.Equal(3, data.GetProperty("rows_used").GetInt32());
        Assert.Equal(4, data.GetProperty("rows_skipped").GetInt32());
        Assert.Equal(2, data.GetProperty("skipped_reasons").GetProperty("missing label").GetInt32());
        Assert.Equal(2, data.GetProperty("skipped_reasons").GetProperty("missing score").GetInt32());
    }

    [Fact]
    public void ScoresOutsideUnitIntervalMakeProbabilityMetricsNullWithReason()
    {
        var path = CliRun.TempFile("y,margin\n0,-2.5\n0,0.3\n1,1.7\n1,4\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "margin", "--json", "-", "--bootstrap", "0");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.Equal(JsonValueKind.Null, Metric(d, "log_loss").GetProperty("value").ValueKind);
        Assert.Equal("scores outside [0,1]", Metric(d, "log_loss").GetProperty("reason").GetString());
        Assert.Equal(1.0, Metric(d, "roc_auc").GetProperty("value").GetDouble());
        Assert.Contains("outside [0, 1]", run.Stderr);
    }

    [Fact]
    public void OneClassOnlyReportsUndefinedMetricsWithReason()
    {
        var path = CliRun.TempFile("y,p\n1,0.2\n1,0.9\n1,0.7\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p", "--json", "-", "--bootstrap", "50");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.Equal(JsonValueKind.Null, Metric(d, "roc_auc").GetProperty("value").ValueKind);
        Assert.Contains("one class", Metric(d, "roc_auc").GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("y,p\n", "no data rows")]
    [InlineData("y,p\n0,0.1\n1\n", "expected 2 fields")]
    [InlineData("y,p\n0,0.1\n1,\"0.9\n", "unterminated quoted field")]
    public void BadFilesExitTwoWithAClearMessage(string content, string expected)
    {
        var run = CliRun.Of("evaluate", "--data", CliRun.TempFile(content), "--label", "y", "--score", "p");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
    }

    [Fact]
    public void UnknownLabelsNeedAPositiveLabel()
    {
        var path = CliRun.TempFile("y,p\ngood,0.1\nbad,0.9\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot tell which label is positive among: bad, good", run.Stderr);
        var ok = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p", "--positive-label", "bad", "--json", "-", "--bootstrap", "0");
        Assert.Equal(0, ok.ExitCode);
        using var d = ok.Json();
        Assert.Equal(1.0, Metric(d, "roc_auc").GetProperty("value").GetDouble());
    }

    [Fact]
    public void YesNoLabelsTakeYesAsPositive()
    {
        var path = CliRun.TempFile("y,p\nNo,0.1\nYes,0.9\nno,0.6\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p", "--json", "-", "--bootstrap", "0");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.Equal("Yes", d.RootElement.GetProperty("positive_label").GetString());
    }

    [Fact]
    public void FailIfExitsOneWhenAConditionHolds()
    {
        var path = CliRun.TempFile(SklearnDocExample);
        Assert.Equal(1, CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p", "--bootstrap", "0", "--fail-if", "roc_auc < 0.8").ExitCode);
        Assert.Equal(0, CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p", "--bootstrap", "0", "--fail-if", "roc_auc < 0.7; brier > 0.9").ExitCode);
        var bad = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "p", "--fail-if", "auc < 0.8");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown metric 'auc'", bad.Stderr);
    }

    [Fact]
    public void ParseErrorsExitTwo()
    {
        var run = CliRun.Of("evaluate", "--label", "y");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--data", run.Stderr);
    }

    [Fact]
    public void SameSeedGivesIdenticalIntervals()
    {
        var path = Path.Combine(Paths.TempFolder(), "ex");
        Assert.Equal(0, CliRun.Of("example", "evaluate", "--dir", path, "--rows", "3000").ExitCode);
        var data = Path.Combine(path, "credit_scores.csv");
        var a = CliRun.Of("evaluate", "--data", data, "--label", "default", "--score", "score", "--json", "-", "--bootstrap", "300", "--seed", "7");
        var b = CliRun.Of("evaluate", "--data", data, "--label", "default", "--score", "score", "--json", "-", "--bootstrap", "300", "--seed", "7");
        var c = CliRun.Of("evaluate", "--data", data, "--label", "default", "--score", "score", "--json", "-", "--bootstrap", "300", "--seed", "8");
        Assert.Equal(a.Stdout, b.Stdout);
        Assert.NotEqual(a.Stdout, c.Stdout);
        Assert.True(File.Exists(Path.Combine(path, "evaluation.html")));
    }

    [Fact]
    public void MulticlassFromProbabilityColumns()
    {
        var path = CliRun.TempFile("y,a,b,c\na,0.7,0.2,0.1\nb,0.2,0.5,0.3\nc,0.1,0.3,0.6\na,0.3,0.4,0.3\nb,0.1,0.8,0.1\nc,0.5,0.2,0.3\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "a,b,c", "--json", "-", "--bootstrap", "0");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.Equal("multiclass", d.RootElement.GetProperty("task").GetString());
        // hand-computed: argmax predictions a,b,c,b,b,a → 4 of 6 correct
        Assert.Equal(4.0 / 6, Metric(d, "accuracy").GetProperty("value").GetDouble(), 12);
        Assert.Equal(3, d.RootElement.GetProperty("confusion_matrix").GetProperty("labels").GetArrayLength());
    }

    [Fact]
    public void RegressionIsInferredForAContinuousLabel()
    {
        var path = CliRun.TempFile("y,yhat\n3,2.5\n-0.5,0.0\n2,2\n7,8\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--prediction", "yhat", "--json", "-", "--bootstrap", "0");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.Equal("regression", d.RootElement.GetProperty("task").GetString());
        // scikit-learn docstring example: mean_absolute_error = 0.5, mean_squared_error = 0.375, r2_score = 0.9486...
        Assert.Equal(0.5, Metric(d, "mae").GetProperty("value").GetDouble(), 12);
        Assert.Equal(0.375, Metric(d, "mse").GetProperty("value").GetDouble(), 12);
        Assert.Equal(0.9486081370449679, Metric(d, "r2").GetProperty("value").GetDouble(), 12);
    }

    [Fact]
    public void RankingWithGroups()
    {
        var path = CliRun.TempFile("q,rel,s\n1,3,0.9\n1,0,0.8\n1,1,0.1\n2,0,0.7\n2,2,0.4\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "rel", "--score", "s", "--group", "q", "--k", "1,3", "--json", "-", "--bootstrap", "0");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        Assert.Equal("ranking", d.RootElement.GetProperty("task").GetString());
        // reciprocal ranks: query 1 → 1, query 2 → 1/2; mean 0.75
        Assert.Equal(0.75, Metric(d, "mrr").GetProperty("value").GetDouble(), 12);
    }

    [Fact]
    public void HtmlReportIsSelfContainedAndEscapesUserText()
    {
        var dir = Paths.TempFolder();
        var path = Path.Combine(dir, "a&b<i>.csv");
        File.WriteAllText(path, "<script>alert(1)</script>,p\n0,0.1\n0,0.4\n1,0.35\n1,0.8\n");
        var html = Path.Combine(dir, "r.html");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "<script>alert(1)</script>", "--score", "p", "--out", html, "--bootstrap", "50");
        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(html);
        Assert.DoesNotContain("<script>alert(1)</script>", text);
        Assert.Contains("&lt;script&gt;", text);
        Assert.Contains("a&amp;b&lt;i&gt;.csv", text);
        Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", text);
        Assert.Contains("<svg", text);
    }

    [Fact]
    public void NonFiniteThresholdIsAUsageError()
    {
        var run = CliRun.Of("evaluate", "--data", CliRun.TempFile(SklearnDocExample), "--label", "y", "--score", "p", "--threshold", "nan");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--threshold expects a finite number", run.Stderr);
    }

    [Fact]
    public void ADirectoryAsDataIsAClearError()
    {
        var dir = Paths.TempFolder();
        var run = CliRun.Of("evaluate", "--data", dir, "--label", "y", "--score", "p");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a directory", run.Stderr);
    }

    [Fact]
    public void ExampleIntoAnExistingFileIsAUsageError()
    {
        var file = CliRun.TempFile("x");
        var run = CliRun.Of("example", "evaluate", "--dir", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot write the example", run.Stderr);
    }

    [Fact]
    public void LabelsThatMatchNoScoreColumnSayWhy()
    {
        var path = CliRun.TempFile("y,pa,pb,pc\na,0.7,0.2,0.1\nb,0.2,0.5,0.3\nc,0.1,0.3,0.6\n");
        var run = CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "pa,pb,pc");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("3 rows with label not among the classes", run.Stderr);
        Assert.Contains("--classes", run.Stderr);
        Assert.Equal(0, CliRun.Of("evaluate", "--data", path, "--label", "y", "--score", "pa,pb,pc", "--classes", "a,b,c", "--bootstrap", "0").ExitCode);
    }
}
