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
    private static Process StartServe(string database, out string url)
    {
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var a in new[] { vigil, "serve", "--db", database, "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(a);
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
                _ = Task.Run(() => process.StandardOutput.ReadToEnd()); // keep draining so the server never blocks on a full pipe
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
