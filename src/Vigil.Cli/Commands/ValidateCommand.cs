using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Data;
using Vigil.Core.Quality.Expectations;
using Vigil.IO;
using Vigil.IO.Suites;
using Vigil.Reports.Html;
using Vigil.Reports.Json;
using ValidationResult = Vigil.Core.Quality.Expectations.ValidationResult;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil validate</c>: runs an expectation suite on a data file; exit 1 when an error-severity check fails.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data", "--input") { Description = "The data to validate (CSV or Parquet)", Required = true, HelpName = "FILE" };
        var suite = new Option<string>("--suite") { Description = "The expectation suite (YAML or JSON)", Required = true, HelpName = "FILE" };
        var json = CommonOptions.Json();
        var output = CommonOptions.Out();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();
        var cmd = new Command("validate", "Check data against an expectation suite (exit 1 when an error-severity check fails)");
        foreach (var o in new Option[] { data, suite, json, output, delimiter, verbose }) cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            return Execute(context, p.GetValue(data)!, p.GetValue(suite)!, CommonOptions.ReadOptions(p.GetValue(delimiter)), jsonTarget, p.GetValue(output), TimeProvider.System);
        }));
        return cmd;
    }

    /// <summary>Loads the suite (invalid → exit 2 with the line), then the data, validates and writes outputs.</summary>
    internal static int Execute(CliContext context, string dataPath, string suitePath, ReadOptions readOptions,
        string? jsonTarget, string? htmlTarget, TimeProvider clock)
    {
        var suite = SuiteFile.Load(suitePath);
        var frame = CommonOptions.Load(dataPath, readOptions);
        var suiteDirectory = Path.GetDirectoryName(Path.GetFullPath(suitePath)) ?? ".";
        DataFrame LoadReference(string path) => DataFile.Read(Path.IsPathRooted(path) ? path : Path.Combine(suiteDirectory, path), readOptions);
        var result = suite.Validate(new ExpectationContext(frame, clock, LoadReference), suitePath);

        if (jsonTarget is not null) context.WriteDocument(jsonTarget, ValidationJson.Render(result));
        if (htmlTarget is not null) CliContext.WriteFile(htmlTarget, ValidationReport.Render(result));
        PrintSummary(context, result, htmlTarget, jsonTarget);
        return result.Success ? ExitCodes.Ok : ExitCodes.ConditionHeld;
    }

    private static void PrintSummary(CliContext context, ValidationResult r, string? html, string? json)
    {
        var console = context.Human;
        console.MarkupLine($"validation of [bold]{Markup.Escape(r.Data)}[/] ({r.Rows:N0} rows) against [bold]{Markup.Escape(r.Suite)}[/]");
        var table = new Table().AddColumn("#").AddColumn("check").AddColumn("severity").AddColumn("result")
            .AddColumn("observed").AddColumn(new TableColumn("failing").RightAligned()).AddColumn("reason");
        for (var i = 0; i < r.Results.Count; i++)
        {
            var x = r.Results[i];
            var observed = ValidationReport.Observed(x);
            if (observed.Length > 40) observed = observed[..37] + "...";
            table.AddRow($"{i + 1}", Markup.Escape(ValidationReport.Label(x)), ValidationJson.Severity(x.Severity),
                x.Success ? "pass" : x.Severity == ExpectationSeverity.Error ? "[red]FAIL[/]" : "[yellow]warn[/]",
                Markup.Escape(observed), x.FailingCount is { } fc ? $"{fc:N0}" : "", Markup.Escape(x.Reason ?? ""));
        }
        console.Write(table);
        console.MarkupLine($"{r.Checks} checks: {r.Passed} passed, {r.FailedError} failed (error), {r.FailedWarn} failed (warn) → {(r.Success ? "[green]passed[/]" : "[red]failed[/]")}");
        if (html is not null) console.MarkupLine($"report: {Markup.Escape(html)}");
        if (json is not null && json != "-") console.MarkupLine($"json: {Markup.Escape(json)}");
    }
}
