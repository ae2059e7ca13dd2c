using System.Text.Json;

namespace Vigil.Monitoring;

/// <summary>Writes a JSON document with a <see cref="Utf8JsonWriter"/> into a string (the evidence and payloads monitoring stores and sends).</summary>
internal static class JsonText
{
    /// <summary>The UTF-8 text <paramref name="write"/> produces.</summary>
    public static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) write(w);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
