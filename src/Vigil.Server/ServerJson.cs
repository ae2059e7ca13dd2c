using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Server;

/// <summary>
/// The API's JSON conventions (docs/API.md): snake_case names, required constructor parameters and nullable annotations
/// respected (a missing or null required field is a 400 naming it), enums as snake_case strings.
/// </summary>
internal static class ServerJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.DictionaryKeyPolicy = null;
        o.RespectNullableAnnotations = true;
        o.RespectRequiredConstructorParameters = true;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return o;
    }
}
