using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Drift;
using Vigil.Core.Drift.Analysis;
using Vigil.Models;
using Vigil.Reports.Html;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil drift</c>: per-column two-sample drift between reference and current data, JSON and an HTML report.</summary>
public static class DriftCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var reference = new Option<string?>("--reference") { Description = "Reference data (CSV or Parquet)", HelpName = "FILE" };
        var current = new Option<string?>("--current", "--analysis") { Description = "Current data to compare with the reference", HelpName = "FILE" };
        var referenceProfile = new Option<string?>("--reference-profile") { Description = "Reference profile (from vigil profile) instead of --reference", HelpName = "FILE" };
        var currentProfile = new Option<string?>("--current-profile", "--analysis-profile") { Description = "Current profile (from vigil profile) instead of --current", HelpName = "FILE" };
        var lineage = new Option<string?>("--lineage") { Description = "Record the datasets and this report in a lineage store (JSON lines)", HelpName = "FILE" };
        var columns = new Option<string?>("--columns") { Description = "Only these columns", HelpName = "COL,..." };
        var exclude = new Option<string?>("--exclude") { Description = "Never test these columns", HelpName = "COL,..." };
        var prediction = new Option<string?>("--prediction") { Description = "Prediction column (tested, reported as the prediction)", HelpName = "COL" };
        var target = new Option<string?>("--target") { Description = "Target column (tested, reported as the target)", HelpName = "COL" };
        var categorical = new Option<string?>("--categorical") { Description = "Treat these columns as categorical", HelpName = "COL,..." };
        var numeric = new Option<string?>("--numeric") { Description = "Treat these columns as numeric", HelpName = "COL,..." };
        var categoricalLimit = new Option<int>("--categorical-limit") { Description = "Integer columns with at most N distinct values are categorical", HelpName = "N", DefaultValueFactory = _ => 10 };
        var method = new Option<string?>("--method") { Description = $"Method for every column that accepts it (default: automatic). Known: {string.Join(", ", DriftMethodCatalog.Default.Ids)}", HelpName = "M" };
        var methodFor = new Option<string[]>("--method-for") { Description = "Method for one column (repeatable or comma-separated)", HelpName = "COL=M", AllowMultipleArgumentsPerToken = false };
        var extraMethods = new Option<string?>("--extra-methods") { Description = "Also compute these methods on every column that accepts them (reported, not deciding)", HelpName = "M,..." };
        var threshold = new Option<string?>("--threshold") { Description = "Threshold for every column (default: the method's)", HelpName = "T" };
        var thresholdFor = new Option<string[]>("--threshold-for") { Description = "Threshold for one column (repeatable or comma-separated)", HelpName = "COL=T" };
        var bins = new Option<string>("--bins") { Description = "Bins of psi/jensenshannon/kl_div/hellinger/tvd/l_infinity: N | sturges | doane", DefaultValueFactory = _ => "10" };
        var fdr = new Option<string?>("--fdr") { Description = "Benjamini–Hochberg false discovery rate over the p-value columns", HelpName = "Q" };
        var driftShare = new Option<string>("--drift-share") { Description = "Dataset drift when drifted/tested ≥ this", DefaultValueFactory = _ => "0.5" };
        var timestamp = new Option<string?>("--timestamp") { Description = "Timestamp column of the current data for drift over time", HelpName = "COL" };
        var window = new Option<string?>("--window") { Description = "Calendar window (UTC): 1d, 1w, 1M…", HelpName = "W" };
        var chunkSize = new Option<int?>("--chunk-size") { Description = "Row-count chunks of the current data", HelpName = "N" };
        var multivariate = new Option<string?>("--multivariate") { Description = "Multivariate detectors: domain_classifier (gradient-boosted trees, cross-validated AUC > 0.55), pca (reconstruction error), mmd (RBF kernel, permutation p-value)", HelpName = "domain_classifier,pca,mmd" };
        var seed = new Option<int>("--seed") { Description = "Seed of permutation tests, multivariate sampling and the domain classifier", DefaultValueFactory = _ => 0 };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit 1 when the dataset drifts" };
        var json = CommonOptions.Json();
        var output = CommonOptions.Out();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();

        var cmd = new Command("drift", "Is the current data still like the reference? Per-column drift tests, dataset drift and drift over time");
        foreach (var o in new Option[] { reference, current, referenceProfile, currentProfile, columns, exclude, prediction, target, categorical, numeric, categoricalLimit, method, methodFor, extraMethods,
                     threshold, thresholdFor, bins, fdr, driftShare, timestamp, window, chunkSize, multivariate, seed, failOnDrift, lineage, json, output, delimiter, verbose })
            cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            DriftBinning binning;
            try { binning = DriftBinning.Parse(p.GetValue(bins)!); }
            catch (ArgumentException e) { throw new UsageException(e.Message.Split(" (Parameter")[0]); }
            var settings = new DriftAnalysisSettings
            {
                Columns = p.GetValue(columns) is { } cs ? CommonOptions.SplitList(cs) : null,
                Exclude = CommonOptions.SplitList(p.GetValue(exclude)),
                Prediction = p.GetValue(prediction),
                Target = p.GetValue(target),
                ForceCategorical = CommonOptions.SplitList(p.GetValue(categorical)),
                ForceNumeric = CommonOptions.SplitList(p.GetValue(numeric)),
                CategoricalIntegerLimit = p.GetValue(categoricalLimit),
                Method = p.GetValue(method),
                MethodFor = Pairs(p.GetValue(methodFor), "--method-for", v => v),
                ExtraMethods = CommonOptions.SplitList(p.GetValue(extraMethods)),
                Threshold = p.GetValue(threshold) is { } t ? CommonOptions.ParseDouble(t, "--threshold") : null,
                ThresholdFor = Pairs(p.GetValue(thresholdFor), "--threshold-for", v => CommonOptions.ParseDouble(v, "--threshold-for")),
                Binning = binning,
                FalseDiscoveryRate = p.GetValue(fdr) is { } q ? CommonOptions.ParseDouble(q, "--fdr") : null,
                DriftShareThreshold = CommonOptions.ParseDouble(p.GetValue(driftShare)!, "--drift-share"),
                Timestamp = p.GetValue(timestamp),
                Window = p.GetValue(window),
                ChunkSize = p.GetValue(chunkSize),
                Seed = p.GetValue(seed),
                Multivariate = CommonOptions.SplitList(p.GetValue(multivariate)),
                MaxParallelColumns = Math.Clamp(Environment.ProcessorCount, 1, 2),
            };
            var (rp, cp, rpp, cpp) = (p.GetValue(reference), p.GetValue(current), p.GetValue(referenceProfile), p.GetValue(currentProfile));
            if (rpp is not null || cpp is not null)
            {
                if (rp is not null || cp is not null) throw new UsageException("give either --reference/--current (data) or --reference-profile/--current-profile (profiles), not both");
                if (rpp is null || cpp is null) throw new UsageException("drift from profiles needs both --reference-profile FILE and --current-profile FILE");
                return ExecuteProfiles(context, rpp, cpp, settings, jsonTarget, p.GetValue(output), p.GetValue(failOnDrift), p.GetValue(lineage));
            }
            if (rp is null || cp is null) throw new UsageException("drift needs --reference FILE and --current FILE (or --reference-profile and --current-profile)");
            return Execute(context, rp, cp, settings, CommonOptions.ReadOptions(p.GetValue(delimiter)),
                jsonTarget, p.GetValue(output), p.GetValue(failOnDrift), p.GetValue(lineage));
        }));
        return cmd;
    }

    private static Dictionary<string, T> Pairs<T>(string[]? values, string option, Func<string, T> parse)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in (values ?? []).SelectMany(CommonOptions.SplitList))
        {
            var eq = item.LastIndexOf('=');
            if (eq <= 0 || eq == item.Length - 1) throw new UsageException($"{option} expects COL=VALUE, got '{item}'");
            result[item[..eq].Trim()] = parse(item[(eq + 1)..].Trim());
        }
        return result;
    }

    /// <summary>Loads both files, validates the settings against them, analyses, writes outputs (and lineage) and applies <c>--fail-on-drift</c>.</summary>
    internal static int Execute(CliContext context, string referencePath, string currentPath, DriftAnalysisSettings settings, Vigil.IO.ReadOptions readOptions,
        string? jsonTarget, string? htmlTarget, bool failOnDrift, string? lineagePath = null)
    {
        var reference = CommonOptions.Load(referencePath, readOptions);
        GC.Collect(); // the file's bytes (as large as the file) are garbage now: free them before the next read (peak memory)
        var current = CommonOptions.Load(currentPath, readOptions);
        GC.Collect();
        var problems = settings.Validate(reference, current, new DriftMethodCatalog(settings.Binning, settings.Seed));
        if (problems.Count > 0) throw new UsageException(string.Join(Environment.NewLine + "error: ", problems));
        var cells = (long)(reference.RowCount + current.RowCount) * Math.Max(1, reference.Columns.Count);
        var progress = cells > 5_000_000 ? new ProgressReporter(context, "drift") : null;
        var classifier = settings.Multivariate.Contains("domain_classifier") ? new GradientBoostedDomainClassifier() : null;
        var result = DatasetDrift.Analyze(reference, current, settings, progress is null ? null : progress.Report, classifier);

        if (jsonTarget is not null) context.WriteDocument(jsonTarget, DriftJson.Render(result));
        if (htmlTarget is not null) CliContext.WriteFile(htmlTarget, DriftReport.Render(result, referencePath, currentPath));
        string? reportId = null;
        if (lineagePath is not null)
            (_, reportId) = LineageRecorder.Record(lineagePath, "drift", [(reference, referencePath), (current, currentPath)], jsonTarget, htmlTarget, Attributes(result));
        PrintSummary(context, result, htmlTarget, jsonTarget, reportId);
        return Finish(context, result, failOnDrift);
    }

    /// <summary>Drift from two profiles (issue 6 item 5): reads them, compares column by column from the sketches, writes outputs and applies <c>--fail-on-drift</c>.</summary>
    internal static int ExecuteProfiles(CliContext context, string referencePath, string currentPath, DriftAnalysisSettings settings,
        string? jsonTarget, string? htmlTarget, bool failOnDrift, string? lineagePath = null)
    {
        var reference = LoadProfile(referencePath, "--reference-profile");
        var current = LoadProfile(currentPath, "--current-profile");
        var problems = ProfileDatasetDrift.Validate(reference, current, settings);
        if (problems.Count > 0) throw new UsageException(string.Join(Environment.NewLine + "error: ", problems));
        var result = ProfileDatasetDrift.Analyze(reference, current, settings);
        if (jsonTarget is not null) context.WriteDocument(jsonTarget, DriftJson.Render(result));
        if (htmlTarget is not null) CliContext.WriteFile(htmlTarget, DriftReport.Render(result, referencePath, currentPath));
        string? reportId = null;
        if (lineagePath is not null)
        {
            var attributes = new Dictionary<string, string>(Attributes(result), StringComparer.Ordinal)
            {
                ["reference_profile"] = Path.GetFullPath(referencePath),
                ["current_profile"] = Path.GetFullPath(currentPath),
            };
            (_, reportId) = LineageRecorder.Record(lineagePath, "drift", [], jsonTarget, htmlTarget, attributes);
        }
        PrintSummary(context, result, htmlTarget, jsonTarget, reportId);
        return Finish(context, result, failOnDrift);
    }

    private static Vigil.Core.Profiles.DatasetProfile LoadProfile(string path, string option)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"{option}: cannot read {path}: {e.Message}"); }
        Vigil.Core.Profiles.ProfileDocument document;
        try { document = Vigil.Core.Profiles.ProfileSerializer.FromJson(text); }
        catch (InvalidDataException e) { throw new UsageException($"{option} {path}: {e.Message}"); }
        if (document.SegmentColumn is not null)
            throw new UsageException($"{option} {path}: a profile set segmented by '{document.SegmentColumn}'; give a plain profile (profile without --segment)");
        return document.Profiles[0];
    }

    private static Dictionary<string, string> Attributes(DatasetDriftResult r) => new(StringComparer.Ordinal)
    {
        ["dataset_drift"] = r.DatasetDrift ? "true" : "false",
        ["drifted_columns"] = r.DriftedColumns.ToString(CultureInfo.InvariantCulture),
        ["columns_tested"] = r.Columns.Count.ToString(CultureInfo.InvariantCulture),
    };

    private static int Finish(CliContext context, DatasetDriftResult result, bool failOnDrift)
    {
        if (failOnDrift && result.DatasetDrift)
        {
            context.HumanWriter.WriteLine($"fail-on-drift: dataset drift ({result.DriftedColumns} of {result.Columns.Count} columns drifted)");
            return ExitCodes.ConditionHeld;
        }
        return ExitCodes.Ok;
    }

    private static string F(double v, string format = "0.####") => double.IsNaN(v) ? "—" : v.ToString(format, CultureInfo.InvariantCulture);

    private static void PrintSummary(CliContext context, DatasetDriftResult r, string? html, string? json, string? reportId)
    {
        var console = context.Human;
        var table = new Table().AddColumn("column").AddColumn("type").AddColumn("method").AddColumn(new TableColumn("score").RightAligned())
            .AddColumn(new TableColumn("threshold").RightAligned()).AddColumn("drift").AddColumn(new TableColumn("severity").RightAligned());
        foreach (var c in r.BySeverity())
        {
            var score = c.Result.ScoreKind == DriftScoreKind.PValue
                ? (c.AdjustedPValue is { } a ? $"p_adj={F(a, "0.###E+0")}" : $"p={F(c.Result.PValue ?? double.NaN, "0.###E+0")}")
                : $"d={F(c.Result.Statistic)}";
            table.AddRow(Markup.Escape(c.Role == DriftColumnRole.Feature ? c.Column : $"{c.Column} ({c.Role.ToString().ToLowerInvariant()})"),
                c.Kind == DriftColumnKind.Numeric ? "numeric" : "categorical", Markup.Escape(c.Result.Method), Markup.Escape(score), F(c.Threshold),
                c.Drift ? "[red]DRIFT[/]" : "no", Markup.Escape(c.Result.Reason ?? F(c.Severity, "0.##")));
        }
        console.Write(table);
        foreach (var s in r.Skipped) console.MarkupLine($"skipped [bold]{Markup.Escape(s.Column)}[/]: {Markup.Escape(s.Reason)}");
        if (r.Windows.Count > 0)
        {
            var wt = new Table().AddColumn("window").AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("drifted").RightAligned()).AddColumn("dataset drift");
            foreach (var w in r.Windows)
                wt.AddRow(Markup.Escape(w.Key), w.Rows.ToString("N0", CultureInfo.InvariantCulture), $"{w.DriftedColumns}/{w.Columns.Count}", w.DatasetDrift ? "[red]yes[/]" : "no");
            console.Write(wt);
            if (r.RowsWithoutTimestamp > 0)
                console.MarkupLine($"[yellow]note:[/] {r.RowsWithoutTimestamp:N0} current rows have no timestamp and are in no window (they are in the whole-data comparison)");
        }
        foreach (var m in r.Multivariate)
            console.MarkupLine(m.Reason is not null
                ? $"multivariate {m.Method}: undefined ({Markup.Escape(m.Reason)})"
                : m.Method == "pca"
                    ? $"multivariate pca: {F(m.Statistic)} vs reference {F(m.ReferenceValue)} [[{F(m.Lower)}, {F(m.Upper)}]] → {(m.Drift ? "[red]DRIFT[/]" : "no drift")}"
                    : m.Method == "mmd"
                        ? $"multivariate mmd: MMD²={F(m.Statistic, "0.#####")}, p={F(m.PValue ?? double.NaN)} (threshold {F(m.Threshold ?? double.NaN)}) → {(m.Drift ? "[red]DRIFT[/]" : "no drift")}"
                        : $"multivariate {m.Method}: {Markup.Escape(m.Details)} (drift when AUC > {F(m.Threshold ?? double.NaN)}) → {(m.Drift ? "[red]DRIFT[/]" : "no drift")}");
        console.MarkupLine(r.DatasetDrift
            ? $"[red bold]dataset drift[/]: {r.DriftedColumns} of {r.Columns.Count} columns drifted ({F(r.DriftShare * 100, "0.#")}% ≥ {F(r.DriftShareThreshold * 100, "0.#")}%)"
            : $"no dataset drift: {r.DriftedColumns} of {r.Columns.Count} columns drifted ({F(r.DriftShare * 100, "0.#")}% < {F(r.DriftShareThreshold * 100, "0.#")}%)");
        if (reportId is not null) console.MarkupLine($"lineage: {Markup.Escape(reportId)}");
        if (html is not null) console.MarkupLine($"report: {Markup.Escape(html)}");
        if (json is not null && json != "-") console.MarkupLine($"json: {Markup.Escape(json)}");
    }
}
