using System.CommandLine;
using System.Globalization;
using Vigil.Core.Data;
using Vigil.IO;

namespace Vigil.Cli.Infrastructure;

/// <summary>Options every command shares, with the aliases CONTRACTS.md fixes.</summary>
public static class CommonOptions
{
    /// <summary><c>--json FILE|-</c>.</summary>
    public static Option<string?> Json() => new("--json") { Description = "Write the machine-readable result to FILE (- for stdout)", HelpName = "FILE" };

    /// <summary><c>--out FILE</c>.</summary>
    public static Option<string?> Out(string what = "Write the HTML report to FILE") => new("--out") { Description = what, HelpName = "FILE" };

    /// <summary><c>--verbose</c>.</summary>
    public static Option<bool> Verbose() => new("--verbose") { Description = "Show stack traces for internal errors" };

    /// <summary><c>--delimiter C</c>.</summary>
    public static Option<string?> Delimiter() => new("--delimiter") { Description = "CSV delimiter (default: detected among , ; and tab; use \\t for tab)", HelpName = "C" };

    /// <summary>A comma-separated list option.</summary>
    public static string[] SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Read options from the shared flags.</summary>
    public static ReadOptions ReadOptions(string? delimiter)
    {
        if (delimiter is null) return new ReadOptions();
        var d = delimiter switch { "\\t" or "tab" => '\t', _ when delimiter.Length == 1 => delimiter[0], _ => throw new UsageException($"--delimiter takes one character, got '{delimiter}'") };
        return new ReadOptions { Delimiter = d };
    }

    /// <summary>Loads a data file (CSV or Parquet).</summary>
    public static DataFrame Load(string path, ReadOptions options) => DataFile.Read(path, options);

    /// <summary>Parses a number option given as text (so a bad value is our usage error, not a parser message).</summary>
    public static double ParseDouble(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new UsageException($"{option} expects a finite number, got '{text}'");
}
