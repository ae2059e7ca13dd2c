using System.Text.Json;
using Xunit;

namespace Vigil.Cli.Tests;

public class ProfileCommandTests
{
    private const string Csv = "x,c,seg\n1,a,s1\n2,b,s1\n3,a,s2\n,b,s2\n5,,s1\n";

    [Fact]
    public void ProfilesAFileAndMergesProfiles()
    {
        var data = CliRun.TempFile(Csv);
        var dir = Path.GetDirectoryName(data)!;
        var run = CliRun.Of("profile", "--data", data, "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using (var doc = run.Json())
        {
            Assert.Equal("vigil-profile", doc.RootElement.GetProperty("format").GetString());
            Assert.Equal(5, doc.RootElement.GetProperty("rows").GetInt32());
            var x = doc.RootElement.GetProperty("columns")[0];
            Assert.Equal(1, x.GetProperty("nulls").GetInt32());
            Assert.Equal(2.75, x.GetProperty("moments").GetProperty("mean").GetDouble());
        }
        var a = Path.Combine(dir, "a.json"); var b = Path.Combine(dir, "b.json"); var m = Path.Combine(dir, "m.json");
        Assert.Equal(0, CliRun.Of("profile", "--data", data, "--json", a).ExitCode);
        Assert.Equal(0, CliRun.Of("profile", "--data", data, "--json", b).ExitCode);
        Assert.Equal(0, CliRun.Of("profile", "merge", a, b, "--json", m).ExitCode);
        using var merged = JsonDocument.Parse(File.ReadAllText(m));
        Assert.Equal(10, merged.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(2, merged.RootElement.GetProperty("columns")[0].GetProperty("nulls").GetInt32());
    }

    [Fact]
    public void SegmentsWriteOneProfilePerValueAndSetsMergeBySegment()
    {
        var data = CliRun.TempFile(Csv);
        var dir = Path.GetDirectoryName(data)!;
        var s = Path.Combine(dir, "s.json");
        Assert.Equal(0, CliRun.Of("profile", "--data", data, "--segment", "seg", "--json", s).ExitCode);
        using (var doc = JsonDocument.Parse(File.ReadAllText(s)))
        {
            Assert.Equal("vigil-profile-set", doc.RootElement.GetProperty("format").GetString());
            Assert.Equal([3, 2], doc.RootElement.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("rows").GetInt32()));
        }
        var run = CliRun.Of("profile", "merge", s, s, "--json", "-");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"warning: {s} has the same content as {s}", run.Stderr);
        using var merged = run.Json();
        Assert.Equal([6, 4], merged.RootElement.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("rows").GetInt32()));
    }

    [Fact]
    public void BadInputExitsTwoNamingTheFile()
    {
        var data = CliRun.TempFile(Csv);
        var dir = Path.GetDirectoryName(data)!;
        var run = CliRun.Of("profile", "--data", data, "--segment", "nope", "--json", "-");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope", run.Stderr);
        var good = Path.Combine(dir, "good.json");
        Assert.Equal(0, CliRun.Of("profile", "--data", data, "--json", good).ExitCode);
        var other = Path.Combine(dir, "v2.json");
        File.WriteAllText(other, File.ReadAllText(good).Replace("\"schema_version\":1", "\"schema_version\":2"));
        run = CliRun.Of("profile", "merge", good, other, "--json", "-");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("v2.json", run.Stderr);
        Assert.Contains("schema_version 2", run.Stderr);
        var broken = Path.Combine(dir, "broken.json");
        File.WriteAllText(broken, "{\"format\": ");
        run = CliRun.Of("profile", "merge", broken, "--json", "-");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.json", run.Stderr);
    }
}
