using System.Text.Json;
using Vigil.Core.Drift.Streaming;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Drift.Streaming;

/// <summary>River's documentation examples (streams rebuilt with Python's stdlib random by gen_streaming.py).</summary>
public sealed class RiverDocExamplesTests
{
    private static Dictionary<string, string> Params(JsonElement e)
    {
        var d = new Dictionary<string, string>();
        foreach (var p in e.EnumerateObject()) d[p.Name] = p.Value.GetString()!;
        return d;
    }

    public static TheoryData<string> NumericDetectors() => new() { "adwin", "page_hinkley", "kswin" };

    public static TheoryData<string> BinaryDetectors() => new() { "ddm", "eddm", "hddm_a", "hddm_w" };

    [Theory]
    [MemberData(nameof(NumericDetectors))]
    public void NumericStreamMatchesRiverDocs(string detector)
    {
        using var doc = Fixture.Load("streaming/river_numeric_stream.json");
        var stream = doc.RootElement.GetProperty("stream").Doubles();
        var example = doc.RootElement.GetProperty("examples").EnumerateArray().Single(e => e.GetProperty("detector").GetString() == detector);
        var d = DetectorCatalog.Create(detector, Params(example.GetProperty("params")));
        var run = DetectionRun.Run(d, stream);
        Assert.Equal(example.GetProperty("drifts").Ints(), run.Drifts);
    }

    [Theory]
    [MemberData(nameof(BinaryDetectors))]
    public void BinaryStreamMatchesRiverDocs(string detector)
    {
        using var doc = Fixture.Load("streaming/river_binary_stream.json");
        var stream = doc.RootElement.GetProperty("stream").Doubles();
        var example = doc.RootElement.GetProperty("examples").EnumerateArray().Single(e => e.GetProperty("detector").GetString() == detector);
        var d = DetectorCatalog.Create(detector, Params(example.GetProperty("params")));
        // The docs' loop: print the first warning after the start or after each drift, and every drift.
        var printed = new List<string>();
        var printWarning = true;
        for (var i = 0; i < stream.Length; i++)
        {
            d.Update(stream[i]);
            if (d.WarningDetected && printWarning)
            {
                printed.Add($"warning {i}");
                printWarning = false;
            }
            if (d.DriftDetected)
            {
                printed.Add($"drift {i}");
                printWarning = true;
            }
        }
        Assert.Equal(example.GetProperty("printed").Strings(), printed);
    }

    [Fact]
    public void AdwinFourSegmentsMatchesRiverRegressionTest()
    {
        using var doc = Fixture.Load("streaming/river_adwin_four_segments.json");
        var run = DetectionRun.Run(new Adwin(), doc.RootElement.GetProperty("stream").Doubles());
        Assert.Equal(doc.RootElement.GetProperty("drifts").Ints(), run.Drifts);
    }
}
