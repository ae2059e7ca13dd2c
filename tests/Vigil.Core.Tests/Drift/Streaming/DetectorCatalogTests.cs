using Vigil.Core.Drift.Streaming;
using Xunit;

namespace Vigil.Core.Tests.Drift.Streaming;

public sealed class DetectorCatalogTests
{
    [Fact]
    public void UnknownDetectorListsTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DetectorCatalog.Create("adwim"));
        foreach (var n in new[] { "adwin", "page_hinkley", "ddm", "eddm", "hddm_a", "hddm_w", "kswin", "cusum", "ewma" })
            Assert.Contains(n, e.Message);
    }

    [Fact]
    public void UnknownParameterListsTheValidOnes()
    {
        var e = Assert.Throws<DetectorParameterException>(() =>
            DetectorCatalog.Create("adwin", new Dictionary<string, string> { ["delt"] = "0.1" }));
        foreach (var p in new[] { "delta", "clock", "max_buckets", "min_window_length", "grace_period" }) Assert.Contains(p, e.Message);
    }

    [Theory]
    [InlineData("adwin", "delta", "abc")]
    [InlineData("adwin", "delta", "2")]
    [InlineData("page_hinkley", "mode", "sideways")]
    [InlineData("eddm", "beta", "0.99")]
    [InlineData("kswin", "stat_size", "80")]
    [InlineData("hddm_a", "two_sided_test", "maybe")]
    [InlineData("cusum", "sigma", "-1")]
    public void InvalidValuesAreArgumentErrorsNamingTheDetector(string detector, string key, string value)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => DetectorCatalog.Create(detector, new Dictionary<string, string> { [key] = value }));
        Assert.Contains(detector, e.Message);
    }

    [Fact]
    public void DefaultsAreRiversAndRoundTripThroughParameters()
    {
        var adwin = (Adwin)DetectorCatalog.Create("ADWIN");
        Assert.Equal((0.002, 32, 5, 5, 10), (adwin.Delta, adwin.Clock, adwin.MaxBuckets, adwin.MinWindowLength, adwin.GracePeriod));
        var ph = (PageHinkley)DetectorCatalog.Create("page_hinkley");
        Assert.Equal((30, 0.005, 50.0, 0.9999, PageHinkleyMode.Both), (ph.MinInstances, ph.Delta, ph.Threshold, ph.Alpha, ph.Mode));
        var ddm = (Ddm)DetectorCatalog.Create("ddm");
        Assert.Equal((30, 2.0, 3.0), (ddm.WarmStart, ddm.WarningThreshold, ddm.DriftThreshold));
        var eddm = (Eddm)DetectorCatalog.Create("eddm");
        Assert.Equal((30, 0.95, 0.9), (eddm.WarmStart, eddm.Alpha, eddm.Beta));
        var ha = (HddmA)DetectorCatalog.Create("hddm_a");
        Assert.Equal((0.001, 0.005, false), (ha.DriftConfidence, ha.WarningConfidence, ha.TwoSidedTest));
        var hw = (HddmW)DetectorCatalog.Create("hddm_w");
        Assert.Equal((0.001, 0.005, 0.05, false), (hw.DriftConfidence, hw.WarningConfidence, hw.LambdaVal, hw.TwoSidedTest));
        var ks = (Kswin)DetectorCatalog.Create("kswin");
        Assert.Equal((0.005, 100, 30), (ks.Alpha, ks.WindowSize, ks.StatSize));
        Assert.NotNull(ks.Seed);

        foreach (var descriptor in DetectorCatalog.All)
        {
            var d = descriptor.Create();
            Assert.Equal(descriptor.Name, d.Name);
            Assert.Equal(descriptor.Parameters.Select(p => p.Name).OrderBy(n => n), d.Parameters.Keys.OrderBy(n => n));
            var again = descriptor.Create(d.Parameters);
            Assert.Equal(d.Parameters, again.Parameters);
        }
    }

    [Fact]
    public void BinaryDetectorsAreTheErrorStreamOnes()
    {
        Assert.Equal(new[] { "ddm", "eddm", "hddm_a", "hddm_w" }, DetectorCatalog.All.Where(d => d.IsBinary).Select(d => d.Name));
        Assert.Equal(new[] { "ddm", "eddm", "hddm_a", "hddm_w" }, DetectorCatalog.All.Where(d => d.HasWarning).Select(d => d.Name));
    }

    [Fact]
    public void ParametersAreAppliedCaseInsensitively()
    {
        var ph = (PageHinkley)DetectorCatalog.Create("Page_Hinkley", new Dictionary<string, string> { ["MODE"] = "up", ["threshold"] = "25.5" });
        Assert.Equal(PageHinkleyMode.Up, ph.Mode);
        Assert.Equal(25.5, ph.Threshold);
        var ewma = (Ewma)DetectorCatalog.Create("ewma", new Dictionary<string, string> { ["l"] = "3", ["target"] = "1", ["sigma"] = "2" });
        Assert.Equal((3.0, 1.0, 2.0), (ewma.L, ewma.Target, ewma.Sigma));
    }
}
