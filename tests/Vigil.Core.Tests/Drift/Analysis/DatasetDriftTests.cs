using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Drift;
using Vigil.Core.Drift.Analysis;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Drift.Analysis;

/// <summary>
/// The dataset drift engine against scipy 1.10 on real data and a synthetic file with missing values
/// (tests/fixtures/gen_drift_analysis.py); tolerances are the contract's 1e-6 relative or 1e-12 absolute.
/// </summary>
public class DatasetDriftTests
{
    private static readonly Lazy<(DataFrame Reference, DataFrame Current)> California = new(() => (
        TestFrames.ReadPlainCsv(Paths.Data("nannyml_california_housing", "california_housing_reference.csv")),
        TestFrames.ReadPlainCsv(Paths.Data("nannyml_california_housing", "california_housing_analysis.csv"))));

    private static void Close(double expected, double actual)
    {
        var ok = Math.Abs(expected - actual) <= Math.Max(1e-12, 1e-6 * Math.Abs(expected));
        Assert.True(ok, $"expected {expected:R}, got {actual:R}");
    }

    private static JsonElement Expected(string file, string group, string column)
    {
        using var doc = Fixture.Load($"drift_analysis/{file}");
        var e = string.IsNullOrEmpty(group) ? doc.RootElement.GetProperty(column) : doc.RootElement.GetProperty(group).GetProperty("columns").GetProperty(column);
        return e.Clone();
    }

    [Fact]
    public void CaliforniaLatitudeAndLongitudeDriftWithTheDefaultPolicyAndMatchScipy()
    {
        var (r, c) = California.Value;
        var result = DatasetDrift.Analyze(r, c, new DriftAnalysisSettings());
        foreach (var name in new[] { "Latitude", "Longitude" })
        {
            var col = result.Columns.Single(x => x.Column == name);
            Assert.Equal("wasserstein_norm", col.Result.Method); // 5832 reference rows > 1000
            Assert.True(col.Drift);
            Close(Expected("real.json", "california", name).GetProperty("wasserstein_norm").GetDouble(), col.Result.Statistic);
        }
        Assert.Contains(result.Skipped, s => s.Column == "clf_target" && s.Reason.Contains("only in the reference"));
        Assert.Contains(result.Skipped, s => s.Column == "id" && s.Reason.StartsWith("id-like"));
        Assert.Equal(result.DriftedColumns / (double)result.Columns.Count, result.DriftShare);
        Assert.Equal("Longitude", result.BySeverity()[0].Column);
    }

    [Fact]
    public void MethodOverrideAndBenjaminiHochbergMatchScipyAndThePaper()
    {
        var (r, c) = California.Value;
        var columns = new[] { "MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude", "y_pred_proba" };
        var result = DatasetDrift.Analyze(r, c, new DriftAnalysisSettings { Columns = columns, Method = "ks", FalseDiscoveryRate = 0.05 });
        Assert.Equal(columns.Length, result.Columns.Count);
        foreach (var col in result.Columns)
        {
            var e = Expected("real.json", "california", col.Column);
            Assert.Equal("ks", col.Result.Method);
            Close(e.GetProperty("ks_statistic").GetDouble(), col.Result.Statistic);
            Close(e.GetProperty("ks_p_value").GetDouble(), col.Result.PValue!.Value);
            Close(e.GetProperty("ks_bh_adjusted").GetDouble(), col.AdjustedPValue!.Value);
            Assert.Equal(e.GetProperty("ks_bh_adjusted").GetDouble() < 0.05, col.Drift);
            Assert.Equal(0.05, col.Threshold);
        }
    }

    [Fact]
    public void PerColumnMethodAndThresholdOverrides()
    {
        var (r, c) = California.Value;
        var result = DatasetDrift.Analyze(r, c, new DriftAnalysisSettings
        {
            Columns = ["Latitude", "AveRooms"],
            MethodFor = new Dictionary<string, string> { ["Latitude"] = "ks" },
            ThresholdFor = new Dictionary<string, double> { ["AveRooms"] = 0.05 },
        });
        var lat = result.Columns.Single(x => x.Column == "Latitude");
        Assert.Equal("ks", lat.Result.Method);
        Assert.Equal("--method-for Latitude=ks", lat.MethodReason);
        var rooms = result.Columns.Single(x => x.Column == "AveRooms");
        Assert.Equal(0.05, rooms.Threshold);
        var wn = Expected("real.json", "california", "AveRooms").GetProperty("wasserstein_norm").GetDouble();
        Assert.Equal(wn >= 0.05, rooms.Drift);
    }

