using System.Globalization;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// Typed access to a spec's parameters that remembers which keys were read, so the factory can reject unknown keys
/// (typos such as <c>mni:</c>) instead of silently ignoring them. Every error is a <see cref="SuiteSpecException"/>
/// naming the check, the parameter and what was expected, at the parameter's line (else the check's).
/// </summary>
public sealed class ExpectationParameters
{
    private readonly ExpectationSpec _spec;
    private readonly Dictionary<string, SuiteValue> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Wraps a spec; a key given twice is an error.</summary>
    public ExpectationParameters(ExpectationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        foreach (var (k, v) in spec.Parameters)
            if (!_values.TryAdd(k, v)) throw Error($"parameter '{k}' is given twice", v.Line);
    }

    private SuiteSpecException Error(string problem, int? line = null) => new($"check '{_spec.Check}': {problem}", line ?? _spec.Line);

    private SuiteValue? Get(string key)
    {
        _used.Add(key);
        return _values.GetValueOrDefault(key);
    }

    /// <summary>True when the key is present.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>A required text parameter.</summary>
    public string String(string key) => OptionalString(key) ?? throw Error($"missing required parameter '{key}'");

    /// <summary>An optional text parameter.</summary>
    public string? OptionalString(string key)
    {
        if (Get(key) is not { } v) return null;
        if (v.IsList) throw Error($"parameter '{key}' must be a single value, not a list", v.Line);
        return v.Scalar;
    }

    /// <summary>An optional number.</summary>
    public double? OptionalNumber(string key)
    {
        if (Get(key) is not { } v || (!v.IsList && v.Scalar is null)) return null;
        if (v.IsList || !double.TryParse(v.Scalar, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || double.IsNaN(x))
            throw Error($"parameter '{key}' must be a number, got '{(v.IsList ? "[list]" : v.Scalar)}'", v.Line);
        return x;
    }

    /// <summary>A required number.</summary>
    public double Number(string key) => OptionalNumber(key) ?? throw Error($"missing required parameter '{key}'");

    /// <summary>An optional flag (true/false, yes/no).</summary>
    public bool? OptionalFlag(string key)
    {
        if (OptionalString(key) is not { } s) return null;
        return s.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error($"parameter '{key}' must be true or false, got '{s}'", _values[key].Line),
        };
    }

    /// <summary>A required list (a single scalar counts as a one-item list); null items are rejected.</summary>
    public IReadOnlyList<string> List(string key) => OptionalList(key) ?? throw Error($"missing required parameter '{key}'");

    /// <summary>An optional list.</summary>
    public IReadOnlyList<string>? OptionalList(string key)
    {
        if (Get(key) is not { } v) return null;
        var items = v.Items ?? [v.Scalar];
        var r = new string[items.Count];
        for (var i = 0; i < r.Length; i++) r[i] = items[i] ?? throw Error($"parameter '{key}' holds a null item", v.Line);
        return r;
    }

    /// <summary>The shared options: <c>severity</c> (error | warn) and <c>name</c>.</summary>
    public ExpectationOptions Options()
    {
        var severity = OptionalString("severity") switch
        {
            null or "error" => ExpectationSeverity.Error,
            "warn" or "warning" => ExpectationSeverity.Warn,
            var s => throw Error($"severity must be error or warn, got '{s}'", _values["severity"].Line),
        };
        return new ExpectationOptions(severity, OptionalString("name"));
    }

    /// <summary>The one column of a single-column check (<c>column</c>).</summary>
    public string Column() => String("column");

    /// <summary>Throws for any key no getter asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var (k, v) in _spec.Parameters)
            if (!_used.Contains(k))
                throw Error($"unknown parameter '{k}' (known: {string.Join(", ", _used.Order(StringComparer.Ordinal))})", v.Line);
    }

    /// <summary>Wraps an <see cref="ArgumentException"/> from a check's constructor with the check's line.</summary>
    public SuiteSpecException Wrap(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var msg = e.Message;
        var cut = msg.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) msg = msg[..cut];
        return e as SuiteSpecException ?? Error(msg.StartsWith(_spec.Check + ":", StringComparison.Ordinal) ? msg[(_spec.Check.Length + 1)..].Trim() : msg);
    }
}
