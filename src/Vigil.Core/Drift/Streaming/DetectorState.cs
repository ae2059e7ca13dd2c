using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// The serializable state of a change detector: its catalog name, its parameters and its learned statistics as named
/// arrays of numbers (flags are 0/1, counts are exact integers below 2^53). Infinities are kept: the JSON form writes
/// them as the strings <c>"Infinity"</c> / <c>"-Infinity"</c>.
/// </summary>
/// <param name="Detector">The detector's catalog name.</param>
/// <param name="Parameters">The detector's parameters (River's names, invariant formatting).</param>
/// <param name="Values">Named state arrays; their meaning is private to each detector and versioned by <see cref="Version"/>.</param>
/// <param name="Version">The state layout version (currently 1).</param>
public sealed record DetectorState(
    string Detector,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double[]> Values,
    int Version = 1)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Writes the state as JSON (doubles round-trip exactly).</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new StateDto(Detector, new Dictionary<string, string>(Parameters), new Dictionary<string, double[]>(Values), Version), JsonOptions);

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a detector state.</exception>
    public static DetectorState FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        StateDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<StateDto>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ArgumentException("Not a detector state: " + e.Message, nameof(json), e);
        }
        if (dto?.Detector is null || dto.Parameters is null || dto.Values is null)
            throw new ArgumentException("Not a detector state: 'detector', 'parameters' and 'values' are required.", nameof(json));
        return new DetectorState(dto.Detector, dto.Parameters, dto.Values, dto.Version);
    }

    private sealed record StateDto(string Detector, Dictionary<string, string> Parameters, Dictionary<string, double[]> Values, int Version);
}

/// <summary>Collects a detector's values into a <see cref="DetectorState"/>.</summary>
internal sealed class StateWriter
{
    private readonly Dictionary<string, double[]> values = new(StringComparer.Ordinal);

    public StateWriter Add(string name, double value)
    {
        values.Add(name, [value]);
        return this;
    }

    public StateWriter Add(string name, bool value) => Add(name, value ? 1.0 : 0.0);

    public StateWriter Add(string name, ReadOnlySpan<double> array)
    {
        values.Add(name, array.ToArray());
        return this;
    }

    public DetectorState Build(IChangeDetector detector) => new(detector.Name, detector.Parameters, values);
}

/// <summary>Reads a detector's values back from a <see cref="DetectorState"/>, with clear errors on malformed states.</summary>
internal sealed class StateReader
{
    private readonly DetectorState state;

    private StateReader(DetectorState state) => this.state = state;

    /// <summary>Checks that <paramref name="state"/> belongs to <paramref name="detector"/> (same kind, same parameters).</summary>
    public static StateReader For(IChangeDetector detector, DetectorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!string.Equals(state.Detector, detector.Name, StringComparison.Ordinal))
            throw new ArgumentException($"The state belongs to detector '{state.Detector}', not '{detector.Name}'.", nameof(state));
        if (state.Version != 1)
            throw new ArgumentException($"Unsupported detector state version {state.Version.ToString(CultureInfo.InvariantCulture)} (expected 1).", nameof(state));
        var mine = detector.Parameters;
        var same = mine.Count == state.Parameters.Count;
        if (same)
        {
            foreach (var (key, value) in mine)
            {
                if (!state.Parameters.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
                {
                    same = false;
                    break;
                }
            }
        }
        if (!same)
            throw new ArgumentException(
                $"The state's parameters ({Describe(state.Parameters)}) differ from this {detector.Name} detector's ({Describe(mine)}); " +
                "create the detector with DetectorCatalog.FromState instead.", nameof(state));
        return new StateReader(state);
    }

    public double[] Array(string name) =>
        state.Values.TryGetValue(name, out var a) && a is not null
            ? a
            : throw new ArgumentException($"The {state.Detector} state has no value '{name}'.", "state");

    public double[] Array(string name, int length)
    {
        var a = Array(name);
        if (a.Length != length)
            throw new ArgumentException($"The {state.Detector} state's '{name}' has {a.Length} values, expected {length}.", "state");
        return a;
    }

    public double Double(string name) => Array(name, 1)[0];

    public bool Bool(string name) => Double(name) != 0.0;

    public long Long(string name)
    {
        var v = Double(name);
        if (v != Math.Floor(v) || Math.Abs(v) > 9007199254740992.0)
            throw new ArgumentException($"The {state.Detector} state's '{name}' is not an integer.", "state");
        return (long)v;
    }

    public int Int(string name, int min, int max)
    {
        var v = Long(name);
        if (v < min || v > max)
            throw new ArgumentException($"The {state.Detector} state's '{name}' = {v.ToString(CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].", "state");
        return (int)v;
    }

    private static string Describe(IReadOnlyDictionary<string, string> p)
    {
        var parts = new List<string>(p.Count);
        foreach (var (k, v) in p) parts.Add(k + "=" + v);
        parts.Sort(StringComparer.Ordinal);
        return string.Join(", ", parts);
    }
}