    [Fact]
    public void MissingValuesAreDroppedAndCountedAndEmptyOrIdColumnsAreSkipped()
    {
        var r = TestFrames.ReadPlainCsv(Paths.Fixture("drift_analysis", "missing_ref.csv"));
        var c = TestFrames.ReadPlainCsv(Paths.Fixture("drift_analysis", "missing_cur.csv"));
        var result = DatasetDrift.Analyze(r, c, new DriftAnalysisSettings());
        var x = result.Columns.Single(col => col.Column == "x");
        var ex = Expected("missing.json", "", "x");
        Assert.Equal("ks", x.Result.Method); // 270 reference values ≤ 1000
        Close(ex.GetProperty("ks_statistic").GetDouble(), x.Result.Statistic);
        Close(ex.GetProperty("ks_p_value").GetDouble(), x.Result.PValue!.Value);
        Assert.Equal(ex.GetProperty("reference_rows").GetInt32(), x.Result.ReferenceCount);
        Close(ex.GetProperty("missing_share_reference").GetDouble(), x.MissingShareReference);
        Close(ex.GetProperty("missing_share_current").GetDouble(), x.MissingShareCurrent);
        foreach (var name in new[] { "g", "k" })
        {
            var col = result.Columns.Single(v => v.Column == name);
            var e = Expected("missing.json", "", name);
            Assert.Equal(DriftColumnKind.Categorical, col.Kind);
            Assert.Equal("chisquare", col.Result.Method); // ≤ 1000 rows, 3 or 4 categories
            Close(e.GetProperty("chisquare_statistic").GetDouble(), col.Result.Statistic);
            Close(e.GetProperty("chisquare_p_value").GetDouble(), col.Result.PValue!.Value);
            Close(e.GetProperty("missing_share_current").GetDouble(), col.MissingShareCurrent);
        }
        Assert.Contains(result.Skipped, s => s.Column == "empty" && s.Reason.Contains("no values"));
        Assert.Contains(result.Skipped, s => s.Column == "uid" && s.Reason.StartsWith("id-like"));
    }

    [Fact]
    public void InvalidSettingsListEveryProblem()
    {
        var (r, c) = California.Value;
        var e = Assert.Throws<ArgumentException>(() => DatasetDrift.Analyze(r, c, new DriftAnalysisSettings
        {
            Columns = ["Latitude", "nope"],
            Method = "wasserstein",
            MethodFor = new Dictionary<string, string> { ["MedInc"] = "no_such" },
        }));
        Assert.Contains("unknown column 'nope'", e.Message);
        Assert.Contains("Latitude", e.Message); // lists the valid columns
        Assert.Contains("no default threshold", e.Message);
        Assert.Contains("unknown method 'no_such'", e.Message);
    }

    [Fact]
    public void RowChunksGiveOneWindowPerChunkWithTheWholeRunsMethod()
    {
        var (r, c) = California.Value;
        var result = DatasetDrift.Analyze(r, c, new DriftAnalysisSettings { Columns = ["Latitude", "HouseAge"], ChunkSize = 3000 });
        Assert.Equal(3, result.Windows.Count); // 8232 rows → 3000, 3000, 2232
        Assert.Equal([3000, 3000, 2232], result.Windows.Select(w => w.Rows));
        foreach (var w in result.Windows)
        {
            Assert.Equal(2, w.Columns.Count);
            Assert.All(w.Columns, col => Assert.Equal("wasserstein_norm", col.Result.Method));
            Assert.Equal(w.Rows, w.Columns[0].Result.CurrentCount);
        }
        // the first chunk alone, analysed as current data, gives the same statistic as the window
        var first = c.Take(Enumerable.Range(0, 3000).ToArray());
        var alone = DatasetDrift.Analyze(r, first, new DriftAnalysisSettings { Columns = ["Latitude"] });
        Assert.Equal(alone.Columns[0].Result.Statistic, result.Windows[0].Columns.Single(x => x.Column == "Latitude").Result.Statistic);
    }

    [Fact]
    public void CalendarWindowsOnATimestampColumn()
    {
        var t0 = new DateTime(2024, 1, 30, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var ticks = Enumerable.Range(0, 96).Select(i => t0 + i * TimeSpan.TicksPerHour).ToArray(); // Jan 30 – Feb 2
        var cur = TestFrames.Frame(new NumericColumn("v", ticks.Select((_, i) => i < 48 ? i % 10 / 10.0 : 5 + i % 10 / 10.0).ToArray()), new TimestampColumn("ts", ticks));
        var refv = TestFrames.Frame(new NumericColumn("v", Enumerable.Range(0, 200).Select(i => i % 10 / 10.0).ToArray()));
        var result = DatasetDrift.Analyze(refv, cur, new DriftAnalysisSettings { Timestamp = "ts", Window = "1M" });
        Assert.Equal(["2024-01", "2024-02"], result.Windows.Select(w => w.Key));
        Assert.False(result.Windows[0].Columns[0].Drift); // January is the reference pattern
        Assert.True(result.Windows[1].Columns[0].Drift);  // February is shifted by 5
        Assert.Contains(result.Skipped, s => s.Column == "ts");
    }

    [FsCheck.Xunit.Property(MaxTest = 30)]
    public bool DriftShareIsDriftedOverTested(int[] a, int[] b)
    {
        if (a.Length < 3 || b.Length < 3) return true;
        var cols = new[] { 1.0, 2.0, 3.0 };
        var r = TestFrames.Frame(cols.Select(k => (Column)new NumericColumn($"c{k}", a.Select(v => v / k + 0.25).ToArray())).ToArray());
        var c = TestFrames.Frame(cols.Select(k => (Column)new NumericColumn($"c{k}", b.Select(v => v / k + 0.25).ToArray())).ToArray());
        var result = DatasetDrift.Analyze(r, c, new DriftAnalysisSettings());
        var tested = result.Columns.Count;
        return tested + result.Skipped.Count == 3
               && (tested == 0 || result.DriftShare == result.Columns.Count(x => x.Drift) / (double)tested)
               && result.DatasetDrift == (tested > 0 && result.DriftShare >= 0.5);
    }
}
