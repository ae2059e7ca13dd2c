using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Client;
using Vigil.Core.Data;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil ingest</c>: replays a CSV or Parquet file of predictions (and optionally labels) into a server's prediction
/// log in batches. Every column other than the id, timestamp, score, prediction, version and label columns is a feature
/// (numbers as numbers, everything else as text, missing as null). Re-running is safe: ids already stored count as
/// duplicates. Exit 0 when every row was accepted or was a duplicate; exit 1 when the server rejected any event or label
/// (the first reasons are printed with their file rows); 2 for usage errors or whole-request problems.
/// </summary>
public static class IngestCommand
{
    private const int ReasonsShown = 10;
    private const int ReasonsKept = 100;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "Model the predictions belong to (needs a monitor)", Required = true, HelpName = "M" };
        var data = new Option<string?>("--data", "--input") { Description = "Predictions (CSV or Parquet)", Required = true, HelpName = "FILE" };
        var labels = new Option<string?>("--labels") { Description = "Labels (CSV or Parquet) with the id column and --label-column", HelpName = "FILE" };
        var idColumn = new Option<string>("--id-column") { Description = "Event id column", DefaultValueFactory = _ => "id", HelpName = "COL" };
        var timestampColumn = new Option<string>("--timestamp-column") { Description = "Event time column (ISO-8601; no zone = UTC)", DefaultValueFactory = _ => "timestamp", HelpName = "COL" };
        var scoreColumn = new Option<string?>("--score-column") { Description = "Positive-class probability column, or one column per class (named after the class)", HelpName = "COL[,COL...]" };
        var predictionColumn = new Option<string?>("--prediction-column") { Description = "Predicted label/value column", HelpName = "COL" };
        var versionColumn = new Option<string?>("--version-column") { Description = "Column naming the model version of each event", HelpName = "COL" };
        var version = new Option<string?>("--model-version") { Description = "Model version of every event (instead of --version-column)", HelpName = "V" };
        var labelColumn = new Option<string?>("--label-column") { Description = "Label column: in --labels (default 'label'), or in --data to send labels from the same file", HelpName = "COL" };
        var exclude = new Option<string?>("--exclude") { Description = "Columns that are not features (dropped)", HelpName = "COL,..." };
        var batchSize = new Option<int>("--batch-size") { Description = $"Events per request (1–{VigilClient.MaxEventsPerRequest})", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var delimiter = CommonOptions.Delimiter();
        return ServerCommandBuilder.Build(context, "ingest", "Send predictions (and labels) from a CSV/Parquet file to a Vigil server in batches; exit 1 when any row is rejected",
            [model, data, labels, idColumn, timestampColumn, scoreColumn, predictionColumn, versionColumn, version, labelColumn, exclude, batchSize, delimiter], (p, json, client) =>
            {
                var size = p.GetValue(batchSize);
                if (size < 1 || size > VigilClient.MaxEventsPerRequest) throw new UsageException($"--batch-size must be between 1 and {VigilClient.MaxEventsPerRequest}, got {size}");
                if (p.GetValue(version) is not null && p.GetValue(versionColumn) is not null) throw new UsageException("give --model-version or --version-column, not both");
                var readOptions = CommonOptions.ReadOptions(p.GetValue(delimiter));
                var dataPath = ServerCommandBuilder.Required(p, data);
                var labelsPath = p.GetValue(labels);
                var frame = CommonOptions.Load(dataPath, readOptions);
                var layout = EventLayout.Resolve(frame, dataPath, p.GetValue(idColumn)!, p.GetValue(timestampColumn)!, CommonOptions.SplitList(p.GetValue(scoreColumn)),
                    p.GetValue(predictionColumn), p.GetValue(versionColumn), p.GetValue(version),
                    labelsPath is null ? p.GetValue(labelColumn) : null, CommonOptions.SplitList(p.GetValue(exclude)));
                var labelFrame = labelsPath is null ? null : CommonOptions.Load(labelsPath, readOptions);
                LabelLayout? labelLayout = labelFrame is not null
                    ? LabelLayout.Resolve(labelFrame, labelsPath!, p.GetValue(idColumn)!, p.GetValue(labelColumn) ?? "label", p.GetValue(timestampColumn)!)
                    : layout.Label is not null ? new LabelLayout(layout.Id, layout.Label, null) : null;

                var name = ServerCommandBuilder.Required(p, model);
                var summary = Send(context, client, name, frame, layout, size);
                LabelSummary? labelSummary = null;
                if (labelLayout is not null) labelSummary = SendLabels(context, client, name, labelFrame ?? frame, labelLayout, size);

                if (json is not null) context.WriteDocument(json, JsonOut.Render(w => Write(w, name, dataPath, summary, labelsPath, labelSummary)));
                Print(context, summary, labelSummary);
                return summary.Rejected > 0 || labelSummary is { Rejected: > 0 } ? ExitCodes.ConditionHeld : ExitCodes.Ok;
            });
    }

    /// <summary>Where each event field comes from in the frame.</summary>
    internal sealed record EventLayout(Column Id, Column Timestamp, IReadOnlyList<Column> Scores, Column? Prediction, Column? VersionColumn, string? Version,
        Column? Label, IReadOnlyList<Column> Features)
    {
        public static EventLayout Resolve(DataFrame frame, string path, string id, string timestamp, string[] scores, string? prediction, string? versionColumn,
            string? version, string? label, string[] exclude)
        {
            Column Find(string column, string option) => frame.Find(column)
                ?? throw new UsageException($"{path} has no column '{column}' ({option}); columns: {string.Join(", ", frame.ColumnNames)}");
            var idCol = Find(id, "--id-column");
            var tsCol = Find(timestamp, "--timestamp-column");
            var scoreCols = scores.Select(s => Find(s, "--score-column")).ToList();
            foreach (var s in scoreCols)
                if (s is not NumericColumn) throw new UsageException($"{path}: score column '{s.Name}' is not numeric");
            var predCol = prediction is null ? null : Find(prediction, "--prediction-column");
            var verCol = versionColumn is null ? null : Find(versionColumn, "--version-column");
            var labelCol = label is null ? null : Find(label, "--label-column");
            foreach (var x in exclude) Find(x, "--exclude");
            var used = new HashSet<string>([id, timestamp, .. scores, .. exclude], StringComparer.Ordinal);
            if (prediction is not null) used.Add(prediction);
            if (versionColumn is not null) used.Add(versionColumn);
            if (label is not null) used.Add(label);
            var features = frame.Columns.Where(c => !used.Contains(c.Name)).ToList();
            return new EventLayout(idCol, tsCol, scoreCols, predCol, verCol, version, labelCol, features);
        }
    }

    /// <summary>Where the label fields come from.</summary>
    internal sealed record LabelLayout(Column Id, Column Label, Column? Timestamp)
    {
        public static LabelLayout Resolve(DataFrame frame, string path, string id, string label, string timestamp)
        {
            Column Find(string column, string option) => frame.Find(column)
                ?? throw new UsageException($"{path} has no column '{column}' ({option}); columns: {string.Join(", ", frame.ColumnNames)}");
            return new LabelLayout(Find(id, "--id-column"), Find(label, "--label-column"), frame.Find(timestamp));
        }
    }

    internal sealed record RowProblem(int Row, int Line, string? Id, string Reason);

    internal sealed record IngestSummary(int Events, int Accepted, int Duplicates, int Rejected, IReadOnlyList<RowProblem> Problems);

    internal sealed record LabelSummary(int Labels, int Stored, int Matched, int Pending, int Rejected, IReadOnlyList<RowProblem> Problems);

    private static IngestSummary Send(CliContext context, VigilClient client, string model, DataFrame frame, EventLayout layout, int batchSize)
    {
        var progress = frame.RowCount > batchSize ? new ProgressReporter(context, "ingest") : null;
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        int accepted = 0, duplicates = 0, rejected = 0;
        var problems = new List<RowProblem>();
        for (var start = 0; start < frame.RowCount; start += batchSize)
        {
            var end = Math.Min(frame.RowCount, start + batchSize);
            buffer.ResetWrittenCount();
            var localProblems = new List<RowProblem>();
            var sent = new List<int>(end - start); // file rows in request order (rows with a local problem are not sent)
            for (var row = start; row < end; row++)
            {
                var problem = WriteEvent(buffer, layout, row);
                if (problem is null) sent.Add(row);
                else localProblems.Add(new RowProblem(row, frame.LineOf(row), layout.Id.GetText(row), problem));
            }
            rejected += localProblems.Count;
            foreach (var lp in localProblems) if (problems.Count < ReasonsKept) problems.Add(lp);
            if (sent.Count > 0)
            {
                var result = ServerConnection.Wait(client.IngestPredictionsNdjsonAsync(model, buffer.WrittenMemory));
                accepted += result.Accepted;
                duplicates += result.Duplicates;
                rejected += result.Rejected.Count;
                foreach (var r in result.Rejected)
                {
                    if (problems.Count >= ReasonsKept) break;
                    var row = r.Index >= 0 && r.Index < sent.Count ? sent[r.Index] : start + r.Index;
                    problems.Add(new RowProblem(row, frame.LineOf(row), r.Id, r.Reason));
                }
            }
            progress?.Report(end, frame.RowCount);
        }
        problems.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new IngestSummary(frame.RowCount, accepted, duplicates, rejected, problems);
    }

    /// <summary>Writes one event line; returns a reason instead when the row cannot be an event (no id or time).</summary>
    private static string? WriteEvent(ArrayBufferWriter<byte> buffer, EventLayout layout, int row)
    {
        var id = layout.Id.GetText(row);
        if (string.IsNullOrEmpty(id)) return $"missing id ({layout.Id.Name})";
        DateTime time;
        if (layout.Timestamp is TimestampColumn tc)
        {
            if (tc.GetTime(row) is not { } t) return $"missing timestamp ({layout.Timestamp.Name})";
            time = t;
        }
        else
        {
            var text = layout.Timestamp.GetText(row);
            if (string.IsNullOrEmpty(text)) return $"missing timestamp ({layout.Timestamp.Name})";
            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time))
                return $"bad timestamp '{text}' ({layout.Timestamp.Name})";
        }
        foreach (var c in layout.Features)
            if (c is NumericColumn n && double.IsInfinity(n.Values[row])) return $"feature '{c.Name}' is infinite";
        foreach (var c in layout.Scores)
            if (double.IsInfinity(((NumericColumn)c).Values[row])) return $"score '{c.Name}' is infinite";
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteString("id"u8, id);
            w.WriteString("timestamp"u8, Ndjson.FormatTime(time));
            var version = layout.VersionColumn?.GetText(row) ?? layout.Version;
            if (version is not null) w.WriteString("version"u8, version);
            w.WritePropertyName("features"u8);
            w.WriteStartObject();
            foreach (var c in layout.Features)
            {
                w.WritePropertyName(c.Name);
                if (c is NumericColumn n)
                {
                    var v = n.Values[row];
                    if (double.IsNaN(v)) w.WriteNullValue();
                    else w.WriteNumberValue(v);
                }
                else if (c.GetText(row) is { } s) w.WriteStringValue(s);
                else w.WriteNullValue();
            }
            w.WriteEndObject();
            if (layout.Prediction?.GetText(row) is { } prediction) w.WriteString("prediction"u8, prediction);
            if (layout.Scores.Count == 1)
            {
                var s = ((NumericColumn)layout.Scores[0]).Values[row];
                if (!double.IsNaN(s)) w.WriteNumber("scores"u8, s);
            }
            else if (layout.Scores.Count > 1)
            {
                w.WritePropertyName("scores"u8);
                w.WriteStartObject();
                foreach (var c in layout.Scores)
                {
                    var s = ((NumericColumn)c).Values[row];
                    w.WritePropertyName(c.Name);
                    if (double.IsNaN(s)) w.WriteNullValue();
                    else w.WriteNumberValue(s);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return null;
    }

    private static LabelSummary SendLabels(CliContext context, VigilClient client, string model, DataFrame frame, LabelLayout layout, int batchSize)
    {
        var progress = frame.RowCount > batchSize ? new ProgressReporter(context, "labels") : null;
        int stored = 0, matched = 0, pending = 0, rejected = 0, labels = 0;
        var problems = new List<RowProblem>();
        for (var start = 0; start < frame.RowCount; start += batchSize)
        {
            var end = Math.Min(frame.RowCount, start + batchSize);
            var batch = new List<LabelRecord>(end - start);
            var rows = new List<int>(end - start);
            for (var row = start; row < end; row++)
            {
                var id = layout.Id.GetText(row);
                var label = layout.Label.GetText(row);
                if (string.IsNullOrEmpty(id) || label is null) continue; // unlabelled rows are not labels
                DateTime? at = layout.Timestamp switch
                {
                    TimestampColumn tc => tc.GetTime(row),
                    { } c when c.GetText(row) is { } t && DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
                    _ => null,
                };
                batch.Add(new LabelRecord(id, label, at));
                rows.Add(row);
            }
            labels += batch.Count;
            if (batch.Count > 0)
            {
                var result = ServerConnection.Wait(client.IngestLabelsAsync(model, batch));
                stored += result.Stored;
                matched += result.Matched;
                pending += result.Pending;
                rejected += result.Rejected.Count;
                foreach (var r in result.Rejected)
                {
                    if (problems.Count >= ReasonsKept) break;
                    var row = r.Index >= 0 && r.Index < rows.Count ? rows[r.Index] : start + r.Index;
                    problems.Add(new RowProblem(row, frame.LineOf(row), layout.Id.GetText(row), r.Reason));
                }
            }
            progress?.Report(end, frame.RowCount);
        }
        return new LabelSummary(labels, stored, matched, pending, rejected, problems);
    }

    private static void Write(Utf8JsonWriter w, string model, string data, IngestSummary s, string? labelsPath, LabelSummary? l)
    {
        w.WriteStartObject();
        w.WriteString("model", model);
        w.WriteString("data", data);
        w.WriteNumber("events", s.Events);
        w.WriteNumber("accepted", s.Accepted);
        w.WriteNumber("duplicates", s.Duplicates);
        w.WriteNumber("rejected", s.Rejected);
        WriteProblems(w, "rejections", s.Problems);
        if (l is not null)
        {
            w.WriteStartObject("labels");
            w.StringOrNull("file", labelsPath);
            w.WriteNumber("labels", l.Labels);
            w.WriteNumber("stored", l.Stored);
            w.WriteNumber("matched", l.Matched);
            w.WriteNumber("pending", l.Pending);
            w.WriteNumber("rejected", l.Rejected);
            WriteProblems(w, "rejections", l.Problems);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteProblems(Utf8JsonWriter w, string name, IReadOnlyList<RowProblem> problems)
    {
        w.WriteStartArray(name);
        foreach (var p in problems)
        {
            w.WriteStartObject();
            w.WriteNumber("row", p.Row);
            w.WriteNumber("line", p.Line);
            w.StringOrNull("id", p.Id);
            w.WriteString("reason", p.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Print(CliContext context, IngestSummary s, LabelSummary? l)
    {
        var console = context.Human;
        console.MarkupLine($"events: {s.Events:N0} read, [green]{s.Accepted:N0} accepted[/], {s.Duplicates:N0} duplicates, " +
                           $"{(s.Rejected > 0 ? $"[red]{s.Rejected:N0} rejected[/]" : "0 rejected")}");
        foreach (var p in s.Problems.Take(ReasonsShown))
            console.MarkupLine($"  line {p.Line} (id {Markup.Escape(p.Id ?? "—")}): {Markup.Escape(p.Reason)}");
        if (s.Rejected > ReasonsShown) console.MarkupLine($"  … {s.Rejected - ReasonsShown:N0} more (all kept reasons in --json)");
        if (l is null) return;
        console.MarkupLine($"labels: {l.Labels:N0} read, {l.Stored:N0} stored ({l.Matched:N0} matched, {l.Pending:N0} pending), " +
                           $"{(l.Rejected > 0 ? $"[red]{l.Rejected:N0} rejected[/]" : "0 rejected")}");
        foreach (var p in l.Problems.Take(ReasonsShown))
            console.MarkupLine($"  line {p.Line} (id {Markup.Escape(p.Id ?? "—")}): {Markup.Escape(p.Reason)}");
    }
}
