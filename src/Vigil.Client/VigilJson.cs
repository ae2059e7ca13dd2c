using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Client;

/// <summary>
/// The JSON settings of the Vigil HTTP API (docs/API.md): snake_case names, enums as snake_case strings, nulls
/// omitted when writing, unknown members ignored when reading (so a newer server does not break an older client).
/// </summary>
public static class VigilJson
{
    /// <summary>Shared, immutable serializer options for API payloads.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
