using System.Globalization;
using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Data;
using Vigil.Core.Quality.Checks;
using Vigil.Reports.Html;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil check</c>: data problems that silently spoil a model — imbalance, duplicates, conflicting labels, train/test overlap, leakage, constant and mixed-type columns, outliers.</summary>
public static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data", "--input") { Description = "Data to check (CSV or Parquet)", Required = true, HelpName = "FILE" };
        var label = new Option<string?>("--label") { Description = "Label (target) column: enables imbalance, conflicting-label and leakage checks", HelpName = "COL" };
        var test = new Option<string?>("--test") { Description = "Test data: report its rows whose features also occur in --data", HelpName = "FILE" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding of this severity (or worse) exists", HelpName = "error|warn" };
        failOn.AcceptOnlyFromAmong("error", "warn");
        var lineage = new Option<string?>("--lineage") { Description = "Record the datasets and this report in a lineage store (JSON lines)", HelpName = "FILE" };
        var json = CommonOptions.Json();
        var output = CommonOptions.Out();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();
        var cmd = new Command("check", "Find data problems: class imbalance, duplicate rows, conflicting labels, train/test overlap, target leakage, constant and mixed-type columns, outliers");
        foreach (var o in new Option[] { data, label, test, failOn, lineage, json, output, delimiter, verbose }) cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            var fail = p.GetValue(failOn) switch { "error" => CheckSeverity.Error, "warn" => CheckSeverity.Warn, _ => (CheckSeverity?)null };
            return Execute(context, p.GetValue(data)!, p.GetValue(label), p.GetValue(test), CommonOptions.ReadOptions(p.GetValue(delimiter)),
                jsonTarget, p.GetValue(output), fail, p.GetValue(lineage));
        }));
        return cmd;
    }

    /// <summary>Loads, checks, writes outputs and lineage, and applies <c>--fail-on</c>.</summary>
    internal static int Execute(CliContext context, string path, string? label, string? testPath, Vigil.IO.ReadOptions readOptions,
        string? jsonTarget, string? htmlTarget, CheckSeverity? failOn, string? lineagePath)
    {
        var frame = CommonOptions.Load(path, readOptions);
        if (label is not null && !frame.Contains(label))
            throw new UsageException($"--label '{label}' is not a column of {path} (columns: {string.Join(", ", frame.ColumnNames)})");
        var testFrame = testPath is null ? null : CommonOptions.Load(testPath, readOptions);
        DataCheckInput input;
        try { input = new DataCheckInput(frame, label, testFrame); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        var result = DataChecker.Run(input);

        (IReadOnlyList<string>, string)? recorded = null;
        if (lineagePath is not null)
        {
            var datasets = new List<(DataFrame, string)> { (frame, path) };
            if (testFrame is not null) datasets.Add((testFrame, testPath!));
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["errors"] = result.Count(CheckSeverity.Error).ToString(CultureInfo.InvariantCulture),
                ["warnings"] = result.Count(CheckSeverity.Warn).ToString(CultureInfo.InvariantCulture),
            };
            if (label is not null) attributes["label"] = label;
            recorded = LineageRecorder.Record(lineagePath, "check", datasets, jsonTarget, htmlTarget, attributes);
        }

        if (jsonTarget is not null) context.WriteDocument(jsonTarget, CheckJson.Render(result, recorded));
        if (htmlTarget is not null) CliContext.WriteFile(htmlTarget, CheckReport.Render(result));
        PrintSummary(context, result, htmlTarget, jsonTarget, recorded?.Item2);
        if (failOn is { } level && result.Findings.Any(f => f.Severity >= level))
        {
            context.HumanWriter.WriteLine($"fail-on: {result.Findings.Count(f => f.Severity >= level)} finding(s) of severity {CheckFinding.SeverityName(level)} or worse");
            return ExitCodes.ConditionHeld;
        }
        return ExitCodes.Ok;
    }

    private static void PrintSummary(CliContext context, DataCheckResult r, string? html, string? json, string? reportId)
    {
        var console = context.Human;
        console.MarkupLine($"check of [bold]{Markup.Escape(r.Source)}[/]: {r.Rows:N0} rows × {r.Columns} columns" + (r.Label is null ? "" : $", label [bold]{Markup.Escape(r.Label)}[/]")
            + (r.TestSource is null ? "" : $", test {Markup.Escape(r.TestSource)} ({r.TestRows:N0} rows)"));
        console.MarkupLine($"findings: {r.Count(CheckSeverity.Error)} error, {r.Count(CheckSeverity.Warn)} warn, {r.Count(CheckSeverity.Info)} info");
        if (r.Findings.Count > 0)
        {
            var table = new Table().AddColumn("severity").AddColumn("check").AddColumn("columns").AddColumn("finding");
            foreach (var f in r.Findings)
            {
                var sev = f.Severity switch { CheckSeverity.Error => "[red]error[/]", CheckSeverity.Warn => "[yellow]warn[/]", _ => "info" };
                table.AddRow(sev, Markup.Escape(f.CheckId), Markup.Escape(string.Join(", ", f.Columns)), Markup.Escape(f.Message));
            }
            console.Write(table);
        }
        foreach (var s in r.Skipped) console.MarkupLine($"skipped {Markup.Escape(s.CheckId)}: {Markup.Escape(s.Reason)}");
        if (reportId is not null) console.MarkupLine($"lineage: {Markup.Escape(reportId)}");
        if (html is not null) console.MarkupLine($"report: {Markup.Escape(html)}");
        if (json is not null && json != "-") console.MarkupLine($"json: {Markup.Escape(json)}");
    }
}
