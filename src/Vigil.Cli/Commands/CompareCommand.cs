using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Comparison;
using Vigil.Core.Metrics;
using Vigil.Reports.Html;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil compare</c>: a candidate against a baseline on the same labelled rows, with a statistical promotion gate.</summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data", "--input") { Description = "One file with the label and both score columns", HelpName = "FILE" };
        var baselineFile = new Option<string?>("--baseline") { Description = "The baseline's file (with --candidate and --id)", HelpName = "FILE" };
        var candidateFile = new Option<string?>("--candidate") { Description = "The candidate's file (with --baseline and --id)", HelpName = "FILE" };
        var id = new Option<string?>("--id") { Description = "Row id column joining --baseline and --candidate", HelpName = "COL" };
        var label = new Option<string>("--label") { Description = "Label (target) column", Required = true, HelpName = "COL" };
        var baselineScore = new Option<string>("--baseline-score") { Description = "The baseline's score column", Required = true, HelpName = "COL" };
        var candidateScore = new Option<string>("--candidate-score") { Description = "The candidate's score column", Required = true, HelpName = "COL" };
        var metric = new Option<string?>("--metric") { Description = $"Metrics to compare (default {string.Join(",", ComparisonSettings.DefaultMetrics)})", HelpName = "M[,M...]" };
        var threshold = new Option<string>("--threshold") { Description = "Positive iff score ≥ T (default 0.5)", HelpName = "T", DefaultValueFactory = _ => "0.5" };
        var positive = new Option<string?>("--positive-label") { Description = "The positive class", HelpName = "V" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Paired bootstrap replicates (0 disables)", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the bootstrap", DefaultValueFactory = _ => 0 };
        var ciLevel = new Option<string>("--ci-level") { Description = "Confidence level (α = 1 − level)", DefaultValueFactory = _ => "0.95" };
        var gate = new Option<string?>("--gate") { Description = "Margins on candidate − baseline, judged on the CI bound, e.g. \"roc_auc >= -0.01; f1 >= -0.02\"; exit 1 when one fails", HelpName = "COND" };
        var floor = new Option<string?>("--floor") { Description = "Absolute conditions on the candidate, e.g. \"roc_auc >= 0.8\"; exit 1 when one fails", HelpName = "COND" };
        var json = CommonOptions.Json();
        var output = CommonOptions.Out();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();

        var cmd = new Command("compare", "Compare a candidate model with a baseline on the same labelled rows (DeLong, McNemar, paired bootstrap) and gate promotion");
        foreach (var o in new Option[] { data, baselineFile, candidateFile, id, label, baselineScore, candidateScore, metric, threshold, positive, bootstrap, seed, ciLevel, gate, floor, json, output, delimiter, verbose })
            cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            var level = CommonOptions.ParseDouble(p.GetValue(ciLevel)!, "--ci-level");
            if (level is <= 0 or >= 1) throw new UsageException("--ci-level must lie strictly between 0 and 1");
            if (p.GetValue(bootstrap) < 0) throw new UsageException("--bootstrap must be 0 or more");
            var metrics = p.GetValue(metric) is { } m ? CommonOptions.SplitList(m) : [.. ComparisonSettings.DefaultMetrics];
            if (metrics.Length == 0) throw new UsageException("--metric names no metric");
            var promotion = PromotionGate.Parse(p.GetValue(gate), p.GetValue(floor));
            var known = MetricCatalog.Binary.Select(x => x.Name).ToArray();
            foreach (var name in metrics.Concat(promotion.Metrics))
                if (!known.Contains(name))
                    throw new UsageException($"unknown metric '{name}' (metrics: {string.Join(", ", known)})");
            var settings = new ComparisonSettings
            {
                Metrics = metrics.Distinct(StringComparer.Ordinal).ToArray(),
                BootstrapReplicates = p.GetValue(bootstrap),
                Seed = p.GetValue(seed),
                CiLevel = level,
            };
            var read = CommonOptions.ReadOptions(p.GetValue(delimiter));
            var thresholdValue = CommonOptions.ParseDouble(p.GetValue(threshold)!, "--threshold");
            PairedData paired;
            var (d, bf, cf, idColumn) = (p.GetValue(data), p.GetValue(baselineFile), p.GetValue(candidateFile), p.GetValue(id));
            if (d is not null)
            {
                if (bf is not null || cf is not null) throw new UsageException("give either --data, or --baseline and --candidate with --id, not both");
                paired = PairedData.FromFrame(CommonOptions.Load(d, read), p.GetValue(label)!, p.GetValue(baselineScore)!, p.GetValue(candidateScore)!,
                    p.GetValue(positive), thresholdValue);
            }
            else
            {
                if (bf is null || cf is null || idColumn is null)
                    throw new UsageException("give --data FILE, or --baseline FILE --candidate FILE --id COL");
                paired = PairedData.Join(CommonOptions.Load(bf, read), CommonOptions.Load(cf, read), idColumn, p.GetValue(label)!,
                    p.GetValue(baselineScore)!, p.GetValue(candidateScore)!, p.GetValue(positive), thresholdValue);
            }
            return Execute(context, paired, settings, promotion, jsonTarget, p.GetValue(output));
        }));
        return cmd;
    }

    /// <summary>Compares, writes outputs and returns 1 when the gate fails.</summary>
    internal static int Execute(CliContext context, PairedData paired, ComparisonSettings settings, PromotionGate gate, string? jsonTarget, string? htmlTarget)
    {
        var progress = settings.BootstrapReplicates > 0 ? new ProgressReporter(context, "paired bootstrap") : null;
        var result = ModelComparer.Compare(paired, settings, gate, progress is null ? null : progress.Report);
        if (jsonTarget is not null) context.WriteDocument(jsonTarget, ComparisonJson.Render(result));
        if (htmlTarget is not null) CliContext.WriteFile(htmlTarget, ComparisonReport.Render(result));
        PrintSummary(context, result, htmlTarget, jsonTarget);
        return result.Gate.Passed ? ExitCodes.Ok : ExitCodes.ConditionHeld;
    }

    private static void PrintSummary(CliContext context, ComparisonResult r, string? html, string? json)
    {
        var console = context.Human;
        if (console.Profile.Width < 140) console.Profile.Width = 140; // eight columns: keep rows on one line in logs too
        var d = r.Data;
        console.MarkupLine($"compare [bold]{Markup.Escape(d.Candidate)}[/] (candidate) with [bold]{Markup.Escape(d.Baseline)}[/] (baseline)");
        console.MarkupLine($"rows: {d.Rows:N0} paired, {d.RowsUsed:N0} used, {d.Rows - d.RowsUsed:N0} skipped; positive label {Markup.Escape(r.PositiveLabel)}, threshold {r.Threshold:0.####}");
        if (d.IdColumn is not null)
            console.MarkupLine($"join on '{Markup.Escape(d.IdColumn)}': {d.UnmatchedBaseline:N0} baseline rows and {d.UnmatchedCandidate:N0} candidate rows unmatched");
        foreach (var (reason, count) in d.SkippedReasons) console.MarkupLine($"  skipped {count:N0}: {Markup.Escape(reason)}");
        foreach (var w in r.Warnings) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("baseline").RightAligned()).AddColumn(new TableColumn("candidate").RightAligned())
            .AddColumn(new TableColumn("difference").RightAligned()).AddColumn("interval").AddColumn(new TableColumn("p").RightAligned()).AddColumn("test").AddColumn("decision");
        foreach (var m in r.Metrics)
        {
            var interval = double.IsNaN(m.CiLow) ? m.Reason ?? "" : $"[{m.CiLow:0.####}, {m.CiHigh:0.####}]";
            table.AddRow(Markup.Escape(m.Metric), Num(m.Baseline), Num(m.Candidate), Num(m.Difference), Markup.Escape(interval), Num(m.PValue),
                Markup.Escape(m.Test), ComparisonJson.Decision(m.Decision));
        }
        console.Write(table);
        foreach (var c in r.Gate.Checks)
            console.MarkupLine($"gate {(c.Condition.Kind == GateCheckKind.Margin ? "margin" : "floor")} {Markup.Escape(c.Condition.ToString())} on {c.Condition.Bound} = {Num(c.Observed)}: {(c.Passed ? "[green]pass[/]" : "[red]FAIL[/]")}{Markup.Escape(c.Reason is null ? "" : $" ({c.Reason})")}");
        if (r.Gate.Checks.Count > 0) console.MarkupLine(r.Gate.Passed ? "[green]gate passed[/]" : "[red]gate failed[/]");
        if (html is not null) console.MarkupLine($"report: {Markup.Escape(html)}");
        if (json is not null && json != "-") console.MarkupLine($"json: {Markup.Escape(json)}");
    }

    private static string Num(double v) => double.IsNaN(v) ? "—" : v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
