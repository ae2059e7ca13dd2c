using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Provenance;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil fingerprint FILE</c>: the dataset's content hash (SHA-256 of its canonical form, the same for CSV and
/// Parquet and whatever the CSV formatting), schema hash, row count and per-column digests. JSON:
/// <c>{"schema_version": 1, "path", "content_hash", "row_order_insensitive", "schema_hash", "rows",
/// "columns": [{"name", "type", "digest", "count", "nulls", "distinct"}], "lineage_id"}</c>.
/// </summary>
public static class FingerprintCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string?>("FILE") { Description = "Data file (CSV or Parquet)", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string?>("--data", "--input") { Description = "Data file (CSV or Parquet), instead of FILE", HelpName = "FILE" };
        var insensitive = new Option<bool>("--row-order-insensitive") { Description = "Content hash that ignores the order of rows (sorted per-row SHA-256 digests)" };
        var lineage = new Option<string?>("--lineage") { Description = "Record the dataset in a lineage store (JSON lines)", HelpName = "FILE" };
        var json = CommonOptions.Json();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();
        var cmd = new Command("fingerprint", "Content hash, schema hash, row count and per-column digests of a dataset");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { data, insensitive, lineage, json, delimiter, verbose }) cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            var path = (p.GetValue(file), p.GetValue(data)) switch
            {
                ({ } f, null) => f,
                (null, { } d) => d,
                (null, null) => throw new UsageException("fingerprint needs a data file: vigil fingerprint FILE (or --data FILE)"),
                _ => throw new UsageException("give the data file once: either FILE or --data FILE"),
            };
            var frame = CommonOptions.Load(path, CommonOptions.ReadOptions(p.GetValue(delimiter)));
            var rowOrderInsensitive = p.GetValue(insensitive);
            var fingerprint = Fingerprinter.Compute(frame, rowOrderInsensitive);
            string? lineageId = null;
            if (p.GetValue(lineage) is { } store)
            {
                var ordered = rowOrderInsensitive ? Fingerprinter.Compute(frame) : fingerprint;
                var record = LineageRecords.Dataset(ordered, path, DateTimeOffset.UtcNow, rowOrderInsensitive ? fingerprint.ContentHash : null);
                LineageRecorder.Append(store, [record]);
                lineageId = record.Id;
            }
            if (jsonTarget is not null) context.WriteDocument(jsonTarget, JsonOut.Render(w => Write(w, path, fingerprint, lineageId)));
            Print(context, path, fingerprint, lineageId);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void Write(Utf8JsonWriter w, string path, DatasetFingerprint f, string? lineageId)
    {
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("path", path);
        w.WriteString("content_hash", f.ContentHash);
        w.WriteBoolean("row_order_insensitive", f.RowOrderInsensitive);
        w.WriteString("schema_hash", f.SchemaHash);
        w.WriteNumber("rows", f.RowCount);
        w.WriteStartArray("columns");
        foreach (var c in f.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", c.StorageType);
            w.WriteString("digest", c.Digest);
            w.WriteNumber("count", c.Count);
            w.WriteNumber("nulls", c.Nulls);
            w.WriteNumber("distinct", c.Distinct);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.StringOrNull("lineage_id", lineageId);
        w.WriteEndObject();
    }

    private static void Print(CliContext context, string path, DatasetFingerprint f, string? lineageId)
    {
        var console = context.Human;
        console.MarkupLine($"fingerprint of [bold]{Markup.Escape(path)}[/]: {f.RowCount:N0} rows × {f.Columns.Count} columns");
        console.MarkupLine($"content sha256{(f.RowOrderInsensitive ? " (row-order-insensitive)" : "")}: {f.ContentHash}");
        console.MarkupLine($"schema sha256: {f.SchemaHash}");
        var table = new Table().AddColumn("column").AddColumn("type").AddColumn(new TableColumn("nulls").RightAligned()).AddColumn(new TableColumn("distinct").RightAligned()).AddColumn("digest (sha256, first 16)");
        foreach (var c in f.Columns) table.AddRow(Markup.Escape(c.Name), c.StorageType, $"{c.Nulls:N0}", $"{c.Distinct:N0}", c.Digest[..16]);
        console.Write(table);
        if (lineageId is not null) console.MarkupLine($"lineage: {Markup.Escape(lineageId)}");
    }
}
