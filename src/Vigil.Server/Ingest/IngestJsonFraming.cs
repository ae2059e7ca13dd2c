using System.Globalization;
using System.Text.Json;

namespace Vigil.Server.Ingest;

/// <summary>Reads one event (or label) object; the reader is on the value's first token and must end on its last.</summary>
internal interface IIngestEventSink
{
    /// <summary>Consumes the value at <paramref name="index"/>. <paramref name="json"/> is the span the reader reads.</summary>
    void ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int index);
}

/// <summary>
/// Splits an ingest body into events: a JSON array of objects, or NDJSON (objects separated by white space,
/// normally one per line). The first non-white-space byte decides (<c>[</c> or <c>{</c>), whatever the
/// content type says. Malformed JSON anywhere makes the whole request a 400 naming the line, the byte in that
/// line and the byte offset in the body; more than <see cref="IngestLimits.MaxEvents"/> values is a 413.
/// </summary>
internal static class IngestJsonFraming
{
    public static IngestRequestError? ReadEvents<TSink>(ReadOnlySpan<byte> body, TSink sink, out int count)
        where TSink : IIngestEventSink
    {
        count = 0;
        int bom = body.StartsWith("\uFEFF"u8) ? 3 : 0;
        body = body[bom..];
        int first = 0;
        while (first < body.Length && (body[first] == ' ' || body[first] == '\t' || body[first] == '\r' || body[first] == '\n')) first++;
        if (first == body.Length)
            return IngestRequestError.NotJson("The body is empty; send a JSON array of events or NDJSON (one JSON object per line).");
        byte c = body[first];
        bool array = c == '[';
        if (!array && c != '{')
        {
            string shown = c is >= 0x20 and < 0x7F ? $"'{(char)c}'" : $"byte 0x{c:X2}";
            return IngestRequestError.NotJson(
                $"The body starts with {shown} at byte offset {first + bom}; expected a JSON array ('[') or NDJSON objects ('{{').");
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = !array, MaxDepth = 64 });
        try
        {
            if (array)
            {
                reader.Read();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (count == IngestLimits.MaxEvents) return IngestRequestError.TooManyEvents();
                    sink.ReadEvent(ref reader, body, count);
                    count++;
                }
                while (reader.Read()) { } // anything after the closing bracket throws
            }
            else
            {
                while (reader.Read())
                {
                    if (count == IngestLimits.MaxEvents) return IngestRequestError.TooManyEvents();
                    sink.ReadEvent(ref reader, body, count);
                    count++;
                }
            }
        }
        catch (JsonException e)
        {
            long line = e.LineNumber ?? 0, column = e.BytePositionInLine ?? 0;
            long offset = LineStart(body, line) + column + bom;
            string what = array ? "" : $" (NDJSON value {count + 1})";
            return IngestRequestError.Malformed(string.Create(CultureInfo.InvariantCulture,
                $"Malformed JSON at line {line + 1}, byte {column + 1} of that line, byte offset {offset}{what}: {FirstSentence(e.Message)}"));
        }
        catch (InvalidOperationException e)
        {
            return IngestRequestError.Malformed(string.Create(CultureInfo.InvariantCulture,
                $"Unreadable JSON near byte offset {reader.TokenStartIndex + bom}: {e.Message}"));
        }
        return null;
    }

    private static long LineStart(ReadOnlySpan<byte> body, long line)
    {
        int at = 0;
        for (long l = 0; l < line; l++)
        {
            int nl = body[at..].IndexOf((byte)'\n');
            if (nl < 0) break;
            at += nl + 1;
        }
        return at;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
