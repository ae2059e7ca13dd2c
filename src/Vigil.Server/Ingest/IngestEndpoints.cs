using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Monitoring;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// Prediction and label ingest (docs/API.md, "Ingest"). Whole-request problems (not JSON, malformed, too many
/// events, too large, unknown model, no monitor) are problem details and write nothing; otherwise the valid
/// events are appended in one store transaction and the 200 answer is sent only after it committed. Needs
/// <see cref="IngestServiceCollectionExtensions.AddVigilIngest"/> and an <see cref="IVigilStore"/> singleton.
/// </summary>
internal static class IngestEndpoints
{
    /// <summary>Maps <c>POST /models/{model}/predictions</c> and <c>/labels</c> on the <c>/api/v1</c> group.</summary>
    public static RouteGroupBuilder MapIngestEndpoints(this RouteGroupBuilder api)
    {
        // Resolved once: AddVigilIngest registers both (then monitor PUT can invalidate the same cache); without it
        // the endpoints still work on their own instances, and schema changes are seen after the cache's TTL.
        var services = ((IEndpointRouteBuilder)api).ServiceProvider;
        var cache = services.GetService<IngestSchemaCache>() ?? new IngestSchemaCache();
        var metrics = services.GetService<IngestMetrics>() ?? new IngestMetrics(services.GetRequiredService<IMeterFactory>());
        var ingest = new Handlers(cache, metrics);
        api.MapPost("/models/{model}/predictions", (string model, HttpContext context) => ingest.PredictionsAsync(model, context))
            .RequireScope(KeyScope.Ingest)
            .WithName("IngestPredictions")
            .WithTags("Ingest")
            .WithSummary("Append prediction events (JSON array or NDJSON, at most 10,000 events / 16 MB).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapPost("/models/{model}/labels", (string model, HttpContext context) => ingest.LabelsAsync(model, context))
            .RequireScope(KeyScope.Ingest)
            .WithName("IngestLabels")
            .WithTags("Ingest")
            .WithSummary("Append labels [{id, label, timestamp?}] (JSON array or NDJSON); labels may precede their events.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private sealed class Handlers(IngestSchemaCache cache, IngestMetrics metrics)
    {
        public async Task<IResult> PredictionsAsync(string model, HttpContext context)
        {
            long started = Stopwatch.GetTimestamp();
            var services = context.RequestServices;
            var store = services.GetRequiredService<IVigilStore>();
            var ct = context.RequestAborted;

            var entry = await cache.GetAsync(store, model, ct).ConfigureAwait(false);
            if (entry is null) return UnknownModel(model);
            if (entry.Schema is null)
                return Problem(StatusCodes.Status409Conflict, "Model has no feature schema",
                    entry.HasMonitor
                        ? $"Model '{model}' has a monitor but no stored feature schema; set the monitor again (PUT /api/v1/models/{model}/monitor)."
                        : $"Model '{model}' has no monitor, so ingest has no feature schema to validate against; set one with PUT /api/v1/models/{model}/monitor first.");

            var (buffer, length, bodyError) = await RequestBodyReader.ReadAsync(context.Request, ct).ConfigureAwait(false);
            if (bodyError is not null) return Problem(bodyError);
            var parser = entry.RentParser();
            try
            {
                IngestRequestError? parseError;
                try { parseError = parser.Parse(buffer.AsSpan(0, length), out _); }
                finally { ArrayPool<byte>.Shared.Return(buffer!); }
                if (parseError is not null) return Problem(parseError);

                var batch = parser.Batch;
                int accepted = 0, duplicates = 0;
                if (batch.Count > 0)
                {
                    var result = await store.Predictions.AppendAsync(model, batch, ct).ConfigureAwait(false);
                    accepted = result.Inserted;
                    duplicates = result.DuplicateIndexes.Count;
                    // Returns at once; the monitor recomputes the touched windows in the background.
                    services.GetService<MonitorService>()?.NotifyPredictions(model, parser.MinTimestamp, parser.MaxTimestamp);
                }
                metrics.RecordPredictions(model, accepted, parser.Rejects.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
                return Json(writer =>
                {
                    writer.WriteNumber("accepted", accepted);
                    writer.WriteNumber("duplicates", duplicates);
                    WriteRejects(writer, parser.Rejects);
                });
            }
            finally
            {
                entry.ReturnParser(parser);
            }
        }

        public async Task<IResult> LabelsAsync(string model, HttpContext context)
        {
            long started = Stopwatch.GetTimestamp();
            var services = context.RequestServices;
            var store = services.GetRequiredService<IVigilStore>();
            var ct = context.RequestAborted;

            var entry = await cache.GetAsync(store, model, ct).ConfigureAwait(false);
            if (entry is null) return UnknownModel(model);
            var (buffer, length, bodyError) = await RequestBodyReader.ReadAsync(context.Request, ct).ConfigureAwait(false);
            if (bodyError is not null) return Problem(bodyError);
            var parser = new LabelEventParser();
            IngestRequestError? parseError;
            try { parseError = parser.Parse(buffer.AsSpan(0, length), out _); }
            finally { ArrayPool<byte>.Shared.Return(buffer!); }
            if (parseError is not null) return Problem(parseError);

            LabelAppendResult result = new(0, 0, 0, Array.Empty<DateTime>());
            if (parser.Labels.Count > 0)
            {
                result = await store.Labels.AppendAsync(model, parser.Labels, ct).ConfigureAwait(false);
                if (result.AffectedEventTimes.Count > 0) services.GetService<MonitorService>()?.NotifyLabels(model, result.AffectedEventTimes);
            }
            metrics.RecordLabels(model, result.Stored, parser.Rejects.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
            return Json(writer =>
            {
                writer.WriteNumber("stored", result.Stored);
                writer.WriteNumber("matched", result.Matched);
                writer.WriteNumber("pending", result.Pending);
                WriteRejects(writer, parser.Rejects);
            });
        }

    }

    private static void WriteRejects(Utf8JsonWriter writer, List<IngestReject> rejects)
    {
        writer.WriteStartArray("rejected");
        foreach (var r in rejects)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", r.Index);
            if (r.Id is null) writer.WriteNull("id");
            else writer.WriteString("id", r.Id);
            writer.WriteString("reason", r.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static IResult Json(Action<Utf8JsonWriter> body)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Results.Bytes(output.WrittenMemory, "application/json");
    }

    private static IResult UnknownModel(string model) =>
        Problem(StatusCodes.Status404NotFound, "Unknown model", $"No model named '{model}' is registered; create it with POST /api/v1/models.");

    private static IResult Problem(IngestRequestError error) => Problem(error.Status, error.Title, error.Detail);

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}
