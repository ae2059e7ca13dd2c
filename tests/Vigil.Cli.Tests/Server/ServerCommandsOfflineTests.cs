using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests.Server;

/// <summary>
/// Server commands where no server is needed to know the answer: usage errors (exit 2 before any request) and a real
/// closed port (connection refused → exit 2 with the "no Vigil server" message, never a stack trace).
/// </summary>
public class ServerCommandsOfflineTests
{
    private static readonly string Analysis = Paths.Data("nannyml_california_housing", "california_housing_analysis.csv");
    private static readonly string Reference = Paths.Data("nannyml_california_housing", "california_housing_reference.csv");

    public static TheoryData<string[]> EveryServerCommand => new()
    {
        new[] { "models", "list" },
        new[] { "models", "create", "--model", "m", "--task", "binary" },
        new[] { "models", "register", "--model", "m", "--version", "1" },
        new[] { "models", "alias", "--model", "m", "--alias", "champion", "--version", "1" },
        new[] { "models", "rollback", "--model", "m" },
        new[] { "monitor", "get", "--model", "m" },
        new[] { "alerts" },
        new[] { "alerts", "--model", "m", "--state", "firing" },
        new[] { "triggers", "--model", "m" },
        new[] { "windows", "--model", "m" },
        new[] { "keys", "list" },
        new[] { "keys", "create", "--name", "ci", "--scope", "ingest" },
        new[] { "keys", "revoke", "abc" },
        new[] { "audit", "verify" },
        new[] { "audit", "list" },
    };

    [Theory]
    [MemberData(nameof(EveryServerCommand))]
    public void ConnectionRefusedIsExitTwoNamingTheServer(string[] args)
    {
        var url = ClosedPort.Url();
        var run = CliRun.Of([.. args, "--server", url]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"no Vigil server at {url}", run.Stderr);
        Assert.Contains("vigil serve", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr); // no stack trace
    }

