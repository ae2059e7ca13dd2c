using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Data;
using Vigil.Core.Drift.Streaming;
using Vigil.Core.Evaluation;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil stream</c>: runs online change detectors (River's names and defaults) over a stream of numbers and
/// reports the 0-based indices of drifts and warnings; with <c>--true-change-points</c> it scores each detector's
/// detection delay, false alarms and misses (rules of <see cref="DetectionEvaluation"/>).
/// </summary>
public static class StreamCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var detector = new Option<string>("--detector") { Description = $"Detector name or 'all' ({string.Join(", ", DetectorCatalog.Names)})", Required = true, HelpName = "NAME|all" };
        var param = new Option<string[]>("--param") { Description = "Detector parameter by River's name, repeatable (with 'all', DETECTOR.key=value targets one detector)", HelpName = "key=value" };
        var input = new Option<string>("--input", "--data") { Description = "One number per line, or CSV/Parquet with --column", Required = true, HelpName = "FILE" };
        var column = new Option<string?>("--column") { Description = "Column holding the stream (read as CSV/Parquet)", HelpName = "COL" };
        var truth = new Option<string?>("--true-change-points") { Description = "0-based indices where the stream truly changes, for delay / false alarms / misses", HelpName = "5000,12000" };
        var json = CommonOptions.Json();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();

        var cmd = new Command("stream", "Online change detection (ADWIN, Page-Hinkley, DDM, EDDM, HDDM, KSWIN, CUSUM, EWMA) over a stream of values");
        foreach (var o in new Option[] { detector, param, input, column, truth, json, delimiter, verbose })
            cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            var changePoints = p.GetValue(truth) is { } t ? ParseChangePoints(t) : null;
            var parameters = ParseParameters(p.GetValue(param) ?? []);
            return Execute(context, p.GetValue(detector)!, parameters, p.GetValue(input)!, p.GetValue(column),
                CommonOptions.ReadOptions(p.GetValue(delimiter)), changePoints, jsonTarget);
        }));
        return cmd;
    }

    /// <summary>Reads the stream, runs the detector(s), writes JSON and the summary table.</summary>
    internal static int Execute(CliContext context, string detectorName, IReadOnlyList<KeyValuePair<string, string>> parameters,
        string path, string? column, Vigil.IO.ReadOptions readOptions, IReadOnlyList<int>? changePoints, string? jsonTarget)
    {
        var all = string.Equals(detectorName.Trim(), "all", StringComparison.OrdinalIgnoreCase);
        var descriptors = all ? DetectorCatalog.All : [Find(detectorName)];
        var perDetector = AssignParameters(descriptors, parameters, all);
        // Validate names and values before reading a possibly large file.
        foreach (var d in descriptors) Build(d, perDetector[d.Name]);

        var (values, lineOf) = column is null ? ReadLines(path) : ReadColumn(path, column, readOptions);
        var firstNonBinary = FirstNonBinary(values);

        var outcomes = new List<StreamDetectorOutcome>();
        var skipped = new List<SkippedDetector>();
        foreach (var d in descriptors)
        {
            if (d.IsBinary && firstNonBinary >= 0)
            {
                var message = $"detector '{d.Name}' is binary: it takes 0 (correct) or 1 (error), but {Where(path, column, lineOf(firstNonBinary))} holds {values[firstNonBinary].ToString("R", CultureInfo.InvariantCulture)}";
                if (!all) throw new UsageException(message);
                skipped.Add(new SkippedDetector(d.Name, "binary detector (0 = correct, 1 = error) and the stream is not 0/1"));
                continue;
            }
            DetectionRun run;
            try
            {
                run = DetectionRun.Run(Build(d, perDetector[d.Name]), values);
            }
            catch (ArgumentException e) when (e.InnerException is ArgumentException)
            {
                throw new UsageException($"{path}: detector '{d.Name}' rejected a value: {Clean(e)}");
            }
            var evaluation = changePoints is null ? null : DetectionEvaluation.Evaluate(run.Drifts, changePoints);
            outcomes.Add(new StreamDetectorOutcome(run, evaluation));
        }
        if (changePoints is not null && changePoints.Count > 0 && changePoints[^1] >= values.Length)
            context.HumanWriter.WriteLine($"warning: true change point {changePoints[^1]} lies beyond the stream's {values.Length} values");

        if (jsonTarget is not null)
            context.WriteDocument(jsonTarget, all ? StreamJson.RenderAll(outcomes, skipped, changePoints) : StreamJson.Render(outcomes[0], changePoints));
        PrintSummary(context, path, values.Length, outcomes, skipped, changePoints, jsonTarget);
        return ExitCodes.Ok;
    }

    private static DetectorDescriptor Find(string name)
    {
        foreach (var d in DetectorCatalog.All)
            if (string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) return d;
        throw new UsageException($"unknown detector '{name}'; valid detectors: {string.Join(", ", DetectorCatalog.Names)}, or all");
    }

    private static IChangeDetector Build(DetectorDescriptor d, Dictionary<string, string> parameters)
    {
        try
        {
            return d.Create(parameters);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(Clean(e));
        }
    }

    /// <summary>An argument exception's message without the "(Parameter 'x')" suffix (users never see parameter names of our code).</summary>
    private static string Clean(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    /// <summary>
    /// Splits <c>--param</c> values among detectors. A plain <c>key=value</c> goes to the single detector; with
    /// <c>all</c> it goes to every detector having that parameter (an error when none has it), and
    /// <c>detector.key=value</c> targets one detector.
    /// </summary>
    private static Dictionary<string, Dictionary<string, string>> AssignParameters(IReadOnlyList<DetectorDescriptor> descriptors,
        IReadOnlyList<KeyValuePair<string, string>> parameters, bool all)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var d in descriptors) result[d.Name] = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                var target = Find(key[..dot]);
                if (!result.TryGetValue(target.Name, out var bag))
                    throw new UsageException($"--param {key}: detector '{target.Name}' is not being run");
                bag[key[(dot + 1)..]] = value;
                continue;
            }
            if (!all) { result[descriptors[0].Name][key] = value; continue; }
            var used = false;
            foreach (var d in descriptors)
                foreach (var p in d.Parameters)
                    if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)) { result[d.Name][p.Name] = value; used = true; }
            if (!used)
                throw new UsageException($"--param {key}: no detector has a parameter '{key}'; give DETECTOR.key=value (detectors: {string.Join(", ", DetectorCatalog.Names)})");
        }
        return result;
    }

    /// <summary>Parses <c>key=value</c> pairs, keeping their order.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ParseParameters(IReadOnlyList<string> items)
    {
        var result = new List<KeyValuePair<string, string>>(items.Count);
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new UsageException($"--param expects key=value, got '{item}'");
            result.Add(new(item[..eq].Trim(), item[(eq + 1)..].Trim()));
        }
        return result;
    }

    private static int[] ParseChangePoints(string text)
    {
        var parts = CommonOptions.SplitList(text);
        var result = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]) || result[i] < 0)
                throw new UsageException($"--true-change-points expects non-negative integers, got '{parts[i]}'");
            if (i > 0 && result[i] <= result[i - 1])
                throw new UsageException("--true-change-points must be strictly increasing");
        }
        return result;
    }

    /// <summary>
    /// Reads one number per line (invariant culture; blank lines skipped). A value that is not a finite number is an
    /// input error naming file and line. One pass, one reused buffer per line; no per-value allocation beyond the line.
    /// </summary>
    internal static (double[] Values, Func<int, int> LineOf) ReadLines(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: file not found");
        var values = new List<double>(1 << 16);
        List<int>? lines = null; // only needed once a blank line shifts values away from their line numbers
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var span = line.AsSpan().Trim();
            if (span.IsEmpty)
            {
                if (lines is null) { lines = new List<int>(values.Count + 1024); for (var i = 0; i < values.Count; i++) lines.Add(i + 1); }
                continue;
            }
            if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                var shown = span.Length > 40 ? span[..40].ToString() + "…" : span.ToString();
                throw new DataFormatException(path, $"expected a finite number, found '{shown}' (one value per line; use --column COL for CSV)", lineNumber);
            }
            values.Add(v);
            lines?.Add(lineNumber);
        }
        if (values.Count == 0) throw new DataFormatException(path, "the stream is empty");
        var map = lines?.ToArray();
        return (values.ToArray(), map is null ? i => i + 1 : i => map[i]);
    }

    private static (double[] Values, Func<int, int> LineOf) ReadColumn(string path, string column, Vigil.IO.ReadOptions options)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: file not found");
        var frame = CommonOptions.Load(path, options);
        var col = frame.Find(column) ?? throw new DataFormatException(path, $"no column '{column}' (columns: {string.Join(", ", frame.ColumnNames)})");
        var numbers = DataPreparation.NumericOrThrow(frame, col, "stream value");
        for (var i = 0; i < numbers.Values.Length; i++)
            if (!double.IsFinite(numbers.Values[i]))
                throw new DataFormatException(path, double.IsNaN(numbers.Values[i]) ? "missing value in the stream" : "infinite value in the stream", frame.LineOf(i), column);
        if (numbers.Values.Length == 0) throw new DataFormatException(path, "the stream is empty", column: column);
        return (numbers.Values, frame.LineOf);
    }

    private static int FirstNonBinary(double[] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (values[i] != 0 && values[i] != 1) return i;
        return -1;
    }

    private static string Where(string path, string? column, int line) => column is null ? $"{path}:{line}" : $"{path}:{line} (column '{column}')";

    private static void PrintSummary(CliContext context, string path, int updates, List<StreamDetectorOutcome> outcomes,
        List<SkippedDetector> skipped, IReadOnlyList<int>? changePoints, string? jsonTarget)
    {
        var console = context.Human;
        console.MarkupLine($"stream [bold]{Markup.Escape(path)}[/]: {updates:N0} values");
        var table = new Table().AddColumn("detector").AddColumn(new TableColumn("drifts").RightAligned()).AddColumn(new TableColumn("warnings").RightAligned());
        if (changePoints is null) table.AddColumn("first drift indices");
        else
            table.AddColumn(new TableColumn("detected").RightAligned()).AddColumn(new TableColumn("misses").RightAligned())
                .AddColumn(new TableColumn("false alarms").RightAligned()).AddColumn(new TableColumn("mean delay").RightAligned()).AddColumn("delays");
        foreach (var o in outcomes)
        {
            var r = o.Run;
            var cells = new List<string> { Markup.Escape(r.Detector), $"{r.Drifts.Count:N0}", $"{r.Warnings.Count:N0}" };
            if (o.Evaluation is { } e)
            {
                cells.Add($"{e.Detected}/{e.ChangePoints.Count}");
                cells.Add($"{e.Misses}");
                cells.Add($"{e.FalseAlarms.Count:N0}");
                cells.Add(double.IsNaN(e.MeanDelay) ? "—" : e.MeanDelay.ToString("0.#", CultureInfo.InvariantCulture));
                cells.Add(Markup.Escape(string.Join(" ", e.ChangePoints.Select(c => c.Delay is { } d ? $"+{d}" : "miss"))));
            }
            else cells.Add(Markup.Escape(string.Join(", ", r.Drifts.Take(8)) + (r.Drifts.Count > 8 ? ", …" : "")));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        if (changePoints is not null) context.HumanWriter.WriteLine($"true change points: {string.Join(", ", changePoints)}; delays per change point in order (miss = not detected)");
        foreach (var s in skipped) context.HumanWriter.WriteLine($"skipped {s.Detector}: {s.Reason}");
        if (jsonTarget is not null && jsonTarget != "-") console.MarkupLine($"json: {Markup.Escape(jsonTarget)}");
    }
}
