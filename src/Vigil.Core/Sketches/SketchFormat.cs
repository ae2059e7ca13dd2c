using System.Text.Json;

namespace Vigil.Core.Sketches;

/// <summary>Shared checks of the serialized sketch formats; every failure is an <see cref="InvalidDataException"/> saying what was found.</summary>
internal static class SketchFormat
{
    /// <summary>Reads and checks the <c>version</c> of a sketch object.</summary>
    public static void CheckVersion(JsonElement e, string sketch, int expected)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{sketch}: expected an object, found {e.ValueKind}");
        var v = RequiredInt(e, "version", sketch);
        if (v != expected) throw new InvalidDataException($"{sketch}: format version {v} is not supported (this build reads version {expected})");
    }

    /// <summary>Checks the version byte of a binary sketch.</summary>
    public static void CheckVersion(BinaryReader r, string sketch, byte expected)
    {
        var v = r.ReadByte();
        if (v != expected) throw new InvalidDataException($"{sketch}: binary format version {v} is not supported (this build reads version {expected})");
    }

    /// <summary>A required integer property.</summary>
    public static long RequiredLong(JsonElement e, string name, string sketch)
    {
        if (!e.TryGetProperty(name, out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetInt64(out var v))
            throw new InvalidDataException($"{sketch}: missing or non-integer '{name}'");
        return v;
    }

    /// <summary>A required 32-bit integer property.</summary>
    public static int RequiredInt(JsonElement e, string name, string sketch)
    {
        var v = RequiredLong(e, name, sketch);
        if (v is < int.MinValue or > int.MaxValue) throw new InvalidDataException($"{sketch}: '{name}' out of range");
        return (int)v;
    }

    /// <summary>A number property; null reads as NaN.</summary>
    public static double Number(JsonElement e, string name, string sketch)
    {
        if (!e.TryGetProperty(name, out var p)) throw new InvalidDataException($"{sketch}: missing '{name}'");
        if (p.ValueKind == JsonValueKind.Null) return double.NaN;
        if (p.ValueKind != JsonValueKind.Number) throw new InvalidDataException($"{sketch}: '{name}' must be a number or null");
        return p.GetDouble();
    }

    /// <summary>A required string property.</summary>
    public static string RequiredString(JsonElement e, string name, string sketch)
    {
        if (!e.TryGetProperty(name, out var p) || p.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"{sketch}: missing or non-text '{name}'");
        return p.GetString()!;
    }

    /// <summary>Base64 bytes of a property.</summary>
    public static byte[] Base64(JsonElement e, string name, string sketch)
    {
        var s = RequiredString(e, name, sketch);
        try { return Convert.FromBase64String(s); }
        catch (FormatException) { throw new InvalidDataException($"{sketch}: '{name}' is not valid base64"); }
    }

    /// <summary>Writes a number, or null when not finite.</summary>
    public static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value); else w.WriteNull(name);
    }
}
