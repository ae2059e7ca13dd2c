using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Quality.Expectations;
using Vigil.IO;
using Vigil.IO.Suites;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil suggest</c>: proposes an expectation suite (YAML) from data the user trusts.</summary>
public static class SuggestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data", "--input") { Description = "Trusted data (CSV or Parquet)", Required = true, HelpName = "FILE" };
        var output = CommonOptions.Out("Write the suggested suite (YAML) to FILE (default: stdout)");
        var name = new Option<string?>("--name") { Description = "The suite's name", HelpName = "NAME" };
        var json = CommonOptions.Json();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();
        var cmd = new Command("suggest", "Propose an expectation suite from trusted data (review it before use)");
        foreach (var o in new Option[] { data, output, name, json, delimiter, verbose }) cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            var outTarget = p.GetValue(output);
            if (jsonTarget == "-" && outTarget is null) throw new UsageException("--json - and the YAML cannot both go to stdout: give --out FILE");
            context.HumanToError = jsonTarget == "-" || outTarget is null;
            return Execute(context, p.GetValue(data)!, outTarget, p.GetValue(name), jsonTarget, CommonOptions.ReadOptions(p.GetValue(delimiter)));
        }));
        return cmd;
    }

    /// <summary>Loads, suggests and writes the suite.</summary>
    internal static int Execute(CliContext context, string dataPath, string? outPath, string? name, string? jsonTarget, ReadOptions readOptions)
    {
        var frame = CommonOptions.Load(dataPath, readOptions);
        var document = SuiteSuggester.Suggest(frame, name: name);
        var yaml = SuiteFile.Format(document);
        if (outPath is null) context.Out.Write(yaml);
        else CliContext.WriteFile(outPath, yaml);
        if (jsonTarget is not null)
            context.WriteDocument(jsonTarget, JsonOut.Render(w =>
            {
                w.WriteStartObject();
                w.WriteString("data", frame.Source);
                w.WriteNumber("rows", frame.RowCount);
                w.StringOrNull("suite", outPath);
                w.WriteNumber("checks", document.Checks.Count);
                w.WriteStartObject("by_check");
                foreach (var g in document.Checks.GroupBy(c => c.Check)) w.WriteNumber(g.Key, g.Count());
                w.WriteEndObject();
                w.WriteEndObject();
            }));
        var console = context.Human;
        console.MarkupLine($"suggested {document.Checks.Count} checks for [bold]{Markup.Escape(frame.Source)}[/] ({frame.RowCount:N0} rows, {frame.Columns.Count} columns): "
            + Markup.Escape(string.Join(", ", document.Checks.GroupBy(c => c.Check).Select(g => $"{g.Count()} {g.Key}"))));
        console.MarkupLine("row_count_between accepts ±50% of the observed rows; between widens each range by 10%; mean/stdev checks are warnings. Review before use.");
        if (outPath is not null) console.MarkupLine($"suite: {Markup.Escape(outPath)}");
        return ExitCodes.Ok;
    }
}
