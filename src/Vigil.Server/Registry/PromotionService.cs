using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Comparison;
using Vigil.Core.Data;
using Vigil.Core.Metrics;
using Vigil.Server.Audit;
using Vigil.Server.Observability;
using Vigil.Server.Problems;
using Vigil.Storage;
using Vigil.Reports.Json;

namespace Vigil.Server.Registry;

/// <summary>
/// <c>POST /models/{model}/promote</c>: reads the evaluation data (label plus both versions' score columns), compares the
/// candidate with the alias's current holder exactly as <c>vigil compare</c> does (<see cref="ModelComparer"/>: DeLong for
/// ROC AUC, McNemar for accuracy, paired bootstrap otherwise) and judges <see cref="PromotionGate.FromRegistry"/>. With no
/// current holder there is no baseline: only the floors are judged, on the candidate alone. A passed gate moves the alias
/// (kind <c>promote</c>) with the evidence stored in the alias history and the audit log; a failed gate changes nothing.
/// </summary>
internal sealed class PromotionService(IVigilStore store, TimeProvider time, ServerMetrics metrics)
{
    public async Task<PromoteResult> PromoteAsync(string model, PromoteRequest request, string actor, CancellationToken ct)
    {
        var m = await RegistryEndpoints.RequireModelAsync(store, model, ct).ConfigureAwait(false);
        if (m.Task != ModelTask.Binary)
            throw ApiProblemException.BadRequest($"promotion gates compare binary classifiers; model '{model}' is {RegistryViews.TaskName(m.Task)}");
        var alias = Names.Check(request.Alias, "$.alias");
        var version = Names.Check(request.Version, "$.version");
        if (await store.Registry.GetVersionAsync(model, version, ct).ConfigureAwait(false) is null)
            throw ApiProblemException.NotFound($"model '{model}' has no version '{version}'");
        if (request.Bootstrap is < 0 or > 100_000)
            throw ApiProblemException.BadRequest("'bootstrap' must lie between 0 and 100000", "$.bootstrap");
        if (!(request.Threshold is >= 0 and <= 1))
            throw ApiProblemException.BadRequest("'threshold' must lie in [0, 1]", "$.threshold");
        var current = await store.Registry.GetAliasAsync(model, alias, ct).ConfigureAwait(false);
        if (current?.Version == version)
            throw ApiProblemException.Conflict($"alias '{alias}' already points at version '{version}'");
        var floorsOnly = current is null;
        if (!floorsOnly && string.IsNullOrWhiteSpace(request.BaselineScore))
            throw ApiProblemException.BadRequest($"alias '{alias}' is held by version '{current!.Version}': give 'baseline_score', the column with its scores", "$.baseline_score");

        var gate = BuildGate(request.Gate, floorsOnly);
        var frame = await DataInput.ReadAsync(store, request.EvaluationData, "$.evaluation_data", ct).ConfigureAwait(false);
        var positive = request.PositiveLabel ?? m.PositiveLabel;
        var baselineColumn = floorsOnly ? request.CandidateScore : request.BaselineScore!;
        var paired = PairedData.FromFrame(frame, request.Label, baselineColumn, request.CandidateScore, positive, request.Threshold);
        var metricNames = new List<string>(ComparisonSettings.DefaultMetrics);
        foreach (var name in gate.Metrics) if (!metricNames.Contains(name)) metricNames.Add(name);
        var settings = new ComparisonSettings { Metrics = metricNames, BootstrapReplicates = floorsOnly ? 0 : request.Bootstrap, Seed = request.Seed };
        var result = await Task.Run(() => ModelComparer.Compare(paired, settings, gate), ct).ConfigureAwait(false);

        var comparison = JsonNode.Parse(ComparisonJson.Render(result))!.AsObject();
        var evidence = new JsonObject
        {
            ["passed"] = result.Gate.Passed,
            ["floors_only"] = floorsOnly,
            ["baseline_version"] = current?.Version,
            ["candidate_version"] = version,
            ["gate"] = comparison["gate"]?.DeepClone(),
            ["comparison"] = comparison,
        };
        var evidenceText = evidence.ToJsonString();
        metrics.Promotions.Add(1, new KeyValuePair<string, object?>("outcome", result.Gate.Passed ? "promoted" : "rejected"));
        if (result.Gate.Passed)
        {
            var at = RegistryEndpoints.Now(time);
            await store.Registry.SetAliasAsync(new AliasChange(model, alias, current?.Version, version, "promote", evidenceText, actor, at), ct).ConfigureAwait(false);
            await store.RecordAsync(actor, "alias.promote", $"model:{model}/alias:{alias}", current is null ? null : RegistryViews.View(current),
                new { alias = RegistryViews.View(new AliasRecord(model, alias, version, at)), evidence = JsonDocument.Parse(evidenceText).RootElement }, ct).ConfigureAwait(false);
        }
        return new PromoteResult(result.Gate.Passed, alias, current?.Version, version, JsonDocument.Parse(evidenceText).RootElement.Clone());
    }

    private static PromotionGate BuildGate(GateRequest? request, bool floorsOnly)
    {
        var margins = request?.Margins;
        var floors = request?.Floors;
        foreach (var (name, value) in (margins ?? []).Concat(floors ?? []))
        {
            if (MetricCatalog.FindBinary(name) is null)
                throw ApiProblemException.BadRequest(
                    $"unknown metric '{name}' in the gate (metrics: {string.Join(", ", MetricCatalog.Binary.Select(x => x.Name))})", $"$.gate");
            if (!double.IsFinite(value)) throw ApiProblemException.BadRequest($"gate value for '{name}' must be a finite number", "$.gate");
        }
        return PromotionGate.FromRegistry(floorsOnly ? null : margins, floors, name => MetricCatalog.FindBinary(name)!.HigherIsBetter);
    }
}
