using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Cli.Infrastructure;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil monitor set|get</c>: a model's monitor. <c>set</c> sends a monitor document in the API's JSON shape
/// (docs/API.md "Monitor"); with <c>--reference FILE</c> the file is uploaded as a dataset and becomes the document's
/// <c>reference</c>, so the document can stay free of data.
/// </summary>
public static class MonitorCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("monitor", "Set or show a model's monitor (reference data, window, drift, metrics, alerts, retraining, webhooks)");
        cmd.Subcommands.Add(Set(context));
        cmd.Subcommands.Add(Get(context));
        return cmd;
    }

    private static Command Set(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "Model", Required = true, HelpName = "M" };
        var config = new Option<string?>("--config") { Description = "Monitor document (JSON, the PUT /monitor body)", Required = true, HelpName = "FILE" };
        var reference = new Option<string?>("--reference") { Description = "Reference data (CSV or Parquet) to upload and use as the document's reference", HelpName = "FILE" };
        return ServerCommandBuilder.Build(context, "set", "Set a model's monitor from a JSON document", [model, config, reference], (p, json, client) =>
        {
            var configPath = ServerCommandBuilder.Required(p, config);
            JsonObject document;
            try
            {
                document = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject ?? throw new UsageException($"--config: {configPath} must hold a JSON object");
            }
            catch (JsonException e) { throw new UsageException($"--config: {configPath} is not JSON: {e.Message}"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"--config: cannot read {configPath}: {e.Message}"); }
            if (p.GetValue(reference) is { } referencePath)
            {
                if (!File.Exists(referencePath)) throw new UsageException($"--reference: no file {referencePath}");
                var dataset = ServerConnection.Wait(client.UploadDatasetAsync(referencePath));
                document["reference"] = new JsonObject { ["dataset_id"] = dataset.Id };
                context.HumanWriter.WriteLine($"uploaded reference {dataset.Name} ({dataset.SizeBytes:N0} bytes) as dataset {dataset.Id[..Math.Min(12, dataset.Id.Length)]}…");
            }
            else if (!document.ContainsKey("reference"))
                throw new UsageException("the monitor needs reference data: give --reference FILE or a \"reference\" member in the document");
            var monitor = ServerConnection.Wait(client.PutMonitorAsync(ServerCommandBuilder.Required(p, model), document.ToJsonString()));
            ServerCommandBuilder.WriteJson(context, json, monitor);
            var schema = monitor.Schema ?? [];
            context.Human.MarkupLine($"monitor set for [bold]{Markup.Escape(monitor.Model)}[/]: {schema.Count} features " +
                $"({Markup.Escape(string.Join(", ", schema.Take(12).Select(f => $"{f.Name}:{f.Kind}")))}{(schema.Count > 12 ? ", …" : "")})");
            return ExitCodes.Ok;
        });
    }

    private static Command Get(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "Model", Required = true, HelpName = "M" };
        return ServerCommandBuilder.Build(context, "get", "Show a model's monitor as JSON", [model], (p, json, client) =>
        {
            var name = ServerCommandBuilder.Required(p, model);
            var monitor = ServerConnection.Wait(client.GetMonitorAsync(name));
            if (monitor is null) throw new UsageException($"model '{name}' has no monitor (vigil monitor set --model {name} --config monitor.json --reference ref.csv)");
            var text = ServerConnection.ToJson(monitor);
            if (json is not null) context.WriteDocument(json, text);
            if (json != "-") context.HumanWriter.WriteLine(text);
            return ExitCodes.Ok;
        });
    }
}
