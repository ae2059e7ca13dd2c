using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Audit;
using Vigil.Server.Problems;
using Vigil.Server.Registry;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Server.Operations;

/// <summary><c>POST /api/v1/datasets?name=</c> (admin): raw CSV or Parquet bytes, checked readable, stored content-addressed.</summary>
internal static class DatasetEndpoints
{
    public static RouteGroupBuilder MapDatasetEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/datasets", UploadAsync).RequireScope(KeyScope.Admin).WithTags("Datasets").WithName("UploadDataset")
            .Accepts<byte[]>("text/csv", "application/octet-stream", "application/vnd.apache.parquet");
        return api;
    }

    private static async Task<Created<DatasetView>> UploadAsync(string name, IVigilStore store, HttpContext context)
    {
        var ct = context.RequestAborted;
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255 || name.IndexOfAny(['/', '\\']) >= 0)
            throw ApiProblemException.BadRequest("query parameter 'name' must be a file name (no path, at most 255 characters)", "name");
        if (context.Request.ContentLength > VigilServer.MaxRequestBodyBytes)
            throw new ApiProblemException(413, "Payload too large", $"the request body exceeds the limit of {VigilServer.MaxRequestBodyBytes / (1024 * 1024)} MB");
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) throw ApiProblemException.BadRequest("the request body is empty: send the CSV or Parquet bytes", "body");
        var format = DataInput.FormatOf(name, bytes);
        var frame = await Task.Run(() => DataInput.Parse(bytes, format, name), ct); // a file we cannot read is refused now, not when a monitor needs it
        if (frame.RowCount == 0) throw ApiProblemException.BadRequest($"{name} has no data rows", "body");
        var record = await store.Datasets.PutAsync(name, format, bytes, ct);
        var view = new DatasetView(record.Id, record.Name, record.Format, record.SizeBytes, record.CreatedAt.UtcDateTime);
        await store.RecordAsync(context.Actor(), "dataset.create", $"dataset:{record.Id}", null, view, ct);
        return TypedResults.Created($"/api/v1/datasets/{record.Id}", view);
    }
}

internal sealed record DatasetView(string Id, string Name, string Format, long SizeBytes, DateTime CreatedAt);
