using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Client;
using Vigil.Core.Comparison;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil models list|create|register|alias|promote|rollback</c>: the model registry of a Vigil server. <c>promote</c>
/// exits 1 when the gate keeps the alias where it is (a stated condition, like <c>compare --gate</c>).
/// </summary>
public static class ModelsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("models", "The model registry of a Vigil server: list, create, register versions, set aliases, promote through a gate, roll back");
        cmd.Subcommands.Add(List(context));
        cmd.Subcommands.Add(CreateModel(context));
        cmd.Subcommands.Add(Register(context));
        cmd.Subcommands.Add(Alias(context));
        cmd.Subcommands.Add(Promote(context));
        cmd.Subcommands.Add(Rollback(context));
        return cmd;
    }

    private static Option<string?> ModelOption() => new("--model") { Description = "Model name", Required = true, HelpName = "M" };

    private static Option<string?> TaskOption(string description) => new("--task") { Description = description, HelpName = "binary|multiclass|regression" };

    private static ModelTask ParseTask(string text) => text.ToLowerInvariant() switch
    {
        "binary" => ModelTask.Binary,
        "multiclass" => ModelTask.Multiclass,
        "regression" => ModelTask.Regression,
        _ => throw new UsageException($"--task must be binary, multiclass or regression, got '{text}'"),
    };

    private static Command List(CliContext context) =>
        ServerCommandBuilder.Build(context, "list", "List the registered models with aliases, traffic and status", [], (p, json, client) =>
        {
            var models = ServerConnection.Wait(client.ListModelsAsync());
            ServerCommandBuilder.WriteJson(context, json, models);
            var table = new Table().AddColumn("model").AddColumn("task").AddColumn(new TableColumn("versions").RightAligned()).AddColumn("aliases")
                .AddColumn(new TableColumn("events").RightAligned()).AddColumn("status");
            foreach (var m in models)
                table.AddRow(Markup.Escape(m.Name), m.Task.ToString().ToLowerInvariant(), m.Versions.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", (m.Aliases ?? new Dictionary<string, string>()).Select(a => $"{a.Key}→{a.Value}"))),
                    m.EventsIngested.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(m.Status ?? "—"));
            if (models.Count == 0) context.HumanWriter.WriteLine("no models registered (vigil models create --model M --task binary)");
            else context.Human.Write(table);
            return ExitCodes.Ok;
        });

    private static Command CreateModel(CliContext context)
    {
        var model = ModelOption();
        var task = TaskOption("What the model predicts");
        task.Required = true;
        var description = new Option<string?>("--description") { Description = "Free text", HelpName = "TEXT" };
        var positive = new Option<string?>("--positive-label") { Description = "Binary models: the positive class", HelpName = "V" };
        return ServerCommandBuilder.Build(context, "create", "Register a model name with its task", [model, task, description, positive], (p, json, client) =>
        {
            var created = ServerConnection.Wait(client.CreateModelAsync(new CreateModelRequest(ServerCommandBuilder.Required(p, model),
                ParseTask(ServerCommandBuilder.Required(p, task)), p.GetValue(description), p.GetValue(positive))));
            ServerCommandBuilder.WriteJson(context, json, created);
            context.HumanWriter.WriteLine($"created model {created.Name} ({created.Task.ToString().ToLowerInvariant()})");
            return ExitCodes.Ok;
        });
    }

    private static Command Register(CliContext context)
    {
        var model = ModelOption();
        var version = new Option<string?>("--version") { Description = "Version name (unique per model)", Required = true, HelpName = "V" };
        var artifact = new Option<string?>("--artifact") { Description = "Model file to store with the version (ONNX, zip, …)", HelpName = "FILE" };
        var framework = new Option<string?>("--framework") { Description = "e.g. onnx, ml.net, sklearn", HelpName = "NAME" };
        var evaluation = new Option<string?>("--evaluation") { Description = "Attach a vigil evaluate JSON result", HelpName = "FILE" };
        var fingerprint = new Option<string?>("--training-fingerprint") { Description = "vigil fingerprint of the training data", HelpName = "FP" };
        var tags = new Option<string[]>("--tag") { Description = "Tag the version (repeatable or comma-separated)", HelpName = "K=V" };
        var task = TaskOption("Create the model with this task first when it is not registered yet");
        var positive = new Option<string?>("--positive-label") { Description = "With --task binary: the positive class of a new model", HelpName = "V" };
        return ServerCommandBuilder.Build(context, "register", "Register a model version (with its artifact, evaluation and tags)",
            [model, version, artifact, framework, evaluation, fingerprint, tags, task, positive], (p, json, client) =>
            {
                var name = ServerCommandBuilder.Required(p, model);
                var tagMap = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var item in (p.GetValue(tags) ?? []).SelectMany(CommonOptions.SplitList))
                {
                    var eq = item.IndexOf('=');
                    if (eq <= 0) throw new UsageException($"--tag expects KEY=VALUE, got '{item}'");
                    tagMap[item[..eq].Trim()] = item[(eq + 1)..].Trim();
                }
                JsonElement? evaluationJson = p.GetValue(evaluation) is { } evalPath ? ReadJsonFile(evalPath, "--evaluation") : null;
                var artifactPath = p.GetValue(artifact);
                if (artifactPath is not null && !File.Exists(artifactPath)) throw new UsageException($"--artifact: no file {artifactPath}");
                var request = new RegisterVersionRequest(ServerCommandBuilder.Required(p, version), p.GetValue(framework), p.GetValue(fingerprint),
                    evaluationJson, tagMap.Count == 0 ? null : tagMap);

                if (p.GetValue(task) is { } t)
                {
                    try
                    {
                        ServerConnection.Wait(client.CreateModelAsync(new CreateModelRequest(name, ParseTask(t), null, p.GetValue(positive))));
                        context.HumanWriter.WriteLine($"created model {name} ({t.ToLowerInvariant()})");
                    }
                    catch (VigilApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
                    {
                        // already registered: add the version to it
                    }
                }
                ModelVersion registered;
                try
                {
                    registered = artifactPath is null
                        ? ServerConnection.Wait(client.RegisterVersionAsync(name, request))
                        : ServerConnection.Wait(client.RegisterVersionAsync(name, request, artifactPath));
                }
                catch (VigilApiException e) when (e.StatusCode == HttpStatusCode.NotFound && p.GetValue(task) is null)
                {
                    throw new UsageException($"model '{name}' is not registered: add --task binary|multiclass|regression to create it ({e.Detail ?? e.Title})");
                }
                ServerCommandBuilder.WriteJson(context, json, registered);
                context.HumanWriter.WriteLine($"registered {registered.Model} version {registered.Version}" +
                    (registered.ArtifactSha256 is { } sha ? $" (artifact sha256 {sha[..Math.Min(12, sha.Length)]}…)" : ""));
                return ExitCodes.Ok;
            });
    }

    private static Command Alias(CliContext context)
    {
        var model = ModelOption();
        var alias = new Option<string?>("--alias") { Description = "Alias name", Required = true, HelpName = "A" };
        var version = new Option<string?>("--version") { Description = "Version to point at", Required = true, HelpName = "V" };
        return ServerCommandBuilder.Build(context, "alias", "Point an alias at a version without a gate (use promote for a gated move)", [model, alias, version], (p, json, client) =>
        {
            var set = ServerConnection.Wait(client.SetAliasAsync(ServerCommandBuilder.Required(p, model), ServerCommandBuilder.Required(p, alias), ServerCommandBuilder.Required(p, version)));
            ServerCommandBuilder.WriteJson(context, json, set);
            context.HumanWriter.WriteLine($"{set.Model}: {set.Alias} → {set.Version}");
            return ExitCodes.Ok;
        });
    }

    private static Command Promote(CliContext context)
    {
        var model = ModelOption();
        var version = new Option<string?>("--version") { Description = "Candidate version", Required = true, HelpName = "V" };
        var alias = new Option<string>("--alias") { Description = "Alias to move", DefaultValueFactory = _ => "champion", HelpName = "A" };
        var data = new Option<string?>("--data", "--input") { Description = "Evaluation data with the label and both score columns (CSV or Parquet); uploaded as a dataset", Required = true, HelpName = "FILE" };
        var label = new Option<string?>("--label") { Description = "Label column", Required = true, HelpName = "COL" };
        var candidate = new Option<string?>("--candidate-score") { Description = "Score column of the candidate", Required = true, HelpName = "COL" };
        var baseline = new Option<string?>("--baseline-score") { Description = "Score column of the alias's current version", HelpName = "COL" };
        var gate = new Option<string?>("--gate") { Description = "Margins on candidate − baseline judged on the CI bound, e.g. \"roc_auc >= -0.01; f1 >= -0.02\" (direction from the metric)", HelpName = "COND" };
        var floor = new Option<string?>("--floor") { Description = "Absolute floors on the candidate, e.g. \"roc_auc >= 0.8\"", HelpName = "COND" };
        var positive = new Option<string?>("--positive-label") { Description = "The positive class", HelpName = "V" };
        var bootstrap = new Option<int?>("--bootstrap") { Description = "Paired bootstrap replicates (server default 1000)", HelpName = "N" };
        var seed = new Option<int?>("--seed") { Description = "Bootstrap seed", HelpName = "S" };
        return ServerCommandBuilder.Build(context, "promote", "Move an alias to a candidate version if it passes the gate on evaluation data; exit 1 when not promoted",
            [model, version, alias, data, label, candidate, baseline, gate, floor, positive, bootstrap, seed], (p, json, client) =>
            {
                PromotionGate parsed;
                try { parsed = PromotionGate.Parse(p.GetValue(gate), p.GetValue(floor)); }
                catch (FormatException e) { throw new UsageException($"--gate/--floor: {e.Message}"); }
                if (parsed.Conditions.Count == 0) throw new UsageException("promote needs a gate: --gate \"METRIC >= MARGIN\" and/or --floor \"METRIC >= VALUE\"");
                var margins = new Dictionary<string, double>(StringComparer.Ordinal);
                var floors = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var c in parsed.Conditions) (c.Kind == GateCheckKind.Margin ? margins : floors)[c.Metric] = c.Threshold;
                var dataPath = ServerCommandBuilder.Required(p, data);
                if (!File.Exists(dataPath)) throw new UsageException($"--data: no file {dataPath}");
                var dataset = ServerConnection.Wait(client.UploadDatasetAsync(dataPath));
                var bootstrapValue = p.GetValue(bootstrap);
                if (bootstrapValue is < 0) throw new UsageException("--bootstrap must be 0 or more");
                var request = new PromoteRequest(ServerCommandBuilder.Required(p, version), DataSource.FromDataset(dataset.Id), ServerCommandBuilder.Required(p, label),
                    ServerCommandBuilder.Required(p, candidate), p.GetValue(baseline), new PromotionGateSettings(margins.Count == 0 ? null : margins, floors.Count == 0 ? null : floors),
                    p.GetValue(alias)!, p.GetValue(positive), bootstrapValue, p.GetValue(seed));
                var result = ServerConnection.Wait(client.PromoteAsync(ServerCommandBuilder.Required(p, model), request));
                ServerCommandBuilder.WriteJson(context, json, result);
                PrintGate(context, result.Evidence);
                if (result.Promoted)
                {
                    context.Human.MarkupLine($"[green]promoted[/]: {Markup.Escape(result.Alias)} {Markup.Escape(result.FromVersion ?? "(none)")} → {Markup.Escape(result.ToVersion ?? "?")}");
                    return ExitCodes.Ok;
                }
                context.Human.MarkupLine($"[red]not promoted[/]: the gate failed; {Markup.Escape(result.Alias)} stays at {Markup.Escape(result.FromVersion ?? "(none)")}");
                return ExitCodes.ConditionHeld;
            });
    }

    private static Command Rollback(CliContext context)
    {
        var model = ModelOption();
        var alias = new Option<string>("--alias") { Description = "Alias to move back", DefaultValueFactory = _ => "champion", HelpName = "A" };
        return ServerCommandBuilder.Build(context, "rollback", "Move an alias back to the version it held before", [model, alias], (p, json, client) =>
        {
            var result = ServerConnection.Wait(client.RollbackAsync(ServerCommandBuilder.Required(p, model), p.GetValue(alias)!));
            ServerCommandBuilder.WriteJson(context, json, result);
            context.HumanWriter.WriteLine($"rolled back {result.Alias}: {result.FromVersion} → {result.ToVersion}");
            return ExitCodes.Ok;
        });
    }

    /// <summary>Prints the gate checks of a promotion's evidence (<c>gate.checks</c>: kind, metric, operator, threshold, bound, observed, passed).</summary>
    private static void PrintGate(CliContext context, JsonElement? evidence)
    {
        if (evidence is not { ValueKind: JsonValueKind.Object } e || !e.TryGetProperty("gate", out var gate) || gate.ValueKind != JsonValueKind.Object
            || !gate.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Array) return;
        foreach (var c in checks.EnumerateArray())
        {
            string S(string name) => c.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";
            var passed = c.TryGetProperty("passed", out var ps) && ps.ValueKind == JsonValueKind.True;
            var reason = S("reason");
            context.Human.MarkupLine(Markup.Escape($"gate {S("kind")} {S("metric")} {S("operator")} {S("threshold")} on {S("bound")} = {S("observed")}: ") +
                (passed ? "[green]pass[/]" : "[red]FAIL[/]") + Markup.Escape(reason is { Length: > 0 } && reason != "null" ? $" ({reason})" : ""));
        }
    }

    /// <summary>Reads a JSON file, turning problems into usage errors naming the option and file.</summary>
    internal static JsonElement ReadJsonFile(string path, string option)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"{option}: cannot read {path}: {e.Message}"); }
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new UsageException($"{option}: {path} is not JSON: {e.Message}"); }
    }
}
