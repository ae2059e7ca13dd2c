using System.Globalization;
using System.Text.Json;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests;

public class StreamCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = VigilApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string WriteLines(IEnumerable<double> values)
    {
        var path = Path.Combine(Paths.TempFolder(), "stream.txt");
        File.WriteAllLines(path, values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return path;
    }

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    [Fact]
    public void AdwinFourSegmentsMatchesRiverRegressionTest()
    {
        using var doc = Fixture.Load("streaming/river_adwin_four_segments.json");
        var path = WriteLines(doc.RootElement.GetProperty("stream").Doubles());
        var (code, stdout, _) = Run("stream", "--detector", "adwin", "--input", path, "--json", "-");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1, json.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal("adwin", json.RootElement.GetProperty("detector").GetString());
        Assert.Equal(4000, json.RootElement.GetProperty("updates").GetInt32());
        Assert.Equal("0.002", json.RootElement.GetProperty("params").GetProperty("delta").GetString());
        Assert.Equal(doc.RootElement.GetProperty("drifts").Ints(), Ints(json.RootElement.GetProperty("drifts")));
    }

    public static TheoryData<string, string, int> RiverDocExamples()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var file in new[] { "river_numeric_stream.json", "river_binary_stream.json" })
        {
            using var doc = Fixture.Load("streaming/" + file);
            var i = 0;
            foreach (var _ in doc.RootElement.GetProperty("examples").EnumerateArray()) data.Add(file, doc.RootElement.GetProperty("examples")[i].GetProperty("detector").GetString()!, i++);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RiverDocExamples))]
    public void RiverDocumentationExamplesGiveTheSameIndicesThroughTheCli(string file, string detector, int example)
    {
        using var doc = Fixture.Load("streaming/" + file);
        var ex = doc.RootElement.GetProperty("examples")[example];
        var args = new List<string> { "stream", "--detector", detector, "--data", WriteLines(doc.RootElement.GetProperty("stream").Doubles()), "--json", "-" };
        foreach (var p in ex.GetProperty("params").EnumerateObject()) { args.Add("--param"); args.Add($"{p.Name}={p.Value.GetString()}"); }
        var (code, stdout, stderr) = Run([.. args]);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var drifts = Ints(json.RootElement.GetProperty("drifts"));
        if (ex.TryGetProperty("drifts", out var expected))
        {
            Assert.Equal(expected.Ints(), drifts);
            return;
        }
        // The binary examples print the first warning after the start or after each drift, and every drift.
        var warnings = Ints(json.RootElement.GetProperty("warnings"));
        var printed = new List<string>();
        var lastDrift = -1;
        var warned = false;
        for (var i = 0; i < json.RootElement.GetProperty("updates").GetInt32(); i++)
        {
            if (!warned && Array.BinarySearch(warnings, i) >= 0 && i > lastDrift) { printed.Add($"warning {i}"); warned = true; }
            if (Array.BinarySearch(drifts, i) >= 0) { printed.Add($"drift {i}"); lastDrift = i; warned = false; }
        }
        Assert.Equal(ex.GetProperty("printed").EnumerateArray().Select(x => x.GetString()), printed);
    }

    [Fact]
    public void CsvColumnGivesTheSameIndicesAsOneValuePerLine()
    {
        using var doc = Fixture.Load("streaming/river_numeric_stream.json");
        var values = doc.RootElement.GetProperty("stream").Doubles();
        var csv = Path.Combine(Paths.TempFolder(), "stream.csv");
        File.WriteAllLines(csv, ["row,value", .. values.Select((v, i) => $"{i},{v.ToString(CultureInfo.InvariantCulture)}")]);
        var (code, stdout, stderr) = Run("stream", "--detector", "page_hinkley", "--input", csv, "--column", "value", "--json", "-");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal([1006], Ints(json.RootElement.GetProperty("drifts"))); // River's PageHinkley docstring
    }

    [Fact]
    public void AllDetectorsWithTrueChangePointsReportDelaysFalseAlarmsAndMisses()
    {
        // Seeded synthetic stream: N(0,1) until 5000, N(3,1) until 12000, N(-1,1) after (Box–Muller on System.Random(7)).
        var rng = new Random(7);
        var values = new double[16000];
        for (var i = 0; i < values.Length; i++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            values[i] = z + (i < 5000 ? 0 : i < 12000 ? 3 : -1);
        }
        var path = WriteLines(values);
        var (code, stdout, stderr) = Run("stream", "--detector", "all", "--input", path, "--true-change-points", "5000,12000", "--param", "kswin.seed=42", "--json", "-");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal([5000, 12000], Ints(root.GetProperty("true_change_points")));
        var names = root.GetProperty("detectors").EnumerateArray().Select(d => d.GetProperty("detector").GetString()!).ToArray();
        Assert.Equal(["adwin", "page_hinkley", "kswin", "cusum", "ewma"], names);
        Assert.Equal(["ddm", "eddm", "hddm_a", "hddm_w"], root.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("detector").GetString()!).ToArray());
        foreach (var d in root.GetProperty("detectors").EnumerateArray())
        {
            var name = d.GetProperty("detector").GetString();
            var drifts = Ints(d.GetProperty("drifts"));
            var e = d.GetProperty("evaluation");
            var cps = e.GetProperty("change_points").EnumerateArray().ToArray();
            Assert.Equal(2, cps.Length);
            Assert.Equal(2, e.GetProperty("detected").GetInt32() + e.GetProperty("misses").GetInt32());
            Assert.Equal(drifts.Length, e.GetProperty("detected").GetInt32() + e.GetProperty("false_alarms").GetInt32());
            foreach (var cp in cps)
            {
                if (cp.GetProperty("detected_at").ValueKind == JsonValueKind.Null) continue;
                var at = cp.GetProperty("detected_at").GetInt32();
                Assert.Contains(at, drifts);
                Assert.Equal(at - cp.GetProperty("change_point").GetInt32(), cp.GetProperty("delay").GetInt32());
                Assert.InRange(cp.GetProperty("delay").GetInt32(), 0, 3999);
            }
            // A 3σ mean shift is caught quickly by the mean-tracking detectors.
            if (name is "adwin" or "cusum" or "ewma")
            {
                Assert.Equal(0, e.GetProperty("misses").GetInt32());
                Assert.True(e.GetProperty("mean_delay").GetDouble() < 300, $"{name} mean delay {e.GetProperty("mean_delay")}");
            }
        }

        // Human table (no --json): one row per detector with the evaluation columns.
        var table = Run("stream", "--detector", "all", "--input", path, "--true-change-points", "5000,12000");
        Assert.Equal(0, table.Code);
        Assert.Contains("alarms", table.Out);
        Assert.Contains("true change points: 5000, 12000", table.Out);
        Assert.Contains("skipped ddm", table.Out);
    }

    [Fact]
    public void AllOnABinaryStreamRunsTheBinaryDetectorsToo()
    {
        using var doc = Fixture.Load("streaming/river_binary_stream.json");
        var (code, stdout, _) = Run("stream", "--detector", "ALL", "--input", WriteLines(doc.RootElement.GetProperty("stream").Doubles()), "--json", "-");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(9, json.RootElement.GetProperty("detectors").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("skipped").GetArrayLength());
    }

    [Fact]
    public void UnknownDetectorListsTheValidOnes()
    {
        var (code, _, stderr) = Run("stream", "--detector", "adwinn", "--input", WriteLines([1, 2]));
        Assert.Equal(2, code);
        Assert.Contains("adwinn", stderr);
        foreach (var n in new[] { "adwin", "page_hinkley", "ddm", "kswin", "cusum", "ewma" }) Assert.Contains(n, stderr);
    }

    [Fact]
    public void UnknownParameterListsTheValidOnes()
    {
        var (code, _, stderr) = Run("stream", "--detector", "adwin", "--param", "delt=0.1", "--input", WriteLines([1, 2]));
        Assert.Equal(2, code);
        Assert.Contains("delt", stderr);
        Assert.Contains("delta", stderr);
        Assert.Contains("grace_period", stderr);
        Assert.DoesNotContain("(Parameter", stderr);
        var bad = Run("stream", "--detector", "adwin", "--param", "delta=abc", "--input", WriteLines([1, 2]));
        Assert.Equal(2, bad.Code);
        Assert.Contains("delta", bad.Err);
    }

    [Fact]
    public void NonNumericLineIsReportedWithFileAndLine()
    {
        var path = Path.Combine(Paths.TempFolder(), "bad.txt");
        File.WriteAllText(path, "1\n2\n\nabc\n4\n");
        var (code, _, stderr) = Run("stream", "--detector", "adwin", "--input", path);
        Assert.Equal(2, code);
        Assert.Contains($"{path}:4", stderr);
        Assert.Contains("abc", stderr);
    }

    [Fact]
    public void BinaryDetectorGivenHalfIsAClearError()
    {
        var path = WriteLines([0, 1, 0.5, 1]);
        var (code, _, stderr) = Run("stream", "--detector", "ddm", "--input", path);
        Assert.Equal(2, code);
        Assert.Contains("binary", stderr);
        Assert.Contains($"{path}:3", stderr);
        Assert.Contains("0.5", stderr);
    }

    [Fact]
    public void MissingCsvColumnIsAUsageError()
    {
        var csv = Path.Combine(Paths.TempFolder(), "s.csv");
        File.WriteAllText(csv, "a,b\n1,2\n");
        var (code, _, stderr) = Run("stream", "--detector", "adwin", "--input", csv, "--column", "c");
        Assert.Equal(2, code);
        Assert.Contains("'c'", stderr);
    }
}
