using System.Globalization;
using Vigil.Core.Data;

namespace Vigil.Monitoring.Reference;

/// <summary>
/// The positive class of a binary model and the test "is this label text positive?". The label is the monitor's
/// <c>positive_label</c>, else the model's, else inferred from the reference labels as CONTRACTS.md says: with labels
/// {0,1}, {false,true} or {no,yes} (any case) the positive one is 1 / true / yes. Two texts match when both are
/// numbers and equal (so "1" matches "1.0"), else when equal ignoring case.
/// </summary>
public sealed class PositiveLabel
{
    private readonly double _number;

    /// <summary>Creates the matcher for <paramref name="label"/>.</summary>
    public PositiveLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        Label = label;
        _number = double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN;
    }

    /// <summary>The positive label text.</summary>
    public string Label { get; }

    /// <summary>True when <paramref name="text"/> is the positive label.</summary>
    public bool Matches(string? text)
    {
        if (text is null) return false;
        if (!double.IsNaN(_number) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return x == _number;
        return string.Equals(text.Trim(), Label, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Resolves the positive label (explicit, else the model's, else inferred); null with <paramref name="problem"/>
    /// set when it cannot be inferred (the distinct labels are listed).
    /// </summary>
    public static PositiveLabel? Resolve(string? configured, string? model, Column? referenceLabels, out string? problem)
    {
        problem = null;
        if (configured is not null) return new PositiveLabel(configured);
        if (model is not null) return new PositiveLabel(model);
        if (referenceLabels is null) { problem = "no label column in the reference data"; return null; }
        var distinct = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < referenceLabels.Length && distinct.Count <= 3; i++)
            if (referenceLabels.GetText(i) is { } t) distinct.Add(t.Trim());
        if (distinct.Count == 2)
        {
            foreach (var (negative, positive) in new[] { ("0", "1"), ("false", "true"), ("no", "yes") })
                if (distinct.Contains(negative) && distinct.Contains(positive)) return new PositiveLabel(positive);
        }
        problem = $"cannot infer the positive label from the reference labels ({string.Join(", ", distinct.Take(3))}{(distinct.Count > 3 ? ", …" : "")}); give positive_label";
        return null;
    }
}
