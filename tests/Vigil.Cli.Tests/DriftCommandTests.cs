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
    public void NumericOverrideContradictedByTextIsAUsageError()
    {
        var reference = CliRun.TempFile("x,y\n1,a\n2,b\n3,c\n", "ref.csv");
        var current = CliRun.TempFile("x,y\n1,a\nten,b\n3,c\n", "cur.csv");
        var run = CliRun.Of("drift", "--reference", reference, "--current", current, "--numeric", "x");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--numeric x: the current data has text in 'x' (first non-number: 'ten')", run.Stderr);
    }

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

/// <summary>
/// <c>--multivariate domain_classifier,pca,mmd</c> on real data (issue 4 item 6): NannyML's California housing analysis
/// period moves Latitude and Longitude (its README), so every detector must flag it and the domain classifier must
/// name those columns; two interleaved halves of the reference come from one distribution, so mmd and the domain
/// classifier must not.
/// </summary>
public class DriftMultivariateCommandTests
{
    private static readonly string Reference = Paths.Data("nannyml_california_housing", "california_housing_reference.csv");
    private static readonly string Analysis = Paths.Data("nannyml_california_housing", "california_housing_analysis.csv");

    private static JsonElement Detector(JsonDocument doc, string method) =>
        doc.RootElement.GetProperty("multivariate").EnumerateArray().Single(m => m.GetProperty("method").GetString() == method);

    [Fact]
    public void CaliforniaHousingDriftsForAllThreeDetectorsAndTheClassifierBlamesLatitudeAndLongitude()
    {
        var html = Path.Combine(Paths.TempFolder(), "mv.html");
        var run = CliRun.Of("drift", "--reference", Reference, "--current", Analysis, "--multivariate", "domain_classifier,pca,mmd", "--json", "-", "--out", html);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = run.Json();
        foreach (var method in new[] { "domain_classifier", "pca", "mmd" })
        {
            var m = Detector(doc, method);
            foreach (var key in new[] { "method", "statistic", "p_value", "threshold", "drift", "details" }) Assert.True(m.TryGetProperty(key, out _), $"{method}.{key}");
            Assert.True(m.GetProperty("drift").GetBoolean(), method);
        }
        var dc = Detector(doc, "domain_classifier");
        Assert.True(dc.GetProperty("statistic").GetDouble() > 0.55);
        var details = dc.GetProperty("details");
        Assert.True(details.GetProperty("auc_ci_low").GetDouble() <= details.GetProperty("auc").GetDouble());
        Assert.True(details.GetProperty("auc_ci_high").GetDouble() >= details.GetProperty("auc").GetDouble());
        var top = details.GetProperty("drivers").EnumerateArray().Take(2).Select(d => d.GetProperty("column").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "Latitude", "Longitude" }, top);
        var mmd = Detector(doc, "mmd");
        Assert.True(mmd.GetProperty("p_value").GetDouble() < 0.05);
        Assert.True(mmd.GetProperty("details").GetProperty("permutations").GetInt32() >= 200);
        Assert.True(mmd.GetProperty("details").GetProperty("reference_rows").GetInt32() <= 5000);
        var page = File.ReadAllText(html);
        Assert.Contains("Multivariate", page);
        Assert.Contains("Domain classifier drivers", page);
    }

    [Fact]
    public void InterleavedHalvesOfTheReferenceDoNotDriftForMmdAndTheDomainClassifier()
    {
        var lines = File.ReadAllLines(Reference);
        var body = lines.Skip(1).ToArray();
        var even = CliRun.TempFile(string.Join('\n', body.Where((_, i) => i % 2 == 0).Prepend(lines[0])), "even.csv");
        var odd = CliRun.TempFile(string.Join('\n', body.Where((_, i) => i % 2 == 1).Prepend(lines[0])), "odd.csv");
        var run = CliRun.Of("drift", "--reference", even, "--current", odd, "--multivariate", "mmd,domain_classifier", "--exclude", "id,timestamp", "--json", "-");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = run.Json();
        Assert.Equal(1, doc.RootElement.GetProperty("schema_version").GetInt32());
        Assert.False(Detector(doc, "mmd").GetProperty("drift").GetBoolean());
        Assert.True(Detector(doc, "mmd").GetProperty("p_value").GetDouble() >= 0.05);
        Assert.False(Detector(doc, "domain_classifier").GetProperty("drift").GetBoolean());
        Assert.True(Detector(doc, "domain_classifier").GetProperty("statistic").GetDouble() <= 0.55);
    }

    [Fact]
    public void AnUnknownDetectorIsAUsageErrorListingTheAvailableOnes()
    {
        var err = new StringWriter();
        Assert.Equal(2, VigilApp.Run(["drift", "--reference", Reference, "--current", Analysis, "--multivariate", "pca,umap"], new StringWriter(), err));
        Assert.Contains("domain_classifier, pca, mmd", err.ToString());
    }
}

