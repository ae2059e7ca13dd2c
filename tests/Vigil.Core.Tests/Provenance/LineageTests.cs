using Vigil.Core.Data;
using Vigil.Core.Provenance;
using Vigil.IO.Lineage;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Provenance;

public sealed class LineageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static DatasetFingerprint Print(params string[] values) =>
        Fingerprinter.Compute(new DataFrame([CategoricalColumn.FromStrings("c", values)]));

    [Fact]
    public void StoreRoundTripsRecordsAndSkipsRepeatedIds()
    {
        var path = Path.Combine(Paths.TempFolder(), "lineage.jsonl");
        var store = new LineageStore(path);
        var train = LineageRecords.Dataset(Print("a", "b"), "train.csv", T0);
        var model = LineageRecords.Model("churn", "3", [train.Id], T0, new Dictionary<string, string> { ["framework"] = "ml.net" });
        var report = LineageRecords.Report("evaluate", [model.Id, LineageRecords.Dataset(Print("c"), "eval.csv", T0).Id], T0);
        Assert.Equal(3, store.Append(train, model, report));
        Assert.Equal(0, store.Append(LineageRecords.Dataset(Print("a", "b"), "copy-of-train.csv", T0.AddDays(1))));
        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        var back = store.ReadAll();
        Assert.Equal(train.Id, back[0].Id);
        Assert.Equal(LineageKind.Model, back[1].Kind);
        Assert.Equal("ml.net", back[1].Attributes["framework"]);
        Assert.Equal([model.Id, report.Inputs[1]], back[2].Inputs);
        Assert.Equal(T0, back[2].Created);
        Assert.StartsWith("{\"id\":\"dataset:", lines[0]);
    }

    [Fact]
    public void GraphWalksUpstreamAndDownstream()
    {
        var ds = LineageRecords.Dataset(Print("a"), "d.csv", T0);
        var model = LineageRecords.Model("m", "1", [ds.Id], T0);
        var r1 = LineageRecords.Report("evaluate", [model.Id, "dataset:unknown"], T0);
        var r2 = LineageRecords.Report("check", [ds.Id], T0);
        var g = new LineageGraph([ds, model, r1, r2]);
        var down = g.Downstream(ds.Id);
        Assert.Equal([model.Id, r2.Id], down.Children.Select(c => c.Id));
        Assert.Equal(r1.Id, down.Children[0].Children.Single().Id);
        var up = g.Upstream(r1.Id);
        Assert.Equal([model.Id, "dataset:unknown"], up.Children.Select(c => c.Id));
        Assert.Null(up.Children[1].Record);
        Assert.Equal(ds.Id, up.Children[0].Children.Single().Id);
    }

    [Fact]
    public void CyclesAreCutNotFollowedForever()
    {
        var a = new LineageRecord("run:a", LineageKind.Run, new Dictionary<string, string>(), ["run:b"], T0);
        var b = new LineageRecord("run:b", LineageKind.Run, new Dictionary<string, string>(), ["run:a"], T0);
        var up = new LineageGraph([a, b]).Upstream("run:a");
        Assert.True(up.Children.Single().Children.Single().Cycle);
    }

    [Fact]
    public void DamagedLineIsAnInputErrorNamingTheLine()
    {
        var path = Path.Combine(Paths.TempFolder(), "lineage.jsonl");
        File.WriteAllText(path, LineageStore.Serialize(LineageRecords.Dataset(Print("a"), "d.csv", T0)) + "\n{not json\n");
        var e = Assert.Throws<DataFormatException>(() => new LineageStore(path).ReadAll());
        Assert.Equal(2, e.Line);
    }
}
