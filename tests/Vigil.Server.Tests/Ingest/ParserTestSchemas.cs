using System.Text;
using Vigil.Server.Ingest;
using Vigil.Storage;

namespace Vigil.Server.Tests.Ingest;

internal static class ParserTestSchemas
{
    public static readonly FeatureSchema Credit = new(new[]
    {
        new FeatureField("age", FeatureKind.Numeric),
        new FeatureField("income", FeatureKind.Numeric),
        new FeatureField("city", FeatureKind.Categorical),
    });

    public static IngestSchema Binary(string? positive = "1") =>
        new(new ModelRecord("credit", ModelTask.Binary, null, positive, DateTimeOffset.UnixEpoch), Credit);

    public static IngestSchema Multiclass() =>
        new(new ModelRecord("iris", ModelTask.Multiclass, null, null, DateTimeOffset.UnixEpoch), Credit);

    public static IngestSchema Regression() =>
        new(new ModelRecord("price", ModelTask.Regression, null, null, DateTimeOffset.UnixEpoch), Credit);

    public static PredictionEventParser Parser(IngestSchema? schema = null)
    {
        schema ??= Binary();
        return new PredictionEventParser(schema, new PredictionBatch(schema.Schema, IngestLimits.MaxEvents));
    }

    public static (PredictionEventParser Parser, IngestRequestError? Error, int Events) Parse(string body, IngestSchema? schema = null)
    {
        var p = Parser(schema);
        var error = p.Parse(Encoding.UTF8.GetBytes(body), out int n);
        return (p, error, n);
    }

    public static string Event(string id, string features = "\"age\": 41, \"income\": 5200.5, \"city\": \"Lyon\"",
        string timestamp = "\"2026-11-27T12:00:00Z\"", string extra = "") =>
        $"{{\"id\": {id}, \"timestamp\": {timestamp}, \"features\": {{{features}}}{extra}}}";
}
