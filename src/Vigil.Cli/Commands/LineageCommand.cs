using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Provenance;
using Vigil.IO.Lineage;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil lineage show ID --lineage FILE</c>: the lineage graph around one record — what it was made from
/// (upstream) and what was made from it (downstream) — as indented trees. An id may be given by a unique prefix.
/// JSON: <c>{"schema_version": 1, "id", "record", "upstream": NODE, "downstream": NODE}</c> with
/// NODE = <c>{"id", "kind", "attributes", "created", "cycle", "children": [NODE]}</c> (kind null for an id referenced but not stored).
/// </summary>
public static class LineageCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Record id (or a unique prefix), e.g. dataset:3f2a…" };
        var store = new Option<string>("--lineage") { Description = "The lineage store (JSON lines)", Required = true, HelpName = "FILE" };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var show = new Command("show", "Print the records upstream and downstream of ID");
        show.Arguments.Add(id);
        foreach (var o in new Option[] { store, json, verbose }) show.Options.Add(o);
        show.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            var path = p.GetValue(store)!;
            if (!File.Exists(path)) throw new UsageException($"lineage store {path} does not exist");
            var graph = new LineageStore(path).Graph();
            var resolved = Resolve(graph, new LineageStore(path).ReadAll(), p.GetValue(id)!, path);
            var up = graph.Upstream(resolved);
            var down = graph.Downstream(resolved);
            if (jsonTarget is not null)
                context.WriteDocument(jsonTarget, JsonOut.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("schema_version", 1);
                    w.WriteString("id", resolved);
                    w.WritePropertyName("record");
                    WriteNode(w, new LineageNode(resolved, graph.Find(resolved), [], false), children: false);
                    w.WritePropertyName("upstream");
                    WriteNode(w, up, children: true);
                    w.WritePropertyName("downstream");
                    WriteNode(w, down, children: true);
                    w.WriteEndObject();
                }));
            var h = context.HumanWriter;
            h.WriteLine(Describe(graph.Find(resolved)!));
            h.WriteLine("upstream (made from):");
            if (up.Children.Count == 0) h.WriteLine("  (none)");
            foreach (var c in up.Children) PrintTree(h, c, 1);
            h.WriteLine("downstream (made from it):");
            if (down.Children.Count == 0) h.WriteLine("  (none)");
            foreach (var c in down.Children) PrintTree(h, c, 1);
            return ExitCodes.Ok;
        }));
        var cmd = new Command("lineage", "Inspect the lineage store: datasets → model versions → reports");
        cmd.Subcommands.Add(show);
        return cmd;
    }

    private static string Resolve(LineageGraph graph, IReadOnlyList<LineageRecord> records, string id, string path)
    {
        if (graph.Find(id) is not null) return id;
        var matches = records.Select(r => r.Id).Where(r => r.StartsWith(id, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UsageException($"no record '{id}' in lineage store {path} ({graph.Count} records)"),
            _ => throw new UsageException($"'{id}' matches {matches.Count} records in {path}: {string.Join(", ", matches.Take(5))}{(matches.Count > 5 ? ", …" : "")}"),
        };
    }

    private static string Describe(LineageRecord r)
    {
        var attributes = string.Join(" ", r.Attributes.Where(a => a.Key is "path" or "rows" or "command" or "name" or "version" or "html" or "json" or "errors" or "warnings")
            .Select(a => $"{a.Key}={a.Value}"));
        return $"{r.Id} [{LineageRecord.KindName(r.Kind)}] {r.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z {attributes}".TrimEnd();
    }

    private static void PrintTree(TextWriter w, LineageNode node, int depth)
    {
        var indent = new string(' ', depth * 2);
        var text = node.Record is null ? $"{node.Id} (not in the store)" : Describe(node.Record);
        w.WriteLine($"{indent}└─ {text}{(node.Cycle ? " (cycle)" : "")}");
        foreach (var c in node.Children) PrintTree(w, c, depth + 1);
    }

    private static void WriteNode(Utf8JsonWriter w, LineageNode node, bool children)
    {
        w.WriteStartObject();
        w.WriteString("id", node.Id);
        if (node.Record is { } r)
        {
            w.WriteString("kind", LineageRecord.KindName(r.Kind));
            w.WriteStartObject("attributes");
            foreach (var (k, v) in r.Attributes) w.WriteString(k, v);
            w.WriteEndObject();
            w.Strings("inputs", r.Inputs);
            w.WriteString("created", r.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
        else w.WriteNull("kind");
        if (children)
        {
            w.WriteBoolean("cycle", node.Cycle);
            w.WriteStartArray("children");
            foreach (var c in node.Children) WriteNode(w, c, true);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
