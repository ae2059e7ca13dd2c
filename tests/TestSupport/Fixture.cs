using System.Text.Json;

namespace Vigil.TestSupport;

/// <summary>Reads JSON fixtures frozen by the generator scripts in <c>tests/fixtures</c>.</summary>
public static class Fixture
{
    /// <summary>Parses a fixture file into a <see cref="JsonDocument"/>.</summary>
    public static JsonDocument Load(string name) => JsonDocument.Parse(File.ReadAllText(Paths.Fixture(name)));

    /// <summary>Reads a JSON array of numbers (null becomes NaN).</summary>
    public static double[] Doubles(this JsonElement e)
    {
        var result = new double[e.GetArrayLength()];
        var i = 0;
        foreach (var x in e.EnumerateArray())
            result[i++] = x.ValueKind == JsonValueKind.Number ? x.GetDouble() : double.NaN;
        return result;
    }

    /// <summary>Reads a JSON array of integers.</summary>
    public static int[] Ints(this JsonElement e)
    {
        var result = new int[e.GetArrayLength()];
        var i = 0;
        foreach (var x in e.EnumerateArray()) result[i++] = x.GetInt32();
        return result;
    }

    /// <summary>Reads a JSON array of strings.</summary>
    public static string[] Strings(this JsonElement e)
    {
        var result = new string[e.GetArrayLength()];
        var i = 0;
        foreach (var x in e.EnumerateArray()) result[i++] = x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText();
        return result;
    }

    /// <summary>A number, or NaN when the fixture holds null.</summary>
    public static double Number(this JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;
}