    [Fact]
    public void IngestConnectionRefusedIsExitTwo()
    {
        var url = ClosedPort.Url();
        var run = CliRun.Of("ingest", "--model", "m", "--data", Analysis, "--score-column", "y_pred_proba", "--prediction-column", "y_pred", "--server", url);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"no Vigil server at {url}", run.Stderr);
    }

    [Fact]
    public void ABadServerUrlIsAUsageError()
    {
        // Unit-level: the parse of --server/--key builds a client for the URL; a bad URL is a usage error.
        var run = CliRun.Of("models", "list", "--server", "not a url");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--server", run.Stderr);
        Assert.Contains("not an http(s) URL", run.Stderr);
    }

    [Theory]
    [InlineData("ingest", "--model", "m", "--data", "MISSING_FILE")]
    [InlineData("ingest", "--model", "m", "--data", "ANALYSIS", "--id-column", "nope")]
    [InlineData("ingest", "--model", "m", "--data", "ANALYSIS", "--timestamp-column", "nope")]
    [InlineData("ingest", "--model", "m", "--data", "ANALYSIS", "--score-column", "nope")]
    [InlineData("ingest", "--model", "m", "--data", "ANALYSIS", "--batch-size", "0")]
    [InlineData("ingest", "--model", "m", "--data", "ANALYSIS", "--batch-size", "10001")]
    [InlineData("ingest", "--model", "m", "--data", "ANALYSIS", "--model-version", "1", "--version-column", "y_pred")]
    [InlineData("ingest", "--data", "ANALYSIS")]
    [InlineData("models", "create", "--model", "m", "--task", "ranking")]
    [InlineData("models", "register", "--model", "m", "--version", "1", "--tag", "novalue")]
    [InlineData("models", "register", "--model", "m", "--version", "1", "--artifact", "MISSING_FILE")]
    [InlineData("models", "register", "--model", "m", "--version", "1", "--evaluation", "MISSING_FILE")]
    [InlineData("models", "promote", "--model", "m", "--version", "2", "--data", "ANALYSIS", "--label", "y", "--candidate-score", "c")]
    [InlineData("models", "promote", "--model", "m", "--version", "2", "--data", "ANALYSIS", "--label", "y", "--candidate-score", "c", "--gate", "roc_auc is good")]
    [InlineData("models", "promote", "--model", "m", "--version", "2", "--data", "MISSING_FILE", "--label", "y", "--candidate-score", "c", "--floor", "roc_auc >= 0.8")]
    [InlineData("keys", "create", "--name", "x", "--scope", "root")]
    [InlineData("keys", "revoke")]
    [InlineData("alerts", "--state", "open")]
    [InlineData("windows", "--model", "m", "--from", "yesterday")]
    [InlineData("monitor", "set", "--model", "m", "--config", "MISSING_FILE")]
    [InlineData("frobnicate")]
    public void UsageMistakesAreExitTwoBeforeAnyRequest(params string[] args)
    {
        // A closed port: had the command reached the network, the message would be about the server instead.
        var url = ClosedPort.Url();
        var resolved = args.Select(a => a switch
        {
            "ANALYSIS" => Analysis,
            "MISSING_FILE" => Path.Combine(Paths.TempFolder(), "missing.csv"),
            _ => a,
        }).ToArray();
        var run = CliRun.Of([.. resolved, "--server", url]);
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("no Vigil server", run.Stderr);
        Assert.Contains("error", run.Stderr);
    }

    [Fact]
    public void MonitorSetWithoutReferenceIsAUsageError()
    {
        var config = CliRun.TempFile("{\"window\": \"1d\"}", "monitor.json");
        var run = CliRun.Of("monitor", "set", "--model", "m", "--config", config, "--server", ClosedPort.Url());
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("reference", run.Stderr);
    }

    [Fact]
    public void ReportCommandWritesItsReportThenFailsTheUploadWithExitTwo()
    {
        var dir = Paths.TempFolder();
        var json = Path.Combine(dir, "drift.json");
        var html = Path.Combine(dir, "drift.html");
        var url = ClosedPort.Url();
        var run = CliRun.Of("drift", "--reference", Reference, "--current", Analysis, "--columns", "MedInc,HouseAge", "--json", json, "--out", html, "--server", url);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"no Vigil server at {url}", run.Stderr);
        Assert.True(File.Exists(json));
        Assert.True(File.Exists(html));
    }

    [Fact]
    public void ReportCommandWithoutServerIsUnchanged()
    {
        var run = CliRun.Of("drift", "--reference", Reference, "--current", Analysis, "--columns", "MedInc", "--json", "-");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("uploaded", run.Stdout + run.Stderr);
    }

    [Fact]
    public void UploadWithoutOutUsesATemporaryReportThatIsDeletedAfterwards()
    {
        var before = Directory.GetDirectories(Path.GetTempPath(), "vigil-upload-*").ToHashSet();
        var run = CliRun.Of("drift", "--reference", Reference, "--current", Analysis, "--columns", "MedInc", "--server", ClosedPort.Url());
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no Vigil server", run.Stderr);
        var after = Directory.GetDirectories(Path.GetTempPath(), "vigil-upload-*").Where(d => !before.Contains(d));
        Assert.Empty(after);
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("drift")]
    [InlineData("validate")]
    [InlineData("estimate")]
    [InlineData("compare")]
    [InlineData("check")]
    public void EveryReportCommandOffersUpload(string command)
    {
        var run = CliRun.Of(command, "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--server", "--key", "--model", "--report-title" })
            Assert.Contains(option, run.Stdout);
    }

    [Theory]
    [InlineData("vgl_0123456789abcdef_secretpart", "0123456789abcdef")]
    [InlineData("0123456789abcdef", "0123456789abcdef")]
    [InlineData("  vgl_abc_def ", "abc")]
    public void RevokeAcceptsAKeyOrItsId(string text, string id) => Assert.Equal(id, Vigil.Cli.Commands.KeysCommand.KeyId(text));
}
