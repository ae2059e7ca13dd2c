using System.Diagnostics;
using System.Text.RegularExpressions;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests.Server;

/// <summary>
/// <c>vigil serve</c> as a real process on a free loopback port, driven by the CLI: register, list, alerts, audit verify;
/// then the refusals a person starting a server can hit (locked database file, non-loopback without keys, bad URL), and
/// the offline audit check once the process is gone.
/// </summary>
public class ServeEndToEndTests
{
    private static Process StartServe(string database, out string url) =>
        StartServe(["serve", "--db", database, "--urls", "http://127.0.0.1:0"], out url, drain: true);

    private static Process StartServe(string[] args, out string url, bool drain)
    {
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        info.Environment["VIGIL_DEMO_DAY_DELAY_MS"] = "0";
        info.ArgumentList.Add(vigil);
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var line = process.StandardOutput.ReadLine();
            if (line is null) break;
            var m = Regex.Match(line, @"Vigil server listening on (http://127\.0\.0\.1:\d+)");
            if (m.Success)
            {
                url = m.Groups[1].Value;
                if (drain) _ = Task.Run(() => process.StandardOutput.ReadToEnd()); // keep draining so the server never blocks on a full pipe
                return process;
            }
        }
        process.Kill(entireProcessTree: true);
        lock (errors) throw new InvalidOperationException("vigil serve did not report its URL: " + errors);
    }

    [Fact]
    public void ServeRegisterListAlertsVerifyThenRefusalsAndOfflineVerify()
    {
        var folder = Paths.TempFolder();
        var database = Path.Combine(folder, "vigil.duckdb");
        var process = StartServe(database, out var url);
        try
        {
            var register = CliRun.Of("models", "register", "--model", "housing", "--version", "v1", "--task", "binary", "--server", url);
            Assert.True(register.ExitCode == 0, register.Stderr);
            var list = CliRun.Of("models", "list", "--server", url, "--json", "-");
            Assert.Equal("housing", Assert.Single(list.Json().RootElement.EnumerateArray()).GetProperty("name").GetString());
            Assert.Equal(0, CliRun.Of("alerts", "--server", url).ExitCode);
            var verify = CliRun.Of("audit", "verify", "--server", url, "--json", "-");
            Assert.True(verify.ExitCode == 0, verify.Stderr);
            Assert.Equal(2, verify.Json().RootElement.GetProperty("entries").GetInt32()); // model.create, version.create

            // The running server holds the file: a second server and the offline commands refuse with exit 2.
            var second = CliRun.Of("serve", "--db", database, "--urls", "http://127.0.0.1:0");
            Assert.Equal(2, second.ExitCode);
            Assert.Contains("locked", second.Stderr);
            var offline = CliRun.Of("keys", "list", "--db", database);
            Assert.Equal(2, offline.ExitCode);
            Assert.Contains("locked", offline.Stderr);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        var afterwards = CliRun.Of("audit", "verify", "--db", database);
        Assert.Equal(0, afterwards.ExitCode);
        Assert.Contains("valid", afterwards.Stdout);

        var gone = CliRun.Of("models", "list", "--server", url);
        Assert.Equal(2, gone.ExitCode);
        Assert.Contains($"no Vigil server at {url}", gone.Stderr);
    }

    /// <summary>
    /// The README's first command: <c>vigil serve --demo</c> tells its story through the real API — drift on the two drifted
    /// features from day 30 (and not before), the CBPE estimate falling before labels exist, alerts and a retraining trigger.
    /// </summary>
    [Fact]
    public void ServeDemoShowsDriftAlertsAndATrigger()
    {
        var process = StartServe(["serve", "--demo", "--urls", "http://127.0.0.1:0"], out var url, drain: false);
        try
        {
            var lines = new List<string>();
            var deadline = DateTime.UtcNow.AddMinutes(4);
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null && DateTime.UtcNow < deadline)
            {
                lines.Add(line);
                if (line.StartsWith("demo: done", StringComparison.Ordinal) || line.StartsWith("demo: stopped", StringComparison.Ordinal)) break;
            }
            _ = Task.Run(() => process.StandardOutput.ReadToEnd());
            Assert.True(lines.Any(l => l.StartsWith("demo: done", StringComparison.Ordinal)), string.Join('\n', lines));

            // windows are computed in the background after the last request: wait until the last closed day is there
            System.Text.Json.JsonElement[] windows = [];
            for (var i = 0; i < 120; i++)
            {
                var w = CliRun.Of("windows", "--model", "credit-default", "--server", url, "--json", "-");
                Assert.True(w.ExitCode == 0, w.Stderr);
                windows = [.. w.Json().RootElement.EnumerateArray()];
                if (windows.Length >= 60 && windows[58].GetProperty("closed").GetBoolean() && windows[58].TryGetProperty("estimated", out var e) && e.ValueKind != System.Text.Json.JsonValueKind.Null) break;
                Thread.Sleep(1000);
            }
            Assert.True(windows.Length >= 60, $"{windows.Length} windows");
            bool Drifted(System.Text.Json.JsonElement window, string feature) => window.GetProperty("drift").GetProperty("columns").EnumerateArray()
                .Any(c => c.GetProperty("column").GetString() == feature && c.GetProperty("drift").GetBoolean());
            Assert.DoesNotContain(windows.Take(28), w => Drifted(w, "income") && Drifted(w, "debt_ratio"));
            Assert.All(windows.Skip(34).Take(25), w => Assert.True(Drifted(w, "income") && Drifted(w, "debt_ratio"), w.GetProperty("start").GetString()));
            double Estimated(System.Text.Json.JsonElement w) => w.GetProperty("estimated").GetProperty("roc_auc").GetProperty("value").GetDouble();
            var before = windows.Take(28).Average(Estimated);
            var after = windows.Skip(35).Take(24).Average(Estimated);
            Assert.True(before - after > 0.04, $"CBPE estimate before {before:F3}, after {after:F3}");
            Assert.All(windows.Skip(53).Take(6), w => Assert.Equal(0, w.GetProperty("labeled").GetInt32())); // labels are 7 days late

            var alerts = CliRun.Of("alerts", "--model", "credit-default", "--server", url, "--json", "-");
            Assert.True(alerts.ExitCode == 0, alerts.Stderr);
            var rules = alerts.Json().RootElement.EnumerateArray().Select(a => a.GetProperty("rule").GetString()).ToHashSet();
            Assert.Contains("feature drift", rules);
            Assert.Contains("estimated AUC low", rules);
            var triggers = CliRun.Of("triggers", "--model", "credit-default", "--server", url, "--json", "-");
            Assert.True(triggers.ExitCode == 0, triggers.Stderr);
            Assert.NotEmpty(triggers.Json().RootElement.EnumerateArray());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:0", "refusing to listen")]
    [InlineData("127.0.0.1:5080", "not a listen URL")]
    [InlineData("http://127.0.0.1:5080/path", "not a listen URL")]
    public void ServeRefusesWithExitTwo(string urls, string message)
    {
        var run = CliRun.Of("serve", "--db", Path.Combine(Paths.TempFolder(), "v.duckdb"), "--urls", urls);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public void BadRetentionIsExitTwo()
    {
        var run = CliRun.Of("serve", "--db", Path.Combine(Paths.TempFolder(), "v.duckdb"), "--retention", "forever");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--retention", run.Stderr);
    }
}
