using System.Globalization;

namespace Vigil.Core.Drift.Streaming;

/// <summary>An invalid detector parameter name or value (an <see cref="ArgumentException"/> with a user-facing message).</summary>
public sealed class DetectorParameterException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public DetectorParameterException(string message) : base(message)
    {
    }
}

/// <summary>Parses a detector's text parameters against its descriptor (unknown names rejected, defaults filled in).</summary>
internal sealed class DetectorParameterReader
{
    private readonly DetectorDescriptor descriptor;
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public DetectorParameterReader(DetectorDescriptor descriptor, IReadOnlyDictionary<string, string>? given)
    {
        this.descriptor = descriptor;
        foreach (var p in descriptor.Parameters) values[p.Name] = p.DefaultValue;
        if (given is null) return;
        foreach (var (key, value) in given)
        {
            var match = Find(key) ?? throw new DetectorParameterException(
                $"Unknown parameter '{key}' for detector '{descriptor.Name}'. Valid parameters: {ValidNames()}.");
            values[match] = (value ?? "").Trim();
        }
    }

    private string? Find(string key)
    {
        foreach (var p in descriptor.Parameters)
            if (string.Equals(p.Name, key, StringComparison.Ordinal)) return p.Name;
        foreach (var p in descriptor.Parameters)
            if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)) return p.Name;
        return null;
    }

    private string ValidNames()
    {
        var parts = new List<string>();
        foreach (var p in descriptor.Parameters) parts.Add($"{p.Name} (default {p.DefaultValue})");
        return string.Join(", ", parts);
    }

    private DetectorParameterException Bad(string name, string expected) =>
        new($"Parameter '{name}' of detector '{descriptor.Name}' must be {expected}, got '{values[name]}'.");

    public double Double(string name) =>
        double.TryParse(values[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Bad(name, "a finite number");

    /// <summary>A number, or NaN for <c>none</c> (meaning "estimate").</summary>
    public double OptionalDouble(string name) => IsNone(values[name]) ? double.NaN : Double(name);

    public int Int(string name) =>
        int.TryParse(values[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(name, "an integer");

    public long? OptionalLong(string name) =>
        IsNone(values[name]) ? null
        : long.TryParse(values[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw Bad(name, "an integer or 'none'");

    public bool Bool(string name) => values[name].ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw Bad(name, "true or false"),
    };

    public PageHinkleyMode Mode(string name) => values[name].ToLowerInvariant() switch
    {
        "up" => PageHinkleyMode.Up,
        "down" => PageHinkleyMode.Down,
        "both" => PageHinkleyMode.Both,
        _ => throw Bad(name, "one of up, down, both"),
    };

    private static bool IsNone(string s) => s.Length == 0 || s.Equals("none", StringComparison.OrdinalIgnoreCase)
        || s.Equals("null", StringComparison.OrdinalIgnoreCase);
}
