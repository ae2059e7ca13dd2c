using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Calibration;
using Vigil.Core.Evaluation;
using Vigil.Core.Statistics;
using Vigil.Reports.Html;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil evaluate</c>: metrics with confidence intervals, JSON and an HTML report.</summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data", "--input") { Description = "Labelled predictions (CSV or Parquet)", Required = true, HelpName = "FILE" };
        var label = new Option<string>("--label") { Description = "Label (target) column", Required = true, HelpName = "COL" };
        var score = new Option<string?>("--score") { Description = "Score column; for multiclass one probability column per class", HelpName = "COL[,COL...]" };
        var prediction = new Option<string?>("--prediction") { Description = "Predicted label column (or the regression output)", HelpName = "COL" };
        var task = new Option<string?>("--task") { Description = "binary | multiclass | regression | ranking (inferred when omitted)" };
        task.AcceptOnlyFromAmong("binary", "multiclass", "regression", "ranking");
        var positive = new Option<string?>("--positive-label") { Description = "The positive class (binary)", HelpName = "V" };
        var threshold = new Option<string>("--threshold") { Description = "Positive iff score ≥ T (default 0.5)", HelpName = "T", DefaultValueFactory = _ => "0.5" };
        var classes = new Option<string?>("--classes") { Description = "Class label of each --score column, in order", HelpName = "A,B,C" };
        var group = new Option<string?>("--group") { Description = "Query id column (ranking)", HelpName = "COL" };
        var k = new Option<string>("--k") { Description = "Cut-offs for ranking metrics", HelpName = "5,10", DefaultValueFactory = _ => "5,10" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replicates for intervals (0 disables)", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the bootstrap", DefaultValueFactory = _ => 0 };
        var ciMethod = new Option<string>("--ci-method") { Description = "percentile | bca", DefaultValueFactory = _ => "percentile" };
        ciMethod.AcceptOnlyFromAmong("percentile", "bca");
        var ciLevel = new Option<string>("--ci-level") { Description = "Confidence level", DefaultValueFactory = _ => "0.95" };
        var calibrationBins = new Option<int>("--calibration-bins") { Description = "Equal-width bins for ECE/MCE and the reliability diagram", DefaultValueFactory = _ => 15 };
        var calibrator = new Option<string?>("--calibrator") { Description = "Apply a calibrator (from vigil calibrate) and report before/after", HelpName = "FILE" };
        var slice = new Option<string?>("--slice") { Description = "Metrics per value of these columns (numeric: quantile bins), tested against the rest", HelpName = "COL[,COL...]" };
        var sliceBins = new Option<int>("--slice-bins") { Description = "Quantile bins for numeric slice columns", DefaultValueFactory = _ => 5 };
        var findSlices = new Option<bool>("--find-slices") { Description = "Find the weakest slices (SliceLine, up to 3 predicates)" };
        var minSupport = new Option<string>("--min-support") { Description = "Minimum share of rows in a discovered slice", DefaultValueFactory = _ => "0.01" };
        var top = new Option<int>("--top") { Description = "Weak slices to report", DefaultValueFactory = _ => 10 };
        var sensitive = new Option<string?>("--sensitive") { Description = "Fairness by these columns (several: intersectional groups)", HelpName = "COL[,COL...]" };
        var minGroup = new Option<int>("--min-group-rows") { Description = "Slices and groups with fewer rows are reported as insufficient data", DefaultValueFactory = _ => 30 };
        var failIf = new Option<string?>("--fail-if") { Description = "Exit 1 when a condition holds, e.g. \"roc_auc < 0.8; f1 < 0.6\"", HelpName = "COND" };
        var lineage = new Option<string?>("--lineage") { Description = "Record the dataset and this report in a lineage store (JSON lines)", HelpName = "FILE" };
        var json = CommonOptions.Json();
        var output = CommonOptions.Out();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();

        var cmd = new Command("evaluate", "Metrics with confidence intervals for a model's predictions on labelled data");
        foreach (var o in new Option[] { data, label, score, prediction, task, positive, threshold, classes, group, k, bootstrap, seed, ciMethod, ciLevel, calibrationBins, calibrator, slice, sliceBins, findSlices, minSupport, top, sensitive, minGroup, failIf, lineage, json, output, delimiter, verbose })
            cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            var conditions = p.GetValue(failIf) is { } f ? MetricCondition.ParseAll(f) : [];
            var level = CommonOptions.ParseDouble(p.GetValue(ciLevel)!, "--ci-level");
            if (level is <= 0 or >= 1) throw new UsageException("--ci-level must lie strictly between 0 and 1");
            if (p.GetValue(bootstrap) < 0) throw new UsageException("--bootstrap must be 0 or more");
            var settings = new EvaluationSettings
            {
                Label = p.GetValue(label)!,
                Scores = CommonOptions.SplitList(p.GetValue(score)),
                Prediction = p.GetValue(prediction),
                Task = p.GetValue(task) is { } t ? Enum.Parse<EvaluationTask>(t, ignoreCase: true) : null,
                PositiveLabel = p.GetValue(positive),
                Threshold = CommonOptions.ParseDouble(p.GetValue(threshold)!, "--threshold"),
                Classes = p.GetValue(classes) is { } c ? CommonOptions.SplitList(c) : null,
                Group = p.GetValue(group),
                K = CommonOptions.SplitList(p.GetValue(k)).Select(x => int.TryParse(x, out var v) && v > 0 ? v : throw new UsageException($"--k expects positive integers, got '{x}'")).ToArray(),
                BootstrapReplicates = p.GetValue(bootstrap),
                Seed = p.GetValue(seed),
                CiMethod = p.GetValue(ciMethod) == "bca" ? BootstrapMethod.Bca : BootstrapMethod.Percentile,
                CiLevel = level,
                CalibrationBins = p.GetValue(calibrationBins) is var cb and >= 2 ? cb : throw new UsageException("--calibration-bins must be at least 2"),
                SliceColumns = CommonOptions.SplitList(p.GetValue(slice)),
                SliceBins = p.GetValue(sliceBins) is var sb and >= 2 ? sb : throw new UsageException("--slice-bins must be at least 2"),
                FindSlices = p.GetValue(findSlices),
                MinSupport = CommonOptions.ParseDouble(p.GetValue(minSupport)!, "--min-support") is var ms and > 0 and < 1 ? ms : throw new UsageException("--min-support must lie strictly between 0 and 1"),
                TopSlices = p.GetValue(top) is var tp and >= 1 ? tp : throw new UsageException("--top must be at least 1"),
                SensitiveColumns = CommonOptions.SplitList(p.GetValue(sensitive)),
                MinGroupRows = p.GetValue(minGroup) is var mg and >= 1 ? mg : throw new UsageException("--min-group-rows must be at least 1"),
            };
            var fitted = p.GetValue(calibrator) is { } cf ? CalibratorFile.Load(cf) : null;
            return Execute(context, p.GetValue(data)!, settings, CommonOptions.ReadOptions(p.GetValue(delimiter)), jsonTarget, p.GetValue(output), conditions, fitted, p.GetValue(lineage));
        }));
        return cmd;
    }

    /// <summary>Loads, evaluates, writes outputs and applies <c>--fail-if</c>.</summary>
    internal static int Execute(CliContext context, string path, EvaluationSettings settings, Vigil.IO.ReadOptions readOptions,
        string? jsonTarget, string? htmlTarget, IReadOnlyList<MetricCondition> conditions, ICalibrator? calibrator = null,
        string? lineagePath = null)
    {
        var frame = CommonOptions.Load(path, readOptions);
        var prepared = DataPreparation.Prepare(frame, settings);
        foreach (var c in conditions)
            if (!MetricCatalogNames(prepared.Task, settings).Contains(c.Metric))
                throw new UsageException($"--fail-if names unknown metric '{c.Metric}' for a {prepared.Task.ToString().ToLowerInvariant()} model (metrics: {string.Join(", ", MetricCatalogNames(prepared.Task, settings))})");
        var progress = settings.BootstrapReplicates > 0 ? new ProgressReporter(context, "bootstrap") : null;
        var result = Evaluator.Evaluate(frame, prepared, settings, calibrator, progress is null ? null : progress.Report);

        if (jsonTarget is not null) context.WriteDocument(jsonTarget, EvaluationJson.Render(result));
        if (htmlTarget is not null) CliContext.WriteFile(htmlTarget, EvaluationReport.Render(result));
        if (lineagePath is not null)
        {
            var (_, reportId) = LineageRecorder.Record(lineagePath, "evaluate", [(frame, path)], jsonTarget, htmlTarget,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["task"] = result.Task.ToString().ToLowerInvariant(), ["label"] = settings.Label });
            context.HumanWriter.WriteLine($"lineage: {reportId}");
        }
        PrintSummary(context, result, htmlTarget, jsonTarget);

        var failed = conditions.Where(c => result.Find(c.Metric) is { } m && c.Holds(m.Value)).ToList();
        foreach (var c in conditions.Where(c => result.Find(c.Metric) is { Reason: not null }))
            context.HumanWriter.WriteLine($"note: --fail-if \"{c}\" not checked: {c.Metric} is undefined ({result.Find(c.Metric)!.Reason})");
        foreach (var c in failed)
            context.HumanWriter.WriteLine($"fail-if: {c} holds ({c.Metric} = {result.Find(c.Metric)!.Value:0.####})");
        return failed.Count > 0 ? ExitCodes.ConditionHeld : ExitCodes.Ok;
    }

    private static IReadOnlyList<string> MetricCatalogNames(EvaluationTask task, EvaluationSettings s) => task switch
    {
        EvaluationTask.Binary => [.. Vigil.Core.Metrics.MetricCatalog.Binary.Select(m => m.Name)],
        EvaluationTask.Multiclass => [.. Vigil.Core.Metrics.MetricCatalog.Multiclass.Select(m => m.Name)],
        EvaluationTask.Regression => [.. Vigil.Core.Metrics.MetricCatalog.Regression.Select(m => m.Name)],
        _ => [.. Vigil.Core.Metrics.MetricCatalog.Ranking(s.K).Select(m => m.Name)],
    };

    private static void PrintSummary(CliContext context, EvaluationResult r, string? html, string? json)
    {
        var console = context.Human;
        console.MarkupLine($"[bold]{Markup.Escape(r.Task.ToString().ToLowerInvariant())}[/] evaluation of [bold]{Markup.Escape(r.Data.Path)}[/] ({Markup.Escape(r.TaskReason)})");
        console.MarkupLine($"rows: {r.Data.Rows:N0} read, {r.Data.RowsUsed:N0} used, {r.Data.RowsSkipped:N0} skipped");
        foreach (var (reason, count) in r.Data.SkippedReasons) console.MarkupLine($"  skipped {count:N0}: {Markup.Escape(reason)}");
        foreach (var w in r.Warnings) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("interval").AddColumn("method");
        foreach (var m in r.Metrics)
        {
            var interval = m.Interval is { } ci && !double.IsNaN(ci.Low) ? $"[{ci.Low:0.####}, {ci.High:0.####}]" : "";
            table.AddRow(Markup.Escape(m.Name), m.Reason is null ? $"{m.Value:0.####}" : "—", Markup.Escape(m.Reason ?? interval), Markup.Escape(m.Interval?.Method ?? ""));
        }
        console.Write(table);
        if (r.Confusion is { } cm && cm.ClassCount <= 12)
        {
            var t = new Table().AddColumn("true \\ predicted");
            foreach (var l in cm.Labels) t.AddColumn(new TableColumn(Markup.Escape(l)).RightAligned());
            var rows = cm.ToRows();
            for (var a = 0; a < rows.Length; a++)
                t.AddRow([Markup.Escape(cm.Labels[a]), .. rows[a].Select(v => $"{v:N0}")]);
            console.Write(t);
        }
        if (r.Calibration is { } cal)
            console.MarkupLine($"calibration ({cal.Bins} bins): ece {cal.Summary.Ece:0.####}, mce {cal.Summary.Mce:0.####}, adaptive_ece {cal.Summary.AdaptiveEce:0.####}");
        if (r.Recalibrated is { } after)
        {
            var t = new Table().AddColumn("metric").AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn($"after {Markup.Escape(r.RecalibrationMethod ?? "")}").RightAligned());
            foreach (var m in r.Metrics) t.AddRow(Markup.Escape(m.Name), $"{m.Value:0.####}", $"{after.Find(m.Name)?.Value:0.####}");
            if (r.Calibration is { } b && after.Calibration is { } a) t.AddRow("ece", $"{b.Summary.Ece:0.####}", $"{a.Summary.Ece:0.####}");
            console.Write(t);
        }
        if (r.Slices is { } sl)
        {
            var worse = sl.Groups.Where(g => g.SignificantlyWorse == true).ToList();
            console.MarkupLine($"slices: {sl.Groups.Count} groups, {worse.Count} significantly worse than the rest{(worse.Count > 0 ? ": " + Markup.Escape(string.Join("; ", worse.Take(5).Select(g => $"{g.Column}={g.Value}"))) : "")}");
        }
        if (r.WeakSlices is { Slices.Count: > 0 } ws)
        {
            var t = new Table().AddColumn("#").AddColumn("weakest slice").AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("error").RightAligned()).AddColumn(new TableColumn("overall").RightAligned());
            for (var i = 0; i < ws.Slices.Count; i++)
                t.AddRow($"{i + 1}", Markup.Escape(ws.Slices[i].ToString()), $"{ws.Slices[i].Rows:N0}", $"{ws.Slices[i].ErrorRate:0.###}", $"{ws.Slices[i].OverallErrorRate:0.###}");
            console.Write(t);
        }
        if (r.Fairness is { } f)
        {
            console.MarkupLine($"fairness by {Markup.Escape(string.Join(" × ", f.SensitiveColumns))}: " + string.Join(", ", f.Aggregates.Select(a => $"{a.Name} {a.Value.Value:0.###}")));
            if (f.FourFifthsRule.Passed == false)
                console.MarkupLine($"[yellow]four-fifths rule fails[/]: ratio {f.FourFifthsRule.Ratio:0.###} (lowest {Markup.Escape(f.FourFifthsRule.LowestGroup ?? "")})");
        }
        if (html is not null) console.MarkupLine($"report: {Markup.Escape(html)}");
        if (json is not null && json != "-") console.MarkupLine($"json: {Markup.Escape(json)}");
    }
}
