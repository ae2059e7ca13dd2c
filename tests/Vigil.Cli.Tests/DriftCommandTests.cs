using System.Text.Json;
using Vigil.Core.Data;
using Vigil.IO;
using Vigil.IO.Csv;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil drift</c> end to end, in process: exit codes, the JSON contract and real data.</summary>
public class DriftCommandTests
{
    private static readonly string Reference = Paths.Data("nannyml_california_housing", "california_housing_reference.csv");
    private static readonly string Analysis = Paths.Data("nannyml_california_housing", "california_housing_analysis.csv");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = VigilApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static JsonElement Column(JsonDocument doc, string name) =>
        doc.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").GetString() == name);

    [Fact]
    public void CaliforniaHousingLatitudeAndLongitudeDriftAndTheJsonHasTheContractsShape()
    {
        var (code, stdout, stderr) = Run("drift", "--reference", Reference, "--analysis", Analysis, "--json", "-");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout); // human output went to stderr
        var root = doc.RootElement;
        foreach (var key in new[] { "dataset_drift", "drift_share", "drift_share_threshold", "drifted_columns", "columns_tested", "columns", "skipped_columns", "multivariate", "windows" })
            Assert.True(root.TryGetProperty(key, out _), key);
        foreach (var name in new[] { "Latitude", "Longitude" })
        {
            var c = Column(doc, name);
            Assert.True(c.GetProperty("drift").GetBoolean());
            foreach (var key in new[] { "column", "type", "method", "method_reason", "statistic", "p_value", "adjusted_p_value", "score_kind", "threshold", "drift", "reason",
                         "reference_rows", "current_rows", "missing_share_reference", "missing_share_current", "binning" })
                Assert.True(c.TryGetProperty(key, out _), key);
            Assert.Equal("distance", c.GetProperty("score_kind").GetString());
        }
        Assert.Equal(root.GetProperty("drifted_columns").GetInt32() / (double)root.GetProperty("columns_tested").GetInt32(), root.GetProperty("drift_share").GetDouble());
        Assert.Contains(root.GetProperty("skipped_columns").EnumerateArray(), s => s.GetProperty("column").GetString() == "timestamp");
        Assert.Contains("Longitude", stderr);
    }

    [Fact]
    public void FailOnDriftExitsOneOnlyWhenTheDatasetDrifts()
    {
        Assert.Equal(1, Run("drift", "--reference", Reference, "--current", Analysis, "--fail-on-drift").Code);
        // Latitude alone against itself cannot drift
        Assert.Equal(0, Run("drift", "--reference", Reference, "--current", Reference, "--columns", "Latitude", "--fail-on-drift").Code);
    }

    [Fact]
    public void UnknownColumnOrMethodIsAUsageErrorListingTheValidOnes()
    {
        var (code, _, err) = Run("drift", "--reference", Reference, "--current", Analysis, "--columns", "Latitude,Nope");
        Assert.Equal(2, code);
        Assert.Contains("unknown column 'Nope'", err);
        Assert.Contains("MedInc", err);
        (code, _, err) = Run("drift", "--reference", Reference, "--current", Analysis, "--method-for", "Latitude=kolmogorov");
        Assert.Equal(2, code);
        Assert.Contains("wasserstein_norm", err);
        Assert.Equal(2, Run("drift", "--reference", Reference, "--current", Analysis, "--method", "wasserstein").Code); // needs --threshold
        Assert.Equal(2, Run("drift", "--reference", Reference, "--current", "no/such/file.csv").Code);
        Assert.Equal(2, Run("drift", "--reference", Reference, "--current", Analysis, "--bins", "one").Code);
    }

    [Fact]
    public void BikeSharingTemperatureShiftsFromJanuaryToFebruary2011()
    {
        var hour = DataFile.Read(Paths.Data("bike_sharing", "hour.csv"));
        var yr = ((NumericColumn)hour["yr"]).Values;
        var month = ((NumericColumn)hour["mnth"]).Values;
        var dir = Paths.TempFolder();
        string Slice(int m)
        {
            var rows = Enumerable.Range(0, hour.RowCount).Where(i => yr[i] == 0 && month[i] == m).ToArray();
            var path = Path.Combine(dir, $"bike_{m}.csv");
            CsvWriter.Write(hour.Take(rows), path);
            return path;
        }
        var jan = Slice(1);
        var feb = Slice(2);
        var json = Path.Combine(dir, "drift.json");
        var (code, _, err) = Run("drift", "--reference", jan, "--current", feb, "--method-for", "temp=ks,hum=ks", "--json", json);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        using var expected = Fixture.Load("drift_analysis/real.json");
        foreach (var name in new[] { "temp", "hum" })
        {
            var c = Column(doc, name);
            var e = expected.RootElement.GetProperty("bike").GetProperty("columns").GetProperty(name);
            Approx.Equal(e.GetProperty("ks_statistic").GetDouble(), c.GetProperty("statistic").GetDouble(), 1e-9);
            Assert.Equal(e.GetProperty("ks_p_value").GetDouble() < 0.05, c.GetProperty("drift").GetBoolean());
        }
        Assert.True(Column(doc, "temp").GetProperty("drift").GetBoolean());
        Assert.Contains(doc.RootElement.GetProperty("skipped_columns").EnumerateArray(), s => s.GetProperty("column").GetString() == "instant");
    }

    [Fact]
    public void AnEmptyColumnIsSkippedWithAReasonAndTheReportGoesOn()
    {
        var dir = Paths.TempFolder();
        var html = Path.Combine(dir, "drift.html");
        var (code, stdout, err) = Run("drift", "--reference", Paths.Fixture("drift_analysis", "missing_ref.csv"), "--current", Paths.Fixture("drift_analysis", "missing_cur.csv"),
            "--json", "-", "--out", html);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var skipped = doc.RootElement.GetProperty("skipped_columns").EnumerateArray().ToDictionary(s => s.GetProperty("column").GetString()!, s => s.GetProperty("reason").GetString()!);
        Assert.Contains("empty", skipped.Keys);
        Assert.Contains("no values", skipped["empty"]);
        Assert.Equal(3, doc.RootElement.GetProperty("columns_tested").GetInt32()); // x, g, k
        using var expected = Fixture.Load("drift_analysis/missing.json");
        Approx.Equal(expected.RootElement.GetProperty("x").GetProperty("ks_p_value").GetDouble(), Column(doc, "x").GetProperty("p_value").GetDouble(), 1e-9);
        var page = File.ReadAllText(html);
        Assert.Contains("<svg", page);
        Assert.Contains("no values", page);
    }

    [Fact]
    public void WindowsGiveAJsonArrayAndAHeatmap()
    {
        var dir = Paths.TempFolder();
        var html = Path.Combine(dir, "drift.html");
        var (code, stdout, err) = Run("drift", "--reference", Reference, "--current", Analysis, "--columns", "Latitude,MedInc,y_pred",
            "--timestamp", "timestamp", "--window", "1M", "--json", "-", "--out", html, "--fdr", "0.05");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var windows = doc.RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.True(windows.Count >= 2);
        Assert.All(windows, w => Assert.Matches(@"^\d{4}-\d{2}$", w.GetProperty("window").GetString()!));
        Assert.Equal(8232, windows.Sum(w => w.GetProperty("rows").GetInt32()));
        Assert.All(windows, w => Assert.Equal(3, w.GetProperty("columns").GetArrayLength()));
        var page = File.ReadAllText(html);
        Assert.Contains("Drift over time", page);
        Assert.True(page.Length < 2_000_000);
        Assert.Equal(2, Run("drift", "--reference", Reference, "--current", Analysis, "--window", "1M").Code); // needs --timestamp
    }
}

public class DriftMultivariateCommandTests
{
    [Fact]
    public void PcaIsReportedAndUnavailableDetectorsAreUsageErrors()
    {
        var reference = Paths.Data("nannyml_california_housing", "california_housing_reference.csv");
        var analysis = Paths.Data("nannyml_california_housing", "california_housing_analysis.csv");
        var o = new StringWriter();
        var code = VigilApp.Run(["drift", "--reference", reference, "--current", analysis, "--multivariate", "pca", "--json", "-"], o, new StringWriter());
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(o.ToString());
        var pca = doc.RootElement.GetProperty("multivariate").EnumerateArray().Single();
        Assert.Equal("pca", pca.GetProperty("method").GetString());
        Assert.True(pca.GetProperty("drift").GetBoolean());
        var err = new StringWriter();
        Assert.Equal(2, VigilApp.Run(["drift", "--reference", reference, "--current", analysis, "--multivariate", "pca,domain_classifier"], new StringWriter(), err));
        Assert.Contains("ML.NET", err.ToString());
    }
}