/// <summary>
/// <c>vigil drift --reference-profile --current-profile</c> (issue 6 item 5) end to end: profiles written by
/// <c>vigil profile</c> give the same drifted columns as <c>vigil drift</c> on the raw files.
/// </summary>
public class DriftFromProfilesCommandTests
{
    private static HashSet<string> Drifted(JsonDocument doc) =>
        doc.RootElement.GetProperty("columns").EnumerateArray().Where(c => c.GetProperty("drift").GetBoolean()).Select(c => c.GetProperty("column").GetString()!).ToHashSet();

    private static string Profile(string data, string name)
    {
        var path = Path.Combine(Paths.TempFolder(), name);
        var run = CliRun.Of("profile", "--data", data, "--json", path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return path;
    }

    /// <summary>A small seeded two-window table like the workshop's w1 data: two numeric and two categorical columns, one of each shifted.</summary>
    private static (string Reference, string Current) Synthetic()
    {
        var rng = new Random(20240601);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        string Table(bool shifted)
        {
            var sb = new System.Text.StringBuilder("income,age,region,channel\n");
            string[] regions = ["north", "south", "east", "west"];
            for (var i = 0; i < 600; i++)
            {
                var income = 50 + 10 * Normal() + (shifted ? 8 : 0);
                var age = 40 + 12 * Normal();
                var region = shifted && rng.NextDouble() < 0.5 ? "north" : regions[rng.Next(4)];
                var channel = rng.NextDouble() < 0.3 ? "web" : rng.NextDouble() < 0.5 ? "store" : "phone";
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{income:0.###},{age:0.##},{region},{channel}\n");
            }
            return sb.ToString();
        }
        return (CliRun.TempFile(Table(false), "w1_reference.csv"), CliRun.TempFile(Table(true), "w1_current.csv"));
    }

    [Fact]
    public void SyntheticProfilesFlagTheSameColumnsAsRawDrift()
    {
        var (reference, current) = Synthetic();
        var raw = CliRun.Of("drift", "--reference", reference, "--current", current, "--json", "-");
        Assert.True(raw.ExitCode == 0, raw.Stderr);
        var fromProfiles = CliRun.Of("drift", "--reference-profile", Profile(reference, "w1_ref.json"), "--current-profile", Profile(current, "w1_cur.json"), "--json", "-");
        Assert.True(fromProfiles.ExitCode == 0, fromProfiles.Stderr);
        using var a = raw.Json();
        using var b = fromProfiles.Json();
        Assert.Equal(new HashSet<string> { "income", "region" }, Drifted(a));
        Assert.Equal(Drifted(a), Drifted(b));
        foreach (var c in b.RootElement.GetProperty("columns").EnumerateArray())
        {
            foreach (var key in new[] { "column", "method", "statistic", "p_value", "threshold", "drift", "error_bound" }) Assert.True(c.TryGetProperty(key, out _), key);
            Assert.Contains(c.GetProperty("method").GetString(), new[] { "ks", "chisquare" }); // 600 rows ≤ 1000: the p-value tests
        }
    }

    [Theory]
    [InlineData("psi")]
    [InlineData("jensenshannon")]
    public void CaliforniaHousingProfilesFlagTheSameColumnsAsRawDrift(string method)
    {
        var reference = Paths.Data("nannyml_california_housing", "california_housing_reference.csv");
        var analysis = Paths.Data("nannyml_california_housing", "california_housing_analysis.csv");
        var columns = "MedInc,HouseAge,AveRooms,AveBedrms,Population,AveOccup,Latitude,Longitude";
        var raw = CliRun.Of("drift", "--reference", reference, "--current", analysis, "--columns", columns, "--method", method, "--json", "-");
        Assert.True(raw.ExitCode == 0, raw.Stderr);
        var fromProfiles = CliRun.Of("drift", "--reference-profile", Profile(reference, $"ca_ref_{method}.json"), "--current-profile", Profile(analysis, $"ca_cur_{method}.json"),
            "--columns", columns, "--method", method, "--json", "-");
        Assert.True(fromProfiles.ExitCode == 0, fromProfiles.Stderr);
        using var a = raw.Json();
        using var b = fromProfiles.Json();
        Assert.Contains("Latitude", Drifted(a));
        // a column whose raw distance is within 0.01 of the threshold is a coin toss for any approximation (AveOccup's
        // raw jensenshannon is 0.0994 against 0.1); every other column must get the raw decision, and every profile
        // statistic must lie within its stated error bound of the raw one
        var rawColumns = a.RootElement.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!);
        var borderline = rawColumns.Where(kv => Math.Abs(kv.Value.GetProperty("statistic").GetDouble() - kv.Value.GetProperty("threshold").GetDouble()) < 0.01)
            .Select(kv => kv.Key).ToHashSet();
        Assert.True(borderline.Count <= 1);
        Assert.Equal(Drifted(a).Except(borderline).ToHashSet(), Drifted(b).Except(borderline).ToHashSet());
        foreach (var c in b.RootElement.GetProperty("columns").EnumerateArray())
        {
            var bound = c.GetProperty("error_bound").GetDouble();
            Assert.True(bound >= 0);
            var rawStatistic = rawColumns[c.GetProperty("column").GetString()!].GetProperty("statistic").GetDouble();
            Assert.True(Math.Abs(c.GetProperty("statistic").GetDouble() - rawStatistic) <= bound, c.GetProperty("column").GetString());
        }
    }

    [Fact]
    public void MixingDataAndProfilesOrAskingForRawOnlyMethodsIsAUsageError()
    {
        var (reference, current) = Synthetic();
        var rp = Profile(reference, "u_ref.json");
        var cp = Profile(current, "u_cur.json");
        Assert.Equal(2, CliRun.Of("drift", "--reference", reference, "--current-profile", cp).ExitCode);
        Assert.Equal(2, CliRun.Of("drift", "--reference-profile", rp).ExitCode);
        var bad = CliRun.Of("drift", "--reference-profile", rp, "--current-profile", cp, "--method", "wasserstein");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("cannot be computed from profiles", bad.Stderr);
    }
}

/// <summary><c>--lineage</c> on <c>evaluate</c> and <c>drift</c> (issue 6 item 6): both reports hang below the dataset's fingerprint id.</summary>
public class DriftAndEvaluateLineageTests
{
    [Fact]
    public void EvaluateAndDriftReportsAreDownstreamOfTheDataset()
    {
        var reference = Paths.Data("nannyml_california_housing", "california_housing_reference.csv");
        var analysis = Paths.Data("nannyml_california_housing", "california_housing_analysis.csv");
        var folder = Paths.TempFolder();
        var store = Path.Combine(folder, "lineage.jsonl");
        var evalJson = Path.Combine(folder, "eval.json");
        var driftJson = Path.Combine(folder, "drift.json");
        var driftHtml = Path.Combine(folder, "drift.html");
        var e = CliRun.Of("evaluate", "--data", reference, "--label", "clf_target", "--score", "y_pred_proba", "--bootstrap", "0", "--json", evalJson, "--lineage", store);
        Assert.True(e.ExitCode == 0, e.Stderr);
        var d = CliRun.Of("drift", "--reference", reference, "--current", analysis, "--columns", "Latitude", "--json", driftJson, "--out", driftHtml, "--lineage", store);
        Assert.True(d.ExitCode == 0, d.Stderr);

        var datasetId = File.ReadLines(store).Select(l => JsonDocument.Parse(l).RootElement).First(r => r.GetProperty("id").GetString()!.StartsWith("dataset:", StringComparison.Ordinal)
            && r.GetProperty("attributes").GetProperty("path").GetString() == reference).GetProperty("id").GetString()!;
        var show = CliRun.Of("lineage", "show", datasetId[..14], "--lineage", store, "--json", "-");
        Assert.True(show.ExitCode == 0, show.Stderr);
        using var doc = show.Json();
        Assert.Equal(datasetId, doc.RootElement.GetProperty("id").GetString());
        var reports = doc.RootElement.GetProperty("downstream").GetProperty("children").EnumerateArray().ToList();
        var commands = reports.Select(r => r.GetProperty("attributes").GetProperty("command").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "evaluate", "drift" }, commands);
        var drift = reports.Single(r => r.GetProperty("attributes").GetProperty("command").GetString() == "drift").GetProperty("attributes");
        Assert.Equal(Path.GetFullPath(driftJson), drift.GetProperty("json").GetString());
        Assert.Equal(Path.GetFullPath(driftHtml), drift.GetProperty("html").GetString());
        var evaluate = reports.Single(r => r.GetProperty("attributes").GetProperty("command").GetString() == "evaluate").GetProperty("attributes");
        Assert.Equal(Path.GetFullPath(evalJson), evaluate.GetProperty("json").GetString());
    }

    [Fact]
    public void AColumnThatTurnsFromNumbersToTextIsReportedNotTestedAsCategories()
    {
        var reference = CliRun.TempFile("score,x\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i * 0.01},{i % 7}\n")), "ref.csv");
        var current = CliRun.TempFile("score,x\n" + string.Concat(Enumerable.Range(0, 200).Select(i => i == 150 ? $"high,{i % 7}\n" : $"{i * 0.01},{i % 7}\n")), "cur.csv");
        var run = CliRun.Of("drift", "--reference", reference, "--current", current, "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var d = run.Json();
        var skipped = d.RootElement.GetProperty("skipped_columns").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "score");
        Assert.Contains("numbers in the reference data but text in the current data (first non-number: 'high')", skipped.GetProperty("reason").GetString());
        Assert.DoesNotContain(d.RootElement.GetProperty("columns").EnumerateArray(), c => c.GetProperty("column").GetString() == "score");
    }
}
